"""Render a brief outline as Markdown (CommonMark; tables in the GitHub dialect).

All text from the case file and the user goes through
:func:`~workbook.export.escape.markdown_text`, so it renders literally. Case names and
"Id." are set in italics as in the Word brief (:mod:`workbook.export.italics`).
"""

from __future__ import annotations

from workbook.export.escape import markdown_spans, one_line
from workbook.export.escape import markdown_text as md
from workbook.export.italics import italic_pieces, prose_names
from workbook.export.outline import Outline, Point, Response
from workbook.models import Argument

__all__ = ["render_markdown"]


def _it(text: str, names: tuple[str, ...]) -> str:
    """``text`` escaped, with the case names in it in italics."""
    return markdown_spans(italic_pieces(one_line(text), names))


def _argument_lines(arg: Argument, citation: str, indent: str, names: tuple[str, ...]) -> list[str]:
    lines = [f"{indent}{_it(arg.body, prose_names(names))}"]
    if citation:
        lines.append(f"{indent}{_it(citation, names)}")
    return lines


def _response(resp: Response, n: int, opponent: str, names: tuple[str, ...]) -> list[str]:
    prose = prose_names(names)
    lines = [f"{n}. **{md(opponent)} responds:** {_it(resp.argument.heading, prose)}", ""]
    lines += _argument_lines(resp.argument, resp.citation, "   ", names)
    lines.append("")
    for reb in resp.rebuttals:
        heading = _it(reb.argument.heading, prose)
        if reb.point:
            lines.append(f"   - **Reply:** {heading} (see Point {reb.point})")
            continue
        lines.append(f"   - **Reply:** {heading}")
        body = _it(reb.argument.body, prose)
        lines.append(f"     {body}" + (f" {_it(reb.citation, names)}" if reb.citation else ""))
    if resp.rebuttals:
        lines.append("")
    return lines


def _point(point: Point, opponent: str, names: tuple[str, ...]) -> list[str]:
    letter = point.number.split(".")[-1]
    lines = [f"#### {letter}. {_it(point.argument.heading, prose_names(names))}", ""]
    lines += [*_argument_lines(point.argument, point.citation, "", names), ""]
    if point.responses:
        lines += ["Anticipated responses:", ""]
        for n, resp in enumerate(point.responses, 1):
            lines += _response(resp, n, opponent, names)
    return lines


def render_markdown(outline: Outline) -> str:
    """The outline as one Markdown document (ends with a newline)."""
    info = outline.info
    other, names = outline.responder, outline.case_names
    lines = [
        f"# {md(outline.title)}",
        "",
        f"**{md(info.court)}**",
        "",
        f"*{md(info.title)}*, {md(outline.docket)}",
        "",
        f"Submitted for: {md(outline.party)} ({outline.side}). "
        f"Standard: {md(outline.standard)}. Outline generated from the case file; "
        "authorities marked [unverified] or [partly verified] must be checked before filing.",
        "",
        "## Table of Authorities",
        "",
    ]
    for group in outline.toa:
        lines += [f"### {md(group.title)}", "", "| Authority | Cited at |", "| --- | --- |"]
        for entry in group.entries:
            flag = f" {entry.flag}" if entry.flag else ""
            lines.append(f"| {_it(entry.citation + flag, names)} | {md(entry.where)} |")
        lines.append("")
    if not outline.toa:
        lines += ["No authorities are cited.", ""]
    if outline.assumptions:
        lines += ["## Assumptions", ""]
        lines += [f"- {md(q)} **{md(a)}**" for q, a in outline.assumptions]
        lines.append("")
    lines += ["## Statement of Facts", ""]
    for fact in outline.facts:
        date = f"{fact.date.isoformat()}: " if fact.date else ""
        sources = "; ".join(fact.sources)
        lines.append(f"- {md(date + fact.statement)} ({md(fact.status)}; {md(sources)})")
    if not outline.facts:
        lines.append("No confirmed or reported facts.")
    lines += ["", "## Argument", ""]
    for section in outline.sections:
        lines += [f"### {section.number}. {md(section.element.name)}", ""]
        if not section.points:
            lines += [f"*No argument for the {outline.side} on this element.*", ""]
        for point in section.points:
            lines += _point(point, other, names)
        if section.responses:
            lines += ["Other responses to expect on this element:", ""]
            for n, resp in enumerate(section.responses, 1):
                lines += _response(resp, n, other, names)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
