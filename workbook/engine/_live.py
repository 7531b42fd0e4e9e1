"""The worlds without each argument where the removals never fade: dense, in few passes.

On a long chain at full strength, removing an argument changes every argument below
it for good, so the deviations of :mod:`workbook.engine._deviations` grow as ``n^2``
and that walk gives up. Here every world is evaluated densely (a column each), block
by block in topological order, but a node's strengths are kept only while a later
block still reads them, and a node with many inputs (an element, say: more than
:data:`WIDE` edges of a kind) gathers them as they are computed, into a running sum
or product, instead of keeping them all. A chain then needs a handful of rows per
world, so all the worlds (or a few large chunks of them) go through the graph in one
pass: time ``n^2`` and ``n`` Python steps per chunk, where keeping every row took
``n^3 / cells`` steps. The running sums and products add in another order than the
batch's, so the strengths agree with it within 1e-12, not to the last bit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from workbook.engine.evaluation import fold
from workbook.engine.graph import Block, Edges
from workbook.engine.prepared import Prepared
from workbook.engine.semantics import Array

__all__ = ["TEMPORARIES", "WIDE", "live_worlds", "local_levels"]

WIDE = 16
"""A node with more incoming edges of a kind than this is wide: its inputs are gathered
target by target (here as a running total, in the deviation walk only those that move)."""

TEMPORARIES = 5
"""Arrays of a block's size that evaluating it holds at once (folds, base, influence)."""

Levels = tuple[tuple[NDArray[np.intp], NDArray[np.intp]], ...]


@dataclass(frozen=True)
class _Plan:
    """One block, prepared once for every chunk of worlds."""

    block: Block
    inputs: NDArray[np.intp]  # nodes read by the block's narrow targets
    attacks: Levels  # narrow targets' edges, sources as rows of ``inputs``
    supports: Levels
    wide: tuple[tuple[int, int], ...]  # (position in block, node) of the wide targets
    sends: tuple[tuple[int, int, NDArray[np.intp]], ...]  # (target, kind, block positions)
    keep: tuple[tuple[int, int], ...]  # (position, node): rows later blocks read
    free: tuple[int, ...]  # nodes last read here


def local_levels(
    edges: Edges, inputs: NDArray[np.intp], targets: NDArray[np.bool_] | None = None
) -> Levels:
    """The edges' levels, their sources as rows of ``inputs``; only into ``targets`` if given."""
    out = []
    for src, pos in edges.levels:
        if targets is not None:
            mask = targets[pos]
            if not mask.any():
                continue
            src, pos = src[mask], pos[mask]
        out.append((np.searchsorted(inputs, src).astype(np.intp), pos))
    return tuple(out)


def _plans(p: Prepared) -> tuple[list[_Plan], NDArray[np.bool_], list[list[tuple[int, int]]]]:
    """Every block's plan, which nodes are wide, and each source node's wide targets."""
    graph, n = p.graph, p.graph.n
    kinds = [np.asarray(graph.attacks, dtype=np.intp).reshape(-1, 2)]
    kinds.append(np.asarray(graph.supports, dtype=np.intp).reshape(-1, 2))
    degree = [np.bincount(e[:, 1], minlength=n) for e in kinds]
    wide = (degree[0] > WIDE) | (degree[1] > WIDE)
    block_of = np.full(n, -1, dtype=np.intp)
    for b, block in enumerate(graph.blocks):
        block_of[block.nodes] = b
    last = np.full(n, -1, dtype=np.intp)  # the last block that reads the node's row
    for e in kinds:
        narrow = ~wide[e[:, 1]]
        np.maximum.at(last, e[narrow, 0], block_of[e[narrow, 1]])
    last[: p.m] = len(graph.blocks)  # the elements are the answer
    sends: list[list[tuple[int, int]]] = [[] for _ in range(n)]  # node -> (wide target, kind)
    for kind, e in enumerate(kinds):
        for u, t in e[wide[e[:, 1]]].tolist():
            sends[u].append((t, kind))
    freed: list[list[int]] = [[] for _ in graph.blocks]
    for u in np.flatnonzero((last >= 0) & (last < len(graph.blocks))).tolist():
        if block_of[u] >= 0:  # source rows are made when read, never kept
            freed[last[u]].append(u)
    plans = []
    for b, block in enumerate(graph.blocks):
        nodes = block.nodes
        narrow = ~wide[nodes]
        srcs = [s[narrow[pos]] for s, pos in block.attacks.levels + block.supports.levels]
        inputs = np.unique(np.concatenate(srcs)) if srcs else np.zeros(0, dtype=np.intp)
        by_target: dict[tuple[int, int], list[int]] = {}
        for j, v in enumerate(nodes.tolist()):
            for t, kind in sends[v]:
                by_target.setdefault((t, kind), []).append(j)
        plans.append(
            _Plan(
                block,
                inputs.astype(np.intp),
                local_levels(block.attacks, inputs, narrow),
                local_levels(block.supports, inputs, narrow),
                tuple((j, v) for j, v in enumerate(nodes.tolist()) if wide[v]),
                tuple((t, k, np.array(js, dtype=np.intp)) for (t, k), js in by_target.items()),
                tuple((j, v) for j, v in enumerate(nodes.tolist()) if last[v] > b),
                tuple(freed[b]),
            )
        )
    source_sends = [sends[u] if block_of[u] < 0 else [] for u in range(n)]
    return plans, wide, source_sends


