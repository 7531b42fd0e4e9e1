"""Contributions on a large graph: walking the worlds without each argument gives the same bits."""

from __future__ import annotations

import random

import numpy as np
import pytest
from conftest import QUESTION, ROLES, arg, make_case

from workbook.engine.prepared import prepare
from workbook.engine.weighing import weigh_prepared

ELEMENTS = list(ROLES)


def random_case(seed: int, n: int, cyclic: bool = False):
    """``n`` arguments, each attacking or supporting a few earlier ones (or a later one: cyclic)."""
    rng = random.Random(seed)
    args = []
    for i in range(n):
        more: dict = {}
        targets = [f"a{j}" for j in rng.sample(range(i), min(i, rng.randint(0, 3)))]
        if cyclic and i and rng.random() < 0.2:
            targets.append(f"a{rng.randrange(i, n)}" if rng.randrange(i, n) != i else "a0")
        if targets:
            more["attacks" if rng.random() < 0.6 else "supports"] = sorted(set(targets))
        if rng.random() < 0.1:
            more["requires"] = {"q": "no"}  # out of play under the default answer
        side = "movant" if rng.random() < 0.5 else "opponent"
        strength = rng.choice([0.0, 0.25, 0.5, 0.75, 1.0, rng.random()])
        args.append(arg(f"a{i}", side, rng.choice(ELEMENTS), strength, **more))
    return make_case(args, questions=[QUESTION])


def _same(walked, batch, tolerance=1e-12):
    """The same outcome, element strengths and contributions, within ``tolerance``."""
    assert (walked.granted, walked.deciding) == (batch.granted, batch.deciding)
    assert walked.strengths == batch.strengths
    for ours, theirs in zip(walked.elements, batch.elements, strict=True):
        assert ours.strength == theirs.strength
        assert set(ours.contributions) == set(theirs.contributions)
        for key, value in theirs.contributions.items():
            assert ours.contributions[key] == pytest.approx(value, abs=tolerance)


@pytest.mark.parametrize("semantics", ["df-quad", "quadratic-energy", "euler"])
@pytest.mark.parametrize(("seed", "n", "cells"), [(1, 40, 0), (2, 120, 0), (3, 120, 300)])
def test_walking_the_worlds_agrees_with_the_batch_on_an_acyclic_graph(seed, n, cells, semantics):
    """Every contribution within 1e-12, small pieces of worlds included.

    At 300 cells the deviation walk gives up and the live-row walk runs, a few worlds
    at a time.
    """
    p = prepare(random_case(seed, n), semantics=semantics)
    assert not p.graph.cyclic
    batch = weigh_prepared(p, batch_cells=10**12)
    walked = weigh_prepared(p, batch_cells=0, walk_cells=cells or 8_000_000)
    _same(walked, batch)
    assert any(e.contributions for e in walked.elements)


def test_a_large_acyclic_case_is_walked_and_a_small_one_batched(monkeypatch):
    """Above ``batch_cells`` the walk runs (it refuses cyclic graphs itself)."""
    import workbook.engine.weighing as weighing

    calls = []
    real = weighing.removal_worlds
    monkeypatch.setattr(
        weighing, "removal_worlds", lambda *a, **k: calls.append(1) or real(*a, **k)
    )
    p = prepare(random_case(4, 60))
    weigh_prepared(p, batch_cells=10**12)
    assert calls == []
    weigh_prepared(p, batch_cells=10)
    assert calls == [1]


def test_the_removed_argument_is_zero_in_its_own_world():
    """A chain: removing the top argument frees the one below it (its world's strengths)."""
    from workbook.engine._removals import removal_worlds

    case = make_case(
        [
            arg("a0", "movant", "harm", 0.5),
            arg("a1", "opponent", "success", 0.5, attacks=["a0"]),
        ]
    )
    p = prepare(case)
    row0 = p.evaluate(np.broadcast_to(p.base, (2, p.graph.n)))[0]
    worlds = removal_worlds(p, row0, p.in_play())
    harm = [e.id for e in p.elements].index("harm")
    assert row0[harm] < worlds[1, harm]  # without a1, a0 helps harm at full strength


