"""The self-check exercises are marked by the engine; tests press their buttons directly."""

from __future__ import annotations

import pytest
from conftest import ui_case

from workbook import DEFAULT_CASE, load_case
from workbook.engine.weighing import weigh
from workbook.models import Case, Harm
from workbook.ui.exercises import (
    HARM_TYPES,
    NO_FLIP,
    build_exercises,
    check_deciding,
    check_flip,
    check_harm,
    flip_options,
)


@pytest.fixture
def case() -> Case:
    """The toy case, with one harm argument classified as existential."""
    base = ui_case()
    args = tuple(
        a.model_copy(update={"harm": Harm(type="existential", evidence=("<b>ledgers</b>",))})
        if a.id == "m2"
        else a
        for a in base.arguments
    )
    return base.model_copy(update={"arguments": args})


def test_check_deciding_marks_the_engines_answer_right(case: Case) -> None:
    """The element the engine names as deciding is right; every other element is wrong."""
    deciding = weigh(case).deciding
    for element in case.elements:
        assert check_deciding(case, element.id).correct is (element.id == deciding)


def test_check_deciding_right_and_wrong_after_an_answer(case: Case) -> None:
    """With q1 answered 'no' the merits decide; other guesses are wrong and say so."""
    from workbook.scenario import Scenario

    scenario = Scenario(case="toy", answers={"q1": "no"})
    assert check_deciding(case, "success", scenario).correct
    wrong = check_deciding(case, "harm", scenario)
    assert not wrong.correct and "Success" in wrong.message


@pytest.mark.parametrize(("guess", "correct"), [("existential", True), ("goodwill", False)])
def test_check_harm(case: Case, guess: str, correct: bool) -> None:
    """The harm classification is compared with the case file's, and the evidence is listed."""
    out = check_harm(case, "m2", guess)
    assert out.correct is correct and "ledgers" in out.message
    assert "&lt;b&gt;" in out.html()


def test_check_harm_unknown_argument(case: Case) -> None:
    """An argument without a harm type raises KeyError listing the ones that have one."""
    with pytest.raises(KeyError, match="m2"):
        check_harm(case, "o1", "existential")


def test_check_flip(case: Case) -> None:
    """Answering q1 'no' flips the toy case; 'none' is then wrong."""
    assert check_flip(case, "q1=no").correct
    assert not check_flip(case, NO_FLIP).correct
    assert [v for _, v in flip_options(case)] == ["q1=no", NO_FLIP]


def test_check_flip_none_is_right_without_questions() -> None:
    """With no contested questions, 'no single answer flips it' is right."""
    case = ui_case().model_copy(update={"questions": (), "arguments": ()})
    assert check_flip(case, NO_FLIP).correct


def test_exercise_buttons_show_feedback(case: Case) -> None:
    """Pressing Check shows the feedback for each exercise: right for the engine's answer."""
    ex = build_exercises(case)
    check = ex.widget.children[3]
    ex.deciding.value = "success"  # the toy is granted, and the merits (success) decide it
    check.click()
    shown = ex.feedback["deciding"].value
    assert "✔ Right." in shown and "Not quite" not in shown
    assert "Success decides the motion (granted)" in shown
    ex.deciding.value = "harm"
    check.click()
    shown = ex.feedback["deciding"].value
    assert "✘ Not quite." in shown and "Right." not in shown
    assert "You said Harm; the engine says Success decides the motion (granted)" in shown
    assert ex.error.value == ""
    ex.harm_type.value = "existential"
    ex.answer_harm("m2", ex.harm_type.value)
    assert "Right" in ex.feedback["harm"].value
    ex.flip.value = "q1=no"
    assert ex.answer_flip(ex.flip.value).correct


def test_exercises_on_flagship_case() -> None:
    """The exercises build on the flagship case, whatever its arguments."""
    ex = build_exercises(load_case(DEFAULT_CASE))
    assert ex.flip.options and set(HARM_TYPES) >= {"existential", "goodwill"}
