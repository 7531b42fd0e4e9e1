"""Charts of a weighed motion: each function returns an Altair chart and never displays it.

Every chart takes the engine's results (or the case) and returns a chart
object; display it in a notebook, save it with ``chart.save(...)``, or test
it through ``chart.to_dict()``. Colours come from the Okabe–Ito palette,
which stays distinct under the common forms of colour blindness: blue for
the movant, orange for the opponent. Shapes repeat what colour says, and
every chart states the outcome in words in its title.

The charts:

- :func:`factor_balance`: each element's pro and con contributions.
- :func:`argument_map`: the motion, its elements, the arguments and their
  rebuttals (layout in :mod:`workbook.charts_map`).
- :func:`element_contributions`: why one element has the strength it has.
- :func:`tornado`: how far each argument's strength moves the outcome.
- :func:`probability`: the Monte Carlo chance of each element and of the grant.
- :func:`timeline`: the dated facts, with the complaint's filing marked.
- :func:`compare`: the same case under several standards or semantics.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import altair as alt
import pandas as pd

from .charts_map import argument_map, map_layout
from .charts_map import tooltips as _tips
from .models import Case

__all__ = [
    "SIDE_COLORS",
    "STATUS_COLORS",
    "argument_map",
    "compare",
    "element_contributions",
    "factor_balance",
    "map_layout",
    "outcome_words",
    "probability",
    "records",
    "timeline",
    "tornado",
]

#: Okabe–Ito blue and orange: the two sides, everywhere.
SIDE_COLORS: Mapping[str, str] = {"movant": "#0072B2", "opponent": "#E69F00"}
#: Fact status, from best established to contested (Okabe–Ito green, sky blue, yellow, vermillion).
STATUS_COLORS: Mapping[str, str] = {
    "confirmed": "#009E73",
    "reported": "#56B4E9",
    "alleged": "#F0E442",
    "disputed": "#D55E00",
}
_STATUS_SHAPES = {"confirmed": "circle", "reported": "square", "alleged": "triangle-up",
                  "disputed": "diamond"}
_WIDTH = 520


class ElementLike(Protocol):
    """What the charts read from one element's result (see ``workbook.weigh.ElementResult``)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def strength(self) -> float: ...
    @property
    def satisfied(self) -> bool | None: ...
    @property
    def reached(self) -> bool: ...
    @property
    def contributions(self) -> Mapping[str, float]: ...
    @property
    def pro(self) -> float: ...
    @property
    def con(self) -> float: ...


class ResultLike(Protocol):
    """What the charts read from a weighed motion (see ``workbook.weigh.Result``)."""

    @property
    def standard(self) -> str: ...
    @property
    def outcome(self) -> str: ...
    @property
    def deciding(self) -> str | None: ...
    @property
    def strengths(self) -> Mapping[str, float]: ...
    @property
    def excluded(self) -> Mapping[str, str]: ...
    @property
    def elements(self) -> Sequence[ElementLike]: ...


# --------------------------------------------------------------------------- helpers


def outcome_words(result: ResultLike) -> str:
    """The outcome in one short line, e.g. ``"Denied: decided on Irreparable harm (winter)"``."""
    names = {e.id: e.name for e in result.elements}
    text = result.outcome.capitalize()
    if result.deciding:
        text += f": decided on {names.get(result.deciding, result.deciding)}"
    return f"{text} ({result.standard})"


def records(obj: Any) -> list[dict[str, Any]]:
    """Plain dict rows from a DataFrame, a mapping, or a sequence of records.

    Records may be mappings, dataclasses or pydantic models, so the charts
    accept whatever shape the engine returns.

    >>> records([{"id": "a", "low": 0.1}])
    [{'id': 'a', 'low': 0.1}]
    >>> records({"a": 0.5})
    [{'id': 'a', 'value': 0.5}]
    """
    if obj is None:
        return []
    if isinstance(obj, pd.DataFrame):
        return [{str(k): v for k, v in row.items()} for row in obj.to_dict("records")]
    if isinstance(obj, Mapping):
        return [{"id": str(k), **_one(v)} for k, v in obj.items()]
    return [_one(item) for item in obj]


