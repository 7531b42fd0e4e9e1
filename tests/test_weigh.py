"""Weighing a case: graph building, answers, scenarios, contributions, JSON and the CLI."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import QUESTION, ROLES, arg, case_from, make_case, toy
from hypothesis import given, settings
from hypothesis import strategies as st

from workbook.__main__ import main
from workbook.engine import RESULT_FORMAT, render_text, weigh
from workbook.errors import ScenarioError
from workbook.models import Argument
from workbook.scenario import Scenario


def scenario(**kw):
    return Scenario(case="toy", **kw)


def test_the_toy_case_is_granted_on_its_narrowest_factor():
    """The toy case is granted, and the narrowest factor (equities) decides it."""
    r = weigh(toy())
    assert (r.outcome, r.deciding, r.standard, r.semantics) == (
        "granted",
        "equities",
        "winter",
        "df-quad",
    )
    assert r.element("standing").strength == pytest.approx(0.9)  # 0.5 + 0.8 * 0.5
    assert r.element("success").strength == pytest.approx(0.84)
    assert r.strengths["su-2"] == pytest.approx(0.2)  # rebutted by su-3: 0.5 - 0.6 * 0.5


def test_an_answer_that_is_not_met_drops_the_argument_and_says_so():
    """Answering the question 'no' takes out the harm argument, which flips the outcome."""
    r = weigh(toy(), scenario(answers={"q": "no"}))
    assert "ha-1" not in r.strengths
    # in the case's words (the answer it needs, the question), not its ids
    assert r.excluded["ha-1"] == "it needs the answer “Yes” to “Is it so?”"
    assert (r.outcome, r.deciding) == ("denied", "harm")
    assert r.answers == {"q": "no"}


@pytest.mark.parametrize(
    ("change", "element", "expected"),
    [
        ({"dropped": ("ha-2",)}, "harm", 0.85),
        ({"strengths": {"ha-2": 0.0}}, "harm", 0.85),
        ({"strengths": {"st-1": 0.2}}, "standing", 0.6),
        ({"added": (Argument.model_validate(arg("mine", "opponent", "harm", 1.0)),)}, "harm", 0.35),
    ],
)
def test_scenario_changes_reach_the_element(change, element, expected):
    """Dropped, overridden and added arguments change element strengths as DF-QuAD says."""
    r = weigh(toy(), scenario(**change))
    assert r.element(element).strength == pytest.approx(expected)


def test_a_dropped_argument_is_listed_as_dropped():
    """A dropped argument is out of play and the result says the user dropped it."""
    r = weigh(toy(), scenario(dropped=("su-3",)))
    assert r.excluded == {"su-3": "dropped in the scenario"}
    assert r.strengths["su-2"] == pytest.approx(0.5)  # its rebuttal is gone


def test_contributions_are_with_minus_without():
    """An argument's contribution is the element's strength with it minus without it."""
    r = weigh(toy())
    equities = r.element("equities")
    without = weigh(toy(), scenario(dropped=("pu-2",))).element("equities").strength
    assert equities.contributions["pu-2"] == pytest.approx(equities.strength - without)
    assert equities.contributions["pu-2"] < 0  # it supports the opponent's eq-2
    assert equities.pro == pytest.approx(sum(v for v in equities.contributions.values() if v > 0))
    assert equities.con == pytest.approx(sum(v for v in equities.contributions.values() if v < 0))
    assert set(r.element("standing").contributions) == {"st-1"}


def test_the_json_form_is_stable_and_documented():
    """to_data has the documented keys and survives a JSON round trip unchanged."""
    data = weigh(toy()).to_data()
    assert data["format"] == RESULT_FORMAT
    assert list(data) == [
        "format",
        "case",
        "standard",
        "standard_title",
        "semantics",
        "outcome",
        "granted",
        "deciding",
        "explanation",
        "merged",
        "missing_roles",
        "converged",
        "iterations",
        "answers",
        "elements",
        "factors",
        "settled_by",
        "strengths",
        "base",
        "excluded",
    ]
    assert set(data["elements"][0]) == {
        "id",
        "name",
        "role",
        "burden",
        "strength",
        "satisfied",
        "reached",
        "settled",
        "pro",
        "con",
        "contributions",
    }
    assert json.loads(json.dumps(data)) == data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answers": {"q": "maybe"}}, "unknown answer 'maybe' to 'q';.*choose one of yes, no"),
        ({"answers": {"nope": "yes"}}, "unknown question 'nope'"),
        ({"dropped": ("su-9",)}, "unknown argument 'su-9'"),
        ({"strengths": {"ha-9": 0.3}}, "unknown argument 'ha-9'"),
        ({"standard": "wintr"}, "did you mean 'winter'"),
        ({"semantics": "euler-based"}, "unknown semantics"),
        (
            {"added": (Argument.model_validate(arg("x", "movant", "nowhere", 0.5)),)},
            "unknown element 'nowhere'",
        ),
        (
            {"added": (Argument.model_validate(arg("su-1", "movant", "success", 0.5)),)},
            "already exists; choose another id",
        ),
    ],
)
def test_a_scenario_that_does_not_fit_the_case_is_refused(change, message):
    """A scenario naming something the case lacks raises ScenarioError saying what."""
    with pytest.raises(ScenarioError, match=message):
        weigh(toy(), scenario(**change))


def test_a_scenario_for_another_case_is_refused():
    """Weighing a case with another case's scenario is an error, not a silent mix-up."""
    with pytest.raises(ScenarioError, match="for case 'other'"):
        weigh(toy(), Scenario(case="other"))


