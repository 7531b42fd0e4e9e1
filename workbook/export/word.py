"""Render a brief outline as a Word document (.docx) with python-docx.

The document uses Word's own styles (Title, Heading 1 to 3, List, List Bullet 2,
List Continue, Table Grid), so the navigation pane, a table of contents and restyling all
work in Word and LibreOffice, set in Times New Roman 12 pt as court filings are. It
opens with a caption block (the court, the parties and the docket beside them), has
page numbers in the footer, and sets case names and "Id." in italics. Point headings
are numbered as a brief numbers them (``I.``, ``A.``, and ``1.`` for the anticipated
responses, as in the Markdown), in text rather than Word's list numbering, so every
program shows the same numbers.

The Table of Authorities is Word's own: every citation in the argument carries a
hidden TA field and each category a TOA field (see
:mod:`workbook.export.wordfields`), which Word fills with page numbers when it
updates fields (it offers to on opening). The grouped table with the point headings
and the verification flags follows as a working table for readers that do not
update fields. The core properties (author, title, created and modified dates) are
fixed from the case, and the zip members' dates too, so the same case and scenario
always give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from workbook.export.escape import one_line
from workbook.export.italics import italic_pieces, prose_names
from workbook.export.outline import Outline, Point, Response
from workbook.export.wordfields import CATEGORIES, Marks, add_toa_field
from workbook.models import Argument

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
    for piece, italic in italic_pieces(text, names):
        run = para.add_run(piece)
        for key, value in {**style, "italic": True}.items() if italic else style.items():
            setattr(run, key, value)


def _styles(doc: Any) -> None:
    """Times New Roman 12 pt, black, for the body and the headings (no theme fonts or colours)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Inches, Pt, RGBColor

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
    # A point heading's number hangs, each level half an inch further in ("I." then "A."),
    # and a tab takes the text to the indent, so a wrapped heading lines up under its text.
    for name, indent in (("Heading 2", 0.5), ("Heading 3", 1.0)):
        fmt = doc.styles[name].paragraph_format
        fmt.left_indent = Inches(indent)
        fmt.first_line_indent = Inches(-0.5)


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


def _ids(arg: Argument) -> list[str]:
    return [c.id for c in arg.authorities]


def _add_response(
    doc: Any, resp: Response, n: int, responder: str, names: tuple[str, ...], marks: Marks
) -> None:
    # The number is text, not Word's List Number: Word would number every response in the
    # document as one list, and LibreOffice renders restarted lists unreliably.
    para = doc.add_paragraph(style="List")
    para.add_run(f"{n}.\t")
    para.add_run(f"{_text(responder)} responds: ").bold = True
    _runs(para, _text(resp.argument.heading), prose_names(names))
    body = doc.add_paragraph(style="List Continue")
    _runs(body, _text(resp.argument.body), prose_names(names))
    if resp.citation:
        _runs(body, " " + _text(resp.citation), names)
        marks.mark(body, _ids(resp.argument))
    for reb in resp.rebuttals:
        reply = doc.add_paragraph(style="List Bullet 2")
        reply.add_run("Reply: ").bold = True
        prose = prose_names(names)
        if reb.point:
            _runs(reply, f"{_text(reb.argument.heading)} (see Point {reb.point}).", prose)
            continue
        _runs(reply, _text(reb.argument.heading) + ". " + _text(reb.argument.body), prose)
        if reb.citation:
            _runs(reply, " " + _text(reb.citation), names)
            marks.mark(reply, _ids(reb.argument))


def _add_point(doc: Any, point: Point, outline: Outline, marks: Marks) -> None:
    responder, names = outline.responder, outline.case_names
    letter = point.number.split(".")[-1]
    doc.add_heading(f"{letter}.\t{_text(point.argument.heading)}", level=3)
    para = doc.add_paragraph()
    _runs(para, _text(point.argument.body), prose_names(names))
    if point.citation:
        _runs(para, " " + _text(point.citation), names)
        marks.mark(para, _ids(point.argument))
    if point.responses:
        doc.add_paragraph("Anticipated responses:")
        for n, resp in enumerate(point.responses, 1):
            _add_response(doc, resp, n, responder, names, marks)


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


_TOA_NOTE = (
    "Word fills in this table, with page numbers, from the citations marked in the text: "
    "let Word update the fields when it asks on opening, or select all (Ctrl+A) and press F9. "
    "Until then, and in programs that do not update fields, the working table after it lists "
    "the same authorities by point heading with how far each has been verified; delete that "
    "table before filing."
)
_TOA_PLACEHOLDER = "[{title}: update fields (F9) to list them with their pages.]"


def _add_authorities(doc: Any, outline: Outline) -> None:
    """The filing's Table of Authorities (TOA fields), then the working table by point heading.

    The fields come first because they are the table the filed brief keeps, in the place a
    brief has it; the working table (point headings, verification flags) follows at once for
    readers that do not update fields, and is one block to delete before filing.
    """
    doc.add_heading("Table of Authorities", level=1)
    if not outline.toa:
        doc.add_paragraph("No authorities are cited.")
        return
    doc.add_paragraph(_TOA_NOTE)
    for group in outline.toa:
        doc.add_heading(group.title, level=2)
        add_toa_field(
            doc.add_paragraph(), CATEGORIES[group.title], _TOA_PLACEHOLDER.format(title=group.title)
        )
    doc.add_heading("Authorities by Point Heading", level=1)
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
        _widths(table)


def _widths(table: Any) -> None:
    """The citation gets most of the width; the point headings fit in a narrow column."""
    from docx.shared import Inches

    table.autofit = False
    widths = (Inches(4.75), Inches(1.75))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice lays out by
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width  # the cells, which Word lays out by


def _marks(outline: Outline) -> Marks:
    """The TA marker for this outline: each cited authority's long citation and category."""
    entries = {
        entry.id: (_text(entry.citation), CATEGORIES[group.title])
        for group in outline.toa
        for entry in group.entries
    }
    return Marks(entries, outline.case_names)


def _update_fields_on_open(doc: Any) -> None:
    """Ask Word to update the fields (the TOA's pages) when the document opens."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # CT_Settings is a sequence: updateFields comes just before these, in this order
    later = ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars")
    following = next((n for n in (settings.find(qn(t)) for t in later) if n is not None), None)
    if following is not None:
        following.addprevious(update)
    else:
        settings.append(update)


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


def _add_argument(doc: Any, outline: Outline, marks: Marks) -> None:
    responder, names = outline.responder, outline.case_names
    doc.add_heading("Argument", level=1)
    for section in outline.sections:
        doc.add_heading(f"{section.number}.\t{_text(section.element.name)}", level=2)
        if not section.points:
            doc.add_paragraph(f"No argument for the {outline.side} on this element.")
        for point in section.points:
            _add_point(doc, point, outline, marks)
        if section.responses:
            doc.add_paragraph("Other responses to expect on this element:")
            for n, resp in enumerate(section.responses, 1):
                _add_response(doc, resp, n, responder, names, marks)


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
    _add_argument(doc, outline, _marks(outline))
    _update_fields_on_open(doc)
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
