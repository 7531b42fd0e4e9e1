"""Weigh a case: arguments to element strengths to an outcome, explained line by line.

Pure functions over a :class:`~workbook.models.Case` and a
:class:`~workbook.scenario.Scenario`; no widgets, no I/O::

    >>> from workbook import load_case
    >>> from workbook.engine.weighing import weigh
    >>> result = weigh(load_case(CASES / "legion-v-lutnick"))
    >>> result.outcome in ("granted", "denied")
    True

How a case becomes a graph
    Every element is a root node with a neutral base score of 0.5. Each
    argument in play is a node with its base strength (the case file's, or the
    scenario's override). A movant argument on an element *supports* the
    element's root; an opponent argument *attacks* it. The case file's
    ``attacks`` and ``supports`` lists add argument-to-argument edges. The
    gradual semantics (:mod:`workbook.engine.semantics`, DF-QuAD by default) gives
    every node a strength; an element's strength is its root's. The standard
    (:mod:`workbook.engine.standards`, Winter by default) turns element strengths into
    the outcome.

Which arguments are in play
    The case's arguments, less those the scenario drops, plus those it adds.
    An argument whose ``requires`` is not met by the answers used drops out
    too; :attr:`Result.excluded` says why each one is out.

Contributions
    For each element, the contribution of an argument is the element's
    strength with the argument minus its strength without it (every other
    argument kept): positive when the argument helps the movant on that
    element, negative when it hurts. So removing the argument would change the
    element's strength by minus its contribution. ``pro`` and ``con`` sum the
    positive and the negative contributions. Listed are the arguments on the
    element itself and any other argument whose removal would move it.

The result and its JSON form are in :mod:`workbook.engine.result`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine.effects import citations, effect_columns, effects
from workbook.engine.evaluation import Graph, compile_graph, evaluate
from workbook.engine.result import ElementResult, Result
from workbook.engine.semantics import Semantics, get_semantics
from workbook.engine.standards import Decision, ElementScore, Standard, as_standard, get_standard
from workbook.errors import ScenarioError
from workbook.models import Argument, Case, Element
from workbook.scenario import Scenario

__all__ = ["ROOT_BASE", "Prepared", "prepare", "weigh", "weigh_prepared"]

ROOT_BASE = 0.5
"""Base score of every element's root: neutral until arguments move it."""

_EPS = 1e-12


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
    graph = compile_graph(m + len(arguments), tuple(attacks), tuple(supports))
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


# --------------------------------------------------------------------------- results


def _result(
    p: Prepared,
    row: NDArray[np.float64],
    decision: Decision,
    contributions: list[dict[str, float]],
    converged: bool,
    iterations: int,
    damped: bool = False,
) -> Result:
    elements = []
    for i, e in enumerate(p.elements):
        c = contributions[i]
        elements.append(
            ElementResult(
                e.id,
                e.name,
                e.role,
                float(row[i]),
                decision.satisfied.get(e.id),
                decision.reached.get(e.id, True),
                c,
                sum(v for v in c.values() if v > 0),
                sum(v for v in c.values() if v < 0),
                e.burden,
                {1: True, -1: False, 0: None}[int(p.settled[i])],
            )
        )
    live = p.in_play()
    explanation = decision.explanation
    others = [e for e in p.elements if e.id in p.settled_by and e.id != decision.deciding]
    if others:
        explanation += (
            " Settled by the answers chosen: "
            + "; ".join(
                f"{e.name} {'met' if p.settled[i] > 0 else 'not met'}, by {p.settled_by[e.id]}"
                for i, e in enumerate(p.elements)
                if e in others
            )
            + "."
        )
    if not converged:
        explanation += (
            f" Caution: the argument graph has a cycle and the strengths did not "
            f"settle within {iterations} iterations; treat them as approximate."
        )
    elif damped:
        explanation += (
            " Note: the argument graph has a cycle that plain iteration does not "
            "settle (it oscillates); the strengths (or, in some contributions, the "
            "strengths without one argument) are the fixed point reached by damped "
            "iteration, s <- (s + f(s)) / 2."
        )
    return Result(
        case_id=p.case.case.id,
        standard=p.standard.name,
        semantics=p.semantics.name,
        granted=decision.granted,
        deciding=decision.deciding,
        explanation=explanation,
        answers=dict(p.answers),
        strengths={p.arguments[i - p.m].id: float(row[i]) for i in live},
        base={p.arguments[i - p.m].id: float(p.base[i]) for i in live},
        excluded=dict(p.excluded),
        elements=tuple(elements),
        merged=decision.merged,
        missing_roles=decision.missing,
        converged=converged,
        iterations=iterations,
        damped=damped,
        standard_title=p.standard.title,
        factors=decision.factors,
        settled_by=dict(p.settled_by),
    )


def weigh_prepared(p: Prepared) -> Result:
    """Weigh an already prepared case (see :func:`weigh`)."""
    live = p.in_play()
    rows = np.broadcast_to(p.base, (1 + len(live), p.graph.n))
    alive = np.broadcast_to(p.available, rows.shape).copy()
    for r, i in enumerate(live, start=1):
        alive[r, i] = False  # row r: the world without argument i
    ev = evaluate(
        p.graph,
        rows,
        semantics=p.semantics,
        alive=alive,
        tolerance=p.tolerance,
        max_iterations=p.max_iterations,
    )
    s = ev.strengths
    decision = p.standard.decide(p.scores(s[0]), government_opponent=p.government_opponent)
    # On a cycle each row stops on its own once within the tolerance, so two rows that
    # should agree can differ by about that much: smaller differences are not contributions.
    noise = max(_EPS, 100.0 * p.tolerance) if p.graph.cyclic else _EPS
    contributions: list[dict[str, float]] = []
    for e_idx, e in enumerate(p.elements):
        c: dict[str, float] = {}
        for r, i in enumerate(live, start=1):
            delta = float(s[0, e_idx] - s[r, e_idx])
            arg = p.arguments[i - p.m]
            if arg.element == e.id or abs(delta) > noise:
                c[arg.id] = delta
        contributions.append(c)
    return _result(p, s[0], decision, contributions, ev.converged, ev.iterations, ev.damped)


def weigh(
    case: Case,
    scenario: Scenario | None = None,
    *,
    semantics: str | Semantics | None = None,
    standard: str | Standard | Any | None = None,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
) -> Result:
    """Weigh a case under a scenario (``None``: the case's defaults).

    Args:
        case: the case file.
        scenario: dropped, added and overridden arguments, answers, standard, semantics.
        semantics: overrides the scenario's semantics (a name or a :class:`Semantics`).
        standard: overrides the scenario's standard (a name, a :class:`Standard`, or a
            function ``decide(scores, merge) -> Decision``).
        tolerance: fixed-point tolerance for cyclic graphs.
        max_iterations: cap on fixed-point passes; the result says if it was hit.

    Raises:
        ScenarioError: the scenario names an argument, question, answer, standard or
            semantics the case does not have.

    """
    p = prepare(
        case,
        scenario,
        semantics=semantics,
        standard=standard,
        tolerance=tolerance,
        max_iterations=max_iterations,
    )
    return weigh_prepared(p)
