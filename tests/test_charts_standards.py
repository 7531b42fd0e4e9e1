"""The standards chart and tables: what each standard asks, where it decides, what merging does."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import ui_case

from workbook import charts
from workbook.engine.standards import STANDARDS
from workbook.engine.weighing import weigh
from workbook.errors import WorkbookError
from workbook.scenario import Scenario
from workbook.tables import merger_note, standards_split, standards_table
from workbook.ui.panels import strength_gauge


def _results(answers: dict[str, str] | None = None) -> dict[str, Any]:
    case = ui_case()
    scenario = Scenario(case="toy", answers=answers or {})
    return {name: weigh(case, scenario, standard=name) for name in STANDARDS}


def _lines(panel: dict[str, Any], spec: dict[str, Any]) -> list[float]:
    """The x of every rule a panel draws (the 0.5 line, a floor, an average)."""
    found = []
    for layer in panel["layer"]:
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if mark == "rule":
            found += [row["x"] for row in spec["datasets"][layer["data"]["name"]]]
    return found


def test_every_panel_has_the_half_line_and_sliding_panels_a_floor_and_average() -> None:
    """Each standard's panel draws 0.5; a sliding scale adds its floor (0.35) and the average."""
    spec = charts.standards_chart(_results(), government_opponent=True).to_dict()
    assert len(spec["vconcat"]) == len(STANDARDS)
    for name, panel in zip(STANDARDS, spec["vconcat"], strict=True):
        lines = _lines(panel, spec)
        assert 0.5 in lines
        assert (0.35 in lines) == (name.startswith("sliding") or name == "serious-questions")
        assert len(lines) == (1 if name.startswith("winter") else 3)


def test_merged_standards_show_one_bar_for_the_pair_and_unmerged_two() -> None:
    """With the government opposing, Nken makes equities and public interest one bar."""
    spec = charts.standards_chart(_results(), government_opponent=True).to_dict()
    counts = {}
    for name, panel in zip(STANDARDS, spec["vconcat"], strict=True):
        counts[name] = len(spec["datasets"][panel["layer"][0]["data"]["name"]])
    assert counts["winter"] == 3 and counts["winter-unmerged"] == 4


def test_the_deciding_factor_is_outlined_and_the_title_gives_the_outcome() -> None:
    """The deciding factor's bar is marked, and each heading says granted or denied."""
    spec = charts.standards_chart(_results({"q1": "no"})).to_dict()
    panel = spec["vconcat"][0]
    rows = spec["datasets"][panel["layer"][0]["data"]["name"]]
    assert [r["deciding"] for r in rows].count(True) == 1
    assert panel["title"]["text"].endswith(": denied")


def test_standards_chart_needs_a_result() -> None:
    """An empty comparison is refused with a message saying what to do."""
    with pytest.raises(WorkbookError, match="at least one standard"):
        charts.standards_chart({})


def test_standards_table_says_each_rule_and_outcome() -> None:
    """One row a standard, with its rule in words and how it weighs the last two factors."""
    table = standards_table(ui_case(), _results())
    assert len(table) == len(STANDARDS)
    row = table.set_index("standard").loc["Winter v. NRDC"]
    assert "likely on its own" in row["what it asks"]
    assert row["equities and public interest"].startswith("one factor")
    assert set(table["outcome"]) == {"granted"}


@pytest.mark.parametrize("government", [True, False])
def test_merger_note_says_what_merging_changes(government: bool) -> None:
    """The note compares the merged factor with each part, or says Nken does not apply."""
    case = ui_case()
    case = case.model_copy(
        update={"case": case.case.model_copy(update={"government_opponent": government})}
    )
    results = {n: weigh(case, None, standard=n) for n in ("winter", "winter-unmerged")}
    note = merger_note(case, results["winter"], results["winter-unmerged"])
    assert ("count as one factor" in note) == government
    assert ("not the government" in note) == (not government)


@pytest.mark.parametrize(("m2", "rows"), [(0.8, 0), (0.2, 1)])
def test_standards_split_lists_only_answers_on_which_standards_disagree(
    m2: float, rows: int
) -> None:
    """With harm weak, answering q1 'Yes' grants only where harm can be offset; else no row."""
    scenario = Scenario(case="toy", answers={"q1": "no"}, strengths={"m2": m2})
    table = standards_split(ui_case(), scenario)
    assert len(table) == rows
    for _, row in table.iterrows():
        assert row["answer"] == "Yes" and row["Pure sliding scale"] == "granted"
        assert row["Winter v. NRDC"] == "denied"


@pytest.mark.parametrize(("strength", "status"), [(0.62, "met"), (0.3, "not met"), (1.4, "met")])
def test_strength_gauge_draws_the_half_line(strength: float, status: str) -> None:
    """The gauge fills to the strength (clamped), with the 0.5 line and the words for it."""
    gauge = strength_gauge(strength, status)
    assert "left:50%" in gauge and f"({status})" in gauge
    assert f"width:{min(strength, 1.0) * 100:.1f}%" in gauge
