"""Monte Carlo: how likely the injunction is when base strengths are uncertain.

Each argument in play gets a distribution for its base strength:

* a :class:`~workbook.scenario.StrengthRange` in ``scenario.ranges``: uniform
  on ``low..high``, or, when ``mode`` is given, PERT (a Beta on ``low..high``
  with shape ``1 + 4 (mode - low) / (high - low)`` and
  ``1 + 4 (high - mode) / (high - low)``);
* otherwise the default spread: uniform on ``base ± spread`` clipped to
  [0, 1] (``spread=0.1`` by default; ``spread=0`` holds it fixed).

The answers to the questions are held at the scenario's. All samples are drawn
at once from a seeded :class:`numpy.random.Generator` and evaluated as one
``samples x nodes`` batch, so the same seed always gives the same numbers::

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

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .graph import compile_graph
from .layered import evaluate_layered, workspace
from .models import Case
from .scenario import Scenario
from .semantics import evaluate_columns
from .standards import LIKELY
from .weigh import Prepared, prepare

__all__ = ["DEFAULT_SPREAD", "MonteCarlo", "monte_carlo", "wilson_interval"]

DEFAULT_SPREAD = 0.1
"""Half-width of the uniform spread around a base strength that has no range."""


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
        def r(x: float) -> float:
            return round(float(x), 6) + 0.0

        return {
            "samples": self.samples, "seed": self.seed, "spread": self.spread,
            "confidence": self.confidence, "p_granted": r(self.p_granted),
            "interval": [r(self.interval[0]), r(self.interval[1])],
            "per_element": {k: r(v) for k, v in self.per_element.items()},
            "deciding": {k: r(v) for k, v in self.deciding.items()},
            "sensitivity": {k: r(v) for k, v in self.sensitivity.items()},
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

    ``options`` go to :func:`workbook.weigh.prepare` (semantics, standard...).

    Raises:
        ValueError: ``samples`` is not positive or ``spread`` is negative.

    """
    if samples <= 0:
        raise ValueError(f"samples must be positive, not {samples}")
    if spread < 0:
        raise ValueError(f"spread must not be negative, not {spread}")
    p = prepare(case, scenario, **options)
    rng = np.random.default_rng(seed)
    live = p.in_play()
    ranges = p.scenario.ranges
    m, n = p.m, p.graph.n
    # Every argument row gets a uniform draw on lo..hi (a fixed one has lo == hi); PERT rows
    # are redrawn from their Beta after. One draw for all rows keeps it simple and seeded.
    lo = p.base.copy()
    hi = p.base.copy()
    pert: list[tuple[int, float, float, float]] = []
    varied: list[int] = []
    for node in live:
        arg = p.arguments[node - m]
        r = ranges.get(arg.id)
        if r is None:
            b = float(p.base[node])
            lo[node], hi[node] = max(0.0, b - spread), min(1.0, b + spread)
        elif r.mode is not None and r.high > r.low:
            pert.append((node, r.low, r.high, r.mode))
        else:
            lo[node], hi[node] = r.low, r.high
        if hi[node] > lo[node] or (r is not None and r.high > r.low):
            varied.append(node)
    graph = p.graph
    dead = ~p.available
    if graph.layout is None:
        # a cyclic graph: iterate the whole batch (per-sample convergence in evaluate_columns)
        cols = _sample(rng, p, lo, hi, pert, samples, np.arange(n))
        state, converged, _, _, _ = evaluate_columns(
            graph, cols, semantics=p.semantics, alive=p.available.astype(np.float32)[:, None],
            tolerance=max(p.tolerance, 1e-6), max_iterations=p.max_iterations,
            out=workspace("strengths", (n, samples)))
        el = state[:m]  # element-major (elements x samples), as the standards take it
        args = cols[m:]
        arg_rows = np.arange(n - m)
    else:
        # The absent arguments' edges are dropped, so the layout is that of the graph in
        # play (compiled once per set of answers, then cached).
        if dead.any():
            graph = compile_graph(n, tuple(e for e in graph.attacks if not dead[e[0]]),
                                  tuple(e for e in graph.supports if not dead[e[0]]))
        layout = graph.layout
        assert layout is not None  # dropping edges keeps a graph acyclic
        cols = _sample(rng, p, lo, hi, pert, samples, layout.position)
        final = evaluate_layered(layout, cols, semantics=p.semantics,
                                 dead=np.sort(layout.position[np.flatnonzero(dead)]),
                                 out=workspace("strengths", (n, samples)))
        el = final[layout.position[:m]]
        if p.semantics.aggregate == "product":  # the rows hold 1 - strength
            np.subtract(1.0, el, out=el)
        converged = True
        args = cols
        arg_rows = layout.position[m:]
    granted, deciding = p.standard.decide_columns(el, p.roles,
                                                  government_opponent=p.government_opponent)
    wins = int(granted.sum())
    likely = np.count_nonzero(el > LIKELY, axis=1) / samples
    per_element = {e.id: float(likely[i]) for i, e in enumerate(p.elements)}
    counts = np.bincount(deciding[deciding >= 0], minlength=m)
    decided = {e.id: float(counts[i] / samples) for i, e in enumerate(p.elements) if counts[i]}
    sens: dict[str, float] = {}
    if varied:
        corr = _correlations(args, granted, wins)
        ranked = sorted(((v, float(corr[arg_rows[v - m]])) for v in varied),
                        key=lambda t: (-abs(t[1]), t[0]))
        sens = {p.arguments[node - m].id: round(c, 6) + 0.0 for node, c in ranked}
    return MonteCarlo(samples, seed, spread, confidence, wins / samples,
                      wilson_interval(wins, samples, confidence), per_element, decided, sens,
                      converged)


