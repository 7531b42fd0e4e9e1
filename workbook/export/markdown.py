"""Render a brief outline as Markdown (CommonMark; tables in the GitHub dialect).

All text from the case file and the user goes through
:func:`~workbook.export.escape.markdown_text`, so it renders literally.
"""

from __future__ import annotations

from workbook.export.escape import markdown_text as md
from workbook.export.outline import Outline, Point, Response
from workbook.models import Argument

__all__ = ["render_markdown"]


def _argument_lines(arg: Argument, citation: str, indent: str) -> list[str]:
    lines = [f"{indent}{md(arg.body)}"]
    if citation:
        lines.append(f"{indent}{md(citation)}")
    return lines


def _response(resp: Response, n: int, opponent: str) -> list[str]:
    lines = [f"{n}. **{md(opponent)} responds:** {md(resp.argument.heading)}", ""]
    lines += _argument_lines(resp.argument, resp.citation, "   ")
    lines.append("")
    for reb in resp.rebuttals:
        if reb.point:
            lines.append(f"   - **Reply:** {md(reb.argument.heading)} (see Point {reb.point})")
            continue
        lines.append(f"   - **Reply:** {md(reb.argument.heading)}")
        body = md(reb.argument.body)
        lines.append(f"     {body}" + (f" {md(reb.citation)}" if reb.citation else ""))
    if resp.rebuttals:
        lines.append("")
    return lines


def _point(point: Point, opponent: str) -> list[str]:
    letter = point.number.split(".")[-1]
    lines = [f"#### {letter}. {md(point.argument.heading)}", ""]
    lines += [*_argument_lines(point.argument, point.citation, ""), ""]
    if point.responses:
        lines += ["Anticipated responses:", ""]
        for n, resp in enumerate(point.responses, 1):
            lines += _response(resp, n, opponent)
    return lines


def render_markdown(outline: Outline) -> str:
    """The outline as one Markdown document (ends with a newline)."""
    info = outline.info
    other = outline.responder
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
            lines.append(f"| {md(entry.citation + flag)} | {md(entry.where)} |")
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
            lines += _point(point, other)
        if section.responses:
            lines += ["Other responses to expect on this element:", ""]
            for n, resp in enumerate(section.responses, 1):
                lines += _response(resp, n, other)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
