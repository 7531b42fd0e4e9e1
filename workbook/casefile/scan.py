"""Scanning a brief or an opinion for its citations: ``python -m workbook cite-scan FILE``.

:func:`read_document` reads plain text, Markdown (its ``<!-- -->`` comments are
not what a reader sees, and are left out, line numbers kept) or a Word file (one
line per paragraph). :func:`scan_text` finds every citation in it with eyecite,
as a reader would count them: full case citations, statutes and regulations,
short forms, "Id." (and "Ibid.") and "supra". With a case it also says which of
the case's authorities each citation points at (by reporter, volume and page, or
code, title and section; an "Id." points where the citation before it pointed, a
"supra" where its name does), and whether the pinpoint is one the authority's
verification record gives, so an author sees what in a brief the case file does
not hold yet.

>>> found = scan_text("See Winter v. NRDC, 555 U.S. 7, 20 (2008). Id. at 22.")
>>> [(f.kind, f.text, f.pin) for f in found]
[('case', 'Winter v. NRDC, 555 U.S. 7, 20', '20'), ('id.', 'Id. at 22', '22')]
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
from pathlib import Path
from typing import Any

from workbook.casefile.matching import authority_for, collapse
from workbook.errors import DocumentError
from workbook.models import Authority, Case
from workbook.paths import read_at_most
from workbook.verification import pin_confirmed

__all__ = ["KINDS", "FoundCitation", "read_document", "render_scan", "scan_text"]

#: What a found citation is, in the order a reader names them.
KINDS = ("case", "statute", "regulation", "short form", "id.", "supra", "journal")
_LIMIT = 20_000_000
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_REGULATION = re.compile(r"C\.\s?F\.\s?R\.|Fed\.\s?Reg\.|\bReg(?:ulation)?s?\b")
_LONGEST = 160  # a span longer than this is eyecite running on; show the matched text
# "Id., at 315" at the end of a line with no full stop: eyecite reads no pin there.
_YEAR = re.compile(r"\s*\(([^()]{0,40}?\b1[789]\d\d|[^()]{0,40}?\b20\d\d)\)")
# Where a sentence may end: a full stop (or ! ?), perhaps a closing quote or bracket, space,
# then a capital or an opening quote. Not after an abbreviation or an initial (see _ends).
_SENTENCE_END = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"(])")
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "ann app art ass auth bd br bros cert cf ch cir civ cl co com comm compl const corp crim "
        "ct decl def dep dept dist div doc ecf educ eg env ex fed gen gov id ie inc ins int jr "
        "ltd mem mfrs mut nat no nos op opp para pet proc pub reg rep res resp sch sec serv servs "
        "st stat supp tr twp univ us v vs "
        # states, as codes and reporters abbreviate them ("Tex. Educ. Code")
        "ala ariz ark cal colo conn del fla ga haw ill ind kan ky la mass md mich minn miss mo "
        "mont neb nev okla pa tenn tex vt va wash wis wyo",
    )
)
_ID_PIN = re.compile(r",?\s+at\s+(\d[\d\-–]*(?:,\s*\d[\d\-–]*)*)")


@dataclasses.dataclass(frozen=True)
class FoundCitation:
    """One citation in a document: where, what kind, and (with a case) what it points at.

    Attributes:
        line: the line of the document it starts on (1-based).
        kind: one of :data:`KINDS`.
        text: the citation as written, on one line.
        pin: the pinpoint it gives ('' when none).
        authority: the id of the case's authority it points at ('' when none, or no case).
        pin_confirmed: whether that authority's record gives the pin; None when there is no
            case, no authority, no pin, or the pin is a statute's subsection.
        year: the year in the parenthetical right after it, if any (``1996``, ``West 2009``).
        sentence: the sentence it stands in, on one line (what the document cites it for).

    """

    line: int
    kind: str
    text: str
    pin: str = ""
    authority: str = ""
    pin_confirmed: bool | None = None
    year: str = ""
    sentence: str = ""

    def to_data(self) -> dict[str, Any]:
        """The JSON form (``cite-scan --json``)."""
        return dataclasses.asdict(self)


def read_document(path: str | Path) -> str:
    """The text of a brief or opinion: ``.txt``, ``.md`` (comments blanked) or ``.docx``.

    Raises:
        DocumentError: no such file, a folder or a device, a PDF or another binary
            format, or more than 20 MB.

    """
    path = Path(path)

    def refuse(problem: str, hint: str) -> DocumentError:
        return DocumentError(f"{path}: {problem}; {hint}")

    suffix = path.suffix.lower()
    if suffix in (".pdf", ".doc", ".rtf", ".odt"):
        raise refuse(
            f"{suffix} files are not read",
            "save it as plain text, Markdown or Word (.docx) first, e.g. pdftotext FILE.pdf",
        )
    try:
        data = read_at_most(path, _LIMIT, refuse, what="document")
    except FileNotFoundError:
        raise refuse("there is no such file", "check the name") from None
    except OSError as exc:
        raise refuse(f"cannot read it ({exc.strerror or exc})", "check the name") from None
    if suffix == ".docx":
        return _docx_text(data, refuse)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse("it is not UTF-8 text", "give a .txt, .md or .docx file") from None
    if suffix in (".md", ".markdown"):
        text = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return text


def _docx_text(data: bytes, refuse: Any) -> str:
    """One line per paragraph of a Word file (tables' cells too, after the body)."""
    import zipfile

    from docx import Document

    try:
        doc = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise refuse("it is not a Word (.docx) file", "give a .txt, .md or .docx file") from None
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(lines) + "\n"


def _kind(cite: Any) -> str:
    name = type(cite).__name__
    groups = getattr(cite, "groups", {}) or {}
    if name == "FullCaseCitation":
        return "case"
    if name == "FullLawCitation":
        return "regulation" if _REGULATION.search(groups.get("reporter") or "") else "statute"
    return {
        "ShortCaseCitation": "short form",
        "IdCitation": "id.",
        "SupraCitation": "supra",
        "FullJournalCitation": "journal",
    }.get(name, "")


def _written(cite: Any, flat: str, read_to: int) -> str:
    """The citation as a reader sees it: name, volume, reporter, page and pin."""
    start, end = (int(x) for x in cite.full_span())
    end = max(end, read_to)
    pin_end = getattr(cite.metadata, "pin_cite_span_end", None)
    if type(cite).__name__ == "FullCaseCitation":
        end = max(int(cite.span()[1]), int(pin_end or 0))
    if flat[start : start + 1].islower():  # "of Cal. v. Bakke": eyecite cut the name short
        start = _name_start(flat, start)
    text = flat[start:end].strip().lstrip('([“"').rstrip(",;")
    if len(text) > _LONGEST or not text:
        text = str(cite.matched_text())
    return text


def _name_start(flat: str, start: int) -> int:
    """Where a case name that eyecite began mid-way begins: back over its capitalised words."""
    words = list(re.finditer(r"\S+", flat[:start]))
    for word in reversed(words):
        if not (word.group(0)[0].isupper() or word.group(0) in ("of", "for", "the")):
            break
        start = word.start()
    return start


def _by_name(case: Case, name: str) -> Authority | None:
    """The case's authority a "supra" names (the first party's name in its citation)."""
    words = re.findall(r"[A-Za-z][A-Za-z'.]+", name)
    if not words:
        return None
    last = words[-1]
    return next(
        (a for a in case.authorities if last in a.short or a.citation.startswith(last)), None
    )


def scan_text(text: str, case: Case | None = None) -> tuple[FoundCitation, ...]:
    """Every citation a reader would count in ``text``, in order, matched to ``case`` if given."""
    from eyecite import get_citations

    if not text.strip():
        return ()
    flat, where = collapse(text)
    log = logging.getLogger("eyecite")
    level = log.level
    log.setLevel(logging.ERROR)  # its notes on overlapping citations are not the reader's
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            citations: list[Any] = get_citations(flat)
    finally:
        log.setLevel(level)
    found: list[FoundCitation] = []
    last: Authority | None = None
    for cite in citations:
        kind = _kind(cite)
        if not kind:
            continue  # a bare "§ 5" or "¶ 3": no authority named
        start = where[int(cite.full_span()[0])]
        line = text.count("\n", 0, start) + 1
        groups = getattr(cite, "groups", {}) or {}
        pin = str(getattr(cite.metadata, "pin_cite", "") or "").removeprefix("at ").strip()
        if kind == "short form" and not pin:
            pin = groups.get("page") or ""
        end = int(cite.span()[1])
        if kind == "id." and not pin and (more := _ID_PIN.match(flat, end)):
            pin, end = more.group(1), more.end()
        if kind == "id." and not pin and str(cite.matched_text()).lower().startswith("ibid"):
            pin = found[-1].pin if found else ""  # the same place, page and all
        pin = pin.rstrip(",;").strip()
        auth: Authority | None = None
        if case is not None:
            name = str(getattr(cite.metadata, "antecedent_guess", "") or "")
            if kind == "id.":
                auth = last
            elif kind == "supra":
                auth = _by_name(case, name)
            elif groups.get("reporter"):
                auth = authority_for(case, groups, name, pin)
            last = auth
        confirmed = None
        if auth is not None and pin and not groups.get("section") and kind != "journal":
            law = auth.kind in ("statute", "regulation")
            confirmed = None if law else pin_confirmed(auth, pin)
        pin_end = int(getattr(cite.metadata, "pin_cite_span_end", 0) or 0)
        year = _YEAR.match(flat, max(end, pin_end))
        found.append(
            FoundCitation(
                line,
                kind,
                _written(cite, flat, end),
                pin,
                auth.id if auth else "",
                confirmed,
                year.group(1) if year else "",
                _sentence(flat, int(cite.full_span()[0])),
            )
        )
    return tuple(found)


def _ends(flat: str, begin: int, end: int) -> list[re.Match[str]]:
    """The sentence ends between ``begin`` and ``end``: not after "v.", "Cir." or "J."."""
    out = []
    for m in _SENTENCE_END.finditer(flat, begin, end):
        word = re.search(r"([A-Za-z.]*)$", flat[max(0, m.start() - 12) : m.start()])
        token = (word.group(1) if word else "").replace(".", "").lower()
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue
        out.append(m)
    return out


def _sentence(flat: str, at: int) -> str:
    """The sentence around position ``at`` of the one-line text (at most about 600 characters)."""
    begin = max(0, at - 500)
    starts = _ends(flat, begin, at)
    start = starts[-1].end() if starts else begin
    after = _ends(flat, at, min(len(flat), at + 600))
    end = after[0].start() + 1 if after else min(len(flat), at + 600)
    return flat[start:end].strip()


def render_scan(found: tuple[FoundCitation, ...], case: Case | None = None) -> str:
    """The scan as lines of text: one per citation, then what the case lacks and holds."""
    lines = []
    for f in found:
        row = f"{f.line:>5}  {f.kind:<10}  {f.text}"
        if case is not None:
            if not f.authority:
                row += "  [not in the case]"
            else:
                row += f"  -> {f.authority}"
                if f.pin_confirmed is False:
                    row += f" [pin {f.pin} not in its verification record]"
        lines.append(row)
    counts = {k: sum(f.kind == k for f in found) for k in KINDS}
    lines.append(
        f"{len(found)} citations: " + ", ".join(f"{n} {k}" for k, n in counts.items() if n)
        if found
        else "no citations found"
    )
    if case is not None:
        cited = list(dict.fromkeys(f.authority for f in found if f.authority))
        missing = [
            f for f in found if not f.authority and f.kind in ("case", "statute", "regulation")
        ]
        bad_pins = [f for f in found if f.pin_confirmed is False]
        lines.append(
            f"the case's authorities cited: {', '.join(cited) if cited else 'none'}; "
            f"{len(missing)} full citations not in the case; "
            f"{len(bad_pins)} pins its verification records do not give"
        )
    return "\n".join(lines) + "\n"
