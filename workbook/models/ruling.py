"""A decided motion: what the court did, on which elements, and how it answered the questions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import Field

from workbook.models.records import Date, Id, Record

__all__ = ["CourtAnswer", "Flip", "Ruling"]


class CourtAnswer(Record):
    """How the court answered one contested question, and how we know."""

    answer: Id = Field(description="Id of the answer the court gave.")
    basis: Literal["held", "reported", "inferred"] = Field(
        description="held (read in the opinion), reported (secondary sources say so), "
        "inferred (the court's result implies it; say how in the note)."
    )
    sources: tuple[Id, ...] = ()
    note: str = ""


class Flip(Record):
    """A counterfactual the opinion itself discusses: had the court answered otherwise.

    "Had the court found the harm recoverable, relief would have been denied" is a
    flip with ``answers: {economic-harm: recoverable}`` and ``outcome: denied``. The
    backtest weighs the court's answers with these put in their place and checks
    that the engine moves the way the opinion says.
    """

    answers: Mapping[Id, Id] = Field(
        min_length=1, description="Question id -> the answer the opinion supposes."
    )
    outcome: Literal["granted", "denied"] = Field(
        description="What the opinion says the result would then have been."
    )
    basis: Literal["held", "reported", "inferred"] = Field(
        description="held (the opinion says so), reported (secondary sources say the opinion "
        "does), inferred (the opinion's reasoning implies it; say how in the note)."
    )
    sources: tuple[Id, ...] = Field(min_length=1)
    note: str = ""


class Ruling(Record):
    """The court's decision on the motion, for a decided case (the backtest compares with it)."""

    outcome: Literal["granted", "granted-in-part", "denied"]
    date: Date
    rested_on: tuple[Id, ...] = Field(
        min_length=1,
        description="Elements the court rested on: for a denial, the one(s) it found not "
        "shown; for a grant, the contested ones it found shown.",
    )
    answers: Mapping[Id, CourtAnswer] = Field(
        default_factory=dict, description="Question id -> how the court answered it."
    )
    flips: tuple[Flip, ...] = Field(
        default=(),
        description="Counterfactuals the opinion discusses (had the court answered otherwise, "
        "the result would have been...): the backtest checks the engine flips the same way.",
    )
    opinion: Id | None = Field(None, description="Id of the opinion among the authorities.")
    sources: tuple[Id, ...] = Field(min_length=1)
    note: str = ""

    @property
    def granted(self) -> bool:
        """Whether the court granted relief (in whole or in part)."""
        return self.outcome != "denied"
