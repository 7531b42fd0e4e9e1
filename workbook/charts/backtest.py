"""The backtest library as a picture: each decided case's forecast against what the court did.

:func:`forecasts` draws one row per decided case: a dot at P(granted) from the
questions' priors as they stood before the ruling, a mark at what the court did
(1 granted, 0 denied) and a line between them, whose length is the forecast's
error (its square is the Brier score). A rule marks a coin toss (0.5). With a
handful of cases this shows each forecast's error plainly; it is not a
calibration curve, which would take many more cases to draw.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from workbook.charts._base import inline, legend_below, tooltips, wrap_label, wrapped_axis
from workbook.vocabulary import SIDE_COLORS, outcome_word

__all__ = ["forecasts"]

_COURT = {"granted": SIDE_COLORS["movant"], "denied": SIDE_COLORS["opponent"]}
"""What the court did, in the sides' colours: granted for the movant, denied for the opponent."""


def _rows(results: Sequence[Any]) -> list[dict[str, Any]]:
    rows = []
    for r in results:
        if r.p_granted_before is None:
            continue
        court = outcome_word(r.court_granted)
        rows.append(
            {
                "case": wrap_label(r.title or r.case, 30),
                "title": r.title or r.case,
                "forecast": round(r.p_granted_before, 3),
                "court": court,
                "result": 1.0 if r.court_granted else 0.0,
                "engine": outcome_word(r.engine_granted),
                "brier": round(r.brier or 0.0, 3),
            }
        )
    return rows


def forecasts(results: Sequence[Any], *, width: int = 360) -> alt.LayerChart:
    """Each decided case's P(granted) before the ruling against the court's result."""
    rows = _rows(results)
    data = inline(rows)
    y = alt.Y("case:N", title=None, sort=None, axis=wrapped_axis())
    x = alt.X(
        "forecast:Q",
        title="P(granted) before the ruling, from the priors",
        scale=alt.Scale(domain=[0, 1]),
    )
    tips = tooltips("title:N", "forecast:Q|.2f", "court:N", "engine:N", "brier:Q|.2f")
    error = (
        alt.Chart(data).mark_rule(strokeWidth=2, color="#666666").encode(y=y, x=x, x2="result:Q")
    )
    court = (
        alt.Chart(data)
        .mark_point(shape="diamond", size=140, filled=True)
        .encode(
            y=y,
            x=alt.X("result:Q"),
            color=alt.Color(
                "court:N",
                title="The court",
                scale=alt.Scale(domain=list(_COURT), range=list(_COURT.values())),
                legend=legend_below(),
            ),
            tooltip=tips,
        )
    )
    dot = (
        alt.Chart(data)
        .mark_point(size=90, filled=True, color="#000000")
        .encode(y=y, x=x, tooltip=tips)
    )
    coin = (
        alt.Chart(inline([{"x": 0.5}]))
        .mark_rule(strokeDash=[4, 3], color="#999999")
        .encode(x="x:Q")
    )
    n = len(rows)
    title = alt.TitleParams(
        f"Forecast (dot) against the court (diamond): {n} decided case{'s' if n != 1 else ''}",
        subtitle="The line is the forecast's error; dashed: a coin toss.",
        anchor="start",
    )
    return alt.LayerChart(
        layer=[coin, error, dot, court], width=width, height=max(40, 36 * n), title=title
    )
