"""The backtest: each decided case weighed under the court's answers, against the court."""

from __future__ import annotations

import pytest

from workbook import CASES, load_case
from workbook.casefile.load import check_case
from workbook.engine.backtest import backtest
from workbook.models import Ruling

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
