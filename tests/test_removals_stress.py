"""Stress: the large-graph walks against the dense batch, on generated acyclic cases.

Hypothesis builds cases with deep chains, wide fan-in (hubs and elements with 17 to 120
inputs of a kind, so the wide paths of both walks run), attacks and supports mixed,
strengths 0, 1 and in between, arguments out of play and up to 30 elements. Each is
weighed as one batch and walked (the deviation walk, and the live rows when it gives up
or is called directly) in pieces of several sizes: every world within 1e-12, the same
outcome, the same full-world strengths and the same contributions reported.

Then cases that once broke the walks, and what they now do: a removal whose own change is tiny (an
argument at 9e-16, or one a 49-link chain fades to that) still counts where many parallel
paths multiply it past 1e-12, since only a few units in the last place are taken for
rounding; and both walks stay within a few times their cells of memory on blocks far wider
than their inputs, and on kept rows of wide blocks.
"""

from __future__ import annotations

import random
import tracemalloc

import numpy as np
import pytest
from conftest import QUESTION, arg, make_case
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook.engine._deviations import deviation_worlds
from workbook.engine._live import live_worlds
from workbook.engine.prepared import prepare
from workbook.engine.weighing import weigh_prepared

ROLE_CYCLE = (
    "threshold",
    "likelihood-of-success",
    "irreparable-harm",
    "balance-of-equities",
    "public-interest",
)
SEMANTICS = ("df-quad", "quadratic-energy", "euler")


def _elements(k: int) -> dict[str, str]:
    return {f"e{i}": ROLE_CYCLE[i % 5] for i in range(k)}


def dag_case(
    seed: int,
    n: int,
    *,
    shape: str,
    n_elements: int,
    p_attack: float,
    p_out: float,
    hubs: int,
    hub_fanin: int,
    focus: float,
    palette: str,
):
    """``n`` arguments, argument ``i`` targeting only arguments ``j < i`` (so acyclic).

    shape: random (0-3 earlier targets), local (among the last 5: deep), chain (the one
    before, now and then another), bipartite (every node of the layer before, layers
    of 20: every target wide). The first ``hubs`` arguments are each targeted by about
    ``hub_fanin`` later ones; ``focus`` is the share of arguments on element e0.
    """
    rng = random.Random(seed)
    els = list(_elements(n_elements))
    palettes = {
        "plain": lambda: rng.choice([0.0, 0.25, 0.5, 0.75, 1.0, rng.random()]),
        "full": lambda: rng.choice([1.0, 1.0, 1.0, 0.999, rng.random()]),
        "small": lambda: rng.choice([0.0, 0.001, 0.01, 0.05, rng.random() * 0.1]),
        "extreme": lambda: rng.choice(
            [0.0, 1.0, 1 / 3, rng.random(), 1e-16, 2e-15, 1e-13, 1 - 2**-50, 0.99999]
        ),
    }
    args = []
    for i in range(n):
        if shape == "random":
            targets = rng.sample(range(i), min(i, rng.randint(0, 3)))
        elif shape == "local":
            targets = rng.sample(range(max(0, i - 5), i), min(i, rng.randint(0, 2)))
        elif shape == "chain":
            targets = [i - 1] if i else []
            if i > 3 and rng.random() < 0.15:
                targets.append(rng.randrange(i - 1))
        else:  # bipartite
            layer = i // 20
            targets = list(range((layer - 1) * 20, layer * 20)) if layer else []
        if hubs and i >= hubs and rng.random() < hub_fanin * hubs / max(1, n - hubs):
            targets.append(rng.randrange(hubs))
        more: dict = {}
        names = sorted({f"a{t}" for t in targets})
        attacks = [t for t in names if rng.random() < p_attack]
        supports = [t for t in names if t not in attacks]
        if attacks:
            more["attacks"] = attacks
        if supports:
            more["supports"] = supports
        if rng.random() < p_out:
            more["requires"] = {"q": "no"}  # out of play under the default answer
        element = els[0] if rng.random() < focus else rng.choice(els)
        side = "movant" if rng.random() < 0.5 else "opponent"
        args.append(arg(f"a{i}", side, element, palettes[palette](), **more))
    return make_case(args, elements=_elements(n_elements), questions=[QUESTION])


