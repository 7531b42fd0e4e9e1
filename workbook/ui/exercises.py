"""Self-check exercises, marked by the engine: predict, classify, find the flip.

Three kinds of question, each a pure function that returns
:class:`Feedback`, and a widget (:func:`build_exercises`) that calls them:

- :func:`check_deciding`: which element decides the motion?
- :func:`check_harm`: what kind of harm does this argument claim?
- :func:`check_flip`: which single answer to a contested question flips the outcome?

>>> from workbook import load_case
>>> case = load_case(CASES / "legion-v-lutnick")
>>> check_deciding(case, "no-such-element").correct
False
"""

from __future__ import annotations

import html
import typing
from dataclasses import dataclass

import ipywidgets as widgets

from workbook.charts.display import setup
from workbook.engine.analysis import analyse
from workbook.errors import UnknownNameError
from workbook.models import Argument, Case, HarmType
from workbook.scenario import Scenario
from workbook.ui.common import errors_to
from workbook.vocabulary import TEXT_COLORS, outcome_word

__all__ = [
    "HARM_TYPES",
    "NO_FLIP",
    "Exercises",
    "Feedback",
    "build_exercises",
    "check_deciding",
    "check_flip",
    "check_harm",
    "flip_options",
    "harm_arguments",
]

HARM_TYPES: tuple[str, ...] = typing.get_args(HarmType)
"""The kinds of irreparable harm a case file can name."""