def _one(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return {str(k): v for k, v in item.items()}
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
    dump = getattr(item, "model_dump", None)
    if callable(dump):
        out = dump()
        return dict(out) if isinstance(out, Mapping) else {"value": out}
    if isinstance(item, (int, float)):
        return {"value": float(item)}
    return {"value": item}


def _first(row: Mapping[str, Any], *keys: str, default: Any = None) -> Any:
    for key in keys:
        if key in row and row[key] is not None:
            return row[key]
    return default


def _status(element: ElementLike) -> str:
    if not element.reached or element.satisfied is None:
        return "not reached"
    return "met" if element.satisfied else "not met"


def _inline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows as inline chart data.

    Plain JSON rows, not a DataFrame (Altair sanitizes every DataFrame column
    by column on each ``to_dict``) nor an ``alt.InlineData`` (validated on
    creation): both are too slow for a live redraw.
    """
    return {"values": rows}


def _side_scale() -> alt.Scale:
    return alt.Scale(domain=list(SIDE_COLORS), range=list(SIDE_COLORS.values()))


# --------------------------------------------------------------------------- factor balance


def factor_balance(result: ResultLike) -> alt.LayerChart:
    """Each element's pro (movant) and con (opponent) contributions, one bar each way.

    Bars to the right are what the movant's arguments add to the element;
    bars to the left, what the opponent's take away. The label on each row
    gives the element's final strength and whether it is met.
    """
    rows: list[dict[str, Any]] = []
    order = [f"{e.name} ({e.strength:.2f}, {_status(e)})" for e in result.elements]
    for e, label in zip(result.elements, order, strict=True):
        for side, value in (("movant", abs(float(e.pro))), ("opponent", -abs(float(e.con)))):
            rows.append({
                "element": label,
                "id": e.id,
                "side": side,
                "value": round(value, 4),
                "strength": round(float(e.strength), 4),
                "status": _status(e),
            })
    bars = (
        alt.Chart(_inline(rows))
        .mark_bar()
        .encode(
            y=alt.Y("element:N", sort=order, title=None, axis=alt.Axis(labelLimit=320)),
            x=alt.X("value:Q", title="contribution to the strength (opponent ← → movant)"),
            color=alt.Color("side:N", scale=_side_scale(), title="side"),
            tooltip=_tips("element:N", "side:N", "value:Q|.3f"),
        )
    )
    zero = alt.Chart(_inline([{"value": 0.0}])).mark_rule(color="black").encode(
        x=alt.X("value:Q"))
    return alt.LayerChart(
        layer=[bars, zero], width=_WIDTH - 160, title=f"Factor balance. {outcome_words(result)}"
    )


# --------------------------------------------------------------------------- one element


def element_contributions(result: ResultLike, case: Case, element: str) -> alt.Chart:
    """Why one element has its strength: each argument's signed contribution, by side.

    A bar's length is how much the element's strength would change if the
    argument were removed; arguments ruled out by the scenario are not shown.
    """
    found = [e for e in result.elements if e.id == element]
    if not found:
        known = ", ".join(e.id for e in result.elements)
        raise KeyError(f"no element {element!r} in the result; elements are: {known}")
    el = found[0]
    heading = {a.id: a.heading for a in case.arguments}
    side = {a.id: a.side for a in case.arguments}
    rows = [
        {
            "argument": arg,
            "heading": heading.get(arg, arg),
            "side": side.get(arg, "movant" if value >= 0 else "opponent"),
            "contribution": round(float(value), 4),
        }
        for arg, value in sorted(el.contributions.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    title = f"{el.name}: strength {el.strength:.2f}, {_status(el)}"
    chart: alt.Chart = (
        alt.Chart(_inline(rows), width=_WIDTH, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("argument:N", sort=[str(r["argument"]) for r in rows], title=None),
            x=alt.X("contribution:Q", title="change in the element's strength if removed"),
            color=alt.Color("side:N", scale=_side_scale(), title="side"),
            tooltip=_tips("argument:N", "heading:N", "side:N", "contribution:Q|.3f"),
        )
    )
    return chart


# --------------------------------------------------------------------------- tornado


def tornado(
    rows: Any,
    *,
    sides: Mapping[str, str] | None = None,
    flips: Mapping[str, bool] | None = None,
    top: int | None = 15,
    title: str = "What moves the outcome",
) -> alt.LayerChart:
    """A tornado: for each argument, how far its strength alone moves an element.

    The dashed rule at 0.5 is the "likely" line an element must pass.

    Args:
        rows: the engine's tornado bars (``workbook.whatif.tornado``), or any
            rows (mappings, dataclasses, models, a DataFrame) with an argument
            id (``argument`` or ``id``), optionally the ``element`` it moves,
            the element's strength with the argument at 0 and at 1 (``low``,
            ``high``) and the current strength (``current``).
        sides: argument id -> side, to colour the bars (default: movant).
        flips: argument id -> whether some strength of the argument flips the
            outcome (its tipping point); those bars are solid, others faded.
        top: keep the widest swings only (``None``: all).
        title: the chart title.

    """
    sides = sides or {}
    flips = flips or {}
    data: list[dict[str, Any]] = []
    for row in records(rows):
        low = float(_first(row, "low", "min", default=0.0))
        high = float(_first(row, "high", "max", default=0.0))
        arg = str(_first(row, "argument", "id", "name", default="?"))
        element = str(_first(row, "element", default=""))
        data.append({
            "bar": f"{arg} → {element}" if element else arg,
            "argument": arg,
            "element": element,
            "low": round(min(low, high), 4),
            "high": round(max(low, high), 4),
            "current": round(float(_first(row, "current", "base", "value",
                                          default=(low + high) / 2)), 4),
            "side": str(_first(row, "side", default=sides.get(arg, "movant"))),
            "flips": bool(_first(row, "flips", default=flips.get(arg, False))),
        })
    data.sort(key=lambda r: (-(r["high"] - r["low"]), r["bar"]))
    shown = data if top is None else data[:top]
    order = [r["bar"] for r in shown]
    base = alt.Chart(_inline(shown)).encode(
        y=alt.Y("bar:N", sort=order, title=None, axis=alt.Axis(labelLimit=260))
    )
    bars = base.mark_bar(height=10).encode(
        x=alt.X("low:Q", scale=alt.Scale(domain=[0, 1]),
                title="element strength with the argument's base at 0 and at 1"),
        x2=alt.X2("high:Q"),
        color=alt.Color("side:N", scale=_side_scale(), title="side"),
        opacity=alt.Opacity("flips:N", scale=alt.Scale(domain=[True, False], range=[1.0, 0.4]),
                            title="can flip the outcome"),
        tooltip=_tips("argument:N", "element:N", "side:N", "flips:N", "low:Q|.3f", "high:Q|.3f"),
    )
    ticks = base.mark_tick(color="black", thickness=2).encode(x=alt.X("current:Q"))
    likely = (alt.Chart(_inline([{"x": 0.5}]))
              .mark_rule(strokeDash=[4, 4], color="#555555").encode(x=alt.X("x:Q")))
    more = f" (widest {len(shown)} of {len(data)})" if len(shown) < len(data) else ""
    return alt.LayerChart(layer=[bars, ticks, likely], width=_WIDTH, title=title + more)


# --------------------------------------------------------------------------- Monte Carlo


def probability(mc: Any, *, names: Mapping[str, str] | None = None) -> alt.LayerChart:
    """The Monte Carlo result: P(each element met) and P(granted) with its interval.

    Args:
        mc: the engine's Monte Carlo result, with ``p_granted``, ``interval``
            (low, high) and ``per_element`` ({element id: probability}).
        names: element id -> display name (defaults to the ids).

    """
    names = names or {}
    p = float(mc.p_granted)
    low, high = (float(v) for v in mc.interval)
    rows = [{"what": "motion granted", "p": p, "low": low, "high": high, "kind": "outcome"}]
    for eid, value in dict(getattr(mc, "per_element", {}) or {}).items():
        rows.append({"what": names.get(eid, eid), "p": float(value), "low": float(value),
                     "high": float(value), "kind": "element met"})
    order = [str(r["what"]) for r in rows]
    base = alt.Chart(_inline(rows)).encode(y=alt.Y("what:N", sort=order, title=None))
    bars = base.mark_bar().encode(
        x=alt.X("p:Q", scale=alt.Scale(domain=[0, 1]), title="probability"),
        color=alt.Color("kind:N", scale=alt.Scale(domain=["outcome", "element met"],
                                                  range=["#0072B2", "#999999"]), title=None),
        tooltip=_tips("what:N", "p:Q|.3f", "low:Q|.3f", "high:Q|.3f"),
    )
    interval = base.mark_rule(color="black", strokeWidth=2).encode(
        x=alt.X("low:Q"), x2=alt.X2("high:Q"))
    samples = getattr(mc, "samples", None)
    tail = f" over {int(samples):,} samples" if isinstance(samples, int) else ""
    title = f"P(granted) = {p:.2f} (interval {low:.2f}–{high:.2f}){tail}"
    return alt.LayerChart(layer=[bars, interval], width=_WIDTH, title=title)


# --------------------------------------------------------------------------- timeline


def timeline(case: Case) -> alt.LayerChart:
    """The dated facts on a time axis, coloured and shaped by status, with the filing marked.

    Facts after the complaint was filed sit to the right of the dashed
    "complaint filed" rule. Undated facts are left out (list them with a table).
    """
    filed = case.case.filed
    rows = []
    for i, fact in enumerate(case.timeline()):
        text = fact.statement if len(fact.statement) <= 70 else fact.statement[:67] + "..."
        rows.append({
            "id": fact.id,
            "date": fact.date.isoformat() if fact.date else "",
            "status": fact.status,
            "statement": fact.statement,
            "sources": ", ".join(fact.sources),
            "label": text,
            "lane": i % 6,
            "after": bool(filed and fact.date and fact.date > filed),
        })
    statuses = list(STATUS_COLORS)
    dates = [f.date for f in case.timeline() if f.date]
    scale = alt.Scale()
    if dates:
        # Room on the right for the last labels: a tenth of the span, at least ten days.
        span = max((dates[-1] - dates[0]).days, 1)
        end = dates[-1] + dt.timedelta(days=max(10, span // 10))
        scale = alt.Scale(domain=[(dates[0] - dt.timedelta(days=2)).isoformat(), end.isoformat()])
    base = alt.Chart(_inline(rows)).encode(
        x=alt.X("date:T", title="date", scale=scale),
        y=alt.Y("lane:O", axis=None),
    )
    points = base.mark_point(size=120, filled=True, stroke="black", strokeWidth=0.5).encode(
        color=alt.Color("status:N", scale=alt.Scale(domain=statuses,
                                                    range=list(STATUS_COLORS.values())),
                        legend=alt.Legend(orient="bottom")),
        shape=alt.Shape("status:N", scale=alt.Scale(domain=statuses,
                                                    range=[_STATUS_SHAPES[s] for s in statuses])),
        tooltip=_tips("date:T", "status:N", "statement:N", "sources:N", "id:N"),
    )
    labels = base.mark_text(align="left", dx=8, fontSize=10).encode(text=alt.Text("id:N"))
    layers: list[alt.Chart] = [points, labels]
    if filed:
        rule = _inline([{"date": filed.isoformat(), "what": "complaint filed"}])
        layers.append(alt.Chart(rule).mark_rule(strokeDash=[4, 4], color="black")
                      .encode(x=alt.X("date:T"), tooltip=_tips("what:N", "date:T")))
        layers.append(alt.Chart(rule).mark_text(align="left", dx=3, dy=-6, baseline="bottom")
                      .encode(x=alt.X("date:T"), y=alt.value(0), text=alt.Text("what:N")))
    after = sum(1 for r in rows if r["after"])
    title = f"{case.case.title}: {len(rows)} dated facts, {after} after the complaint"
    return alt.LayerChart(layer=layers, width=_WIDTH + 160, height=220, title=title)


# --------------------------------------------------------------------------- comparisons


def compare(results: Mapping[str, ResultLike] | Iterable[ResultLike]) -> alt.Chart:
    """The same case under several standards or semantics, side by side.

    Args:
        results: label -> result (e.g. ``{"winter": r1, "sliding-scale": r2}``),
            or results labelled by their ``standard``.

    Each column is one way of weighing, headed by its outcome in words; bars
    are the element strengths, filled by whether the element is met.

    """
    labelled = dict(results) if isinstance(results, Mapping) else {
        r.standard: r for r in results
    }
    rows = []
    order: list[str] = []
    for label, result in labelled.items():
        head = f"{label}: {result.outcome}"
        for e in result.elements:
            if e.name not in order:
                order.append(e.name)
            rows.append({
                "how": head,
                "element": e.name,
                "strength": round(float(e.strength), 4),
                "status": _status(e),
            })
    chart: alt.Chart = (
        alt.Chart(_inline(rows), width=180, title="The same motion, weighed several ways")
        .mark_bar()
        .encode(
            y=alt.Y("element:N", sort=order, title=None),
            x=alt.X("strength:Q", scale=alt.Scale(domain=[0, 1]), title="strength"),
            color=alt.Color("status:N", scale=alt.Scale(
                domain=["met", "not met", "not reached"],
                range=["#0072B2", "#D55E00", "#BBBBBB"]), title="element"),
            column=alt.Column("how:N", title=None),
            tooltip=_tips("how:N", "element:N", "status:N", "strength:Q|.3f"),
        )
    )
    return chart
