"""Widgets for the notebooks: a thin skin over tables, the engine and the charts.

Each builder returns a small object holding the widget tree (``.widget``)
and plain methods that do what the controls do (``set_answer``,
``set_filter``, ``refresh``...). The controls call those methods; tests call
them directly, without a browser. A callback that fails shows its error in
red in the widget (``.error``) instead of vanishing in the kernel log.

Everything a user typed is escaped before it is shown as HTML.

The tables are plain pandas, sorted, so a notebook prints the same on every run::

    >>> from workbook import load_case
    >>> case = load_case(CASES / "legion-v-lutnick")
    >>> list(facts_table(case).columns)
    ['date', 'status', 'fact', 'statement', 'sources']
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import ipywidgets as widgets
import pandas as pd

from . import charts
from .display import chart_widget, setup, unchecked
from .models import Argument, Case, Question
from .scenario import Scenario
from .ui_verification import check_citations, cite_label, cites_html
from .weigh import Result, weigh

__all__ = [
    "ANY",
    "AuthorityBrowser",
    "ElementPanel",
    "arguments_table",
    "authorities_table",
    "build_authority_browser",
    "build_element_panel",
    "check_citations",
    "claims_table",
    "element_summary",
    "errors_to",
    "facts_table",
    "filter_authorities",
    "harm_table",
    "html_table",
    "parties_table",
    "question_controls",
]

ANY = "(any)"
"""The filter value that lets every row through."""

F = TypeVar("F", bound=Callable[..., Any])
_ROLE_ORDER = ("threshold", "likelihood-of-success", "irreparable-harm", "balance-of-equities",
               "public-interest")


# --------------------------------------------------------------------------- errors


def errors_to(box: widgets.HTML) -> Callable[[F], F]:
    """Decorate a callback so that an exception is shown in ``box`` rather than lost.

    The box is cleared when the callback next succeeds. The exception is not
    re-raised: a widget callback has no caller to raise to.
    """

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                out = fn(*args, **kwargs)
            except Exception as exc:  # shown to the user, see the docstring
                box.value = (
                    '<div class="wb-error" style="color:#D55E00;white-space:pre-wrap">'
                    f"<b>{html.escape(type(exc).__name__)}</b>: {html.escape(str(exc))}</div>"
                )
                return None
            box.value = ""
            return out

        return run  # type: ignore[return-value]

    return wrap


class ControlPanel:
    """What every widget builder here shares: quiet syncs and visible errors.

    A builder sets ``self.error`` (an HTML widget shown to the user) before it
    wires callbacks with :meth:`_on`.
    """

    error: widgets.HTML
    _syncing: bool = False

    def _sync(self, box: widgets.ValueWidget, value: Any) -> None:
        """Set a control without firing its callback (the caller does the work once)."""
        self._syncing = True
        try:
            box.value = value
        finally:
            self._syncing = False

    def _on(self, fn: Any) -> Any:
        """Wrap a control callback: ignore programmatic syncs, show errors in the error box."""
        guarded = errors_to(self.error)(fn)

        def handler(change: Any) -> None:
            if not self._syncing:
                guarded(change)

        return handler


def _error_box() -> widgets.HTML:
    return widgets.HTML(value="")


# --------------------------------------------------------------------------- tables


def html_table(frame: pd.DataFrame, *, max_rows: int | None = None) -> str:
    """A DataFrame as an HTML table, every cell escaped."""
    return str(frame.to_html(index=False, escape=True, max_rows=max_rows, border=0,
                             classes="wb-table"))


def _labels(case: Case) -> dict[str, str]:
    """Authority id -> short form, marked when the authority is not verified."""
    return {a.id: cite_label(a.short or a.id, a.verification.status) for a in case.authorities}


def parties_table(case: Case) -> pd.DataFrame:
    """The parties, in case-file order."""
    return pd.DataFrame(
        [{"party": p.id, "name": p.name, "role": p.role, "description": p.description}
         for p in case.parties],
        columns=["party", "name", "role", "description"],
    )


def claims_table(case: Case) -> pd.DataFrame:
    """The claims, with how we know of them and the authorities they rest on."""
    short = _labels(case)
    return pd.DataFrame(
        [{"claim": c.id, "title": c.title, "status": c.status, "summary": c.summary,
          "authorities": "; ".join(short.get(x.id, x.id) for x in c.authorities)}
         for c in case.claims],
        columns=["claim", "title", "status", "summary", "authorities"],
    )


def facts_table(case: Case) -> pd.DataFrame:
    """Every fact with its status and sources: dated facts by date, then undated ones by id."""
    rows = []
    for f in case.facts:
        rows.append({
            "date": f.date.isoformat() if f.date else "",
            "status": f.status,
            "fact": f.id,
            "statement": f.statement,
            "sources": ", ".join(f.sources),
        })
    frame = pd.DataFrame(rows, columns=["date", "status", "fact", "statement", "sources"])
    frame["_undated"] = frame["date"] == ""
    frame = frame.sort_values(["_undated", "date", "fact"], kind="stable")
    return frame.drop(columns="_undated").reset_index(drop=True)


def _authority_uses(case: Case) -> dict[str, tuple[set[str], set[str]]]:
    """Authority id -> (elements it is cited on, sides that cite it)."""
    uses: dict[str, tuple[set[str], set[str]]] = {a.id: (set(), set()) for a in case.authorities}
    for arg in case.arguments:
        for cite in arg.authorities:
            if cite.id in uses:
                uses[cite.id][0].add(arg.element)
                uses[cite.id][1].add(arg.side)
    for q in case.questions:
        for answer in q.answers:
            for cite in answer.authorities:
                if cite.id in uses:
                    uses[cite.id][0].update(q.elements)
    for claim in case.claims:
        for cite in claim.authorities:
            if cite.id in uses:
                uses[cite.id][1].add("movant")
    return uses


AUTHORITY_COLUMNS = ["short", "kind", "topics", "elements", "sides", "status", "citation",
                     "proposition", "id"]


def authorities_table(case: Case) -> pd.DataFrame:
    """One row per authority: short form, kind, topics, elements, sides, verification status.

    ``topics``, ``elements`` and ``sides`` are sorted and comma-separated;
    ``elements`` and ``sides`` say where the case file cites the authority
    (arguments, question answers, claims). Rows are sorted by short form.
    """
    uses = _authority_uses(case)
    rows = []
    for a in case.authorities:
        elements, sides = uses[a.id]
        rows.append({
            "short": a.short or a.id,
            "kind": a.kind,
            "topics": ", ".join(sorted(a.topics)),
            "elements": ", ".join(sorted(elements)),
            "sides": ", ".join(sorted(sides)),
            "status": a.verification.status,
            "citation": a.citation,
            "proposition": a.proposition,
            "id": a.id,
        })
    frame = pd.DataFrame(rows, columns=AUTHORITY_COLUMNS)
    return frame.sort_values(["short", "id"], kind="stable").reset_index(drop=True)


def _has(cell: str, value: str) -> bool:
    return value in [p.strip() for p in cell.split(",")]


def filter_authorities(
    table: pd.DataFrame,
    *,
    topic: str = ANY,
    element: str = ANY,
    side: str = ANY,
    kind: str = ANY,
    status: str = ANY,
) -> pd.DataFrame:
    """The rows of :func:`authorities_table` that match every filter (``ANY`` matches all)."""
    keep = pd.Series(True, index=table.index)
    for column, value in (("topics", topic), ("elements", element), ("sides", side)):
        if value != ANY:
            keep &= table[column].map(lambda cell, v=value: _has(str(cell), v))
    for column, value in (("kind", kind), ("status", status)):
        if value != ANY:
            keep &= table[column] == value
    return table[keep].reset_index(drop=True)


def _choices(table: pd.DataFrame, column: str) -> list[str]:
    values: set[str] = set()
    for cell in table[column]:
        values.update(p.strip() for p in str(cell).split(",") if p.strip())
    return [ANY, *sorted(values)]


def arguments_table(case: Case, result: Result | None = None,
                    elements: Iterable[str] | None = None) -> pd.DataFrame:
    """Arguments (optionally of some elements) with base and final strength and whether in play."""
    wanted = set(elements) if elements is not None else None
    short = _labels(case)
    rows = []
    for a in case.arguments:
        if wanted is not None and a.element not in wanted:
            continue
        final = result.strengths.get(a.id) if result is not None else None
        rows.append({
            "element": a.element,
            "side": a.side,
            "argument": a.id,
            "heading": a.heading,
            "base": round(a.strength, 2),
            "final": round(final, 2) if final is not None else None,
            "in play": "yes" if result is None or a.id in result.strengths
            else result.excluded.get(a.id, "no"),
            "authorities": "; ".join(short.get(c.id, c.id) for c in a.authorities),
        })
    return pd.DataFrame(rows, columns=["element", "side", "argument", "heading", "base", "final",
                                       "in play", "authorities"])


def harm_table(case: Case) -> pd.DataFrame:
    """The arguments that name a kind of irreparable harm: side, type and the evidence needed."""
    rows = [
        {"argument": a.id, "side": a.side, "heading": a.heading, "harm type": a.harm.type,
         "evidence a court would want": "; ".join(a.harm.evidence)}
        for a in case.arguments if a.harm is not None
    ]
    return pd.DataFrame(rows, columns=["argument", "side", "heading", "harm type",
                                       "evidence a court would want"])


def element_summary(result: Result, elements: Iterable[str] | None = None) -> str:
    """Plain-text lines, one per element: strength and whether it is met (for printing)."""
    wanted = set(elements) if elements is not None else None
    lines = []
    for e in result.elements:
        if wanted is not None and e.id not in wanted:
            continue
        status = "not reached" if not e.reached or e.satisfied is None else (
            "met" if e.satisfied else "not met")
        lines.append(f"{e.name}: {e.strength:.2f} ({status})")
    return "\n".join(lines)


# --------------------------------------------------------------------------- authority browser


@dataclass
class AuthorityBrowser:
    """A filterable table of a case's authorities (built by :func:`build_authority_browser`)."""

    case: Case
    table: pd.DataFrame
    filters: dict[str, widgets.Dropdown]
    body: widgets.HTML
    count: widgets.Label
    error: widgets.HTML
    widget: widgets.VBox
    shown: pd.DataFrame = field(default_factory=pd.DataFrame)

    def set_filter(self, **values: str) -> pd.DataFrame:
        """Set some filters (topic, element, side, kind, status) and return the rows shown."""
        for name, value in values.items():
            if name not in self.filters:
                raise KeyError(f"no filter {name!r}; filters are: {', '.join(self.filters)}")
            box = self.filters[name]
            if value not in box.options:
                raise ValueError(f"{value!r} is not a {name} in this case; "
                                 f"choose one of: {', '.join(map(str, box.options))}")
            box.value = value  # fires refresh through the observer
        return self.refresh()

    def refresh(self) -> pd.DataFrame:
        """Redraw the table from the current filters and return the rows shown."""
        picked = {name: str(box.value) for name, box in self.filters.items()}
        self.shown = filter_authorities(self.table, **picked)
        cols = ["short", "kind", "topics", "elements", "sides", "status", "proposition"]
        self.body.value = html_table(self.shown[cols])
        self.count.value = f"{len(self.shown)} of {len(self.table)} authorities"
        return self.shown


