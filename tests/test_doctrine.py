"""Outcomes a lawyer would sign: each problem seen in the flagship, as a table of scenarios.

Each row is one thing a litigator or a teacher caught in the workbench: the
scenario, then what the result must say. They failed before burdens, settling
answers, the harm requirement and the standard question were in the engine.
"""

from __future__ import annotations

import pytest

from workbook import analyse, load_case
from workbook.engine import render_text, tipping_points, weigh
from workbook.paths import CASES
from workbook.scenario import Scenario

FLAGSHIP = load_case(CASES / "legion-v-lutnick")


def scenario(**answers: str) -> Scenario:
    s = Scenario(case=FLAGSHIP.case.id)
    for q, a in answers.items():
        s = s.with_answer(FLAGSHIP, q.replace("_", "-"), a)
    return s


SEEN = [
    # (what was seen, answers, element, satisfied, words in the explanation, words never in it)
    (
        "mootness burden stated backwards",
        {"q_mootness": "formal-withdrawal-enough"},
        "mootness",
        False,
        "Mootness is settled as not met",
        "the movant bears the burden",
    ),
    (
        "the capable-of-repetition answer did not save the case",
        {"q_mootness": "capable-of-repetition"},
        "mootness",
        True,
        "Settled by the answers chosen: Mootness met",
        "decided on Mootness",
    ),
    (
        "a partial withdrawal still mooted the case",
        {"q_mootness": "formal-withdrawal-enough", "q_withdrawal": "partial"},
        "mootness",
        True,
        "Mootness met",
        "Denied at the threshold",
    ),
    (
        "untraceable harm did not end standing",
        {"q_traceability": "not-traceable"},
        "standing",
        False,
        "Standing of a downstream customer is settled as not met",
        "",
    ),
]


@pytest.mark.parametrize(("seen", "answers", "element", "met", "words", "never"), SEEN)
def test_an_answer_settles_what_it_says(seen, answers, element, met, words, never):
    """The answer decides the element, and the explanation cites the answer."""
    r = weigh(FLAGSHIP, scenario(**answers))
    assert r.element(element).settled is met, seen
    assert r.element(element).satisfied is met, seen
    assert words in r.explanation, seen
    if never:
        assert never not in r.explanation, seen


def test_mootness_is_the_governments_burden_and_says_so():
    """The element records the burden; the JSON and the text show it; Laidlaw is cited."""
    r = weigh(FLAGSHIP, scenario(q_mootness="formal-withdrawal-enough"))
    assert r.element("mootness").burden == "opponent"
    assert r.element("standing").burden == "movant"
    assert r.deciding == "mootness" and not r.granted
    assert FLAGSHIP.element("mootness").authorities[0].id == "laidlaw"
    assert "(opponent's burden)" in render_text(r, FLAGSHIP)


def test_closing_the_ultra_vires_route_takes_every_argument_on_it_out_of_play():
    """A holding that the route fails removes each argument resting on it, with the reason."""
    r = weigh(FLAGSHIP, scenario(q_ultra_vires_standard="unavailable"))
    on_route = [a.id for a in FLAGSHIP.arguments if a.route == "ultra-vires"]
    assert len(on_route) >= 3
    for a in on_route:
        assert a in r.excluded and "Non-statutory (ultra vires) review" in r.excluded[a]
    apa = [a.id for a in FLAGSHIP.arguments if a.route == "apa-review"]
    assert all("APA review" in r.excluded[a] for a in apa)  # the default bars APA review
    # with APA review barred too, only constitutional review is left: the threshold fails
    before = weigh(FLAGSHIP).element("reviewability").strength
    assert r.element("reviewability").strength < before - 0.05
    assert (r.granted, r.deciding) == (False, "reviewability")
    # the government's arguments against the route stay: they are what won
    assert "o-review-hail-mary" in r.strengths and "o-success-ultra-vires-bar" in r.strengths


