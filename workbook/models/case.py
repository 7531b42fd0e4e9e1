"""The whole case file: one motion, its record, its law and its arguments."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from pydantic import Field

from workbook.errors import UnknownNameError
from workbook.models.questions import Question
from workbook.models.records import (
    Argument,
    Authority,
    CaseInfo,
    Claim,
    Element,
    Fact,
    Party,
    Record,
    Route,
    Side,
    Source,
)
from workbook.models.ruling import Ruling
from workbook.vocabulary import lookup

__all__ = ["Case"]


class Case(Record):
    """A whole case file: one motion, its record, its law and its arguments."""

    case: CaseInfo
    parties: tuple[Party, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = ()
    elements: tuple[Element, ...] = Field(min_length=1)
    routes: tuple[Route, ...] = ()
    questions: tuple[Question, ...] = ()
    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    authorities: tuple[Authority, ...] = ()
    arguments: tuple[Argument, ...] = ()
    ruling: Ruling | None = Field(
        None, description="For a decided motion: what the court did, on what, and its answers."
    )

    def __repr__(self) -> str:
        return (
            f"Case({self.case.id!r}, {len(self.facts)} facts, {len(self.authorities)} authorities, "
            f"{len(self.arguments)} arguments)"
        )

    @cached_property
    def _index(self) -> dict[str, dict[str, Any]]:
        sections = (
            "parties",
            "claims",
            "elements",
            "routes",
            "questions",
            "sources",
            "facts",
            "authorities",
            "arguments",
        )
        return {s: {r.id: r for r in getattr(self, s)} for s in sections}

    def _get(self, section: str, what: str, id: str) -> Any:
        """The record of ``section`` with this id, or :class:`UnknownNameError` listing the ids."""
        return lookup(self._index[section], id, what, UnknownNameError)

    def party(self, id: str) -> Party:
        """The party with this id."""
        return self._get("parties", "party", id)  # type: ignore[no-any-return]

    def element(self, id: str) -> Element:
        """The element with this id."""
        return self._get("elements", "element", id)  # type: ignore[no-any-return]

    def route(self, id: str) -> Route:
        """The route with this id."""
        return self._get("routes", "route", id)  # type: ignore[no-any-return]

    def question(self, id: str) -> Question:
        """The question with this id."""
        return self._get("questions", "question", id)  # type: ignore[no-any-return]

    def source(self, id: str) -> Source:
        """The source with this id."""
        return self._get("sources", "source", id)  # type: ignore[no-any-return]

    def fact(self, id: str) -> Fact:
        """The fact with this id."""
        return self._get("facts", "fact", id)  # type: ignore[no-any-return]

    def authority(self, id: str) -> Authority:
        """The authority with this id."""
        return self._get("authorities", "authority", id)  # type: ignore[no-any-return]

    def argument(self, id: str) -> Argument:
        """The argument with this id."""
        return self._get("arguments", "argument", id)  # type: ignore[no-any-return]

    @cached_property
    def standard_question(self) -> Question | None:
        """The question whose answers pick the standard (answers with ``standards``), if any."""
        return next((q for q in self.questions if any(a.standards for a in q.answers)), None)

    @property
    def default_answers(self) -> dict[str, str]:
        """Each question's default answer."""
        return {q.id: q.default for q in self.questions}

    def arguments_for(self, element: str, side: Side | None = None) -> tuple[Argument, ...]:
        """The arguments on one element, optionally for one side only."""
        return tuple(
            a for a in self.arguments if a.element == element and (side is None or a.side == side)
        )

    def timeline(self) -> tuple[Fact, ...]:
        """Dated facts in date order (ties keep file order)."""
        return tuple(sorted((f for f in self.facts if f.date), key=lambda f: f.date or dt.date.min))
