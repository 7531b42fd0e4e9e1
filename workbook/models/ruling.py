"""A decided motion: what the court did, on which elements, and how it answered the questions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from workbook.models.records import Id, Record

__all__ = ["CourtAnswer", "Ruling"]


class CourtAnswer(Record):
    """How the court answered one contested question, and how we know."""

    answer: Id = Field(description="Id of the answer the court gave.")
    basis: Literal["held", "reported", "inferred"] = Field(
        description="held (read in the opinion), reported (secondary sources say so), "
        "inferred (the court's result implies it; say how in the note)."
    )
    sources: tuple[Id, ...] = ()
    note: str = ""


class Ruling(Record):
    """The court's decision on the motion, for a decided case (the backtest compares with it)."""

    outcome: Literal["granted", "granted-in-part", "denied"]
    date: dt.date
    rested_on: tuple[Id, ...] = Field(
        min_length=1,
        description="Elements the court rested on: for a denial, the one(s) it found not "
        "shown; for a grant, the contested ones it found shown.",
    )
    answers: Mapping[Id, CourtAnswer] = Field(
        default_factory=dict, description="Question id -> how the court answered it."
    )
    opinion: Id | None = Field(None, description="Id of the opinion among the authorities.")
    sources: tuple[Id, ...] = Field(min_length=1)
    note: str = ""

    @property
    def granted(self) -> bool:
        """Whether the court granted relief (in whole or in part)."""
        return self.outcome != "denied"