def test_the_sliding_scale_does_not_grant_without_irreparable_harm():
    """Seen: "Granted: decided on Public interest" with harm at 0.37, not met."""
    s = scenario(
        q_sliding_scale="sliding-scale", q_ultra_vires_standard="ordinary", q_deference="limited"
    )
    r = weigh(FLAGSHIP, s)
    assert r.standard == "sliding-scale"
    assert r.element("harm").satisfied is False
    assert not r.granted and r.deciding == "harm"
    assert "CityFed" in r.explanation
    pure = weigh(FLAGSHIP, s.with_standard(FLAGSHIP, "sliding-scale-pure"))
    assert pure.standard == "sliding-scale-pure" and "teaching variant" in pure.explanation


@pytest.mark.parametrize(
    ("edit", "standard", "answer"),
    [
        (
            lambda s: s.with_answer(FLAGSHIP, "q-sliding-scale", "sliding-scale"),
            "sliding-scale",
            "sliding-scale",
        ),
        (lambda s: s.with_standard(FLAGSHIP, "sliding-scale"), "sliding-scale", "sliding-scale"),
        (lambda s: s.with_standard(FLAGSHIP, "winter-unmerged"), "winter-unmerged", "independent"),
        (
            lambda s: s.with_standard(FLAGSHIP, "sliding-scale").with_answer(
                FLAGSHIP, "q-sliding-scale", "independent"
            ),
            "winter",
            "independent",
        ),
    ],
)
def test_the_standard_and_the_question_on_it_never_disagree(edit, standard, answer):
    """One drives the other: the result's standard and answer always match."""
    r = weigh(FLAGSHIP, edit(Scenario(case=FLAGSHIP.case.id)))
    assert (r.standard, r.answers["q-sliding-scale"]) == (standard, answer)


def test_the_merged_factor_is_what_was_decided():
    """Seen: "Balance of equities 0.600 - not met" with nothing saying the factor is merged."""
    r = weigh(FLAGSHIP)
    merged = [f for f in r.factors if f.merged]
    assert len(merged) == 1 and set(merged[0].elements) == {"equities", "public-interest"}
    assert r.element("equities").satisfied is merged[0].met
    assert "merged" in render_text(r, FLAGSHIP)


def test_a_tipping_point_that_only_moves_the_deciding_element_says_so():
    """Seen: a "deciding" change reported where only the deciding element moved."""
    points = [t for t in tipping_points(FLAGSHIP, grid=41) if t.flips == "deciding"]
    for t in points:
        assert "stays denied; only the deciding element changes, from" in t.summary
    outcome = [t for t in tipping_points(FLAGSHIP, grid=41) if t.flips == "outcome"]
    assert all(t.summary.startswith("the motion would be granted") for t in outcome)


def test_the_odds_over_the_open_questions_are_not_a_false_certainty():
    """Seen: P(granted) = 0.00 (0.00-0.00) with every answer held fixed."""
    a = analyse(FLAGSHIP, samples=4000, whatifs=False)
    mc = a.monte_carlo
    assert mc is not None and mc.interval[1] > 0.0 and mc.p_granted > 0.0
    assert set(mc.odds) == {q.id for q in FLAGSHIP.questions}
    assert set(mc.value_of_information) == set(mc.odds)
    fixed = analyse(FLAGSHIP, samples=4000, whatifs=False, odds=False).monte_carlo
    assert fixed is not None and fixed.p_granted == 0.0 and not fixed.value_of_information


@pytest.mark.parametrize(
    ("scenario", "standard_words", "answer_words"),
    [
        (Scenario(case=FLAGSHIP.case.id, standard="sliding-scale"), "sliding scale", "**Yes."),
        (Scenario(case=FLAGSHIP.case.id), "Winter v. NRDC", "**No. Likely success"),
    ],
)
def test_the_memo_never_names_one_standard_and_assumes_another(
    scenario, standard_words, answer_words
):
    """Seen: "Standard: sliding-scale" over an Assumption that each factor is required."""
    from workbook.export import export_outline

    text = export_outline(FLAGSHIP, scenario, "movant", "md")
    assert isinstance(text, str)
    header = next(line for line in text.splitlines() if "Standard:" in line)
    assumption = next(line for line in text.splitlines() if "sliding scale survive" in line)
    assert standard_words in header and answer_words in assumption
