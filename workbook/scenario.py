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
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import Field, model_validator

from workbook.errors import ScenarioError
from workbook.models import Argument, Case, Record
from workbook.vocabulary import did_you_mean, lookup

__all__ = ["SCENARIO_VERSION", "Scenario", "StrengthRange", "check_added"]

#: Bumped when the JSON shape changes; newer files are refused, not guessed at.
SCENARIO_VERSION = 1


class StrengthRange(Record):
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


class Scenario(Record):
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
        out = [a for a in (*case.arguments, *self.added) if a.id not in dropped]
        if self.strengths:
            out = [
                a.model_copy(update={"strength": self.strengths[a.id]})
                if a.id in self.strengths
                else a
                for a in out
            ]
        return tuple(out)

    # -- checking -----------------------------------------------------------

    def check(self, case: Case) -> None:
        """Refuse a scenario that names what the case lacks (the one check every view uses).

        Raises:
            ScenarioError: the scenario is for another case, or names an argument,
                question, answer or element the case lacks, or adds an argument
                that does not fit (see :func:`check_added`).

        """
        if self.case != case.case.id:
            raise ScenarioError(f"the scenario is for case {self.case!r}, not {case.case.id!r}")
        ids = {a.id for a in case.arguments}
        known = ids | {a.id for a in self.added}
        for what, names in (
            ("dropped", self.dropped),
            ("strengths", self.strengths),
            ("ranges", self.ranges),
        ):
            for name in names:
                if name not in known:
                    raise ScenarioError(
                        f"scenario {what} names unknown argument {name!r}; "
                        f"{did_you_mean(name, known, n=1)}".rstrip("; ")
                    )
        questions = {q.id: q for q in case.questions}
        for q_id, ans in self.answers.items():
            question = lookup(questions, q_id, "question")
            lookup({a.id: a for a in question.answers}, ans, "answer", where=f" to {q_id!r}")
        for i, a in enumerate(self.added):
            check_added(case, (*case.arguments, *self.added[:i]), a, later=self.added[i + 1 :])

    # -- editing (each returns a new scenario) -------------------------------

    def with_answer(self, case: Case, question: str, answer: str) -> Scenario:
        """A copy with one question answered (an answer equal to the default is not kept)."""
        q = case.question(question)
        lookup({a.id: a for a in q.answers}, answer, "answer", where=f" to {question!r}")
        answers = {k: v for k, v in self.answers.items() if k != question}
        if case.default_answers.get(question) != answer:
            answers[question] = answer
        return self.model_copy(update={"answers": dict(sorted(answers.items()))})

    def with_strength(self, case: Case, argument: str, value: float) -> Scenario:
        """A copy with one argument's base strength set (the file's value is not kept)."""
        arg = self.argument(case, argument)
        strengths = {k: v for k, v in self.strengths.items() if k != arg.id}
        if abs(value - arg.strength) >= 1e-12:
            strengths[arg.id] = float(value)
        return self.model_copy(update={"strengths": dict(sorted(strengths.items()))})

    def with_dropped(self, case: Case, argument: str, dropped: bool = True) -> Scenario:
        """A copy with one argument taken out of play (or put back)."""
        arg = self.argument(case, argument)
        now = set(self.dropped) - {arg.id}
        if dropped:
            now.add(arg.id)
        order = [a.id for a in (*case.arguments, *self.added)]
        return self.model_copy(update={"dropped": tuple(i for i in order if i in now)})

    def with_added(self, case: Case, argument: Argument) -> Scenario:
        """A copy with the user's own argument added (checked as :meth:`check` does)."""
        check_added(case, (*case.arguments, *self.added), argument)
        return self.model_copy(update={"added": (*self.added, argument)})

    def without_added(self, argument: str) -> Scenario:
        """A copy without one of the user's own arguments (and its overrides)."""
        lookup({a.id: a for a in self.added}, argument, "argument of your own")
        return self.model_copy(
            update={
                "added": tuple(a for a in self.added if a.id != argument),
                "dropped": tuple(i for i in self.dropped if i != argument),
                "strengths": {k: v for k, v in self.strengths.items() if k != argument},
                "ranges": {k: v for k, v in self.ranges.items() if k != argument},
            }
        )

    def argument(self, case: Case, argument: str) -> Argument:
        """A case argument or one of the user's, by id."""
        return lookup({a.id: a for a in (*case.arguments, *self.added)}, argument, "argument")

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
                raise ScenarioError(
                    f"this scenario was saved by a newer workbook (format {version}; "
                    f"this one reads up to {SCENARIO_VERSION}); upgrade the workbook to open it"
                )
        return cls.model_validate(data)


def check_added(
    case: Case, existing: Sequence[Argument], argument: Argument, later: Sequence[Argument] = ()
) -> None:
    """Refuse a user's argument that does not fit the case: the one check for added arguments.

    ``existing`` are the arguments already there (the case's, then the user's
    earlier ones); ``later`` the user's arguments after it, which it may also
    attack or support.

    Raises:
        ScenarioError: its id is taken, or its element, a target or an authority is unknown.

    """
    ids = {a.id for a in existing}
    if argument.id in ids:
        raise ScenarioError(f"an argument {argument.id!r} already exists; choose another id")
    lookup({e.id: e for e in case.elements}, argument.element, "element")
    targets = (ids | {a.id for a in later}) - {argument.id}
    for target in (*argument.attacks, *argument.supports):
        if target not in targets:
            raise ScenarioError(
                f"argument {argument.id!r} attacks or supports {target!r}, "
                f"which is not another argument of the case; "
                f"{did_you_mean(target, targets, n=1)}".rstrip("; ")
            )
    authorities = {a.id for a in case.authorities}
    for cite in argument.authorities:
        if cite.id not in authorities:
            raise ScenarioError(
                f"no authority {cite.id!r} in the case file; "
                f"{did_you_mean(cite.id, authorities, n=1)}".rstrip("; ")
            )
