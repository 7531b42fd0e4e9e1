"""The worlds without each argument, kept only where they differ from the full world.

Removing an argument changes its descendants, and on most graphs the change fades
within a few dozen steps (each attack or support passes on at most the fraction its
base allows). So each node keeps only its *deviations*: the worlds where its strength
differs from the full world's by more than rounding, and those strengths. A block
is evaluated only in the worlds where one of its inputs deviates, on a dense piece
gathered for them, by the same :func:`fold` and influence as the batch. A deviation
of at most :data:`FADED_ULPS` units in the last place of the full world's strength is
taken for none: without that, a chain at 1/3 can keep two strengths one bit apart
forever. That rounding, the size of the batch's own, is all that separates the result
from the batch's (``tests/test_removals.py`` and ``tests/test_removals_stress.py`` check
within 1e-12, on graphs that multiply a small change a thousandfold too).

A long chain of full-strength arguments never fades: every world deviates all the way
down, and the deviations would be ``n x n``. Past ``cells`` of them
:func:`deviation_worlds` gives up (returns ``None``) and the caller evaluates every
world densely with :mod:`workbook.engine._live` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from workbook.engine._live import TEMPORARIES, WIDE, local_levels
from workbook.engine.evaluation import fold
from workbook.engine.graph import Block, Edges
from workbook.engine.prepared import Prepared
from workbook.engine.semantics import Array

__all__ = ["FADED_ULPS", "deviation_worlds"]

FADED_ULPS = 4
"""A strength this many units in the last place from the full world's is the full world's.

