"""Scenarios: what the user changed about a case, as plain data.

A scenario never edits the case file. It records which arguments the user
dropped, the arguments they added, the base strengths they overrode (a number,
or a range for the Monte Carlo), the answers to the contested questions, and
the standard and semantics to weigh with. It saves to JSON and loads back
identical::

    >>> s = Scenario(case="legion-v-lutnick", answers={"api-export": "no"})
    >>> Scenario.from_json(s.to_json()) == s
    True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from pydantic import Field, model_validator

from .models import Argument, Case, _Record

__all__ = ["SCENARIO_VERSION", "Scenario", "StrengthRange"]

#: Bumped when the JSON shape changes; newer files are refused, not guessed at.
SCENARIO_VERSION = 1


class StrengthRange(_Record):
    """An uncertain base strength: uniform on ``low``..``high``, or a Beta around ``mode``."""

    low: float = Field(ge=0.0, le=1.0)
    high: float = Field(ge=0.0, le=1.0)
    mode: float | None = Field(None, ge=0.0, le=1.0, description="Most likely value (PERT).")

    @model_validator(mode="after")
    def _ordered(self) -> StrengthRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.mode is not None and not self.low <= self.mode <= self.high:
            raise ValueError(f"mode ({self.mode}) is outside [{self.low}, {self.high}]")
        return self


class Scenario(_Record):
    """One user's view of a case: dropped and added arguments, overrides, answers, standard."""

    version: int = Field(SCENARIO_VERSION, description="Format version of the saved file.")
    case: str = Field(description="Id of the case the scenario belongs to.")
    dropped: tuple[str, ...] = Field((), description="Ids of case arguments left out.")
    added: tuple[Argument, ...] = Field((), description="The user's own arguments.")
    strengths: Mapping[str, float] = Field(
        default_factory=dict, description="Argument id -> base strength overriding the case file."
    )
    ranges: Mapping[str, StrengthRange] = Field(
        default_factory=dict, description="Argument id -> uncertain base strength (Monte Carlo)."
    )
    answers: Mapping[str, str] = Field(
        default_factory=dict, description="Question id -> answer id; missing ones use the default."
    )
    standard: str = Field("winter", description="Name of the injunction standard.")
    semantics: str = Field("df-quad", description="Name of the gradual semantics.")
    notes: str = ""

    @model_validator(mode="after")
    def _strengths_in_range(self) -> Scenario:
        for key, value in self.strengths.items():
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"strength of {key!r} is {value}; it must be between 0 and 1")
        return self

    # -- applying -----------------------------------------------------------

    def answers_for(self, case: Case) -> dict[str, str]:
        """The case's default answers with this scenario's answers laid over them."""
        return {**case.default_answers, **self.answers}

    def arguments(self, case: Case) -> tuple[Argument, ...]:
        """Every argument in play before question filtering: the case's, minus dropped, plus added.

        Base-strength overrides are applied; arguments are returned in case order,
        then the user's in the order they were added.
        """
        dropped = set(self.dropped)
        kept = [a for a in case.arguments if a.id not in dropped]
        out = [*kept, *self.added]
        if self.strengths:
            out = [
                a.model_copy(update={"strength": self.strengths[a.id]})
                if a.id in self.strengths
                else a
                for a in out
            ]
        return tuple(out)

    # -- JSON ---------------------------------------------------------------

    def to_json(self) -> str:
        """The scenario as stable, sorted, indented JSON."""
        data = self.model_dump(mode="json", exclude_defaults=False)
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Scenario:
        """Read a scenario back from :meth:`to_json` output (validation errors propagate)."""
        data: Any = json.loads(text)
        return cls.from_data(data)

    @classmethod
    def from_data(cls, data: Any) -> Scenario:
        """Validate plain data (already parsed JSON) as a scenario."""
        if isinstance(data, Mapping):
            version = data.get("version", SCENARIO_VERSION)
            if isinstance(version, int) and version > SCENARIO_VERSION:
                raise ValueError(
                    f"this scenario was saved by a newer workbook (format {version}; "
                    f"this one reads up to {SCENARIO_VERSION}); upgrade the workbook to open it"
                )
        return cls.model_validate(data)
