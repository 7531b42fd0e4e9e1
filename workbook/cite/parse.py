"""Parsing citations with eyecite: reporter, volume, page, pin, year, court; or code and section.

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
from typing import Any, Literal

__all__ = ["SHOULD_PARSE", "ParsedCitation", "court_id", "parse_citation"]

#: Kinds of authority whose citation should parse with eyecite.
SHOULD_PARSE = frozenset({"case", "statute", "regulation"})
_MORE_SUBSECTIONS = re.compile(r"(?:,\s*\([0-9A-Za-z]+\)(?:\([0-9A-Za-z]+\))*)+")
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
