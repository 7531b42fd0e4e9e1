"""Large batches on acyclic graphs: node-major rows in topological order, one layer at a time.

:func:`evaluate_layered` is the batch evaluator behind the Monte Carlo. It takes
base scores laid out as the graph's :class:`~workbook.engine.graph.Layout` says (one
row per node, ``(nodes, samples)``, C-contiguous, layer after layer), so each
layer reads whole rows and writes one contiguous block of rows: no scatter, and
no temporaries beyond three reused scratch blocks.

For a product aggregation (DF-QuAD) the rows hold the *complement* of the
strength, ``1 - s``: the aggregate of a target's attackers is then a plain
product of rows, ``prod(1 - s)``, with no subtraction per edge. With
``A = prod(1 - attackers)`` and ``S = prod(1 - supporters)``, DF-QuAD's
``c = support - attack`` is ``A - S``, and its influence in complement form is
``(1 - b)(1 - max(c, 0)) - min(c, 0) b``.

    >>> import numpy as np
    >>> from workbook.engine.graph import compile_graph
    >>> g = compile_graph(2, attacks=((0, 1),))
    >>> rows = np.array([[0.6], [0.5]])[g.layout.position]
    >>> kept = evaluate_layered(g.layout, rows)
    >>> (1.0 - kept[g.layout.position]).round(3).ravel().tolist()
    [0.6, 0.2]
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine.graph import Layout, Level
from workbook.engine.semantics import DF_QUAD, Semantics

__all__ = ["evaluate_layered", "workspace"]

Array = NDArray[np.floating[Any]]

_LOCAL = threading.local()


def workspace(slot: str, shape: tuple[int, ...], dtype: Any = np.float32) -> Array:
    """A scratch array for this slot, shape and dtype, reused by the next call in the thread.

    Reusing one spares the page faults of touching several fresh megabytes per
    call; a caller must not hand it out (copy what it returns).
    """
    buffers: dict[str, Array] = getattr(_LOCAL, "buffers", None) or {}
    _LOCAL.buffers = buffers
    buf = buffers.get(slot)
    if buf is None or buf.shape != shape or buf.dtype != dtype:
        buf = buffers[slot] = np.empty(shape, dtype=dtype)
    return buf


def _aggregate(
    state: Array, levels: tuple[Level, ...], out: Array, tmp: Array, product: bool
) -> Array:
    """Fold the levels of incoming edges into ``out`` (rows of one layer): product or sum."""
    if not levels:
        out.fill(1.0 if product else 0.0)
        return out
    fold = np.multiply if product else np.add
    identity = 1.0 if product else 0.0
    for d, (src, targets) in enumerate(levels):
        count = len(src) if not isinstance(src, slice) else src.stop - src.start
        if d == 0:  # the first level is copied in, not folded into the identity
            if targets is None:
                if isinstance(src, slice):
                    np.copyto(out[:count], state[src])
                else:
                    np.take(state, src, axis=0, out=out[:count])
                out[count:].fill(identity)
            else:
                out.fill(identity)
                out[targets] = state[src]
            continue
        if targets is None:  # the first ``count`` targets: a prefix of the layer
            head = out[:count]
            if isinstance(src, slice):  # consecutive rows: a view, no copy
                fold(head, state[src], out=head)
            else:
                part = tmp[:count]
                np.take(state, src, axis=0, out=part)
                fold(head, part, out=head)
        else:
            out[targets] = fold(out[targets], state[src])
    return out


def _absence(
    absent: NDArray[np.bool_] | None, samples: int, dtype: Any, product: bool
) -> tuple[NDArray[np.intp], Array, Any]:
    """The rows absent in some samples, a 0/1 row for each that clears it, and the fold.

    Clearing is a max with 1 (complements) or a product with 0 (strengths), a
    few times faster than a masked copy.
    """
    varying = np.zeros(0, dtype=np.intp) if absent is None else np.flatnonzero(absent.any(axis=1))
    clear = np.empty((len(varying), samples), dtype=dtype)
    if absent is not None and len(varying):
        rows_absent = absent[varying]
        np.copyto(clear, rows_absent if product else ~rows_absent)
    return varying, clear, np.maximum if product else np.multiply


def _influence(
    rows: Array,
    b: Array,
    a: Array,
    s: Array,
    tmp: Array,
    semantics: Semantics,
    dfquad: bool,
    product: bool,
    complement: bool,
) -> None:
    """One layer's strengths (or complements) from base ``b``, attack ``a`` and support ``s``."""
    if dfquad:
        # With k = 1 - b: (1 - b)(1 - max(c, 0)) - min(c, 0) b == k (1 - |c|) + (|c| - c) / 2,
        # which needs no max or min (several times slower than + and *, unvectorised).
        # ``rows`` may be ``b`` itself: b is read (into tmp) before rows is written.
        np.subtract(a, s, out=a)  # c = support - attack = A - S
        np.absolute(a, out=s)
        if complement:
            np.multiply(b, s, out=tmp)  # k |c|
            np.subtract(b, tmp, out=rows)  # k (1 - |c|)
        else:
            np.subtract(1.0, b, out=tmp)  # k
            np.multiply(tmp, s, out=rows)
            np.subtract(tmp, rows, out=rows)
        s -= a
        s *= 0.5
        rows += s
    elif product:
        np.subtract(1.0, a, out=a)
        np.subtract(1.0, s, out=s)
        plain = np.subtract(1.0, b) if complement else b.copy()
        np.subtract(1.0, semantics.influence(plain, a, s), out=rows)
    else:
        rows[...] = semantics.influence(b.copy(), a, s)


