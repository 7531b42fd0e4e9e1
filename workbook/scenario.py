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

from pydantic import ConfigDict, Field, StrictFloat, StrictInt, model_validator

from workbook.errors import ScenarioError
from workbook.models import Argument, Case, Question, Record
from workbook.vocabulary import STANDARD_NAMES, did_you_mean, lookup

__all__ = [
    "DEFAULT_STANDARD",
    "SCENARIO_VERSION",
    "Scenario",
    "StrengthRange",
    "check_added",
    "check_odds",
    "rebalanced",
    "strict_json",
]

DEFAULT_STANDARD = "winter"
"""The standard used when neither the scenario nor a question on the standard picks one."""

#: Bumped when the JSON shape changes; newer files are refused, not guessed at.
SCENARIO_VERSION = 1


class StrengthRange(Record):
    """An uncertain base strength: uniform on ``low``..``high``, or a Beta around ``mode``."""

    low: StrictFloat = Field(ge=0.0, le=1.0)
    high: StrictFloat = Field(ge=0.0, le=1.0)
    mode: StrictFloat | None = Field(None, ge=0.0, le=1.0, description="Most likely value (PERT).")

    @model_validator(mode="after")
    def _ordered(self) -> StrengthRange:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        if self.mode is not None and not self.low <= self.mode <= self.high:
            raise ValueError(f"mode ({self.mode}) is outside [{self.low}, {self.high}]")
        return self


class Scenario(Record):
    """One user's view of a case: dropped and added arguments, overrides, answers, standard."""

    # saved work is machine-written JSON: a number where text belongs is a damaged file
    model_config = ConfigDict(**{**Record.model_config, "coerce_numbers_to_str": False})

    # saved work is machine-written: "2", 2.0 or true for a version, true or "0.5" for a
    # strength, is a damaged or hand-made file, refused rather than guessed at
    version: StrictInt = Field(SCENARIO_VERSION, description="Format version of the saved file.")
    case: str = Field(description="Id of the case the scenario belongs to.")
    dropped: tuple[str, ...] = Field((), description="Ids of case arguments left out.")
    added: tuple[Argument, ...] = Field((), description="The user's own arguments.")
    strengths: Mapping[str, StrictFloat] = Field(
        default_factory=dict, description="Argument id -> base strength overriding the case file."
    )
    ranges: Mapping[str, StrengthRange] = Field(
        default_factory=dict, description="Argument id -> uncertain base strength (Monte Carlo)."
    )
    answers: Mapping[str, str] = Field(
        default_factory=dict, description="Question id -> answer id; missing ones use the default."
    )
    standard: str | None = Field(
        None,
        description="Name of the injunction standard; None: the answer to the case's question "
        "on the standard picks it (else Winter). A name set here also sets that answer.",
    )
    priors: Mapping[str, Mapping[str, StrictFloat]] = Field(
        default_factory=dict,
        description="Question id -> answer id -> probability, overriding the case file's odds.",
    )
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
        """The case's default answers with this scenario's answers laid over them.

        A standard named in the scenario drives the answer to the question on the
        standard (the first answer that applies it), so the two never disagree.
        """
        answers = {**case.default_answers, **self.answers}
        q = case.standard_question
        if q is not None and self.standard:
            allowed = [a.id for a in q.answers if self.standard in a.standards]
            if allowed and answers[q.id] not in allowed:
                answers[q.id] = allowed[0]
        return answers

    def standard_for(self, case: Case) -> str:
        """The standard's name: the scenario's, else the one the answer on the standard applies."""
        if self.standard:
            return self.standard
        q = case.standard_question
        if q is None:
            return DEFAULT_STANDARD
        return q.answer(self.answers_for(case)[q.id]).standards[0]

    def odds_for(self, case: Case) -> dict[str, dict[str, float]]:
        """The odds over the open questions: question id -> answer id -> probability.

        A question is open when it has odds (the scenario's, else the case file's
        prior) and the scenario has not answered it; a named standard also fixes
        the question on the standard. Answers with probability 0 are left out.
        """
        fixed = set(self.answers)
        q = case.standard_question
        if q is not None and self.standard:
            fixed.add(q.id)
        out: dict[str, dict[str, float]] = {}
        for question in case.questions:
            if question.id in fixed:
                continue
            odds = self.priors.get(question.id)
            if odds is None and question.prior is not None:
                odds = question.prior.odds
            if odds is not None:
                out[question.id] = {
                    a: p for a in question.answer_ids if (p := odds.get(a, 0.0)) > 0
                }
        return out

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
        if self.standard is not None:
            lookup(dict.fromkeys(STANDARD_NAMES), self.standard, "standard")
        for q_id, odds in self.priors.items():
            check_odds(lookup(questions, q_id, "question"), odds)

    # -- editing (each returns a new scenario) -------------------------------

    def with_answer(self, case: Case, question: str, answer: str) -> Scenario:
        """A copy with one question answered (an answer equal to the default is not kept).

        Answering the question on the standard lets that answer pick the standard.
        """
        q = case.question(question)
        lookup({a.id: a for a in q.answers}, answer, "answer", where=f" to {question!r}")
        answers = {k: v for k, v in self.answers.items() if k != question}
        if case.default_answers.get(question) != answer:
            answers[question] = answer
        update: dict[str, Any] = {"answers": dict(sorted(answers.items()))}
        if q is case.standard_question:
            update["standard"] = None
        return self.model_copy(update=update)

    def with_standard(self, case: Case, name: str) -> Scenario:
        """A copy weighed under this standard; the answer on the standard follows it."""
        lookup(dict.fromkeys(STANDARD_NAMES), name, "standard")
        q = case.standard_question
        answers = dict(self.answers)
        if q is not None:
            allowed = [a.id for a in q.answers if name in a.standards]
            answers.pop(q.id, None)
            if allowed and q.default not in allowed:
                answers[q.id] = allowed[0]
        return self.model_copy(update={"standard": name, "answers": dict(sorted(answers.items()))})

    def with_prior(self, case: Case, question: str, odds: Mapping[str, float]) -> Scenario:
        """A copy with the user's odds over one question's answers (they must sum to 1)."""
        q = case.question(question)
        check_odds(q, odds)
        priors = {k: v for k, v in self.priors.items() if k != question}
        priors[question] = {a: float(odds.get(a, 0.0)) for a in q.answer_ids}
        return self.model_copy(update={"priors": dict(sorted(priors.items()))})

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
        return cls.from_data(strict_json(text))

    @classmethod
    def from_data(cls, data: Any) -> Scenario:
        """Validate plain data (already parsed JSON) as a scenario."""
        if isinstance(data, Mapping):
            version = data.get("version", SCENARIO_VERSION)
            if type(version) is int and version > SCENARIO_VERSION:
                raise ScenarioError(
                    f"this scenario was saved by a newer workbook (format {version}; "
                    f"this one reads up to {SCENARIO_VERSION}); upgrade the workbook to open it"
                )
        return cls.model_validate(data)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} appears twice in the same object")
        out[key] = value
    return out


