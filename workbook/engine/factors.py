"""Where the thresholds and the four factors sit among a case's elements, found by role.

Several elements with one factor role (one likelihood-of-success element per
claim): the strongest stands for the factor. Under the Nken merger, the
balance of equities and the public interest form one factor, the average of
the two. Everything here works on element-major arrays ``(elements, samples)``
so one call decides a whole batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.vocabulary import FACTOR_ROLES, ROLE_NAMES

__all__ = [
    "MET",
    "Decision",
    "ElementScore",
    "Factor",
    "FactorLayout",
    "FactorOutcome",
    "Matrix",
    "first_extreme",
    "first_true",
    "settle",
]

Matrix = NDArray[np.floating[Any]]

MET = 0.5 + 2.0**-20
"""The least strength that counts as met: an element an answer settles as met is raised to it.

Exact in float32 and float64, so a settled element is met in every batch.
"""


def settle(mt: Matrix, settled: NDArray[np.int8] | None) -> Matrix:
    """Element strengths ``(elements, S)`` with the answers' settlements applied.

    ``settled`` is ``(elements,)`` or ``(elements, S)``: +1 met (raised to at
    least :data:`MET`), -1 not met (set to 0, so no other factor can offset it),
    0 open. Returns ``mt`` itself when nothing is settled.
    """
    if settled is None or not settled.any():
        return mt
    eff = mt.copy()
    if settled.ndim == 1:
        met, no = settled > 0, settled < 0
        eff[met] = np.maximum(eff[met], MET)
        eff[no] = 0.0
    else:
        np.maximum(eff, eff.dtype.type(MET), out=eff, where=settled > 0)
        eff[settled < 0] = 0.0
    return eff


def first_true(mask: NDArray[np.bool_]) -> NDArray[np.intp]:
    """``mask.argmax(axis=0)`` for a short first axis: the first True row (0 when none).

    A loop over the few rows beats NumPy's reduction along the short axis several-fold.
    """
    out = np.zeros(mask.shape[1], dtype=np.intp)
    for k in range(mask.shape[0] - 1, 0, -1):
        out[mask[k]] = k
    out[mask[0]] = 0
    return out


def first_extreme(f: Matrix, lowest: bool) -> NDArray[np.intp]:
    """``f.argmin(axis=0)`` (or ``argmax``) for a short first axis: the first extreme row."""
    best = f[0].copy()
    out = np.zeros(f.shape[1], dtype=np.intp)
    for k in range(1, f.shape[0]):
        better = f[k] < best if lowest else f[k] > best
        out[better] = k
        np.copyto(best, f[k], where=better)
    return out


@dataclass(frozen=True)
class Factor:
    """One factor a standard weighs: its words, and the element groups that make it up."""

    label: str  # plain-English name of the factor
    groups: tuple[tuple[int, ...], ...]  # one group of element indices, two when merged


@dataclass(frozen=True)
class FactorLayout:
    """Where thresholds and factors sit among the elements, for one role list."""

    thresholds: tuple[int, ...]
    factors: tuple[Factor, ...]
    missing: tuple[str, ...]
    merged: bool
    opponent_burden: tuple[bool, ...] = ()  # per threshold: the opponent must show it

    @classmethod
    def of(
        cls, roles: Sequence[str], merge: bool, burdens: Sequence[str] | None = None
    ) -> FactorLayout:
        """The layout for elements with these roles, with or without the Nken merger.

        ``burdens`` (per element, ``movant`` by default) says who must carry each threshold.
        """
        by_role = {r: tuple(i for i, x in enumerate(roles) if x == r) for r in FACTOR_ROLES}
        thresholds = tuple(i for i, x in enumerate(roles) if x == "threshold")
        eq, pi = by_role["balance-of-equities"], by_role["public-interest"]
        merged = merge and bool(eq) and bool(pi)
        factors: list[Factor] = []
        missing: list[str] = []
        for role in FACTOR_ROLES:
            if merged and role == "public-interest":
                continue
            if merged and role == "balance-of-equities":
                factors.append(
                    Factor("the balance of equities and the public interest, merged", (eq, pi))
                )
            elif (
                merge
                and not merged
                and role in ("balance-of-equities", "public-interest")
                and (eq or pi)
            ):
                # Nken: with one of the pair present, it carries the merged factor alone.
                if by_role[role]:
                    factors.append(Factor(ROLE_NAMES[role], (by_role[role],)))
            elif by_role[role]:
                factors.append(Factor(ROLE_NAMES[role], (by_role[role],)))
            else:
                missing.append(role)
        opp = tuple(burdens is not None and burdens[i] == "opponent" for i in thresholds)
        return cls(thresholds, tuple(factors), tuple(missing), merged, opp)

    def factor_of(self, role: str) -> int:
        """Index of the factor that stands for ``role`` (-1 when the case has none)."""
        label = ROLE_NAMES[role]
        return next((k for k, f in enumerate(self.factors) if f.label == label), -1)

    def factor_strengths(self, mt: Matrix) -> tuple[Matrix, NDArray[np.intp]]:
        """Factor strengths ``(F, S)`` from element strengths ``(elements, S)``.

        Also returns the element standing for each factor in each sample ``(F, S)``.
        Element-major arrays keep every reduction running along the samples.
        """
        rows = mt.shape[1]
        strength = np.zeros((len(self.factors), rows), dtype=np.result_type(mt.dtype, np.float32))
        rep = np.empty((len(self.factors), rows), dtype=np.intp)
        for k, factor in enumerate(self.factors):
            parts: list[tuple[Matrix, NDArray[np.intp] | int]] = []
            for group in factor.groups:
                if len(group) == 1:  # the usual case: no search needed
                    parts.append((mt[group[0]], group[0]))
                    continue
                cols = mt[list(group)]
                best = first_extreme(cols, lowest=False)
                parts.append((cols[best, np.arange(rows)], np.asarray(group)[best]))
            if len(parts) == 1:
                strength[k], rep[k] = parts[0]
            else:
                (s1, r1), (s2, r2) = parts
                strength[k] = (s1 + s2) / 2.0
                rep[k] = np.where(s1 <= s2, r1, r2)  # the weaker one pulls the pair down
        return strength, rep


@dataclass(frozen=True)
class ElementScore:
    """One element's strength, as a standard sees it."""

    id: str
    name: str
    role: str
    strength: float
    burden: str = "movant"  # who must carry the element: movant or opponent
    settled: bool | None = None  # an answer settled it met (True) or not met (False)
    settled_by: str = ""  # the answer that settled it, in words
    rule: str = ""  # the authorities for the element's test and burden, cited


@dataclass(frozen=True)
class FactorOutcome:
    """One factor as the standard decided it: a single element, or the merged pair."""

    label: str
    elements: tuple[str, ...]
    strength: float
    met: bool
    merged: bool = False


@dataclass(frozen=True)
class Decision:
    """What a standard decided, and why.

    Attributes:
        granted: whether the injunction issues.
        deciding: id of the element that decided it (None when no element did,
            e.g. a missing factor).
        explanation: plain legal English naming the deciding element.
        satisfied: element id -> met (True/False), or None when not reached.
        reached: element id -> whether the analysis got to it.
        missing: factor roles the case file has no element for.
        merged: whether the Nken merger applied.
        factors: each factor as decided (the merged pair as one), when reached.

    """

    granted: bool
    deciding: str | None
    explanation: str
    satisfied: Mapping[str, bool | None]
    reached: Mapping[str, bool]
    missing: tuple[str, ...] = ()
    merged: bool = False
    factors: tuple[FactorOutcome, ...] = ()
