"""The odds over the open questions: which answer moves P(granted), and by how much.

:func:`value_of_information` draws one row per open question, most valuable
first: a dot for P(granted) if the court answers it each way, a bar between
the lowest and the highest, and a rule at P(granted) over all the odds. The
question worth briefing hardest is the one whose answers lie furthest apart.
"""

from __future__ import annotations

import textwrap
from typing import Any

import altair as alt

from workbook.charts._base import inline, tooltips
from workbook.models import Case

__all__ = ["value_of_information"]

_WIDTH = 280
"""The plot's width; with the wrapped questions (about 190px) it fits the workbench's
results column at 1280px, in Voilà and in JupyterLab."""
_WRAP = 36
_FONT = 10
_LINE = 12


def _lines(text: str, width: int = _WRAP) -> str:
    """Text wrapped into lines joined by "|" (the axis splits them; nothing is cut)."""
    return "|".join(textwrap.wrap(text, width)) or text


def _rows(mc: Any, case: Case | None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One row per (question, answer) for the dots, one per question for its span."""
    values = dict(getattr(mc, "value_of_information", {}) or {})
    rows: list[dict[str, Any]] = []
    spans: list[dict[str, Any]] = []
    for q_id, v in values.items():
        question = case.question(q_id) if case is not None else None
        label = _lines(question.text) if question is not None else q_id
        for a_id, p in v.p_granted_if.items():
            answer = question.answer(a_id).label if question is not None else a_id
            rows.append(
                {
                    "question": label,
                    "answer": answer,
                    "p": float(p),
                    "odds": float(v.odds.get(a_id, 0.0)),
                    "samples": int(v.samples_if.get(a_id, 0)),
                    "move": float(v.expected_move),
                }
            )
        if v.p_granted_if:
            low, high = min(v.p_granted_if.values()), max(v.p_granted_if.values())
            spans.append(
                {
                    "question": label,
                    "low": low,
                    "high": high,
                    "move": float(v.expected_move),
                    "range": f"{low:.2f}–{high:.2f}",
                }
            )
    return rows, spans


def _y(order: list[str]) -> alt.Y:
    """The question axis: wrapped labels, nothing cut, light row rules."""
    return alt.Y(
        "question:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            labelExpr="split(datum.label, '|')",
            labelLimit=0,
            labelFontSize=_FONT,
            labelLineHeight=_LINE,
            labelPadding=6,
            domain=False,
            ticks=False,
            grid=True,
            gridColor="#EEEEEE",
        ),
    )


def _layers(rows: list[dict[str, Any]], spans: list[dict[str, Any]], p: float) -> list[alt.Chart]:
    """The span between the answers, a dot per answer, the range as text, the overall rule."""
    y = _y([s["question"] for s in spans])
    domain = alt.Scale(domain=[0, 1])
    span = (
        alt.Chart(inline(spans))
        .mark_bar(height=6, color="#BBBBBB")
        .encode(
            y=y,
            x=alt.X("low:Q", scale=domain),
            x2="high:Q",
            tooltip=tooltips("question:N", "move:Q|.3f"),
        )
    )
    dots = (
        alt.Chart(inline(rows))
        .mark_point(filled=True, size=90, color="#0072B2")
        .encode(
            y=y,
            x=alt.X("p:Q", scale=domain, title="P(granted) if the court answers so"),
            size=alt.Size(
                "odds:Q",
                scale=alt.Scale(domain=[0, 1], range=[30, 300]),
                title="odds of the answer",
                legend=alt.Legend(orient="bottom", direction="horizontal"),
            ),
            tooltip=tooltips("question:N", "answer:N", "p:Q|.3f", "odds:Q|.2f", "samples:Q"),
        )
    )
    ranges = (
        alt.Chart(inline(spans))
        .mark_text(align="left", dx=10, fontSize=_FONT, color="#555555")
        .encode(y=y, x=alt.X("high:Q", scale=domain), text="range:N")
    )
    overall = (
        alt.Chart(inline([{"p": p}]))
        .mark_rule(color="black", strokeDash=[4, 3])
        .encode(x=alt.X("p:Q", scale=domain))
    )
    return [span, dots, ranges, overall]


def value_of_information(mc: Any, case: Case | None = None) -> alt.LayerChart:
    """P(granted) under each answer of each open question, most valuable question first.

    Args:
        mc: the engine's Monte Carlo result with ``value_of_information`` and ``p_granted``.
        case: gives the questions' text and the answers' labels (ids without it).

    """
    rows, spans = _rows(mc, case)
    p = float(getattr(mc, "p_granted", 0.0))
    if not spans:
        title = ["No open question: every answer is fixed", "(give a question odds to weigh it)"]
    else:
        title = [
            "Worth briefing hardest: the top row",
            f"(dashed: P(granted) over all the odds = {p:.2f})",
        ]
    lines = max((s["question"].count("|") + 1 for s in spans), default=1)
    return alt.LayerChart(
        layer=_layers(rows, spans, p),
        width=_WIDTH,
        height=alt.Step(max(24, lines * _LINE + 10)),
        title=alt.TitleParams(title, anchor="start", fontSize=12),
    )
