"""Element strengths in the worlds without one argument each, for graphs too large for a batch.

:func:`workbook.engine.weighing.weigh_prepared` measures each argument's contribution
by evaluating the graph once more without it. On a small graph that is one dense
batch (a row per argument); on a large one the batch is ``n x n`` and most of it
repeats the full world, because removing an argument changes only its descendants,
and in most graphs only a few of those, and only for a few steps.

An acyclic graph is first walked keeping only each world's deviations from the full
world (:mod:`workbook.engine._deviations`), which costs what the removals actually
change. Where they do not fade (a long chain at full strength), every world is
evaluated densely instead, keeping only the rows later blocks read
(:mod:`workbook.engine._live`). Both agree with the batch within 1e-12
(``tests/test_removals.py``). A cyclic graph is walked over its strongly connected
components (:mod:`workbook.engine._cycles`, with :func:`block_step` here): a
component the removal leaves acyclic is evaluated in one pass along its order, a
component that stays cyclic is iterated like the batch (plain passes, then damped
ones), starting from the base scores with its inputs already settled. Its strengths
are then fixed points within the tolerance, like the batch's, not the batch's bits.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from workbook.engine._deviations import deviation_worlds
from workbook.engine._live import live_worlds
from workbook.engine.evaluation import fold
from workbook.engine.graph import Edges
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


def removal_worlds(
    p: Prepared, row0: NDArray[np.float64], live: tuple[int, ...], cells: int = CELLS
) -> NDArray[np.float64]:
    """Element strengths ``(len(live), m)`` in the world without each argument in ``live``.

    ``row0`` is the full world's strengths (from the batch evaluator). Acyclic graphs
    only. The deviation walk runs first; if it gives up (the removals do not fade), the
    live-row walk evaluates every world densely, about ``cells`` strengths at a time.
    """
    graph = p.graph
    if graph.cyclic:
        raise ValueError("removal_worlds walks acyclic graphs only")
    sparse = deviation_worlds(p, row0, live, cells)
    if sparse is not None:
        return sparse
    return live_worlds(p, row0, live, cells)