cases = st.builds(
    dict,
    seed=st.integers(0, 2**31),
    n=st.integers(30, 160),
    shape=st.sampled_from(["random", "local", "chain", "bipartite"]),
    n_elements=st.sampled_from([1, 2, 5, 30]),
    p_attack=st.sampled_from([0.0, 0.5, 1.0]),
    p_out=st.sampled_from([0.0, 0.15]),
    hubs=st.integers(0, 3),
    hub_fanin=st.integers(17, 120),
    focus=st.sampled_from([0.0, 0.6, 0.95]),
    palette=st.sampled_from(["plain", "full", "small", "extreme"]),
    semantics=st.sampled_from(SEMANTICS),
)


def _same(walked, batch, tolerance=1e-12):
    assert (walked.granted, walked.deciding) == (batch.granted, batch.deciding)
    assert walked.strengths == batch.strengths
    for ours, theirs in zip(walked.elements, batch.elements, strict=True):
        assert ours.strength == theirs.strength
        assert set(ours.contributions) == set(theirs.contributions), theirs.id
        for key, value in theirs.contributions.items():
            assert ours.contributions[key] == pytest.approx(value, abs=tolerance)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(spec=cases)
def test_the_walks_agree_with_the_batch_on_generated_acyclic_cases(spec):
    """Both walks, directly and through the weighing, in pieces of 50 to 8e6 cells."""
    spec = dict(spec)
    semantics = spec.pop("semantics")
    p = prepare(dag_case(**spec), semantics=semantics)
    assert not p.graph.cyclic
    live = p.in_play()
    batch = weigh_prepared(p, batch_cells=10**12)
    rows = p.evaluate(
        np.broadcast_to(p.base, (len(live), p.graph.n)),
        alive=np.where(np.eye(p.graph.n, dtype=bool)[list(live)], False, p.available),
    )[:, : p.m]
    row0 = p.evaluate(np.broadcast_to(p.base, (2, p.graph.n)))[0]
    for cells in (50, 300, 8_000_000):
        if cells == 50 and spec["n"] > 80:
            continue  # a couple of worlds at a time: slow on a deep graph, nothing new
        _same(weigh_prepared(p, batch_cells=0, walk_cells=cells), batch)
        sparse = deviation_worlds(p, row0, live, cells)
        if sparse is not None:
            np.testing.assert_allclose(sparse, rows, rtol=0, atol=1e-12)
        np.testing.assert_allclose(live_worlds(p, row0, live, cells), rows, rtol=0, atol=1e-12)


def test_a_cyclic_graph_is_walked_by_the_components_not_by_the_acyclic_walks(monkeypatch):
    """Cyclic graphs go to _cycles; the acyclic walks are never called for them."""
    from test_removals import random_case

    import workbook.engine.weighing as weighing

    calls: list[str] = []
    cyclic, acyclic = weighing.cyclic_removal_worlds, weighing.removal_worlds
    monkeypatch.setattr(
        weighing, "cyclic_removal_worlds", lambda *a, **k: calls.append("cycles") or cyclic(*a, **k)
    )
    monkeypatch.setattr(
        weighing, "removal_worlds", lambda *a, **k: calls.append("acyclic") or acyclic(*a, **k)
    )
    p = prepare(random_case(3, 60, cyclic=True))
    assert p.graph.cyclic
    weigh_prepared(p, batch_cells=0)
    assert calls == ["cycles"]


