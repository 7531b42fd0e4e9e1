"""Panels for the reading notebooks: the authority browser and the element panels.

Each builder returns a small object holding the widget tree (``.widget``)
and plain methods that do what the controls do (``set_answer``,
``set_filter``, ``refresh``...). The controls call those methods; tests call
them directly, without a browser. Everything a user typed is escaped before
it is shown as HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from workbook import charts
from workbook.charts import chart_widget, setup, unchecked
from workbook.engine import Result, analyse
from workbook.errors import UnknownNameError
from workbook.models import Argument, Case, Question
from workbook.scenario import Scenario
from workbook.tables import element_summary
from workbook.ui.a11y import accessible_names, named
from workbook.ui.browse import TableBrowser
from workbook.ui.common import error_box, errors_to
from workbook.ui.records import authority_browser
from workbook.verification import cites_html
from workbook.vocabulary import status_word

__all__ = [
    "AuthorityBrowser",
    "ElementPanel",
    "build_authority_browser",
    "build_element_panel",
    "question_controls",
    "strength_gauge",
]


AuthorityBrowser = TableBrowser
"""The authority browser is a :class:`workbook.ui.browse.TableBrowser` over the authorities."""


def build_authority_browser(case: Case, *, page_size: int = 10) -> TableBrowser:
    """The authorities a page at a time, each row opening to its verification record.

    Full citations, filters (topic, element, side, kind, verification status), a search
    box and a sort (see :func:`workbook.ui.records.authority_browser`).
    """
    setup()
    return authority_browser(case, page_size=page_size)


# --------------------------------------------------------------------------- questions


def question_controls(questions: Sequence[Question]) -> dict[str, widgets.Dropdown]:
    """One dropdown per contested question, set to its default answer, named by the question."""
    return {
        q.id: named(
            widgets.Dropdown(
                options=[(a.label, a.id) for a in q.answers],
                value=q.default,
                description="",
                layout=widgets.Layout(width="auto"),
            ),
            q.text,
        )
        for q in questions
    }


def _question_rows(
    questions: Sequence[Question], controls: Mapping[str, widgets.Dropdown]
) -> list[widgets.Widget]:
    rows: list[widgets.Widget] = []
    for q in questions:
        rows.append(widgets.HTML(f"<b>{html.escape(q.text)}</b>"))
        rows.append(controls[q.id])
    return rows


# --------------------------------------------------------------------------- element panel


def _argument_list(args: Sequence[Argument], result: Result, case: Case) -> str:
    if not args:
        return "<i>no arguments</i>"
    items = []
    for a in args:
        final = result.strengths.get(a.id)
        state = (
            f"strength {a.strength:.2f} → {final:.2f}"
            if final is not None
            else f"out: {result.excluded.get(a.id, 'not in play')}"
        )
        links = _links(a, case)
        cites = cites_html(case, a.authorities)
        items.append(
            f"<li><b>{html.escape(a.heading)}</b> <small>({html.escape(state)})</small>"
            f"<br>{html.escape(a.body)}"
            + (f"<br><small>{html.escape(links)}</small>" if links else "")
            + (f"<br><small>Authorities: {cites}</small>" if cites else "")
            + "</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _links(arg: Argument, case: Case) -> str:
    """Plain text naming, by heading, what an argument rebuts and supports, and what rebuts it."""
    heading = {a.id: a.heading for a in case.arguments}
    attacked_by = [a.id for a in case.arguments if arg.id in a.attacks]
    links = (("Rebuts", arg.attacks), ("Supports", arg.supports), ("Rebutted by", attacked_by))
    return ". ".join(
        f"{words}: {'; '.join(f'“{heading.get(i, i)}”' for i in ids)}"
        for words, ids in links
        if ids
    )


@dataclass
class ElementPanel:
    """Both sides' arguments on some elements, the questions that bear on them, and the result."""

    case: Case
    elements: tuple[str, ...]
    answers: dict[str, widgets.Dropdown]
    headers: dict[str, widgets.HTML]
    sides: dict[str, widgets.HTML]
    charts: dict[str, Any]
    outcome: widgets.HTML
    error: widgets.HTML
    widget: widgets.VBox
    standard: str = "winter"
    result: Result | None = None

    @property
    def scenario(self) -> Scenario:
        """The scenario the controls describe."""
        return Scenario(
            case=self.case.case.id,
            standard=self.standard,
            answers={q: str(w.value) for q, w in self.answers.items()},
        )

    def set_answer(self, question: str, answer: str) -> Result:
        """Answer one contested question and re-weigh."""
        if question not in self.answers:
            raise UnknownNameError(
                f"no question {question!r} here; questions: {', '.join(self.answers)}"
            )
        self.answers[question].value = answer
        return self.refresh()

    def refresh(self) -> Result:
        """Weigh the case with the current answers and redraw everything."""
        result = analyse(self.case, self.scenario, samples=0, whatifs=False).result
        self.result = result
        for eid in self.elements:
            er = result.element(eid)
            status = status_word(er.satisfied, er.reached)
            self.headers[eid].value = (
                f"<h3>{html.escape(er.name)}</h3>{strength_gauge(er.strength, status)}"
                "<p>Bars below: how much each argument moves it.</p>"
            )
            for side in ("movant", "opponent"):
                args = self.case.arguments_for(eid, side)
                self.sides[f"{eid}:{side}"].value = (
                    f"<h4>{'Movant' if side == 'movant' else 'Opponent'}</h4>"
                    + _argument_list(args, result, self.case)
                )
            with unchecked():
                self.charts[eid].chart = charts.element_contributions(result, self.case, eid)
        self.outcome.value = (
            f"<p><b>{html.escape(charts.outcome_words(result))}</b><br>"
            f"{html.escape(result.explanation)}</p>"
        )
        return result

    def summary(self) -> str:
        """The elements' strengths and the outcome as plain text (for printing)."""
        result = self.result or self.refresh()
        return f"{element_summary(result, self.elements)}\nOutcome: {result.outcome}"


