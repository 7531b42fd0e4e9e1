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
  rebuttals (layout in :mod:`workbook.charts.map`).
- :func:`element_contributions`: why one element has the strength it has.
- :func:`tornado`: how far each argument's strength moves the outcome.
- :func:`probability`: the Monte Carlo chance of each element and of the grant.
- :func:`timeline`: the dated facts, with the complaint's filing marked
  (in :mod:`workbook.charts.timeline`).
- :func:`compare`: the same case under several standards or semantics.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import altair as alt

from workbook.charts._base import (
    LINE,
    WRAP,
    ResultLike,
    inline,
    legend_below,
    outcome_words,
    pick,
    records,
    side_scale,
    status_of,
    tooltips,
    wrap_label,
    wrapped_axis,
)
from workbook.errors import UnknownNameError
from workbook.models import Case

__all__ = [
    "compare",
    "element_contributions",
    "factor_balance",
    "probability",
    "tornado",
]

_WIDTH = 520
_SIDE = 240
"""Plot width of the charts the workbench keeps beside its controls: with labels wrapped
to about 170px and legends below, each fits a 480px column (the workbench's results column
at 1280px, in Voilà and in JupyterLab with its file browser open). Vega-Lite's
``width="container"`` draws nothing in the offline chart widget, so the width is fixed."""


# --------------------------------------------------------------------------- factor balance


