"""The exercise records: a question set in a scenario, its choices, and how it is marked.

Everything here is plain frozen data. An :class:`Exercise` carries its right
answer already worked out by the engine, so :meth:`Exercise.check` is a pure
look-up: marking an answer never weighs the case again.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from workbook.exercises.wording import paragraph, quoted
from workbook.scenario import Scenario
from workbook.vocabulary import TEXT_COLORS

__all__ = ["Choice", "Exercise", "Feedback", "Setting"]


@dataclass(frozen=True)
class Choice:
    """One answer a student can pick: the value stored, and the label shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Setting:
    """The scenario an exercise is set in, and that change in words.

    ``change`` is empty for the case file's defaults, else a phrase such as
    "with the court answering …" or "with the argument … dropped".
    """

    scenario: Scenario
    change: str = ""
    kind: str = "defaults"
    """``defaults``, ``answer`` (a question answered), ``drop`` (an argument dropped) or
    ``standard`` (another injunction standard)."""

    def __repr__(self) -> str:
        return f"Setting({self.kind!r})"


@dataclass(frozen=True)
class Feedback:
    """Whether an answer is right, and what to say about it."""

    correct: bool
    message: str

    def html(self, more: str = "") -> str:
        """The feedback as escaped HTML, marked right or not, with ``more`` after it."""
        mark = "✔ Right." if self.correct else "✘ Not quite."
        color = TEXT_COLORS["right" if self.correct else "wrong"]
        tail = f"<p>{html.escape(more)}</p>" if more else ""
        return (
            f'<div class="wb-feedback"><p style="color:{color}"><b>{mark}</b> '
            f"{html.escape(self.message)}</p>{tail}</div>"
        )


@dataclass(frozen=True)
class Exercise:
    """One exercise: a prompt about one element, set in a scenario, with its answer worked.

    Attributes:
        id: stable across runs and case-file edits that keep the ids it names
            (``deciding``, ``met:harm``, ``drop:<argument>``...); answers are saved under it.
        element: the element it is about (for a class's results by element).
        prompt: the question, as one or two sentences.
        setting: the scenario it is set in.
        choices: what a student may answer.
        answers: the values that are right (usually one).
        hint: a nudge, shown after a first wrong answer.
        worked: the worked answer, shown when it is right or after a second miss.
        title: a short name for the exercise (for charts and lists), e.g. "Is “Mootness” met?".
        explanation: the engine's own explanation of the outcome in the exercise's
            scenario, shown after the worked answer ('' when not about the outcome).

    """

    id: str
    element: str
    prompt: str
    setting: Setting
    choices: tuple[Choice, ...]
    answers: frozenset[str]
    hint: str
    worked: str
    title: str = ""
    explanation: str = ""

    def __repr__(self) -> str:
        return f"Exercise({self.id!r}, element={self.element!r})"

    def label(self, value: str) -> str:
        """The label shown for a choice's value (the value itself when unknown)."""
        return next((c.label for c in self.choices if c.value == value), value)

    def check(self, answer: str) -> Feedback:
        """Mark an answer: right or not, said in a sentence that quotes the choice."""
        said = quoted(self.label(answer))
        if answer in self.answers:
            return Feedback(True, paragraph(f"{said} is the answer"))
        if answer not in {c.value for c in self.choices}:
            return Feedback(False, paragraph(f"{said} is not one of the choices"))
        return Feedback(False, paragraph(f"{said} is not the answer"))
