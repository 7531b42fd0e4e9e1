"""The structure of an argument graph, compiled once into index arrays.

:func:`compile_graph` takes the node count and the (source, target) attack and
support edges, and returns a :class:`Graph`: the nodes in topological layers
(or one block, for a cyclic graph), each layer's incoming edges grouped by
target, and, for a small acyclic graph, a plain-Python plan. It is cached on the
structure alone, so re-evaluating with other base scores never recompiles;
:mod:`workbook.engine.semantics` evaluates it.

    >>> g = compile_graph(3, attacks=((0, 1),), supports=((1, 2),))
    >>> g.cyclic, g.layers
    (False, 2)
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
from numpy.typing import NDArray

__all__ = ["PLAIN_PYTHON_LIMIT", "Block", "Edges", "Graph", "Layer", "Layout", "compile_graph"]

PLAIN_PYTHON_LIMIT = 1000
"""Acyclic graphs up to this many nodes evaluate a single row in plain Python."""


@dataclass(frozen=True)
class Edges:
    """Edges into a set of targets, grouped by target, with their rank within the group.

    ``levels[d]`` holds the sources of the edges that are the d-th into their
    target, and those targets' positions: folding the levels in turn aggregates
    every target at once. (``ufunc.reduceat`` does the same but is an order of magnitude slower on
    2-D batches.)
    """

    src: NDArray[np.intp]  # source node of each edge, grouped by target
    starts: NDArray[np.intp]  # start of each target's group in ``src``
    pos: NDArray[np.intp]  # position (within the target set) of each group's target
    levels: tuple[tuple[NDArray[np.intp], NDArray[np.intp]], ...] = ()

    @classmethod
    def grouped(cls, src: NDArray[np.intp], tpos: NDArray[np.intp]) -> Edges:
        """From edges already sorted by target position."""
        if not len(src):
            empty = np.zeros(0, dtype=np.intp)
            return cls(empty, empty, empty)
        starts = np.flatnonzero(np.r_[True, tpos[1:] != tpos[:-1]]).astype(np.intp)
        rank = np.arange(len(src)) - np.repeat(starts, np.diff(np.r_[starts, len(src)]))
        by_rank = np.argsort(rank, kind="stable")  # within a rank, still by target position
        cuts = np.searchsorted(rank[by_rank], np.arange(int(rank.max()) + 2)).tolist()
        s, t = src[by_rank].astype(np.intp), tpos[by_rank].astype(np.intp)
        levels = tuple((s[lo:hi], t[lo:hi]) for lo, hi in itertools.pairwise(cuts))
        return cls(src.astype(np.intp), starts, tpos[starts].astype(np.intp), levels)


def _split_edges(
    src: NDArray[np.intp], dst: NDArray[np.intp], groups: list[NDArray[np.intp]], n: int
) -> list[Edges]:
    """For each group of target nodes, its incoming edges as :class:`Edges` (one sort in all)."""
    group_of = np.full(n, -1, dtype=np.intp)
    pos = np.zeros(n, dtype=np.intp)
    for k, nodes in enumerate(groups):
        group_of[nodes] = k
        pos[nodes] = np.arange(len(nodes))
    g, p = group_of[dst], pos[dst]
    keep = g >= 0
    s, g, p = src[keep], g[keep], p[keep]
    order = np.lexsort((p, g))
    s, g, p = s[order].astype(np.intp), g[order], p[order].astype(np.intp)
    bounds = np.searchsorted(g, np.arange(len(groups) + 1)).tolist()
    # a group whose targets each have one edge (most, in a deep graph) needs no grouping
    single = np.r_[True, (g[1:] != g[:-1]) | (p[1:] != p[:-1])][: len(g)]
    repeated = np.zeros(len(groups) + 1, dtype=np.intp)
    np.add.at(repeated, g[~single], 1)
    repeats = repeated.tolist()
    empty = Edges.grouped(s[:0], p[:0])
    out = []
    for k in range(len(groups)):
        lo, hi = bounds[k], bounds[k + 1]
        if lo == hi:
            out.append(empty)
        elif repeats[k]:
            out.append(Edges.grouped(s[lo:hi], p[lo:hi]))
        else:
            src, pos = s[lo:hi], p[lo:hi]
            out.append(Edges(src, np.arange(hi - lo, dtype=np.intp), pos, ((src, pos),)))
    return out


@dataclass(frozen=True)
class Block:
    """One group of nodes updated together: a topological layer, or the whole cyclic graph."""

    nodes: NDArray[np.intp]
    attacks: Edges
    supports: Edges


Level = tuple[NDArray[np.intp] | slice, NDArray[np.intp] | None]
"""The d-th incoming edge of some targets of a layer: source rows (a slice when they are
consecutive), and the targets' offsets in the layer (``None``: the first targets, in order)."""


