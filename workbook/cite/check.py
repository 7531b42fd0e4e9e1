"""Checking citations: every authority's citation against its structured fields."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from workbook.cite.parse import SHOULD_PARSE, ParsedCitation, court_id, parse_citation
from workbook.models import Authority, Case

__all__ = ["CitationProblem", "Where", "check_citations"]

Where = tuple[str | int, ...]

# Citations that legitimately have no reporter, code or register cite yet (``___ F.4th ___``
# is the Bluebook's form for a volume and page still to come).
_NO_REPORTER = re.compile(
    r"\bNo\.\s|\bslip op\b|\bDocket\b|\bB-\d{5,}|\bComp\. Gen\.|\bPress Release\b|"
    r"_{3,}\s+[A-Z][\w. ]*?\s+_{3,}|"
    r"\bAdvisory Op|\bLetter\b|\bExec\. Order\b|\bFed\. Reg\.|\bPub\. L\.|\bStat\.",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class CitationProblem:
    """A citation that does not parse, or whose parts disagree with the structured fields."""

    problem: str
    where: Where
    hint: str = ""


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
    if auth.kind not in SHOULD_PARSE:
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
