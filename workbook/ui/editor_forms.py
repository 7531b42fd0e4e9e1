"""The case editor's four forms: a fact, an authority, an argument, a question.

Each form reads what the author typed as a record's plain data (:meth:`record`),
keyed as the case file keys it, and holds no other state: the editor writes the
record (:func:`~workbook.casefile.edit.put_record`), then empties the form
(:meth:`clear`) and offers the case's new records in its pickers (:meth:`refresh`).
A picker lists records by what an author knows them by (a fact's statement, an
authority's citation, an argument's heading) and filters as one types.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable
from typing import Any, Protocol

import ipywidgets as widgets

from workbook.errors import CaseFileSchemaError
from workbook.models import Case
from workbook.models.records import AuthorityKind, FactStatus, VerificationStatus
from workbook.ui.a11y import named
from workbook.ui.user_input import argument_choices, citation_choices, fact_choices
from workbook.ui.workbench_style import field_heading, fill_width, picker

__all__ = [
    "ArgumentForm",
    "AuthorityForm",
    "FactForm",
    "QuestionForm",
    "RecordForm",
    "answer_lines",
]


class RecordForm(Protocol):
    """What the editor asks of each form."""

    widget: widgets.VBox

    def record(self) -> dict[str, Any]:
        """The record as typed, keyed as the case file keys it."""

    def clear(self) -> None:
        """Empty the form after a save."""

    def refresh(self, case: Case) -> None:
        """Offer the case's records (after a save added one)."""


def _picker(name: str, placeholder: str, tags: Iterable[str]) -> widgets.TagsInput:
    return named(picker(placeholder, tags), name)


def _text(description: str, placeholder: str = "") -> widgets.Text:
    return widgets.Text(description=description, placeholder=placeholder, layout=fill_width())


def _area(description: str, placeholder: str = "") -> widgets.Textarea:
    return widgets.Textarea(
        description=description, placeholder=placeholder, layout=fill_width(height="80px")
    )


def _date(box: widgets.Text, key: str) -> dt.date | None:
    """The date typed in ``box`` (YYYY-MM-DD), None when empty."""
    text = box.value.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CaseFileSchemaError(
            f"{text!r} is not a date", key=key, hint="write dates as YYYY-MM-DD"
        ) from None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _clear(*boxes: widgets.ValueWidget) -> None:
    for box in boxes:
        box.value = [] if isinstance(box, widgets.TagsInput) else ""


def answer_lines(text: str) -> list[dict[str, str]]:
    r"""A question's answers typed one a line, ``id: label``.

    >>> answer_lines("yes: The order is final\nno: It is not")
    [{'id': 'yes', 'label': 'The order is final'}, {'id': 'no', 'label': 'It is not'}]

    Raises:
        CaseFileSchemaError: a line has no ``id:`` before its label.

    """
    answers = []
    for line in _lines(text):
        id, colon, label = line.partition(":")
        if not colon or not id.strip() or not label.strip():
            raise CaseFileSchemaError(
                f"answer line {line!r} has no id",
                key="questions.answers",
                hint="write one answer a line as `id: label`, e.g. `final: The order is final`",
            )
        answers.append({"id": id.strip(), "label": label.strip()})
    return answers


class FactForm:
    """A fact: id, date, statement, status, sources, note."""

    def __init__(self, case: Case) -> None:
        self.id = _text("id", "a short lowercase id: letter-sent")
        self.date = _text("date", "YYYY-MM-DD, if known")
        self.statement = _area("statement", "the fact in your own words, never copied")
        self.status = widgets.Dropdown(
            options=list(typing.get_args(FactStatus)), description="status", layout=fill_width()
        )
        self.sources = _picker("sources", "type to find a source it rests on", ())
        self.note = _text("note", "what a reader should know: who alleges it, how sources differ")
        self.widget = widgets.VBox(
            [self.id, self.date, self.statement, self.status, field_heading("Sources"),
             self.sources, self.note]
        )  # fmt: skip
        self.refresh(case)

    def refresh(self, case: Case) -> None:
        """Offer the case's sources."""
        self.choices = {f"{s.title} ({s.id})": s.id for s in case.sources}
        self.sources.allowed_tags = list(self.choices)

    def record(self) -> dict[str, Any]:
        """The fact as the case file writes it."""
        return {
            "id": self.id.value,
            "statement": self.statement.value,
            "date": _date(self.date, "facts.date"),
            "sources": [self.choices[t] for t in self.sources.value],
            "status": self.status.value,
            "note": self.note.value,
        }

    def clear(self) -> None:
        """Empty the form."""
        _clear(self.id, self.date, self.statement, self.sources, self.note)


