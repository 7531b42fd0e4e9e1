"""Readings: the teaching prose of a case, in its folder, checked like the case file.

A case folder may hold ``readings/*.md``. Each reading starts with a small
header saying which notebook section it serves and on what::

    ---
    notebook: "03"
    section: standing
    title: Standing
    ---
    Article III requires an injury in fact ... (Lujan, 504 U.S. at 560-61).

``section`` is an element id, or a topic (``case``, ``timeline``, ``law``...).
Notebooks show the readings of whatever case is loaded; a section the case has
no reading for gets a short generic text instead, never another case's story.

:func:`check_readings` finds every citation in a reading with eyecite and
reports one that is not among the case's authorities, or whose pinpoint the
authority's verification record does not give.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import re
from pathlib import Path
from typing import Any

import yaml

from workbook.casefile.matching import authority_for as _authority
from workbook.casefile.matching import collapse as _collapse
from workbook.models import Authority, Case
from workbook.verification import pin_confirmed

__all__ = ["Reading", "check_readings", "cited_in", "find_reading", "load_readings"]

_HEADER = re.compile(r"\A---\n(?P<head>.*?)\n---\n", re.S)


@dataclasses.dataclass(frozen=True)
class Reading:
    """One reading: where it belongs, its title and text, and where it came from."""

    notebook: str
    section: str
    title: str
    text: str
    path: Path
    line: int  # the line the text starts on


def load_readings(folder: str | Path) -> tuple[Reading, ...]:
    """The readings of a case folder, in file-name order (none when it has no ``readings/``)."""
    root = Path(folder)
    if root.is_file():
        root = root.parent
    out = []
    for path in sorted((root / "readings").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = _HEADER.match(text)
        head = yaml.safe_load(match.group("head")) if match else {}
        if not isinstance(head, dict):
            head = {}
        body = text[match.end() :] if match else text
        line = text[: match.end()].count("\n") + 1 if match else 1
        out.append(
            Reading(
                str(head.get("notebook", "")),
                str(head.get("section", path.stem)),
                str(head.get("title", "")),
                body.strip() + "\n",
                path,
                line,
            )
        )
    return tuple(out)


def find_reading(readings: tuple[Reading, ...], notebook: str, section: str) -> Reading | None:
    """The reading for one notebook section, if the case has one."""
    return next((r for r in readings if r.notebook == notebook and r.section == section), None)


def check_readings(case: Case, readings: tuple[Reading, ...]) -> list[tuple[str, Path, int]]:
    """Every citation in the readings that the case does not back: (problem, file, line)."""
    from eyecite import get_citations

    problems = []
    for reading in readings:
        flat, where = _collapse(reading.text)
        with contextlib.redirect_stdout(io.StringIO()):  # eyecite prints overlap notes
            found = get_citations(flat)
        for cite in found:
            groups = getattr(cite, "groups", {}) or {}
            if not groups.get("reporter"):
                continue  # Id., supra: they follow a citation checked already
            text = str(cite.matched_text())  # type: ignore[no-untyped-call]
            start = where[int(cite.span()[0])]  # type: ignore[no-untyped-call]
            line = reading.line + reading.text[:start].count("\n")
            name = str(getattr(cite.metadata, "antecedent_guess", "") or "")
            auth = _authority(case, groups, name, str(getattr(cite.metadata, "pin_cite", "") or ""))
            if auth is None:
                problems.append(
                    (
                        f"the reading cites {text!r}, which is not one of the case's authorities",
                        reading.path,
                        line,
                    )
                )
                continue
            if groups.get("section"):
                continue  # a statute's subsection is not a page: nothing to confirm
            pin = getattr(cite.metadata, "pin_cite", None) or (
                groups.get("page") if type(cite).__name__ == "ShortCaseCitation" else None
            )
            if pin and not pin_confirmed(auth, pin):
                problems.append(
                    (
                        f"the reading cites {auth.id!r} at {pin!r}, a pinpoint its verification "
                        "record does not give",
                        reading.path,
                        line,
                    )
                )
    return problems


def _as_written(cite: Any, text: str, auth: Authority | None) -> str:
    """A found citation as the note shows it (``Lujan, 504 U.S. at 562``; a statute in full)."""
    if type(cite).__name__ == "FullLawCitation":
        start, end = cite.full_span()
        return " ".join(text[int(start) : int(end)].split())
    groups = cite.groups
    pin = getattr(cite.metadata, "pin_cite", None) or "___"
    if type(cite).__name__ == "FullCaseCitation":
        core = f"{groups['volume']} {groups['reporter']} {groups['page']}, {pin}"
    else:
        core = f"{groups['volume']} {groups['reporter']} at {pin}"
    name = auth.short.split(",")[0].strip() if auth is not None and auth.short else ""
    if not name or name[0].isdigit():  # a register cite ("77 Fed. Reg. at ...") has no name
        return core
    return f"{name}, {core}"


def cited_in(case: Case, text: str) -> list[tuple[str, Authority | None, bool]]:
    """Each citation in a text, as written, with its authority and whether its page is on record.

    For the note under a notebook's readings.

    Cases, statutes and regulations as eyecite finds them; other authorities (advisory
    opinions, press releases) by their short form, or its name followed by ``at`` and a page.
    """
    from eyecite import get_citations

    text = _collapse(text)[0]  # a citation broken over lines is still one
    found: dict[int, tuple[str, Authority | None, bool]] = {}
    page = r"[0-9][0-9A-Za-z\-–]*"
    for record in case.authorities:
        short = record.short.strip()
        base = short.split(" at ", 1)[0].strip() if " at " in short else short
        if not base or re.search(r"\d+ (?:U\.S\.|F\.|S\. Ct\.)", base):
            continue  # reporters are eyecite's
        for m in re.finditer(re.escape(base) + rf"(?: at (?:_{{3}}|{page}(?:, ?{page})*))?", text):
            at = m.group(0)[len(base) :].removeprefix(" at ")
            found[m.start()] = (m.group(0), record, pin_confirmed(record, at) if at else True)
    with contextlib.redirect_stdout(io.StringIO()):
        citations = get_citations(text)
    for cite in citations:
        groups = getattr(cite, "groups", {}) or {}
        if not groups.get("reporter"):
            continue
        name = str(getattr(cite.metadata, "antecedent_guess", "") or "")
        pin_cite = getattr(cite.metadata, "pin_cite", None)
        named = _authority(case, groups, name, str(pin_cite or ""))
        ok = named is not None and (
            groups.get("section") is not None or not pin_cite or pin_confirmed(named, str(pin_cite))
        )
        start = int(cite.span()[0])  # type: ignore[no-untyped-call]
        found[start] = (_as_written(cite, text, named), named, ok)
    return [found[k] for k in sorted(found)]