def strength_gauge(strength: float, status: str) -> str:
    """An element's strength as a bar from 0 to 1 with the dashed 0.5 "likely" line (HTML)."""
    colour = {"met": "#0072B2", "not met": "#D55E00"}.get(status, "#767676")
    pct = max(0.0, min(1.0, strength)) * 100
    words = f"Strength {strength:.2f} ({status}); an element is likely above 0.5"
    return (
        f'<div class="wb-gauge" role="img" aria-label="{html.escape(words)}" '
        'style="display:flex;align-items:center;gap:8px;margin:2px 0">'
        '<div style="position:relative;width:260px;height:14px;background:#eeeeee;'
        'border:1px solid #767676">'
        f'<div style="width:{pct:.1f}%;height:100%;background:{colour}"></div>'
        '<div style="position:absolute;left:50%;top:-4px;bottom:-4px;'
        'border-left:2px dashed #000"></div></div>'
        f"<span>Strength <b>{strength:.2f}</b> ({html.escape(status)}); the dashed line is "
        "0.5, the <i>likely</i> line</span></div>"
    )


def _element_ids(case: Case, which: Iterable[str]) -> tuple[str, ...]:
    """Element ids from ids or roles, in case order."""
    wanted = set(which)
    ids = tuple(e.id for e in case.elements if e.id in wanted or e.role in wanted)
    if not ids:
        known = ", ".join(sorted({e.id for e in case.elements} | {e.role for e in case.elements}))
        raise UnknownNameError(
            f"no element matches {sorted(wanted)}; use element ids or roles: {known}"
        )
    return ids


def build_element_panel(
    case: Case, which: Iterable[str], *, standard: str = "winter"
) -> ElementPanel:
    """A panel for some elements, named by id or by role (e.g. ``["threshold"]``).

    Shows each element's arguments for both sides, a dropdown for each
    contested question that bears on the elements, the element's strength
    with its contributions chart, and the motion's outcome.
    """
    setup()
    ids = _element_ids(case, which)
    questions = [q for q in case.questions if set(q.elements) & set(ids)]
    answers = question_controls(questions)
    headers = {e: widgets.HTML() for e in ids}
    sides = {
        f"{e}:{s}": widgets.HTML(layout=widgets.Layout(width="50%"))
        for e in ids
        for s in ("movant", "opponent")
    }
    empty = charts.tornado([])
    chart_boxes = {e: chart_widget(empty) for e in ids}
    outcome, error = widgets.HTML(), error_box()
    parts: list[widgets.Widget] = []
    if questions:
        parts.append(widgets.HTML("<h3>Contested questions</h3>"))
        parts.extend(_question_rows(questions, answers))
    for e in ids:
        parts.extend(
            [
                headers[e],
                widgets.HBox([sides[f"{e}:movant"], sides[f"{e}:opponent"]]),
                chart_boxes[e],
            ]
        )
    box = widgets.VBox([outcome, error, *parts, accessible_names()])
    panel = ElementPanel(
        case, ids, answers, headers, sides, chart_boxes, outcome, error, box, standard
    )
    on_change = errors_to(error)(lambda _change: panel.refresh())
    for dropdown in answers.values():
        dropdown.observe(on_change, names="value")
    panel.refresh()
    return panel
