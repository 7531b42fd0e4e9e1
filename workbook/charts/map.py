"""The argument map: the motion on top, its elements below, arguments and rebuttals under each.

The layout is computed here, in Python, so that it is the same on every run
and readable at the size of a real motion (dozens of arguments): one column
per element; under each element its arguments, one per row; a rebuttal or
a supporting argument sits on the row after its target, indented. Edges are
straight rules; nodes are points sized by strength and coloured by side, with
their headings as text beside them.

>>> from workbook import load_case
>>> nodes, edges = map_layout(load_case(CASES / "legion-v-lutnick"))
>>> nodes.iloc[0]["kind"]
'motion'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import altair as alt
import pandas as pd

from workbook.charts._base import legend_below, tooltips
from workbook.models import Argument, Case
from workbook.vocabulary import EDGE_COLORS, NODE_COLORS

if TYPE_CHECKING:
    from workbook.charts._base import ResultLike
    from workbook.scenario import Scenario

__all__ = ["EDGE_COLUMNS", "NODE_COLUMNS", "argument_map", "map_layout"]

_INDENT = 0.08
_MAX_INDENT = 4
_LABEL = 30
_COLUMN_PX = 210
_MIN_COLUMN_PX = 110
_ROW_PX = 22

NODE_COLUMNS = [
    "id",
    "kind",
    "side",
    "label",
    "heading",
    "element",
    "x",
    "y",
    "strength",
    "in_play",
    "why_out",
]
EDGE_COLUMNS = ["source", "target", "relation", "x", "y", "x2", "y2"]

_Place = tuple[float, float]  # (column, row) on the map


def _short(text: str, limit: int = _LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _arguments(case: Case, scenario: Scenario | None) -> list[Argument]:
    if scenario is None:
        return list(case.arguments)
    # Dropped arguments stay on the map, faded, so the user sees what they took out.
    return list(case.arguments) + [
        a for a in scenario.added if a.id not in {b.id for b in case.arguments}
    ]


def _order(args: Sequence[Argument]) -> list[tuple[Argument, int]]:
    """Depth-first order of one element's arguments: each target followed by its answers."""
    ids = {a.id for a in args}
    parent: dict[str, str | None] = {}
    for a in args:
        targets = [t for t in (*a.attacks, *a.supports) if t in ids and t != a.id]
        parent[a.id] = targets[0] if targets else None
    children: dict[str | None, list[Argument]] = {}
    for a in args:
        children.setdefault(parent[a.id], []).append(a)
    out: list[tuple[Argument, int]] = []
    seen: set[str] = set()

    def visit(a: Argument, depth: int) -> None:
        if a.id in seen:
            return
        seen.add(a.id)
        out.append((a, depth))
        for child in children.get(a.id, []):
            visit(child, depth + 1)

    for a in children.get(None, []):
        visit(a, 0)
    for a in args:  # arguments in a cycle of rebuttals have no root; start from the first
        visit(a, 0)
    return out


