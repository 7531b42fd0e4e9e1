"""What every chart shares: the shapes of results they read, and small helpers.

Charts read results through the protocols here, so a test can hand them any
object of that shape.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import altair as alt
import pandas as pd

from workbook.vocabulary import SIDE_COLORS, status_word

__all__ = [
    "LINE",
    "WRAP",
    "ElementLike",
    "ResultLike",
    "inline",
    "legend_below",
    "outcome_words",
    "pick",
    "records",
    "side_scale",
    "status_of",
    "tooltips",
    "wrap_label",
    "wrapped_axis",
]

WRAP = 28
"""Characters a line in a wrapped axis label (about 170px at Vega's 10px label font)."""
LINE = 12
"""Pixels a line of a wrapped axis label."""


class ElementLike(Protocol):
    """What the charts read from one element's result (see ``workbook.engine.ElementResult``)."""

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
    """What the charts read from a weighed motion (see ``workbook.engine.Result``)."""

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
    """The outcome in one short line, the standard by its title (never its id).

    For example ``"Denied: decided on Irreparable harm, under Winter v. NRDC"``.
    """
    names = {e.id: e.name for e in result.elements}
    text = result.outcome.capitalize()
    if result.deciding:
        text += f": decided on {names.get(result.deciding, result.deciding)}"
    title = str(getattr(result, "standard_title", "") or "").split(" (")[0]
    return f"{text}, under {title or result.standard}"


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


def pick(row: Mapping[str, Any], *keys: str, default: Any = None) -> Any:
    """The value of the first of ``keys`` that ``row`` has (not None), else ``default``."""
    for key in keys:
        if key in row and row[key] is not None:
            return row[key]
    return default


def status_of(element: ElementLike) -> str:
    """Met, not met or not reached, for one element's result."""
    return status_word(element.satisfied, element.reached)


def inline(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Rows as inline chart data.

    Plain JSON rows, not a DataFrame (Altair sanitizes every DataFrame column
    by column on each ``to_dict``) nor an ``alt.InlineData`` (validated on
    creation): both are too slow for a live redraw.
    """
    return {"values": rows}


def side_scale() -> alt.Scale:
    """The colour scale of the two sides."""
    return alt.Scale(domain=list(SIDE_COLORS), range=list(SIDE_COLORS.values()))


def tooltips(*fields: str) -> list[alt.Tooltip]:
    """Tooltip channels from ``"field:type"`` or ``"field:type|format"`` strings.

    Channel objects, not bare strings: Altair turns a bare string into a
    channel through a slow schema lookup, which would cost the workbench
    milliseconds on every redraw.
    """
    out = []
    for field in fields:
        name, _, fmt = field.partition("|")
        out.append(alt.Tooltip(name, format=fmt) if fmt else alt.Tooltip(name))
    return out


def wrap_label(text: str, width: int = WRAP) -> str:
    """Text wrapped into lines joined by "|", for an axis that splits labels on it.

    >>> wrap_label("Likelihood of success on the merits", 24)
    'Likelihood of success on|the merits'
    """
    return "|".join(textwrap.wrap(text, width)) or text


def wrapped_axis() -> alt.Axis:
    """A band axis whose labels (see :func:`wrap_label`) are split on "|" and never cut."""
    return alt.Axis(
        labelExpr="split(datum.label, '|')", labelLimit=0, labelLineHeight=LINE, labelPadding=4
    )


def legend_below(**more: Any) -> alt.Legend:
    """A legend under the plot, so that it costs the chart no width."""
    return alt.Legend(orient="bottom", direction="horizontal", **more)
