"""Monte Carlo: reproducible, sensible probabilities, ranges honoured."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import toy
from hypothesis import given, settings
from hypothesis import strategies as st

import workbook
from workbook.casefile.load import load_case
from workbook.engine._sampling import LEVELS as _LEVELS
from workbook.engine._sampling import sample as _sample
from workbook.engine._sampling import uniform_words as _uniform_words
from workbook.engine.evaluation import evaluate
from workbook.engine.montecarlo import monte_carlo, wilson_interval
from workbook.engine.weighing import prepare, weigh
from workbook.scenario import Scenario, StrengthRange


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_the_same_seed_gives_the_same_probability(seed):
    """Two runs with one seed agree exactly, down to every statistic."""
    a = monte_carlo(toy(), samples=300, seed=seed)
    b = monte_carlo(toy(), samples=300, seed=seed)
    assert a == b


def test_the_toy_case_hangs_on_equities():
    """The toy case's probability sits inside its interval, and equities drive it."""
    m = monte_carlo(toy(), samples=4000, seed=0)
    lo, hi = m.interval
    assert 0.0 < lo <= m.p_granted <= hi < 1.0
    assert m.per_element["standing"] == 1.0
    assert m.per_element["equities"] == pytest.approx(m.p_granted)
    assert next(iter(m.sensitivity)) == "eq-1" and m.sensitivity["eq-1"] > 0.3
    assert m.deciding == {"equities": 1.0}


def test_no_spread_gives_the_point_result():
    """With no spread and no ranges every sample is the scenario itself."""
    m = monte_carlo(toy(), samples=50, spread=0.0)
    assert m.p_granted == (1.0 if weigh(toy()).granted else 0.0)
    assert m.sensitivity == {}


@pytest.mark.parametrize(
    "rng", [StrengthRange(low=0.0, high=0.3), StrengthRange(low=0.0, high=0.3, mode=0.1)]
)
def test_ranges_override_the_default_spread(rng):
    """A low range on eq-1 (uniform or PERT) makes the motion fail on equities every time."""
    m = monte_carlo(toy(), Scenario(case="toy", ranges={"eq-1": rng}), samples=500)
    assert m.p_granted == 0.0 and m.per_element["equities"] == 0.0


def test_a_degenerate_range_is_a_fixed_value():
    """A range with low == high fixes the base strength there."""
    m = monte_carlo(
        toy(),
        Scenario(case="toy", ranges={"eq-1": StrengthRange(low=1, high=1)}),
        samples=200,
        spread=0.0,
    )
    assert m.p_granted == 1.0


@pytest.mark.parametrize(
    ("wins", "n", "expected"),
    [(50, 100, (0.4038, 0.5962)), (0, 10, (0.0, 0.2775)), (10, 10, (0.7225, 1.0))],
)
def test_the_wilson_interval(wins, n, expected):
    """The Wilson score interval matches published values."""
    assert wilson_interval(wins, n) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("kw", "message"), [({"samples": 0}, "samples"), ({"spread": -0.1}, "spread")]
)
def test_bad_settings_are_refused(kw, message):
    """Zero samples or a negative spread raise ValueError naming the setting."""
    with pytest.raises(ValueError, match=message):
        monte_carlo(toy(), **kw)


def test_a_plain_function_standard_works_in_the_monte_carlo():
    """A function standard is called per sample and gives the same P as a built-in equivalent."""
    from workbook.engine.standards import Decision

    def equities_only(scores, merge):
        s = next(e for e in scores if e.role == "balance-of-equities")
        return Decision(s.strength > 0.5, s.id, "equities decide", {}, {})

    m = monte_carlo(toy(), samples=300, seed=3, standard=equities_only)
    assert m.p_granted == monte_carlo(toy(), samples=300, seed=3).p_granted


def test_a_cyclic_case_is_sampled_to_convergence():
    """Arguments that rebut each other are iterated per batch; the batch converges and agrees."""
    from conftest import arg, make_case

    case = make_case(
        [
            arg("a", "movant", "success", 0.7, attacks=["b"]),
            arg("b", "opponent", "success", 0.6, attacks=["a"]),
            *[arg(f"x-{e}", "movant", e, 0.8) for e in ("standing", "harm", "equities", "public")],
        ]
    )
    m = monte_carlo(case, samples=2000, seed=5)
    assert m.converged
    assert m.per_element["success"] == pytest.approx(m.p_granted)
    assert 0.0 < m.p_granted < 1.0


# --------------------------------------------------------------------------- the sampler


def test_the_16_bit_uniforms_are_uniform():
    """10^5 draws (k + 1/2) / 2^16 have the mean, variance and histogram of U(0, 1), every lane."""
    k = _uniform_words(np.random.Generator(np.random.SFC64(7)), 1, 100_000)[0]
    u = (k.astype(np.float64) + 0.5) / _LEVELS
    assert u.min() > 0.0 and u.max() < 1.0
    n = len(u)
    assert abs(u.mean() - 0.5) < 5 * np.sqrt(1 / 12 / n)
    assert abs(u.var() - 1 / 12) < 5 * np.sqrt(1 / 180 / n)
    counts = np.bincount((u * 20).astype(int), minlength=20)
    expected = n / 20
    assert np.all(np.abs(counts - expected) < 5 * np.sqrt(expected))
    for lane in range(4):  # each 16-bit quarter of the 64-bit words on its own
        part = u[lane::4]
        assert abs(part.mean() - 0.5) < 5 * np.sqrt(1 / 12 / len(part))
    assert abs(np.corrcoef(u[:-1], u[1:])[0, 1]) < 5 / np.sqrt(n)  # neighbours independent