def _sample(rng: np.random.Generator, p: Prepared, lo: NDArray[np.float64],
            hi: NDArray[np.float64], pert: list[tuple[int, float, float, float]], samples: int,
            row: NDArray[np.intp]) -> NDArray[np.float32]:
    """Base scores ``(nodes, samples)`` in float32, node ``i`` in row ``row[i]``.

    Every argument gets a uniform draw on lo..hi (a fixed one has lo == hi), one
    argument after another in node order whatever the rows, so a seed gives the
    same samples in every layout; PERT arguments are redrawn from their Beta after.
    Float32: sampling noise dwarfs its rounding, and it halves the memory traffic.
    The array is a reused workspace, filled in place (fresh multi-megabyte
    temporaries cost page faults).
    """
    f32 = np.float32
    m, n = p.m, len(lo)
    cols = workspace("samples", (n, samples))
    for node in range(m, n):
        rng.random(out=cols[row[node]], dtype=f32)
    width = np.zeros(n, dtype=f32)
    start = np.zeros(n, dtype=f32)
    width[row[m:]] = (hi[m:] - lo[m:]).astype(f32)
    start[row[m:]] = lo[m:].astype(f32)
    cols[row[:m]] = 0.0
    cols *= width[:, None]
    cols += start[:, None]
    cols[row[:m]] = p.base[:m, None]
    if pert:
        at_p = np.array([u[0] for u in pert])
        lo_p = np.array([u[1] for u in pert])[:, None]
        hi_p = np.array([u[2] for u in pert])[:, None]
        mo_p = np.array([u[3] for u in pert])[:, None]
        w = hi_p - lo_p
        a = 1.0 + 4.0 * (mo_p - lo_p) / w
        b = 1.0 + 4.0 * (hi_p - mo_p) / w
        cols[row[at_p]] = lo_p + w * rng.beta(a, b, size=(len(pert), samples))
    # Float32 rounding must not leave [0, 1]. lo + width * u (u in [0, 1)) is never below 0,
    # so only the rows that reach 1, and the PERT rows, can need it.
    edge = np.flatnonzero(hi >= 1.0 - 1e-6)
    if pert:
        edge = np.union1d(edge, at_p)
    for r in row[edge]:
        np.clip(cols[r], 0.0, 1.0, out=cols[r])
    return cols


def _correlations(x: NDArray[np.float32], granted: NDArray[np.bool_], wins: int
                  ) -> NDArray[np.float64]:
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
