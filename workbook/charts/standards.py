"""The same answers under each standard: what every standard asks, and where each one decides.

One panel a standard, one above the other on the same 0-to-1 scale, so the
eye can run down them. Each panel shows the factors *as that standard weighs
them*: the balance of equities and the public interest as one bar when the
Nken merger applies, two bars when they are kept apart. Every panel has the
dashed "likely" line at 0.5; a sliding-scale panel adds its floor (no factor
may fall below it) and the factors' average (which must pass 0.5), a
serious-questions panel the line for serious questions and the line the
hardships must tip past. The bar of
the factor that decides the motion is outlined and says so. The heading gives
the outcome; the subtitle the standard's rule.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import altair as alt

from workbook.charts._base import LINE, inline, legend_below, outcome_words, tooltips, wrap_label
from workbook.engine import Result
from workbook.engine.standards import SeriousQuestions, SlidingScale, get_standard
from workbook.errors import WorkbookError
from workbook.tables import standard_rule
from workbook.vocabulary import FACTOR_ROLES, ROLE_NAMES

__all__ = ["standards_chart"]

_WIDTH = 420
_STATUS = {"met": "#0072B2", "not met": "#D55E00", "not reached": "#BBBBBB"}


def _factor_rows(result: Result) -> list[dict[str, Any]]:
    """One row a factor as the standard decided it (the elements' names when not reached)."""
    names = {e.id: e.name for e in result.elements}
    if result.factors:
        return [
            {
                "factor": wrap_label(" and ".join(names.get(i, i) for i in f.elements), 30),
                "strength": round(float(f.strength), 4),
                "status": "met" if f.met else "not met",
                "deciding": result.deciding in f.elements,
                "merged": "yes (Nken)" if f.merged else "no",
            }
            for f in result.factors
        ]
    return [
        {
            "factor": wrap_label(e.name, 30),
            "strength": round(float(e.strength), 4),
            "status": "not reached",
            "deciding": False,
            "merged": "",
        }
        for role in FACTOR_ROLES
        for e in result.elements
        if e.role == role
    ]


def _lines(result: Result, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lines a standard draws: 0.5 always; a sliding scale's floor and average."""
    out = [{"x": 0.5, "what": "likely: above 0.5", "dash": "likely"}]
    std = get_standard(result.standard)
    if isinstance(std, SlidingScale) and result.factors:
        out.append({"x": std.floor, "what": f"floor {std.floor:.2f}", "dash": "floor"})
        mean = sum(r["strength"] for r in rows) / len(rows)
        out.append({"x": round(mean, 4), "what": f"average {mean:.2f}", "dash": "average"})
    elif isinstance(std, SeriousQuestions) and result.factors:
        out.append(
            {"x": std.serious, "what": f"serious questions {std.serious:.2f}", "dash": "floor"}
        )
        out.append({"x": std.sharply, "what": f"tips sharply {std.sharply:.2f}", "dash": "floor"})
    return out


def _panel(result: Result, government_opponent: bool) -> alt.LayerChart:
    rows = _factor_rows(result)
    order = [r["factor"] for r in rows]
    lines = max((o.count("|") + 1 for o in order), default=1)
    y = alt.Y(
        "factor:N",
        sort=order,
        title=None,
        axis=alt.Axis(
            labelExpr="split(datum.label, '|')", labelLimit=0, labelLineHeight=LINE, labelPadding=4
        ),
    )
    x = alt.X("strength:Q", scale=alt.Scale(domain=[0, 1]), title="strength")
    base = alt.Chart(inline(rows)).encode(y=y)
    bars = base.mark_bar(height=max(10, lines * LINE - 2)).encode(
        x=x,
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=list(_STATUS), range=list(_STATUS.values())),
            title="factor",
            legend=legend_below(),
        ),
        stroke=alt.condition("datum.deciding", alt.value("black"), alt.value(None)),
        strokeWidth=alt.condition("datum.deciding", alt.value(2.5), alt.value(0)),
        tooltip=tooltips("factor:N", "strength:Q|.2f", "status:N", "deciding:N", "merged:N"),
    )
    decides = (
        base.transform_filter("datum.deciding")
        .mark_text(align="left", dx=4, fontWeight="bold", fontSize=11)
        .encode(x=x, text=alt.value("◀ decides"))
    )
    marks = _lines(result, rows)
    rules = (
        alt.Chart(inline(marks))
        .mark_rule(color="#333333")
        .encode(
            x=alt.X("x:Q"),
            strokeDash=alt.StrokeDash(
                "dash:N",
                scale=alt.Scale(
                    domain=["likely", "floor", "average"], range=[[5, 3], [2, 2], [1, 0]]
                ),
                legend=None,
            ),
            tooltip=tooltips("what:N"),
        )
    )
    # One label a line, each a row higher, so that lines close together stay readable.
    labels = [
        alt.Chart(inline([m]))
        .mark_text(align="left", dx=3, baseline="bottom", fontSize=10, color="#333333")
        .encode(x=alt.X("x:Q"), y=alt.value(-2 - 11 * i), text=alt.Text("what:N"))
        for i, m in enumerate(marks)
    ]
    title = (result.standard_title or result.standard).split(" (")[0]
    rule = standard_rule(result.standard, government_opponent)
    if not result.factors and result.deciding:
        rule = "The factors are not reached: a threshold question decides the motion."
    return alt.LayerChart(
        layer=[bars, decides, rules, *labels],
        width=_WIDTH,
        height=alt.Step(lines * LINE + 10),
        title=alt.Title(
            f"{title}: {result.outcome}",
            subtitle=[outcome_words(result) + ".", *textwrap.wrap(rule, 90)],
            anchor="start",
            subtitlePadding=4,
            offset=6,
        ),
    )


def standards_chart(
    results: Mapping[str, Result], *, government_opponent: bool = False
) -> alt.VConcatChart:
    """Each standard's panel, one above the other (see the module docstring).

    Args:
        results: standard name -> the case weighed under it (same answers).
        government_opponent: whether the government opposes (says when Nken merges).

    """
    if not results:
        raise WorkbookError("no results to compare; weigh the case under at least one standard")
    panels = [_panel(r, government_opponent) for r in results.values()]
    names = [ROLE_NAMES["balance-of-equities"], ROLE_NAMES["public-interest"]]
    return alt.VConcatChart(
        vconcat=panels,
        spacing=28,
        title=alt.Title(
            "The same answers under each standard",
            subtitle=f"Dashed: the 0.5 line every factor is measured against; {names[0]} and "
            f"{names[1]} are one bar when merged.",
            anchor="start",
        ),
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="independent")),
    )