def build_authority_browser(case: Case) -> AuthorityBrowser:
    """Dropdown filters (topic, element, side, kind, verification status) over the authorities."""
    setup()
    table = authorities_table(case)
    columns = {"topic": "topics", "element": "elements", "side": "sides", "kind": "kind",
               "status": "status"}
    filters = {
        name: widgets.Dropdown(options=_choices(table, col), value=ANY, description=name,
                               layout=widgets.Layout(width="260px"))
        for name, col in columns.items()
    }
    body, count, error = widgets.HTML(), widgets.Label(), _error_box()
    box = widgets.VBox([widgets.HBox(list(filters.values()),
                                     layout=widgets.Layout(flex_flow="row wrap")),
                        count, error, body])
    browser = AuthorityBrowser(case, table, filters, body, count, error, box)
    on_change = errors_to(error)(lambda _change: browser.refresh())
    for dropdown in filters.values():
        dropdown.observe(on_change, names="value")
    browser.refresh()
    return browser


# --------------------------------------------------------------------------- questions


def question_controls(questions: Sequence[Question]) -> dict[str, widgets.Dropdown]:
    """One dropdown per contested question, set to its default answer."""
    return {
        q.id: widgets.Dropdown(
            options=[(a.label, a.id) for a in q.answers], value=q.default,
            description="", layout=widgets.Layout(width="auto"),
        )
        for q in questions
    }


