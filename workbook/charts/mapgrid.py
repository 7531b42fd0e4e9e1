"""Where the argument map puts things: the motion on top, then one block an element, in rows.

The layout is computed here, in Python, so that it is the same on every run
and fits the width it is given: each element is a block (its name and
strength as a heading, then its arguments, one per row, a rebuttal or a
supporting argument indented on the row after its target), and the blocks
fill rows of as many columns as the width allows, so the map never scrolls
sideways. Each argument is labelled by its heading, wrapped onto two lines
(cut with "…" when longer); hover a node for the whole heading, its strength
and why it is out of play. Coordinates are in pixels from the top left.

>>> from workbook import load_case
>>> nodes, edges = map_layout(load_case(CASES / "legion-v-lutnick"))
>>> nodes.iloc[0]["kind"]
'motion'
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from workbook.charts._base import status_of
from workbook.models import Argument, Case

if TYPE_CHECKING:
    from workbook.charts._base import ResultLike
    from workbook.scenario import Scenario

__all__ = ["EDGE_COLUMNS", "MAP_WIDTH", "NODE_COLUMNS", "layout_rows", "map_layout"]

MAP_WIDTH = 1100
"""The map's width in pixels when none is given: four element blocks a row."""
_BLOCK = 260  # narrowest block (px): below it, fewer blocks a row
_GAP = 16  # px between blocks
_INDENT = 14  # px a rebuttal or support sits right of its target
_MAX_DEPTH = 4
_ROW = 28  # px an argument row (two 11px lines)
_HEAD = 34  # px an element's heading
_TOP = 30  # px the motion's line
_CHAR = 5.6  # px a character of the 10px label font, on average
_LINES = 2

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

_Place = tuple[float, float]  # (x, y) in pixels


def _wrap(text: str, chars: int, lines: int = _LINES) -> str:
    r"""Text on at most ``lines`` lines of ``chars`` characters, cut with "…".

    Lines are joined by newlines, which the text mark breaks on.

    >>> _wrap("Likelihood of success on the merits", 12)
    'Likelihood\nof success…'
    """
    chars = max(8, chars)
    parts = textwrap.wrap(text, chars) or [text]
    if len(parts) > lines:
        last = " ".join(parts[lines - 1 :])
        parts = [*parts[: lines - 1], last[: chars - 1].rstrip() + "…"]
    return "\n".join(p if len(p) <= chars else p[: chars - 1] + "…" for p in parts)


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
    *,
    width: int = MAP_WIDTH,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Node and edge tables of the argument map (x and y in pixels from the top left).

    Args:
        case: the case.
        result: a weighed result; gives final strengths and which arguments are
            out of play. Without it, base strengths are used and all are in play.
        scenario: adds the user's own arguments to the map.
        width: the width to fit, in pixels.

    Returns:
        ``(nodes, edges)`` DataFrames with columns :data:`NODE_COLUMNS` and
        :data:`EDGE_COLUMNS`.

    """
    nodes, edges, _ = layout_rows(case, result, scenario, width)
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


def _columns(case: Case, width: int) -> tuple[int, float]:
    """How many element blocks a row, and each block's width, to fit ``width``."""
    count = max(1, len(case.elements))
    cols = max(1, min(count, (width + _GAP) // (_BLOCK + _GAP)))
    return cols, (width - _GAP * (cols - 1)) / cols


def layout_rows(
    case: Case,
    result: ResultLike | None,
    scenario: Scenario | None,
    width: int,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """The map as plain rows, ``(nodes, edges, height)``: what :func:`map_layout` tabulates."""
    args = _arguments(case, scenario)
    el_results = {e.id: e for e in result.elements} if result is not None else {}
    cols, block = _columns(case, width)
    title = case.case.title + (f": {result.outcome}" if result is not None else "")
    nodes = [
        _node(
            "motion",
            "motion",
            "motion",
            _wrap(title, int(width / 7), 1),
            case.case.motion,
            "",
            (width / 2, 8.0),
            1.0,
        )
    ]
    edges: list[dict[str, Any]] = []
    where: dict[str, _Place] = {}
    top, row_height = float(_TOP), 0.0
    for i, element in enumerate(case.elements):
        col = i % cols
        if col == 0 and i:
            top, row_height = top + row_height + _GAP, 0.0
        left = col * (block + _GAP)
        er = el_results.get(element.id)
        words = (
            element.name if er is None else f"{element.name}: {er.strength:.2f}, {status_of(er)}"
        )
        head = _wrap(words, int((block - 12) / (_CHAR * 1.15)))
        strength = float(er.strength) if er else 0.5
        at = (left + 4, top + 6)
        nodes.append(
            _node(
                f"element:{element.id}",
                "element",
                "element",
                head,
                element.name,
                element.id,
                at,
                strength,
            )
        )
        mine = [a for a in args if a.element == element.id]
        found = _block(mine, (left, top + _HEAD), block, result, scenario, where)
        nodes += found[0]
        edges += found[1]
        row_height = max(row_height, _HEAD + _ROW * len(mine))
    return nodes, edges + _relations(args, where), top + row_height + 8


def _block(
    args: Sequence[Argument],
    corner: _Place,
    block: float,
    result: ResultLike | None,
    scenario: Scenario | None,
    where: dict[str, _Place],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """One element's arguments under its heading, each answer indented below its target.

    Records each argument's place in ``where`` for the attack and support edges; a grey
    spine joins the element's heading to the arguments that answer it directly.
    """
    strengths: Mapping[str, float] = result.strengths if result is not None else {}
    excluded: Mapping[str, str] = result.excluded if result is not None else {}
    overrides = scenario.strengths if scenario is not None else {}
    left, top = corner
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    spine = left + 4
    roots: list[float] = []
    for row, (a, depth) in enumerate(_order(args)):
        x = spine + 10 + _INDENT * min(depth, _MAX_DEPTH)
        y = top + _ROW * row + 7
        where[a.id] = (x, y)
        in_play = a.id in strengths if result is not None else True
        strength = round(float(strengths.get(a.id, overrides.get(a.id, a.strength))), 4)
        chars = int((left + block - x - 12) / _CHAR)
        nodes.append(
            _node(
                a.id,
                "argument",
                a.side,
                _wrap(a.heading, chars),
                a.heading,
                a.element,
                (x, y),
                strength,
                in_play,
                excluded.get(a.id, ""),
            )
        )
        if depth == 0:
            roots.append(y)
            edges.append(_edge(f"element:{a.element}", a.id, "on", (spine, y), (x, y)))
    if roots:
        el = f"element:{args[0].element}"
        edges.insert(0, _edge(el, el, "on", (spine, top - 6), (spine, roots[-1])))
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
