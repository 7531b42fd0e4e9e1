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

from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine._cycles import cyclic_removal_worlds
from workbook.engine._removals import CELLS, removal_worlds
from workbook.engine.evaluation import Evaluation, evaluate
from workbook.engine.prepared import ROOT_BASE, Prepared, prepare
from workbook.engine.result import ElementResult, Result
from workbook.engine.standards import Decision
from workbook.models import Case
from workbook.scenario import Scenario

__all__ = ["ROOT_BASE", "Prepared", "prepare", "weigh", "weigh_prepared"]

_EPS = 1e-12
BATCH_CELLS = 250_000
"""Largest graph (nodes x worlds) whose contributions are measured as one dense batch."""


# --------------------------------------------------------------------------- results


def _burdens(p: Prepared, decision: Decision) -> str:
    """When the factors were reached: who bore each threshold's burden, and the rule's source."""
    passed = [
        (i, e)
        for i, e in enumerate(p.elements)
        if e.role == "threshold" and decision.reached.get(e.id) and decision.satisfied.get(e.id)
    ]
    if not passed or any(
        e.role == "threshold" and not decision.satisfied.get(e.id) for e in p.elements
    ):
        return ""
    words = []
    for i, e in passed:
        who = (
            "the opponent's burden, not carried"
            if e.burden == "opponent"
            else ("the movant's burden, carried")
        )
        rule = f"; {p.rules[i]}" if p.rules[i] else ""
        words.append(f"{e.name} ({who}{rule})")
    return " Thresholds passed: " + "; ".join(words) + "."


def _explanation(
    p: Prepared, decision: Decision, converged: bool, iterations: int, damped: bool
) -> str:
    """The standard's words, the thresholds' burdens, what the answers settled, any caution."""
    explanation = decision.explanation + _burdens(p, decision)
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
    return explanation


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
    explanation = _explanation(p, decision, converged, iterations, damped)
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


def _batch(p: Prepared, live: tuple[int, ...]) -> tuple[NDArray[np.float64], Evaluation]:
    """Every world at once: row 0 the full one, row r the one without argument ``live[r-1]``."""
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
    return ev.strengths[1:, : p.m], ev


def _walked(
    p: Prepared, live: tuple[int, ...], cells: int
) -> tuple[NDArray[np.float64], Evaluation]:
    """The same worlds, the full one as a batch of two equal rows, the others walked.

    Two rows, not one: a batch of one takes a different path through the evaluator,
    whose sums can differ in the last bit. On a cyclic graph the convergence reported
    covers the full world and every component iterated in the others.
    """
    rows = 1 if p.graph.cyclic else 2  # on a cycle the bits are not kept: one row is faster
    ev = evaluate(
        p.graph,
        np.broadcast_to(p.base, (rows, p.graph.n)),
        semantics=p.semantics,
        alive=np.broadcast_to(p.available, (rows, p.graph.n)),
        tolerance=p.tolerance,
        max_iterations=p.max_iterations,
    )
    if not p.graph.cyclic:
        return removal_worlds(p, ev.strengths[0], live, cells), ev
    without, stats = cyclic_removal_worlds(p, ev.strengths[0], live, cells)
    return without, Evaluation(
        ev.strengths,
        ev.converged and stats.converged,
        max(ev.iterations, stats.iterations),
        ev.delta,
        ev.damped_rows | stats.damped,
    )


def weigh_prepared(
    p: Prepared, *, batch_cells: int = BATCH_CELLS, walk_cells: int = CELLS
) -> Result:
    """Weigh an already prepared case (see :func:`weigh`).

    ``batch_cells``: the largest graph (nodes x worlds) whose worlds without each argument
    are evaluated as one dense batch; a larger one is walked, about ``walk_cells``
    strengths at a time (:mod:`workbook.engine._removals`: on an acyclic graph within
    1e-12, the same bits where it walks dense chunks; on a cyclic one, component by
    component, fixed points within the tolerance).
    """
    live = p.in_play()
    if (1 + len(live)) * p.graph.n <= batch_cells:
        without, ev = _batch(p, live)
    else:
        without, ev = _walked(p, live, walk_cells)
    s0 = ev.strengths[0]
    decision = p.standard.decide(p.scores(s0), government_opponent=p.government_opponent)
    # On a cycle each row stops on its own once within the tolerance, so two rows that
    # should agree can differ by about that much: smaller differences are not contributions.
    noise = max(_EPS, 100.0 * p.tolerance) if p.graph.cyclic else _EPS
    contributions: list[dict[str, float]] = []
    for e_idx, e in enumerate(p.elements):
        c: dict[str, float] = {}
        for r, i in enumerate(live):
            delta = float(s0[e_idx] - without[r, e_idx])
            arg = p.arguments[i - p.m]
            if arg.element == e.id or abs(delta) > noise:
                c[arg.id] = delta
        contributions.append(c)
    return _result(p, s0, decision, contributions, ev.converged, ev.iterations, ev.damped)


def weigh(case: Case, scenario: Scenario | None = None, **options: Any) -> Result:
    """Weigh a case under a scenario (``None``: the case's defaults).

    Args:
        case: the case file.
        scenario: dropped, added and overridden arguments, answers, standard, semantics.
        options: :func:`prepare`'s keywords: ``semantics`` (a name or a :class:`Semantics`),
            ``standard`` (a name, a :class:`Standard`, or a function
            ``decide(scores, merge) -> Decision``), ``tolerance`` (for cyclic graphs) and
            ``max_iterations`` (the result says if it was hit).

    Raises:
        ScenarioError: the scenario names an argument, question, answer, standard or
            semantics the case does not have.

    """
    return weigh_prepared(prepare(case, scenario, **options))
