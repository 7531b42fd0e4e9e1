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

from workbook.errors import ScenarioError, nearest

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

FACTOR_ROLES = ("likelihood-of-success", "irreparable-harm", "balance-of-equities",
                "public-interest")
"""The four Winter factors, in the order courts take them."""

_ROLE_NAMES = {
    "likelihood-of-success": "likelihood of success on the merits",
    "irreparable-harm": "irreparable harm",
    "balance-of-equities": "the balance of equities",
    "public-interest": "the public interest",
}
_WINTER = "Winter v. NRDC, 555 U.S. 7 (2008)"
_NKEN = ("Because the government opposes the motion, the balance of equities and the public "
         "interest merge into one factor (Nken v. Holder, 556 U.S. 418 (2009)), scored "
         "as the average of the two.")
_OPEN = ("Whether the sliding scale survives Winter is an open question in the D.C. Circuit: "
         "Davis v. PBGC, 571 F.3d 1288 (D.C. Cir. 2009) (Kavanaugh, J., concurring), reads "
         "Winter to require likely success and likely irreparable harm independently, and "
         "Sherley v. Sebelius, 644 F.3d 388 (D.C. Cir. 2011), left the question "
         "undecided.")

Matrix = NDArray[np.floating[Any]]


@dataclass(frozen=True)
class ElementScore:
    """One element's strength, as a standard sees it."""

    id: str
    name: str
    role: str
    strength: float


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

    """

    granted: bool
    deciding: str | None
    explanation: str
    satisfied: Mapping[str, bool | None]
    reached: Mapping[str, bool]
    missing: tuple[str, ...] = ()
    merged: bool = False


# --------------------------------------------------------------------------- layout


def _first(mask: NDArray[np.bool_]) -> NDArray[np.intp]:
    """``mask.argmax(axis=0)`` for a short first axis: the first True row (0 when none).

    A loop over the few rows beats NumPy's reduction along the short axis several-fold.
    """
    out = np.zeros(mask.shape[1], dtype=np.intp)
    for k in range(mask.shape[0] - 1, 0, -1):
        out[mask[k]] = k
    out[mask[0]] = 0
    return out


def _extreme(f: Matrix, lowest: bool) -> NDArray[np.intp]:
    """``f.argmin(axis=0)`` (or ``argmax``) for a short first axis: the first extreme row."""
    best = f[0].copy()
    out = np.zeros(f.shape[1], dtype=np.intp)
    for k in range(1, f.shape[0]):
        better = f[k] < best if lowest else f[k] > best
        out[better] = k
        np.copyto(best, f[k], where=better)
    return out


@dataclass(frozen=True)
class _Factor:
    label: str  # plain-English name of the factor
    groups: tuple[tuple[int, ...], ...]  # one group of element indices, two when merged


@dataclass(frozen=True)
class _Layout:
    """Where thresholds and factors sit among the elements, for one role list."""

    thresholds: tuple[int, ...]
    factors: tuple[_Factor, ...]
    missing: tuple[str, ...]
    merged: bool

    @classmethod
    def of(cls, roles: Sequence[str], merge: bool) -> _Layout:
        by_role = {r: tuple(i for i, x in enumerate(roles) if x == r) for r in FACTOR_ROLES}
        thresholds = tuple(i for i, x in enumerate(roles) if x == "threshold")
        eq, pi = by_role["balance-of-equities"], by_role["public-interest"]
        merged = merge and bool(eq) and bool(pi)
        factors: list[_Factor] = []
        missing: list[str] = []
        for role in FACTOR_ROLES:
            if merged and role == "public-interest":
                continue
            if merged and role == "balance-of-equities":
                factors.append(_Factor("the balance of equities and the public interest, merged",
                                       (eq, pi)))
            elif merge and not merged and role in ("balance-of-equities", "public-interest") \
                    and (eq or pi):
                # Nken: with one of the pair present, it carries the merged factor alone.
                if by_role[role]:
                    factors.append(_Factor(_ROLE_NAMES[role], (by_role[role],)))
            elif by_role[role]:
                factors.append(_Factor(_ROLE_NAMES[role], (by_role[role],)))
            else:
                missing.append(role)
        return cls(thresholds, tuple(factors), tuple(missing), merged)

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
                best = _extreme(cols, lowest=False)
                parts.append((cols[best, np.arange(rows)], np.asarray(group)[best]))
            if len(parts) == 1:
                strength[k], rep[k] = parts[0]
            else:
                (s1, r1), (s2, r2) = parts
                strength[k] = (s1 + s2) / 2.0
                rep[k] = np.where(s1 <= s2, r1, r2)  # the weaker one pulls the pair down
        return strength, rep


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

    def decide(self, scores: Sequence[ElementScore], *, government_opponent: bool = False
               ) -> Decision:
        """Decide one set of element strengths (in case order)."""
        roles = [s.role for s in scores]
        layout = _Layout.of(roles, self.merges(government_opponent))
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
        return Decision(bool(granted[0]), scores[dec].id if dec >= 0 else None, text,
                        satisfied, reached, layout.missing, layout.merged)

    def decide_batch(self, m: Matrix, roles: Sequence[str], *, government_opponent: bool = False
                     ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding element index (-1 for none) for each row of ``m`` (S x elements)."""
        layout = _Layout.of(roles, self.merges(government_opponent))
        granted, deciding, _ = self._gate_and_batch(np.ascontiguousarray(np.atleast_2d(m).T),
                                                    layout)
        return granted, deciding

    def decide_columns(self, mt: Matrix, roles: Sequence[str], *,
                       government_opponent: bool = False
                       ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """:meth:`decide_batch` on element-major strengths ``(elements, S)``, copy-free."""
        layout = _Layout.of(roles, self.merges(government_opponent))
        granted, deciding, _ = self._gate_and_batch(mt, layout)
        return granted, deciding

    def _gate_and_batch(self, mt: Matrix, layout: _Layout
                        ) -> tuple[NDArray[np.bool_], NDArray[np.intp], NDArray[np.intp]]:
        """Outcome, deciding element and failed threshold (-1: none) from ``(elements, S)``."""
        rows = mt.shape[1]
        failed = np.full(rows, -1, dtype=np.intp)
        if layout.thresholds:
            t = np.asarray(layout.thresholds)
            bad = mt[t] <= LIKELY
            anybad = bad.any(axis=0)
            failed = np.where(anybad, t[_first(bad)], -1)
        granted, deciding = self._batch(mt, layout)
        if layout.missing:
            granted = np.zeros(rows, dtype=bool)
            deciding = np.full(rows, -1, dtype=np.intp)
        gate = failed >= 0
        granted = granted & ~gate
        deciding = np.where(gate, failed, deciding)
        return granted, deciding, failed

    def _batch(self, m: Matrix, layout: _Layout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        raise NotImplementedError

    def _explain(self, scores: Sequence[ElementScore], layout: _Layout, row: Matrix,
                 granted: bool, deciding: int, failed_threshold: int) -> str:
        """The words for one row: a failed threshold or a missing factor, else the factors'."""
        if failed_threshold >= 0:
            return self._gate_words(scores, failed_threshold)
        if layout.missing:
            return self._missing_words(layout)
        f, _ = layout.factor_strengths(row[:, None])
        return self._explain_factors(scores, layout, row, f[:, 0], granted)

    def _explain_factors(self, scores: Sequence[ElementScore], layout: _Layout, row: Matrix,
                         fs: Matrix, granted: bool) -> str:
        raise NotImplementedError

    # shared wording -------------------------------------------------------

    @staticmethod
    def _gate_words(scores: Sequence[ElementScore], failed_threshold: int) -> str:
        s = scores[failed_threshold]
        return (f"Denied at the threshold: {s.name} is not shown for the movant (strength "
                f"{s.strength:.2f}; the movant bears the burden and must be above 0.5). The court "
                f"would not reach the remaining elements, so {s.name} decides the motion.")

    @staticmethod
    def _missing_words(layout: _Layout) -> str:
        roles = ", ".join(layout.missing)
        if len(layout.missing) == 1:
            return (f"Denied: the case file has no element for {roles}, so the movant cannot "
                    f"show it. Add an element with role {roles!r} to the case file to weigh it.")
        return (f"Denied: the case file has no element for {roles}, so the movant cannot show "
                f"them. Add an element with each of these roles to the case file to weigh them.")


def _words_for(scores: Sequence[ElementScore], layout: _Layout, row: Matrix, k: int) -> str:
    factor = layout.factors[k]
    ids = [i for g in factor.groups for i in g]
    if len(factor.groups) == 2:
        parts = " and ".join(f"{scores[i].name} ({row[i]:.2f})" for i in ids)
        return f"{factor.label} ({parts})"
    if len(ids) > 1:
        best = max(ids, key=lambda i: row[i])
        return f"{scores[best].name} (strength {row[best]:.2f}, the strongest of {len(ids)})"
    return f"{scores[ids[0]].name} (strength {row[ids[0]]:.2f})"


@dataclass(frozen=True, repr=False)
class Winter(Standard):
    """Winter v. NRDC applied conjunctively: each factor must be likely (strength above 0.5)."""

    name: str = "winter"
    title: str = "Winter v. NRDC (each factor must be likely)"
    merge: bool | None = None

    def _batch(self, mt: Matrix, layout: _Layout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        rows = mt.shape[1]
        if not layout.factors:
            return np.zeros(rows, dtype=bool), np.full(rows, -1, dtype=np.intp)
        f, rep = layout.factor_strengths(mt)
        ok = f > LIKELY
        granted: NDArray[np.bool_] = np.asarray(ok.all(axis=0))
        first_bad = _first(~ok)
        weakest = _extreme(f, lowest=True)
        k = np.where(granted, weakest, first_bad)
        return granted, rep[k, np.arange(rows)]

    def _explain_factors(self, scores: Sequence[ElementScore], layout: _Layout, row: Matrix,
                         fs: Matrix, granted: bool) -> str:
        merge = f" {_NKEN}" if layout.merged else ""
        if granted:
            k = int(fs.argmin())
            return (f"Granted under {_WINTER}: every threshold is met and each factor is likely "
                    f"(strength above 0.5). The narrowest is {_words_for(scores, layout, row, k)}; "
                    f"it decides the motion, because if it fell to 0.5 or below the motion would "
                    f"fail.{merge}")
        k = int((fs <= LIKELY).argmax())
        words = _words_for(scores, layout, row, k)
        extra = ""
        if any(scores[i].role == "irreparable-harm" for g in layout.factors[k].groups for i in g):
            extra = (" A mere possibility of irreparable harm is not enough; it must be likely "
                     "(Winter v. NRDC, 555 U.S. 7 (2008)).")
        return (f"Denied under {_WINTER}: {words} is not likely (0.5 or below is not enough). "
                f"Each factor must be met on its own, so it decides the motion.{extra}{merge}")


@dataclass(frozen=True, repr=False)
class SlidingScale(Standard):
    """The D.C. Circuit's sliding scale: factors weighed together, none below ``floor``."""

    name: str = "sliding-scale"
    title: str = "D.C. Circuit sliding scale (strong factors offset weak ones)"
    merge: bool | None = None
    floor: float = 0.35

    def _batch(self, mt: Matrix, layout: _Layout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        rows = mt.shape[1]
        if not layout.factors:
            return np.zeros(rows, dtype=bool), np.full(rows, -1, dtype=np.intp)
        f, rep = layout.factor_strengths(mt)
        too_weak = f < self.floor
        any_weak = too_weak.any(axis=0)
        balance = f.mean(axis=0) > LIKELY
        granted = ~any_weak & balance
        all_likely = (f > LIKELY).all(axis=0)
        k = np.where(any_weak, _first(too_weak),
                     np.where(granted & ~all_likely, _extreme(f, lowest=False),
                              _extreme(f, lowest=True)))
        return granted, rep[k, np.arange(rows)]

    def _explain_factors(self, scores: Sequence[ElementScore], layout: _Layout, row: Matrix,
                         fs: Matrix, granted: bool) -> str:
        mean = float(fs.mean())
        head = ("Under the D.C. Circuit's sliding scale (Davis v. PBGC, 571 F.3d 1288 "
                "(D.C. Cir. 2009)) the factors are weighed together, and a strong showing on one "
                "can offset a weaker showing on another.")
        merge = f" {_NKEN}" if layout.merged else ""
        if (fs < self.floor).any():
            k = int((fs < self.floor).argmax())
            body = (f"Denied: {_words_for(scores, layout, row, k)} is below {self.floor:.2f}, too "
                    f"weak for any other factor to make up for, so it decides the motion.")
        elif not granted:
            k = int(fs.argmin())
            body = (f"Denied: on balance the factors average {mean:.2f}, not above 0.5; the "
                    f"weakest, {_words_for(scores, layout, row, k)}, decides the motion.")
        elif (fs > LIKELY).all():
            k = int(fs.argmin())
            body = (f"Granted: every factor is likely, and the factors average {mean:.2f}; the "
                    f"narrowest is {_words_for(scores, layout, row, k)}, which decides the motion.")
        else:
            k = int(fs.argmax())
            weak = [_words_for(scores, layout, row, j) for j in range(len(fs)) if fs[j] <= LIKELY]
            body = (f"Granted: the strong showing on {_words_for(scores, layout, row, k)} offsets "
                    f"the weaker showing on {'; '.join(weak)}; the factors average {mean:.2f}, "
                    f"above 0.5. The strongest factor decides the motion. Under Winter read "
                    f"conjunctively the motion would fail.")
        return f"{head} {body}{merge} {_OPEN}"


DecideFunction = Callable[[Sequence[ElementScore], bool], Decision]
"""A plain-function standard: ``decide(scores, merge) -> Decision``."""


class FunctionStandard(Standard):
    """A standard made from a plain function ``decide(scores, merge) -> Decision``."""

    def __init__(self, function: DecideFunction, name: str = "", title: str = "",
                 merge: bool | None = None) -> None:
        self.function = function
        self.name = name or getattr(function, "__name__", "custom")
        self.title = title or self.name
        self.merge = merge

    def decide(self, scores: Sequence[ElementScore], *, government_opponent: bool = False
               ) -> Decision:
        """Call the function."""
        return self.function(scores, self.merges(government_opponent))

    def decide_columns(self, mt: Matrix, roles: Sequence[str], *,
                       government_opponent: bool = False
                       ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Call the function once per sample (a plain function has no batch form)."""
        return self.decide_batch(np.asarray(mt, dtype=np.float64).T, roles,
                                 government_opponent=government_opponent)

    def decide_batch(self, m: Matrix, roles: Sequence[str], *, government_opponent: bool = False
                     ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Call the function once per row (a plain function has no batch form)."""
        m = np.atleast_2d(m)
        ids = [f"e{i}" for i in range(len(roles))]
        granted = np.zeros(m.shape[0], dtype=bool)
        deciding = np.full(m.shape[0], -1, dtype=np.intp)
        for r in range(m.shape[0]):
            scores = [ElementScore(i, i, role, float(v)) for i, role, v in zip(ids, roles, m[r],
                                                                                strict=True)]
            d = self.decide(scores, government_opponent=government_opponent)
            granted[r] = d.granted
            deciding[r] = ids.index(d.deciding) if d.deciding in ids else -1
        return granted, deciding


STANDARDS: Mapping[str, Standard] = {
    "winter": Winter(),
    "sliding-scale": SlidingScale(),
    "winter-unmerged": Winter(name="winter-unmerged", merge=False,
                              title="Winter v. NRDC, equities and public interest kept apart"),
    "sliding-scale-unmerged": SlidingScale(name="sliding-scale-unmerged", merge=False,
                                           title="Sliding scale, equities and public interest "
                                                 "kept apart"),
}
"""The shipped standards by name. The ``-unmerged`` variants never apply the Nken merger."""


def get_standard(name: str) -> Standard:
    """The standard with this name.

    Raises:
        ScenarioError: no standard has that name; the message lists the names.

    """
    try:
        return STANDARDS[name]
    except KeyError:
        close = nearest(name, STANDARDS)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ScenarioError(
            f"unknown standard {name!r}; {hint}choose one of {', '.join(STANDARDS)}"
        ) from None


def as_standard(value: str | Standard | DecideFunction | Any) -> Standard:
    """A standard from a name, a :class:`Standard`, or a function ``decide(scores, merge)``."""
    if isinstance(value, Standard):
        return value
    if isinstance(value, str):
        return get_standard(value)
    if callable(value):
        return FunctionStandard(value)
    raise ScenarioError(f"a standard must be a name, a Standard or a function, not {value!r}")