def test_a_case_without_a_factor_says_which_role_is_missing():
    """Any case file works: a case lacking public interest is denied with a clear message."""
    elements = {
        "success": "likelihood-of-success",
        "harm": "irreparable-harm",
        "equities": "balance-of-equities",
    }
    r = weigh(make_case([arg("a", "movant", "success", 0.9)], elements=elements))
    assert r.missing_roles == ("public-interest",)
    assert "no element for public-interest" in r.explanation


def test_elements_are_found_by_role_not_id():
    """Renaming elements to arbitrary ids leaves the weighing the same, key for key."""
    renames = dict(zip(ROLES, ["x1", "x2", "x3", "x4", "x5"], strict=True))

    def weighed(rename: dict[str, str]):
        ids = [rename.get(k, k) for k in ROLES]
        elements = dict(zip(ids, ROLES.values(), strict=True))
        names = {e: f"Element {i}" for i, e in enumerate(ids, 1)}  # the same names both times
        args = [arg(f"a{i}", "movant", e, 0.7) for i, e in enumerate(ids, 1)]
        args += [arg(f"o{i}", "opponent", e, i / 10) for i, e in enumerate(ids, 1)]
        return weigh(case_from(elements, args, names=names))

    by_role_ids, renamed = weighed({}), weighed(renames)
    assert renamed.granted and renamed.deciding == "x5"  # the weakest factor, public interest
    want = by_role_ids.to_data()
    want["deciding"] = renames[want["deciding"]]
    for element in want["elements"]:
        element["id"] = renames[element["id"]]
    for factor in want["factors"]:
        factor["elements"] = [renames[e] for e in factor["elements"]]
    assert renamed.to_data() == want


def test_a_cycle_that_does_not_settle_is_reported():
    """A slow cycle stopped at the cap: the result says the strengths are approximate."""
    case = make_case(
        [
            arg("a", "movant", "success", 1.0, attacks=["b"]),
            arg("b", "opponent", "success", 0.9, attacks=["a"]),
        ]
    )
    r = weigh(case, max_iterations=50)
    assert not r.converged and r.iterations == 50
    assert "did not settle" in r.explanation