def ring(n: int, strength: float = 1.0):
    """Full-strength arguments on one element, each attacking the next, closing a cycle."""
    sides = ("movant", "opponent")
    args = [
        arg(f"a{i}", sides[i % 2], "harm", strength, attacks=[f"a{(i + 1) % n}"]) for i in range(n)
    ]
    return make_case(args, questions=[QUESTION])


@pytest.mark.parametrize("semantics", ["df-quad", "quadratic-energy", "euler"])
@pytest.mark.parametrize(
    "case",
    [random_case(seed, n, cyclic=True) for seed, n in ((1, 30), (2, 30), (3, 30), (3, 60))]
    + [ring(40), ring(41), ring(12, 0.7)],
)
def test_walking_a_cyclic_graph_gives_the_batchs_fixed_points(case, semantics):
    """Component by component: the same contributions within the tolerance, the same outcome."""
    p = prepare(case, semantics=semantics)
    assert p.graph.cyclic
    batch = weigh_prepared(p, batch_cells=10**12)
    walked = weigh_prepared(p, batch_cells=0, walk_cells=500)
    assert (walked.granted, walked.converged) == (batch.granted, batch.converged)
    for ours, theirs in zip(walked.elements, batch.elements, strict=True):
        assert ours.strength == pytest.approx(theirs.strength, abs=1e-12)
        assert set(ours.contributions) == set(theirs.contributions)
        for key, value in theirs.contributions.items():
            assert ours.contributions[key] == pytest.approx(value, abs=1e-8)


def chain(n: int, strength: float):
    """Each argument attacks the one before it, alternating sides, over the elements in turn."""
    sides = ("movant", "opponent")
    args = [
        arg(
            f"a{i}",
            sides[i % 2],
            ELEMENTS[i % len(ELEMENTS)],
            strength,
            **({"attacks": [f"a{i - 1}"]} if i else {}),
        )
        for i in range(n)
    ]
    return make_case(args, questions=[QUESTION])


def _worlds(p):
    row0 = p.evaluate(np.broadcast_to(p.base, (2, p.graph.n)))[0]
    return row0, p.in_play()


