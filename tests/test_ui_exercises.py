"""The exercise widget: a hint before the answer, a second try, fresh feedback, saved marks."""

from __future__ import annotations

import json

import pytest
from conftest import ui_case

from workbook import DEFAULT_CASE, load_case
from workbook.errors import UnknownNameError, UnsafePathError
from workbook.store import load_workspace
from workbook.ui.exercises import Exercises, build_exercises


@pytest.fixture
def ex(tmp_path) -> Exercises:
    """The toy case's exercises, saving into a temporary folder."""
    return build_exercises(ui_case(), folder=tmp_path, author="A. Student")


def _wrong(ex: Exercises, id: str) -> str:
    x = ex.cards[id].exercise
    return next(c.value for c in x.choices if c.value not in x.answers)


def _right(ex: Exercises, id: str) -> str:
    return sorted(ex.cards[id].exercise.answers)[0]


def test_first_miss_gives_a_hint_not_the_answer(ex: Exercises) -> None:
    """A first wrong answer shows the hint and asks for a second try, never the worked answer."""
    x = ex.cards["deciding"].exercise
    ex.choose("deciding", _wrong(ex, "deciding"))
    assert ex.check("deciding").correct is False
    shown = ex.cards["deciding"].feedback.value
    assert "✘ Not quite." in shown and "Hint:" in shown and "Try once more" in shown
    assert x.worked not in shown and "worked answer" not in shown
    assert not ex.cards["deciding"].done


def test_second_miss_shows_the_worked_answer(ex: Exercises) -> None:
    """After two wrong answers the worked answer and the engine's explanation appear."""
    for _ in range(2):
        ex.choose("deciding", _wrong(ex, "deciding"))
        ex.check("deciding")
    shown = ex.cards["deciding"].feedback.value
    assert "The worked answer:" in shown and "The engine's explanation" in shown
    assert ex.marks["deciding"].tries == 2 and not ex.marks["deciding"].correct


def test_right_on_the_second_try_is_recorded(ex: Exercises) -> None:
    """A miss, then the right answer: right on the second try, with the reasoning shown."""
    ex.choose("deciding", _wrong(ex, "deciding"))
    ex.check("deciding")
    ex.choose("deciding", _right(ex, "deciding"))
    out = ex.check("deciding")
    assert out is not None and out.correct
    shown = ex.cards["deciding"].feedback.value
    assert "✔ Right." in shown and "Why:" in shown and "Hint" not in shown
    mark = ex.marks["deciding"]
    assert (mark.correct, mark.tries, mark.answer) == (True, 2, _right(ex, "deciding"))


@pytest.mark.parametrize("first", ["right", "wrong"])
def test_feedback_is_cleared_when_the_choice_changes(ex: Exercises, first: str) -> None:
    """No mark stays beside a choice it was not given for, through the control too."""
    card = ex.cards["deciding"]
    card.choice.value = _right(ex, "deciding") if first == "right" else _wrong(ex, "deciding")
    card.button.click()
    assert card.feedback.value
    card.choice.value = next(c.value for c in card.exercise.choices if c.value != card.choice.value)
    assert card.feedback.value == ""


def test_checking_again_after_the_answer_keeps_the_first_mark(ex: Exercises) -> None:
    """Once the worked answer is shown, new checks do not rewrite how it went."""
    ex.choose("deciding", _right(ex, "deciding"))
    ex.check("deciding")
    ex.choose("deciding", _wrong(ex, "deciding"))
    assert ex.check("deciding").correct is False
    assert ex.marks["deciding"].correct and ex.marks["deciding"].tries == 1
    assert "The worked answer:" in ex.cards["deciding"].feedback.value


def test_check_without_a_choice_asks_for_one(ex: Exercises) -> None:
    """Pressing Check with nothing chosen says so and counts no try."""
    assert ex.check("deciding") is None
    assert "Pick an answer" in ex.cards["deciding"].feedback.value
    assert "deciding" not in ex.marks


def test_unknown_exercise_lists_the_known_ones(ex: Exercises) -> None:
    """Asking for an exercise that is not there names the ones that are."""
    with pytest.raises(UnknownNameError, match="deciding"):
        ex.check("nope")


def test_save_and_work_product(ex: Exercises, tmp_path) -> None:
    """Saving writes a workspace with the marks; the work product shows outcome and score."""
    ex.choose("deciding", _right(ex, "deciding"))
    ex.check("deciding")
    ex.choose("flip", _wrong(ex, "flip"))
    ex.check("flip")
    saved = ex.save()
    ws = load_workspace(saved)
    assert saved.parent == tmp_path / "exports" and ws.author == "A. Student"
    assert ws.exercises == {"deciding": _right(ex, "deciding"), "flip": _wrong(ex, "flip")}
    assert ws.marks["flip"].tries == 1 and not ws.marks["flip"].correct
    page = ex.write_work_product().read_text(encoding="utf-8")
    assert "<h2>Outcome</h2>" in page and "1 of 2 right, 1 on the first try" in page
    assert "Exercises</h2>\n<p>(none)" not in page
    assert "Download" in ex.status.value and "1 of" in ex.status.value
    assert json.loads(saved.read_text(encoding="utf-8"))["version"] == 2


def test_buttons_save_and_errors_show(ex: Exercises) -> None:
    """The save buttons call the methods; a name leading out of the folder is refused visibly."""
    save = ex.save_box.children[2].children[1]
    save.click()
    assert ex.error.value == "" and "Wrote" in ex.status.value
    ex.save_path.value = "../out.json"
    save.click()
    assert "UnsafePathError" in ex.error.value
    with pytest.raises(UnsafePathError):
        ex.save("../out.json")


def test_a_card_per_exercise_with_changed_scenarios_labelled() -> None:
    """The flagship case gets a card per exercise; changed scenarios say what changed."""
    ex = build_exercises(load_case(DEFAULT_CASE))
    assert len(ex.cards) >= 10
    changed = [c for c in ex.cards.values() if c.exercise.setting.kind != "defaults"]
    assert changed and all("Changed scenario" in c.widget.children[0].value for c in changed)
    assert all(c.choice.value is None for c in ex.cards.values())


def test_resume_brings_back_answers_tries_and_feedback(ex: Exercises, tmp_path) -> None:
    """A saved workspace reopened: choices, tries, the hint or the worked answer come back."""
    ex.choose("deciding", _wrong(ex, "deciding"))
    ex.check("deciding")
    ex.choose("flip", _right(ex, "flip"))
    ex.check("flip")
    saved = ex.save()
    again = build_exercises(ui_case(), folder=tmp_path)
    again.save_box.children[2].children[2].click()  # "Carry on from file"
    assert again.error.value == "" and again.student.value == "A. Student"
    assert again.marks == ex.marks
    card = again.cards["deciding"]
    assert card.choice.value == _wrong(ex, "deciding") and card.tries == 1 and not card.done
    assert "Hint:" in card.feedback.value
    assert "Why:" in again.cards["flip"].feedback.value and again.cards["flip"].done
    again.choose("deciding", _right(ex, "deciding"))
    assert again.check("deciding").correct and again.marks["deciding"].tries == 2
    assert saved.name in again.status.value or "Carried on" in again.status.value


def test_resume_refuses_another_cases_work(ex: Exercises, tmp_path) -> None:
    """Work on another case is refused, and nothing changes."""
    from workbook.scenario import Scenario
    from workbook.store import Workspace, save_workspace

    save_workspace(tmp_path / "other.json", Workspace(case="x", scenario=Scenario(case="x")))
    with pytest.raises(UnknownNameError, match="not on"):
        ex.resume("other.json")
    assert ex.marks == {}