Relative, not absolute: an absolute 1e-15 dropped a removed argument of strength 9e-16
(and the last steps of a fading chain), which a graph of many parallel paths can
multiply past 1e-12.
"""

_DENSE = 8
"""A deviation costs a few dense strengths: past 1 world in 8, evaluate every world."""

_FLOOR = 100_000
"""Deviations kept before the average above is trusted."""

Groups = tuple[tuple[int, NDArray[np.intp]], ...]
Chunks = Iterator[tuple[NDArray[np.intp], Array]]
"""(worlds, the block's strengths in them): one piece of a block's worlds after another."""


def _groups(edges: Edges, inputs: NDArray[np.intp]) -> Groups:
    """Each target's position and its sources, as rows of ``inputs``, in edge order."""
    local = np.searchsorted(inputs, edges.src).astype(np.intp)
    bounds = np.r_[edges.starts, len(edges.src)].tolist()
    spans = zip(edges.pos.tolist(), bounds[:-1], bounds[1:], strict=True)
    return tuple((int(t), local[lo:hi]) for t, lo, hi in spans)


def _wide_fold(
    state: NDArray[np.float64],
    where: NDArray[np.intp],
    full: NDArray[np.float64],
    groups: Groups,
    size: int,
    product: bool,
) -> Array:
    """Aggregate target by target, splitting off the inputs no world here changes.

    ``state`` holds only the inputs that deviate in some world here (``where[i]``: the
    row of input ``i``, or -1); the others are the full world's (``full[i]``) in every
    world, so their sum or product is taken once. Reordered so, the result can differ
    from the levels' in the last bits.
    """
    out: Array = np.zeros((size, state.shape[1]))
    for t, rows in groups:
        at = where[rows]
        moving = at >= 0
        still, moved = full[rows[~moving]], state[at[moving]]
        if product:
            np.subtract(1.0, moved, out=moved)
            keep = np.multiply.reduce(1.0 - still)
            np.multiply(np.multiply.reduce(moved, axis=0), keep, out=out[t])
            np.subtract(1.0, out[t], out=out[t])
        else:
            np.add(np.add.reduce(moved, axis=0), np.add.reduce(still), out=out[t])
    return out


@dataclass(frozen=True)
class _Work:
    """One block to evaluate in the worlds ``cand``, with its inputs' deviations there."""

    p: Prepared
    block: Block
    inputs: NDArray[np.intp]  # the nodes its edges come from, sorted
    cand: NDArray[np.intp]  # the worlds where an input (or a node of its own) deviates
    rows: NDArray[np.intp]  # each deviation's input, as a row of ``inputs``
    at: NDArray[np.intp]  # its world, as a position in ``cand``
    dev: NDArray[np.float64]  # its strength
    row0: NDArray[np.float64]
    cells: int


def _narrow(w: _Work) -> Chunks:
    """A block with few edges into each node: every input, densely, chunk by chunk.

    The same operations in the same order as the batch, so the same bits.
    """
    p, inputs, cand, row0, cells = w.p, w.inputs, w.cand, w.row0, w.cells
    rows, at, dev = w.rows, w.at, w.dev
    product = p.semantics.aggregate == "product"
    att, sup = local_levels(w.block.attacks, inputs), local_levels(w.block.supports, inputs)
    nodes = w.block.nodes
    step = max(1, cells // (len(inputs) + TEMPORARIES * len(nodes)))
    for lo in range(0, len(cand), step):
        here = cand[lo : lo + step]
        width = max(2, len(here))  # one column would take the batch's single-row path
        state = np.repeat(row0[inputs][:, None], width, axis=1)
        if len(cand) > step:
            pick = (at >= lo) & (at < lo + len(here))
            state[rows[pick], at[pick] - lo] = dev[pick]
        else:
            state[rows, at] = dev
        new = p.semantics.influence(
            np.repeat(p.base[nodes][:, None], width, axis=1),
            fold(state, att, len(nodes), product),
            fold(state, sup, len(nodes), product),
        )
        yield here, new[:, : len(here)]


def _wide(w: _Work) -> Chunks:
    """A block with many edges into a node (an element, say): only the inputs that move.

    Chunks of worlds grow while the moving inputs times the worlds stay within ``cells``.
    """
    p, inputs, cand, cells = w.p, w.inputs, w.cand, w.cells
    product = p.semantics.aggregate == "product"
    att, sup = _groups(w.block.attacks, inputs), _groups(w.block.supports, inputs)
    nodes = w.block.nodes
    order = np.argsort(w.at, kind="stable")
    rows, at, dev = w.rows[order], w.at[order], w.dev[order]
    starts = np.searchsorted(at, np.arange(len(cand) + 1))
    full = w.row0[inputs]
    where = np.full(len(inputs), -1, dtype=np.intp)
    lo, step = 0, max(1, cells // max(1, len(inputs)))
    while lo < len(cand):
        hi = min(len(cand), lo + step)
        a, b = starts[lo], starts[hi]
        moving = np.unique(rows[a:b])
        if (len(moving) + TEMPORARIES * len(nodes)) * (hi - lo) > cells and hi - lo > 1:
            step = max(1, (hi - lo) // 2)
            continue
        width = max(2, hi - lo)
        state = np.repeat(full[moving][:, None], width, axis=1)
        where[moving] = np.arange(len(moving))
        state[where[rows[a:b]], at[a:b] - lo] = dev[a:b]
        new = p.semantics.influence(
            np.repeat(p.base[nodes][:, None], width, axis=1),
            _wide_fold(state, where, full, att, len(nodes), product),
            _wide_fold(state, where, full, sup, len(nodes), product),
        )
        where[moving] = -1
        yield cand[lo:hi], new[:, : hi - lo]
        lo = hi
        if 4 * (len(moving) + TEMPORARIES * len(nodes)) * step <= cells:
            step *= 2


def deviation_worlds(
    p: Prepared, row0: NDArray[np.float64], live: tuple[int, ...], cells: int
) -> NDArray[np.float64] | None:
    """Element strengths ``(len(live), m)`` in the world without each argument in ``live``.

    ``row0``: the full world's strengths. Acyclic graphs only. ``None`` when more than
    ``cells`` deviations would be kept, or when the nodes walked so far deviate in more
    than one world in :data:`_DENSE` on average (past that, the dense walk is cheaper).
    """
    n, worlds = p.graph.n, len(live)
    # by node: the worlds where it deviates (sorted) and its strengths there, or None
    devs: list[tuple[NDArray[np.intp], NDArray[np.float64]] | None] = [None] * n
    world_of = np.full(n, -1, dtype=np.intp)
    for w, r in enumerate(live):
        world_of[r] = w
        if row0[r] != 0.0:  # the removed node is 0 in its own world
            devs[r] = np.array([w], dtype=np.intp), np.zeros(1)
    kept, done = worlds, 0
    for block in p.graph.blocks:
        nodes = block.nodes
        both = [block.attacks.src, block.supports.src]
        inputs = np.unique(np.concatenate(both)) if len(both[1]) else np.unique(both[0])
        parts = [(j, d) for j, u in enumerate(inputs.tolist()) if (d := devs[u]) is not None]
        own = [d[0] for v in nodes.tolist() if (d := devs[v]) is not None]
        if not parts and not own:
            continue  # every input is the full world's in every world: so is the block
        found = [d[0] for _, d in parts]
        cand = found[0] if len(found) == 1 and not own else np.unique(np.concatenate(found + own))
        # the inputs' deviations, as (row, position in cand, strength)
        if len(parts) == 1:
            rows = np.full(len(found[0]), parts[0][0], dtype=np.intp)
            at = np.searchsorted(cand, found[0]) if own else np.arange(len(cand))
            dev = parts[0][1][1]
        else:
            rows = np.repeat(
                np.array([j for j, _ in parts], dtype=np.intp), [len(c) for c in found]
            )
            at = np.searchsorted(cand, np.concatenate(found or [cand[:0]]))
            dev = np.concatenate([d[1] for _, d in parts] or [np.zeros(0)])
        removed = [j for j, v in enumerate(nodes.tolist()) if world_of[v] >= 0]  # in own world
        full = row0[nodes][:, None]
        faded = FADED_ULPS * np.spacing(np.abs(full))
        new_cols: list[list[NDArray[np.intp]]] = [[] for _ in nodes]
        new_vals: list[list[NDArray[np.float64]]] = [[] for _ in nodes]
        wide = max(len(block.attacks.levels), len(block.supports.levels)) > WIDE
        walk = _wide if wide else _narrow
        for here, new in walk(_Work(p, block, inputs, cand, rows, at, dev, row0, cells)):
            new *= p.available[nodes][:, None]
            for j in removed:
                new[j, here == world_of[nodes[j]]] = 0.0
            differs = np.abs(new - full) > faded
            count = int(np.count_nonzero(differs))
            kept += count
            if kept > cells:  # before holding more than ``cells``
                return None
            if not count:
                continue
            if len(nodes) == 1:
                new_cols[0].append(here[differs[0]])
                new_vals[0].append(new[0, differs[0]])
                continue
            for j in np.flatnonzero(differs.any(axis=1)).tolist():
                mask = differs[j]
                new_cols[j].append(here[mask])
                new_vals[j].append(new[j, mask])
        for j, v in enumerate(nodes.tolist()):
            if new_cols[j]:
                c = np.concatenate(new_cols[j]) if len(new_cols[j]) > 1 else new_cols[j][0]
                x = np.concatenate(new_vals[j]) if len(new_vals[j]) > 1 else new_vals[j][0]
                devs[v] = c, x
            else:
                devs[v] = None
        done += len(nodes)
        if kept > _FLOOR and _DENSE * kept > done * worlds:
            return None
    out = np.repeat(row0[None, : p.m], worlds, axis=0)
    for e in range(p.m):
        if (d := devs[e]) is not None:
            out[d[0], e] = d[1]
    return out
