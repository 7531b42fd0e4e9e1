"""The timeline of a case's dated facts: an overview strip that chooses the weeks shown above it.

Facts crowd around a few days (the order, the complaint, the hearing), so one
axis over the whole span squeezes them into a sliver with labels on top of each
other. The chart is two views of one axis instead: the *overview* below shows
every fact over the whole span, with a window (drag it, or drag across the
strip to draw a new one); the *detail* above shows the weeks in the window,
each fact numbered and labelled with the start of its statement. The window
opens on the busiest weeks. Labels are staggered over rows so that, at the
opening window, none overlaps another; a fact whose label would not fit keeps
its number only. Hover a point for the whole statement and its sources; the
numbers are the ``#`` column of the facts table.

>>> from workbook import load_case
>>> rows = timeline_rows(load_case(CASES / "tiktok-v-trump"))
>>> rows[0]["n"], rows[0]["date"]
(1, '2019-05-15')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import altair as alt

from workbook.charts._base import inline, tooltips
from workbook.models import Case, Fact
from workbook.vocabulary import FACT_STATUS_COLORS

__all__ = ["dated_facts", "timeline", "timeline_rows"]

_STATUS_SHAPES = {
    "confirmed": "circle",
    "reported": "square",
    "alleged": "triangle-up",
    "disputed": "diamond",
}
_WIDTH = 760
_LANES = 12
_LANE_PX = 20
_CHAR_PX = 6.4  # Vega's 11px sans-serif, an average character
_LABEL = 60  # characters of a statement a label shows, at most


def _short(text: str, limit: int = _LABEL) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def _window(dates: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    """The busiest stretch of an eighth of the span (at least four weeks), padded."""
    start, end = _busiest(dates)
    return start, min(end, dates[-1] + dt.timedelta(days=3))


def _busiest(dates: Sequence[dt.date]) -> tuple[dt.date, dt.date]:
    first, last = dates[0], dates[-1]
    span = max((last - first).days, 1)
    length = max(28, span // 8)
    if span <= length:
        return first - dt.timedelta(days=2), last + dt.timedelta(days=max(4, span // 8))
    best, start = -1, first
    for d in dates:
        count = sum(1 for x in dates if d <= x <= d + dt.timedelta(days=length))
        if count > best:
            best, start = count, d
    return start - dt.timedelta(days=2), start + dt.timedelta(days=length + length // 6)


def dated_facts(case: Case) -> list[Fact]:
    """The dated facts in the order the timeline numbers them: by date, then by id.

    The facts table (:func:`workbook.tables.facts_table`) lists them in the same order.
    """
    return sorted((f for f in case.facts if f.date), key=lambda f: (f.date or dt.date.min, f.id))


def timeline_rows(case: Case) -> list[dict[str, Any]]:
    """One row a dated fact, in date order, numbered, with its label and label row (``lane``)."""
    filed = case.case.filed
    facts = dated_facts(case)
    titles = {s.id: s.title for s in case.sources}
    rows = [
        {
            "n": i + 1,
            "id": fact.id,
            "date": fact.date.isoformat() if fact.date else "",
            "status": fact.status,
            "statement": fact.statement,
            "sources": "; ".join(titles.get(s, s) for s in fact.sources),
            "label": "",
            "lane": 0,
            "after": bool(filed and fact.date and fact.date > filed),
        }
        for i, fact in enumerate(facts)
    ]
    if facts:
        _stagger(rows, [f.date for f in facts if f.date])
    return rows


def _stagger(rows: list[dict[str, Any]], dates: Sequence[dt.date]) -> None:
    """Rows for the labels, so that none overlaps another at the opening window's scale.

    First every fact gets the first row clear of the number before it; then each
    number grows into its label where the label clears the next fact on its row.
    """
    start, end = _window(dates)
    per_day = _WIDTH / max((end - start).days, 1)
    xs = [(d - start).days * per_day for d in dates]
    ends = [-1e9] * _LANES
    statements = [str(r["statement"]) for r in rows]
    for row, x in zip(rows, xs, strict=True):
        number = str(row["n"])
        lane = next((k for k in range(_LANES) if ends[k] < x - 2), None)
        if lane is None:  # too crowded even for numbers: the point alone, on the freest row
            lane, number = min(range(_LANES), key=lambda k: ends[k]), ""
        row["label"], row["lane"] = number, lane
        ends[lane] = max(ends[lane], x + 12 + len(number) * _CHAR_PX)
    for i, row in enumerate(rows):
        if not row["label"]:
            continue
        following = [xs[j] for j in range(i + 1, len(rows)) if rows[j]["lane"] == row["lane"]]
        room = min(following[0] if following else 1e9, _WIDTH + 40) - xs[i]
        chars = min(_LABEL, int((room - 20) / _CHAR_PX) - len(row["label"]) - 2)
        if chars >= 10:
            row["label"] = f"{row['label']}. {_short(statements[i], chars)}"


def _points(data: dict[str, Any], x: alt.X, y: alt.Y, size: int, clip: bool) -> alt.Chart:
    statuses = list(FACT_STATUS_COLORS)
    chart: alt.Chart = (
        alt.Chart(data)
        .mark_point(size=size, filled=True, stroke="black", strokeWidth=0.5, clip=clip)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=statuses, range=list(FACT_STATUS_COLORS.values())),
                legend=alt.Legend(orient="bottom", title="status"),
            ),
            shape=alt.Shape(
                "status:N",
                scale=alt.Scale(domain=statuses, range=[_STATUS_SHAPES[s] for s in statuses]),
            ),
            tooltip=tooltips("n:Q", "date:T", "status:N", "statement:N", "sources:N"),
        )
    )
    return chart


def _filing(filed: dt.date, x: alt.X, label: bool) -> list[alt.Chart]:
    """The dashed "complaint filed" rule, and its label above the detail view."""
    rule = inline([{"date": filed.isoformat(), "what": "complaint filed"}])
    out = [
        alt.Chart(rule)
        .mark_rule(strokeDash=[4, 4], color="black")
        .encode(x=x, tooltip=tooltips("what:N", "date:T"))
    ]
    if label:
        out.append(
            alt.Chart(rule)
            .mark_text(align="left", dx=3, dy=-4, baseline="bottom", fontSize=10)
            .encode(x=x, y=alt.value(0), text=alt.Text("what:N"))
        )
    return out


def timeline(case: Case) -> alt.VConcatChart:
    """The dated facts: a detail view of the busiest weeks above an overview that moves it.

    Facts after the complaint was filed sit right of the dashed "complaint filed" rule.
    Undated facts are left out (the facts table lists them).
    """
    rows = timeline_rows(case)
    dates = [dt.date.fromisoformat(r["date"]) for r in rows]
    filed = case.case.filed
    after = sum(1 for r in rows if r["after"])
    title = f"{case.case.title}: {len(rows)} dated facts, {after} after the complaint"
    data = inline(rows)
    if not rows:
        empty = alt.Chart(data).mark_point().encode(x=alt.X("date:T"))
        return alt.VConcatChart(vconcat=[empty], data=data, title=title)
    start, end = _window(dates)
    lo, hi = dates[0] - dt.timedelta(days=3), dates[-1] + dt.timedelta(days=3)
    if filed:
        lo, hi = min(lo, filed), max(hi, filed)
    window = alt.selection_interval(
        name="window",
        encodings=["x"],
        value={"x": [_datetime(start), _datetime(end)]},
    )
    lanes = max(r["lane"] for r in rows) + 1
    # The window's dates, or (before it is first drawn, and when it is cleared) the opening
    # weeks: Vega-Lite does not apply an interval's initial value to a scale bound to it.
    detail_x = alt.X(
        "date:T",
        title=None,
        axis=alt.Axis(format="%b %d", labelOverlap=True),
        scale=alt.Scale(
            domain=[start.isoformat(), end.isoformat()],
            domainRaw=alt.ExprRef("window.date || null"),
        ),
    )
    lane_y = alt.Y("lane:O", axis=None, scale=alt.Scale(domain=list(range(lanes))))
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=7, fontSize=11, clip=True)
        .encode(x=detail_x, y=lane_y, text=alt.Text("label:N"))
    )
    detail = alt.LayerChart(
        layer=[
            _points(data, detail_x, lane_y, 90, True),
            labels,
            *(_filing(filed, alt.X("date:T"), True) if filed else []),
        ],
        width=_WIDTH,
        height=lanes * _LANE_PX,
        title=alt.Title(
            "The weeks in the window",
            subtitle="Hover a point for the fact and its sources; the numbers are the table's #.",
            anchor="start",
            fontSize=12,
        ),
    )
    whole_x = alt.X(
        "date:T",
        title="Drag the grey window, or drag across this strip, to choose the weeks above",
        axis=alt.Axis(
            format="%b %Y",
            labelOverlap=True,
            tickCount=alt.TimeIntervalStep(interval="month", step=1),
        ),
        scale=alt.Scale(domain=[lo.isoformat(), hi.isoformat()]),
    )
    overview = alt.LayerChart(
        layer=[
            _points(data, whole_x, alt.Y("lane:O", axis=None), 30, False)
            .properties(name="overview")
            .add_params(window),
            *(_filing(filed, alt.X("date:T"), False) if filed else []),
        ],
        width=_WIDTH,
        height=44,
    )
    return alt.VConcatChart(vconcat=[detail, overview], data=data, title=title, spacing=6)


def _datetime(day: dt.date) -> alt.DateTime:
    return alt.DateTime(year=day.year, month=day.month, date=day.day)
