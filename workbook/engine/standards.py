"""Injunction standards: from element strengths to an outcome, explained in plain legal English.

A standard reads the strength of each element of a case (threshold questions
and the four factors, found by their *role*, never by id) and says whether the
injunction issues, which element decided it, and why. Two ship:

``winter``
    Winter v. NRDC, 555 U.S. 7 (2008), applied conjunctively: every
    factor must be *likely*, meaning a strength strictly above 0.5. A strength
    of exactly 0.5 is a coin toss, a mere possibility, and is not enough.
``sliding-scale``
    The D.C. Circuit's sliding scale as district courts still apply it (Davis v.
    PBGC, 571 F.3d 1288 (D.C. Cir. 2009)): the factors are weighed
    together, so a strong showing on one offsets a weaker one. Formalised here
    as: no factor below ``floor`` (0.35 by default: a weak showing can be made
    up for, an absent one cannot), and the average factor strength above 0.5.
    Whether the sliding scale survives Winter is open in the Circuit (Davis
    (Kavanaugh, J., concurring); Sherley v. Sebelius, 644 F.3d 388 (D.C. Cir.
    2011)), and every explanation says so.

The explanations cite these authorities without pinpoints: the case files'
verification records say which pages were confirmed, and an explanation must
not present an unconfirmed page as settled.

Common to both:

* **Thresholds** (role ``threshold``: standing, mootness, reviewability...) are
  taken in case order and gate the analysis. The movant bears the burden on
  them, so each must be above 0.5 too; the first that is not ends the
  analysis, decides the motion, and the elements after it are not reached.
* **Several elements with one factor role** (e.g. one likelihood-of-success
  element per claim): the strongest stands for the factor, since the movant
  need carry only one claim or one harm.
* **Nken merger**: when the government opposes the motion, the balance of
  equities and the public interest merge into one factor (Nken v. Holder, 556
  U.S. 418 (2009)), scored as the average of the two. ``merge=None``
  (the default) turns it on exactly when ``case.case.government_opponent``.
* **A missing factor** (a case file with no element of that role) cannot be
  shown, so the motion is denied, and the explanation says which role to add.

A standard is any object with :meth:`Standard.decide`; wrap a plain function
with :func:`as_standard`. The built-ins also decide whole batches of strength
rows at once (:meth:`Standard.decide_batch`), which the what-ifs and the
Monte Carlo use.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine.factors import (
    Decision,
    ElementScore,
    FactorLayout,
    Matrix,
    first_extreme,
    first_true,
)
from workbook.engine.wording import (
    NKEN,
    OPEN_QUESTION,
    WINTER,
    factor_words,
    gate_words,
    missing_words,
)
from workbook.errors import ScenarioError
from workbook.vocabulary import FACTOR_ROLES, lookup

__all__ = [
    "FACTOR_ROLES",
    "LIKELY",
    "STANDARDS",
    "Decision",
    "ElementScore",
    "FunctionStandard",
    "SlidingScale",
    "Standard",
    "Winter",
    "as_standard",
    "get_standard",
]

LIKELY = 0.5
"""A strength must be strictly above this to count as "likely" (0.5 itself is not)."""


# --------------------------------------------------------------------------- standards


class Standard:
    """Base class of the shipped standards: decide one row or a batch of element strengths.

    Subclasses implement :meth:`_batch` (vectorised outcome and deciding
    element) and :meth:`_explain_factors` (the words for one row once the thresholds are met).
    """

    name: str = ""
    title: str = ""
    merge: bool | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def merges(self, government_opponent: bool) -> bool:
        """Whether the Nken merger applies for a case with this kind of opponent."""
        return government_opponent if self.merge is None else self.merge

    def decide(
        self, scores: Sequence[ElementScore], *, government_opponent: bool = False
    ) -> Decision:
        """Decide one set of element strengths (in case order)."""
        roles = [s.role for s in scores]
        layout = FactorLayout.of(roles, self.merges(government_opponent))
        m = np.array([[s.strength for s in scores]], dtype=np.float64).reshape(1, len(scores))
        granted, deciding, failed_threshold = self._gate_and_batch(m.T, layout)
        dec = int(deciding[0])
        fail_t = int(failed_threshold[0])
        reached = {s.id: True for s in scores}
        if fail_t >= 0:
            # thresholds gate everything: only those up to the failing one were reached
            reached = {s.id: s.role == "threshold" and i <= fail_t for i, s in enumerate(scores)}
        satisfied: dict[str, bool | None] = {}
        fstr, _ = layout.factor_strengths(m.T)
        merged_ok = None
        for k, factor in enumerate(layout.factors):
            if len(factor.groups) == 2:
                merged_ok = bool(fstr[k, 0] > LIKELY)
        merged_ids = {i for f in layout.factors if len(f.groups) == 2 for g in f.groups for i in g}
        for i, s in enumerate(scores):
            if not reached[s.id]:
                satisfied[s.id] = None
            elif i in merged_ids:
                satisfied[s.id] = merged_ok
            else:
                satisfied[s.id] = s.strength > LIKELY
        text = self._explain(scores, layout, m[0], bool(granted[0]), dec, fail_t)
        return Decision(
            bool(granted[0]),
            scores[dec].id if dec >= 0 else None,
            text,
            satisfied,
            reached,
            layout.missing,
            layout.merged,
        )

    def decide_batch(
        self, m: Matrix, roles: Sequence[str], *, government_opponent: bool = False
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding element index (-1 for none) for each row of ``m`` (S x elements)."""
        layout = FactorLayout.of(roles, self.merges(government_opponent))
        granted, deciding, _ = self._gate_and_batch(
            np.ascontiguousarray(np.atleast_2d(m).T), layout
        )
        return granted, deciding

    def decide_columns(
        self, mt: Matrix, roles: Sequence[str], *, government_opponent: bool = False
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """:meth:`decide_batch` on element-major strengths ``(elements, S)``, copy-free."""
        layout = FactorLayout.of(roles, self.merges(government_opponent))
        granted, deciding, _ = self._gate_and_batch(mt, layout)
        return granted, deciding

    def _gate_and_batch(
        self, mt: Matrix, layout: FactorLayout
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp], NDArray[np.intp]]:
        """Outcome, deciding element and failed threshold (-1: none) from ``(elements, S)``."""
        rows = mt.shape[1]
        failed = np.full(rows, -1, dtype=np.intp)
        if layout.thresholds:
            t = np.asarray(layout.thresholds)
            bad = mt[t] <= LIKELY
            anybad = bad.any(axis=0)
            failed = np.where(anybad, t[first_true(bad)], -1)
        granted, deciding = self._batch(mt, layout)
        if layout.missing:
            granted = np.zeros(rows, dtype=bool)
            deciding = np.full(rows, -1, dtype=np.intp)
        gate = failed >= 0
        granted = granted & ~gate
        deciding = np.where(gate, failed, deciding)
        return granted, deciding, failed

    def _batch(self, m: Matrix, layout: FactorLayout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        raise NotImplementedError

    def _explain(
        self,
        scores: Sequence[ElementScore],
        layout: FactorLayout,
        row: Matrix,
        granted: bool,
        deciding: int,
        failed_threshold: int,
    ) -> str:
        """The words for one row: a failed threshold or a missing factor, else the factors'."""
        if failed_threshold >= 0:
            return gate_words(scores, failed_threshold)
        if layout.missing:
            return missing_words(layout)
        f, _ = layout.factor_strengths(row[:, None])
        return self._explain_factors(scores, layout, row, f[:, 0], granted)

    def _explain_factors(
        self,
        scores: Sequence[ElementScore],
        layout: FactorLayout,
        row: Matrix,
        fs: Matrix,
        granted: bool,
    ) -> str:
        raise NotImplementedError


@dataclass(frozen=True, repr=False)
class Winter(Standard):
    """Winter v. NRDC applied conjunctively: each factor must be likely (strength above 0.5)."""

    name: str = "winter"
    title: str = "Winter v. NRDC (each factor must be likely)"
    merge: bool | None = None

    def _batch(
        self, mt: Matrix, layout: FactorLayout
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        rows = mt.shape[1]
        if not layout.factors:
            return np.zeros(rows, dtype=bool), np.full(rows, -1, dtype=np.intp)
        f, rep = layout.factor_strengths(mt)
        ok = f > LIKELY
        granted: NDArray[np.bool_] = np.asarray(ok.all(axis=0))
        first_bad = first_true(~ok)
        weakest = first_extreme(f, lowest=True)
        k = np.where(granted, weakest, first_bad)
        return granted, rep[k, np.arange(rows)]

    def _explain_factors(
        self,
        scores: Sequence[ElementScore],
        layout: FactorLayout,
        row: Matrix,
        fs: Matrix,
        granted: bool,
    ) -> str:
        merge = f" {NKEN}" if layout.merged else ""
        if granted:
            k = int(fs.argmin())
            return (
                f"Granted under {WINTER}: every threshold is met and each factor is likely "
                f"(strength above 0.5). The narrowest is {factor_words(scores, layout, row, k)}; "
                f"it decides the motion, because if it fell to 0.5 or below the motion would "
                f"fail.{merge}"
            )
        k = int((fs <= LIKELY).argmax())
        words = factor_words(scores, layout, row, k)
        extra = ""
        if any(scores[i].role == "irreparable-harm" for g in layout.factors[k].groups for i in g):
            extra = (
                " A mere possibility of irreparable harm is not enough; it must be likely "
                "(Winter v. NRDC, 555 U.S. 7 (2008))."
            )
        return (
            f"Denied under {WINTER}: {words} is not likely (0.5 or below is not enough). "
            f"Each factor must be met on its own, so it decides the motion.{extra}{merge}"
        )


@dataclass(frozen=True, repr=False)
class SlidingScale(Standard):
    """The D.C. Circuit's sliding scale: factors weighed together, none below ``floor``."""

    name: str = "sliding-scale"
    title: str = "D.C. Circuit sliding scale (strong factors offset weak ones)"
    merge: bool | None = None
    floor: float = 0.35

    def _batch(
        self, mt: Matrix, layout: FactorLayout
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        rows = mt.shape[1]
        if not layout.factors:
            return np.zeros(rows, dtype=bool), np.full(rows, -1, dtype=np.intp)
        f, rep = layout.factor_strengths(mt)
        too_weak = f < self.floor
        any_weak = too_weak.any(axis=0)
        balance = f.mean(axis=0) > LIKELY
        granted = ~any_weak & balance
        all_likely = (f > LIKELY).all(axis=0)
        k = np.where(
            any_weak,
            first_true(too_weak),
            np.where(
                granted & ~all_likely, first_extreme(f, lowest=False), first_extreme(f, lowest=True)
            ),
        )
        return granted, rep[k, np.arange(rows)]

    def _explain_factors(
        self,
        scores: Sequence[ElementScore],
        layout: FactorLayout,
        row: Matrix,
        fs: Matrix,
        granted: bool,
    ) -> str:
        mean = float(fs.mean())
        head = (
            "Under the D.C. Circuit's sliding scale (Davis v. PBGC, 571 F.3d 1288 "
            "(D.C. Cir. 2009)) the factors are weighed together, and a strong showing on one "
            "can offset a weaker showing on another."
        )
        merge = f" {NKEN}" if layout.merged else ""
        if (fs < self.floor).any():
            k = int((fs < self.floor).argmax())
            body = (
                f"Denied: {factor_words(scores, layout, row, k)} is below {self.floor:.2f}, too "
                f"weak for any other factor to make up for, so it decides the motion."
            )
        elif not granted:
            k = int(fs.argmin())
            body = (
                f"Denied: on balance the factors average {mean:.2f}, not above 0.5; the "
                f"weakest, {factor_words(scores, layout, row, k)}, decides the motion."
            )
        elif (fs > LIKELY).all():
            k = int(fs.argmin())
            body = (
                f"Granted: every factor is likely, and the factors average {mean:.2f}; the "
                f"narrowest is {factor_words(scores, layout, row, k)}, which decides the motion."
            )
        else:
            k = int(fs.argmax())
            weak = [factor_words(scores, layout, row, j) for j in range(len(fs)) if fs[j] <= LIKELY]
            body = (
                f"Granted: the strong showing on {factor_words(scores, layout, row, k)} offsets "
                f"the weaker showing on {'; '.join(weak)}; the factors average {mean:.2f}, "
                f"above 0.5. The strongest factor decides the motion. Under Winter read "
                f"conjunctively the motion would fail."
            )
        return f"{head} {body}{merge} {OPEN_QUESTION}"


DecideFunction = Callable[[Sequence[ElementScore], bool], Decision]
"""A plain-function standard: ``decide(scores, merge) -> Decision``."""


class FunctionStandard(Standard):
    """A standard made from a plain function ``decide(scores, merge) -> Decision``."""

    def __init__(
        self, function: DecideFunction, name: str = "", title: str = "", merge: bool | None = None
    ) -> None:
        self.function = function
        self.name = name or getattr(function, "__name__", "custom")
        self.title = title or self.name
        self.merge = merge

    def decide(
        self, scores: Sequence[ElementScore], *, government_opponent: bool = False
    ) -> Decision:
        """Call the function."""
        return self.function(scores, self.merges(government_opponent))

    def decide_columns(
        self, mt: Matrix, roles: Sequence[str], *, government_opponent: bool = False
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Call the function once per sample (a plain function has no batch form)."""
        return self.decide_batch(
            np.asarray(mt, dtype=np.float64).T, roles, government_opponent=government_opponent
        )

    def decide_batch(
        self, m: Matrix, roles: Sequence[str], *, government_opponent: bool = False
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Call the function once per row (a plain function has no batch form)."""
        m = np.atleast_2d(m)
        ids = [f"e{i}" for i in range(len(roles))]
        granted = np.zeros(m.shape[0], dtype=bool)
        deciding = np.full(m.shape[0], -1, dtype=np.intp)
        for r in range(m.shape[0]):
            scores = [
                ElementScore(i, i, role, float(v))
                for i, role, v in zip(ids, roles, m[r], strict=True)
            ]
            d = self.decide(scores, government_opponent=government_opponent)
            granted[r] = d.granted
            deciding[r] = ids.index(d.deciding) if d.deciding in ids else -1
        return granted, deciding


STANDARDS: Mapping[str, Standard] = {
    "winter": Winter(),
    "sliding-scale": SlidingScale(),
    "winter-unmerged": Winter(
        name="winter-unmerged",
        merge=False,
        title="Winter v. NRDC, equities and public interest kept apart",
    ),
    "sliding-scale-unmerged": SlidingScale(
        name="sliding-scale-unmerged",
        merge=False,
        title="Sliding scale, equities and public interest kept apart",
    ),
}
"""The shipped standards by name. The ``-unmerged`` variants never apply the Nken merger."""


def get_standard(name: str) -> Standard:
    """The standard with this name.

    Raises:
        ScenarioError: no standard has that name; the message lists the names.

    """
    return lookup(STANDARDS, name, "standard")


def as_standard(value: str | Standard | DecideFunction | Any) -> Standard:
    """A standard from a name, a :class:`Standard`, or a function ``decide(scores, merge)``."""
    if isinstance(value, Standard):
        return value
    if isinstance(value, str):
        return get_standard(value)
    if callable(value):
        return FunctionStandard(value)
    raise ScenarioError(f"a standard must be a name, a Standard or a function, not {value!r}")
