"""Render a brief outline as a Word document (.docx) with python-docx.

The document uses Word's own styles (Title, Heading 1 to 3, List Bullet,
List Continue, Table Grid), so the navigation pane, a table of contents and restyling all
work in Word and LibreOffice. The Table of Authorities is a real table. The
core properties (author, title, created and modified dates) are fixed from
the case, so the same case and scenario always give the same text and
metadata.
"""

from __future__ import annotations

import datetime as dt
import io
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


def _add_response(doc: Any, resp: Response, responder: str) -> None:
    # Bullets, not List Number: Word would number every response in the document as one list.
    para = doc.add_paragraph(style="List Bullet")
    para.add_run(f"{_text(responder)} responds: ").bold = True
    para.add_run(_text(resp.argument.heading))
    body = doc.add_paragraph(_text(resp.argument.body), style="List Continue")
    if resp.citation:
        body.add_run(" " + _text(resp.citation))
    for reb in resp.rebuttals:
        reply = doc.add_paragraph(style="List Bullet 2")
        reply.add_run("Reply: ").bold = True
        if reb.point:
            reply.add_run(f"{_text(reb.argument.heading)} (see Point {reb.point}).")
            continue
        reply.add_run(_text(reb.argument.heading) + ". " + _text(reb.argument.body))
        if reb.citation:
            reply.add_run(" " + _text(reb.citation))


def _add_point(doc: Any, point: Point, responder: str) -> None:
    letter = point.number.split(".")[-1]
    doc.add_heading(f"{letter}. {_text(point.argument.heading)}", level=3)
    para = doc.add_paragraph(_text(point.argument.body))
    if point.citation:
        para.add_run(" " + _text(point.citation))
    if point.responses:
        doc.add_paragraph("Anticipated responses:")
        for resp in point.responses:
            _add_response(doc, resp, responder)


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


def _add_caption(doc: Any, outline: Outline) -> None:
    info = outline.info
    doc.add_heading(_text(outline.title), level=0)
    doc.add_paragraph(_text(info.court)).runs[0].bold = True
    caption = doc.add_paragraph()
    caption.add_run(_text(info.title)).italic = True
    caption.add_run(f", No. {_text(outline.docket)}")
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
            cells[0].text = _text(entry.citation) + flag
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
        sources = "; ".join(f"{s} ({t})" for s, t in fact.sources)
        doc.add_paragraph(
            _text(date + fact.statement) + f" ({fact.status}; sources: {_text(sources)})",
            style="List Bullet",
        )
    if not outline.facts:
        doc.add_paragraph("No confirmed or reported facts.")


def _add_argument(doc: Any, outline: Outline) -> None:
    responder = outline.other_party
    doc.add_heading("Argument", level=1)
    for section in outline.sections:
        doc.add_heading(f"{section.number}. {_text(section.element.name)}", level=2)
        if not section.points:
            doc.add_paragraph(f"No argument for the {outline.side} on this element.")
        for point in section.points:
            _add_point(doc, point, responder)
        if section.responses:
            doc.add_paragraph("Other responses to expect on this element:")
            for resp in section.responses:
                _add_response(doc, resp, responder)


def render_docx(outline: Outline) -> bytes:
    """The outline as the bytes of a .docx file."""
    from docx import Document

    doc = Document()
    _core_properties(doc, outline)
    _add_caption(doc, outline)
    _add_authorities(doc, outline)
    _add_assumptions_and_facts(doc, outline)
    _add_argument(doc, outline)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
