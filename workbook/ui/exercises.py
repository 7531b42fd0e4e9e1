"""The exercises as widgets: pick an answer, check it, take a hint, try again, save.

Each exercise (made by :func:`workbook.exercises.exercises_for`) is a card: its
prompt, its choices, a **Check** button and a feedback box. A first wrong answer
shows a hint and asks for a second try; the worked answer (and the engine's
explanation) comes when the answer is right or after the second miss, never on
the first. Changing the choice clears the feedback, so a mark never sits beside
an answer it was not given for.

How each exercise went is kept as an :class:`~workbook.store.ExerciseMark` (the
first time through: checking again after the worked answer was shown changes
nothing). :meth:`Exercises.save` writes the workspace a student can reopen
(:meth:`Exercises.resume` brings its answers back), and
:meth:`Exercises.write_work_product` the HTML page a teacher reads, with the
outcome, the strengths and the score.

Every control calls a plain method that tests call directly::

    >>> from workbook import load_case
    >>> ex = build_exercises(load_case(CASES / "tiktok-v-trump"))
    >>> ex.choose("deciding", "standing")
    >>> ex.check("deciding").correct, ex.cards["deciding"].tries
    (False, 1)
    >>> "Hint:" in ex.cards["deciding"].feedback.value
    True
    >>> ex.choose("deciding", "harm")
    >>> ex.cards["deciding"].feedback.value
    ''
    >>> ex.check("deciding").correct, ex.marks["deciding"].tries
    (True, 2)

File names typed into the boxes stay inside the widget's folder (the
notebook's, by default), as in the brief builder.
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets

from workbook.charts.display import setup
from workbook.errors import UnknownNameError
from workbook.exercises import Exercise, Feedback, exercises_for
from workbook.export import write_work_product
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.store import (
    ExerciseMark,
    Workspace,
    confined_path,
    load_workspace,
    save_workspace,
)
from workbook.ui.common import ControlPanel, errors_to

__all__ = ["Card", "Exercises", "build_exercises"]

#: More choices than this are a dropdown; fewer are radio buttons, all in view.
_RADIO_MAX = 8
_EXPORTS = "exports"
# Radio labels wrap instead of being cut; the feedback reads as prose.
_CSS = (
    "<style>.wb-exercise .widget-radio-box label{white-space:normal;line-height:1.3}"
    ".wb-exercise .widget-radio-box{height:auto}"
    ".wb-exercise h3{margin-bottom:.2em}.wb-feedback p{margin:.3em 0}</style>"
)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "case"


@dataclass
class Card:
    """One exercise on screen: the choice, the Check button, the feedback, how it went."""

    exercise: Exercise
    choice: widgets.RadioButtons | widgets.Dropdown
    button: widgets.Button
    feedback: widgets.HTML
    widget: widgets.VBox
    tries: int = 0
    done: bool = False
    """The worked answer has been shown (right, or missed twice)."""


class Exercises(ControlPanel):
    """The exercise cards for a case (``.widget``), the marks so far, and saving them."""

    def __init__(
        self,
        case: Case,
        scenario: Scenario | None = None,
        *,
        folder: str | Path | None = None,
        author: str = "",
    ) -> None:
        self.case = case
        self.scenario = scenario or Scenario(case=case.case.id)
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.exercises = exercises_for(case, self.scenario)
        self.marks: dict[str, ExerciseMark] = {}
        self.error = widgets.HTML()
        self.cards = {x.id: self._card(n, x) for n, x in enumerate(self.exercises, start=1)}
        self._build_saving(author)
        self.widget = widgets.VBox(
            [
                widgets.HTML(_CSS),
                self.error,
                *(c.widget for c in self.cards.values()),
                self.save_box,
            ]
        )

    # ------------------------------------------------------------------ the callbacks

    def card(self, id: str) -> Card:
        """The card of one exercise, by id."""
        try:
            return self.cards[id]
        except KeyError:
            raise UnknownNameError(
                f"no exercise {id!r}; the exercises are {', '.join(self.cards)}"
            ) from None

    def choose(self, id: str, value: str | None) -> None:
        """Pick an answer (as its control does); the old feedback is cleared."""
        card = self.card(id)
        if card.choice.value != value:
            self._sync(card.choice, value)
        card.feedback.value = ""

    def check(self, id: str) -> Feedback | None:
        """Mark the chosen answer and show what to do next: a hint, a second try, the answer.

        Returns the feedback, or None when no answer is chosen yet (the box says so).
        """
        card = self.card(id)
        x = card.exercise
        value = card.choice.value
        if value is None:
            card.feedback.value = "<p><i>Pick an answer first.</i></p>"
            return None
        out = x.check(value)
        if not card.done:
            card.tries += 1
            self.marks[id] = ExerciseMark(
                answer=value,
                correct=out.correct,
                tries=card.tries,
                prompt=x.prompt,
                element=x.element,
                label=x.label(value),
            )
        if out.correct or card.tries >= 2 or card.done:
            card.done = True
            card.feedback.value = out.html() + self._worked(x, shown_because=not out.correct)
        else:
            card.feedback.value = out.html(f"Hint: {x.hint} Try once more.")
        return out

    def workspace(self) -> Workspace:
        """The student's work as a workspace: the scenario, the answers and how they went."""
        return Workspace(
            case=self.case.case.id,
            author=self.student.value.strip(),
            scenario=self.scenario,
            exercises={k: m.answer for k, m in sorted(self.marks.items())},
            marks=dict(sorted(self.marks.items())),
        )

    def save(self, path: str | Path | None = None) -> Path:
        """Save the workspace (JSON) inside the folder; return the file."""
        target = self._writable(self.save_path.value if path is None else path)
        out = save_workspace(target, self.workspace())
        self.status.value = self._written(out)
        return out

    def write_work_product(self, path: str | Path | None = None) -> Path:
        """Write the work product for the teacher (HTML; ``.md`` gives Markdown)."""
        target = self._writable(self.work_path.value if path is None else path)
        out = write_work_product(target, self.case, self.workspace())
        self.status.value = self._written(out)
        return out

    def resume(self, path: str | Path | None = None) -> Workspace:
        """Bring back the answers saved in a workspace file (this case's), to carry on.

        Each saved answer is chosen again with its mark and tries; a finished exercise
        shows its worked answer, one missed once shows its hint. Answers to exercises
        this case no longer has are kept in the marks but not shown.
        """
        target = confined_path(self.folder, self.save_path.value if path is None else path)
        ws = load_workspace(target)
        if ws.case != self.case.case.id:
            raise UnknownNameError(
                f"{target.name} holds work on {ws.case!r}, not on {self.case.case.id!r}"
            )
        self.marks = dict(ws.marks)
        if ws.author:
            self.student.value = ws.author
        for id, mark in ws.marks.items():
            card = self.cards.get(id)
            if card is None or mark.answer not in {c.value for c in card.exercise.choices}:
                continue
            self._sync(card.choice, mark.answer)
            card.tries = mark.tries
            card.done = mark.correct or mark.tries >= 2
            out = card.exercise.check(mark.answer)
            card.feedback.value = (
                out.html() + self._worked(card.exercise, shown_because=not out.correct)
                if card.done
                else out.html(f"Hint: {card.exercise.hint} Try once more.")
            )
        self.status.value = html.escape(f"Carried on from {target.name}. {self.score()}")
        return ws

    def score(self) -> str:
        """How it is going, in words: right so far, on the first try, out of how many."""
        right = sum(m.correct for m in self.marks.values())
        first = sum(m.correct and m.tries == 1 for m in self.marks.values())
        return (
            f"{right} of {len(self.exercises)} right so far ({first} on the first try); "
            f"{len(self.exercises) - len(self.marks)} not tried yet."
        )

    # ------------------------------------------------------------------ building

    @staticmethod
    def _worked(x: Exercise, *, shown_because: bool) -> str:
        head = "The worked answer" if shown_because else "Why"
        body = f"<p><b>{head}:</b> {html.escape(x.worked)}</p>"
        if x.explanation:
            body += (
                "<details><summary>The engine's explanation</summary>"
                f"<p>{html.escape(x.explanation)}</p></details>"
            )
        return body

    def _card(self, n: int, x: Exercise) -> Card:
        options = [(c.label, c.value) for c in x.choices]
        control: widgets.RadioButtons | widgets.Dropdown
        if len(options) <= _RADIO_MAX:
            control = widgets.RadioButtons(
                options=options, value=None, layout=widgets.Layout(width="auto")
            )
        else:
            control = widgets.Dropdown(
                options=options, value=None, layout=widgets.Layout(width="95%")
            )
        control.description = "answer"
        button = widgets.Button(description="Check", tooltip=f"Check your answer to {n}")
        feedback = widgets.HTML()
        changed = ""
        if x.setting.kind != "defaults":
            changed = (
                '<p style="color:#0063A0"><b>Changed scenario:</b> '
                f"{html.escape(x.setting.change)}</p>"
            )
        box = widgets.VBox(
            [
                widgets.HTML(f"<h3>{n}. {html.escape(x.prompt)}</h3>{changed}"),
                control,
                button,
                feedback,
            ]
        )
        box.add_class("wb-exercise")
        card = Card(x, control, button, feedback, box)
        control.observe(self._on(lambda ch: self.choose(x.id, ch["new"])), names="value")
        button.on_click(errors_to(self.error)(lambda _b: self.check(x.id)))
        return card

    def _build_saving(self, author: str) -> None:
        stem = f"{_EXPORTS}/{_slug(self.case.case.id)}"
        wide = widgets.Layout(width="460px")
        self.student = widgets.Text(
            value=author, placeholder="name or student number", description="student"
        )
        self.save_path = widgets.Text(
            value=f"{stem}-exercises.json", description="file", layout=wide
        )
        self.work_path = widgets.Text(
            value=f"{stem}-work-product.html", description="file", layout=wide
        )
        save = widgets.Button(description="Save answers", icon="save")
        resume = widgets.Button(description="Carry on from file", icon="folder-open")
        write = widgets.Button(description="Write work product", icon="file")
        save.on_click(errors_to(self.error)(lambda _b: self.save()))
        resume.on_click(errors_to(self.error)(lambda _b: self.resume()))
        write.on_click(errors_to(self.error)(lambda _b: self.write_work_product()))
        self.status = widgets.HTML()
        self.save_box = widgets.VBox(
            [
                widgets.HTML("<h3>Save your answers</h3>"),
                self.student,
                widgets.HBox([self.save_path, save, resume]),
                widgets.HBox([self.work_path, write]),
                self.status,
            ]
        )

    def _writable(self, path: str | Path) -> Path:
        target = confined_path(self.folder, path, write=True)
        if not target.parent.exists() and target.parent.parent.is_dir():
            target.parent.mkdir()
        return target

    def _written(self, out: Path) -> str:
        data = out.read_bytes()
        kind = "text/html" if out.suffix == ".html" else "application/json"
        if out.suffix == ".md":
            kind = "text/markdown"
        href = f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
        name = html.escape(out.name, quote=True)
        return (
            f"Wrote {name} ({len(data):,} bytes). {html.escape(self.score())} "
            f'<a download="{name}" href="{href}">Download {name}</a>'
        )


def build_exercises(
    case: Case,
    scenario: Scenario | None = None,
    *,
    folder: str | Path | None = None,
    author: str = "",
) -> Exercises:
    """The exercises for a case (on its defaults, or set from ``scenario``) as widgets."""
    setup()
    return Exercises(case, scenario, folder=folder, author=author)
