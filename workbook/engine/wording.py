"""The words of the standards' explanations: citations, the Nken merger, the open question.

The explanations cite these authorities without pinpoints: the case files'
verification records say which pages were confirmed, and an explanation must
not present an unconfirmed page as settled.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbook.engine.factors import ElementScore, FactorLayout, Matrix

__all__ = [
    "CITYFED",
    "COTTRELL",
    "HARM_REQUIRED",
    "NKEN",
    "OPEN_QUESTION",
    "PURE_SCALE",
    "SERIOUS_QUESTIONS",
    "WINTER",
    "factor_words",
    "gate_words",
    "missing_words",
    "settled_words",
]

WINTER = "Winter v. NRDC, 555 U.S. 7 (2008)"
NKEN = (
    "Because the government opposes the motion, the balance of equities and the public "
    "interest merge into one factor (Nken v. Holder, 556 U.S. 418 (2009)), scored "
    "as the average of the two."
)
CITYFED = "CityFed Fin. Corp. v. Off. of Thrift Supervision, 58 F.3d 738 (D.C. Cir. 1995)"
HARM_REQUIRED = (
    "The D.C. Circuit has affirmed the denial of preliminary relief for want of irreparable "
    f"harm alone ({CITYFED}), so on this scale irreparable harm is required on its own: no "
    "strength elsewhere makes up for it."
)
PURE_SCALE = (
    "This is the pure sliding scale, a teaching variant: every factor, irreparable harm "
    "included, can be offset by the others. It is not the D.C. Circuit's rule, which has "
    f"upheld a denial of relief for want of irreparable harm alone ({CITYFED}); the default "
    "sliding scale requires harm on its own."
)
COTTRELL = "Alliance for the Wild Rockies v. Cottrell, 632 F.3d 1127 (9th Cir. 2011)"
SERIOUS_QUESTIONS = (
    f"Under the Ninth Circuit's serious-questions approach ({COTTRELL}), which survives "
    f"{WINTER} in that circuit, serious questions going to the merits and a balance of "
    "hardships that tips sharply toward the movant can support relief, so long as irreparable "
    "harm is likely and the injunction is in the public interest."
)
OPEN_QUESTION = (
    "Whether the sliding scale survives Winter is an open question in the D.C. Circuit: "
    "Davis v. PBGC, 571 F.3d 1288 (D.C. Cir. 2009) (Kavanaugh, J., concurring), reads "
    "Winter to require likely success and likely irreparable harm independently, and "
    "Sherley v. Sebelius, 644 F.3d 388 (D.C. Cir. 2011), left the question "
    "undecided."
)


def settled_words(s: ElementScore) -> str:
    """The words for an element an answer settled."""
    word = "met" if s.settled else "not met"
    return f"{s.name} is settled as {word} by {s.settled_by or 'the answers chosen'}"


def _rule(s: ElementScore) -> str:
    return f" ({s.rule})" if s.rule else ""


def gate_words(scores: Sequence[ElementScore], failed_threshold: int) -> str:
    """The words for a motion denied at a threshold, following who bears its burden."""
    s = scores[failed_threshold]
    tail = f"The court would not reach the remaining elements, so {s.name} decides the motion."
    if s.settled is False:
        who = (
            f"The opponent bore the burden on {s.name}{_rule(s)}, and that answer holds it carried."
            if s.burden == "opponent"
            else f"The movant bore the burden on {s.name}{_rule(s)}, and that answer holds it "
            "not carried."
        )
        return f"Denied at the threshold: {settled_words(s)}. {who} {tail}"
    if s.burden == "opponent":
        return (
            f"Denied at the threshold: the opponent, who bears the burden on {s.name}"
            f"{_rule(s)}, carries it: the movant's side stands at {s.strength:.2f}, below 0.5 "
            f"(at exactly 0.5 the burden would not be carried). {tail}"
        )
    return (
        f"Denied at the threshold: {s.name} is not shown for the movant, who bears the "
        f"burden{_rule(s)} (strength {s.strength:.2f}; it must be above 0.5, so a tie goes "
        f"against the movant). {tail}"
    )


def missing_words(layout: FactorLayout) -> str:
    """The words for a motion denied because the case file lacks a factor."""
    roles = ", ".join(layout.missing)
    if len(layout.missing) == 1:
        return (
            f"Denied: the case file has no element for {roles}, so the movant cannot "
            f"show it. Add an element with role {roles!r} to the case file to weigh it."
        )
    return (
        f"Denied: the case file has no element for {roles}, so the movant cannot show "
        f"them. Add an element with each of these roles to the case file to weigh them."
    )


def factor_words(scores: Sequence[ElementScore], layout: FactorLayout, row: Matrix, k: int) -> str:
    """One factor in words, with the strength of the element(s) standing for it."""
    factor = layout.factors[k]
    ids = [i for g in factor.groups for i in g]
    settled = [scores[i] for i in ids if scores[i].settled is not None]
    if settled and len(ids) == 1:
        s = settled[0]
        word = "met" if s.settled else "not met"
        return f"{s.name} (settled as {word} by {s.settled_by or 'the answers chosen'})"
    if len(factor.groups) == 2:
        parts = " and ".join(f"{scores[i].name} ({row[i]:.2f})" for i in ids)
        return f"{factor.label} ({parts})"
    if len(ids) > 1:
        best = max(ids, key=lambda i: row[i])
        return f"{scores[best].name} (strength {row[best]:.2f}, the strongest of {len(ids)})"
    return f"{scores[ids[0]].name} (strength {row[ids[0]]:.2f})"
