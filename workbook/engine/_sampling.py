"""Sampling for the Monte Carlo: 16-bit uniform draws, base-score batches, correlations.

Shared by the fixed-answer Monte Carlo (:mod:`workbook.engine.montecarlo`) and
the odds over the open questions (:mod:`workbook.engine.odds`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine._layered import workspace

__all__ = [
    "LEVELS",
    "RESOLUTION",
    "Draws",
    "correlations_of",
    "runs",
    "sample",
    "uniform_words",
    "wilson_interval",
]

LEVELS = 2**16
"""Distinct values of a uniform draw: 16 random bits each, four to a 64-bit word."""
RESOLUTION = 1.0 / LEVELS


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
class Draws:
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

    def correlations(
        self, granted: NDArray[np.bool_], wins: int, only: NDArray[np.bool_] | None = None
    ) -> dict[int, float]:
        """Node -> correlation of its sampled base score with the outcome, for each drawn node.

        ``only`` (by node) limits it to the nodes that matter (those ever in play).
        Taken on the draws: a correlation does not change under an increasing affine
        map, and the draws are exact where the float32 scores are rounded.
        """
        out: dict[int, float] = {}
        for x, nodes in ((self.uniform, self.uniform_nodes), (self.beta, self.pert_nodes)):
            if only is not None and len(nodes):
                keep = only[nodes]
                x, nodes = x[keep], nodes[keep]
            if len(nodes):
                out.update(
                    zip(nodes.tolist(), correlations_of(x, granted, wins).tolist(), strict=True)
                )
        return out


def uniform_words(rng: np.random.Generator, rows: int, samples: int) -> NDArray[np.uint16]:
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


def runs(mask: NDArray[np.bool_]) -> list[tuple[int, int, bool]]:
    """Maximal runs ``(start, stop, value)`` of equal values in a boolean array."""
    cuts = [0, *(np.flatnonzero(mask[1:] != mask[:-1]) + 1).tolist(), len(mask)]
    return [(a, b, bool(mask[a])) for a, b in itertools.pairwise(cuts) if b > a]


def _pert(
    rng: np.random.Generator, pert: list[tuple[int, float, float, float]], samples: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Beta draws for the PERT ranges ``(node, low, high, mode)`` and the values they give."""
    lo_p = np.array([u[1] for u in pert])[:, None]
    hi_p = np.array([u[2] for u in pert])[:, None]
    mo_p = np.array([u[3] for u in pert])[:, None]
    w = hi_p - lo_p
    beta = rng.beta(
        1.0 + 4.0 * (mo_p - lo_p) / w, 1.0 + 4.0 * (hi_p - mo_p) / w, size=(len(pert), samples)
    )
    return beta, np.clip(lo_p + w * beta, 0.0, 1.0)


def sample(
    rng: np.random.Generator,
    lo: NDArray[np.float64],
    hi: NDArray[np.float64],
    pert: list[tuple[int, float, float, float]],
    samples: int,
    row: NDArray[np.intp],
    *,
    complement: bool,
) -> Draws:
    """Base scores ``(nodes, samples)`` in float32, node ``i`` in row ``row[i]``.

    Only the arguments with a spread are drawn (``lo < hi``; the others, the
    elements and the arguments out of play hold ``lo``). The uniform ones take
    16-bit uniforms from :func:`uniform_words`, in the order of their rows, and
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
    offset = start + width * (RESOLUTION / 2)  # the half-step: draws strictly inside lo..hi
    scale = width * RESOLUTION
    if complement:
        start, offset, scale = 1.0 - start, 1.0 - offset, -scale
    start32, offset32, scale32 = start.astype(f32), offset.astype(f32), scale.astype(f32)
    words = uniform_words(rng, int(drawn.sum()), samples)
    j = 0
    for a, b, is_drawn in runs(drawn):
        block = cols[a:b]
        if is_drawn:
            np.multiply(words[j : j + b - a], scale32[a:b, None], out=block)
            block += offset32[a:b, None]
            j += b - a
        else:
            np.copyto(block, start32[a:b, None])
    # Float32 rounding could carry k = 2^16 - 1 just past 0 or 1 (k = 0 stays inside): clip
    # exactly the rows where it does.
    end = offset32 + scale32 * f32(LEVELS - 1)
    for r in np.flatnonzero(drawn & ((end < 0.0) | (end > 1.0))):
        np.clip(cols[r], 0.0, 1.0, out=cols[r])
    beta = np.empty((len(pert), samples))
    if pert:
        beta, values = _pert(rng, pert, samples)
        cols[row[at_p]] = 1.0 - values if complement else values
    inverse = np.empty(n, dtype=np.intp)
    inverse[row] = np.arange(n)
    return Draws(cols, words, inverse[np.flatnonzero(drawn)], beta, at_p)


def correlations_of(x: NDArray[Any], granted: NDArray[np.bool_], wins: int) -> NDArray[np.float64]:
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