def amplifier(links: int = 0, layers: int = 6, width: int = 4, b: float = 0.001):
    """The argument x (on e1) -> ``links`` -> ``layers`` layers of ``width`` -> e0 (DF-QuAD).

    Without links x has strength 9e-16 and supports the first layer; with them x has
    0.5 and heads a chain of attacks at 0.5 (each link halves a change), the last link
    supporting the first layer. Each layer's nodes are supported by every node of the
    layer before and held just above their base by one attacker (c = 3e-4), so every
    edge passes about all of a change on: the layers multiply it by ``width ** layers / 2``.
    """
    layer = lambda k: [f"s{k}-{i}" for i in range(width)]  # noqa: E731
    if not links:
        args = [arg("x", "movant", "e1", 9e-16, supports=layer(0))]
        s_prev = 9e-16
    else:
        args = [arg("x", "movant", "e1", 0.5, attacks=["c0"])]
        s_prev = 0.5
        for i in range(links):
            more = {"attacks": [f"c{i + 1}"]} if i + 1 < links else {"supports": layer(0)}
            args.append(arg(f"c{i}", "opponent", "e1", 0.5, **more))
            s_prev = 0.5 * (1 - s_prev)
    n_in = 1
    for k in range(layers):
        support = 1 - (1 - s_prev) ** n_in
        if support > 3e-4:
            args.append(arg(f"k{k}", "opponent", "e1", support - 3e-4, attacks=layer(k)))
        more = {"supports": layer(k + 1)} if k + 1 < layers else {}
        element = "e0" if k == layers - 1 else "e1"
        args += [arg(s, "movant", element, b, **more) for s in layer(k)]
        s_prev, n_in = b + max(0.0, min(support, 3e-4)) * (1 - b), width
    elements = {"e0": "likelihood-of-success", "e1": "irreparable-harm"}
    return make_case(args, elements=elements, questions=[QUESTION])


@pytest.mark.parametrize("links", [0, 49])
def test_a_tiny_change_still_counts_where_the_graph_amplifies_it(links):
    """links=0: x's own strength is 9e-16. links=49: x is at 0.5, a chain fades it to 9e-16."""
    p = prepare(amplifier(links))
    batch = weigh_prepared(p, batch_cells=10**12)
    assert abs(batch.elements[0].contributions["x"]) > 1.5e-12  # cross-element, so reported
    _same(weigh_prepared(p, batch_cells=0), batch)


def _traced_peak(fn, *args) -> int:
    tracemalloc.start()
    try:
        fn(*args)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_the_deviation_walk_holds_about_its_cells():
    """One hub, moved by 1500 weak supporters, attacks 1500 arguments."""
    h = 1500
    els = list(_elements(5))
    args = [arg("x", "movant", "e2", 0.5, attacks=[f"l{i}" for i in range(h)])]
    args += [arg(f"h{i}", "movant", els[i % 5], 1e-4, supports=["x"]) for i in range(h)]
    args += [arg(f"l{i}", ("movant", "opponent")[i % 2], els[i % 5], 0.6) for i in range(h)]
    p = prepare(make_case(args, elements=_elements(5), questions=[QUESTION]))
    row0 = p.evaluate(np.broadcast_to(p.base, (2, p.graph.n)))[0]
    cells = 300_000  # 2.4 MB of float64
    peak = _traced_peak(deviation_worlds, p, row0, p.in_play(), cells)
    assert peak < 16 * 8 * cells  # a few dense pieces of ``cells`` at once (it took ~190 MB)


def test_the_live_rows_hold_about_their_cells():
    """30 layers of 100 arguments off a spine, each layer with an element: ~23x cells held."""
    k, w = 30, 100
    elements = {f"e{i}": ROLE_CYCLE[i % 5] for i in range(k + 1)}
    args = []
    for i in range(k):
        more = {"attacks": [f"s{i + 1}"] + [f"l{i + 1}-{j}" for j in range(w)]} if i + 1 < k else {}
        # the spine's s_i sits on element e_{i+1}, which so shares layer i+1 with its 100 l's
        args.append(arg(f"s{i}", ("movant", "opponent")[i % 2], f"e{i + 1}", 1.0, **more))
        args += [arg(f"l{i}-{j}", "movant", "e0", 0.5) for j in range(w)] if i else []
    p = prepare(make_case(args, elements=elements, questions=[QUESTION]))
    row0 = p.evaluate(np.broadcast_to(p.base, (2, p.graph.n)))[0]
    cells = 100_000
    # a block's own temporaries take ~5x cells; copying the kept rows brings it there
    assert _traced_peak(live_worlds, p, row0, p.in_play(), cells) < 12 * 8 * cells
