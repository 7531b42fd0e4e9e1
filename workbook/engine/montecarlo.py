"""Monte Carlo: how likely the injunction is when base strengths are uncertain.

Each argument in play gets a distribution for its base strength:

* a :class:`~workbook.scenario.StrengthRange` in ``scenario.ranges``: uniform
  on ``low..high``, or, when ``mode`` is given, PERT (a Beta on ``low..high``
  with shape ``1 + 4 (mode - low) / (high - low)`` and
  ``1 + 4 (high - mode) / (high - low)``);
* otherwise the default spread: uniform on ``base ± spread`` clipped to
  [0, 1] (``spread=0.1`` by default; ``spread=0`` holds it fixed).

The answers to the open questions are drawn too (``odds=True``, the default):
a question the scenario has not answered, with odds over its answers (the
scenario's, else the case file's prior), takes an answer per sample from
those odds, and the answer decides, in that sample, which arguments are in
play, which elements are settled and (for the question on the standard) which
standard applies. The result then also gives the *value of information* of
each open question: P(granted) if the court answers it each way (the samples
with that answer), and the expected move, the odds-weighted mean of
``|P(granted | answer) - P(granted)|``: the question worth briefing hardest
moves it most. Odds that are a point mass fix the answer, and with no open
question left the result is exactly the fixed-answer Monte Carlo.

The base strengths are drawn (the arguments with a spread: those in play, or
with odds every argument any answer can bring into play) all at once from a seeded
:class:`numpy.random.Generator` (SFC64): 64-bit words, each split into four
16-bit uniforms ``(k + 1/2) / 2^16`` (a resolution of about 0.000015, far finer
than any judgement of strength, and strictly inside (0, 1)). The batch is
evaluated as one ``nodes x samples`` array, and the same case, scenario and
seed always give the same numbers::

    >>> from workbook import load_case
    >>> case = load_case(CASES / "legion-v-lutnick")
    >>> first = monte_carlo(case, samples=500, seed=1)
    >>> first.p_granted == monte_carlo(case, samples=500, seed=1).p_granted
    True

The result gives P(granted) with a Wilson score interval, each element's
probability of being likely (strength above 0.5), how often each element
decided the outcome, and the sensitivity of P(granted) to each argument: the
correlation of its sampled base strength with the outcome (granted = 1),
largest in size first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from workbook.engine._layered import evaluate_layered, workspace
from workbook.engine._sampling import Draws, sample, uniform_words, wilson_interval
from workbook.engine.evaluation import evaluate_columns
from workbook.engine.standards import LIKELY
from workbook.engine.weighing import Prepared, prepare
from workbook.errors import ScenarioError
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.vocabulary import rounded

__all__ = [
    "DEFAULT_SPREAD",
    "MonteCarlo",
    "QuestionValue",
    "monte_carlo",
    "monte_carlo_prepared",
    "wilson_interval",
]

DEFAULT_SPREAD = 0.1
"""Half-width of the uniform spread around a base strength that has no range."""

Bounds = tuple[NDArray[np.float64], NDArray[np.float64], list[tuple[int, float, float, float]]]


@dataclass(frozen=True)
class QuestionValue:
    """The value of information of one open question: how far its answer moves P(granted).

    Attributes:
        odds: answer id -> probability used.
        p_granted_if: answer id -> P(granted) in the samples with that answer.
        samples_if: answer id -> how many samples had that answer.
        expected_move: sum over answers of odds x |P(granted | answer) - P(granted)|.

    """

    question: str
    odds: Mapping[str, float]
    p_granted_if: Mapping[str, float]
    samples_if: Mapping[str, int]
    expected_move: float

    def to_data(self) -> dict[str, Any]:
        """JSON-able form (floats rounded to 6 decimals)."""
        return {
            "expected_move": rounded(self.expected_move),
            "odds": {k: rounded(v) for k, v in self.odds.items()},
            "p_granted_if": {k: rounded(v) for k, v in self.p_granted_if.items()},
            "samples_if": dict(self.samples_if),
        }


@dataclass(frozen=True)
class MonteCarlo:
    """P(granted) under uncertain base strengths and open questions, and where it matters.

    Attributes:
        p_granted: share of samples in which the injunction is granted.
        interval: Wilson score interval at ``confidence``.
        per_element: element id -> share of samples in which it is likely (> 0.5).
        deciding: element id -> share of samples in which it decided the outcome.
        sensitivity: argument id -> correlation of its sampled base with granted,
            largest in size first (0 when either does not vary).
        converged: False if any sample's cyclic graph did not settle.
        odds: the open questions sampled: question id -> answer id -> probability.
        value_of_information: question id -> its :class:`QuestionValue`, largest move first.

    """

    samples: int
    seed: int
    spread: float
    confidence: float
    p_granted: float
    interval: tuple[float, float]
    per_element: Mapping[str, float]
    deciding: Mapping[str, float]
    sensitivity: Mapping[str, float]
    converged: bool
    odds: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    value_of_information: Mapping[str, QuestionValue] = field(default_factory=dict)

    def to_data(self) -> dict[str, Any]:
        """JSON-able form (floats rounded to 6 decimals)."""
        return {
            "samples": self.samples,
            "seed": self.seed,
            "spread": self.spread,
            "confidence": self.confidence,
            "p_granted": rounded(self.p_granted),
            "interval": [rounded(self.interval[0]), rounded(self.interval[1])],
            "per_element": {k: rounded(v) for k, v in self.per_element.items()},
            "deciding": {k: rounded(v) for k, v in self.deciding.items()},
            "deciding_share": {k: rounded(v) for k, v in self.deciding.items()},
            "sensitivity": {k: rounded(v) for k, v in self.sensitivity.items()},
            "converged": self.converged,
            "odds": {q: {a: rounded(p) for a, p in o.items()} for q, o in self.odds.items()},
            "value_of_information": {q: v.to_data() for q, v in self.value_of_information.items()},
        }


def monte_carlo(case: Case, scenario: Scenario | None = None, **options: Any) -> MonteCarlo:
    """Sample base strengths (and the open questions' answers), weigh every sample, summarise.

    ``options`` are :func:`monte_carlo_prepared`'s keywords (``samples``, ``seed``,
    ``spread``, ``confidence``, ``odds``; ``odds=False`` holds every answer at the
    scenario's) and :func:`workbook.engine.prepare`'s (``semantics``, ``standard``...).

    Raises:
        ScenarioError: ``samples`` is not positive or ``spread`` is negative.

    """
    sampling = {k: options.pop(k) for k in _SAMPLING if k in options}
    return monte_carlo_prepared(prepare(case, scenario, **options), **sampling)


_SAMPLING = ("samples", "seed", "spread", "confidence", "odds")


def monte_carlo_prepared(
    p: Prepared,
    *,
    samples: int = 10_000,
    seed: int = 0,
    spread: float = DEFAULT_SPREAD,
    confidence: float = 0.95,
    odds: bool = True,
) -> MonteCarlo:
    """:func:`monte_carlo` on an already prepared case."""
    if samples <= 0:
        raise ScenarioError(f"samples must be positive, not {samples}")
    if spread < 0:
        raise ScenarioError(f"spread must not be negative, not {spread}")
    open_odds: dict[str, dict[str, float]] = {}
    if odds:
        p, open_odds = _with_odds(p)
    # SFC64: a quarter faster than the default PCG64 for raw 64-bit words
    rng = np.random.Generator(np.random.SFC64(seed))
    batch = _joint(p, rng, spread, samples, open_odds)
    granted, deciding = p.decide_columns(batch.el, batch.settled, batch.choice)
    return _summary(p, (samples, seed, spread, confidence), batch, granted, deciding, open_odds)


def _with_odds(p: Prepared) -> tuple[Prepared, dict[str, dict[str, float]]]:
    """The open questions' odds; a point mass fixes its answer (re-preparing if it changed)."""
    odds = p.scenario.odds_for(p.case)
    point = {q: next(iter(o)) for q, o in odds.items() if len(o) == 1}
    if any(p.answers[q] != a for q, a in point.items()):
        scenario = p.scenario.model_copy(update={"answers": {**p.scenario.answers, **point}})
        p = prepare(
            p.case,
            scenario,
            semantics=p.semantics,
            standard=None if p.by_answer else p.standard,
            tolerance=p.tolerance,
            max_iterations=p.max_iterations,
        )
    return p, {q: o for q, o in odds.items() if len(o) > 1}


def _bounds(p: Prepared, spread: float, nodes: NDArray[np.intp]) -> Bounds:
    """lo..hi per node (a uniform draw where lo < hi, PERT where listed, fixed at lo else)."""
    lo = p.base.copy()
    hi = p.base.copy()
    pert: list[tuple[int, float, float, float]] = []
    lo[nodes] = np.maximum(p.base[nodes] - spread, 0.0)  # the default spread, then the ranges
    hi[nodes] = np.minimum(p.base[nodes] + spread, 1.0)
    ranges = p.scenario.ranges
    for node in nodes.tolist() if ranges else ():
        r = ranges.get(p.arguments[node - p.m].id)
        if r is None:
            continue
        if r.mode is not None and r.high > r.low:
            pert.append((node, r.low, r.high, r.mode))
        else:
            lo[node], hi[node] = r.low, r.high
    return lo, hi, pert


def _draw_answers(
    p: Prepared, rng: np.random.Generator, odds: Mapping[str, Mapping[str, float]], samples: int
) -> dict[str, NDArray[np.intp]]:
    """An answer index per sample for each open question (inverse CDF on 16-bit uniforms).

    Drawn after the base strengths, one row of uniforms for every question of the
    case in case order (open or not), so neither the strengths nor any question's
    uniforms depend on the odds: moving one question's odds moves only the samples
    that change answer there.
    """
    words = uniform_words(rng, len(p.case.questions), samples)
    out: dict[str, NDArray[np.intp]] = {}
    for row, q in enumerate(p.case.questions):
        if q.id not in odds:
            continue
        ids = list(q.answer_ids)
        probs = np.array([odds[q.id].get(a, 0.0) for a in ids])
        # the uniform (k + 1/2) / 2^16 falls past cumulative c exactly when k >= c 2^16 - 1/2
        cuts = np.ceil(np.cumsum(probs / probs.sum())[:-1] * 2**16 - 0.5)
        pick = np.zeros(samples, dtype=np.intp)
        for cut in cuts:
            pick += words[row] >= cut
        out[q.id] = pick
    return out


class _Batch(NamedTuple):
    """One sampled batch: element strengths, answers, settlements, draws, and who ever played."""

    el: NDArray[Any]
    choice: dict[str, NDArray[np.intp]]
    settled: NDArray[np.int8]
    draws: Draws
    converged: bool
    ever: NDArray[np.bool_]  # by node: in play in at least one sample


def _joint(
    p: Prepared,
    rng: np.random.Generator,
    spread: float,
    samples: int,
    odds: Mapping[str, Mapping[str, float]],
) -> _Batch:
    """Element strengths, sampled answers, settlements and draws (answers drawn if ``odds``).

    Every argument's base strength is drawn, in play or not, before any answer,
    so a seed gives the same strengths whatever the odds, and moving odds only
    moves samples between answers (common random numbers). With no open
    question the answers are the scenario's in every sample.
    """
    m, n = p.m, p.graph.n
    lo, hi, pert = _bounds(p, spread, np.arange(m, n))
    layout = p.graph.layout
    product = layout is not None and p.semantics.aggregate == "product"
    rows = layout.position if layout is not None else np.arange(n)
    draws = sample(rng, lo, hi, pert, samples, rows, complement=product)
    choice = _draw_answers(p, rng, odds, samples) if odds else {}
    if choice:
        alive, settled = p.columns(choice, samples)
    else:
        alive, settled = p.available[:, None], p.settled
    ever: NDArray[np.bool_] = np.asarray(alive.any(axis=1))
    if layout is None:
        state, converged, _, _, _ = evaluate_columns(
            p.graph,
            draws.cols,
            semantics=p.semantics,
            alive=alive.astype(np.float32),
            tolerance=max(p.tolerance, 1e-6),
            max_iterations=p.max_iterations,
            out=workspace("strengths", (n, samples)),
        )
        return _Batch(state[:m], choice, settled, draws, converged, ever)
    final = evaluate_layered(
        layout,
        draws.cols,
        semantics=p.semantics,
        dead=None if choice else np.sort(layout.position[np.flatnonzero(~p.available)]),
        absent=~alive[layout.order] if choice else None,
        out=draws.cols,
        complement=product,
    )
    el = final[layout.position[:m]]
    if product:
        np.subtract(1.0, el, out=el)
    return _Batch(el, choice, settled, draws, True, ever)


def _summary(
    p: Prepared,
    setup: tuple[int, int, float, float],
    batch: _Batch,
    granted: NDArray[np.bool_],
    deciding: NDArray[np.intp],
    odds: Mapping[str, Mapping[str, float]],
) -> MonteCarlo:
    samples, seed, spread, confidence = setup
    el, choice = batch.el, batch.choice
    m = p.m
    wins = int(granted.sum())
    likely = np.count_nonzero(el > LIKELY, axis=1) / samples
    per_element = {e.id: float(likely[i]) for i, e in enumerate(p.elements)}
    counts = np.bincount(deciding[deciding >= 0], minlength=m)
    decided = {e.id: float(counts[i] / samples) for i, e in enumerate(p.elements) if counts[i]}
    pairs = batch.draws.correlations(granted, wins, only=batch.ever)
    ranked = sorted(pairs.items(), key=lambda t: (-abs(t[1]), t[0]))
    sens = {p.arguments[node - m].id: rounded(c) for node, c in ranked}
    value = _value_of_information(p, odds, choice, granted, wins / samples)
    return MonteCarlo(
        samples,
        seed,
        spread,
        confidence,
        wins / samples,
        wilson_interval(wins, samples, confidence),
        per_element,
        decided,
        sens,
        batch.converged,
        {q: dict(o) for q, o in odds.items()},
        value,
    )


def _value_of_information(
    p: Prepared,
    odds: Mapping[str, Mapping[str, float]],
    choice: Mapping[str, NDArray[np.intp]],
    granted: NDArray[np.bool_],
    p_granted: float,
) -> dict[str, QuestionValue]:
    """Each open question's P(granted) per answer and expected move, largest move first."""
    out: list[QuestionValue] = []
    for q_id, o in odds.items():
        ids = p.case.question(q_id).answer_ids
        counts = np.bincount(choice[q_id], minlength=len(ids))
        wins = np.bincount(choice[q_id][granted], minlength=len(ids))
        p_if = {a: float(wins[k] / counts[k]) for k, a in enumerate(ids) if counts[k]}
        move = sum(o.get(a, 0.0) * abs(v - p_granted) for a, v in p_if.items())
        out.append(
            QuestionValue(
                q_id,
                dict(o),
                p_if,
                {a: int(counts[k]) for k, a in enumerate(ids) if a in o},
                float(move),
            )
        )
    out.sort(key=lambda v: (-v.expected_move, v.question))
    return {v.question: v for v in out}
