"""What ``cite-scan`` prints: the scan as text or JSON, or authority stubs (``--stubs``).

:func:`scan_report` reads the document, loads the case and scans; with ``stubs`` it
writes a draft authority record for each full citation the case lacks. A stub is a
draft for the author to finish, never a finished record: its status is
``unverified``, its proposition is the document's own sentence marked as a draft
(the author rewrites it in their own words after reading the authority), and its
verification note says where the citation was found and that nobody has read it yet.

>>> from workbook.casefile.scan import scan_text
>>> text = stubs_yaml(scan_text("Relief is extraordinary. Winter v. NRDC, 555 U.S. 7, 22 (2008)."))
>>> print(text.split("authorities:", 1)[1].strip().splitlines()[0])
- id: winter-v-nrdc
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from workbook.casefile.load import load_case
from workbook.casefile.new import slug
from workbook.casefile.scan import FoundCitation, read_document, render_scan, scan_text
from workbook.models import Case

__all__ = ["authority_stubs", "scan_report", "stubs_yaml"]

_FULL = ("case", "statute", "regulation")
_PIN_TAIL = re.compile(r",\s*[0-9*][0-9\-–, *]*$")


def _citation(f: FoundCitation) -> str:
    """The full citation as the document gives it, without its pinpoint, with its year."""
    text = _PIN_TAIL.sub("", f.text) if f.kind == "case" and f.pin else f.text
    if f.year and f"({f.year})" not in text:
        text += f" ({f.year})"
    return text


def _id(f: FoundCitation, taken: set[str]) -> str:
    base = f.text.split(",", 1)[0] if f.kind == "case" else f.text.split("(", 1)[0]
    stem = slug(base)[:40].strip("-") or f.kind
    out, n = stem, 2
    while out in taken:
        out, n = f"{stem}-{n}", n + 1
    taken.add(out)
    return out


def authority_stubs(
    found: tuple[FoundCitation, ...], case: Case | None = None, document: str = ""
) -> list[dict[str, Any]]:
    """A draft authority record for each full citation the case lacks (all of them without one).

    One stub per cited authority: a second full citation of the same one is left out.
    """
    taken = {a.id for a in case.authorities} if case is not None else set()
    seen: set[str] = set()
    stubs: list[dict[str, Any]] = []
    for f in found:
        if f.kind not in _FULL or f.authority:
            continue
        citation = _citation(f)
        key = re.sub(r"\s+", "", citation.split("(", 1)[0])
        if key in seen:
            continue
        seen.add(key)
        where = f"{document}, line {f.line}" if document else f"line {f.line}"
        stubs.append(
            {
                "id": _id(f, taken),
                "kind": f.kind,
                "citation": citation,
                "proposition": "DRAFT, the document's own words; rewrite in yours after reading "
                f"the authority: {f.sentence}",
                "verification": {
                    "status": "unverified",
                    "checked": "",
                    "note": f"Found by cite-scan in {where}, cited as {f.text!r}; not read yet. "
                    "Check the citation, the proposition and any pinpoint in the reporter or "
                    "the official code, then record where and when.",
                },
            }
        )
    return stubs


def stubs_yaml(
    found: tuple[FoundCitation, ...], case: Case | None = None, document: str = ""
) -> str:
    """The stubs as a YAML ``authorities:`` section, with a comment on what to do with them."""
    stubs = authority_stubs(found, case, document)
    lacking = f"that {case.case.id} does not hold" if case is not None else "it finds"
    head = (
        f"# Authority stubs for the citations in {document or 'the document'} {lacking}.\n"
        "# Each is a draft: read the authority, write the proposition in your own words, fill in\n"
        "# the verification record, then move it into the case's authorities. A wrong citation\n"
        "# is worse than a missing one.\n"
    )
    if not stubs:
        return head + "authorities: []\n"
    body = yaml.safe_dump(
        {"authorities": stubs}, sort_keys=False, allow_unicode=True, width=88, indent=2
    )
    return head + body


def scan_report(
    path: str | Path,
    case_path: str | Path | None = None,
    *,
    as_json: bool = False,
    stubs: bool = False,
) -> str:
    """What ``cite-scan`` prints for the document at ``path``: text, JSON, or stubs (YAML).

    Raises:
        DocumentError: the document cannot be read.
        CaseFileError: the case at ``case_path`` does not load.

    """
    case = load_case(case_path) if case_path is not None else None
    found = scan_text(read_document(path), case)
    if stubs:
        return stubs_yaml(found, case, Path(path).name)
    if as_json:
        data = {
            "document": str(path),
            "case": case.case.id if case else None,
            "citations": [f.to_data() for f in found],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return render_scan(found, case)
