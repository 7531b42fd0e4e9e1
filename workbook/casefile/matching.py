"""Finding a case's authority for a citation met in prose (a reading, a brief, an opinion).

Shared by the readings check and ``cite-scan``: eyecite reads the prose, and these
say which of the case's authorities each citation points at.
"""

from __future__ import annotations

import re

from workbook.cite import parse_citation
from workbook.models import Authority, Case

__all__ = ["authority_for", "collapse"]


def collapse(text: str) -> tuple[str, list[int]]:
    """Text with each run of whitespace as one space, and where each character came from.

    A citation broken over lines ("at", a new line, "___") is then one citation to eyecite.
    """
    out: list[str] = []
    where: list[int] = []
    for m in re.finditer(r"\s+|\S+", text):
        piece = " " if m.group(0).isspace() else m.group(0)
        out.append(piece)
        where.extend(range(m.start(), m.start() + len(piece)))
    return "".join(out), where


def authority_for(
    case: Case, groups: dict[str, str | None], name: str = "", pin: str = ""
) -> Authority | None:
    """The case's authority a citation found in prose points at.

    By reporter and volume (or title and section); when several of the case's
    authorities share a volume, the name eyecite read before the citation decides.
    """
    reporter = (groups.get("reporter") or "").replace(" ", "")  # "U. S." is "U.S."
    volume = groups.get("volume") or groups.get("title") or groups.get("chapter") or ""
    section = groups.get("section")
    found = []
    for auth in case.authorities:
        for written in (auth.citation, auth.short):  # "§§ 1701, 1702": the short names one
            parsed = parse_citation(written)
            same = parsed.reporter.replace(" ", "") == reporter and parsed.volume == volume
            if not parsed.parsed or not same:
                continue
            if section is None or (parsed.section and section.startswith(parsed.section)):
                found.append(auth)
                break
    if len(found) > 1 and name:
        words = re.findall(r"[A-Za-z][A-Za-z'.]+", name)
        last = words[-1] if words else ""
        named = [a for a in found if last and (last in a.short or last in a.citation)]
        found = named or found
    if len(found) > 1 and pin:  # one statute section, two records: the one on this subsection
        head = pin[:3]
        fitting = [a for a in found if head in a.short or head in a.pinpoint]
        found = fitting or found
    return found[0] if found else None