def _peak(plans: list[_Plan]) -> int:
    """The most rows held at once: those kept from earlier blocks, and a block's own."""
    held, peak = 0, 1
    for pl in plans:
        peak = max(peak, held + len(pl.inputs) + TEMPORARIES * len(pl.block.nodes))
        held += len(pl.keep) - len(pl.free)
    return peak


def live_worlds(
    p: Prepared, row0: NDArray[np.float64], live: tuple[int, ...], cells: int
) -> NDArray[np.float64]:
    """Element strengths ``(len(live), m)`` in the world without each argument in ``live``.

    ``row0``: the full world's strengths. Acyclic graphs only. About ``cells`` strengths
    are held at once.
    """
    plans, wide, source_sends = _plans(p)
    product = p.semantics.aggregate == "product"
    n = p.graph.n
    rows_held = _peak(plans) + 2 * int(wide.sum()) + p.m
    step = max(2, cells // rows_held)
    out = np.empty((len(live), p.m))
    removed_all = np.asarray(live, dtype=np.intp)
    sources = [u for u in range(n) if source_sends[u]]
    for lo in range(0, len(live), step):
        removed = removed_all[lo : lo + step]
        width = max(2, len(removed))  # one column would take the batch's single-row path
        column = dict(zip(removed.tolist(), range(len(removed)), strict=True))

        def source(u: int, column: dict[int, int] = column, width: int = width) -> Array:
            row = np.full(width, row0[u])
            if u in column:
                row[column[u]] = 0.0
            return row

        held: dict[int, Array] = {}
        start = 1.0 if product else 0.0
        acc = {(int(t), k): np.full(width, start) for t in np.flatnonzero(wide) for k in (0, 1)}
        for u in sources:
            row = source(u)
            for t, kind in source_sends[u]:
                _gather(acc[t, kind], row, product)
        for pl in plans:
            nodes = pl.block.nodes
            state = np.empty((len(pl.inputs), width))
            for i, u in enumerate(pl.inputs.tolist()):
                state[i] = held[u] if u in held else source(u)
            attack = fold(state, pl.attacks, len(nodes), product)
            support = fold(state, pl.supports, len(nodes), product)
            for j, v in pl.wide:
                attack[j], support[j] = acc[v, 0], acc[v, 1]
                if product:
                    np.subtract(1.0, attack[j], out=attack[j])
                    np.subtract(1.0, support[j], out=support[j])
            new = p.semantics.influence(
                np.repeat(p.base[nodes][:, None], width, axis=1), attack, support
            )
            new *= p.available[nodes][:, None]
            for j, v in enumerate(nodes.tolist()):
                if v in column:
                    new[j, column[v]] = 0.0
            for t, kind, js in pl.sends:
                for j in js.tolist():
                    _gather(acc[t, kind], new[j], product)
            for j, v in pl.keep:  # a copy: a view would keep the block's whole array alive
                held[v] = new[j].copy() if len(nodes) > 1 else new[j]
            for u in pl.free:
                held.pop(u, None)
        for e in range(p.m):
            row = held[e] if e in held else source(e)
            out[lo : lo + len(removed), e] = row[: len(removed)]
    return out


def _gather(total: Array, row: Array, product: bool) -> None:
    """Add ``row`` into a running sum, or its complement into a running product."""
    if product:
        total *= 1.0 - row
    else:
        total += row
