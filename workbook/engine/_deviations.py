"""The worlds without each argument, kept only where they differ from the full world.

Removing an argument changes its descendants, and on most graphs the change fades
within a few dozen steps (each attack or support passes on at most the fraction its
base allows). So each node keeps only its *deviations*: the worlds where its strength
differs from the full world's by more than :data:`FADED`, and those strengths. A block
is evaluated only in the worlds where one of its inputs deviates, on a dense piece
gathered for them, by the same :func:`fold` and influence as the batch. A deviation
of :data:`FADED` or less is taken for the full world's strength: that is all that
separates the result from the batch's (``tests/test_removals.py`` checks within 1e-12;
without that rounding, a chain at 1/3 can keep two strengths one bit apart forever).

A long chain of full-strength arguments never fades: every world deviates all the way
down, and the deviations would be ``n x n``. Past ``cells`` of them
:func:`deviation_worlds` gives up (returns ``None``) and the caller walks the dense
chunks of :mod:`workbook.engine._removals` instead.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from workbook.engine.evaluation import fold
from workbook.engine.graph import Block, Edges
from workbook.engine.prepared import Prepared
from workbook.engine.semantics import Array

__all__ = ["FADED", "deviation_worlds"]

FADED = 1e-15
"""A world whose strength is this close to the full world's is the full world there."""

_WIDE = 16
"""Edges folded target by target, not level by level, past this many levels."""

Levels = tuple[tuple[NDArray[np.intp], NDArray[np.intp]], ...]
Groups = tuple[tuple[int, NDArray[np.intp]], ...]
Plan = tuple[Levels, Groups | None]
"""Levels to fold, or (past :data:`_WIDE` levels) the edges target by target."""


def _plan(edges: Edges, inputs: NDArray[np.intp]) -> Plan:
    """How to fold ``edges`` over rows of ``inputs``: by levels, or target by target if wide."""
    if len(edges.levels) <= _WIDE:
        rows = tuple((np.searchsorted(inputs, s).astype(np.intp), pos) for s, pos in edges.levels)
        return rows, None
    local = np.searchsorted(inputs, edges.src).astype(np.intp)
    bounds = np.r_[edges.starts, len(edges.src)].tolist()
    spans = zip(edges.pos.tolist(), bounds[:-1], bounds[1:], strict=True)
    groups = tuple((int(t), local[lo:hi]) for t, lo, hi in spans)
    return (), groups


def _fold(state: NDArray[np.float64], plan: Plan, size: int, product: bool) -> Array:
    """:func:`fold`, or the same sums and products target by target.

    A reduction along the rows adds and multiplies in the same order as the levels,
    so the bits agree.
    """
    levels, groups = plan
    if groups is None:
        return fold(state, levels, size, product)
    out: Array = np.zeros((size, state.shape[1]))
    for t, rows in groups:
        vals = state[rows]
        if product:
            np.subtract(1.0, vals, out=vals)
            out[t] = np.multiply.reduce(vals, axis=0)
            np.subtract(1.0, out[t], out=out[t])
        else:
            out[t] = np.add.reduce(vals, axis=0)
    return out


def _local(block: Block) -> tuple[NDArray[np.intp], Plan, Plan]:
    """The block's distinct input nodes, and how to fold its attacks and supports over them."""
    srcs = [block.attacks.src, block.supports.src]
    inputs = np.unique(np.concatenate(srcs)).astype(np.intp)
    return inputs, _plan(block.attacks, inputs), _plan(block.supports, inputs)


def deviation_worlds(
    p: Prepared, row0: NDArray[np.float64], live: tuple[int, ...], cells: int
) -> NDArray[np.float64] | None:
    """Element strengths ``(len(live), m)`` in the world without each argument in ``live``.

    ``row0``: the full world's strengths. Acyclic graphs only. ``None`` when more than
    ``cells`` deviations would be kept.
    """
    n, worlds = p.graph.n, len(live)
    product = p.semantics.aggregate == "product"
    cols: list[NDArray[np.intp] | None] = [None] * n  # worlds where the node deviates, sorted
    vals: list[NDArray[np.float64] | None] = [None] * n
    world_of = np.full(n, -1, dtype=np.intp)
    for w, r in enumerate(live):
        world_of[r] = w
        if abs(row0[r]) > FADED:  # the removed node is 0 in its own world
            cols[r], vals[r] = np.array([w], dtype=np.intp), np.zeros(1)
    kept = worlds
    for block in p.graph.blocks:
        nodes = block.nodes
        inputs = np.unique(np.concatenate([block.attacks.src, block.supports.src]))
        parts = [(j, c) for j, u in enumerate(inputs.tolist()) if (c := cols[u]) is not None]
        own = [c for v in nodes.tolist() if (c := cols[v]) is not None]
        if not parts and not own:
            continue  # every input is the full world's in every world: so is the block
        inputs, att, sup = _local(block)
        cand = np.unique(np.concatenate([c for _, c in parts] + own))
        # the inputs' deviations, as (row, position in cand, strength)
        rows = np.repeat(np.array([j for j, _ in parts], dtype=np.intp), [len(c) for _, c in parts])
        at = np.searchsorted(cand, np.concatenate([c for _, c in parts] or [cand[:0]]))
        dev = np.concatenate([vals[int(inputs[j])] for j, _ in parts] or [np.zeros(0)])
        full = row0[nodes][:, None]
        removed = world_of[nodes]
        new_cols: list[list[NDArray[np.intp]]] = [[] for _ in nodes]
        new_vals: list[list[NDArray[np.float64]]] = [[] for _ in nodes]
        step = max(1, cells // max(1, len(inputs)))
        for lo in range(0, len(cand), step):
            here = cand[lo : lo + step]
            width = max(2, len(here))  # one column would take the batch's single-row path
            state = np.repeat(row0[inputs][:, None], width, axis=1)
            pick = (at >= lo) & (at < lo + len(here)) if len(cand) > step else slice(None)
            state[rows[pick], at[pick] - lo] = dev[pick]
            new = p.semantics.influence(
                np.repeat(p.base[nodes][:, None], width, axis=1),
                _fold(state, att, len(nodes), product),
                _fold(state, sup, len(nodes), product),
            )[:, : len(here)]
            new *= p.available[nodes][:, None]
            for j in np.flatnonzero(removed >= 0).tolist():
                new[j, here == removed[j]] = 0.0
            differs = np.abs(new - full) > FADED
            for j in np.flatnonzero(differs.any(axis=1)).tolist():
                mask = differs[j]
                new_cols[j].append(here[mask])
                new_vals[j].append(new[j, mask])
        for j, v in enumerate(nodes.tolist()):
            if new_cols[j]:
                c = np.concatenate(new_cols[j])
                cols[v], vals[v] = c, np.concatenate(new_vals[j])
                kept += len(c)
            else:
                cols[v] = vals[v] = None
        if kept > cells:
            return None
    out = np.repeat(row0[None, : p.m], worlds, axis=0)
    for e in range(p.m):
        if (c := cols[e]) is not None:
            out[c, e] = vals[e]
    return out
