"""Evaluating a compiled graph under a semantics: one row of base scores per sample.

An acyclic graph is evaluated level by level in one pass; a cyclic one is
iterated (Jacobi) until every row settles, and a row that oscillates switches
to damped iteration, ``s <- (s + f(s)) / 2``; the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from workbook.engine.graph import Block, Edges, Graph, compile_graph
from workbook.engine.semantics import DF_QUAD, Array, Semantics

__all__ = [
    "DAMPED_AFTER",
    "Evaluation",
    "Graph",
    "compile_graph",
    "evaluate",
    "evaluate_columns",
    "fold",
]


DAMPED_AFTER = 100
"""Plain passes a sample of a cyclic graph gets before it switches to damped iteration."""


@dataclass(frozen=True)
class Evaluation:
    """Strengths of every node for every sample, and whether the iteration converged.

    Attributes:
        strengths: array ``(samples, nodes)`` of final strengths.
        converged: False when a cyclic graph hit ``max_iterations`` first.
        iterations: passes made (1 for an acyclic graph).
        delta: largest residual ``|f(s) - s|`` in the last pass (0 for an acyclic graph).
        damped_rows: per sample (row), whether plain iteration did not settle it and the
            damped scheme did (or was still running at ``max_iterations``).

    """

    strengths: NDArray[np.float64]
    converged: bool
    iterations: int
    delta: float
    damped_rows: NDArray[np.bool_] = field(
        default_factory=lambda: np.zeros(0, dtype=bool), repr=False
    )

    @property
    def damped(self) -> bool:
        """Whether any sample was settled by the damped scheme (plain iteration did not)."""
        return bool(self.damped_rows.any())


def fold(
    state: Array,
    levels: tuple[tuple[NDArray[np.intp], NDArray[np.intp]], ...],
    size: int,
    product: bool,
) -> Array:
    """Aggregate many columns at once, one level of incoming edges after another.

    ``levels`` are :attr:`Edges.levels`; :func:`_aggregate` takes this path for every
    batch of more than one column, and the large-graph walks call it directly, so all
    of them do the same operations in the same order.
    """
    if not levels:
        return np.zeros((size, state.shape[1]), dtype=state.dtype)
    (first, first_pos), *rest = levels
    vals = state[first]  # a fresh copy, so the arithmetic below can work in place
    if product:
        np.subtract(1.0, vals, out=vals)
    if len(first_pos) == size:  # every target has such an edge, in order
        out = vals
    else:
        out = np.full((size, state.shape[1]), 1.0 if product else 0.0, dtype=state.dtype)
        out[first_pos] = vals
    for src, pos in rest:
        more = state[src]
        if product:
            np.subtract(1.0, more, out=more)
            out[pos] *= more
        else:
            out[pos] += more
    if product:
        np.subtract(1.0, out, out=out)
    return out


def _aggregate(state: Array, edges: Edges, size: int, product: bool) -> Array:
    """Aggregate ``state`` (nodes x samples) over the edges into ``size`` targets.

    ``product``: the probabilistic sum ``1 - prod(1 - s)``; otherwise the plain sum.
    """
    if not len(edges.src):
        return np.zeros((size, state.shape[1]), dtype=state.dtype)
    if state.shape[1] == 1:  # one row: reduceat is fastest on a flat array
        flat = state[edges.src, 0]
        if product:
            np.subtract(1.0, flat, out=flat)
        red = (np.multiply if product else np.add).reduceat(flat, edges.starts)
        if product:
            np.subtract(1.0, red, out=red)
        one = np.zeros(size, dtype=state.dtype)
        one[edges.pos] = red  # scattering into a flat array beats a one-column one
        return one[:, None]
    return fold(state, edges.levels, size, product)


def _update(
    block: Block, state: Array, base: Array, alive: Array | None, semantics: Semantics
) -> Array:
    """New strengths of ``block``'s nodes; ``base`` and ``alive`` are already those nodes' rows."""
    product = semantics.aggregate == "product"
    size = len(block.nodes)
    attack = _aggregate(state, block.attacks, size, product)
    support = _aggregate(state, block.supports, size, product)
    new = semantics.influence(base, attack, support)
    if alive is not None:
        new *= alive
    return new


def _rows(a: Array | None, nodes: NDArray[np.intp]) -> Array | None:
    """The rows of a node-major array (or ``None``) for ``nodes``."""
    return None if a is None else a[nodes]


def evaluate(
    graph: Graph,
    base: Array,
    *,
    semantics: Semantics = DF_QUAD,
    alive: NDArray[np.bool_] | Array | None = None,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
) -> Evaluation:
    """Evaluate a batch of base-score rows on one compiled graph.

    Args:
        graph: from :func:`compile_graph`.
        base: base scores, shape ``(samples, n)`` (a single row of shape ``(n,)`` is allowed).
        semantics: the gradual semantics (default DF-QuAD).
        alive: optional mask of the same shape; a False node is absent (strength 0).
        tolerance: a cyclic graph stops when no strength moves by more than this.
        max_iterations: a cyclic graph stops after this many passes, unconverged.

    Returns:
        The strengths, shape ``(samples, n)`` (or ``(n,)`` for a single row), and convergence.

    """
    single = base.ndim == 1
    rows = np.atleast_2d(np.asarray(base, dtype=np.float64))
    if rows.shape[1] != graph.n:
        raise ValueError(f"base has {rows.shape[1]} columns; the graph has {graph.n} nodes")
    if single and graph.plan is not None and semantics.scalar is not None:
        return _evaluate_plain(graph, rows[0], semantics, alive)
    mask = None
    if alive is not None:
        mask = np.atleast_2d(np.asarray(alive, dtype=np.float64)).T
    state, converged, iterations, delta, damped = evaluate_columns(
        graph,
        np.ascontiguousarray(rows.T),
        semantics=semantics,
        alive=mask,
        tolerance=tolerance,
        max_iterations=max_iterations,
    )
    strengths = np.ascontiguousarray(state.T, dtype=np.float64)
    return Evaluation(strengths[0] if single else strengths, converged, iterations, delta, damped)


def _evaluate_plain(
    graph: Graph, base: Array, semantics: Semantics, alive: NDArray[np.bool_] | Array | None
) -> Evaluation:
    """One row on a small acyclic graph in plain Python, which beats arrays there.

    One pass in topological order; no per-call array overhead.
    """
    assert graph.plan is not None and semantics.scalar is not None  # the caller checks
    f = semantics.scalar
    b = base.tolist()
    live = [True] * graph.n if alive is None else np.asarray(alive, dtype=bool).ravel().tolist()
    s = [x if ok else 0.0 for x, ok in zip(b, live, strict=True)]
    product = semantics.aggregate == "product"
    for i, attackers, supporters in graph.plan:
        if not live[i]:
            continue
        if product:
            kept_a = 1.0
            for j in attackers:
                kept_a *= 1.0 - s[j]
            kept_s = 1.0
            for j in supporters:
                kept_s *= 1.0 - s[j]
            s[i] = f(b[i], 1.0 - kept_a, 1.0 - kept_s)
        else:
            s[i] = f(b[i], sum(s[j] for j in attackers), sum(s[j] for j in supporters))
    return Evaluation(np.array(s), True, 1, 0.0, np.zeros(1, dtype=bool))


def evaluate_columns(
    graph: Graph,
    base_t: Array,
    *,
    semantics: Semantics = DF_QUAD,
    alive: Array | None = None,
    tolerance: float = 1e-9,
    max_iterations: int = 10_000,
    out: Array | None = None,
) -> tuple[Array, bool, int, float, NDArray[np.bool_]]:
    """:func:`evaluate` on node-major arrays ``(nodes, samples)``, with no copies in or out.

    ``alive`` is a float mask ``(nodes, samples)`` or ``(nodes, 1)``. Works in the
    dtype of ``base_t`` (float32 halves the memory traffic of a large batch).
    ``out``, an array shaped like ``base_t``, receives the strengths (a caller that
    re-uses one spares the allocation). Returns the strengths ``(nodes, samples)``,
    whether every sample converged, the passes made, the largest residual of the
    last pass, and which samples were settled by the damped scheme.
    """
    mask = alive
    if out is not None:
        state = out
        if mask is not None:
            np.multiply(base_t, mask, out=state)
        else:
            np.copyto(state, base_t)
    else:
        state = base_t * mask if mask is not None else base_t.copy()
    if not graph.cyclic:
        for block in graph.blocks:
            state[block.nodes] = _update(
                block, state, base_t[block.nodes], _rows(mask, block.nodes), semantics
            )
        return state, True, 1, 0.0, np.zeros(state.shape[1], dtype=bool)
    return _iterate(graph.blocks[0], state, base_t, mask, semantics, tolerance, max_iterations)


def _iterate(
    block: Block,
    state: Array,
    base_t: Array,
    mask: Array | None,
    semantics: Semantics,
    tolerance: float,
    max_iterations: int,
) -> tuple[Array, bool, int, float, NDArray[np.bool_]]:
    """Iterate a cyclic graph to a fixed point, each sample (column) on its own.

    A column stops as soon as its residual ``max |f(s) - s|`` is within
    ``tolerance``; the columns still moving are packed together, so a few slow
    ones no longer drag the whole batch through every pass. Plain (Jacobi)
    passes first; a column still moving after ``DAMPED_AFTER`` passes (or half
    of ``max_iterations``, if less) switches to the damped scheme
    ``s <- (s + f(s)) / 2``, which settles the period-2 oscillations that
    DF-QuAD's plain iteration can fall into on a cycle. Its limits are fixed
    points of ``f``, so a settled value is a strength of the same semantics.
    """
    nodes = block.nodes
    samples = state.shape[1]
    damped = np.zeros(samples, dtype=bool)
    switch = max(1, min(DAMPED_AFTER, max_iterations // 2))
    per_column_mask = mask is not None and mask.shape[1] == samples > 1
    act: NDArray[np.intp] | None = None  # columns still moving (None: all of them)
    # The base scores and mask of the block's nodes do not change between passes.
    work, w_base, w_mask = state, base_t[nodes], _rows(mask, nodes)
    converged, iterations, delta = False, 0, 0.0
    for iterations in range(1, max_iterations + 1):
        new = _update(block, work, w_base, w_mask, semantics)
        old = work[nodes]
        residual = (
            np.abs(new - old).max(axis=0)
            if new.shape[0]
            else np.zeros(new.shape[1], dtype=new.dtype)
        )
        if iterations > switch:
            new += old
            new *= 0.5
        work[nodes] = new
        delta = float(residual.max()) if residual.size else 0.0
        done = residual <= tolerance
        if done.all():
            converged = True
            break
        if iterations == switch:
            damped[slice(None) if act is None else act] |= ~done
        if done.any():  # pack the columns still moving
            if act is None:
                act = np.arange(samples)
            elif work is not state:
                state[:, act[done]] = work[:, done]
            keep = ~done
            act = act[keep]
            work, w_base = work[:, keep], w_base[:, keep]
            if per_column_mask and w_mask is not None:
                w_mask = w_mask[:, keep]
    if act is not None and work is not state:
        state[:, act] = work
    return state, converged, iterations, delta, damped