@pytest.mark.parametrize("semantics", ["df-quad", "quadratic-energy", "euler"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_keeping_only_the_deviations_gives_the_batchs_strengths(seed, semantics):
    """The deviation walk runs (it does not give up) and agrees with the batch within 1e-12."""
    from workbook.engine._deviations import deviation_worlds

    p = prepare(random_case(seed, 120), semantics=semantics)
    row0, live = _worlds(p)
    sparse = deviation_worlds(p, row0, live, 8_000_000)
    assert sparse is not None
    batch = p.evaluate(
        np.broadcast_to(p.base, (len(live), p.graph.n)),
        alive=np.where(np.eye(p.graph.n, dtype=bool)[list(live)], False, p.available),
    )[:, : p.m]
    np.testing.assert_allclose(sparse, batch, rtol=0, atol=1e-12)


def test_a_fading_chain_keeps_few_deviations_and_a_full_strength_one_gives_up():
    """A removal fades within a few dozen links at half strength, never at full strength.

    Half: about 60 deviations a world suffice. Full: the walk hands over to the live rows.
    """
    from workbook.engine._deviations import deviation_worlds

    n = 400
    fading = prepare(chain(n, 0.5))
    assert deviation_worlds(fading, *_worlds(fading), cells=100 * n) is not None
    lasting = prepare(chain(n, 1.0))
    assert deviation_worlds(lasting, *_worlds(lasting), cells=100 * n) is None
    for p in (fading, lasting):  # either way, the contributions are the batch's
        batch = weigh_prepared(p, batch_cells=10**12)
        _same(weigh_prepared(p, batch_cells=0, walk_cells=100 * n), batch)


@pytest.mark.parametrize("product", [True, False])
def test_folding_a_wide_block_target_by_target_agrees_with_the_levels(product):
    """Past 16 edges into a target the walk folds target by target.

    The inputs no world changes are taken once: the levels' bits when every input
    moves, a few bits off otherwise.
    """
    from workbook.engine._deviations import _groups, _wide_fold
    from workbook.engine.evaluation import fold
    from workbook.engine.graph import Edges

    rng = np.random.default_rng(7)
    state = rng.random((300, 9))
    tpos = np.sort(rng.integers(0, 3, size=200)).astype(np.intp)
    edges = Edges.grouped(rng.integers(0, 300, size=200).astype(np.intp), tpos)
    groups = _groups(edges, np.arange(300, dtype=np.intp))
    levels = fold(state, edges.levels, 3, product)
    every = np.arange(300, dtype=np.intp)
    assert np.array_equal(_wide_fold(state, every, state[:, 0], groups, 3, product), levels)
    still = state.copy()
    still[::2] = still[::2, :1]  # even inputs: the same in every world
    where = np.where(every % 2, every, -1)
    ours = _wide_fold(still, where, still[:, 0], groups, 3, product)
    np.testing.assert_allclose(ours, fold(still, edges.levels, 3, product), rtol=1e-14)


@pytest.mark.parametrize("semantics", ["df-quad", "quadratic-energy", "euler"])
@pytest.mark.parametrize("cells", [50, 8_000_000])
def test_the_live_rows_give_the_batchs_worlds(cells, semantics):
    """Every world, densely, keeping only the rows still read: within 1e-12 of the batch.

    In one chunk of all the worlds, or in many of two.
    """
    from workbook.engine._live import live_worlds

    for seed in (1, 2):
        p = prepare(random_case(seed, 120), semantics=semantics)
        row0, live = _worlds(p)
        batch = p.evaluate(
            np.broadcast_to(p.base, (len(live), p.graph.n)),
            alive=np.where(np.eye(p.graph.n, dtype=bool)[list(live)], False, p.available),
        )[:, : p.m]
        np.testing.assert_allclose(live_worlds(p, row0, live, cells), batch, rtol=0, atol=1e-12)


def test_a_full_strength_chain_keeps_a_handful_of_rows():
    """The live-row walk holds a few rows per world on a chain, so every world fits at once.

    Each link is read by the next one only, and the elements gather the rest as they go.
    """
    from workbook.engine._live import _plans

    plans, wide, _ = _plans(prepare(chain(400, 1.0)))
    assert max(len(pl.keep) + len(pl.inputs) for pl in plans) <= 2 + len(ROLES)  # link, elements
    assert wide[: len(ROLES)].all()  # every element gathers its 80 arguments as they come


def test_the_live_rows_count_what_earlier_blocks_keep():
    """Rows kept by several blocks add up: the chunk of worlds is sized for all of them."""
    from workbook.engine._live import _peak, _plans

    # d attacks layer 1, each layer the next, and every layer supports c, read last
    args = [arg(f"d{i}", "movant", "harm", 0.5, attacks=[f"b1-{i}"]) for i in range(60)]
    for layer in range(1, 6):
        more = {"attacks": [f"b{layer + 1}-{{i}}"]} if layer < 5 else {}
        args += [
            arg(
                f"b{layer}-{i}",
                "opponent",
                "harm",
                0.5,
                supports=[f"c{i}"],
                **{k: [t.format(i=i) for t in v] for k, v in more.items()},
            )
            for i in range(60)
        ]
    args += [arg(f"c{i}", "movant", "success", 0.5) for i in range(60)]
    plans, _, _ = _plans(prepare(make_case(args, questions=[QUESTION])))
    own = max(len(pl.keep) + len(pl.inputs) for pl in plans)  # one block's view: 301
    # before c's block the five layers are held (300), then c reads them and adds 60 rows
    assert _peak(plans) >= 300 + 300 + 60 > 2 * own
