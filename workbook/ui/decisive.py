"""What would flip the motion, in words: decisive questions and tipping points as HTML.

Every piece of case text (question wording, answer labels, argument ids) is
escaped before it is put into HTML.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from workbook.engine.whatif import DecisiveQuestions, TippingPoint
from workbook.models import Case
from workbook.vocabulary import outcome_word, status_word

__all__ = ["decisive_html", "status_words"]


status_words = status_word
"""Met, not met or not reached, for an element's result (see ``workbook.vocabulary``)."""


def decisive_html(
    case: Case, found: DecisiveQuestions, points: Sequence[TippingPoint], *, limit: int = 5
) -> str:
    """The answers and strength changes that would flip the outcome, as escaped HTML.

    Arguments are named by their headings and elements by their names, never by id.
    """
    questions = {q.id: q for q in case.questions}
    headings = {a.id: a.heading for a in case.arguments}
    elements = {e.id: e.name for e in case.elements}

    def words(answers: Iterable[tuple[str, str]]) -> str:
        parts = []
        for qid, aid in answers:
            q = questions.get(qid)
            label = next((a.label for a in q.answers if a.id == aid), aid) if q else aid
            parts.append(f"“{q.text if q else qid}” → {label}")
        return "; ".join(parts)

    now = outcome_word(found.granted)
    flip = "denied" if found.granted else "granted"
    lines = [f"<p>The motion is <b>{now}</b> now. What would make it {flip}:</p><ul>"]
    if found.minimal:
        for f in found.minimal[:limit]:
            lines.append(
                f"<li>{html.escape(words(sorted(f.answers.items())))}"
                f" <small>(then decided on "
                f"{html.escape(elements.get(str(f.deciding), str(f.deciding)))})</small></li>"
            )
    else:
        lines.append(
            f"<li>No change of answer to up to {found.searched} of the contested "
            "questions flips the outcome.</li>"
        )
    flips = sorted(
        (p for p in points if p.flips == "outcome" and p.change is not None),
        key=lambda p: (abs(p.change or 0.0), p.argument),
    )
    for p in flips[:limit]:
        heading = headings.get(p.argument, p.argument)
        lines.append(
            f"<li>Strength of “{html.escape(heading)}” from {p.base:.2f} to {p.value:.2f}: "
            f"{html.escape(p.summary)}</li>"
        )
    if not flips:
        lines.append("<li>No single argument's strength, anywhere in 0–1, flips it.</li>")
    lines.append("</ul>")
    return "".join(lines)
