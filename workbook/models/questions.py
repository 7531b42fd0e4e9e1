"""Contested questions: their answers, what an answer settles or closes, and the odds."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator

from workbook.errors import UnknownNameError
from workbook.models.records import Cite, Id, Number, Record, Text, listify
from workbook.vocabulary import lookup

__all__ = ["Answer", "Prior", "Question", "Settlement"]


class Settlement(Record):
    """What an answer decides about an element: met or not met, whatever the arguments say."""

    element: Id
    met: bool = Field(description="true: the element is met for the movant; false: not met.")
    when: Mapping[Id, tuple[Id, ...]] = Field(
        default_factory=dict,
        description="Only under these answers to other questions (question id -> answer ids).",
    )

    @field_validator("when", mode="before")
    @classmethod
    def _one_answer_is_a_list(cls, value: Any) -> Any:
        return listify(value)

    def applies(self, answers: Mapping[str, str]) -> bool:
        """Whether the settlement holds under these answers to the other questions."""
        return all(answers.get(q) in allowed for q, allowed in self.when.items())


class Answer(Record):
    """One possible answer to a contested question, with the authorities behind it."""

    id: Id
    label: Text
    authorities: tuple[Cite, ...] = ()
    settles: tuple[Settlement, ...] = Field(
        (), description="Elements this answer decides (met or not met), if any."
    )
    closes: tuple[Id, ...] = Field(
        (), description="Routes this answer closes: arguments resting on them leave play."
    )
    denies: tuple[Id, ...] = Field(
        (),
        description="Facts this answer treats as not established: an argument resting on one "
        "must not be in play under it (`check --sweep` reports one that is).",
    )
    standards: tuple[str, ...] = Field(
        (),
        description="For a question on the standard itself: the standards this answer applies "
        "(the first is used unless the user picks another of them).",
    )


class Prior(Record):
    """A judgment of how likely the court is to give each answer, with its reason."""

    odds: Mapping[Id, Number] = Field(
        description="Answer id -> probability; they must sum to 1. Answers left out have 0."
    )
    reason: Text = Field(description="Why these odds: the authorities and the record.")
    authorities: tuple[Cite, ...] = ()
    sources: tuple[Id, ...] = ()
    status: Literal["judgment"] = Field(
        "judgment", description="Always a judgment: odds are an estimate, not a finding."
    )

    @field_validator("odds")
    @classmethod
    def _sums_to_one(cls, value: Mapping[str, float]) -> Mapping[str, float]:
        bad = {k: v for k, v in value.items() if not 0.0 <= v <= 1.0}
        if bad:
            raise ValueError(f"each probability must be between 0 and 1, not {bad}")
        total = sum(value.values())
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"the probabilities sum to {total:g}; make them sum to 1")
        return value


class Question(Record):
    """A contested legal question, made explicit as an assumption the user can change."""

    id: Id
    text: Text
    answers: tuple[Answer, ...] = Field(min_length=2)
    default: Id = Field(description="Id of the answer used unless the user picks another.")
    elements: tuple[Id, ...] = Field((), description="Elements the question bears on.")
    note: str = ""
    prior: Prior | None = Field(
        None, description="How likely each answer is (a judgment), for the odds over the questions."
    )

    def answer(self, id: str) -> Answer:
        """The answer with this id."""
        return lookup(
            {a.id: a for a in self.answers}, id, f"answer to question {self.id!r}", UnknownNameError
        )

    @property
    def answer_ids(self) -> tuple[str, ...]:
        """The answers' ids, in file order."""
        return tuple(a.id for a in self.answers)
