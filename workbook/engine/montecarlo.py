"""Monte Carlo: how likely the injunction is when base strengths are uncertain.

Each argument in play gets a distribution for its base strength:

* a :class:`~workbook.scenario.StrengthRange` in ``scenario.ranges``: uniform
  on ``low..high``, or, when ``mode`` is given, PERT (a Beta on ``low..high``
  with shape ``1 + 4 (mode - low) / (high - low)`` and
  ``1 + 4 (high - mode) / (high - low)``);
* otherwise the default spread: uniform on ``base ± spread`` clipped to
  [0, 1] (``spread=0.1`` by default; ``spread=0`` holds it fixed).

The answers to the questions are held at the scenario's. Only the arguments in
play with a spread are drawn, all at once, from a seeded
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

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine._layered import evaluate_layered, workspace
from workbook.engine.evaluation import evaluate_columns
from workbook.engine.graph import compile_graph
from workbook.engine.standards import LIKELY
from workbook.engine.weighing import Prepared, prepare
from workbook.errors import ScenarioError
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.vocabulary import rounded

__all__ = ["DEFAULT_SPREAD", "MonteCarlo", "monte_carlo", "monte_carlo_prepared", "wilson_interval"]

DEFAULT_SPREAD = 0.1
"""Half-width of the uniform spread around a base strength that has no range."""

_LEVELS = 2**16
"""Distinct values of a uniform draw: 16 random bits each, four to a 64-bit word."""
_RESOLUTION = 1.0 / _LEVELS


def wilson_interval(successes: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion.

    >>> [round(x, 4) for x in wilson_interval(50, 100)]
    [0.4038, 0.5962]
    """
    if n == 0:
        return (0.0, 1.0)
    z = _z(confidence)
    phat = successes / n
    denom = 1.0 + z * z / n
    centre = (phat + z * z / (2 * n)) / denom
    half = z * math.sqrt(phat * (1 - phat) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def _z(confidence: float) -> float:
    # inverse normal CDF by bisection on erf: no scipy needed for one number
    lo, hi = 0.0, 10.0
    target = confidence
    for _ in range(80):
        mid = (lo + hi) / 2
        if math.erf(mid / math.sqrt(2)) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


@dataclass(frozen=True)
class MonteCarlo:
    """P(granted) under uncertain base strengths, with where the uncertainty matters.

    Attributes:
        p_granted: share of samples in which the injunction is granted.
        interval: Wilson score interval at ``confidence``.
        per_element: element id -> share of samples in which it is likely (> 0.5).
        deciding: element id -> share of samples in which it decided the outcome.
        sensitivity: argument id -> correlation of its sampled base with granted,
            largest in size first (0 when either does not vary).
        converged: False if any sample's cyclic graph did not settle.

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
            "sensitivity": {k: rounded(v) for k, v in self.sensitivity.items()},
            "converged": self.converged,
        }


def monte_carlo(
    case: Case,
    scenario: Scenario | None = None,
    *,
    samples: int = 10_000,
    seed: int = 0,
    spread: float = DEFAULT_SPREAD,
    confidence: float = 0.95,
    **options: Any,
) -> MonteCarlo:
    """Sample base strengths, weigh every sample in one batch, and summarise.

    ``options`` go to :func:`workbook.engine.prepare` (semantics, standard...).

    Raises:
        ScenarioError: ``samples`` is not positive or ``spread`` is negative.

    """
    return monte_carlo_prepared(
        prepare(case, scenario, **options),
        samples=samples,
        seed=seed,
        spread=spread,
        confidence=confidence,
    )


def monte_carlo_prepared(
    p: Prepared,
    *,
    samples: int = 10_000,
    seed: int = 0,
    spread: float = DEFAULT_SPREAD,
    confidence: float = 0.95,
) -> MonteCarlo:
    """:func:`monte_carlo` on an already prepared case."""
    if samples <= 0:
        raise ScenarioError(f"samples must be positive, not {samples}")
    if spread < 0:
        raise ScenarioError(f"spread must not be negative, not {spread}")
    # SFC64: a quarter faster than the default PCG64 for raw 64-bit words
    rng = np.random.Generator(np.random.SFC64(seed))
    ranges = p.scenario.ranges
    m, n = p.m, p.graph.n
    # lo..hi per node: a uniform draw where lo < hi, PERT where listed, and fixed at lo
    # (== hi == base) for elements, fixed arguments and arguments out of play.
    lo = p.base.copy()
    hi = p.base.copy()
    pert: list[tuple[int, float, float, float]] = []
    live = np.flatnonzero(p.available[m:]) + m  # the arguments in play
    lo[live] = np.maximum(p.base[live] - spread, 0.0)  # the default spread, then the ranges
    hi[live] = np.minimum(p.base[live] + spread, 1.0)
    for node in live.tolist() if ranges else ():
        r = ranges.get(p.arguments[node - m].id)
        if r is None:
            continue
        if r.mode is not None and r.high > r.low:
            pert.append((node, r.low, r.high, r.mode))
        else:
            lo[node], hi[node] = r.low, r.high
    graph = p.graph
    dead = ~p.available
    if graph.layout is None:
        # a cyclic graph: iterate the whole batch (per-sample convergence in evaluate_columns)
        draws = _sample(rng, lo, hi, pert, samples, np.arange(n), complement=False)
        state, converged, _, _, _ = evaluate_columns(
            graph,
            draws.cols,
            semantics=p.semantics,
            alive=p.available.astype(np.float32)[:, None],
            tolerance=max(p.tolerance, 1e-6),
            max_iterations=p.max_iterations,
            out=workspace("strengths", (n, samples)),
        )
        el = state[:m]  # element-major (elements x samples), as the standards take it
    else:
        # The absent arguments' edges are dropped, so the layout is that of the graph in
        # play (compiled once per set of answers, then cached).
        if dead.any():
            graph = compile_graph(
                n,
                tuple(e for e in graph.attacks if not dead[e[0]]),
                tuple(e for e in graph.supports if not dead[e[0]]),
            )
        layout = graph.layout
        assert layout is not None  # dropping edges keeps a graph acyclic
        # For a product aggregation (DF-QuAD) the sampler writes the complements 1 - b the
        # layered evaluator works in, and the batch is evaluated in place.
        product = p.semantics.aggregate == "product"
        draws = _sample(rng, lo, hi, pert, samples, layout.position, complement=product)
        final = evaluate_layered(
            layout,
            draws.cols,
            semantics=p.semantics,
            dead=np.sort(layout.position[np.flatnonzero(dead)]),
            out=draws.cols,
            complement=product,
        )
        el = final[layout.position[:m]]
        if product:  # the rows hold 1 - strength
            np.subtract(1.0, el, out=el)
        converged = True
    granted, deciding = p.standard.decide_columns(
        el, p.roles, government_opponent=p.government_opponent
    )
    wins = int(granted.sum())
    likely = np.count_nonzero(el > LIKELY, axis=1) / samples
    per_element = {e.id: float(likely[i]) for i, e in enumerate(p.elements)}
    counts = np.bincount(deciding[deciding >= 0], minlength=m)
    decided = {e.id: float(counts[i] / samples) for i, e in enumerate(p.elements) if counts[i]}
    ranked = sorted(draws.correlations(granted, wins).items(), key=lambda t: (-abs(t[1]), t[0]))
    sens = {p.arguments[node - m].id: rounded(c) for node, c in ranked}
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
        converged,
    )


@dataclass(frozen=True)
class _Draws:
    """Sampled base scores, with the draws behind them.

    ``cols`` is ``(nodes, samples)`` float32 in the rows asked for (complements
    ``1 - b`` if asked; a reused workspace). ``uniform`` holds the 16-bit draws
    of the uniform arguments ``uniform_nodes`` (a base score is an increasing
    affine function of its draw), and ``beta`` the Beta draws of the PERT
    arguments ``pert_nodes``.
    """

    cols: NDArray[np.float32]
    uniform: NDArray[np.uint16]
    uniform_nodes: NDArray[np.intp]
    beta: NDArray[np.float64]
    pert_nodes: NDArray[np.intp]

    def correlations(self, granted: NDArray[np.bool_], wins: int) -> dict[int, float]:
        """Node -> correlation of its sampled base score with the outcome, for each drawn node.

        Taken on the draws: a correlation does not change under an increasing affine
        map, and the draws are exact where the float32 scores are rounded.
        """
        out: dict[int, float] = {}
        for x, nodes in ((self.uniform, self.uniform_nodes), (self.beta, self.pert_nodes)):
            if len(nodes):
                out.update(
                    zip(nodes.tolist(), _correlations(x, granted, wins).tolist(), strict=True)
                )
        return out


def _uniform_words(rng: np.random.Generator, rows: int, samples: int) -> NDArray[np.uint16]:
    """``rows x samples`` independent uniform 16-bit integers, four to each 64-bit draw.

    One ``Generator.integers`` call draws ``ceil(rows * samples / 4)`` 64-bit
    words; each is split into four 16-bit integers (low bits first, on any
    platform). Integer ``k`` stands for the uniform ``(k + 1/2) / 2^16``.
    """
    count = rows * samples
    words = rng.integers(0, 2**64, size=-(-count // 4), dtype=np.uint64)
    # little-endian bytes everywhere (a no-op on little-endian machines), so the split and
    # hence a seed's samples are the same on every platform
    return words.astype("<u8", copy=False).view("<u2")[:count].reshape(rows, samples)


def _runs(mask: NDArray[np.bool_]) -> list[tuple[int, int, bool]]:
    """Maximal runs ``(start, stop, value)`` of equal values in a boolean array."""
    cuts = [0, *(np.flatnonzero(mask[1:] != mask[:-1]) + 1).tolist(), len(mask)]
    return [(a, b, bool(mask[a])) for a, b in itertools.pairwise(cuts) if b > a]


def _sample(
    rng: np.random.Generator,
    lo: NDArray[np.float64],
    hi: NDArray[np.float64],
    pert: list[tuple[int, float, float, float]],
    samples: int,
    row: NDArray[np.intp],
    *,
    complement: bool,
) -> _Draws:
    """Base scores ``(nodes, samples)`` in float32, node ``i`` in row ``row[i]``.

    Only the arguments with a spread are drawn (``lo < hi``; the others, the
    elements and the arguments out of play hold ``lo``). The uniform ones take
    16-bit uniforms from :func:`_uniform_words`, in the order of their rows, and
    become ``lo + (hi - lo) (k + 1/2) / 2^16`` in one multiply and one add per
    run of consecutive rows; then the PERT ones are drawn from their Beta. With
    ``complement`` the rows hold ``1 - b`` (the same draws, mirrored). The
    result depends on the case, the scenario (its answers decide which rows are
    drawn, and the layout their order) and the seed, and on nothing else.

    Float32: sampling noise dwarfs its rounding, and it halves the memory traffic.
    The array is a reused workspace, filled in place (fresh multi-megabyte
    temporaries cost page faults).
    """
    f32 = np.float32
    n = len(lo)
    cols = workspace("samples", (n, samples))
    at_p = np.array([u[0] for u in pert], dtype=np.intp)
    in_pert = np.zeros(n, dtype=bool)
    in_pert[at_p] = True
    drawn = np.zeros(n, dtype=bool)  # by row
    drawn[row[(hi > lo) & ~in_pert]] = True
    width = np.empty(n)  # by row
    start = np.empty(n)
    width[row] = hi - lo
    start[row] = lo
    offset = start + width * (_RESOLUTION / 2)  # the half-step: draws strictly inside lo..hi
    scale = width * _RESOLUTION
    if complement:
        start, offset, scale = 1.0 - start, 1.0 - offset, -scale
    start32, offset32, scale32 = start.astype(f32), offset.astype(f32), scale.astype(f32)
    words = _uniform_words(rng, int(drawn.sum()), samples)
    j = 0
    for a, b, is_drawn in _runs(drawn):
        block = cols[a:b]
        if is_drawn:
            np.multiply(words[j : j + b - a], scale32[a:b, None], out=block)
            block += offset32[a:b, None]
            j += b - a
        else:
            np.copyto(block, start32[a:b, None])
    # Float32 rounding could carry k = 2^16 - 1 just past 0 or 1 (k = 0 stays inside): clip
    # exactly the rows where it does.
    end = offset32 + scale32 * f32(_LEVELS - 1)
    for r in np.flatnonzero(drawn & ((end < 0.0) | (end > 1.0))):
        np.clip(cols[r], 0.0, 1.0, out=cols[r])
    beta = np.empty((len(pert), samples))
    if pert:
        lo_p = np.array([u[1] for u in pert])[:, None]
        hi_p = np.array([u[2] for u in pert])[:, None]
        mo_p = np.array([u[3] for u in pert])[:, None]
        w = hi_p - lo_p
        beta = rng.beta(
            1.0 + 4.0 * (mo_p - lo_p) / w, 1.0 + 4.0 * (hi_p - mo_p) / w, size=(len(pert), samples)
        )
        values = np.clip(lo_p + w * beta, 0.0, 1.0)
        cols[row[at_p]] = 1.0 - values if complement else values
    inverse = np.empty(n, dtype=np.intp)
    inverse[row] = np.arange(n)
    return _Draws(cols, words, inverse[np.flatnonzero(drawn)], beta, at_p)


def _correlations(x: NDArray[Any], granted: NDArray[np.bool_], wins: int) -> NDArray[np.float64]:
    """Pearson correlation of each row of samples with the 0/1 outcome (0 where either is flat).

    Rows are centred before any product is summed, so float32 sums lose nothing
    that matters.
    """
    rows, samples = x.shape
    if wins in (0, samples):
        return np.zeros(rows)
    mean = x.mean(axis=1, dtype=np.float64)
    centred = workspace("centred", x.shape)
    np.subtract(x, mean.astype(np.float32)[:, None], out=centred)
    g = granted.astype(np.float32)
    g -= np.float32(wins / samples)
    var_x = np.einsum("ij,ij->i", centred, centred).astype(np.float64)
    cov = np.einsum("ij,j->i", centred, g).astype(np.float64)
    var_g = wins * (samples - wins) / samples
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = cov / np.sqrt(var_x * var_g)
    return np.where(np.isfinite(corr) & (var_x > 0), np.clip(corr, -1.0, 1.0), 0.0)