class AuthorityForm:
    """An authority: citation, kind, proposition, and the record of where it was checked."""

    def __init__(self, case: Case) -> None:
        self.id = _text("id", "a short lowercase id: winter")
        self.citation = _text("citation", "the full Bluebook citation")
        self.short = _text("short form", "Winter, 555 U.S. at 20")
        self.kind = widgets.Dropdown(
            options=list(typing.get_args(AuthorityKind)), description="kind", layout=fill_width()
        )
        self.proposition = _area("proposition", "what it stands for, in your own words")
        self.status = widgets.Dropdown(
            options=list(typing.get_args(VerificationStatus)),
            value="unverified",
            description="verification",
            layout=fill_width(),
        )
        self.checked = _text("checked", "what you confirmed: citation, proposition, pinpoint")
        self.where = _area("where", "the copies you read, one a line (URL or reporter)")
        self.on = _text("checked on", "YYYY-MM-DD")
        self.note = _text("note", "what stays unchecked")
        self.widget = widgets.VBox(
            [
                self.id,
                self.citation,
                self.short,
                self.kind,
                self.proposition,
                field_heading("Verification: unverified until you record where you checked it"),
                self.status,
                self.checked,
                self.where,
                self.on,
                self.note,
            ]
        )

    def refresh(self, case: Case) -> None:
        """Nothing to offer: an authority refers to no other record."""

    def record(self) -> dict[str, Any]:
        """The authority as the case file writes it."""
        return {
            "id": self.id.value,
            "kind": self.kind.value,
            "citation": self.citation.value,
            "short": self.short.value,
            "proposition": self.proposition.value,
            "verification": {
                "status": self.status.value,
                "checked": self.checked.value,
                "where": _lines(self.where.value),
                "on": _date(self.on, "authorities.verification.on"),
                "note": self.note.value,
            },
        }

    def clear(self) -> None:
        """Empty the form; a new authority starts unverified."""
        _clear(self.id, self.citation, self.short, self.proposition, self.checked, self.where)
        _clear(self.on, self.note)
        self.status.value = "unverified"


class ArgumentForm:
    """An argument: side, element, heading, body, strength and why, and what it rests on."""

    def __init__(self, case: Case) -> None:
        self.side = named(
            widgets.ToggleButtons(options=["movant", "opponent"], value="movant"), "side"
        )
        self.element = widgets.Dropdown(description="element", layout=fill_width())
        self.heading = _text("heading", "one line saying what it argues")
        self.body = _area("body", "the argument itself, in your own words")
        self.strength = widgets.FloatSlider(
            value=0.5, min=0, max=1, step=0.05, description="strength", readout_format=".2f",
            layout=fill_width(),
        )  # fmt: skip
        self.reason = _text("why", "why this strength, from the law and the record")
        self.cites = _picker("authorities", "type to find an authority by its citation", ())
        self.attacks = _picker("attacks", "type to find an argument it rebuts, by heading", ())
        self.supports = _picker("supports", "type to find an argument it builds on", ())
        self.facts = _picker("facts", "type to find a fact it rests on", ())
        self.widget = widgets.VBox(
            [
                field_heading("Side"),  # headed, so its buttons do not read as more section buttons
                self.side,
                self.element,
                self.heading,
                self.body,
                self.strength,
                self.reason,
                field_heading("Authorities"),
                self.cites,
                field_heading("Attacks"),
                self.attacks,
                field_heading("Supports"),
                self.supports,
                field_heading("Facts"),
                self.facts,
            ]
        )
        self.refresh(case)

    def refresh(self, case: Case) -> None:
        """Offer the case's elements, authorities, arguments and facts."""
        chosen = self.element.value
        ids = [e.id for e in case.elements]
        self.element.options = [(e.name, e.id) for e in case.elements]
        self.element.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.authorities = citation_choices(case)
        self.targets = argument_choices(case.arguments)
        self.fact_ids = fact_choices(case)
        for box, tags in (
            (self.cites, self.authorities),
            (self.attacks, self.targets),
            (self.supports, self.targets),
            (self.facts, self.fact_ids),
        ):
            box.value = [t for t in box.value if t in tags]
            box.allowed_tags = list(tags)

    def record(self) -> dict[str, Any]:
        """The argument as the case file writes it (without an id: the editor gives one)."""
        return {
            "side": self.side.value,
            "element": self.element.value,
            "heading": self.heading.value,
            "body": self.body.value,
            "authorities": [self.authorities[t] for t in self.cites.value],
            "facts": [self.fact_ids[t] for t in self.facts.value],
            "strength": round(float(self.strength.value), 2),
            "strength_reason": self.reason.value,
            "attacks": [self.targets[t] for t in self.attacks.value],
            "supports": [self.targets[t] for t in self.supports.value],
        }

    def clear(self) -> None:
        """Empty the form, keeping the side and the element."""
        _clear(self.heading, self.body, self.reason, self.cites, self.attacks)
        _clear(self.supports, self.facts)
        self.strength.value = 0.5


class QuestionForm:
    """A contested question: id, text, its answers (the first is the default), elements."""

    def __init__(self, case: Case) -> None:
        self.id = _text("id", "q-something")
        self.text = _text("question", "the contested question, ending with ?")
        self.answers = _area("answers", "one a line, id: label; the first is the default")
        self.elements = _picker("elements", "type to find an element it bears on", ())
        self.note = _text("note", "why the default is the likeliest answer")
        self.widget = widgets.VBox(
            [self.id, self.text, self.answers, field_heading("Elements"), self.elements, self.note]
        )
        self.refresh(case)

    def refresh(self, case: Case) -> None:
        """Offer the case's elements."""
        self.element_ids = {e.name: e.id for e in case.elements}
        self.elements.allowed_tags = list(self.element_ids)

    def record(self) -> dict[str, Any]:
        """The question as the case file writes it."""
        answers = answer_lines(self.answers.value)
        return {
            "id": self.id.value,
            "text": self.text.value,
            "answers": answers,
            "default": answers[0]["id"] if answers else "",
            "elements": [self.element_ids[t] for t in self.elements.value],
            "note": self.note.value,
        }

    def clear(self) -> None:
        """Empty the form."""
        _clear(self.id, self.text, self.answers, self.elements, self.note)
