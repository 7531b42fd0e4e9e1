"""The case-file model: every record a case file can hold, as frozen values.

A case file describes one motion in one case. Nothing here knows which case:
the flagship case and any other (a decided analog, a moot-court problem) are
data in the same shape.

Records refer to each other by id; :func:`workbook.load_case` checks that
every id resolves. Collections are tuples, so a loaded case is immutable and
hashable pieces can be cached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from workbook.errors import UnknownNameError
from workbook.vocabulary import lookup

__all__ = [
    "Answer",
    "Argument",
    "Authority",
    "AuthorityQuote",
    "Case",
    "CaseInfo",
    "Cite",
    "Claim",
    "Element",
    "Fact",
    "Harm",
    "Party",
    "Question",
    "Quote",
    "Source",
    "Verification",
]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9._-]*$",
        max_length=80,
        description="Lowercase id: letters, digits, '.', '_' and '-'; "
        "starts with a letter or digit.",
    ),
]
Text = Annotated[str, Field(min_length=1)]
Side = Literal["movant", "opponent"]
FactStatus = Literal["alleged", "reported", "confirmed", "disputed"]
VerificationStatus = Literal["verified", "partly-verified", "unverified"]
AuthorityKind = Literal[
    "case", "constitution", "statute", "regulation", "rule", "guidance", "executive", "other"
]
ElementRole = Literal[
    "threshold",
    "likelihood-of-success",
    "irreparable-harm",
    "balance-of-equities",
    "public-interest",
]
HarmType = Literal[
    "existential",
    "unrecoverable-loss",
    "goodwill",
    "constitutional",
    "operational",
    "other",
]


class Record(BaseModel):
    """Base of every record: frozen, no unknown keys, text stripped, a short repr."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def __repr__(self) -> str:
        ident = getattr(self, "id", None)
        return f"{type(self).__name__}({ident!r})" if ident else super().__repr__()


class Quote(Record):
    """Words a party or official said or wrote, verbatim, with who said them and where."""

    text: Text = Field(description="The words exactly as the source gives them.")
    speaker: Text = Field(description="Who said or wrote them (a party or an official).")
    source: Id = Field(description="Id of the source that reports them.")


class Source(Record):
    """Where a fact comes from: a news report, a filing, a letter, an opinion, a web page."""

    id: Id
    kind: Literal[
        "news", "filing", "letter", "opinion", "statute", "regulation", "agency", "web", "other"
    ]
    title: Text
    date: dt.date | None = None
    where: Text = Field(description="File name, URL or citation that locates the source.")
    publisher: str = ""
    reliability: str = Field(
        "",
        description="How far the source can be trusted, and why (machine-written, second-hand...).",
    )


class Fact(Record):
    """A fact in our own words, with its sources and how well it is established."""

    id: Id
    statement: Text = Field(description="The fact, paraphrased; never copied from the source.")
    date: dt.date | None = Field(None, description="When it happened, if known.")
    sources: tuple[Id, ...] = Field(min_length=1)
    status: FactStatus = Field(
        description="alleged (a party or interested actor asserts it, unconfirmed), reported "
        "(the press reports it), confirmed (a primary record, or the actor itself, confirms it), "
        "disputed (sources conflict)."
    )
    quote: Quote | None = None
    note: str = ""


class Party(Record):
    """A party to the case, or a non-party whose conduct matters."""

    id: Id
    name: Text
    role: Literal["plaintiff", "defendant", "non-party", "amicus", "intervenor"]
    description: str = ""


class Cite(Record):
    """A reference to an authority, with an optional pinpoint.

    In YAML either a bare id (``winter``) or a mapping (``{id: winter, pin: "20"}``).
    """

    id: Id
    pin: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value: Any) -> Any:
        return {"id": value} if isinstance(value, str) else value


class Claim(Record):
    """A count or theory of the complaint."""

    id: Id
    title: Text
    summary: Text
    status: Literal["pleaded", "reported", "anticipated"] = Field(
        description="pleaded (read in the complaint itself), reported (the press describes it), "
        "anticipated (a theory the party would be expected to raise; not in the sources)."
    )
    sources: tuple[Id, ...] = ()
    authorities: tuple[Cite, ...] = ()


class Element(Record):
    """Something the movant must show: a threshold question or one of the four factors."""

    id: Id
    name: Text
    role: ElementRole = Field(
        description="threshold (standing, mootness, reviewability...) or one of the four factors."
    )
    description: str = ""


