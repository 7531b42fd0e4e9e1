"""Build a brief outline for one side from a case and a scenario, as plain data.

The outline is what every output format renders: the caption, the
assumptions (the answers to the contested questions), a short statement of
facts, one point heading per element in the order a brief takes them
(thresholds first, then the four factors), the side's arguments under each in
order of final strength under the scenario, the other side's strongest
responses with the rebuttals, and the Table of Authorities.

Citations are resolved here, once, in reading order (full form first, then the
short form, "Id." where the previous citation is the same authority), so the
Markdown and Word versions say exactly the same thing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping, Sequence

from workbook.cite import Citer
from workbook.engine.analysis import analyse
from workbook.engine.standards import as_standard
from workbook.export.toa import TOAGroup, table_of_authorities
from workbook.models import Argument, Case, CaseInfo, Cite, Element, Fact, Side, Source
from workbook.scenario import Scenario
from workbook.vocabulary import ROLE_ORDER

__all__ = [
    "ELEMENT_ORDER",
    "CitedArgument",
    "FactLine",
    "Outline",
    "Point",
    "Response",
    "Section",
    "build_outline",
    "final_strengths",
    "party_word",
]

ELEMENT_ORDER = ROLE_ORDER
"""The order a brief takes the elements in: threshold questions, then the four factors."""
_MAX_RESPONSES = 3
_FACT_STATUSES = ("confirmed", "reported")
_NUMERALS = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


@dataclasses.dataclass(frozen=True)
class FactLine:
    """One fact for the statement of facts: its words for this brief and its sources, cited.

    ``statement`` is the fact as the brief states it: an allegation of our own
    side reads as one ("Legion alleges: ...") and ends with a record-cite
    placeholder to fill in.
    """

    id: str
    statement: str
    date: dt.date | None
    status: str
    sources: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class CitedArgument:
    """An argument as the outline shows it: its final strength and its citation, resolved."""

    argument: Argument
    strength: float
    citation: str


@dataclasses.dataclass(frozen=True)
class Rebuttal(CitedArgument):
    """One of our arguments answering a response; ``point`` is its own heading number, if any.

    A rebuttal with a point of its own is only cross-referenced (``citation`` is empty).
    """

    point: str = ""


@dataclasses.dataclass(frozen=True)
class Response(CitedArgument):
    """An argument of the other side, with our rebuttals to it."""

    rebuttals: tuple[Rebuttal, ...]


@dataclasses.dataclass(frozen=True)
class Point(CitedArgument):
    """One argument as a point heading: ``number`` is e.g. ``I.A``."""

    number: str
    user_added: bool
    responses: tuple[Response, ...]


@dataclasses.dataclass(frozen=True)
class Section:
    """One element as a main point heading: ``number`` is a Roman numeral."""

    number: str
    element: Element
    points: tuple[Point, ...]
    responses: tuple[Response, ...]


@dataclasses.dataclass(frozen=True)
class Outline:
    """A whole brief outline, ready to render."""

    info: CaseInfo
    side: Side
    party: str
    other_party: str
    title: str
    responder: str
    standard: str
    assumptions: tuple[tuple[str, str], ...]
    facts: tuple[FactLine, ...]
    sections: tuple[Section, ...]
    toa: tuple[TOAGroup, ...]
    date: dt.date
    plaintiffs: tuple[str, ...] = ()
    defendants: tuple[str, ...] = ()
    case_names: tuple[str, ...] = ()  # to set in italics: case names, short names, "Id."

    @property
    def court(self) -> str:
        """The court, for the caption."""
        return self.info.court

    @property
    def docket(self) -> str:
        """The docket as a caption prints it: ``No. ...`` once, or a blank to fill in."""
        docket = self.info.docket.strip()
        if not docket:
            return "No. __________"
        return docket if re.match(r"nos?\.\s", docket, re.IGNORECASE) else f"No. {docket}"


def roman(number: int) -> str:
    """Upper-case Roman numeral (``roman(14) == 'XIV'``)."""
    out = ""
    for value, letters in _NUMERALS:
        while number >= value:
            out += letters
            number -= value
    return out


def letter(index: int) -> str:
    """``A`` .. ``Z``, then ``AA``, ``BB``...: how briefs letter sub-points (0-based index)."""
    return chr(ord("A") + index % 26) * (index // 26 + 1)


def final_strengths(case: Case, scenario: Scenario) -> dict[str, float]:
    """Argument id -> final strength under the scenario, for the arguments in play.

    Read from :func:`workbook.engine.analyse` (the result only: no what-ifs, no Monte Carlo).
    """
    return dict(analyse(case, scenario, samples=0, whatifs=False).result.strengths)


def _document_date(case: Case) -> dt.date:
    """A fixed date for the document: the filing date, else the latest date in the record."""
    if case.case.filed:
        return case.case.filed
    dates = [f.date for f in case.facts if f.date] + [s.date for s in case.sources if s.date]
    return max(dates) if dates else dt.date(2000, 1, 1)


def party_word(case: Case, party_id: str) -> str:
    """How a brief names a party: its short name, else its role ("Defendant")."""
    party = next((p for p in case.parties if p.id == party_id), None)
    if party is None:
        return party_id
    return party.short or party.role.replace("-", " ").capitalize()


def _source_cite(source: Source) -> str:
    """A source as a brief cites it: publisher, title (a placeholder title left out), date."""
    title = re.sub(r"\s*\(no headline[^)]*\)", "", source.title).strip()
    head = ", ".join(p for p in (source.publisher, title) if p)
    return f"{head} ({source.date.isoformat()})" if source.date else head


def _facts(case: Case, side: Side) -> tuple[FactLine, ...]:
    """The facts a brief for ``side`` states: confirmed and reported ones, and our allegations.

    Facts after the case's ``as_of`` date stay out (a brief cannot know them): a
    dated fact by its date, an undated one when every source of it is dated later.
    """
    ours = case.case.movant if side == "movant" else case.case.opponent
    sources = {s.id: s for s in case.sources}

    def known(f: Fact) -> bool:
        as_of = case.case.as_of
        if as_of is None:
            return True
        if f.date is not None:
            return f.date <= as_of
        dates = [sources[s].date for s in f.sources if s in sources]
        return not dates or any(d is None or d <= as_of for d in dates)

    chosen = [
        f
        for f in case.facts
        if (f.status in _FACT_STATUSES or (f.status == "alleged" and f.alleged_by == ours))
        and known(f)
    ]
    dated = sorted((f for f in chosen if f.date), key=lambda f: f.date or dt.date.min)
    ordered = [*dated, *(f for f in chosen if not f.date)]
    out = []
    for f in ordered:
        text = f.statement
        if f.status == "alleged":
            who = party_word(case, ours)
            says = re.search(r"\b(alleges?|says|said|claims|reportedly)\b", text[:90])
            text = text if text.startswith(who) and says else f"{who} alleges: {text}"
            text += " [record cite]"
        cites = tuple(_source_cite(sources[s]) if s in sources else s for s in f.sources)
        out.append(FactLine(f.id, text, f.date, f.status, cites))
    return tuple(out)


def _assumptions(case: Case, scenario: Scenario) -> tuple[tuple[str, str], ...]:
    answers = scenario.answers_for(case)
    out = []
    for q in case.questions:
        labels = {a.id: a.label for a in q.answers}
        out.append((q.text, labels.get(answers.get(q.id, q.default), answers.get(q.id, ""))))
    return tuple(out)


class _Builder:
    """Walks the case in reading order, citing as it goes."""

    def __init__(self, case: Case, scenario: Scenario, side: Side, strengths: Mapping[str, float]):
        self.case = case
        self.side = side
        self.strengths = strengths
        self.arguments = {a.id: a for a in scenario.arguments(case) if a.id in strengths}
        self.added = {a.id for a in scenario.added}
        self.order = {a_id: i for i, a_id in enumerate(self.arguments)}
        self.citer = Citer(case)
        self.authority_ids = {a.id for a in case.authorities}
        self.refs: list[tuple[str, str]] = []  # (authority id, point number) in reading order
        self.points: dict[str, str] = {}

    def _rank(self, args: Sequence[Argument]) -> list[Argument]:
        return sorted(args, key=lambda a: (-self.strengths[a.id], self.order[a.id]))

    def _cite(self, cites: Sequence[Cite], where: str) -> str:
        known = [c for c in cites if c.id in self.authority_ids]
        for c in known:
            self.refs.append((c.id, where))
        text = self.citer.cite(known)
        unknown = [c.id for c in cites if c not in known]
        if unknown:
            text += ("; " if text else "") + "; ".join(
                f"[authority not in the case file: {a}]" for a in unknown
            )
        return text

    def _attackers(self, target: str, side: str) -> list[Argument]:
        return self._rank(
            [a for a in self.arguments.values() if a.side == side and target in a.attacks]
        )

    def _response(self, arg: Argument, where: str) -> Response:
        citation = self._cite(arg.authorities, where)
        rebuttals = []
        for r in self._attackers(arg.id, self.side):
            point = self.points.get(r.id, "")
            # A reply argued under its own heading is cross-referenced, not repeated.
            text = "" if point else self._cite(r.authorities, where)
            rebuttals.append(Rebuttal(r, self.strengths[r.id], text, point))
        return Response(arg, self.strengths[arg.id], citation, tuple(rebuttals))

    def build(self) -> tuple[Section, ...]:
        other = "opponent" if self.side == "movant" else "movant"
        elements = sorted(
            self.case.elements, key=lambda e: ELEMENT_ORDER.index(e.role)
        )  # sorted() is stable: file order within a role
        plan: list[tuple[Element, list[Argument]]] = []
        for element in elements:
            ours = self._rank(
                [
                    a
                    for a in self.arguments.values()
                    if a.element == element.id and a.side == self.side and not a.reply
                ]
            )
            theirs = [
                a for a in self.arguments.values() if a.element == element.id and a.side == other
            ]
            if ours or theirs:
                plan.append((element, ours))
        for i, (_, ours) in enumerate(plan):
            for j, arg in enumerate(ours):
                self.points[arg.id] = f"{roman(i + 1)}.{letter(j)}"
        sections = []
        for i, (element, ours) in enumerate(plan):
            number = roman(i + 1)
            answered: set[str] = set()
            points = []
            for arg in ours:
                where = self.points[arg.id]
                citation = self._cite(arg.authorities, where)
                attackers = self._attackers(arg.id, other)[:_MAX_RESPONSES]
                answered.update(a.id for a in attackers)
                responses = tuple(self._response(a, where) for a in attackers)
                points.append(
                    Point(
                        arg,
                        self.strengths[arg.id],
                        citation,
                        number=where,
                        user_added=arg.id in self.added,
                        responses=responses,
                    )
                )
            rest = self._rank(
                [
                    a
                    for a in self.arguments.values()
                    if a.element == element.id and a.side == other and a.id not in answered
                ]
            )
            # a response our reply answers is always shown, so the reply has its place
            replied = {t for a in self.arguments.values() if a.reply for t in a.attacks}
            rest = [a for a in rest if a.id in replied] + [a for a in rest if a.id not in replied][
                : max(0, _MAX_RESPONSES - sum(a.id in replied for a in rest))
            ]
            sections.append(
                Section(
                    number, element, tuple(points), tuple(self._response(a, number) for a in rest)
                )
            )
        return tuple(sections)


def build_outline(
    case: Case,
    scenario: Scenario | None = None,
    side: Side = "movant",
    *,
    strengths: Mapping[str, float] | None = None,
) -> Outline:
    """The brief outline for ``side`` under ``scenario`` (the case defaults when None).

    ``strengths`` (argument id -> final strength) defaults to what
    :func:`workbook.engine.analyse` computes for the scenario.
    """
    scenario = scenario or Scenario(case=case.case.id)
    if strengths is None:
        strengths = final_strengths(case, scenario)
    builder = _Builder(case, scenario, side, strengths)
    sections = builder.build()
    names = {p.id: p.name for p in case.parties}
    ours, theirs = case.case.movant, case.case.opponent
    if side == "opponent":
        ours, theirs = theirs, ours
    motion = case.case.motion.rstrip(".")
    title = (
        f"Memorandum in Support of {motion}"
        if side == "movant"
        else f"Memorandum in Opposition to {motion}"
    )
    return Outline(
        info=case.case,
        side=side,
        party=names.get(ours, ours),
        other_party=names.get(theirs, theirs),
        title=title,
        responder=party_word(case, theirs),
        standard=as_standard(scenario.standard_for(case)).title,
        assumptions=_assumptions(case, scenario),
        facts=_facts(case, side),
        sections=sections,
        toa=table_of_authorities(case, builder.refs),
        date=_document_date(case),
        plaintiffs=tuple(p.name for p in case.parties if p.role == "plaintiff"),
        defendants=tuple(p.name for p in case.parties if p.role == "defendant"),
        case_names=_case_names(case),
    )


def _case_names(case: Case) -> tuple[str, ...]:
    """What a brief italicizes: each case name in full and short, and "Id.", longest first."""
    names = {"Id."}
    for a in case.authorities:
        if a.kind != "case":
            continue
        full = re.split(r",\s+(?:\d|_|No\.|Nos\.)", a.citation, maxsplit=1)[0].strip()
        if " v. " in full or full.startswith(("In re ", "Ex parte ")):
            names.add(full)
        short = a.short.split(",")[0].strip()
        if short and not re.search(r"\d", short):
            names.add(short)
    return tuple(sorted(names, key=lambda n: (-len(n), n)))
