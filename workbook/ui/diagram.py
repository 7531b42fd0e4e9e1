"""A picture of the test a motion must pass, drawn from one case and one weighing.

Four stages left to right: the threshold questions (each must be met before
anything else is weighed), the four factors, the standard that weighs them,
and the outcome. Every box comes from the case file and the result: the
elements' names and strengths, whether each is met, the factors as the
standard took them (the balance of equities and the public interest as one
factor when the Nken merger applies), the standard's rule and the deciding
element. Colour is never the only signal: each box also says met, not met or
not reached in words, with a mark.

>>> from workbook import load_case, weigh
>>> case = load_case(CASES / "legion-v-lutnick")
>>> "Threshold questions" in motion_diagram_html(case, weigh(case))
True
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from IPython.display import HTML

from workbook.charts import outcome_words
from workbook.engine import ElementResult, Result, weigh
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.tables import standard_rule
from workbook.vocabulary import FACTOR_ROLES, ROLE_NAMES, status_word

__all__ = ["motion_diagram", "motion_diagram_html"]

_COLOURS = {"met": "#0072B2", "not met": "#D55E00", "not reached": "#767676"}
_MARKS = {"met": "✓", "not met": "✗", "not reached": "–"}
_STYLE = (
    "<style>"
    ".wb-diagram{display:flex;flex-wrap:wrap;align-items:stretch;gap:6px;margin:8px 0;"
    "font-size:13px;line-height:1.35;color:#000;max-width:100%}"
    ".wb-diagram .wb-stage{flex:1 1 190px;min-width:170px;max-width:300px;"
    "display:flex;flex-direction:column;gap:5px}"
    ".wb-diagram .wb-stage h4{margin:0;font-size:14px}"
    ".wb-diagram .wb-stage p{margin:0 0 2px 0;font-size:12px}"
    ".wb-diagram .wb-arrow{align-self:center;font-size:22px;padding:0 2px}"
    ".wb-diagram .wb-box{border:2px solid;border-radius:5px;padding:4px 7px;background:#fff}"
    ".wb-diagram .wb-group{border:2px dashed #555;border-radius:6px;padding:4px;"
    "display:flex;flex-direction:column;gap:4px}"
    ".wb-diagram small{display:block}"
    "</style>"
)


def _box(name: str, detail: str, status: str, more: str = "") -> str:
    colour = _COLOURS.get(status, "#767676")
    mark = _MARKS.get(status, "")
    width = 4 if more else 2
    return (
        f'<div class="wb-box" style="border-color:{colour};border-width:{width}px">'
        f"<b>{html.escape(name)}</b><small>{html.escape(detail)} "
        f"<span style='color:{colour}'><b>{mark}</b></span> {html.escape(status)}"
        f"{'<br><b>' + html.escape(more) + '</b>' if more else ''}</small></div>"
    )


def _element_box(e: ElementResult, deciding: str | None) -> str:
    status = status_word(e.satisfied, e.reached)
    burden = "; the opponent's burden" if e.burden == "opponent" else ""
    more = "It decides the motion." if e.id == deciding else ""
    return _box(e.name, f"strength {e.strength:.2f}{burden}:", status, more)


def _stage(title: str, caption: str, boxes: Sequence[str]) -> str:
    return (
        f'<div class="wb-stage"><h4>{html.escape(title)}</h4>'
        f"<p>{html.escape(caption)}</p>{''.join(boxes)}</div>"
    )


def _factor_boxes(case: Case, result: Result) -> list[str]:
    """One box a factor role, the merged pair grouped, a missing role said so."""
    by_role = {r: [e for e in result.elements if e.role == r] for r in FACTOR_ROLES}
    merged = next((f for f in result.factors if f.merged), None)
    boxes: list[str] = []
    for role in FACTOR_ROLES:
        if merged is not None and role == "public-interest":
            continue
        if merged is not None and role == "balance-of-equities":
            inner = [
                _element_box(e, result.deciding)
                for r in ("balance-of-equities", "public-interest")
                for e in by_role[r]
            ]
            status = "met" if merged.met else "not met"
            colour = _COLOURS[status]
            boxes.append(
                '<div class="wb-group"><small>weighed as one factor (the government opposes: '
                f"Nken), together {merged.strength:.2f}: <span style='color:{colour}'>"
                f"<b>{_MARKS[status]}</b></span> {status}</small>{''.join(inner)}</div>"
            )
            continue
        found = by_role[role]
        if not found:
            boxes.append(_box(ROLE_NAMES[role], "not in this case file:", "not reached"))
        boxes += [_element_box(e, result.deciding) for e in found]
    return boxes


def motion_diagram_html(case: Case, result: Result) -> str:
    """The test as HTML: thresholds → the four factors → the standard → the outcome."""
    thresholds = [
        _element_box(e, result.deciding) for e in result.elements if e.role == "threshold"
    ]
    if not thresholds:
        thresholds = ["<p><i>This case file has no threshold questions.</i></p>"]
    gov = case.case.government_opponent
    title = (result.standard_title or result.standard).split(" (")[0]
    rule = standard_rule(result.standard, gov)
    colour = _COLOURS["met" if result.granted else "not met"]
    stages = [
        _stage(
            "1. Threshold questions",
            "Each must be met first; one not met ends the motion.",
            thresholds,
        ),
        _stage(
            "2. The four factors",
            "Each is an element's strength from 0 to 1; likely means above 0.5.",
            _factor_boxes(case, result),
        ),
        _stage(
            "3. The standard",
            "How the factors are weighed together.",
            [
                f'<div class="wb-box" style="border-color:#000"><b>{html.escape(title)}</b>'
                f"<small>{html.escape(rule)}</small></div>"
            ],
        ),
        _stage(
            "4. Outcome",
            "With the case file's answers to its open questions.",
            [
                f'<div class="wb-box" style="border-color:{colour};border-width:4px">'
                f"<b>{html.escape(result.outcome.capitalize())}</b>"
                f"<small>{html.escape(outcome_words(result))}.</small></div>"
            ],
        ),
    ]
    arrow = '<div class="wb-arrow" aria-hidden="true">→</div>'
    label = html.escape(f"The test for the motion in {case.case.title}, as the case file weighs it")
    return f'{_STYLE}<div class="wb-diagram" role="group" aria-label="{label}">' + (
        arrow.join(stages) + "</div>"
    )


def motion_diagram(case: Case, scenario: Scenario | None = None) -> HTML:
    """The picture of the test for a notebook, weighed with the scenario (default answers)."""
    result = weigh(case, scenario)
    return HTML(motion_diagram_html(case, result))  # type: ignore[no-untyped-call]