@dataclass(frozen=True)
class Layer:
    """One topological layer of a :class:`Layout`: rows ``lo..hi`` and their incoming edges."""

    lo: int
    hi: int
    attacks: tuple[Level, ...]
    supports: tuple[Level, ...]


@dataclass(frozen=True)
class Layout:
    """An acyclic graph laid out for node-major batches: one row per node, layer after layer.

    Row ``r`` holds node ``order[r]`` (``position`` is the inverse). Rows ``0..sources``
    are the nodes with no incoming edge; each :class:`Layer` is a contiguous run of
    rows, so a batch evaluator reads and writes whole row slices and never scatters.
    Within a layer the targets are sorted by falling number of attackers, so every
    attack level is a prefix of the layer.
    """

    order: NDArray[np.intp]
    position: NDArray[np.intp]
    sources: int
    layers: tuple[Layer, ...]


def _levels(edges: Edges) -> tuple[Level, ...]:
    out: list[Level] = []
    for src, pos in edges.levels:
        prefix = bool(np.array_equal(pos, np.arange(len(pos))))
        rows: NDArray[np.intp] | slice = src
        if prefix and np.array_equal(src, np.arange(src[0], src[0] + len(src))):
            rows = slice(int(src[0]), int(src[0]) + len(src))
        out.append((rows, None if prefix else pos))
    return tuple(out)


def _layout(
    n: int,
    sources: NDArray[np.intp],
    groups: list[NDArray[np.intp]],
    a_src: NDArray[np.intp],
    a_dst: NDArray[np.intp],
    s_src: NDArray[np.intp],
    s_dst: NDArray[np.intp],
) -> Layout:
    """Rows in topological order; in each layer, the most attacked targets first."""
    a_in = np.bincount(a_dst, minlength=n)
    s_in = np.bincount(s_dst, minlength=n)
    ordered = [sources] + [g[np.lexsort((g, -s_in[g], -a_in[g]))] for g in groups]
    order = np.concatenate(ordered).astype(np.intp)
    position = np.empty(n, dtype=np.intp)
    position[order] = np.arange(n)
    # the edges in row numbers, grouped into the layers by target
    rows = [position[g] for g in ordered[1:]]
    into_a = _split_edges(position[a_src], position[a_dst], rows, n)
    into_s = _split_edges(position[s_src], position[s_dst], rows, n)
    layers = []
    lo = len(sources)
    for g, a, s in zip(ordered[1:], into_a, into_s, strict=True):
        layers.append(Layer(lo, lo + len(g), _levels(a), _levels(s)))
        lo += len(g)
    return Layout(order, position, len(sources), tuple(layers))


@dataclass(frozen=True)
class Graph:
    """A compiled graph structure: index arrays, topological layers, and whether it is cyclic.

    Build it with :func:`compile_graph`, which caches it on the structure.
    """

    n: int
    attacks: tuple[tuple[int, int], ...]
    supports: tuple[tuple[int, int], ...]
    cyclic: bool
    blocks: tuple[Block, ...] = field(repr=False)
    plan: tuple[tuple[int, tuple[int, ...], tuple[int, ...]], ...] | None = field(
        default=None, repr=False
    )
    """For a small acyclic graph: (node, attackers, supporters) in topological order."""

    @cached_property
    def layout(self) -> Layout | None:
        """For an acyclic graph, the row layout of the layered batch evaluator (else None).

        Built on first use and kept, so graphs that never meet a large batch never pay for it.
        """
        if self.cyclic:
            return None
        a_src, a_dst = _pairs(self.attacks)
        s_src, s_dst = _pairs(self.supports)
        groups = [b.nodes for b in self.blocks]
        inner = np.zeros(self.n, dtype=bool)
        for g in groups:
            inner[g] = True
        sources = np.flatnonzero(~inner).astype(np.intp)
        return _layout(self.n, sources, groups, a_src, a_dst, s_src, s_dst)

    @property
    def layers(self) -> int:
        """Blocks evaluated per pass: topological layers after the sources, 1 if cyclic."""
        return len(self.blocks)


