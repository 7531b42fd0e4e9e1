"""The worlds without each argument on a large cyclic graph, component by component.

A cyclic graph's batch iterates every world over the whole graph, and on a ring
of full-strength attackers each world needs hundreds of passes. Here the graph
is split into strongly connected components, walked in topological order. An
acyclic component is evaluated once per world. A cyclic one is kept as the full
world's where none of its inputs changed; where the removed argument is inside
it, the rest of it is walked in its own topological order (a ring without one
argument is a chain: one pass), and what is still cyclic is iterated like the
batch (plain passes, then damped ones, from the base scores, its inputs settled).
The strengths are fixed points within the tolerance, as the batch's are, but
not the batch's bits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from workbook.engine._removals import block_step
from workbook.engine.evaluation import DAMPED_AFTER, fold
from workbook.engine.graph import Edges
from workbook.engine.prepared import Prepared

__all__ = ["Step", "cyclic_removal_worlds", "steps"]


@dataclass(frozen=True)
class Step:
    """Nodes evaluated together: a layer of acyclic components, or one cyclic component."""

    nodes: NDArray[np.intp]
    attacks: Edges
    supports: Edges
    cyclic: bool


def _components(n: int, out: list[list[int]]) -> list[list[int]]:
    """Strongly connected components (Tarjan, without recursion), sinks first."""
    index = [-1] * n
    low = [0] * n
    on = [False] * n
    stack: list[int] = []
    comps: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] >= 0:
            continue
        work = [(root, 0)]
        while work:
            v, k = work.pop()
            if k == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on[v] = True
            if k < len(out[v]):
                work.append((v, k + 1))
                w = out[v][k]
                if index[w] < 0:
                    work.append((w, 0))
                elif on[w]:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on[w] = False
                    comp.append(w)
                    if w == v:
                        break
                comps.append(comp)
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
    return comps


def _into(pairs: NDArray[np.intp], nodes: NDArray[np.intp], n: int) -> Edges:
    """The edges into ``nodes``, grouped by target in the original edge order."""
    pos = np.full(n, -1, dtype=np.intp)
    pos[nodes] = np.arange(len(nodes))
    tpos = pos[pairs[:, 1]] if len(pairs) else np.zeros(0, dtype=np.intp)
    keep = tpos >= 0
    src, tpos = pairs[keep, 0], tpos[keep]
    order = np.argsort(tpos, kind="stable")
    return Edges.grouped(src[order].astype(np.intp), tpos[order].astype(np.intp))


def steps(p: Prepared) -> list[Step]:
    """The graph's components in topological order, acyclic ones grouped into layers."""
    n = p.graph.n
    att = np.asarray(p.graph.attacks, dtype=np.intp).reshape(-1, 2)
    sup = np.asarray(p.graph.supports, dtype=np.intp).reshape(-1, 2)
    out: list[list[int]] = [[] for _ in range(n)]
    for a, b in np.concatenate([att, sup]).tolist():
        out[a].append(b)
    comps = _components(n, out)[::-1]  # sources first
    comp_of = np.empty(n, dtype=np.intp)
    for c, nodes in enumerate(comps):
        comp_of[nodes] = c
    level = [0] * len(comps)
    for c, nodes in enumerate(comps):  # topological: every edge runs to a later component
        for v in nodes:
            for w in out[v]:
                d = int(comp_of[w])
                if d != c and level[d] <= level[c]:
                    level[d] = level[c] + 1
    indeg = np.bincount(np.concatenate([att[:, 1], sup[:, 1]]), minlength=n)
    layers: dict[int, list[int]] = {}
    result: list[tuple[int, Step]] = []
    for c, nodes in enumerate(comps):
        cyclic = len(nodes) > 1 or nodes[0] in out[nodes[0]]
        if cyclic:
            arr = np.array(sorted(nodes), dtype=np.intp)
            result.append((level[c], Step(arr, _into(att, arr, n), _into(sup, arr, n), True)))
        elif indeg[nodes[0]]:  # a node nobody attacks or supports keeps its base score
            layers.setdefault(level[c], []).append(nodes[0])
    for lvl, group in layers.items():
        arr = np.array(sorted(group), dtype=np.intp)
        result.append((lvl, Step(arr, _into(att, arr, n), _into(sup, arr, n), False)))
    result.sort(key=lambda t: t[0])
    return [s for _, s in result]