class Answer(Record):
    """One possible answer to a contested question, with the authorities behind it."""

    id: Id
    label: Text
    authorities: tuple[Cite, ...] = ()


class Question(Record):
    """A contested legal question, made explicit as an assumption the user can change."""

    id: Id
    text: Text
    answers: tuple[Answer, ...] = Field(min_length=2)
    default: Id = Field(description="Id of the answer used unless the user picks another.")
    elements: tuple[Id, ...] = Field((), description="Elements the question bears on.")
    note: str = ""


class AuthorityQuote(Record):
    """Short test language from an authority, verbatim, with its pinpoint."""

    text: Text
    pin: str = ""


class Verification(Record):
    """The record of how an authority was checked: what, where, when, with what result."""

    status: VerificationStatus
    checked: str = Field("", description="What was confirmed: citation, proposition, pinpoint.")
    where: tuple[str, ...] = Field((), description="The copies actually read (URLs or citations).")
    on: dt.date | None = Field(None, description="When it was checked.")
    note: str = Field("", description="Conflicts between sources, doubts, what is not checked.")


class Authority(Record):
    """A case, statute, regulation, rule, guidance or executive action, fully cited."""

    id: Id
    kind: AuthorityKind
    citation: Text = Field(description="Full citation in Bluebook form.")
    short: str = Field("", description="Bluebook short form.")
    court: str = Field("", description="Deciding court, or issuing body for non-cases.")
    year: int | None = Field(None, ge=1700, le=2100)
    topics: tuple[Id, ...] = ()
    proposition: Text = Field(description="What the authority stands for, paraphrased.")
    pinpoint: str = ""
    quote: AuthorityQuote | None = None
    uses: str = Field("", description="Who cites it for what.")
    verification: Verification

    @property
    def verified(self) -> bool:
        """True only when the verification record says fully verified."""
        return self.verification.status == "verified"


class Harm(Record):
    """What kind of irreparable harm an argument claims, and the evidence it needs."""

    type: HarmType
    evidence: tuple[Text, ...] = Field((), description="The evidence a court would want to see.")


class Argument(Record):
    """One argument for or against the motion, on one element."""

    id: Id
    side: Side
    element: Id
    heading: Text
    body: Text = Field(description="The argument, paraphrased.")
    authorities: tuple[Cite, ...] = ()
    facts: tuple[Id, ...] = ()
    strength: float = Field(
        ge=0.0, le=1.0, description="Base strength before attacks and supports."
    )
    strength_reason: Text = Field(description="One line: why this base strength.")
    attacks: tuple[Id, ...] = Field((), description="Arguments this one rebuts or undercuts.")
    supports: tuple[Id, ...] = Field((), description="Arguments this one reinforces.")
    requires: Mapping[Id, tuple[Id, ...]] = Field(
        default_factory=dict,
        description="Question id -> the answers under which this argument is available.",
    )
    harm: Harm | None = None

    @field_validator("requires", mode="before")
    @classmethod
    def _one_answer_is_a_list(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return {k: (v,) if isinstance(v, str) else v for k, v in value.items()}
        return value

    def available(self, answers: Mapping[str, str]) -> bool:
        """Whether the argument is in play under these answers to the questions."""
        return all(answers.get(q) in allowed for q, allowed in self.requires.items())


class CaseInfo(Record):
    """Who, where and what: the caption of the motion."""

    id: Id
    title: Text = Field(description="Case name, e.g. 'Legion LegalTech Corp. v. Lutnick'.")
    court: Text
    docket: str = ""
    judge: str = ""
    filed: dt.date | None = None
    motion: Text = Field(description="The motion being weighed.")
    movant: Id = Field(description="Party id of the movant.")
    opponent: Id = Field(description="Party id of the main opponent.")
    government_opponent: bool = Field(
        False,
        description="True when the opponent is the government (balance and public interest merge).",
    )
    status: Literal["pending", "decided", "hypothetical"] = "pending"
    outcome: str = Field("", description="For a decided case: what the court did.")
    summary: str = ""


class Case(Record):
    """A whole case file: one motion, its record, its law and its arguments."""

    case: CaseInfo
    parties: tuple[Party, ...] = Field(min_length=1)
    claims: tuple[Claim, ...] = ()
    elements: tuple[Element, ...] = Field(min_length=1)
    questions: tuple[Question, ...] = ()
    sources: tuple[Source, ...] = ()
    facts: tuple[Fact, ...] = ()
    authorities: tuple[Authority, ...] = ()
    arguments: tuple[Argument, ...] = ()

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