def _pairs(edges: tuple[tuple[int, int], ...]) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    # fromiter over the flattened pairs is several times faster than asarray on tuples
    flat = np.fromiter(itertools.chain.from_iterable(edges), dtype=np.intp, count=2 * len(edges))
    arr = flat.reshape(-1, 2)
    return arr[:, 0], arr[:, 1]


def _layers(n: int, src: NDArray[np.intp], dst: NDArray[np.intp]) -> list[NDArray[np.intp]] | None:
    """Kahn's algorithm a layer at a time, in NumPy; ``None`` when there is a cycle."""
    indegree = np.bincount(dst, minlength=n)
    order = np.argsort(src, kind="stable")
    # each layer costs what its out-edges do (not n), so a deep graph stays near-linear
    out_dst = dst[order]
    out_start = np.searchsorted(src[order], np.arange(n + 1))
    frontier = np.flatnonzero(indegree == 0)
    layers: list[NDArray[np.intp]] = []
    done = 0
    while len(frontier):
        layers.append(frontier)
        done += len(frontier)
        lo, hi = out_start[frontier], out_start[frontier + 1]
        counts = hi - lo
        if counts.sum() == 0:
            break
        first = counts.cumsum() - counts
        # positions of the frontier's out-edges: the ranges lo..hi laid end to end
        idx = np.arange(counts.sum()) + np.repeat(lo - first, counts)
        hit, count = np.unique(out_dst[idx], return_counts=True)
        indegree[hit] -= count
        frontier = hit[indegree[hit] == 0]
    return layers if done == n else None


@lru_cache(maxsize=128)
def compile_graph(
    n: int,
    attacks: tuple[tuple[int, int], ...] = (),
    supports: tuple[tuple[int, int], ...] = (),
) -> Graph:
    """Compile a structure of ``n`` nodes with (source, target) attack and support edges.

    Cached on its arguments, which are the structure alone: re-evaluating with
    other base scores reuses the compiled graph.

    Raises:
        ValueError: an edge names a node outside ``0..n-1``.

    """
    a_src, a_dst = _pairs(attacks)
    s_src, s_dst = _pairs(supports)
    for arr in (a_src, a_dst, s_src, s_dst):
        if len(arr) and (arr.min() < 0 or arr.max() >= n):
            raise ValueError(f"an edge names a node outside 0..{n - 1}")
    layers = _layers(n, np.r_[a_src, s_src], np.r_[a_dst, s_dst])
    # A node nobody attacks or supports keeps its base score under every semantics
    # here, so the first layer needs no work.
    if layers is None:
        indegree = np.bincount(np.r_[a_dst, s_dst], minlength=n)
        groups = [np.flatnonzero(indegree > 0).astype(np.intp)]
    else:
        groups = layers[1:]
    plan = None
    if layers is not None and n <= PLAIN_PYTHON_LIMIT:  # iterating in Python never pays
        att: dict[int, list[int]] = {}
        sup: dict[int, list[int]] = {}
        for a, b in attacks:
            att.setdefault(b, []).append(a)
        for a, b in supports:
            sup.setdefault(b, []).append(a)
        plan = tuple(
            (int(i), tuple(att.get(int(i), ())), tuple(sup.get(int(i), ())))
            for nodes in groups
            for i in nodes
        )
    into_attacks = _split_edges(a_src, a_dst, groups, n)
    into_supports = _split_edges(s_src, s_dst, groups, n)
    blocks = tuple(
        Block(nodes, a, s) for nodes, a, s in zip(groups, into_attacks, into_supports, strict=True)
    )
    return Graph(n, attacks, supports, layers is None, blocks, plan)
