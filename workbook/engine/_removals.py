"""Element strengths in the worlds without one argument each, for graphs too large for a batch.

:func:`workbook.engine.weighing.weigh_prepared` measures each argument's contribution
by evaluating the graph once more without it. On a small graph that is one dense
batch (a row per argument); on a large one the batch is ``n x n`` and most of it
repeats the full world, because removing an argument changes only its descendants,
and in most graphs only a few of those. Here each world is kept as its
*deviations* from the full world, and the graph is walked once, block by block in
topological order, evaluating a block only in the worlds where one of its inputs
deviates (densely, in chunks of worlds, so memory stays bounded).

An acyclic graph is first walked keeping only each world's deviations
(:mod:`workbook.engine._deviations`), which costs what the removals actually change;
that agrees with the batch within 1e-12. Where the deviations do not fade (a long
chain at full strength), the dense chunks below take over, and there every strength
is computed by the same operations, in the same order, on the same inputs as the
dense batch, so the result is identical to the last bit (``tests/test_removals.py``
checks both against the batch). A cyclic graph is
walked over its strongly connected components: a component the removal leaves
acyclic is evaluated in one pass along its order, a component that stays cyclic is
iterated like the batch (plain passes, then damped ones), starting from the base
scores with its inputs already settled. Its strengths are then fixed points within
the tolerance, like the batch's, not the batch's bits.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from workbook.engine._deviations import deviation_worlds
from workbook.engine.evaluation import fold
from workbook.engine.graph import Block, Edges
from workbook.engine.prepared import Prepared

__all__ = ["CELLS", "block_step", "removal_worlds"]

CELLS = 8_000_000
"""Largest dense piece (nodes x worlds) evaluated at once: 64 MB of float64."""


def block_step(
    p: Prepared,
    state: NDArray[np.float64],
    nodes: NDArray[np.intp],
    attacks: Edges,
    supports: Edges,
    removed: NDArray[np.intp],
    gone: NDArray[np.bool_],
) -> None:
    """Evaluate acyclic ``nodes`` in every world (column) of ``state``, in place.

    Column ``w`` is the world without node ``removed[w]``, which stays 0 there
    (``gone`` marks the removed nodes).
    """
    product = p.semantics.aggregate == "product"
    size, width = len(nodes), state.shape[1]
    attack = fold(state, attacks.levels, size, product)
    support = fold(state, supports.levels, size, product)
    new = p.semantics.influence(np.repeat(p.base[nodes][:, None], width, axis=1), attack, support)
    alive = p.available[nodes]
    if not alive.all():
        new *= alive[:, None]
    hit = gone[nodes]
    if hit.any():  # a node in the world without it stays 0
        for j in np.flatnonzero(hit).tolist():
            new[j, np.flatnonzero(removed == nodes[j])] = 0.0
    state[nodes] = new


def _walk(
    p: Prepared,
    row0: NDArray[np.float64],
    removed: NDArray[np.intp],
    blocks: tuple[Block, ...],
) -> NDArray[np.float64]:
    """Strengths ``(n, len(removed))`` of the worlds without each node in ``removed``.

    Every world starts as the full one, with its removed node at 0, and ``blocks``
    (from the first that can differ) are evaluated in turn, as the batch does.
    """
    width = max(2, len(removed))  # one column would take the batch's single-sample path
    state = np.repeat(row0[:, None], width, axis=1)
    state[removed, np.arange(len(removed))] = 0.0
    gone = np.zeros(p.graph.n, dtype=bool)
    gone[removed] = True
    for block in blocks:
        block_step(p, state, block.nodes, block.attacks, block.supports, removed, gone)
    return state[:, : len(removed)]


def removal_worlds(
    p: Prepared, row0: NDArray[np.float64], live: tuple[int, ...], cells: int = CELLS
) -> NDArray[np.float64]:
    """Element strengths ``(len(live), m)`` in the world without each argument in ``live``.

    ``row0`` is the full world's strengths (from the batch evaluator). Acyclic graphs
    only. The deviation walk runs first; if it gives up, the worlds are taken in chunks
    of about ``cells`` strengths, in the topological order of their removed node, and
    each chunk skips the blocks above its first removed node, where every world is
    still the full one.
    """
    graph = p.graph
    if graph.cyclic:
        raise ValueError("removal_worlds walks acyclic graphs only")
    sparse = deviation_worlds(p, row0, live, cells)
    if sparse is not None:
        return sparse
    block_of = np.full(graph.n, -1, dtype=np.intp)  # -1: a source, above every block
    for b, block in enumerate(graph.blocks):
        block_of[block.nodes] = b
    nodes = np.asarray(live, dtype=np.intp)
    order = np.argsort(block_of[nodes], kind="stable")
    out = np.empty((len(live), p.m))
    chunk = max(1, cells // max(1, graph.n))
    for lo in range(0, len(order), chunk):
        pick = order[lo : lo + chunk]
        first = max(0, int(block_of[nodes[pick]].min()) + 1)
        worlds = _walk(p, row0, nodes[pick], graph.blocks[first:])
        out[pick] = worlds[: p.m].T
    return out
