"""The odds panel: how likely the court is to give each answer, as sliders that sum to 1.

Each question gets one slider per answer. Moving one rescales the others so
they still sum to 1 (:func:`workbook.scenario.rebalanced`). A question the
user has answered is fixed at that answer, and its sliders say so; the case
file's prior and its reason are shown as the starting point, marked as a
judgment.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping

import ipywidgets as widgets

from workbook.models import Case, Question
from workbook.scenario import Scenario

_FIXED_MARK = '<div class="wb-odds-fixed"'
"""How a fixed question's status line starts (its sliders are greyed out while it does)."""

__all__ = ["OddsControls", "current_odds", "odds_controls", "status", "sync_values"]

OddsControls = tuple[
    widgets.VBox, dict[str, dict[str, widgets.FloatSlider]], dict[str, widgets.HTML]
]
"""The panel, the sliders by question and answer, and a status line per question."""


def current_odds(case: Case, scenario: Scenario, question: Question) -> dict[str, float]:
    """The odds in use for one question: the user's, else the case file's, else its default."""
    odds = scenario.priors.get(question.id)
    if odds is None and question.prior is not None:
        odds = question.prior.odds
    if odds is None:
        odds = {question.default: 1.0}
    return {a: float(odds.get(a, 0.0)) for a in question.answer_ids}


def status(scenario: Scenario, question: Question) -> str:
    """Whether the question is open (sampled from its odds) or fixed, in words."""
    if question.id in scenario.answers:
        start = _FIXED_MARK
        words = "Fixed: you answered this question. Set it back to its default to weigh odds."
    else:
        start = "<div"
        words = "Open: the Monte Carlo draws the court's answer from these odds."
    return f'{start} style="line-height:1.35"><i>{words}</i></div>'


def _text(inner: str, *, size: str = "inherit") -> widgets.HTML:
    """An HTML line that wraps at normal line spacing (widgets' HTML uses the 28px row height)."""
    return widgets.HTML(f'<div style="line-height:1.35;font-size:{size}">{inner}</div>')


def _reason(reason: str) -> str:
    """The prior's reason after "Judgment:", without repeating a leading "A judgment."."""
    text = reason.strip()
    if text.startswith("A judgment. "):
        text = text[len("A judgment. ") :]
    return f"<b>Judgment:</b> {html.escape(text)}"


def _grey_when_fixed(state: widgets.HTML, sliders: list[widgets.FloatSlider]) -> None:
    """Grey out a question's sliders while its status says it is fixed (they do nothing then)."""

    def show(value: str) -> None:
        for s in sliders:
            s.disabled = value.startswith(_FIXED_MARK)

    show(state.value)
    state.observe(lambda change: show(change["new"]), names="value")


def odds_controls(case: Case, scenario: Scenario) -> OddsControls:
    """One block per question: its text, the prior's reason, a slider per answer, a status.

    The sliders are not wired: the caller observes them (through its guard against
    its own updates).
    """
    sliders: dict[str, dict[str, widgets.FloatSlider]] = {}
    states: dict[str, widgets.HTML] = {}
    blocks: list[widgets.Widget] = []
    for q in case.questions:
        odds = current_odds(case, scenario, q)
        sliders[q.id] = {}
        rows: list[widgets.Widget] = [_text(f"<b>{html.escape(q.text)}</b>")]
        if q.prior is not None:
            rows.append(_text(_reason(q.prior.reason), size="0.85em"))
        for a in q.answers:
            s = widgets.FloatSlider(
                tooltip=f"Odds of the answer: {a.label} ({q.text})",
                value=odds[a.id],
                min=0.0,
                max=1.0,
                step=0.05,
                continuous_update=False,
                readout_format=".2f",
                layout=widgets.Layout(width="320px", max_width="100%"),
            )
            sliders[q.id][a.id] = s
            answer = _text(html.escape(a.label), size="0.85em")
            rows.append(
                widgets.VBox(
                    [answer, s], layout=widgets.Layout(margin="2px 0 2px 12px", overflow="hidden")
                )
            )
        states[q.id] = widgets.HTML(status(scenario, q))
        _grey_when_fixed(states[q.id], list(sliders[q.id].values()))
        rows.append(states[q.id])
        blocks.append(
            widgets.VBox(
                rows,
                layout=widgets.Layout(
                    margin="0 0 16px 0", padding="0 0 8px 0", border_bottom="1px solid #DDDDDD"
                ),
            )
        )
    if not blocks:
        blocks = [widgets.HTML("<i>This case file has no contested questions.</i>")]
    intro = _text(
        "<p>How likely is the court to give each answer? These odds are judgments, not "
        "findings: the case file's are a starting point with their reasons. P(granted) and the "
        "value-of-information chart use them for every question you have not answered.</p>"
    )
    return widgets.VBox([intro, *blocks]), sliders, states


def sync_values(
    sliders: Mapping[str, widgets.FloatSlider], odds: Mapping[str, float], sync: Callable[..., None]
) -> None:
    """Move the sliders of one question to these odds without firing their callbacks."""
    for a, s in sliders.items():
        sync(s, float(odds.get(a, 0.0)))
