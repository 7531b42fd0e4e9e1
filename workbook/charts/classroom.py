"""Charts of a class's work: how each exercise went, the outcomes reached, the arguments dropped.

Each chart takes one of the tables of :class:`workbook.exercises.classroom.ClassWork`
(``answers()``, ``outcomes()``, ``dropped()``; any DataFrame or rows with those
columns will do) and returns an Altair chart; labels are the exercises' prompts, the
elements' names and the arguments' headings, wrapped, never ids. An empty class
gives an empty chart that says so in its title.

>>> chart = class_outcomes([{"student": "A", "outcome": "denied", "deciding": "Harm"}])
>>> chart.to_dict()["title"]["text"]
'Outcomes the class reached'
"""

from __future__ import annotations

from typing import Any

import altair as alt

from workbook.charts._base import (
    inline,
    legend_below,
    records,
    side_scale,
    tooltips,
    wrap_label,
    wrapped_axis,
)

__all__ = ["class_answers", "class_dropped", "class_outcomes"]

_WIDTH = 360
_WRAP = 48
#: How an exercise went -> colour (Okabe–Ito: bluish green, sky blue, vermilion).
_HOW = {
    "right on the first try": "#009E73",
    "right on the second try": "#56B4E9",
    "not right": "#D55E00",
}
_OUTCOMES = {"granted": "#0072B2", "denied": "#E69F00"}


def _title(text: str, rows: list[dict[str, Any]], empty: str) -> alt.Title:
    return alt.Title(text, subtitle=empty if not rows else alt.Undefined)


def class_answers(answers: Any) -> alt.Chart:
    """One bar per exercise: how many students got it right first time, on a second try, or not."""
    rows = records(answers)
    labels: dict[int, str] = {}
    for r in rows:
        title = r.get("title") or r["prompt"]
        labels[int(r["number"])] = wrap_label(f"{int(r['number'])}. {title}", _WRAP)
    order = [labels[n] for n in sorted(labels)]
    data = [
        {
            "exercise": labels[int(r["number"])],
            "prompt": r["prompt"],
            "element": r["element"],
            "student": r["student"],
            "answer": r["answer"],
            "how": r["how"],
            "rank": list(_HOW).index(r["how"]) if r["how"] in _HOW else len(_HOW),
        }
        for r in rows
    ]
    lines = max((s.count("|") + 1 for s in order), default=1)
    chart: alt.Chart = (
        alt.Chart(
            inline(data),
            width=_WIDTH,
            height=alt.Step(lines * 12 + 14),
            title=_title("How the class answered each exercise", data, "no answers yet"),
        )
        .mark_bar()
        .encode(
            y=alt.Y("exercise:N", sort=order, title=None, axis=wrapped_axis()),
            x=alt.X("count():Q", title="students", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "how:N",
                scale=alt.Scale(domain=list(_HOW), range=list(_HOW.values())),
                title="how it went",
                legend=legend_below(),
            ),
            order=alt.Order("rank:Q"),
            tooltip=tooltips("prompt:N", "element:N", "student:N", "answer:N", "how:N"),
        )
    )
    return chart


def class_outcomes(outcomes: Any) -> alt.Chart:
    """How many students' scenarios end granted or denied, by the element that decides."""
    rows = records(outcomes)
    data = [
        {
            "outcome": r["outcome"],
            "deciding": wrap_label(str(r.get("deciding") or "no single element")),
            "student": r["student"],
        }
        for r in rows
    ]
    chart: alt.Chart = (
        alt.Chart(
            inline(data),
            width=_WIDTH,
            title=_title("Outcomes the class reached", data, "no work products yet"),
        )
        .mark_bar()
        .encode(
            y=alt.Y("deciding:N", title="deciding element", axis=wrapped_axis()),
            x=alt.X("count():Q", title="students", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "outcome:N",
                scale=alt.Scale(domain=list(_OUTCOMES), range=list(_OUTCOMES.values())),
                title="outcome",
                legend=legend_below(),
            ),
            tooltip=tooltips("student:N", "outcome:N", "deciding:N"),
        )
    )
    return chart


def class_dropped(dropped: Any, *, top: int = 10) -> alt.Chart:
    """The arguments most students dropped (the ``top`` most), coloured by side."""
    rows = records(dropped)
    rows = sorted(rows, key=lambda r: (-int(r["students"]), str(r["argument"])))[:top]
    data = [
        {
            "argument": wrap_label(str(r["argument"]), _WRAP),
            "heading": r["argument"],
            "side": r["side"],
            "element": r["element"],
            "students": int(r["students"]),
        }
        for r in rows
    ]
    lines = max((d["argument"].count("|") + 1 for d in data), default=1)
    chart: alt.Chart = (
        alt.Chart(
            inline(data),
            width=_WIDTH,
            height=alt.Step(lines * 12 + 14),
            title=_title("Arguments the class dropped most", data, "no argument dropped"),
        )
        .mark_bar()
        .encode(
            y=alt.Y(
                "argument:N", sort=[d["argument"] for d in data], title=None, axis=wrapped_axis()
            ),
            x=alt.X(
                "students:Q",
                title="students who dropped it",
                axis=alt.Axis(tickMinStep=1, format="d"),
            ),
            color=alt.Color("side:N", scale=side_scale(), title="side", legend=legend_below()),
            tooltip=tooltips("heading:N", "side:N", "element:N", "students:Q"),
        )
    )
    return chart
