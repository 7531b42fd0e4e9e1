"""The backtest: each decided case weighed under the court's answers, against the court."""

from __future__ import annotations

import json

import pytest

from workbook import CASES, load_case
from workbook.__main__ import main
from workbook.casefile.load import check_case
from workbook.engine.backtest import backtest, summarize
from workbook.engine.standards import STANDARDS
from workbook.models import Flip, Ruling

DECIDED = [p.name for p in sorted(CASES.iterdir()) if p.is_dir() and load_case(p).ruling]


def test_at_least_one_shipped_case_is_decided():
    assert "tiktok-v-trump" in DECIDED


@pytest.mark.parametrize("name", DECIDED)
def test_every_decided_case_is_backtested(name):
    result = backtest(load_case(CASES / name))
    assert result is not None
    data = result.to_data()
    assert data["court"] in ("granted", "denied") and set(data["rested_on"])
    if result.p_granted_before is not None:
        assert 0.0 <= result.brier <= 1.0  # type: ignore[operator]


def test_tiktok_reaches_the_courts_result_for_its_reasons():
    result = backtest(load_case(CASES / "tiktok-v-trump"))
    assert result is not None and result.agrees
    assert result.answers["informational-materials"] == "yes-indirectly"


def test_a_ruling_the_engine_does_not_reach_is_reported_not_hidden():
    case = load_case(CASES / "tiktok-v-trump")
    assert case.ruling is not None
    denied = case.ruling.model_copy(update={"outcome": "denied", "rested_on": ("success",)})
    result = backtest(case.model_copy(update={"ruling": denied}))
    assert result is not None and not result.outcome_agrees and not result.agrees


def test_a_pending_case_has_no_backtest():
    assert backtest(load_case(CASES / "legion-v-lutnick")) is None


def test_a_ruling_must_name_what_the_case_has(tmp_path):
    text = (CASES / "tiktok-v-trump" / "case.yaml").read_text(encoding="utf-8")
    folder = tmp_path / "t"
    folder.mkdir()
    for f in (CASES / "tiktok-v-trump").glob("*.yaml"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    bad = text.replace("rested_on: [success, harm]", "rested_on: [success, harms]")
    (folder / "case.yaml").write_text(bad, encoding="utf-8")
    report = check_case(folder)
    assert not report.ok and "unknown element id 'harms'" in str(report.problems[0])
    assert Ruling.model_fields["rested_on"].is_required()


def _with_flips(*flips):
    case = load_case(CASES / "tiktok-v-trump")
    assert case.ruling is not None
    ruling = case.ruling.model_copy(update={"flips": tuple(Flip(**f) for f in flips)})
    return case.model_copy(update={"ruling": ruling})


@pytest.mark.parametrize(
    ("answers", "says", "agrees"),
    [
        # No irreparable harm without a harm the law counts: the engine denies, as it should.
        ({"economic-harm": "no-economic"}, "denied", True),
        # An opinion claiming relief would still issue is checked, not believed.
        ({"economic-harm": "no-economic"}, "granted", False),
        ({"informational-materials": "yes-indirectly"}, "granted", True),
    ],
)
def test_the_flips_an_opinion_discusses_are_weighed(answers, says, agrees):
    """Each counterfactual is weighed with its answers in place of the court's."""
    flip = {"answers": answers, "outcome": says, "basis": "held", "sources": ["op-2020-09-27"]}
    result = backtest(_with_flips(flip))
    assert result is not None and len(result.flips) == 1
    assert result.flips[0].agrees is agrees
    assert result.flips_agree == int(agrees)
    assert result.to_data()["flips"][0]["opinion_says"] == says


def test_a_flip_must_name_questions_and_answers_the_case_has(tmp_path):
    """A flip naming an answer the question does not have is a located error."""
    folder = tmp_path / "t"
    folder.mkdir()
    for f in (CASES / "tiktok-v-trump").glob("*.yaml"):
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (folder / "case.yaml").read_text(encoding="utf-8")
    flip = (
        "  flips:\n    - answers: {economic-harm: no-such-answer}\n      outcome: denied\n"
        "      basis: held\n      sources: [op-2020-09-27]\n"
    )
    (folder / "case.yaml").write_text(
        text.replace("  rested_on: [success, harm]\n", "  rested_on: [success, harm]\n" + flip),
        encoding="utf-8",
    )
    report = check_case(folder)
    assert not report.ok
    message = str(report.problems[0])
    assert "no-such-answer" in message and "ruling.flips" in message.replace("[", ".")


def test_every_standard_is_reported():
    result = backtest(load_case(CASES / "tiktok-v-trump"))
    assert result is not None
    assert set(result.by_standard) == set(STANDARDS)


def test_the_library_summary_counts_and_says_what_it_cannot_show():
    results = [r for name in DECIDED if (r := backtest(load_case(CASES / name)))]
    summary = summarize(results)
    assert summary.cases == len(DECIDED)
    assert summary.outcomes_agree == sum(r.outcome_agrees for r in results)
    words = " ".join(summary.lines())
    assert f"{len(DECIDED)} decided case" in words and "calibrated" in words
    assert summarize([]).lines() == ["No decided case to backtest."]


def test_the_command_takes_a_folder_of_cases_and_prints_json(capsys):
    assert main(["backtest", str(CASES), "--json", "--samples", "500"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["case"] for c in data["cases"]] == DECIDED
    assert data["summary"]["cases"] == len(DECIDED)
    assert main(["backtest", str(CASES), "--samples", "500"]) == 0
    out = capsys.readouterr()
    assert "under every standard" in out.out and "no ruling" in out.err
