"""Render a brief outline as a Word document (.docx) with python-docx.

The document uses Word's own styles (Title, Heading 1 to 3, List Bullet,
List Continue, Table Grid), so the navigation pane, a table of contents and restyling all
work in Word and LibreOffice, set in Times New Roman 12 pt as court filings are. It
opens with a caption block (the court, the parties and the docket beside them), has
page numbers in the footer, and sets case names and "Id." in italics. The Table of
Authorities is a real table. The core properties (author, title, created and
modified dates) are fixed from the case, so the same case and scenario always give
the same text and metadata.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import Any

from workbook.export.escape import one_line
from workbook.export.outline import Outline, Point, Response

__all__ = ["render_docx"]

_AUTHOR = "workbook"


def _text(value: str) -> str:
    """Text Word's XML accepts: control characters out, whitespace collapsed."""
    return one_line(value)


def _meta(value: str) -> str:
    """A core-property value: Word caps them at 255 characters."""
    text = _text(value)
    return text if len(text) <= 255 else text[:254] + "…"


_FONT = "Times New Roman"


def _runs(para: Any, text: str, names: tuple[str, ...], **style: bool) -> None:
    """Add ``text`` to a paragraph, case names (and "Id.") in italics."""
    if not names:
        run = para.add_run(text)
        for key, value in style.items():
            setattr(run, key, value)
        return
    pattern = "|".join(re.escape(n) for n in names)
    pos = 0
    for match in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text):
        if match.start() > pos:
            _runs(para, text[pos : match.start()], (), **style)
        _runs(para, match.group(0), (), **{**style, "italic": True})
        pos = match.end()
    if pos < len(text):
        _runs(para, text[pos:], (), **style)


def _styles(doc: Any) -> None:
    """Times New Roman 12 pt, black, for the body and the headings (no theme fonts or colours)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    sizes = {"Normal": 12, "Title": 14, "Heading 1": 13, "Heading 2": 12, "Heading 3": 12}
    for name, size in sizes.items():
        style = doc.styles[name]
        style.font.name = _FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)  # a theme font would override the face
        fonts.set(qn("w:eastAsia"), _FONT)
        if name != "Normal":
            style.font.bold = True
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_numbers(doc: Any) -> None:
    """A centred PAGE field in the footer of every page."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    para = doc.sections[0].footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    para._p.append(field)