def factor_balance(result: ResultLike) -> alt.LayerChart:
    """Each element's pro (movant) and con (opponent) contributions, one bar each way.

    Bars to the right are what the movant's arguments add to the element;
    bars to the left, what the opponent's take away. The label on each row
    gives the element's final strength and whether it is met.
    """
    rows: list[dict[str, Any]] = []
    order = [f"{e.name} ({e.strength:.2f}, {status_of(e)})" for e in result.elements]
    labels = [f"{wrap_label(e.name)}|{e.strength:.2f}, {status_of(e)}" for e in result.elements]
    for e, label, lines in zip(result.elements, order, labels, strict=True):
        for side, value in (("movant", abs(float(e.pro))), ("opponent", -abs(float(e.con)))):
            rows.append(
                {
                    "element": label,
                    "label": lines,
                    "id": e.id,
                    "side": side,
                    "value": round(value, 4),
                    "strength": round(float(e.strength), 4),
                    "status": status_of(e),
                }
            )
    bars = (
        alt.Chart(inline(rows))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=labels, title=None, axis=wrapped_axis()),
            x=alt.X("value:Q", title="opponent ← contribution → movant"),
            color=alt.Color("side:N", scale=side_scale(), title="side", legend=legend_below()),
            tooltip=tooltips("element:N", "side:N", "value:Q|.3f"),
        )
    )
    zero = alt.Chart(inline([{"value": 0.0}])).mark_rule(color="black").encode(x=alt.X("value:Q"))
    return alt.LayerChart(
        layer=[bars, zero],
        width=_SIDE,
        height=alt.Step(max((n.count("|") + 1 for n in labels), default=1) * LINE + 8),
        title=alt.Title("Factor balance", subtitle=outcome_words(result)),
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
        raise UnknownNameError(f"no element {element!r} in the result; elements are: {known}")
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
    title = f"{el.name}: strength {el.strength:.2f}, {status_of(el)}"
    chart: alt.Chart = (
        alt.Chart(inline(rows), width=_WIDTH, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("argument:N", sort=[str(r["argument"]) for r in rows], title=None),
            x=alt.X("contribution:Q", title="change in the element's strength if removed"),
            color=alt.Color("side:N", scale=side_scale(), title="side"),
            tooltip=tooltips("argument:N", "heading:N", "side:N", "contribution:Q|.3f"),
        )
    )
    return chart


# --------------------------------------------------------------------------- tornado


def tornado(
    rows: Any,
    *,
    sides: Mapping[str, str] | None = None,
    flips: Mapping[str, bool] | None = None,
    names: Mapping[str, str] | None = None,
    top: int | None = 15,
    title: str = "What moves the outcome",
) -> alt.LayerChart:
    """A tornado: for each argument, how far its strength alone moves an element.

    The dashed rule at 0.5 is the "likely" line an element must pass.

    Args:
        rows: the engine's tornado bars (``workbook.engine.tornado``), or any
            rows (mappings, dataclasses, models, a DataFrame) with an argument
            id (``argument`` or ``id``), optionally the ``element`` it moves,
            the element's strength with the argument at 0 and at 1 (``low``,
            ``high``) and the current strength (``current``).
        sides: argument id -> side, to colour the bars (default: movant).
        flips: argument id -> whether some strength of the argument flips the
            outcome (its tipping point); those bars are solid, others faded.
        names: argument or element id -> plain label (an argument's heading,
            an element's name) for the bars; without it the bars show ids.
        top: keep the widest swings only (``None``: all).
        title: the chart title.

    """
    data = _tornado_rows(rows, sides or {}, flips or {}, names or {})
    shown = data if top is None else data[:top]
    more = f" (widest {len(shown)} of {len(data)})" if len(shown) < len(data) else ""
    lines = max((r["label"].count("|") + 1 for r in shown), default=1)
    return alt.LayerChart(
        layer=_tornado_layers(shown),
        width=_SIDE,
        height=alt.Step(lines * LINE + 6),
        title=title + more,
    )


def _tornado_rows(
    rows: Any, sides: Mapping[str, str], flips: Mapping[str, bool], names: Mapping[str, str]
) -> list[dict[str, Any]]:
    """One row a bar, widest swing first (ties by name), labelled in plain words if named."""
    data: list[dict[str, Any]] = []
    for row in records(rows):
        low = float(pick(row, "low", "min", default=0.0))
        high = float(pick(row, "high", "max", default=0.0))
        arg = str(pick(row, "argument", "id", "name", default="?"))
        element = str(pick(row, "element", default=""))
        bar = f"{arg} → {element}" if element else arg
        plain = names.get(arg, arg) + (f" ({names.get(element, element)})" if element else "")
        data.append(
            {
                "bar": bar,
                "label": wrap_label(plain, WRAP + 6) if names else bar,
                "name": plain if names else bar,
                "argument": arg,
                "element": element,
                "low": round(min(low, high), 4),
                "high": round(max(low, high), 4),
                "current": round(
                    float(pick(row, "current", "base", "value", default=(low + high) / 2)), 4
                ),
                "side": str(pick(row, "side", default=sides.get(arg, "movant"))),
                "flips": bool(pick(row, "flips", default=flips.get(arg, False))),
            }
        )
    data.sort(key=lambda r: (-(r["high"] - r["low"]), r["bar"]))
    return data


def _tornado_layers(shown: list[dict[str, Any]]) -> list[alt.Chart]:
    """The bars, a tick at each current strength, and the dashed "likely" rule at 0.5."""
    order = [r["label"] for r in shown]
    # With no bars, Vega would still draw empty mark containers that claim the role of a
    # graphic and have no name (axe: svg-img-alt); they are kept from assistive technology.
    hidden: dict[str, Any] = {} if shown else {"aria": False}
    base = alt.Chart(inline(shown)).encode(
        y=alt.Y("label:N", sort=order, title=None, axis=wrapped_axis())
    )
    bars = base.mark_bar(height=10, **hidden).encode(
        x=alt.X(
            "low:Q",
            scale=alt.Scale(domain=[0, 1]),
            title=["element strength with the argument's", "base strength at 0 and at 1"],
        ),
        x2=alt.X2("high:Q"),
        color=alt.Color("side:N", scale=side_scale(), title="side", legend=legend_below()),
        opacity=alt.Opacity(
            "flips:N",
            scale=alt.Scale(domain=[True, False], range=[1.0, 0.4]),
            title="can flip the outcome",
            legend=legend_below(labelExpr="datum.label == 'true' ? 'yes' : 'no'"),
        ),
        tooltip=tooltips("name:N", "side:N", "flips:N", "low:Q|.3f", "high:Q|.3f"),
    )
    ticks = base.mark_tick(color="black", thickness=2, **hidden).encode(x=alt.X("current:Q"))
    likely = (
        alt.Chart(inline([{"x": 0.5}]))
        .mark_rule(strokeDash=[4, 4], color="#555555")
        .encode(x=alt.X("x:Q"))
    )
    return [bars, ticks, likely]


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
        rows.append(
            {
                "what": names.get(eid, eid),
                "p": float(value),
                "low": float(value),
                "high": float(value),
                "kind": "element met",
            }
        )
    order = [str(r["what"]) for r in rows]
    base = alt.Chart(inline(rows)).encode(
        y=alt.Y("what:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    )
    bars = base.mark_bar().encode(
        x=alt.X("p:Q", scale=alt.Scale(domain=[0, 1]), title="probability"),
        color=alt.Color(
            "kind:N",
            scale=alt.Scale(domain=["outcome", "element met"], range=["#0072B2", "#999999"]),
            title=None,
            legend=legend_below(),
        ),
        tooltip=tooltips("what:N", "p:Q|.3f", "low:Q|.3f", "high:Q|.3f"),
    )
    interval = base.mark_rule(color="black", strokeWidth=2).encode(
        x=alt.X("low:Q"), x2=alt.X2("high:Q")
    )
    samples = getattr(mc, "samples", None)
    tail = f"over {int(samples):,} samples" if isinstance(samples, int) else ""
    title = alt.Title(f"P(granted) = {p:.2f} (interval {low:.2f}–{high:.2f})", subtitle=tail)
    return alt.LayerChart(layer=[bars, interval], width=_SIDE, title=title)


# --------------------------------------------------------------------------- comparisons


def compare(results: Mapping[str, ResultLike] | Iterable[ResultLike]) -> alt.Chart:
    """The same case under several standards or semantics, side by side.

    Args:
        results: label -> result (e.g. ``{"winter": r1, "sliding-scale": r2}``),
            or results labelled by their ``standard``.

    Each column is one way of weighing, headed by its outcome in words; bars
    are the element strengths, filled by whether the element is met.

    """
    labelled = dict(results) if isinstance(results, Mapping) else {r.standard: r for r in results}
    rows = []
    order: list[str] = []
    for label, result in labelled.items():
        head = f"{label}: {result.outcome}"
        for e in result.elements:
            if e.name not in order:
                order.append(e.name)
            rows.append(
                {
                    "how": head,
                    "element": e.name,
                    "strength": round(float(e.strength), 4),
                    "status": status_of(e),
                }
            )
    chart: alt.Chart = (
        alt.Chart(inline(rows), width=180, title="The same motion, weighed several ways")
        .mark_bar()
        .encode(
            y=alt.Y("element:N", sort=order, title=None),
            x=alt.X("strength:Q", scale=alt.Scale(domain=[0, 1]), title="strength"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(
                    domain=["met", "not met", "not reached"],
                    range=["#0072B2", "#D55E00", "#BBBBBB"],
                ),
                title="element",
            ),
            column=alt.Column("how:N", title=None),
            tooltip=tooltips("how:N", "element:N", "status:N", "strength:Q|.3f"),
        )
    )
    return chart