NO_FLIP = "none"
"""The answer to :func:`check_flip` meaning "no single answer flips it"."""


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right, and why, in words."""

    correct: bool
    message: str

    def html(self) -> str:
        """The feedback as escaped HTML, marked right or not."""
        mark = "✔ Right." if self.correct else "✘ Not quite."
        color = TEXT_COLORS["right" if self.correct else "wrong"]
        return f'<p style="color:{color}"><b>{mark}</b></p><p>{html.escape(self.message)}</p>'


def check_deciding(case: Case, guess: str, scenario: Scenario | None = None) -> Feedback:
    """Mark a guess of the element that decides the motion."""
    result = analyse(case, scenario, samples=0, whatifs=False).result
    names = {e.id: e.name for e in case.elements}
    if result.deciding is None:
        return Feedback(guess == NO_FLIP, f"No single element decides it. {result.explanation}")
    right = names.get(result.deciding, result.deciding)
    if guess == result.deciding:
        return Feedback(
            True, f"{right} decides the motion ({result.outcome}). {result.explanation}"
        )
    said = names.get(guess, guess)
    reached = {e.id: e.reached for e in result.elements}
    hint = (
        f" The court would not even reach {said}."
        if guess in reached and not reached[guess]
        else ""
    )
    return Feedback(
        False,
        f"You said {said}; the engine says {right} decides the motion "
        f"({result.outcome}).{hint} {result.explanation}",
    )


def harm_arguments(case: Case) -> tuple[Argument, ...]:
    """The arguments that name a kind of irreparable harm, in case order."""
    return tuple(a for a in case.arguments if a.harm is not None)


def check_harm(case: Case, argument: str, guess: str) -> Feedback:
    """Mark a classification of the harm an argument claims."""
    arg = next((a for a in harm_arguments(case) if a.id == argument), None)
    if arg is None or arg.harm is None:
        known = ", ".join(a.id for a in harm_arguments(case)) or "(none in this case file)"
        raise UnknownNameError(f"no harm argument {argument!r}; harm arguments: {known}")
    evidence = "; ".join(arg.harm.evidence) or "none listed"
    if guess == arg.harm.type:
        return Feedback(
            True,
            f"“{arg.heading}” claims {arg.harm.type} harm. "
            f"The evidence a court would want: {evidence}.",
        )
    return Feedback(
        False,
        f"“{arg.heading}” is filed as {arg.harm.type} harm, not {guess}. "
        f"The evidence a court would want: {evidence}.",
    )


def flip_options(case: Case, scenario: Scenario | None = None) -> list[tuple[str, str]]:
    """Every other answer to every question as ``(label, "question=answer")``, then "none"."""
    answers = (scenario or Scenario(case=case.case.id)).answers_for(case)
    options = [
        (f"{q.text} → {a.label}", f"{q.id}={a.id}")
        for q in case.questions
        for a in q.answers
        if a.id != answers.get(q.id)
    ]
    return [*options, ("No single answer flips it", NO_FLIP)]


def check_flip(case: Case, guess: str, scenario: Scenario | None = None) -> Feedback:
    """Mark a guess (``"question=answer"``, or :data:`NO_FLIP`) of an answer that flips it."""
    found = analyse(case, scenario, samples=0, decisive_size=1).decisive
    assert found is not None  # analyse finds the decisive questions unless whatifs=False
    now = outcome_word(found.granted)
    flips = {f"{q}={a}" for f in found.singles for q, a in f.answers.items()}
    labels = dict((v, k) for k, v in flip_options(case, scenario))
    listed = "; ".join(sorted(labels.get(f, f) for f in flips)) or "none"
    if guess == NO_FLIP:
        if flips:
            return Feedback(
                False, f"The motion is {now}, but some single answers flip it: {listed}."
            )
        return Feedback(
            True,
            f"The motion is {now}, and no single answer flips it; "
            "try changing two questions in the workbench.",
        )
    if guess in flips:
        return Feedback(
            True,
            f"The motion is {now}; answering {labels.get(guess, guess)} "
            f"flips it. All single flips: {listed}.",
        )
    return Feedback(
        False,
        f"The motion is {now}, and {labels.get(guess, guess)} leaves it "
        f"{now}. Single answers that flip it: {listed}.",
    )


@dataclass
class Exercises:
    """The exercise widgets (``.widget``) and their feedback boxes."""

    case: Case
    deciding: widgets.Dropdown
    harm_argument: widgets.Dropdown
    harm_type: widgets.Dropdown
    flip: widgets.Dropdown
    feedback: dict[str, widgets.HTML]
    error: widgets.HTML
    widget: widgets.VBox

    def answer_deciding(self, guess: str) -> Feedback:
        """Mark exercise 1 and show the feedback."""
        out = check_deciding(self.case, guess)
        self.feedback["deciding"].value = out.html()
        return out

    def answer_harm(self, argument: str, guess: str) -> Feedback:
        """Mark exercise 2 and show the feedback."""
        out = check_harm(self.case, argument, guess)
        self.feedback["harm"].value = out.html()
        return out

    def answer_flip(self, guess: str) -> Feedback:
        """Mark exercise 3 and show the feedback."""
        out = check_flip(self.case, guess)
        self.feedback["flip"].value = out.html()
        return out


def build_exercises(case: Case) -> Exercises:
    """The three exercises for a case, each with a Check button and feedback."""
    setup()
    error = widgets.HTML()
    deciding = widgets.Dropdown(
        options=[(e.name, e.id) for e in case.elements], description="deciding"
    )
    harms = harm_arguments(case)
    harm_argument = widgets.Dropdown(
        options=[(a.heading, a.id) for a in harms],
        description="argument",
        layout=widgets.Layout(width="90%"),
    )
    harm_type = widgets.Dropdown(options=list(HARM_TYPES), description="harm type")
    flip = widgets.Dropdown(
        options=flip_options(case), description="answer", layout=widgets.Layout(width="90%")
    )
    feedback = {k: widgets.HTML() for k in ("deciding", "harm", "flip")}
    ex = Exercises(case, deciding, harm_argument, harm_type, flip, feedback, error, widgets.VBox())
    buttons = {k: widgets.Button(description="Check") for k in feedback}
    buttons["deciding"].on_click(errors_to(error)(lambda _b: ex.answer_deciding(deciding.value)))
    buttons["harm"].on_click(
        errors_to(error)(lambda _b: ex.answer_harm(harm_argument.value, harm_type.value))
    )
    buttons["flip"].on_click(errors_to(error)(lambda _b: ex.answer_flip(flip.value)))
    harm_part: list[widgets.Widget] = (
        [harm_argument, harm_type, buttons["harm"], feedback["harm"]]
        if harms
        else [widgets.HTML("<i>This case file has no argument that names a kind of harm yet.</i>")]
    )
    ex.widget.children = [
        error,
        widgets.HTML("<h3>1. Which element decides the motion?</h3>"),
        deciding,
        buttons["deciding"],
        feedback["deciding"],
        widgets.HTML("<h3>2. What kind of irreparable harm is this?</h3>"),
        *harm_part,
        widgets.HTML("<h3>3. Which single answer flips the outcome?</h3>"),
        flip,
        buttons["flip"],
        feedback["flip"],
    ]
    return ex
