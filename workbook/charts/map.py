"""The argument map as a chart: one block an element, in rows that fit the width.

The layout (where each node and edge goes) is :mod:`workbook.charts.mapgrid`;
this module draws it: grey spines from each element to the arguments that
answer it, attacks and supports, the arguments as points sized by strength,
and the labels.

>>> from workbook import load_case
>>> nodes, edges = map_layout(load_case(CASES / "legion-v-lutnick"))
>>> nodes.iloc[0]["kind"]
'motion'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import altair as alt

from workbook.charts._base import inline, legend_below, tooltips
from workbook.charts.mapgrid import EDGE_COLUMNS, MAP_WIDTH, NODE_COLUMNS, layout_rows, map_layout
from workbook.models import Case
from workbook.vocabulary import EDGE_COLORS, NODE_COLORS

if TYPE_CHECKING:
    from workbook.charts._base import ResultLike
    from workbook.scenario import Scenario

__all__ = ["EDGE_COLUMNS", "MAP_WIDTH", "NODE_COLUMNS", "argument_map", "map_layout"]


def _scale(domain: Iterable[str], colors: Mapping[str, str]) -> alt.Scale:
    keys = list(domain)
    return alt.Scale(domain=keys, range=[colors[k] for k in keys])


def argument_map(
    case: Case,
    result: ResultLike | None = None,
    scenario: Scenario | None = None,
    *,
    width: int | None = None,
) -> alt.LayerChart:
    """The argument map as a chart: one block an element, in rows that fit the width.

    Points are coloured and shaped by side (movant blue, opponent orange) and
    sized by final strength; arguments out of play are faded. Attacks are
    vermillion dashed rules, supports green, and a grey spine joins each
    element to the arguments that answer it. Labels are the arguments'
    headings on two lines; hover a node for the whole heading, its strength
    and why it is out of play. The legends sit below the map.

    Args:
        case: the case.
        result: a weighed result (final strengths, what is out of play).
        scenario: adds the user's own arguments.
        width: the plot's width in pixels (default :data:`MAP_WIDTH`); narrower
            widths put fewer element blocks in a row.

    """
    width = int(width or MAP_WIDTH)
    nodes, edges, height = layout_rows(case, result, scenario, width)
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, width], nice=False, zero=False), axis=None)
    y = alt.Y(
        "y:Q",
        scale=alt.Scale(domain=[0, height], reverse=True, nice=False, zero=False),
        axis=None,
    )
    # One dataset for every layer, each layer filtering its rows: Altair deep-copies each
    # layer's own inline data when it combines them, which cost the workbench's redraw.
    rows = nodes + [{**e, "kind": "edge"} for e in edges]
    layers = [_structure(x, y), _edge_rules(x, y), _node_points(x, y), *_node_text(x, y)]
    words = "" if result is None else f" Outcome: {result.outcome}."
    count = sum(1 for n in nodes if n["kind"] == "argument")
    # Edges and nodes each have their own colour legend: keep the scales apart.
    independent = alt.Resolve(
        scale=alt.ScaleResolveMap(color="independent", opacity="independent", size="independent")
    )
    return alt.LayerChart(
        data=inline(rows),
        layer=layers,
        resolve=independent,
        width=width,
        height=int(height),
        title=alt.Title(
            f"Argument map: {count} arguments.{words}",
            subtitle="Hover a node for its whole heading, its strength and why it is out.",
            anchor="start",
        ),
    )


def _only(test: str) -> alt.Chart:
    """A layer of the rows that pass ``test`` (a Vega expression on ``datum``)."""
    return alt.Chart().transform_filter(test)


def _structure(x: alt.X, y: alt.Y) -> alt.Chart:
    """The grey spines and ticks joining each element to the arguments that answer it."""
    chart: alt.Chart = (
        _only("datum.kind === 'edge' && datum.relation === 'on'")
        .mark_rule(strokeWidth=1, color=EDGE_COLORS["on"])
        .encode(x=x, y=y, x2=alt.X2("x2:Q"), y2=alt.Y2("y2:Q"))
    )
    return chart


def _edge_rules(x: alt.X, y: alt.Y) -> alt.Chart:
    """The attacks (dashed) and supports (solid) between arguments, coloured by relation."""
    relations = [r for r in EDGE_COLORS if r != "on"]
    chart: alt.Chart = (
        _only("datum.kind === 'edge' && datum.relation !== 'on'")
        .mark_rule(strokeWidth=1.3)
        .encode(
            x=x,
            y=y,
            x2=alt.X2("x2:Q"),
            y2=alt.Y2("y2:Q"),
            color=alt.Color(
                "relation:N",
                scale=_scale(relations, EDGE_COLORS),
                title="edge",
                legend=legend_below(),
            ),
            strokeDash=alt.StrokeDash(
                "relation:N",
                scale=alt.Scale(domain=relations, range=[[5, 3], [1, 0]]),
                legend=None,
            ),
        )
    )
    return chart


def _node_points(x: alt.X, y: alt.Y) -> alt.Chart:
    """The arguments: shaped and coloured by side, sized by strength, faded when out of play."""
    sides = [s for s in NODE_COLORS if s not in ("motion", "element")]
    chart: alt.Chart = (
        _only("datum.kind === 'argument'")
        .mark_point(filled=True, stroke="black", strokeWidth=0.4)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "side:N", scale=_scale(sides, NODE_COLORS), title="side", legend=legend_below()
            ),
            shape=alt.Shape(
                "side:N",
                scale=alt.Scale(domain=sides, range=["circle", "square"]),
                legend=None,
            ),
            size=alt.Size(
                "strength:Q",
                scale=alt.Scale(domain=[0, 1], range=[15, 220]),
                title="strength",
                legend=legend_below(),
            ),
            opacity=alt.Opacity(
                "in_play:N", scale=alt.Scale(domain=[True, False], range=[1.0, 0.25]), legend=None
            ),
            tooltip=tooltips("heading:N", "side:N", "strength:Q|.2f", "in_play:N", "why_out:N"),
        )
    )
    return chart


def _node_text(x: alt.X, y: alt.Y) -> list[alt.Chart]:
    """The labels: arguments' headings beside them, elements' names bold, the motion on top."""
    args = (
        _only("datum.kind === 'argument'")
        .mark_text(
            align="left", baseline="top", dx=8, dy=-6, fontSize=10, lineHeight=11, lineBreak="\n"
        )
        .encode(
            x=x,
            y=y,
            text=alt.Text("label:N"),
            opacity=alt.Opacity(
                "in_play:N", scale=alt.Scale(domain=[True, False], range=[1.0, 0.4]), legend=None
            ),
            tooltip=tooltips("heading:N", "side:N", "strength:Q|.2f", "in_play:N", "why_out:N"),
        )
    )
    heads = (
        _only("datum.kind === 'element'")
        .mark_text(
            align="left",
            baseline="top",
            dy=-6,
            fontSize=11,
            lineHeight=12,
            fontWeight="bold",
            lineBreak="\n",
        )
        .encode(x=x, y=y, text=alt.Text("label:N"), tooltip=tooltips("heading:N"))
    )
    motion = (
        _only("datum.kind === 'motion'")
        .mark_text(align="center", baseline="top", fontSize=12, fontWeight="bold")
        .encode(x=x, y=y, text=alt.Text("label:N"), tooltip=tooltips("heading:N"))
    )
    return [args, heads, motion]
