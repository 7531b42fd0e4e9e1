"""Injunction standards on hand-made element strengths, edges included."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.engine.standards import (
    STANDARDS,
    Decision,
    ElementScore,
    SlidingScale,
    Winter,
    as_standard,
    get_standard,
)
from workbook.errors import ScenarioError

ORDER = [
    ("standing", "threshold"),
    ("mootness", "threshold"),
    ("success", "likelihood-of-success"),
    ("harm", "irreparable-harm"),
    ("equities", "balance-of-equities"),
    ("public", "public-interest"),
]


def scores(**strengths: float) -> list[ElementScore]:
    """Element scores in the usual order; unnamed elements default to 0.6 (likely)."""
    return [ElementScore(i, i.title(), role, strengths.get(i, 0.6)) for i, role in ORDER]


WINTER_CASES = [
    # (strengths, government, granted, deciding, words in the explanation)
    ({}, False, True, "success", "Granted under Winter"),
    (
        {
            "standing": 0.9,
            "mootness": 0.9,
            "success": 0.9,
            "harm": 0.9,
            "equities": 0.7,
            "public": 0.55,
        },
        False,
        True,
        "public",
        "narrowest is Public",
    ),
    ({"harm": 0.5}, False, False, "harm", "mere possibility of irreparable harm"),
    ({"harm": 0.5000001}, False, True, "harm", "Granted"),
    ({"success": 0.4, "harm": 0.3}, False, False, "success", "Success"),
    ({"standing": 0.5}, False, False, "standing", "Denied at the threshold"),
    ({"mootness": 0.2, "success": 0.1}, False, False, "mootness", "Denied at the threshold"),
    ({"equities": 0.45, "public": 0.7}, False, False, "equities", "Equities"),
    ({"equities": 0.45, "public": 0.7}, True, True, "equities", "Nken v. Holder"),
    ({"equities": 0.3, "public": 0.6}, True, False, "equities", "merged"),
    ({"equities": 0.5, "public": 0.5}, True, False, "equities", "not likely"),
]


@pytest.mark.parametrize(("strengths", "government", "granted", "deciding", "words"), WINTER_CASES)
def test_winter(strengths, government, granted, deciding, words):
    """Winter requires every threshold and every factor to be strictly above 0.5."""
    d = Winter().decide(scores(**strengths), government_opponent=government)
    assert (d.granted, d.deciding) == (granted, deciding)
    assert words in d.explanation
    assert d.merged is government


def test_exactly_one_half_is_not_likely():
    """A factor at exactly 0.5 fails under both standards: likely means strictly above 0.5."""
    for std in (Winter(), SlidingScale()):
        d = std.decide(scores(standing=0.5))
        assert not d.granted and d.deciding == "standing"


def test_a_failed_threshold_stops_the_analysis():
    """After a failed threshold, later thresholds and all factors are not reached."""
    d = Winter().decide(scores(standing=0.9, mootness=0.4))
    assert d.reached == {
        "standing": True,
        "mootness": True,
        "success": False,
        "harm": False,
        "equities": False,
        "public": False,
    }
    assert d.satisfied["standing"] is True and d.satisfied["mootness"] is False
    assert d.satisfied["success"] is None


SLIDING_CASES = [
    ({}, True, "success", "every factor is likely"),
    ({"success": 0.9, "harm": 0.45}, True, "success", "offsets the weaker showing on Harm"),
    ({"success": 0.9, "harm": 0.3}, False, "harm", "below 0.35"),
    (
        {"success": 0.5, "harm": 0.5, "equities": 0.5, "public": 0.5},
        False,
        "success",
        "average 0.50",
    ),
    (
        {"success": 0.45, "harm": 0.45, "equities": 0.55, "public": 0.5},
        False,
        "success",
        "not above 0.5",
    ),
    ({"standing": 0.3, "success": 1.0}, False, "standing", "threshold"),
]


@pytest.mark.parametrize(("strengths", "granted", "deciding", "words"), SLIDING_CASES)
def test_pure_sliding_scale(strengths, granted, deciding, words):
    """The pure scale lets a strong factor offset any weak one, but not one below the floor."""
    d = STANDARDS["sliding-scale-pure"].decide(scores(**strengths))
    assert (d.granted, d.deciding) == (granted, deciding)
    assert words in d.explanation
    assert "teaching variant" in d.explanation or not d.factors


HARM_REQUIRED_CASES = [
    ({}, True, "success", "every factor is likely"),
    # harm likely but weak-ish, merits strong, equities weak: the scale offsets equities
    ({"success": 0.9, "harm": 0.55, "equities": 0.4}, True, "success", "offsets"),
    # the pure scale grants this one; the Circuit's does not: harm is required on its own
    ({"success": 0.9, "harm": 0.45}, False, "harm", "without irreparable harm"),
    ({"success": 0.9, "harm": 0.5}, False, "harm", "without irreparable harm"),
    ({"success": 0.9, "harm": 0.3}, False, "harm", "without irreparable harm"),
    ({"success": 0.3, "harm": 0.9}, False, "success", "below 0.35"),
    ({"standing": 0.3, "success": 1.0}, False, "standing", "threshold"),
]


@pytest.mark.parametrize(("strengths", "granted", "deciding", "words"), HARM_REQUIRED_CASES)
def test_sliding_scale_requires_irreparable_harm(strengths, granted, deciding, words):
    """The D.C. Circuit's scale never grants without likely irreparable harm (CityFed)."""
    d = SlidingScale().decide(scores(**strengths))
    assert (d.granted, d.deciding) == (granted, deciding)
    assert words in d.explanation
    if d.factors:
        assert "CityFed Fin. Corp. v. Off. of Thrift Supervision, 58 F.3d 738" in d.explanation