def evaluate_layered(
    layout: Layout,
    base: Array,
    *,
    semantics: Semantics = DF_QUAD,
    dead: NDArray[np.intp] | None = None,
    absent: NDArray[np.bool_] | None = None,
    out: Array | None = None,
    complement: bool = False,
) -> Array:
    """Evaluate a batch laid out in the rows of ``layout``; returns the final rows.

    Args:
        layout: ``graph.layout`` of an acyclic compiled graph.
        base: base scores, ``(nodes, samples)``, row ``r`` for node ``layout.order[r]``.
            Its dtype is kept (float32 halves the memory traffic).
        semantics: the gradual semantics.
        dead: sorted rows of absent nodes (strength 0 in every sample).
        absent: ``(nodes, samples)`` in row order: True where a node is absent in that
            sample only (the odds over the questions put arguments in and out per sample).
        out: an array shaped like ``base`` to receive the result; ``base`` itself
            evaluates in place (each row's base is read before its result is written).
            Otherwise ``base`` is not modified.
        complement: ``base`` holds the complements ``1 - b`` (product aggregations
            only), as the result does: the sampler can draw them directly, and the
            sources then need no pass at all.

    Returns:
        For a product aggregation (DF-QuAD), the complements ``1 - strength``; for a
        sum aggregation, the strengths. Same layout as ``base``.

    Raises:
        ValueError: ``complement`` with a sum aggregation.

    """
    product = semantics.aggregate == "product"
    if complement and not product:
        raise ValueError(
            f"complement base scores need a product aggregation, not {semantics.aggregate!r}"
        )
    state = np.empty_like(base) if out is None else out
    top = max((layer.hi - layer.lo for layer in layout.layers), default=0)
    samples = base.shape[1]
    scratch = workspace("layered", (3, top, samples), base.dtype)
    dead = np.zeros(0, dtype=np.intp) if dead is None else dead
    gone = 1.0 if product else 0.0
    src = slice(0, layout.sources)
    if product and not complement:
        np.subtract(1.0, base[src], out=state[src])
    elif state is not base:
        np.copyto(state[src], base[src])
    dfquad = product and semantics.influence is DF_QUAD.influence
    state[dead[dead < layout.sources]] = gone
    varying, clear, fold = _absence(absent, samples, base.dtype, product)
    for j, r in enumerate(varying.tolist()):
        if r < layout.sources:
            fold(state[r], clear[j], out=state[r])
    for layer in layout.layers:
        size = layer.hi - layer.lo
        a, s, tmp = scratch[0, :size], scratch[1, :size], scratch[2, :size]
        _aggregate(state, layer.attacks, a, tmp, product)
        _aggregate(state, layer.supports, s, tmp, product)
        b = base[layer.lo : layer.hi]
        rows = state[layer.lo : layer.hi]
        _influence(rows, b, a, s, tmp, semantics, dfquad, product, complement)
        here = dead[(dead >= layer.lo) & (dead < layer.hi)]
        if len(here):
            state[here] = gone
        for j in np.flatnonzero((varying >= layer.lo) & (varying < layer.hi)).tolist():
            r = int(varying[j])
            fold(state[r], clear[j], out=state[r])
    return state
