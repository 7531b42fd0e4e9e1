"""Checks on what a user types into the workbench, without any widgets."""

from __future__ import annotations

from typing import Any

import pytest

from workbook import DEFAULT_CASE, load_case
from workbook.errors import ScenarioError
from workbook.models import Case
from workbook.ui.user_input import ArgumentDraft, new_argument, strength_value


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(DEFAULT_CASE)


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (1, 1.0), ("0.25", 0.25), (0.5, 0.5)])
def test_strength_value_accepts_numbers_in_range(value: Any, expected: float) -> None:
    """Numbers (or numeric text) between 0 and 1 pass through as floats."""
    assert strength_value(value) == expected


@pytest.mark.parametrize("value", [-0.01, 1.01, float("nan"), float("inf"), "strong", None])
def test_strength_value_refuses_the_rest(value: Any) -> None:
    """Anything outside 0 to 1, or not a number, is refused with a ScenarioError."""
    with pytest.raises(ScenarioError, match="between 0 and 1"):
        strength_value(value)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"side": "judge"}, "side must be"),
        ({"heading": "   "}, "heading"),
        ({"element": "nope"}, "unknown element 'nope'; choose one of standing"),
        ({"attacks": iter(["ghost"])}, "attacks or supports 'ghost'"),
        ({"authorities": ["ghost"]}, "no authority 'ghost'"),
        ({"strength": 2}, "between 0 and 1"),
    ],
)
def test_new_argument_refuses_bad_input(case: Case, kwargs: dict[str, Any], match: str) -> None:
    """Each bad field is refused with a message naming it."""
    args: dict[str, Any] = {"side": "movant", "element": "harm", "heading": "h", **kwargs}
    with pytest.raises(ScenarioError, match=match):
        new_argument(case, case.arguments, ArgumentDraft(**args))


def test_new_argument_takes_generators_and_numbers_its_id(case: Case) -> None:
    """Targets given as a generator are kept, and the id is the first free user-N."""
    target = case.arguments[0].id
    draft = ArgumentDraft(
        "opponent", case.arguments[0].element, "Mine", "0.4", attacks=(t for t in [target])
    )
    arg = new_argument(case, case.arguments, draft)
    assert arg.attacks == (target,) and arg.id == "user-1" and arg.strength == 0.4