def test_the_sliding_scale_states_the_open_question():
    """Every sliding-scale explanation that reaches the factors says the question is open."""
    d = SlidingScale().decide(scores(success=0.9, harm=0.45))
    assert "Sherley v. Sebelius, 644 F.3d 388" in d.explanation
    assert "Davis v. PBGC, 571 F.3d 1288" in d.explanation
    assert "open question" in d.explanation


def test_a_missing_factor_is_named_and_denies():
    """A case with no public-interest element cannot show it; the message says what to add."""
    partial = [s for s in scores() if s.role != "public-interest"]
    d = Winter().decide(partial)
    assert not d.granted and d.deciding is None
    assert d.missing == ("public-interest",)
    assert "Add an element with role 'public-interest'" in d.explanation


def test_under_nken_one_of_the_merged_pair_is_enough():
    """With the government opposing, equities alone carry the merged factor."""
    partial = [s for s in scores() if s.role != "public-interest"]
    d = Winter().decide(partial, government_opponent=True)
    assert d.granted and d.missing == ()


def test_the_strongest_of_several_success_elements_stands_for_the_factor():
    """One likely claim is enough: the strongest success element represents the factor."""
    s = [*scores(success=0.3), ElementScore("success-2", "Count II", "likelihood-of-success", 0.8)]
    d = Winter().decide(s)
    assert d.granted
    assert d.satisfied["success"] is False and d.satisfied["success-2"] is True


def test_the_merger_can_be_turned_off():
    """The unmerged Winter variant never merges, even when the government opposes."""
    d = STANDARDS["winter-unmerged"].decide(
        scores(equities=0.45, public=0.7), government_opponent=True
    )
    assert not d.granted and d.deciding == "equities" and not d.merged


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(0, 1), min_size=6, max_size=6),
    st.booleans(),
    st.sampled_from(sorted(STANDARDS)),
)
def test_the_batch_form_agrees_with_the_single_form(values, government, name):
    """Deciding a batch gives the same outcome and deciding element as deciding one row."""
    std = STANDARDS[name]
    s = scores(**{i: v for (i, _), v in zip(ORDER, values, strict=True)})
    one = std.decide(s, government_opponent=government)
    granted, deciding = std.decide_batch(
        np.array([values, values]), [r for _, r in ORDER], government_opponent=government
    )
    assert bool(granted[0]) == one.granted
    assert (ORDER[deciding[0]][0] if deciding[0] >= 0 else None) == one.deciding


def test_a_plain_function_is_a_standard():
    """A function from scores to a Decision works as a standard, one row at a time in a batch."""

    def success_only(elements, merge):
        s = next(e for e in elements if e.role == "likelihood-of-success")
        return Decision(s.strength > 0.5, s.id, "success alone decides", {}, {})

    std = as_standard(success_only)
    assert std.name == "success_only"
    granted, deciding = std.decide_batch(
        np.array([[0.1, 0.1, 0.7, 0.1, 0.1, 0.1]]), [r for _, r in ORDER]
    )
    assert granted.tolist() == [True] and deciding.tolist() == [2]


def test_an_unknown_standard_lists_the_choices():
    """A misspelt standard says what it might have meant and lists the names."""
    with pytest.raises(ScenarioError, match=r"did you mean 'winter'.*sliding-scale"):
        get_standard("wintr")


def test_a_case_of_thresholds_only_lists_every_missing_factor():
    """With no factor elements at all, every factor role is named as missing."""
    d = Winter().decide([ElementScore("standing", "Standing", "threshold", 0.9)])
    assert not d.granted and d.deciding is None
    assert d.missing == (
        "likelihood-of-success",
        "irreparable-harm",
        "balance-of-equities",
        "public-interest",
    )
    assert "each of these roles" in d.explanation


def burdened(mootness: float, *, settled: dict[str, bool] | None = None, **strengths: float):
    """The usual scores with mootness on the opponent (as Laidlaw puts it) and some settled."""
    settled = settled or {}
    out = []
    for s in scores(mootness=mootness, **strengths):
        burden = "opponent" if s.id == "mootness" else "movant"
        mark = settled.get(s.id)
        by = 'the answer "X"' if mark is not None else ""
        out.append(ElementScore(s.id, s.name, s.role, s.strength, burden, mark, by, "Rule v. Cite"))
    return out