def strict_json(text: str) -> Any:
    """JSON as saved work must be: no key twice in one object, no NaN or Infinity.

    Raises:
        json.JSONDecodeError: not JSON.
        ValueError: a repeated key or a non-standard number.

    """
    return json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)


def check_odds(question: Question, odds: Mapping[str, float]) -> None:
    """Refuse odds that name an unknown answer, leave [0, 1] or do not sum to 1.

    Raises:
        ScenarioError: naming the question, the bad value and the valid answers.

    """
    for answer, p in odds.items():
        lookup(dict.fromkeys(question.answer_ids), answer, "answer", where=f" to {question.id!r}")
        if not 0.0 <= p <= 1.0:
            raise ScenarioError(
                f"the odds of answer {answer!r} to {question.id!r} are {p}; use 0 to 1"
            )
    total = sum(odds.values())
    if abs(total - 1.0) > 1e-6:
        raise ScenarioError(
            f"the odds over the answers to {question.id!r} sum to {total:g}; make them sum to 1"
        )


def rebalanced(odds: Mapping[str, float], answer: str, value: float) -> dict[str, float]:
    """Odds with one answer set to ``value`` and the others scaled to keep the sum at 1.

    >>> rebalanced({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.8)
    {'a': 0.8, 'b': 0.12, 'c': 0.08}
    """
    value = min(max(float(value), 0.0), 1.0)
    rest = {k: v for k, v in odds.items() if k != answer}
    total = sum(rest.values())
    if total <= 0:
        share = (1.0 - value) / len(rest) if rest else 0.0
        scaled = dict.fromkeys(rest, share)
    else:
        scaled = {k: v * (1.0 - value) / total for k, v in rest.items()}
    out = {k: (value if k == answer else round(scaled[k], 12)) for k in odds}
    return out


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