def test_an_oscillating_cycle_is_settled_by_damping_and_flagged():
    """Oscillating full-strength mutual attackers get the damped fixed point, and say so."""
    case = make_case(
        [
            arg("a", "movant", "success", 1.0, attacks=["b"]),
            arg("b", "opponent", "success", 1.0, attacks=["a"]),
        ]
    )
    r = weigh(case)
    assert r.converged and r.damped
    assert r.strengths["a"] == pytest.approx(0.5) and r.strengths["b"] == pytest.approx(0.5)
    assert r.to_data()["damped"] is True
    assert "damped iteration" in r.explanation
    assert "damped" not in weigh(make_case([arg("a", "movant", "success", 0.7)])).to_data()


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(10))), st.sampled_from(["yes", "no"]))
def test_renaming_ids_changes_nothing(perm, answer):
    """Giving every argument a new id leaves strengths, outcome and deciding element alone."""
    original = toy()
    names = {a.id: f"z{perm[i]}-{a.id[::-1]}" for i, a in enumerate(original.arguments)}
    data = original.model_dump(mode="json")
    for a in data["arguments"]:
        a["id"] = names[a["id"]]
        a["attacks"] = [names[t] for t in a["attacks"]]
        a["supports"] = [names[t] for t in a["supports"]]
    renamed = type(original).model_validate(data)
    r1 = weigh(original, scenario(answers={"q": answer}))
    r2 = weigh(renamed, scenario(answers={"q": answer}))
    assert (r1.granted, r1.deciding) == (r2.granted, r2.deciding)
    assert {names[k]: v for k, v in r1.strengths.items()} == pytest.approx(r2.strengths)
    assert [e.strength for e in r1.elements] == pytest.approx([e.strength for e in r2.elements])


def test_the_text_report_names_outcome_elements_and_answers():
    """The terminal report shows the outcome, every element, the deciding one and the answers."""
    case = toy()
    text = render_text(weigh(case), case)
    assert "Outcome: GRANTED" in text and "<- deciding" in text
    assert "q = yes  (default)" in text


@pytest.fixture()
def case_dir(tmp_path):
    data = toy().model_dump(mode="json", exclude_defaults=True)
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp_path


def test_the_cli_prints_the_json_form(case_dir, capsys):
    """`weigh DIR --json --answer q=no` prints the documented JSON with that answer used."""
    assert main(["weigh", str(case_dir), "--json", "--answer", "q=no"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answers"] == {"q": "no"} and data["outcome"] == "denied"


def test_the_cli_reads_a_saved_scenario_and_a_standard(case_dir, tmp_path, capsys):
    """`--scenario FILE --standard NAME` weighs the saved scenario under that standard."""
    path = tmp_path / "s.json"
    path.write_text(scenario(dropped=("ha-2",)).to_json(), encoding="utf-8")
    assert (
        main(["weigh", str(case_dir), "--scenario", str(path), "--standard", "sliding-scale"]) == 0
    )
    out = capsys.readouterr().out
    assert "Standard: D.C. Circuit sliding scale" in out and "ha-2: dropped" in out


@pytest.mark.parametrize(
    "bad", [["--answer", "q"], ["--answer", "q=maybe"], ["--standard", "nope"]]
)
def test_the_cli_reports_bad_input_without_a_traceback(case_dir, capsys, bad):
    """A bad answer or standard prints an error and exits non-zero."""
    assert main(["weigh", str(case_dir), *bad]) != 0
    assert "error:" in capsys.readouterr().err


def test_the_question_fixture_is_used():
    """The toy case's question is the one in the factory (guards the factory itself)."""
    assert toy().questions[0].id == QUESTION["id"]


def test_the_structure_is_compiled_once_for_strengths_and_answers():
    """Changing strengths or answers re-uses the compiled graph; dropping an argument does not."""
    from workbook.engine.weighing import prepare

    base = prepare(toy()).graph
    assert prepare(toy(), scenario(strengths={"su-1": 0.1}, answers={"q": "no"})).graph is base
    assert prepare(toy(), scenario(dropped=("su-1",))).graph is not base


@pytest.mark.parametrize("semantics", ["quadratic-energy", "euler"])
def test_the_cli_takes_a_semantics(case_dir, capsys, semantics):
    """`--semantics NAME` weighs under that semantics and the JSON says so."""
    assert main(["weigh", str(case_dir), "--json", "--semantics", semantics]) == 0
    assert json.loads(capsys.readouterr().out)["semantics"] == semantics
