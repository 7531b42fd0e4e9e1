"""The records of a case file, each a frozen value: sources, facts, authorities, arguments..."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

__all__ = [
    "Argument",
    "Authority",
    "AuthorityQuote",
    "Burden",
    "CaseInfo",
    "Cite",
    "Claim",
    "Element",
    "ElementRole",
    "Fact",
    "FactStatus",
    "Harm",
    "HarmType",
    "Id",
    "Party",
    "Quote",
    "Record",
    "Route",
    "Side",
    "Source",
    "Text",
    "Verification",
    "listify",
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


def _a_number(value: Any) -> Any:
    """Refuse true/false and text where a number belongs (lax parsing would read true as 1.0)."""
    if isinstance(value, (bool, str)):
        raise PydanticCustomError("float_type", "Input should be a number, not true/false or text")
    return value


def _a_date(value: Any) -> Any:
    """Refuse a number where a date belongs (lax parsing would read 86400 as 1970-01-02)."""
    if isinstance(value, (bool, int, float)):
        raise PydanticCustomError("date_type", "Input should be a date, not a number")
    return value


Number = Annotated[float, BeforeValidator(_a_number)]
"""A real number: an int or a float, never true/false or text."""
Date = Annotated[dt.date, BeforeValidator(_a_date)]
"""A date written YYYY-MM-DD (a YAML date or an ISO string), never a number."""
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
Burden = Literal["movant", "opponent"]
HarmType = Literal[
    "existential",
    "unrecoverable-loss",
    "goodwill",
    "constitutional",
    "operational",
    "other",
]


def listify(value: Any) -> Any:
    """``{question: answer}`` -> ``{question: (answer,)}``: one answer may be written bare."""
    if isinstance(value, Mapping):
        return {k: (v,) if isinstance(v, str) else v for k, v in value.items()}
    return value


class Record(BaseModel):
    """Base of every record: frozen, no unknown keys, text stripped, a short repr.

    A number written where text belongs (``pin: 297``, an unquoted id) is read as text.
    """

    model_config = ConfigDict(
        frozen=True, extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True
    )

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
    date: Date | None = None
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
    date: Date | None = Field(None, description="When it happened, if known.")
    sources: tuple[Id, ...] = Field(min_length=1)
    status: FactStatus = Field(
        description="alleged (a party or interested actor asserts it, unconfirmed), reported "
        "(the press reports it), confirmed (a primary record, or the actor itself, confirms it), "
        "disputed (sources conflict)."
    )
    quote: Quote | None = None
    note: str = ""
    alleged_by: Id | None = Field(
        None,
        description="For an alleged fact: the party that alleges it (its own brief states it "
        "as that party's allegation; the other side's brief leaves it out).",
    )


class Party(Record):
    """A party to the case, or a non-party whose conduct matters."""

    id: Id
    name: Text
    role: Literal["plaintiff", "defendant", "non-party", "amicus", "intervenor"]
    description: str = ""
    short: str = Field(
        "", description='Short name a brief uses ("Legion"); the role ("Defendant") if empty.'
    )


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
    burden: Burden = Field(
        "movant",
        description="Who must carry the element: movant (standing, the four factors) or "
        "opponent (mootness: the party asserting it must show it). Strength is always the "
        "movant's side; an opponent's burden is carried only below 0.5, so at exactly 0.5 the "
        "element is met.",
    )
    authorities: tuple[Cite, ...] = Field(
        (), description="Authorities for the element's test and who bears the burden."
    )


class Route(Record):
    """A named path to relief within an element (e.g. APA review, ultra vires review).

    An answer can close a route; every argument resting on it then leaves play.
    """

    id: Id
    name: Text
    element: Id = Field(description="Id of the element the route leads through.")
    description: str = ""


class AuthorityQuote(Record):
    """Short test language from an authority, verbatim, with its pinpoint."""

    text: Text
    pin: str = ""


class Verification(Record):
    """The record of how an authority was checked: what, where, when, with what result."""

    status: VerificationStatus
    checked: str = Field("", description="What was confirmed: citation, proposition, pinpoint.")
    where: tuple[str, ...] = Field((), description="The copies actually read (URLs or citations).")
    on: Date | None = Field(None, description="When it was checked.")
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
    strength: Number = Field(
        ge=0.0, le=1.0, description="Base strength before attacks and supports."
    )
    strength_reason: Text = Field(description="One line: why this base strength.")
    attacks: tuple[Id, ...] = Field((), description="Arguments this one rebuts or undercuts.")
    supports: tuple[Id, ...] = Field((), description="Arguments this one reinforces.")
    requires: Mapping[Id, tuple[Id, ...]] = Field(
        default_factory=dict,
        description="Question id -> the answers under which this argument is available.",
    )
    route: Id | None = Field(
        None, description="Id of the route the argument rests on; closing it takes it out."
    )
    harm: Harm | None = None
    reply: bool = Field(
        False,
        description="A reply to the arguments it attacks (e.g. to a delay objection), not a "
        "point of its own: a brief places it under the argument it answers.",
    )

    @field_validator("requires", mode="before")
    @classmethod
    def _one_answer_is_a_list(cls, value: Any) -> Any:
        return listify(value)

    @field_validator("requires")
    @classmethod
    def _some_answer(cls, value: Mapping[str, tuple[str, ...]]) -> Mapping[str, tuple[str, ...]]:
        for q_id, answers in value.items():
            if not answers:
                raise PydanticCustomError(
                    "requires_no_answer",
                    "requires question {q} with no answer, so the argument could never be in play",
                    {"q": q_id},
                )
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
    filed: Date | None = None
    motion: Text = Field(description="The motion being weighed.")
    movant: Id = Field(description="Party id of the movant.")
    opponent: Id = Field(description="Party id of the main opponent.")
    government_opponent: bool = Field(
        False,
        description="True when the opponent is the government (balance and public interest merge).",
    )
    status: Literal["pending", "decided", "hypothetical"] = "pending"
    outcome: str = Field("", description="For a decided case: what the court did.")
    as_of: Date | None = Field(
        None,
        description="The date a brief on the motion is written as of: facts after it stay out "
        "of the statement of facts (for a decided case, the eve of the ruling).",
    )
    summary: str = ""