def _in_text(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names safe to italicize in prose: full case names (a short name may be a party's)."""
    return tuple(n for n in names if " v. " in n or n.startswith(("In re ", "Ex parte ")))


def _add_response(doc: Any, resp: Response, responder: str, names: tuple[str, ...]) -> None:
    # Bullets, not List Number: Word would number every response in the document as one list.
    para = doc.add_paragraph(style="List Bullet")
    para.add_run(f"{_text(responder)} responds: ").bold = True
    _runs(para, _text(resp.argument.heading), _in_text(names))
    body = doc.add_paragraph(style="List Continue")
    _runs(body, _text(resp.argument.body), _in_text(names))
    if resp.citation:
        _runs(body, " " + _text(resp.citation), names)
    for reb in resp.rebuttals:
        reply = doc.add_paragraph(style="List Bullet 2")
        reply.add_run("Reply: ").bold = True
        prose = _in_text(names)
        if reb.point:
            _runs(reply, f"{_text(reb.argument.heading)} (see Point {reb.point}).", prose)
            continue
        _runs(reply, _text(reb.argument.heading) + ". " + _text(reb.argument.body), prose)
        if reb.citation:
            _runs(reply, " " + _text(reb.citation), names)


def _add_point(doc: Any, point: Point, responder: str, names: tuple[str, ...]) -> None:
    letter = point.number.split(".")[-1]
    doc.add_heading(f"{letter}. {_text(point.argument.heading)}", level=3)
    para = doc.add_paragraph()
    _runs(para, _text(point.argument.body), _in_text(names))
    if point.citation:
        _runs(para, " " + _text(point.citation), names)
    if point.responses:
        doc.add_paragraph("Anticipated responses:")
        for resp in point.responses:
            _add_response(doc, resp, responder, names)


def _core_properties(doc: Any, outline: Outline) -> None:
    props = doc.core_properties
    stamp = dt.datetime.combine(outline.date, dt.time(12, 0))
    props.author = _AUTHOR
    props.last_modified_by = _AUTHOR
    props.title = _meta(outline.title)
    props.subject = _meta(outline.info.title)
    props.keywords = _meta(f"preliminary injunction; {outline.info.id}; {outline.side}")
    props.comments = "Brief outline generated from a workbook case file."
    props.category = "Brief outline"
    props.identifier = _meta(f"{outline.info.id}-{outline.side}")
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.version = ""
    props.language = "en-US"
    props.content_status = "Draft"


def _caption_block(doc: Any, outline: Outline) -> None:
    """The court, then the parties (left) beside the docket (right), as a filed brief has."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    court = doc.add_paragraph()
    court.alignment = WD_ALIGN_PARAGRAPH.CENTER
    court.add_run(_text(outline.info.court).upper()).bold = True
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    plural = len(outline.plaintiffs) > 1, len(outline.defendants) > 1
    lines = [
        *(_text(p) + "," for p in outline.plaintiffs or ("__________",)),
        f"    {'Plaintiffs' if plural[0] else 'Plaintiff'},",
        "v.",
        *(_text(d) + "," for d in outline.defendants or ("__________",)),
        f"    {'Defendants' if plural[1] else 'Defendant'}.",
    ]
    left.text = "\n".join(lines)
    right.text = _text(outline.docket).replace("No.", "Civil Action No.", 1)


def _add_caption(doc: Any, outline: Outline) -> None:
    info = outline.info
    _caption_block(doc, outline)
    doc.add_heading(_text(outline.title), level=0)
    caption = doc.add_paragraph()
    caption.add_run(_text(info.title)).italic = True
    caption.add_run(f", {_text(outline.docket)}")
    doc.add_paragraph(
        f"Submitted for: {_text(outline.party)} ({outline.side}). Standard: "
        f"{_text(outline.standard)}. Outline generated from the case file; authorities marked "
        "[unverified] or [partly verified] must be checked before filing."
    )


def _add_authorities(doc: Any, outline: Outline) -> None:
    doc.add_heading("Table of Authorities", level=1)
    for group in outline.toa:
        doc.add_heading(group.title, level=2)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        head = table.rows[0].cells
        head[0].text, head[1].text = "Authority", "Cited at"
        for cell in head:
            cell.paragraphs[0].runs[0].bold = True
        for entry in group.entries:
            cells = table.add_row().cells
            flag = f" {entry.flag}" if entry.flag else ""
            _runs(cells[0].paragraphs[0], _text(entry.citation) + flag, outline.case_names)
            cells[1].text = entry.where
    if not outline.toa:
        doc.add_paragraph("No authorities are cited.")


def _add_assumptions_and_facts(doc: Any, outline: Outline) -> None:
    if outline.assumptions:
        doc.add_heading("Assumptions", level=1)
        for question, answer in outline.assumptions:
            para = doc.add_paragraph(_text(question) + " ", style="List Bullet")
            para.add_run(_text(answer)).bold = True
    doc.add_heading("Statement of Facts", level=1)
    for fact in outline.facts:
        date = f"{fact.date.isoformat()}: " if fact.date else ""
        sources = "; ".join(fact.sources)
        doc.add_paragraph(
            _text(date + fact.statement) + f" ({fact.status}; {_text(sources)})",
            style="List Bullet",
        )
    if not outline.facts:
        doc.add_paragraph("No confirmed or reported facts.")


def _add_argument(doc: Any, outline: Outline) -> None:
    responder, names = outline.responder, outline.case_names
    doc.add_heading("Argument", level=1)
    for section in outline.sections:
        doc.add_heading(f"{section.number}. {_text(section.element.name)}", level=2)
        if not section.points:
            doc.add_paragraph(f"No argument for the {outline.side} on this element.")
        for point in section.points:
            _add_point(doc, point, responder, names)
        if section.responses:
            doc.add_paragraph("Other responses to expect on this element:")
            for resp in section.responses:
                _add_response(doc, resp, responder, names)


def render_docx(outline: Outline) -> bytes:
    """The outline as the bytes of a .docx file."""
    from docx import Document

    doc = Document()
    _styles(doc)
    _page_numbers(doc)
    _core_properties(doc, outline)
    _add_caption(doc, outline)
    _add_authorities(doc, outline)
    _add_assumptions_and_facts(doc, outline)
    _add_argument(doc, outline)
    out = io.BytesIO()
    doc.save(out)
    return _fixed_zip(out.getvalue())


_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The zip format's earliest date: every member carries it, so the same outline gives the
same bytes on every run (python-docx stamps each member with the time of saving)."""


def _fixed_zip(data: bytes) -> bytes:
    """The .docx with every member's timestamp fixed and nothing else changed."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()
