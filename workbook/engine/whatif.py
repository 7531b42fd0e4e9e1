"""What-ifs: which answers, strengths and standards would change the outcome.

All of them evaluate whole batches of variants of one scenario on one compiled
graph (answers only mask arguments in or out, strengths only change base
scores), so none recompiles the graph.

:func:`decisive_questions`
    Single answers that flip the outcome, and the smallest sets of answers
    that do: sets are searched by increasing size, up to ``max_size``
    questions and ``max_evaluations`` variants; a set is listed only if no
    smaller listed set is part of it.
:func:`tipping_points`
    For each argument in play, the smallest change of its base strength that
    flips the outcome or changes the deciding element (``None`` when no value
    in [0, 1] does). Found on a grid of 101 values, refined by bisection to
    about 1e-6; a non-monotone response between grid points can be missed.
(The tornado is in :mod:`workbook.engine.tornado`; the same scenario under every
standard or semantics in :mod:`workbook.engine.compare`.)
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from workbook.engine.weighing import Prepared, prepare
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.vocabulary import outcome_word, rounded

__all__ = [
    "AnswerBatch",
    "DecisiveQuestions",
    "Flip",
    "TippingPoint",
    "answer_batch",
    "decisive_questions",
    "decisive_questions_prepared",
    "outcomes",
    "tipping_points",
    "tipping_points_prepared",
]


def outcomes(
    p: Prepared, base: NDArray[np.float64], alive: NDArray[np.bool_] | None = None
) -> tuple[NDArray[np.bool_], NDArray[np.intp], NDArray[np.float64]]:
    """Granted, deciding element index (-1: none) and node strengths for rows of base scores."""
    s = p.evaluate(np.atleast_2d(base), alive)
    granted, deciding = p.decide_columns(np.ascontiguousarray(s[:, : p.m].T))
    return granted, deciding, s


def _eid(p: Prepared, index: int) -> str | None:
    return p.elements[index].id if index >= 0 else None


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Flip:
    """A set of answers (question id -> answer id) and the outcome it leads to."""

    answers: Mapping[str, str]
    granted: bool
    deciding: str | None

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "answers": dict(sorted(self.answers.items())),
            "granted": self.granted,
            "outcome": outcome_word(self.granted),
            "deciding": self.deciding,
        }


@dataclass(frozen=True)
class DecisiveQuestions:
    """Answers that flip the outcome.

    Attributes:
        granted: the outcome under the scenario's answers.
        singles: single changed answers that flip it.
        minimal: the smallest sets of changed answers that flip it (singles included).
        searched: the largest set size fully searched.
        truncated: True when ``max_evaluations`` stopped the search early.

    """

    granted: bool
    singles: tuple[Flip, ...]
    minimal: tuple[Flip, ...]
    searched: int
    truncated: bool
    evaluated: int

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "granted": self.granted,
            "singles": [f.to_data() for f in self.singles],
            "minimal": [f.to_data() for f in self.minimal],
            "searched": self.searched,
            "truncated": self.truncated,
            "evaluated": self.evaluated,
        }


def decisive_questions(
    case: Case,
    scenario: Scenario | None = None,
    *,
    max_size: int = 3,
    max_evaluations: int = 20_000,
    **options: Any,
) -> DecisiveQuestions:
    """Which answers, alone or in the smallest sets, flip the outcome.

    ``options`` go to :func:`workbook.engine.prepare` (semantics, standard...).
    """
    return decisive_questions_prepared(
        prepare(case, scenario, **options), max_size=max_size, max_evaluations=max_evaluations
    )


def decisive_questions_prepared(
    p: Prepared, *, max_size: int = 3, max_evaluations: int = 20_000
) -> DecisiveQuestions:
    """:func:`decisive_questions` on an already prepared case."""
    case = p.case
    base_granted, _, _ = outcomes(p, p.base)
    g0 = bool(base_granted[0])
    alternatives = {
        q.id: [a.id for a in q.answers if a.id != p.answers.get(q.id)] for q in case.questions
    }
    qids = [q for q in alternatives if alternatives[q]]
    found: list[Flip] = []
    found_sets: list[frozenset[tuple[str, str]]] = []
    evaluated, searched, truncated = 0, 0, False
    for size in range(1, min(max_size, len(qids)) + 1):
        variants: list[dict[str, str]] = []
        for combo in itertools.combinations(qids, size):
            for picks in itertools.product(*(alternatives[q] for q in combo)):
                change = dict(zip(combo, picks, strict=True))
                pairs = frozenset(change.items())
                if any(f <= pairs for f in found_sets):
                    continue  # a smaller set already flips it
                variants.append(change)
        if evaluated + len(variants) > max_evaluations:
            variants = variants[: max(0, max_evaluations - evaluated)]
            truncated = True
        if variants:
            batch = answer_batch(p, variants)
            granted, deciding = batch.granted, batch.deciding
            evaluated += len(variants)
            for v, g, d in zip(variants, granted, deciding, strict=True):
                if bool(g) != g0:
                    found.append(Flip(v, bool(g), _eid(p, int(d))))
                    found_sets.append(frozenset(v.items()))
        if truncated:
            break
        searched = size
    singles = tuple(f for f in found if len(f.answers) == 1)
    return DecisiveQuestions(g0, singles, tuple(found), searched, truncated, evaluated)


@dataclass(frozen=True)
class AnswerBatch:
    """Variants of a scenario's answers weighed in one batch (``S`` variants).

    Attributes:
        choice: question id -> the answer index in each variant (changed questions only).
        alive: ``(nodes, S)`` which nodes are in play.
        settled: ``(elements, S)`` +1 met, -1 not met, 0 open.
        strengths: ``(elements, S)`` element strengths as weighed (before settlements).
        granted: ``(S,)`` outcomes; deciding: ``(S,)`` deciding element index (-1: none).

    """

    choice: Mapping[str, NDArray[np.intp]]
    alive: NDArray[np.bool_]
    settled: NDArray[np.int8]
    strengths: NDArray[np.float64]
    granted: NDArray[np.bool_]
    deciding: NDArray[np.intp]


def answer_batch(p: Prepared, variants: Sequence[Mapping[str, str]]) -> AnswerBatch:
    """Weigh each set of changed answers, all in one batch.

    Each variant's answers decide which arguments are in play, what is settled
    and (through the answer on the standard) the standard.
    """
    changed = {q for v in variants for q in v}
    choice = {
        q: np.array(
            [p.case.question(q).answer_ids.index(v.get(q, p.answers[q])) for v in variants],
            dtype=np.intp,
        )
        for q in changed
    }
    alive, settled = p.columns(choice, len(variants))
    s = p.evaluate(np.broadcast_to(p.base, (len(variants), p.graph.n)), alive.T.copy())
    el = np.ascontiguousarray(s[:, : p.m].T)
    granted, deciding = p.decide_columns(el, settled, choice)
    return AnswerBatch(choice, alive, settled, el, granted, deciding)


# --------------------------------------------------------------------------- strengths


@dataclass(frozen=True)
class TippingPoint:
    """The smallest change of one argument's base strength that changes the result.

    Attributes:
        value: the base strength at which it changes (None: nothing in [0, 1] does).
        change: ``value - base`` (None likewise).
        flips: ``"outcome"`` when the injunction flips, ``"deciding"`` when only the
            deciding element changes, None when neither happens.
        deciding_before: the element that decides at the base strength.
        summary: what changes, in words ("the motion stays denied; only the deciding
            element changes, from ... to ...").

    """

    argument: str
    element: str
    base: float
    value: float | None
    change: float | None
    flips: Literal["outcome", "deciding"] | None
    granted: bool | None
    deciding: str | None
    deciding_before: str | None = None
    summary: str = ""

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""

        def r(x: float | None) -> float | None:
            return None if x is None else rounded(x)

        return {
            "argument": self.argument,
            "element": self.element,
            "base": r(self.base),
            "value": r(self.value),
            "change": r(self.change),
            "flips": self.flips,
            "granted": self.granted,
            "deciding": self.deciding,
            "deciding_before": self.deciding_before,
            "summary": self.summary,
        }


def tipping_points(
    case: Case,
    scenario: Scenario | None = None,
    *,
    grid: int = 101,
    refine: int = 20,
    **options: Any,
) -> tuple[TippingPoint, ...]:
    """For each argument in play, the smallest base-strength change that changes the result."""
    return tipping_points_prepared(prepare(case, scenario, **options), grid=grid, refine=refine)


def tipping_points_prepared(
    p: Prepared, *, grid: int = 101, refine: int = 20
) -> tuple[TippingPoint, ...]:
    """:func:`tipping_points` on an already prepared case."""
    g0_, d0_, _ = outcomes(p, p.base)
    g0, d0 = bool(g0_[0]), int(d0_[0])
    live = p.in_play()
    if not live:
        return ()
    brackets = _brackets(p, live, grid, g0, d0)
    best = _refine(p, live, brackets, refine, g0, d0)
    final = np.tile(p.base, (max(1, len(best)), 1))
    order = sorted(best)
    for r_i, a in enumerate(order):
        final[r_i, live[a]] = best[a]
    gf, df, _ = outcomes(p, final)
    at = {a: (bool(gf[i]), int(df[i])) for i, a in enumerate(order)}
    out = []
    for a, node in enumerate(live):
        arg = p.arguments[node - p.m]
        b = float(p.base[node])
        if a not in at:
            out.append(TippingPoint(arg.id, arg.element, b, None, None, None, None, None))
            continue
        ga, da = at[a]
        out.append(
            TippingPoint(
                arg.id,
                arg.element,
                b,
                best[a],
                best[a] - b,
                "outcome" if ga != g0 else "deciding",
                ga,
                _eid(p, da),
                _eid(p, d0),
                _change_words(p, g0, d0, ga, da),
            )
        )
    return tuple(out)


def _change_words(p: Prepared, g0: bool, d0: int, ga: bool, da: int) -> str:
    """What a tipping point changes, in words: the outcome, or only which element decides."""
    name = {i: e.name for i, e in enumerate(p.elements)}
    if ga != g0:
        on = f" (decided on {name[da]})" if da >= 0 else ""
        return f"the motion would be {outcome_word(ga)}{on}"
    before, after = name.get(d0, "no element"), name.get(da, "no element")
    return (
        f"the motion stays {outcome_word(g0)}; only the deciding element changes, "
        f"from {before} to {after}"
    )


def _brackets(
    p: Prepared, live: tuple[int, ...], grid: int, g0: bool, d0: int
) -> list[tuple[int, float, float]]:
    """(argument, inside, outside) on the grid: inside keeps the result, outside changes it."""
    values = np.linspace(0.0, 1.0, grid)
    k = len(live)
    rows = np.tile(p.base, (k * grid, 1))
    for a, node in enumerate(live):
        rows[a * grid : (a + 1) * grid, node] = values
    g, d, _ = outcomes(p, rows)
    changed = ((g != g0) | (d != d0)).reshape(k, grid)
    brackets: list[tuple[int, float, float]] = []
    for a, node in enumerate(live):
        b = float(p.base[node])
        above = np.flatnonzero(changed[a] & (values > b))
        below = np.flatnonzero(changed[a] & (values < b))
        if len(above):
            j = int(above[0])
            inside = max(b, float(values[j - 1])) if j > 0 else b
            brackets.append((a, inside, float(values[j])))
        if len(below):
            j = int(below[-1])
            inside = min(b, float(values[j + 1])) if j + 1 < grid else b
            brackets.append((a, inside, float(values[j])))
    return brackets


def _refine(
    p: Prepared,
    live: tuple[int, ...],
    brackets: list[tuple[int, float, float]],
    refine: int,
    g0: bool,
    d0: int,
) -> dict[int, float]:
    """Bisect every bracket at once; the nearest change to the base for each argument."""
    lo = np.array([x[1] for x in brackets])
    hi = np.array([x[2] for x in brackets])
    who = np.array([x[0] for x in brackets], dtype=np.intp)
    nodes = np.asarray(live)[who] if len(who) else np.zeros(0, dtype=np.intp)
    for _ in range(refine if len(brackets) else 0):
        mid = (lo + hi) / 2.0
        r = np.tile(p.base, (len(brackets), 1))
        r[np.arange(len(brackets)), nodes] = mid
        gm, dm, _ = outcomes(p, r)
        moved = (gm != g0) | (dm != d0)
        hi = np.where(moved, mid, hi)
        lo = np.where(moved, lo, mid)
    best: dict[int, float] = {}
    for t, a in enumerate(who):
        b = float(p.base[live[a]])
        if int(a) not in best or abs(hi[t] - b) < abs(best[int(a)] - b):
            best[int(a)] = float(hi[t])
    return best
