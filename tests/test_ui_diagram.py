"""The picture of the test: built from the case's own elements, standard and outcome."""

from __future__ import annotations

import pytest
from conftest import ui_case

from workbook.engine.weighing import weigh
from workbook.scenario import Scenario
from workbook.tables import standard_rule
from workbook.ui.diagram import motion_diagram, motion_diagram_html


@pytest.mark.parametrize(
    ("answers", "words"),
    [({}, ["Granted", "met"]), ({"q1": "no"}, ["Denied", "not met", "It decides the motion."])],
)
def test_diagram_shows_each_stage_and_the_outcome(
    answers: dict[str, str], words: list[str]
) -> None:
    """Every element of the case has a box, in four stages, and the outcome is in words."""
    case = ui_case()
    page = motion_diagram_html(case, weigh(case, Scenario(case="toy", answers=answers)))
    stages = ["Threshold questions", "The four factors", "The standard", "Outcome"]
    assert [page.index(s) for s in stages] == sorted(page.index(s) for s in stages)
    for element in case.elements:
        assert element.name in page
    for word in words:
        assert word in page


def test_diagram_groups_the_merged_pair_and_escapes_case_text() -> None:
    """With a government opponent the equities and public interest are one dashed group."""
    case = ui_case()
    page = motion_diagram_html(case, weigh(case))
    assert page.count('class="wb-group"') == 1 and "Nken" in page
    assert "<Corp>" not in page and "Toy &lt;Corp&gt;" in page
    assert "Toy &lt;Corp&gt;" in motion_diagram(case).data


@pytest.mark.parametrize(
    ("name", "government", "words"),
    [
        ("winter", False, ["likely on its own"]),
        ("winter", True, ["count as one factor"]),
        ("winter-unmerged", True, ["kept apart"]),
        ("sliding-scale", False, ["0.35", "irreparable harm likely"]),
        ("sliding-scale-pure", False, ["on average above 0.5."]),
        ("serious-questions", True, ["tipping sharply", "count as one factor"]),
    ],
)
def test_standard_rule_in_words(name: str, government: bool, words: list[str]) -> None:
    """Each standard's rule is said in plain words, with the merger when it applies."""
    rule = standard_rule(name, government)
    assert all(w in rule for w in words)
    assert ("Nken" in rule) == (government and "unmerged" not in name)
