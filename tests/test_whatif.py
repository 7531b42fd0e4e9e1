"""What-ifs: decisive answers, tipping points, tornado swings, standards side by side."""

from __future__ import annotations

import pytest
from conftest import arg, make_case, toy

from workbook.engine.compare import compare_semantics, compare_standards
from workbook.engine.tornado import tornado
from workbook.engine.whatif import decisive_questions, tipping_points
from workbook.scenario import Scenario


def question(qid):
    return {
        "id": qid,
        "text": f"{qid}?",
        "default": "yes",
        "answers": [
            {"id": "yes", "label": "Yes"},
            {"id": "no", "label": "No"},
            {"id": "maybe", "label": "Maybe"},
        ],
    }


def two_key_case():
    """Harm holds if either of two harm arguments is in play; each needs its own question."""
    return make_case(
        [
            arg("st", "movant", "standing", 0.9),
            arg("su", "movant", "success", 0.9),
            arg("h1", "movant", "harm", 0.8, requires={"q1": "yes"}),
            arg("h2", "movant", "harm", 0.8, requires={"q2": ["yes", "maybe"]}),
            arg("eq", "movant", "equities", 0.9),
            arg("pu", "movant", "public", 0.9),
        ],
        questions=[question("q1"), question("q2"), question("q3")],
    )


def test_a_single_answer_that_flips_the_outcome_is_found():
    """In the toy case, answering the question 'no' alone denies the motion."""
    d = decisive_questions(toy())
    assert d.granted is True
    assert [dict(f.answers) for f in d.singles] == [{"q": "no"}]
    assert d.singles[0].deciding == "harm" and not d.singles[0].granted


def test_only_minimal_sets_are_listed():
    """When two answers must change together, only the pairs that flip it are listed."""
    d = decisive_questions(two_key_case())
    assert d.singles == ()
    assert sorted(tuple(sorted(f.answers.items())) for f in d.minimal) == [
        (("q1", "maybe"), ("q2", "no")),
        (("q1", "no"), ("q2", "no")),
    ]
    assert d.searched == 3 and not d.truncated


def test_the_search_stops_at_its_cap_and_says_so():
    """A cap on evaluations truncates the search, and the result says it was truncated."""
    d = decisive_questions(two_key_case(), max_evaluations=7)
    assert d.truncated and d.evaluated == 7 and d.searched == 1


def test_tipping_points_find_the_smallest_change():
    """Equities tip when eq-1 falls to 0.58: it then only ties eq-2, and 0.5 is not likely."""
    points = {t.argument: t for t in tipping_points(toy())}
    eq = points["eq-1"]
    assert eq.value == pytest.approx(0.58, abs=1e-6) and eq.flips == "outcome"
    assert eq.granted is False and eq.deciding == "equities"
    assert points["su-1"].value is None and points["su-1"].flips is None
    assert points["st-1"].value == pytest.approx(0.0, abs=1e-6)  # only its absence fails standing


def test_a_change_of_deciding_element_counts_as_a_tipping_point():
    """Weakening public interest below equities changes the deciding element, not the outcome."""
    t = {t.argument: t for t in tipping_points(toy())}["pu-1"]
    assert t.flips == "deciding" and t.granted is True and t.deciding == "public"


def test_the_tornado_swings_each_argument_from_0_to_1():
    """Each bar is the element's strength with the argument's base at 0 and at 1."""
    bars = {(b.argument, b.element): b for b in tornado(toy())}
    st1 = bars[("st-1", "standing")]
    assert (st1.low, st1.high) == pytest.approx((0.5, 1.0))
    assert bars[("su-2", "success")].swing < 0  # the opponent's argument lowers success
    assert ("pu-2", "equities") in bars  # reaches equities through its support of eq-2
    assert ("st-1", "success") not in bars


def test_every_standard_is_compared():
    """The comparison lists every shipped standard with its outcome and explanation."""
    rows = compare_standards(toy(), Scenario(case="toy", answers={"q": "no"}))
    assert [r.standard for r in rows] == [
        "winter",
        "sliding-scale",
        "winter-unmerged",
        "sliding-scale-pure",
        "sliding-scale-unmerged",
        "serious-questions",
    ]
    by = {r.standard: r for r in rows}
    assert by["winter"].outcome == "denied"
    # without the argument 'yes' lets in, harm is not likely: the Circuit's scale denies on
    # harm, and only the pure (teaching) scale lets the other factors make up for it
    assert (by["sliding-scale"].outcome, by["sliding-scale"].deciding) == ("denied", "harm")
    assert by["sliding-scale-pure"].outcome == "granted"


def test_every_semantics_is_compared():
    """The same case is weighed under each shipped semantics."""
    rows = compare_semantics(toy())
    assert [r.semantics for r in rows] == ["df-quad", "quadratic-energy", "euler"]
    assert all(0.0 <= v <= 1.0 for r in rows for v in r.strengths.values())
