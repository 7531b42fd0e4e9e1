"""The layered batch evaluator agrees with the general one on acyclic graphs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.engine._layered import evaluate_layered
from workbook.engine.evaluation import evaluate
from workbook.engine.graph import compile_graph
from workbook.engine.semantics import SEMANTICS


@st.composite
def acyclic(draw):
    """A random acyclic graph (edges from lower to higher node), base rows and a dead mask."""
    n = draw(st.integers(1, 12))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=20)) if pairs else []
    split = draw(st.integers(0, len(edges)))
    rows = draw(st.integers(1, 4))
    base = draw(
        st.lists(st.lists(st.floats(0, 1), min_size=n, max_size=n), min_size=rows, max_size=rows)
    )
    dead = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    return n, tuple(edges[:split]), tuple(edges[split:]), np.array(base), np.array(dead)


@settings(max_examples=80, deadline=None)
@given(acyclic(), st.sampled_from(list(SEMANTICS.values())), st.booleans(), st.booleans())
def test_the_layered_evaluator_agrees_with_evaluate(graph, semantics, in_place, complement):
    """Every semantics, with absent nodes, in place or not, gives the strengths evaluate gives."""
    n, attacks, supports, base, dead = graph
    complement = complement and semantics.aggregate == "product"
    g = compile_graph(n, attacks, supports)
    assert g.layout is not None
    want = evaluate(
        g, base, semantics=semantics, alive=np.broadcast_to(~dead, base.shape)
    ).strengths
    pos = g.layout.position
    rows = np.ascontiguousarray(base.T[np.argsort(pos)])
    if complement:
        rows = 1.0 - rows
    got = evaluate_layered(
        g.layout,
        rows,
        semantics=semantics,
        dead=np.sort(pos[np.flatnonzero(dead)]),
        out=rows if in_place else None,
        complement=complement,
    )
    got = got[pos].T
    if semantics.aggregate == "product":
        got = 1.0 - got
    assert got == pytest.approx(want, abs=1e-9)


def test_layers_are_contiguous_rows_in_topological_order():
    """Every edge runs from an earlier row to a later layer, and attack levels are prefixes."""
    g = compile_graph(5, attacks=((0, 2), (1, 2), (3, 4), (2, 4)), supports=((1, 4),))
    layout = g.layout
    assert layout is not None and layout.sources == 3
    row = layout.position
    for a, b in (*g.attacks, *g.supports):
        assert row[a] < row[b]
    assert [(layer.lo, layer.hi) for layer in layout.layers] == [(3, 4), (4, 5)]
    assert all(t is None for layer in layout.layers for _, t in layer.attacks)


def test_a_cyclic_graph_has_no_layout():
    """Only acyclic graphs get a row layout; cycles are iterated instead."""
    assert compile_graph(2, attacks=((0, 1), (1, 0))).layout is None


def test_a_complement_base_needs_a_product_aggregation():
    """Complement base scores with a sum aggregation are refused with ValueError."""
    g = compile_graph(2, attacks=((0, 1),))
    with pytest.raises(ValueError, match="product"):
        evaluate_layered(
            g.layout, np.zeros((2, 1)), semantics=SEMANTICS["quadratic-energy"], complement=True
        )
