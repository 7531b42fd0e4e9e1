"""Citations: parse them with eyecite, check them against the case file, and write them out.

Three stages, each a plain function or a small object:

* :func:`parse_citation` reads a citation string into its parts (reporter,
  volume, page, pin, year, court; or code, title, section) using eyecite and
  its reporters database.
* :func:`check_citations` compares every authority's citation with its
  structured fields and returns the disagreements (``python -m workbook check``
  lists them as warnings, with file, line and key).
* :class:`Citer` writes Bluebook full forms, short forms and "Id." in document
  order, from the structured fields: the ``citation`` and ``short`` given in the
  case file are the source of truth, and a short form is generated only where
  the file has none.

>>> p = parse_citation("Winter v. Natural Resources Defense Council, Inc., 555 U.S. 7 (2008)")
>>> (p.volume, p.reporter, p.page, p.year, p.court)
('555', 'U.S.', '7', 2008, 'scotus')
>>> parse_citation("15 C.F.R. § 734.13(b)").section
'734.13'
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal

from workbook.models import Authority, Case, Cite

__all__ = [
    "CitationProblem",
    "Citer",
    "ParsedCitation",
    "check_citations",
    "full_form",
    "parse_citation",
    "short_form",
    "verification_flag",
]

Where = tuple[str | int, ...]

#: Kinds of authority whose citation should parse with eyecite.
_SHOULD_PARSE = frozenset({"case", "statute", "regulation"})

# Citations that legitimately have no reporter, code or register cite yet.
_NO_REPORTER = re.compile(
    r"\bNo\.\s|\bslip op\b|\bDocket\b|\bB-\d{5,}|\bComp\. Gen\.|\bPress Release\b|"
    r"\bAdvisory Op|\bLetter\b|\bExec\. Order\b|\bFed\. Reg\.|\bPub\. L\.|\bStat\.",
    re.IGNORECASE,
)
_MORE_SUBSECTIONS = re.compile(r"(?:,\s*\([0-9A-Za-z]+\)(?:\([0-9A-Za-z]+\))*)+")
_SLIP_OP = re.compile(r"slip op\.(?! at)")
_BLANK_PAGE = re.compile(r"_{2,}")
_SHORT_PIN = re.compile(r"^(?P<base>.*?\S)\s+at\s+(?P<pin>[^,;]+)$")
_SUPREME_COURT = {"us", "scotus", "supremecourt", "supremecourtoftheunitedstates", "ussupremecourt"}


@dataclasses.dataclass(frozen=True)
class ParsedCitation:
    """What eyecite found in one citation string.

    Attributes:
        form: ``case`` (reporter, volume, page), ``law`` (code, title, section) or ``none``.
        reporter: the reporter or code abbreviation as eyecite normalises it (``U.S.``, ``C.F.R.``).
        volume: the reporter volume, or the code title (eyecite puts a C.F.R. title under
            ``chapter``; it lands here too).
        page: the first page of a case ('' when the reporter page is still blank).
        section: the code section of a statute or regulation.
        pin: the pinpoint written in the citation, if any.
        year: the year in the citation's parenthetical, if any.
        court: the courts-db id of the court eyecite read (``scotus``, ``cadc``, ``dcd``...).
        plaintiff: the first party's name as eyecite read it (cases only).
        start, end: where the volume-reporter-page (or title-code-section) sits in the text.
        pin_end: where the pinpoint ends (``end`` when there is none).

    """

    form: Literal["case", "law", "none"]
    reporter: str = ""
    volume: str = ""
    page: str = ""
    section: str = ""
    pin: str = ""
    year: int | None = None
    court: str = ""
    plaintiff: str = ""
    start: int = 0
    end: int = 0
    pin_end: int = 0

    @property
    def parsed(self) -> bool:
        """True when eyecite found a full citation with all its parts."""
        if self.form == "case":
            return bool(self.volume and self.reporter and self.page)
        if self.form == "law":
            return bool(self.reporter and (self.section or self.page))
        return False


@dataclasses.dataclass(frozen=True)
class CitationProblem:
    """A citation that does not parse, or whose parts disagree with the structured fields."""

    problem: str
    where: Where
    hint: str = ""


# --------------------------------------------------------------------------- parsing


@functools.lru_cache(maxsize=4096)
def parse_citation(text: str) -> ParsedCitation:
    """Parse the first full citation in ``text`` (a case citation beats a law citation).

    A case cited with a blank page in one reporter and a parallel cite in another
    (``606 U.S. ___, 145 S. Ct. 2540``) parses to the parallel cite.
    """
    from eyecite import get_citations
    from eyecite.models import FullCaseCitation, FullLawCitation

    if not text.strip():
        return ParsedCitation("none")  # eyecite refuses empty text
    try:
        citations = get_citations(text)
    except Exception:
        return ParsedCitation("none")
    found = [c for c in citations if isinstance(c, (FullCaseCitation, FullLawCitation))]
    cases = [c for c in found if isinstance(c, FullCaseCitation)]
    paged = [c for c in cases if c.groups.get("page")]
    best: Any = (paged or cases or found or [None])[0]
    if best is None:
        return ParsedCitation("none")
    groups, meta = best.groups, best.metadata
    start, end = best.span()
    pin = (meta.pin_cite or "").strip()
    pin_end = meta.pin_cite_span_end or end
    if isinstance(best, FullLawCitation) and pin and text[end:].startswith(pin):
        pin_end = end + len(pin)
        more = _MORE_SUBSECTIONS.match(text, pin_end)
        pin_end = more.end() if more else pin_end
    year = int(meta.year) if meta.year and str(meta.year).isdigit() else None
    if isinstance(best, FullCaseCitation):
        return ParsedCitation(
            "case",
            reporter=groups.get("reporter") or "",
            volume=groups.get("volume") or "",
            page=groups.get("page") or "",
            pin=pin,
            year=year,
            court=meta.court or "",
            plaintiff=meta.plaintiff or "",
            start=start,
            end=end,
            pin_end=pin_end,
        )
    return ParsedCitation(
        "law",
        reporter=groups.get("reporter") or "",
        volume=groups.get("title") or groups.get("chapter") or groups.get("volume") or "",
        page=groups.get("page") or "",
        section=groups.get("section") or "",
        pin=pin,
        year=year,
        start=start,
        end=end,
        pin_end=pin_end,
    )


@functools.lru_cache(maxsize=1)
def _court_ids() -> dict[str, str]:
    """Normalised court abbreviation or name -> courts-db id."""
    from courts_db import courts  # type: ignore[import-untyped]

    out: dict[str, str] = {}
    for court in courts:
        for label in (court.get("citation_string"), court.get("name")):
            if label:
                out.setdefault(_norm(label), court["id"])
    for label in _SUPREME_COURT:
        out[label] = "scotus"
    return out


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def court_id(court: str) -> str | None:
    """The courts-db id for a court as a case file writes it (``D.C. Cir.``), or None."""
    return _court_ids().get(_norm(court)) if court else None


# --------------------------------------------------------------------------- checking


def _no_reporter_yet(auth: Authority) -> bool:
    return bool(_NO_REPORTER.search(auth.citation))


def check_citations(case: Case) -> list[CitationProblem]:
    """Every citation that should parse but does not, or whose parts disagree with its fields.

    Cases must parse to a known reporter, volume and page; statutes and
    regulations to a code, title and section. Citations that have no reporter
    cite yet (slip opinions by docket number, Federal Register documents,
    executive orders, agency letters, GAO decisions) are not reported. Years and
    courts are compared for cases only: the year after a code cite is the
    edition, not the enactment.
    """
    out: list[CitationProblem] = []
    for i, auth in enumerate(case.authorities):
        out.extend(_check_one(auth, ("authorities", i)))
    return out


def _check_one(auth: Authority, base: Where) -> Iterator[CitationProblem]:
    if auth.kind not in _SHOULD_PARSE:
        return
    parsed = parse_citation(auth.citation)
    want = "case" if auth.kind == "case" else "law"
    if not parsed.parsed or parsed.form != want:
        if _no_reporter_yet(auth):
            return
        what = "a reporter, volume and page" if want == "case" else "a code, title and section"
        yield CitationProblem(
            f"the citation of {auth.id!r} does not parse to {what}: {auth.citation!r}",
            (*base, "citation"),
            "check the reporter or code abbreviation against the Bluebook (e.g. `555 U.S. 7`, "
            "`50 U.S.C. § 4821`, `15 C.F.R. § 734.13`); cite a slip opinion by docket number",
        )
        return
    if want == "case":
        if parsed.year and auth.year and parsed.year != auth.year:
            yield CitationProblem(
                f"the citation of {auth.id!r} says {parsed.year} but `year` is {auth.year}",
                (*base, "year"),
                "make the year in the citation and `year` agree",
            )
        mine = court_id(auth.court)
        if parsed.court and mine and parsed.court != mine:
            yield CitationProblem(
                f"the citation of {auth.id!r} reads as court {parsed.court!r} but `court` "
                f"{auth.court!r} is {mine!r}",
                (*base, "court"),
                "make the court in the citation's parenthetical and `court` agree",
            )
    if auth.short:
        yield from _check_short(auth, parsed, base)


def _check_short(auth: Authority, full: ParsedCitation, base: Where) -> Iterator[CitationProblem]:
    from eyecite import get_citations
    from eyecite.models import FullLawCitation, ShortCaseCitation

    try:
        found = get_citations(auth.short)
    except Exception:
        return
    if full.form == "case":
        shorts = [c for c in found if isinstance(c, ShortCaseCitation)]
        if shorts and (shorts[0].groups.get("volume"), shorts[0].groups.get("reporter")) != (
            full.volume,
            full.reporter,
        ):
            got = f"{shorts[0].groups.get('volume')} {shorts[0].groups.get('reporter')}"
            yield CitationProblem(
                f"the short form of {auth.id!r} cites {got} but the full citation is "
                f"{full.volume} {full.reporter}",
                (*base, "short"),
                "make `short` cite the same volume and reporter as `citation`",
            )
        return
    laws = [c for c in found if isinstance(c, FullLawCitation)]
    if laws and laws[0].groups.get("section") and full.section:
        section = laws[0].groups["section"]
        if not (
            section.startswith(full.section)
            or full.section.startswith(section)
            or re.search(rf"(?<![\d.]){re.escape(section)}(?![\d])", auth.citation)
        ):
            yield CitationProblem(
                f"the short form of {auth.id!r} cites § {section} but the full citation is "
                f"§ {full.section}",
                (*base, "short"),
                "make `short` cite the same section as `citation`",
            )


# --------------------------------------------------------------------------- writing


def verification_flag(auth: Authority) -> str:
    """``[unverified]`` or ``[partly verified]`` for an authority not fully verified, else ''."""
    status = auth.verification.status
    return "" if status == "verified" else f"[{status.replace('-', ' ')}]"


def _law_pinned(parsed: ParsedCitation, citation: str, pin: str) -> str:
    """``50 U.S.C. § 4821`` with a pin: ``(a)`` appends, ``§ 4821(a)`` replaces the section."""
    core = citation[parsed.start : parsed.end]
    if pin.startswith("§"):
        head = core.split("§")[0].rstrip()
        return f"{head} {pin}"
    if pin.startswith("("):
        return core + pin
    if parsed.section and pin.startswith(parsed.section):
        return f"{core.split('§')[0].rstrip()} § {pin}"
    if re.fullmatch(r"[A-Za-z0-9]{1,4}", pin):
        return f"{core}({pin})"
    return f"{core} {pin}"


def _case_pin(parsed: ParsedCitation, pin: str) -> str:
    if parsed.reporter == "WL" and not pin.startswith("at "):
        return f"at {pin}"
    return pin


def full_form(auth: Authority, pin: str = "") -> str:
    """The full citation, with ``pin`` written in where a pinpoint goes.

    >>> from workbook.models import Authority
    >>> a = Authority.model_validate({"id": "w", "kind": "case", "proposition": "p",
    ...     "citation": "Winter v. NRDC, 555 U.S. 7 (2008)",
    ...     "verification": {"status": "verified"}})
    >>> full_form(a, "20")
    'Winter v. NRDC, 555 U.S. 7, 20 (2008)'
    """
    text = auth.citation
    if not pin:
        return text
    parsed = parse_citation(text)
    if parsed.parsed and (parsed.form == "case" or not parsed.section):
        return f"{text[: parsed.end]}, {_case_pin(parsed, pin)}{text[parsed.pin_end :]}"
    if parsed.parsed and parsed.form == "law" and parsed.section:
        pinned = _law_pinned(parsed, text, pin)
        return f"{text[: parsed.start]}{pinned}{text[parsed.pin_end :]}"
    if _SLIP_OP.search(text):
        return _SLIP_OP.sub(f"slip op. at {pin}", text, count=1)
    return f"{text}, at {pin}"


def _case_name(auth: Authority, parsed: ParsedCitation) -> str:
    name = auth.citation[: parsed.start].rstrip(" ,")
    first = re.split(r"\s+v\.\s+", name, maxsplit=1)[0].strip()
    if (
        re.fullmatch(r"(the\s+)?united states( of america)?", first, re.IGNORECASE)
        and " v. " in name
    ):
        first = name.split(" v. ", 1)[1].strip()
    return first.split(",")[0].strip() or name


def short_form(auth: Authority, pin: str = "") -> str:
    """The Bluebook short form, from ``short`` when the file gives one, else generated.

    A pin replaces the one written in ``short`` (``Winter, 555 U.S. at 20`` cited at
    22 reads ``Winter, 555 U.S. at 22``).
    """
    parsed = parse_citation(auth.citation) if auth.kind in _SHOULD_PARSE else ParsedCitation("none")
    if parsed.parsed and parsed.form == "case":
        if auth.short:
            match = _SHORT_PIN.match(auth.short)
            base = match.group("base") if match else auth.short
            if not re.search(r"\d", base):
                base = f"{base}, {parsed.volume} {parsed.reporter}"
        else:
            base = f"{_case_name(auth, parsed)}, {parsed.volume} {parsed.reporter}"
            if parsed.reporter == "WL":  # a database cite keeps its number: 2021 WL 950144, at *3
                base += f" {parsed.page}"
        if pin:
            return f"{base}{',' if parsed.reporter == 'WL' else ''} at {pin.removeprefix('at ')}"
        return auth.short or f"{base} {parsed.page}"
    if parsed.parsed and parsed.form == "law" and parsed.section:
        if pin:
            return _law_pinned(parsed, auth.citation, pin)
        return auth.short or auth.citation[parsed.start : parsed.pin_end]
    register = parse_citation(auth.citation)
    if pin and register.parsed and register.form == "law" and register.page:
        return f"{register.volume} {register.reporter} at {pin}"
    base = auth.short or auth.citation
    if not pin:
        return base
    if _BLANK_PAGE.search(base):
        return _BLANK_PAGE.sub(pin, base, count=1)
    match = _SHORT_PIN.match(base)
    return f"{match.group('base')} at {pin}" if match else f"{base}, at {pin}"


def _id_form(auth: Authority, pin: str) -> str:
    if not pin:
        return "Id."
    parsed = parse_citation(auth.citation) if auth.kind in _SHOULD_PARSE else ParsedCitation("none")
    if parsed.parsed and parsed.form == "law" and parsed.section:
        pinned = _law_pinned(parsed, auth.citation, pin)
        section = pinned[pinned.index("§") :] if "§" in pinned else pin
        return f"Id. {section}"
    return f"Id. at {pin.removeprefix('at ')}"


class Citer:
    """Writes citations in document order: full form first, short form after, "Id." when it can.

    Call :meth:`cite` for each citation sentence in the order the reader meets
    them. "Id." is used when the previous citation sentence cited exactly the
    same single authority. Each authority not fully verified is flagged, e.g.
    ``[unverified]``.
    """

    def __init__(self, case: Case, *, flags: bool = True) -> None:
        self._case = case
        self._flags = flags
        self._seen: set[str] = set()
        self._last: str | None = None
        self.used: list[str] = []

    def one(self, cite: Cite) -> str:
        """One citation (without touching "Id." state); updates the first-use record."""
        auth = self._case.authority(cite.id)
        if cite.id in self._seen:
            text = short_form(auth, cite.pin)
        else:
            text = full_form(auth, cite.pin)
            self._seen.add(cite.id)
        if cite.id not in self.used:
            self.used.append(cite.id)
        flag = verification_flag(auth) if self._flags else ""
        return f"{text} {flag}" if flag else text

    def cite(self, cites: Sequence[Cite]) -> str:
        """A citation sentence for ``cites`` (joined with '; '), or '' when there are none."""
        if not cites:
            self._last = None
            return ""
        if len(cites) == 1 and cites[0].id == self._last:
            auth = self._case.authority(cites[0].id)
            flag = verification_flag(auth) if self._flags else ""
            text = _id_form(auth, cites[0].pin)
            return f"{text} {flag}" if flag else text
        parts = [self.one(c) for c in cites]
        self._last = cites[0].id if len(cites) == 1 else None
        return "; ".join(parts)

    def break_chain(self) -> None:
        """Forget the previous citation (e.g. after a heading), so the next one is not "Id."."""
        self._last = None


def cited_ids(cites: Iterable[Cite]) -> list[str]:
    """Authority ids in first-cited order, without repeats."""
    return list(dict.fromkeys(c.id for c in cites))
