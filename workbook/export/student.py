"""A student's work product in one file a teacher can open: HTML (or Markdown).

The HTML file shows the outcome the scenario leads to (granted or denied, the
deciding element and every element's strength), the scenario (answers to the
contested questions, dropped and re-weighed arguments), the student's own
arguments, the answers to the exercises (right or not, in how many tries) and
the notes, and ends with the whole workspace as JSON, so the
teacher can load it back with :func:`workbook.store.load_workspace` after
copying it out. Everything the student typed is escaped; the page has no
scripts and loads nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbook.cite import Citer
from workbook.engine.weighing import weigh
from workbook.errors import UnknownNameError
from workbook.export.escape import html_text, markdown_text
from workbook.models import Argument, Case
from workbook.store import ExerciseMark, Workspace
from workbook.vocabulary import status_word

__all__ = ["render_work_product"]

_STYLE = (
    "body{font-family:Georgia,serif;max-width:48em;margin:2em auto;line-height:1.45}"
    "pre,.pre{white-space:pre-wrap}pre{background:#f6f6f6;padding:1em;font-size:.85em}"
    "table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2em .5em;text-align:left}"
)


def _sections(case: Case, ws: Workspace) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(label, text)]) in reading order: the content both formats share."""
    sc = ws.scenario
    elements = {e.id: e.name for e in case.elements}
    headings = {a.id: a.heading for a in case.arguments} | {a.id: a.heading for a in sc.added}
    answers = sc.answers_for(case)
    scenario = [("Standard", sc.standard_for(case)), ("Semantics", sc.semantics)]
    for q in case.questions:
        labels = {a.id: a.label for a in q.answers}
        scenario.append((q.text, labels.get(answers.get(q.id, ""), answers.get(q.id, ""))))
    scenario += [(f"Dropped: {a}", headings.get(a, a)) for a in sc.dropped]
    strengths = {a.id: a.strength for a in case.arguments}
    scenario += [
        (f"Strength of {k}", f"{strengths.get(k, '?')} -> {v}")
        for k, v in sorted(sc.strengths.items())
    ]
    scenario += [
        (
            f"Range for {k}",
            f"{r.low} to {r.high}" + (f", most likely {r.mode}" if r.mode is not None else ""),
        )
        for k, r in sorted(sc.ranges.items())
    ]
    own = [
        (f"{a.heading} ({a.side}, {elements.get(a.element, a.element)})", _describe(case, a))
        for a in sc.added
    ]
    exercises = _exercises(ws)
    notes = [(f"On {headings.get(k, k)}", v) for k, v in sorted(ws.argument_notes.items())]
    notes += [("Notes", text) for text in (ws.notes, sc.notes) if text]
    return [
        ("Outcome", _outcome(case, ws)),
        ("Scenario", scenario),
        ("My arguments", own),
        ("Exercises", exercises),
        ("Notes", notes),
    ]


def _outcome(case: Case, ws: Workspace) -> list[tuple[str, str]]:
    """The outcome the student's scenario leads to, and each element's strength."""
    result = weigh(case, ws.scenario)
    names = {e.id: e.name for e in case.elements}
    out = [
        ("Outcome", f"{result.outcome.capitalize()} under {result.standard_title}"),
        ("Deciding element", names.get(result.deciding or "", "none")),
    ]
    out += [
        (e.name, f"strength {e.strength:.2f}, {status_word(e.satisfied, e.reached)}")
        for e in result.elements
    ]
    return out


def _how(mark: ExerciseMark) -> str:
    shown = mark.label or mark.answer
    nth = {1: "first", 2: "second", 3: "third"}.get(mark.tries)
    if mark.correct:
        return (
            f"{shown} (right on the {nth} try)"
            if nth
            else f"{shown} (right after {mark.tries} tries)"
        )
    tries = "one try" if mark.tries == 1 else f"{mark.tries} tries"
    return f"{shown} (not right after {tries})"


def _exercises(ws: Workspace) -> list[tuple[str, str]]:
    """A summary line, then each answer: marked ones with how they went, older ones bare."""
    marks = sorted(ws.marks.items())
    rows = [(m.prompt or k, _how(m)) for k, m in marks]
    rows += [(k, v) for k, v in sorted(ws.exercises.items()) if k not in ws.marks]
    if marks:
        right = sum(m.correct for _, m in marks)
        first = sum(m.correct and m.tries == 1 for _, m in marks)
        rows.insert(0, ("Score", f"{right} of {len(marks)} right, {first} on the first try"))
    return rows


def _describe(case: Case, arg: Argument) -> str:
    known = [c for c in arg.authorities if c.id in {a.id for a in case.authorities}]
    parts = [arg.body, f"Base strength {arg.strength}: {arg.strength_reason}"]
    if known:
        parts.append("Authorities: " + Citer(case).cite(known))
    for rel in ("attacks", "supports"):
        targets: Iterable[str] = getattr(arg, rel)
        if targets:
            parts.append(f"{rel.capitalize()}: {', '.join(targets)}")
    return "\n".join(parts)


def _html(case: Case, ws: Workspace) -> str:
    title = f"Work product: {case.case.title}"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html_text(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{html_text(title)}</h1>",
        f"<p>Case <code>{html_text(case.case.id)}</code>"
        + (f"; by {html_text(ws.author)}" if ws.author else "")
        + "</p>",
    ]
    for heading, rows in _sections(case, ws):
        out.append(f"<h2>{html_text(heading)}</h2>")
        if not rows:
            out.append("<p>(none)</p>")
            continue
        out.append("<dl>")
        for label, text in rows:
            out.append(f'<dt>{html_text(label)}</dt><dd class="pre">{html_text(text)}</dd>')
        out.append("</dl>")
    out += [
        "<h2>Workspace file</h2>",
        "<p>Save the text below as a <code>.json</code> file to open this work in the "
        "workbook.</p>",
        f"<pre>{html_text(ws.to_json())}</pre>",
        "</body></html>",
    ]
    return "\n".join(out) + "\n"


def _markdown(case: Case, ws: Workspace) -> str:
    out = [f"# Work product: {markdown_text(case.case.title)}", ""]
    if ws.author:
        out += [f"By {markdown_text(ws.author)}", ""]
    for heading, rows in _sections(case, ws):
        out += [f"## {heading}", ""]
        out += [
            f"- **{markdown_text(label)}{'' if label.endswith('?') else ':'}** "
            f"{markdown_text(text)}"
            for label, text in rows
        ]
        out += [""] if rows else ["(none)", ""]
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def render_work_product(case: Case, workspace: Workspace, fmt: str = "html") -> str:
    """The workspace rendered for a teacher: ``html`` (with the JSON inside) or ``md``."""
    if fmt == "html":
        return _html(case, workspace)
    if fmt == "md":
        return _markdown(case, workspace)
    raise UnknownNameError(f"unknown work-product format {fmt!r}; use 'html' or 'md'")
