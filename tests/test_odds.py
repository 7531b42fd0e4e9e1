"""Odds over the open questions: the joint Monte Carlo and the value of information."""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import QUESTION, arg, default_arguments, make_case
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook import load_case
from workbook.__main__ import main
from workbook.engine import analyse, monte_carlo, weigh
from workbook.errors import ScenarioError
from workbook.paths import CASES
from workbook.scenario import Scenario, rebalanced

SETTLES = {
    "id": "s",
    "text": "Is the harm irreparable as a matter of law?",
    "default": "open",
    "answers": [
        {"id": "open", "label": "Open"},
        {"id": "met", "label": "Yes", "settles": [{"element": "harm", "met": True}]},
        {"id": "not", "label": "No", "settles": [{"element": "harm", "met": False}]},
    ],
}
FLAGSHIP = load_case(CASES / "legion-v-lutnick")
IDLE = {**QUESTION, "id": "idle", "text": "A question nothing turns on?"}


def odds_case(p_yes: float = 0.5, p_settles: tuple[float, float, float] = (0.5, 0.25, 0.25)):
    """The toy with three open questions: q (an argument needs yes), s (settles harm), idle."""
    q = {**QUESTION, "prior": {"odds": {"yes": p_yes, "no": 1 - p_yes}, "reason": "r"}}
    s = {
        **SETTLES,
        "prior": {"odds": dict(zip(("open", "met", "not"), p_settles, strict=True)), "reason": "r"},
    }
    idle = {**IDLE, "prior": {"odds": {"yes": 0.5, "no": 0.5}, "reason": "r"}}
    args = [*default_arguments(), arg("ha-3", "opponent", "harm", 0.45)]
    return make_case(args, questions=[q, s, idle])


def same(a, b) -> bool:
    return (a.p_granted, a.per_element, a.deciding, a.sensitivity) == (
        b.p_granted,
        b.per_element,
        b.deciding,
        b.sensitivity,
    )


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(["yes", "no"]), st.sampled_from(["open", "met", "not"]), st.integers(0, 99))
def test_point_mass_odds_give_exactly_the_fixed_answer_result(q, s, seed):
    """Every prior a point mass: the joint Monte Carlo is the fixed-answer one, exactly."""
    case = odds_case()
    point = Scenario(case="toy", priors={"q": {q: 1.0}, "s": {s: 1.0}, "idle": {"yes": 1.0}})
    fixed = Scenario(case="toy").with_answer(case, "q", q).with_answer(case, "s", s)
    fixed = fixed.with_answer(case, "idle", "yes")
    a = monte_carlo(case, point, samples=600, seed=seed)
    b = monte_carlo(case, fixed, samples=600, seed=seed, odds=False)
    assert same(a, b) and not a.value_of_information


@settings(max_examples=15, deadline=None)
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), st.integers(0, 99))
def test_raising_an_answer_that_helps_the_movant_never_lowers_p_granted(x, y, seed):
    """'yes' brings in a movant argument and 'met' settles harm: more of either never hurts."""
    lo, hi = sorted((x, y))
    p = [monte_carlo(odds_case(p_yes=v), samples=800, seed=seed).p_granted for v in (lo, hi)]
    assert p[0] <= p[1]
    settle = [
        monte_carlo(odds_case(p_settles=(1 - v, v, 0.0)), samples=800, seed=seed).p_granted
        for v in (lo, hi)
    ]
    assert settle[0] <= settle[1]


def test_the_same_seed_gives_the_same_numbers_and_another_seed_does_not():
    a = monte_carlo(odds_case(), samples=3000, seed=3)
    assert a == monte_carlo(odds_case(), samples=3000, seed=3)
    assert a.p_granted != monte_carlo(odds_case(), samples=3000, seed=4).p_granted


