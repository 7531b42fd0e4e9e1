"""Monte Carlo: reproducible, sensible probabilities, ranges honoured."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from weigh_factory import toy

from workbook.montecarlo import monte_carlo, wilson_interval
from workbook.scenario import Scenario, StrengthRange
from workbook.weigh import weigh


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


@pytest.mark.parametrize("rng", [StrengthRange(low=0.0, high=0.3),
                                 StrengthRange(low=0.0, high=0.3, mode=0.1)])
def test_ranges_override_the_default_spread(rng):
    """A low range on eq-1 (uniform or PERT) makes the motion fail on equities every time."""
    m = monte_carlo(toy(), Scenario(case="toy", ranges={"eq-1": rng}), samples=500)
    assert m.p_granted == 0.0 and m.per_element["equities"] == 0.0


def test_a_degenerate_range_is_a_fixed_value():
    """A range with low == high fixes the base strength there."""
    m = monte_carlo(toy(), Scenario(case="toy", ranges={"eq-1": StrengthRange(low=1, high=1)}),
                    samples=200, spread=0.0)
    assert m.p_granted == 1.0


@pytest.mark.parametrize(("wins", "n", "expected"),
                         [(50, 100, (0.4038, 0.5962)), (0, 10, (0.0, 0.2775)),
                          (10, 10, (0.7225, 1.0))])
def test_the_wilson_interval(wins, n, expected):
    """The Wilson score interval matches published values."""
    assert wilson_interval(wins, n) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(("kw", "message"), [({"samples": 0}, "samples"),
                                              ({"spread": -0.1}, "spread")])
def test_bad_settings_are_refused(kw, message):
    """Zero samples or a negative spread raise ValueError naming the setting."""
    with pytest.raises(ValueError, match=message):
        monte_carlo(toy(), **kw)


def test_a_plain_function_standard_works_in_the_monte_carlo():
    """A function standard is called per sample and gives the same P as a built-in equivalent."""
    from workbook.standards import Decision

    def equities_only(scores, merge):
        s = next(e for e in scores if e.role == "balance-of-equities")
        return Decision(s.strength > 0.5, s.id, "equities decide", {}, {})

    m = monte_carlo(toy(), samples=300, seed=3, standard=equities_only)
    assert m.p_granted == monte_carlo(toy(), samples=300, seed=3).p_granted


def test_a_cyclic_case_is_sampled_to_convergence():
    """Arguments that rebut each other are iterated per batch; the batch converges and agrees."""
    from weigh_factory import arg, make_case

    case = make_case([arg("a", "movant", "success", 0.7, attacks=["b"]),
                      arg("b", "opponent", "success", 0.6, attacks=["a"]),
                      *[arg(f"x-{e}", "movant", e, 0.8)
                        for e in ("standing", "harm", "equities", "public")]])
    m = monte_carlo(case, samples=2000, seed=5)
    assert m.converged
    assert m.per_element["success"] == pytest.approx(m.p_granted)
    assert 0.0 < m.p_granted < 1.0
