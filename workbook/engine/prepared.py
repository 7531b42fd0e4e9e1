"""A case and a scenario compiled for evaluation: the graph, base scores, answers' effects.

:func:`prepare` builds a :class:`Prepared` once per scenario; the weighing, the
what-ifs and the Monte Carlo all evaluate it (see :mod:`workbook.engine.weighing`
for how a case becomes a graph).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine.effects import citations, effect_columns, effects
from workbook.engine.evaluation import Graph, compile_graph, evaluate
from workbook.engine.semantics import Semantics, get_semantics
from workbook.engine.standards import ElementScore, Standard, as_standard, get_standard
from workbook.errors import ScenarioError
from workbook.models import Argument, Case, Element
from workbook.scenario import Scenario

__all__ = ["ROOT_BASE", "Prepared", "prepare"]

ROOT_BASE = 0.5
"""Base score of every element's root: neutral until arguments move it."""


# --------------------------------------------------------------------------- preparing


@dataclass(frozen=True, eq=False)
class Prepared:
    """A case and scenario compiled for evaluation: nodes, edges, base scores, answers.

    Nodes ``0..m-1`` are the element roots in case order; nodes ``m..`` are the
    arguments in play before answers (case order, then the user's). Arguments
    the answers exclude stay in the graph but are masked out (``available``),
    so changing answers never changes the compiled structure.
    """

    case: Case
    scenario: Scenario
    elements: tuple[Element, ...]
    arguments: tuple[Argument, ...]
    graph: Graph
    base: NDArray[np.float64] = field(repr=False)
    answers: Mapping[str, str]
    available: NDArray[np.bool_] = field(repr=False)
    excluded: Mapping[str, str]
    semantics: Semantics
    standard: Standard
    tolerance: float = 1e-9
    max_iterations: int = 10_000
    settled: NDArray[np.int8] = field(default_factory=lambda: np.zeros(0, np.int8), repr=False)
    settled_by: Mapping[str, str] = field(default_factory=dict)
    rules: tuple[str, ...] = ()
    by_answer: tuple[Standard, ...] = ()  # the standard each answer on the standard applies

    @property
    def m(self) -> int:
        """Number of elements (root nodes)."""
        return len(self.elements)

    @property
    def roles(self) -> tuple[str, ...]:
        """Element roles in case order."""
        return tuple(e.role for e in self.elements)

    @property
    def government_opponent(self) -> bool:
        """Whether the government opposes the motion (Nken merger by default)."""
        return self.case.case.government_opponent

    def node(self, argument_id: str) -> int:
        """The node index of an argument in play."""
        for j, a in enumerate(self.arguments):
            if a.id == argument_id:
                return self.m + j
        raise ScenarioError(f"argument {argument_id!r} is not in play")

    def in_play(self) -> tuple[int, ...]:
        """Node indices of the arguments in play under the answers used."""
        return tuple(int(i) for i in np.flatnonzero(self.available[self.m :]) + self.m)

    @property
    def burdens(self) -> tuple[str, ...]:
        """Who bears the burden on each element, in case order."""
        return tuple(e.burden for e in self.elements)

    def availability(self, answers: Mapping[str, str]) -> NDArray[np.bool_]:
        """The node mask under other answers (roots always available)."""
        mask = np.ones(self.graph.n, dtype=bool)
        mask[self.m :] = effects(self.case, self.arguments, {**self.answers, **answers}).available
        return mask

    def columns(
        self, choice: Mapping[str, NDArray[np.intp]], samples: int
    ) -> tuple[NDArray[np.bool_], NDArray[np.int8]]:
        """Node masks ``(nodes, S)`` and settlements ``(elements, S)`` for sampled answers."""
        args, settled = effect_columns(self.case, self.arguments, choice, self.answers, samples)
        alive = np.ones((self.graph.n, samples), dtype=bool)
        alive[self.m :] = args
        return alive, settled

    def decide_columns(
        self,
        el: NDArray[np.floating[Any]],
        settled: NDArray[np.int8] | None = None,
        choice: Mapping[str, NDArray[np.intp]] | None = None,
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding element for element-major strengths ``(elements, S)``.

        ``settled`` defaults to the answers' settlements; when ``choice`` samples
        the answer on the standard, each sample is decided under the standard
        its answer applies.
        """
        marks = self.settled if settled is None else settled
        q = self.case.standard_question
        if not self.by_answer or q is None or choice is None or q.id not in choice:
            return self.standard.decide_columns(
                el,
                self.roles,
                government_opponent=self.government_opponent,
                burdens=self.burdens,
                settled=marks,
            )
        picks = choice[q.id]
        granted = np.zeros(el.shape[1], dtype=bool)
        deciding = np.full(el.shape[1], -1, dtype=np.intp)
        for k, std in enumerate(self.by_answer):
            cols = np.flatnonzero(picks == k)
            if cols.size:
                granted[cols], deciding[cols] = std.decide_columns(
                    el[:, cols],
                    self.roles,
                    government_opponent=self.government_opponent,
                    burdens=self.burdens,
                    settled=marks[:, cols] if marks.ndim == 2 else marks,
                )
        return granted, deciding

    def evaluate(
        self, base: NDArray[np.float64], alive: NDArray[np.bool_] | None = None
    ) -> NDArray[np.float64]:
        """Strengths for rows of base scores (``alive`` defaults to the answers' mask)."""
        mask = self.available if alive is None else alive
        return evaluate(
            self.graph,
            base,
            semantics=self.semantics,
            alive=mask,
            tolerance=self.tolerance,
            max_iterations=self.max_iterations,
        ).strengths

    def scores(self, strengths: NDArray[np.float64]) -> list[ElementScore]:
        """Element scores from one row of node strengths."""
        word = {1: True, -1: False, 0: None}
        return [
            ElementScore(
                e.id,
                e.name,
                e.role,
                float(strengths[i]),
                e.burden,
                word[int(self.settled[i])],
                self.settled_by.get(e.id, ""),
                self.rules[i],
            )
            for i, e in enumerate(self.elements)
        ]


def _graph(elements: tuple[Element, ...], arguments: tuple[Argument, ...]) -> Graph:
    """The argument graph: element roots first, then the arguments.

    Movant arguments support their element's root, opponent arguments attack
    it, and the case file's attacks and supports link arguments.
    """
    m = len(elements)
    root = {e.id: i for i, e in enumerate(elements)}
    node = {a.id: m + j for j, a in enumerate(arguments)}
    attacks: dict[tuple[int, int], None] = {}
    supports: dict[tuple[int, int], None] = {}
    for a in arguments:
        edge = (node[a.id], root[a.element])
        (supports if a.side == "movant" else attacks)[edge] = None
        for t in a.attacks:
            if t in node:  # a dropped target simply takes no hit
                attacks[(node[a.id], node[t])] = None
        for t in a.supports:
            if t in node:
                supports[(node[a.id], node[t])] = None
    return compile_graph(m + len(arguments), tuple(attacks), tuple(supports))


def prepare(
    case: Case,
    scenario: Scenario | None = None,
    *,
    semantics: str | Semantics | None = None,
    standard: str | Standard | Any | None = None,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
) -> Prepared:
    """Compile a case and scenario for evaluation (the graph structure is cached).

    ``semantics`` and ``standard`` override the scenario's names; either may be
    a name, an object, or (for the standard) a plain function.

    Raises:
        ScenarioError: the scenario names something the case lacks.

    """
    scenario = scenario or Scenario(case=case.case.id)
    scenario.check(case)
    sem = get_semantics(semantics if semantics is not None else scenario.semantics)
    if standard is not None and isinstance(standard, str):
        scenario = scenario.with_standard(case, standard)  # the answer follows a named standard
    std = as_standard(standard if standard is not None else scenario.standard_for(case))
    answers = scenario.answers_for(case)
    arguments = scenario.arguments(case)
    elements = case.elements
    m = len(elements)
    graph = _graph(elements, arguments)
    base = np.array([ROOT_BASE] * m + [a.strength for a in arguments], dtype=np.float64)
    fx = effects(case, arguments, answers)
    available = np.ones(graph.n, dtype=bool)
    available[m:] = fx.available
    excluded: dict[str, str] = {a: "dropped in the scenario" for a in scenario.dropped}
    excluded.update(fx.excluded)
    q = case.standard_question
    driven = q is not None and standard is None and not scenario.standard
    by_answer = tuple(get_standard(a.standards[0]) for a in q.answers) if driven and q else ()
    return Prepared(
        case,
        scenario,
        elements,
        arguments,
        graph,
        base,
        answers,
        available,
        excluded,
        sem,
        std,
        tolerance,
        max_iterations,
        fx.settled,
        fx.settled_by,
        tuple(citations(case, e.authorities) for e in elements),
        by_answer,
    )