def test_the_joint_batch_agrees_with_a_per_sample_loop():
    """Draw answers and strengths one sample at a time and weigh each: the same P(granted)."""
    case = odds_case()
    batch = monte_carlo(case, samples=20_000, seed=1)
    rng = np.random.default_rng(5)
    odds = Scenario(case="toy").odds_for(case)
    wins, n = 0, 800
    for _ in range(n):
        s = Scenario(case="toy")
        for q, o in odds.items():
            s = s.with_answer(case, q, str(rng.choice(list(o), p=list(o.values()))))
        r = weigh(case, s)
        strengths = {a: min(1.0, max(0.0, b + rng.uniform(-0.1, 0.1))) for a, b in r.base.items()}
        for a, v in strengths.items():
            s = s.with_strength(case, a, v)
        wins += weigh(case, s).granted
    ref = wins / n
    se = np.sqrt(ref * (1 - ref) / n + batch.p_granted * (1 - batch.p_granted) / batch.samples)
    assert abs(batch.p_granted - ref) <= 5 * se + 1e-3


def test_the_value_of_information_ranks_the_question_that_settles_harm_first():
    mc = monte_carlo(odds_case(), samples=8000, seed=0)
    voi = mc.value_of_information
    assert next(iter(voi)) == "s"
    assert voi["s"].p_granted_if["not"] == 0.0  # harm settled not met: never granted
    assert voi["s"].expected_move > 5 * voi["idle"].expected_move
    assert sum(voi["s"].samples_if.values()) == mc.samples


def test_an_answered_question_is_fixed_and_a_named_standard_fixes_its_question():
    case = odds_case()
    s = Scenario(case="toy").with_answer(case, "s", "met")
    assert set(s.odds_for(case)) == {"q", "idle"}
    assert set(Scenario(case="toy").odds_for(case)) == {"q", "s", "idle"}


@pytest.mark.parametrize(
    ("priors", "words"),
    [
        ({"s": {"open": 0.5, "met": 0.6}}, "sum to 1.1"),
        ({"s": {"maybe": 1.0}}, "unknown answer 'maybe'"),
        ({"nope": {"yes": 1.0}}, "unknown question 'nope'"),
        ({"s": {"open": 1.5, "met": -0.5}}, "use 0 to 1"),
    ],
)
def test_bad_odds_are_refused_by_name(priors, words):
    with pytest.raises(ScenarioError, match=words):
        monte_carlo(odds_case(), Scenario(case="toy", priors=priors), samples=10)


def test_rebalanced_odds_keep_summing_to_one():
    out = rebalanced({"a": 0.2, "b": 0.3, "c": 0.5}, "b", 0.9)
    assert out["b"] == 0.9 and abs(sum(out.values()) - 1.0) < 1e-9
    assert out["a"] / out["c"] == pytest.approx(0.2 / 0.5)
    assert rebalanced({"a": 1.0, "b": 0.0}, "a", 0.4) == {"a": 0.4, "b": 0.6}


def test_weigh_odds_on_the_command_line(capsys):
    """`weigh --odds --json` adds p_granted, interval, deciding_share and value_of_information."""
    path = str(CASES / "legion-v-lutnick")
    assert main(["weigh", path, "--odds", "--samples", "2000", "--seed", "3", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    mc = analyse_flagship_odds()
    assert data["p_granted"] == round(mc.p_granted, 6) and len(data["interval"]) == 2
    assert set(data["deciding_share"]) <= {e.id for e in FLAGSHIP.elements}
    voi = data["value_of_information"]["q-withdrawal"]
    assert set(voi) >= {"expected_move", "p_granted_if"} and "withdrawn" in voi["p_granted_if"]
    assert main(["weigh", path, "--odds", "--samples", "500"]) == 0
    assert "Value of information" in capsys.readouterr().out


def analyse_flagship_odds():
    from workbook import load_case

    mc = analyse(load_case(CASES / "legion-v-lutnick"), samples=2000, seed=3, whatifs=False)
    assert mc.monte_carlo is not None
    return mc.monte_carlo