def map_layout(
    case: Case,
    result: ResultLike | None = None,
    scenario: Scenario | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables of the argument map (x in columns, y in rows from the top).

    Args:
        case: the case.
        result: a weighed result; gives final strengths and which arguments are
            out of play. Without it, base strengths are used and all are in play.
        scenario: adds the user's own arguments to the map.

    Returns:
        ``(nodes, edges)`` DataFrames with columns :data:`NODE_COLUMNS` and
        :data:`EDGE_COLUMNS`.

    """
    nodes, edges = _layout(case, result, scenario)
    return pd.DataFrame(nodes, columns=NODE_COLUMNS), pd.DataFrame(edges, columns=EDGE_COLUMNS)


def _node(
    id: str,
    kind: str,
    side: str,
    label: str,
    heading: str,
    element: str,
    at: _Place,
    strength: float,
    in_play: bool = True,
    why_out: str = "",
) -> dict[str, Any]:
    """A node row (its keys in :data:`NODE_COLUMNS` order)."""
    values = (id, kind, side, label, heading, element, *at, strength, in_play, why_out)
    return dict(zip(NODE_COLUMNS, values, strict=True))


def _edge(source: str, target: str, relation: str, start: _Place, end: _Place) -> dict[str, Any]:
    """An edge row: a straight rule from ``start`` to ``end``."""
    return dict(zip(EDGE_COLUMNS, (source, target, relation, *start, *end), strict=True))


def _layout(
    case: Case,
    result: ResultLike | None,
    scenario: Scenario | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The map as plain rows: ``(nodes, edges)``."""
    args = _arguments(case, scenario)
    el_results = {e.id: e for e in result.elements} if result is not None else {}
    center = (len(case.elements) - 1) / 2
    title = case.case.title
    if result is not None:
        title += f": {result.outcome}"
    head = _short(title, 60)
    nodes = [_node("motion", "motion", "motion", head, case.case.motion, "", (center, 0.0), 1.0)]
    edges: list[dict[str, Any]] = []
    where: dict[str, _Place] = {}
    for col, element in enumerate(case.elements):
        er = el_results.get(element.id)
        label = element.name if er is None else f"{element.name} ({er.strength:.2f})"
        strength = float(er.strength) if er else 0.5
        node_id = f"element:{element.id}"
        at = (float(col), 1.0)
        nodes.append(
            _node(
                node_id, "element", "element", _short(label), element.name, element.id, at, strength
            )
        )
        edges.append(_edge("motion", node_id, "on", (center, 0.0), at))
        mine = [a for a in args if a.element == element.id]
        column = _column(mine, col, result, scenario, where)
        nodes += column[0]
        edges += column[1]
    return nodes, edges + _relations(args, where)


def _column(
    args: Sequence[Argument],
    col: int,
    result: ResultLike | None,
    scenario: Scenario | None,
    where: dict[str, _Place],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One element's arguments under it, each answer indented below its target.

    Records each argument's place in ``where`` for the attack and support edges.
    """
    strengths: Mapping[str, float] = result.strengths if result is not None else {}
    excluded: Mapping[str, str] = result.excluded if result is not None else {}
    overrides = scenario.strengths if scenario is not None else {}
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for row, (a, depth) in enumerate(_order(args)):
        x = col + _INDENT * min(depth, _MAX_INDENT)
        y = 2.0 + row
        where[a.id] = (x, y)
        in_play = a.id in strengths if result is not None else True
        strength = round(float(strengths.get(a.id, overrides.get(a.id, a.strength))), 4)
        why_out = excluded.get(a.id, "")
        nodes.append(
            _node(
                a.id,
                "argument",
                a.side,
                _short(a.heading),
                a.heading,
                a.element,
                (x, y),
                strength,
                in_play,
                why_out,
            )
        )
        if depth == 0:
            edges.append(_edge(f"element:{a.element}", a.id, "on", (float(col), 1.0), (x, y)))
    return nodes, edges


def _relations(args: Sequence[Argument], where: Mapping[str, _Place]) -> list[dict[str, Any]]:
    """The attack and support edges between arguments on the map."""
    edges = []
    for a in args:
        for relation, targets in (("attacks", a.attacks), ("supports", a.supports)):
            for t in targets:
                if t in where and a.id in where:
                    edges.append(_edge(a.id, t, relation, where[a.id], where[t]))
    return edges


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
    """The argument map as a chart: rules for edges, points for nodes, text for headings.

    Points are coloured by side (movant blue, opponent orange) and sized by
    final strength; arguments out of play are faded. Attacks are vermillion
    dashed rules, supports green. Hover a node for its full heading. The
    legends sit below the map.

    Args:
        case: the case.
        result: a weighed result (final strengths, what is out of play).
        scenario: adds the user's own arguments.
        width: the plot's width in pixels at most (labels are shortened to fit);
            by default each element's column is 210px wide.

    """
    nodes, edges = _layout(case, result, scenario)
    rows = int(max(n["y"] for n in nodes)) + 1
    cols = max(len(case.elements), 1)
    column_px = _COLUMN_PX if width is None else max(_MIN_COLUMN_PX, min(_COLUMN_PX, width // cols))
    if column_px < _COLUMN_PX:
        limit = max(12, int(_LABEL * column_px / _COLUMN_PX))
        for n in nodes:
            if n["kind"] != "motion":
                n["label"] = _short(n["heading"] if n["kind"] == "argument" else n["label"], limit)
    x_scale = alt.Scale(domain=[-0.3, cols - 0.2], nice=False, zero=False)
    y_scale = alt.Scale(domain=[-0.5, rows - 0.5], reverse=True, nice=False, zero=False)
    x = alt.X("x:Q", scale=x_scale, axis=None)
    y = alt.Y("y:Q", scale=y_scale, axis=None)
    layers = [_edge_rules(edges, x, y), _node_points(nodes, x, y), _node_text(nodes, x, y)]
    words = "" if result is None else f" Outcome: {result.outcome}."
    # Edges and nodes each have their own colour legend: keep the scales apart.
    independent = alt.Resolve(scale=alt.ScaleResolveMap(color="independent", opacity="independent"))
    return alt.LayerChart(
        layer=layers,
        resolve=independent,
        width=column_px * cols,
        height=_ROW_PX * rows,
        title=f"Argument map: {len(nodes) - 1 - len(case.elements)} arguments.{words}",
    )


def _edge_rules(edges: list[dict[str, Any]], x: alt.X, y: alt.Y) -> alt.Chart:
    """The edges: attacks dashed, the rest solid, coloured by relation."""
    chart: alt.Chart = (
        alt.Chart({"values": edges})
        .mark_rule(strokeWidth=1.2)
        .encode(
            x=x,
            y=y,
            x2=alt.X2("x2:Q"),
            y2=alt.Y2("y2:Q"),
            color=alt.Color(
                "relation:N",
                scale=_scale(EDGE_COLORS, EDGE_COLORS),
                title="edge",
                legend=legend_below(),
            ),
            strokeDash=alt.StrokeDash(
                "relation:N",
                scale=alt.Scale(domain=list(EDGE_COLORS), range=[[5, 3], [1, 0], [1, 0]]),
                legend=None,
            ),
        )
    )
    return chart


def _node_points(nodes: list[dict[str, Any]], x: alt.X, y: alt.Y) -> alt.Chart:
    """The nodes: shaped and coloured by side, sized by strength, faded when out of play."""
    chart: alt.Chart = (
        alt.Chart({"values": nodes})
        .mark_point(filled=True, stroke="black", strokeWidth=0.4)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "side:N",
                scale=_scale(NODE_COLORS, NODE_COLORS),
                title="node",
                legend=legend_below(),
            ),
            shape=alt.Shape(
                "side:N",
                scale=alt.Scale(
                    domain=list(NODE_COLORS), range=["circle", "square", "diamond", "triangle-up"]
                ),
                legend=None,
            ),
            size=alt.Size(
                "strength:Q",
                scale=alt.Scale(domain=[0, 1], range=[20, 320]),
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


def _node_text(nodes: list[dict[str, Any]], x: alt.X, y: alt.Y) -> alt.Chart:
    """Each node's short label beside it, faded with the node."""
    chart: alt.Chart = (
        alt.Chart({"values": nodes})
        .mark_text(align="left", dx=9, fontSize=10)
        .encode(
            x=x,
            y=y,
            text=alt.Text("label:N"),
            opacity=alt.Opacity(
                "in_play:N", scale=alt.Scale(domain=[True, False], range=[1.0, 0.35]), legend=None
            ),
        )
    )
    return chart
