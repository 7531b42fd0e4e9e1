"""The case editor: write a case's facts, authorities, arguments and questions in forms.

Pick a section, fill in its form and press Save: the record goes into the YAML
file that holds the section, every comment and every other record kept as the
author wrote them (:mod:`workbook.casefile.edit`). An edit that would break the
case is refused with the problems, in the error box, and nothing is written;
after each save the case is checked again and its errors (in red) and warnings
shown. A new authority stays unverified until the author records what was
checked and where.

The buttons call plain methods (:meth:`CaseEditor.save`, and
:meth:`CaseEditor.add_fact` and its siblings for a script or a test), so
everything the forms do can be done, and tested, without a browser.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbook.casefile.edit import Edit, put_record
from workbook.casefile.load import CheckReport, Finding, check_case
from workbook.casefile.new import slug
from workbook.errors import CaseFileError, CaseFileProblems, located_text
from workbook.models import Case
from workbook.ui.a11y import accessible_names, named
from workbook.ui.common import ControlPanel, error_box, errors_to, pre
from workbook.ui.editor_forms import (
    ArgumentForm,
    AuthorityForm,
    FactForm,
    QuestionForm,
    RecordForm,
)
from workbook.vocabulary import TEXT_COLORS

__all__ = ["CaseEditor", "build_case_editor", "findings_html"]

SECTIONS: Mapping[str, str] = {
    "Facts": "facts",
    "Authorities": "authorities",
    "Arguments": "arguments",
    "Questions": "questions",
}
"""The sections the editor writes, by the name its section buttons show."""

_SHOWN = 40
"""Findings listed after a save; the rest are counted (``check`` lists them all)."""

_SINGULAR = {"facts": "fact", "authorities": "authority", "arguments": "argument"}


def _where(item: CaseFileError | Finding, case: Path) -> str:
    """``file:line`` with the file named inside the case (no folders above it)."""
    path = item.path
    name = "<case>"
    if path is not None:
        try:
            name = path.relative_to(case).as_posix() if case.is_dir() else path.name
        except ValueError:
            name = path.name
        name = name if name != "." else case.name
    return f"{name}:{item.line}" if item.line else name


def findings_html(report: CheckReport, case: Path) -> str:
    """``check``'s findings: a count line, then errors in red and warnings plain."""
    items: list[str] = []
    for problem in report.problems:
        text = located_text(_where(problem, case), problem.problem, problem.key, problem.hint)
        items.append(
            f'<li class="wb-problem" style="color:{TEXT_COLORS["wrong"]}">'
            f"{pre('error: ' + text)}</li>"
        )
    for warning in report.warnings:
        text = located_text(_where(warning, case), warning.problem, warning.key, warning.hint)
        items.append(f'<li class="wb-warning">{pre("warning: " + text)}</li>')
    more = len(items) - _SHOWN
    shown = items[:_SHOWN] + ([f"<li>... and {more} more</li>"] if more > 0 else [])
    status = "ok" if report.ok else "FAILED"
    head = (
        f"<p><b>{status}</b>: {len(report.problems)} errors, {len(report.warnings)} warnings "
        "(<code>python -m workbook check</code> lists them all)</p>"
    )
    return head + (f'<ul style="list-style:none;padding-left:0">{"".join(shown)}</ul>')


