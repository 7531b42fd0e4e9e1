"""The words of the standards' explanations: citations, the Nken merger, the open question.

The explanations cite these authorities without pinpoints: the case files'
verification records say which pages were confirmed, and an explanation must
not present an unconfirmed page as settled.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbook.engine.factors import ElementScore, FactorLayout, Matrix

__all__ = ["NKEN", "OPEN_QUESTION", "WINTER", "factor_words", "gate_words", "missing_words"]

WINTER = "Winter v. NRDC, 555 U.S. 7 (2008)"
NKEN = (
    "Because the government opposes the motion, the balance of equities and the public "
    "interest merge into one factor (Nken v. Holder, 556 U.S. 418 (2009)), scored "
    "as the average of the two."
)
OPEN_QUESTION = (
    "Whether the sliding scale survives Winter is an open question in the D.C. Circuit: "
    "Davis v. PBGC, 571 F.3d 1288 (D.C. Cir. 2009) (Kavanaugh, J., concurring), reads "
    "Winter to require likely success and likely irreparable harm independently, and "
    "Sherley v. Sebelius, 644 F.3d 388 (D.C. Cir. 2011), left the question "
    "undecided."
)


def gate_words(scores: Sequence[ElementScore], failed_threshold: int) -> str:
    """The words for a motion denied at a threshold."""
    s = scores[failed_threshold]
    return (
        f"Denied at the threshold: {s.name} is not shown for the movant (strength "
        f"{s.strength:.2f}; the movant bears the burden and must be above 0.5). The court "
        f"would not reach the remaining elements, so {s.name} decides the motion."
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
    if len(factor.groups) == 2:
        parts = " and ".join(f"{scores[i].name} ({row[i]:.2f})" for i in ids)
        return f"{factor.label} ({parts})"
    if len(ids) > 1:
        best = max(ids, key=lambda i: row[i])
        return f"{scores[best].name} (strength {row[best]:.2f}, the strongest of {len(ids)})"
    return f"{scores[ids[0]].name} (strength {row[ids[0]]:.2f})"