@pytest.mark.parametrize("rows", [1, 3, 7])
@pytest.mark.parametrize("samples", [1, 5, 1000])
def test_the_16_bit_uniforms_have_the_asked_shape(rows, samples):
    """Any rows x samples is served, including counts that are not a multiple of four."""
    k = _uniform_words(np.random.Generator(np.random.SFC64(0)), rows, samples)
    assert k.shape == (rows, samples) and k.dtype == np.uint16


def _flagship():
    return load_case(workbook.CASES / "legion-v-lutnick")


def _reference(case, scenario, samples, seed, spread=0.1):
    """P(granted) and per-element P(likely) from NumPy float64 uniforms, one sample at a time.

    The old sampler (``Generator.random``) and the engine's single-row path: the baseline
    the batch must agree with in distribution.
    """
    p = prepare(case, scenario)
    rng = np.random.default_rng(seed)
    live = list(p.in_play())
    lo = np.maximum(p.base[live] - spread, 0.0)
    hi = np.minimum(p.base[live] + spread, 1.0)
    for j, node in enumerate(live):
        r = p.scenario.ranges.get(p.arguments[node - p.m].id)
        if r is not None:
            lo[j], hi[j] = r.low, r.high
    modes = {
        j: r.mode
        for j, node in enumerate(live)
        if (r := p.scenario.ranges.get(p.arguments[node - p.m].id)) and r.mode is not None
    }
    wins, likely = 0, np.zeros(p.m)
    for _ in range(samples):
        row = p.base.copy()
        u = rng.random(len(live))
        for j, mode in modes.items():  # PERT: a Beta on lo..hi
            w = hi[j] - lo[j]
            u[j] = rng.beta(1 + 4 * (mode - lo[j]) / w, 1 + 4 * (hi[j] - mode) / w)
        row[live] = lo + (hi - lo) * u
        s = evaluate(p.graph, row, semantics=p.semantics, alive=p.available).strengths
        g, _ = p.decide_columns(s[: p.m, None])
        wins += bool(g[0])
        likely += s[: p.m] > 0.5
    return wins / samples, {e.id: likely[i] / samples for i, e in enumerate(p.elements)}


def _agree(a, n_a, b, n_b):
    """Two sampled proportions agree within five standard errors (plus a little slack)."""
    pooled = (a * n_a + b * n_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    return abs(a - b) <= 5 * se + 1e-3


@pytest.mark.parametrize("which", ["toy", "toy-pert", "flagship", "flagship-granted"])
def test_the_batch_agrees_with_the_float_sampler_and_the_per_sample_engine(which):
    """P(granted) and every element's P(likely) match the float64 per-sample reference."""
    if which == "toy":
        case, scenario = toy(), None
    elif which == "toy-pert":
        case = toy()
        scenario = Scenario(case="toy", ranges={"eq-1": StrengthRange(low=0.2, high=0.9, mode=0.4)})
    else:
        case = _flagship()
        scenario = None
        if which == "flagship-granted":  # the movant's remedy arguments at 0.7: P about 1/3
            remedy = ("harm", "equities", "public-interest")
            up = {
                a.id: 0.7
                for a in prepare(case).arguments
                if a.side == "movant" and a.element in remedy
            }
            scenario = Scenario(case=case.case.id, strengths=up)
    batch = monte_carlo(case, scenario, samples=20_000, seed=11, odds=False)
    n_ref = 1500
    p_ref, el_ref = _reference(case, scenario, n_ref, seed=11)
    assert _agree(batch.p_granted, batch.samples, p_ref, n_ref)
    for e, v in el_ref.items():
        assert _agree(batch.per_element[e], batch.samples, v, n_ref), e


def test_the_flagship_result_is_reproducible_and_seed_dependent():
    """One case, scenario and seed give one result; another seed moves the sampled numbers."""
    case = _flagship()
    a = monte_carlo(case, samples=3000, seed=4)
    assert a == monte_carlo(case, samples=3000, seed=4)
    assert a.per_element != monte_carlo(case, samples=3000, seed=5).per_element


@pytest.mark.parametrize("complement", [False, True])
def test_the_sampler_keeps_each_row_in_its_range(complement):
    """Drawn rows stay inside lo..hi (and [0, 1]), fixed rows hold lo, complements mirror them."""
    lo = np.array([0.5, 0.0, 0.3, 0.9, 0.2, 0.95])
    hi = np.array([0.5, 0.2, 0.3, 1.0, 0.6, 1.0])
    row = np.array([3, 0, 5, 1, 2, 4])
    pert = [(4, 0.2, 0.6, 0.3)]
    draws = _sample(
        np.random.Generator(np.random.SFC64(1)), lo, hi, pert, 5000, row, complement=complement
    )
    x = draws.cols[row].astype(np.float64)
    if complement:
        x = 1.0 - x
    assert np.all(x[[0, 2]] == lo[[0, 2], None].astype(np.float32))
    tol = 1e-6
    assert np.all(x >= lo[:, None] - tol) and np.all(x <= hi[:, None] + tol)
    assert np.all((draws.cols >= 0.0) & (draws.cols <= 1.0))
    assert sorted(draws.uniform_nodes.tolist()) == [1, 3, 5]
    assert draws.pert_nodes.tolist() == [4] and draws.beta.shape == (1, 5000)
    means = x.mean(axis=1)
    assert means[[1, 3, 5]] == pytest.approx((lo + hi)[[1, 3, 5]] / 2, abs=0.005)
    assert means[4] == pytest.approx(0.2 + 0.4 * (1 + 4 * 0.1 / 0.4) / 6, abs=0.005)