def _new_id(base: str, taken: Iterable[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is free."""
    used = set(taken)
    return next(
        name
        for name in itertools.chain([base], (f"{base}-{n}" for n in itertools.count(2)))
        if name not in used
    )


class CaseEditor(ControlPanel):
    """A case editor (``.widget``) on the case folder or file at ``path``."""

    app_name = "the case editor"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.error = error_box()
        report = check_case(self.path)
        if report.case is None:
            problems = list(report.problems)
            raise problems[0] if len(problems) == 1 else CaseFileProblems(problems)
        self.case: Case = report.case
        self.forms: dict[str, RecordForm] = {
            "facts": FactForm(self.case),
            "authorities": AuthorityForm(self.case),
            "arguments": ArgumentForm(self.case),
            "questions": QuestionForm(self.case),
        }
        self.section = named(
            widgets.ToggleButtons(options=list(SECTIONS.items()), value="facts"), "section"
        )
        self.form_box = widgets.VBox(
            [self.forms["facts"].widget], layout=widgets.Layout(margin="8px 0 0 0")
        )  # a gap below the section buttons, so the form does not read as part of them
        self.save_button = widgets.Button(description="Save", button_style="primary", icon="save")
        self.status = widgets.HTML()
        self.findings = widgets.HTML()
        self.summary_view = widgets.HTML()
        self.title = widgets.HTML()
        self.section.observe(self._on(lambda _c: self.pick(self.section.value)), names=["value"])
        self.save_button.on_click(errors_to(self.error)(self._save_clicked))
        self.widget = widgets.VBox(
            [
                self.title,
                self.section,
                self.form_box,
                self.save_button,
                self.error,
                self.status,
                widgets.HTML("<h4>Check</h4>"),
                self.findings,
                accessible_names(),
            ]
        )
        self.widget.add_class("wb-editor")
        self._show(report)

    # ------------------------------------------------------------------ the controls

    def pick(self, section: str) -> None:
        """Show the form for ``section`` (facts, authorities, arguments or questions)."""
        self.form_box.children = [self.forms[section].widget]
        if self.section.value != section:
            self._sync(self.section, section)

    def save(self) -> Edit:
        """Write the shown form's record into the case, then empty the form.

        Raises:
            CaseFileError: the record is incomplete or would break the case; nothing is
                written and the form keeps what was typed.

        """
        section = self.section.value
        form = self.forms[section]
        record = form.record()
        if section == "arguments":
            record = self._with_id(record)
        edit = self.put(section, record)
        form.clear()
        return edit

    def _save_clicked(self, _button: object) -> None:
        self.status.value = ""  # a refused save must not leave the last one's "Added ..."
        try:
            self.save()
        except CaseFileProblems as exc:  # every problem, not the first and a count
            lines = [
                located_text(_where(p, self.path), p.problem, p.key, p.hint) for p in exc.problems
            ]
            raise CaseFileError(
                f"{len(lines)} problems; nothing was written:\n" + "\n".join(lines)
            ) from None

    # ------------------------------------------------------------------ writing records

    def put(self, section: str, record: Mapping[str, Any], *, replace: bool = False) -> Edit:
        """Write one record (see :func:`~workbook.casefile.edit.put_record`) and show the check.

        Raises:
            CaseFileError: the record is refused; the case files are unchanged.

        """
        edit = put_record(self.path, section, record, replace=replace)
        if edit.report.case is not None:
            self.case = edit.report.case
            for form in self.forms.values():
                form.refresh(self.case)
        verb = "Replaced" if edit.replaced else "Added"
        what = _SINGULAR.get(section, "question")
        self.status.value = (
            f"{verb} {what} <code>{html.escape(edit.id)}</code> in "
            f"<code>{html.escape(edit.path.name)}</code>."
        )
        self._show(edit.report)
        return edit

    def add_fact(
        self,
        id: str,
        statement: str,
        *,
        sources: Sequence[str],
        status: str,
        date: dt.date | None = None,
        note: str = "",
    ) -> Edit:
        """Add a fact: its statement in your own words, its sources and status."""
        record = {"id": id, "statement": statement, "date": date, "sources": list(sources)}
        return self.put("facts", {**record, "status": status, "note": note})

    def add_authority(
        self,
        id: str,
        citation: str,
        *,
        kind: str,
        proposition: str,
        short: str = "",
        verification: Mapping[str, Any] | None = None,
    ) -> Edit:
        """Add an authority; without a ``verification`` record it is marked unverified."""
        check = dict(verification or {"status": "unverified"})
        record = {"id": id, "kind": kind, "citation": citation, "short": short}
        return self.put(
            "authorities", {**record, "proposition": proposition, "verification": check}
        )

    def add_argument(
        self,
        *,
        side: str,
        element: str,
        heading: str,
        body: str,
        strength: float,
        strength_reason: str,
        authorities: Sequence[str] = (),
        facts: Sequence[str] = (),
        attacks: Sequence[str] = (),
        supports: Sequence[str] = (),
        id: str | None = None,
    ) -> Edit:
        """Add an argument (its id made from its side and heading unless given)."""
        record = {
            "side": side,
            "element": element,
            "heading": heading,
            "body": body,
            "authorities": list(authorities),
            "facts": list(facts),
            "strength": strength,
            "strength_reason": strength_reason,
            "attacks": list(attacks),
            "supports": list(supports),
        }
        return self.put("arguments", self._with_id(record, id))

    def add_question(
        self,
        id: str,
        text: str,
        *,
        answers: Sequence[Mapping[str, str]],
        default: str | None = None,
        elements: Sequence[str] = (),
        note: str = "",
    ) -> Edit:
        """Add a contested question; its ``default`` answer is the first unless named."""
        first = answers[0]["id"] if answers else ""
        record = {"id": id, "text": text, "answers": [dict(a) for a in answers]}
        record = {**record, "default": default or first, "elements": list(elements)}
        return self.put("questions", {**record, "note": note})

    # ------------------------------------------------------------------ showing

    def summary(self) -> str:
        """The last check's counts, as text."""
        report = self.report
        status = "ok" if report.ok else "FAILED"
        return f"{status}: {len(report.problems)} errors, {len(report.warnings)} warnings"

    def _show(self, report: CheckReport) -> None:
        self.report = report
        self.title.value = f"<h3>Case editor: {html.escape(self.case.case.title)}</h3>"
        self.findings.value = findings_html(report, self.path)
        self.summary_view.value = pre(self.summary())

    def _with_id(self, record: Mapping[str, Any], id: str | None = None) -> dict[str, Any]:
        """An argument's record with an id: the one given, or one made from its heading."""
        if not id:
            side = "m" if record.get("side") == "movant" else "o"
            words = slug(str(record.get("heading") or "argument"))[:40].strip("-")
            id = _new_id(f"{side}-{words}", (a.id for a in self.case.arguments))
        return {"id": id, **record}


def build_case_editor(path: str | Path) -> CaseEditor:
    """A case editor on the case at ``path`` (display ``.widget``, or call ``.show()``).

    Raises:
        CaseFileError: the case does not load (fix the problems it lists first).

    """
    return CaseEditor(path)