@dataclass
class _Stats:
    """How the iterated components went, for the result's caution and note."""

    converged: bool = True
    iterations: int = 0
    damped: bool = False


def _in_csr(edges: Edges, k: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Per target position: where its edges start in ``edges.src``, and how many."""
    start = np.zeros(k, dtype=np.intp)
    deg = np.zeros(k, dtype=np.intp)
    if len(edges.src):
        start[edges.pos] = edges.starts
        deg[edges.pos] = np.diff(np.r_[edges.starts, len(edges.src)])
    return start, deg


def _gather_fold(
    state: NDArray[np.float64],
    edges: Edges,
    csr: tuple[NDArray[np.intp], NDArray[np.intp]],
    fv: NDArray[np.intp],
    fc: NDArray[np.intp],
    product: bool,
) -> NDArray[np.float64]:
    """Aggregate the edges into target positions ``fv``, each in its own column ``fc``."""
    start, deg = csr
    acc = np.full(len(fv), 1.0 if product else 0.0)
    d = deg[fv]
    for r in range(int(d.max()) if len(d) else 0):
        sel = np.flatnonzero(d > r)
        vals = state[edges.src[start[fv[sel]] + r], fc[sel]]
        if product:
            acc[sel] *= 1.0 - vals
        else:
            acc[sel] += vals
    return 1.0 - acc if product else acc


def _chain(
    p: Prepared,
    state: NDArray[np.float64],
    step: Step,
    cols: NDArray[np.intp],
    removed: NDArray[np.intp],
) -> NDArray[np.intp]:
    """Walk a cyclic component without its removed node, in each world's topological order.

    ``cols``: the worlds (columns of ``state``); ``removed``: their removed node, inside the
    component. Returns the columns where the rest is still cyclic (left to iterate).
    """
    nodes, k, kw = step.nodes, len(step.nodes), len(cols)
    pos = np.full(p.graph.n, -1, dtype=np.intp)
    pos[nodes] = np.arange(k)
    srcs, dsts = [], []
    for edges in (step.attacks, step.supports):
        tp = np.repeat(edges.pos, np.diff(np.r_[edges.starts, len(edges.src)]))
        inside = pos[edges.src] >= 0
        srcs.append(pos[edges.src[inside]])
        dsts.append(tp[inside])
    u, v = np.concatenate(srcs), np.concatenate(dsts)
    order = np.argsort(u, kind="stable")
    out_v = v[order]
    out_start = np.searchsorted(u[order], np.arange(k + 1))
    indeg = np.repeat(np.bincount(v, minlength=k)[:, None].astype(np.int32), kw, axis=1)
    done = np.zeros((k, kw), dtype=bool)
    stamp = np.zeros((k, kw), dtype=np.intp)
    a_csr, s_csr = _in_csr(step.attacks, k), _in_csr(step.supports, k)
    product = p.semantics.aggregate == "product"

    def release(fv: NDArray[np.intp], fw: NDArray[np.intp]) -> tuple[NDArray[np.intp], ...]:
        done[fv, fw] = True
        cnt = out_start[fv + 1] - out_start[fv]
        total = int(cnt.sum())
        first = np.repeat(out_start[fv] - (np.cumsum(cnt) - cnt), cnt)
        tv, tw = out_v[first + np.arange(total)], np.repeat(fw, cnt)
        np.subtract.at(indeg, (tv, tw), 1)
        ready = np.flatnonzero((indeg[tv, tw] == 0) & ~done[tv, tw])
        tv, tw = tv[ready], tw[ready]
        stamp[tv, tw] = np.arange(len(tv))  # a node released twice keeps one entry
        once = stamp[tv, tw] == np.arange(len(tv))
        return tv[once], tw[once]

    fv, fw = release(pos[removed], np.arange(kw))
    while len(fv):
        fc = cols[fw]
        attack = _gather_fold(state, step.attacks, a_csr, fv, fc, product)
        support = _gather_fold(state, step.supports, s_csr, fv, fc, product)
        g = nodes[fv]
        state[g, fc] = p.semantics.influence(p.base[g], attack, support) * p.available[g]
        fv, fw = release(fv, fw)
    return cols[~done.all(axis=0)]


def _settle(
    p: Prepared,
    state: NDArray[np.float64],
    step: Step,
    cols: NDArray[np.intp],
    removed: NDArray[np.intp],
    stats: _Stats,
) -> None:
    """Iterate a cyclic component in the worlds ``cols`` like the batch, its inputs settled."""
    nodes, k = step.nodes, len(step.nodes)
    rows = np.unique(np.concatenate([nodes, step.attacks.src, step.supports.src]))
    local = np.searchsorted(rows, nodes)

    def remap(edges: Edges) -> tuple[tuple[NDArray[np.intp], NDArray[np.intp]], ...]:
        return tuple((np.searchsorted(rows, s).astype(np.intp), q) for s, q in edges.levels)

    att, sup = remap(step.attacks), remap(step.supports)
    product = p.semantics.aggregate == "product"
    sub = state[np.ix_(rows, cols)]
    alive = p.available[nodes][:, None] & (removed[cols][None, :] != nodes[:, None])
    base = np.repeat(p.base[nodes][:, None], len(cols), axis=1)
    sub[local] = base * alive
    switch = max(1, min(DAMPED_AFTER, p.max_iterations // 2))
    act = np.arange(len(cols))
    work = sub
    converged, it = False, 0
    for it in range(1, p.max_iterations + 1):
        new = p.semantics.influence(
            base[:, act], fold(work, att, k, product), fold(work, sup, k, product)
        )
        new *= alive[:, act]
        old = work[local]
        residual = np.abs(new - old).max(axis=0)
        if it > switch:
            stats.damped = True
            new += old
            new *= 0.5
        work[local] = new
        finished = residual <= p.tolerance
        if finished.all():
            converged = True
            break
        if finished.any():
            sub[:, act[finished]] = work[:, finished]
            act, work = act[~finished], work[:, ~finished]
    sub[:, act] = work
    state[np.ix_(nodes, cols)] = sub[local]
    stats.converged &= converged
    stats.iterations = max(stats.iterations, it)


def _walk(
    p: Prepared,
    row0: NDArray[np.float64],
    removed: NDArray[np.intp],
    todo: list[Step],
    stats: _Stats,
) -> NDArray[np.float64]:
    """Strengths ``(n, worlds)`` of the worlds without each node in ``removed``."""
    width = max(2, len(removed))
    state = np.repeat(row0[:, None], width, axis=1)
    real = np.arange(len(removed))
    state[removed, real] = 0.0
    gone = np.zeros(p.graph.n, dtype=bool)
    gone[removed] = True
    for step in todo:
        if not step.cyclic:
            block_step(p, state, step.nodes, step.attacks, step.supports, removed, gone)
            continue
        inside = np.isin(removed, step.nodes)
        src = np.concatenate([step.attacks.src, step.supports.src])
        ext = np.unique(src[~np.isin(src, step.nodes)])
        moved = (state[ext][:, : len(removed)] != row0[ext][:, None]).any(axis=0)
        again = np.flatnonzero(moved & ~inside)
        walk = np.flatnonzero(inside)
        if len(walk):
            again = np.concatenate([again, _chain(p, state, step, walk, removed[walk])])
        if len(again):
            _settle(p, state, step, again, removed, stats)
    return state[:, : len(removed)]


def cyclic_removal_worlds(
    p: Prepared, row0: NDArray[np.float64], live: tuple[int, ...], cells: int
) -> tuple[NDArray[np.float64], _Stats]:
    """Element strengths ``(len(live), m)`` in the world without each argument in ``live``.

    ``row0``: the full world's strengths. Also says whether every iterated component
    converged, the most passes one took, and whether any needed damping.
    """
    todo = steps(p)
    step_of = np.full(p.graph.n, -1, dtype=np.intp)
    for s, step in enumerate(todo):
        step_of[step.nodes] = s
    nodes = np.asarray(live, dtype=np.intp)
    order = np.argsort(step_of[nodes], kind="stable")
    out = np.empty((len(live), p.m))
    stats = _Stats()
    chunk = max(1, cells // max(1, p.graph.n))
    for lo in range(0, len(order), chunk):
        pick = order[lo : lo + chunk]
        first = int(step_of[nodes[pick]].min())
        first = first + 1 if first < 0 or not todo[first].cyclic else first
        worlds = _walk(p, row0, nodes[pick], todo[max(0, first) :], stats)
        out[pick] = worlds[: p.m].T
    return out, stats
