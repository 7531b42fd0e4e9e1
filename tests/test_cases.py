"""The shipped case files: each loads, checks clean, and is a usable exercise.

The decided analog (TikTok Inc. v. Trump) also proves the format is case-generic:
a second case in the same shape loads and weighs with no code change, and its
recorded outcome is what the engine computes from its default answers.
"""

from __future__ import annotations

import pytest

import workbook
from workbook import check_case, load_case
from workbook.engine.weighing import weigh
from workbook.models import Side
from workbook.scenario import Scenario

ANALOG = workbook.CASES / "tiktok-v-trump"
SIDES: tuple[Side, ...] = ("movant", "opponent")


def test_analog_checks_without_errors() -> None:
    """The analog case passes `check` with no errors, and every warning is about verification."""
    report = check_case(ANALOG)
    assert report.ok, [str(p) for p in report.problems]
    assert all("verified" in w.problem for w in report.warnings), [str(w) for w in report.warnings]


def test_analog_is_a_decided_case_against_the_government() -> None:
    """The analog records a decided motion, its outcome, and a government opponent."""
    info = load_case(ANALOG).case
    assert (info.status, info.government_opponent, info.movant) == ("decided", True, "tiktok")
    assert "Granted" in info.outcome


@pytest.mark.parametrize("element", [e.id for e in load_case(ANALOG).elements])
@pytest.mark.parametrize("side", SIDES)
def test_analog_argues_both_sides_of_every_element(element: str, side: Side) -> None:
    """Every element of the analog has at least three arguments for each side."""
    assert len(load_case(ANALOG).arguments_for(element, side)) >= 3


def test_analog_every_argument_is_in_a_rebuttal() -> None:
    """Every analog argument attacks, or is attacked by, an argument of the other side."""
    case = load_case(ANALOG)
    attacked = {t for a in case.arguments for t in a.attacks}
    for arg in case.arguments:
        assert arg.attacks or arg.id in attacked, arg.id
        for target in arg.attacks:
            assert case.argument(target).side != arg.side, (arg.id, target)


@pytest.mark.parametrize(
    ("answers", "outcome"),
    [
        ({}, "granted"),
        ({"informational-materials": "no-commercial-only"}, "denied"),
        ({"mootness": "moot"}, "denied"),
    ],
)
def test_analog_weighs_to_the_recorded_outcome(answers: dict[str, str], outcome: str) -> None:
    """With the court's answers the analog weighs as granted; the losing answers deny it."""
    case = load_case(ANALOG)
    scenario = Scenario(case=case.case.id, answers=answers)
    assert weigh(case, scenario).outcome == outcome
