"""The workbench's moot-court tab: reset to the case file, and two scenarios side by side.

:func:`comparison_html` renders a :class:`~workbook.engine.compare.ScenarioComparison`
(a plain function, tested without widgets); :class:`CompareControls` holds the
buttons, the file box and the table, which the workbench wires to its methods.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import ipywidgets as widgets

from workbook import charts
from workbook.engine.compare import Difference, ScenarioComparison

__all__ = ["CompareControls", "comparison_html"]


def _rows(title: str, rows: Sequence[Difference], empty: str) -> str:
    head = f"<tr><th colspan='3' class='wb-cmp-group'>{html.escape(title)}</th></tr>"
    if not rows:
        return head + f"<tr><td colspan='3'><i>{html.escape(empty)}</i></td></tr>"
    return head + "".join(
        f"<tr><td>{html.escape(d.what)}</td><td>{html.escape(d.a)}</td>"
        f"<td>{html.escape(d.b)}</td></tr>"
        for d in rows
    )


def comparison_html(diff: ScenarioComparison, names: tuple[str, str] = ("A", "B")) -> str:
    """Two scenarios side by side as an HTML table: outcome, factors, and what differs.

    Every piece of case or user text is escaped.
    """
    a, b = (html.escape(n) for n in names)
    outcome = Difference("Outcome", charts.outcome_words(diff.a), charts.outcome_words(diff.b))
    verdict = (
        "The two scenarios are the same."
        if diff.same
        else (
            "Same outcome." if diff.a.granted == diff.b.granted else "<b>The outcome differs.</b>"
        )
    )
    return (
        f"<p>{verdict}</p><table class='wb-compare'>"
        f"<colgroup><col style='width:34%'><col style='width:33%'><col style='width:33%'>"
        f"</colgroup><tr><th></th><th>{a}</th><th>{b}</th></tr>"
        + _rows("Outcome", [outcome], "")
        + _rows("Factor balance", diff.factors, "no factor reached")
        + _rows("Elements", diff.elements, "")
        + _rows("Answers that differ", diff.answers, "the same answers")
        + _rows("Standard and semantics", diff.settings, "the same")
        + _rows("Arguments that differ", diff.arguments, "the same arguments and strengths")
        + "</table>"
    )


class CompareControls:
    """Reset, pin as A, compare with A or with a saved file, and the table (``.widget``)."""

    def __init__(self, file_name: str) -> None:
        small = widgets.Layout(width="auto")
        self.reset = widgets.Button(description="Reset to the case file", icon="undo", layout=small)
        self.pin = widgets.Button(
            description="Pin this scenario as A", icon="thumb-tack", layout=small
        )
        self.compare = widgets.Button(
            description="Compare with A", icon="columns", button_style="primary", layout=small
        )
        self.path = widgets.Text(
            value=file_name, description="file", layout=widgets.Layout(width="auto")
        )
        self.compare_file = widgets.Button(
            description="Compare with file", icon="folder-open", layout=small
        )
        self.status = widgets.HTML()
        self.error = widgets.HTML()
        self.table = widgets.HTML()
        self.table.add_class("wb-compare-out")
        wrap = widgets.Layout(flex_flow="row wrap", grid_gap="4px")
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<small>Pin a scenario as A, change what you like, then compare: the "
                    "table shows A beside the scenario on screen now (B). Reset puts every "
                    "answer, strength and argument back as the case file has it (your own "
                    "arguments are removed).</small>"
                ),
                widgets.HBox([self.reset, self.pin, self.compare], layout=wrap),
                widgets.HBox([self.path, self.compare_file], layout=wrap),
                self.error,
                self.status,
                self.table,
            ]
        )