BURDEN_CASES = [
    # (mootness strength for the movant, standing strength, granted, deciding, words)
    (0.5, 0.6, True, "success", "Granted"),  # a tie: the opponent has not carried mootness
    (0.49, 0.6, False, "mootness", "the opponent, who bears the burden on Mootness"),
    (0.6, 0.5, False, "standing", "the movant, who bears the burden (Rule v. Cite)"),  # a tie
]


@pytest.mark.parametrize(("moot", "standing", "granted", "deciding", "words"), BURDEN_CASES)
@pytest.mark.parametrize("name", sorted(STANDARDS))
def test_a_threshold_at_exactly_one_half_goes_against_whoever_bears_its_burden(
    name, moot, standing, granted, deciding, words
):
    """Standing is the movant's to show, mootness the opponent's: a tie fails the burdened party."""
    d = STANDARDS[name].decide(burdened(moot, standing=standing))
    assert (d.granted, d.deciding) == (granted, deciding)
    assert words in d.explanation
    if deciding == "mootness":
        assert "the movant bears the burden" not in d.explanation


SETTLED_CASES = [
    # (strengths, settled, granted, deciding, words)
    ({"mootness": 0.2}, {"mootness": True}, True, "success", "Granted"),
    ({"mootness": 0.9}, {"mootness": False}, False, "mootness", "Mootness is settled as not met"),
    ({"success": 0.3}, {"success": True}, True, "success", "Granted"),
    ({"harm": 0.9}, {"harm": False}, False, "harm", "Harm (settled as not met by the answer"),
]


@pytest.mark.parametrize(("strengths", "settled", "granted", "deciding", "words"), SETTLED_CASES)
@pytest.mark.parametrize("name", ["winter", "sliding-scale", "sliding-scale-pure"])
def test_an_answer_that_settles_an_element_decides_it(
    name, strengths, settled, granted, deciding, words
):
    """A settled element is met or not met whatever its strength, and the words say so."""
    moot = strengths.pop("mootness", 0.6)
    d = STANDARDS[name].decide(burdened(moot, settled=settled, **strengths))
    assert (d.granted, d.deciding) == (granted, deciding)
    assert words in d.explanation
    for element, met in settled.items():
        assert d.satisfied[element] is met or not d.reached[element]


def test_the_merged_factor_is_reported_as_decided():
    """Under Nken the pair is one factor: a strong equities element does not pass on its own."""
    d = Winter().decide(scores(equities=0.6, public=0.2), government_opponent=True)
    merged = [f for f in d.factors if f.merged]
    assert len(merged) == 1 and merged[0].elements == ("equities", "public")
    assert merged[0].strength == pytest.approx(0.4) and not merged[0].met
    assert d.satisfied["equities"] is False and d.deciding in ("equities", "public")


SERIOUS_CASES = [
    # (strengths, government, granted, deciding, words)
    ({}, False, True, "success", "relief issues under Winter itself"),
    ({"success": 0.4, "equities": 0.8}, False, True, "equities", "Granted on serious questions"),
    ({"success": 0.4, "equities": 0.65}, False, False, "equities", "do not tip sharply"),
    ({"success": 0.4, "equities": 0.7}, False, False, "equities", "do not tip sharply"),
    ({"success": 0.3, "equities": 0.9}, False, False, "success", "not even a serious question"),
    ({"success": 0.9, "harm": 0.5}, False, False, "harm", "harm must be likely"),
    ({"success": 0.4, "equities": 0.9, "public": 0.5}, False, False, "public", "public interest"),
    ({"success": 0.9, "equities": 0.45}, False, False, "equities", "is not likely"),
    # with the government opposing, the merged factor must tip sharply
    # (the merged factor is stood for by its weaker element)
    ({"success": 0.4, "equities": 0.9, "public": 0.6}, True, True, "public", "Nken"),
    ({"success": 0.4, "equities": 0.8, "public": 0.55}, True, False, "public", "sharply"),
]


@pytest.mark.parametrize(("strengths", "government", "granted", "deciding", "words"), SERIOUS_CASES)
def test_ninth_circuit_serious_questions(strengths, government, granted, deciding, words):
    """Cottrell: serious questions and hardships tipping sharply, with harm and public interest."""
    d = STANDARDS["serious-questions"].decide(scores(**strengths), government_opponent=government)
    assert (d.granted, d.deciding) == (granted, deciding)
    assert words in d.explanation
    assert "Alliance for the Wild Rockies v. Cottrell, 632 F.3d 1127" in d.explanation


def test_serious_questions_grants_whatever_winter_grants():
    """The serious-questions route adds to Winter's path; it never takes a grant away."""
    rng = np.random.default_rng(0)
    m = rng.random((2000, len(ORDER)))
    roles = [r for _, r in ORDER]
    for government in (False, True):
        winter, _ = Winter().decide_batch(m, roles, government_opponent=government)
        serious, _ = STANDARDS["serious-questions"].decide_batch(
            m, roles, government_opponent=government
        )
        assert not (winter & ~serious).any()
        assert (serious & ~winter).any()