def _question_rows(questions: Sequence[Question],
                   controls: Mapping[str, widgets.Dropdown]) -> list[widgets.Widget]:
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
        state = (f"strength {a.strength:.2f} → {final:.2f}" if final is not None
                 else f"out: {result.excluded.get(a.id, 'not in play')}")
        links = _links(a, case)
        cites = cites_html(case, a.authorities)
        items.append(
            f"<li><b>{html.escape(a.heading)}</b> <small>({html.escape(a.id)}; "
            f"{html.escape(state)})</small><br>{html.escape(a.body)}"
            + (f"<br><small>{html.escape(links)}</small>" if links else "")
            + (f"<br><small>Authorities: {cites}</small>" if cites else "")
            + "</li>"
        )
    return "<ul>" + "".join(items) + "</ul>"


def _links(arg: Argument, case: Case) -> str:
    """Plain text naming what an argument rebuts and supports, and what rebuts it."""
    attacked_by = [a.id for a in case.arguments if arg.id in a.attacks]
    links = (("Rebuts", arg.attacks), ("Supports", arg.supports), ("Rebutted by", attacked_by))
    return ". ".join(f"{words}: {', '.join(ids)}" for words, ids in links if ids)


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
        return Scenario(case=self.case.case.id, standard=self.standard,
                        answers={q: str(w.value) for q, w in self.answers.items()})

    def set_answer(self, question: str, answer: str) -> Result:
        """Answer one contested question and re-weigh."""
        if question not in self.answers:
            raise KeyError(f"no question {question!r} here; questions: {', '.join(self.answers)}")
        self.answers[question].value = answer
        return self.refresh()

    def refresh(self) -> Result:
        """Weigh the case with the current answers and redraw everything."""
        result = weigh(self.case, self.scenario)
        self.result = result
        for eid in self.elements:
            er = result.element(eid)
            status = "not reached" if not er.reached or er.satisfied is None else (
                "met" if er.satisfied else "not met")
            self.headers[eid].value = (
                f"<h3>{html.escape(er.name)}</h3><p>Strength <b>{er.strength:.2f}</b> "
                f"({html.escape(status)}). Bars below: how much each argument moves it.</p>"
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


def _element_ids(case: Case, which: Iterable[str]) -> tuple[str, ...]:
    """Element ids from ids or roles, in case order."""
    wanted = set(which)
    ids = tuple(e.id for e in case.elements if e.id in wanted or e.role in wanted)
    if not ids:
        known = ", ".join(sorted({e.id for e in case.elements} | {e.role for e in case.elements}))
        raise KeyError(f"no element matches {sorted(wanted)}; use element ids or roles: {known}")
    return ids


def build_element_panel(case: Case, which: Iterable[str], *, standard: str = "winter"
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
    sides = {f"{e}:{s}": widgets.HTML(layout=widgets.Layout(width="50%"))
             for e in ids for s in ("movant", "opponent")}
    empty = charts.tornado([])
    chart_boxes = {e: chart_widget(empty) for e in ids}
    outcome, error = widgets.HTML(), _error_box()
    parts: list[widgets.Widget] = []
    if questions:
        parts.append(widgets.HTML("<h3>Contested questions</h3>"))
        parts.extend(_question_rows(questions, answers))
    for e in ids:
        parts.extend([headers[e],
                      widgets.HBox([sides[f"{e}:movant"], sides[f"{e}:opponent"]]),
                      chart_boxes[e]])
    box = widgets.VBox([outcome, error, *parts])
    panel = ElementPanel(case, ids, answers, headers, sides, chart_boxes, outcome, error, box,
                         standard)
    on_change = errors_to(error)(lambda _change: panel.refresh())
    for dropdown in answers.values():
        dropdown.observe(on_change, names="value")
    panel.refresh()
    return panel
