"""The base of every injunction standard: gate on the thresholds, then weigh the factors.

A standard reads the strength of each element (found by its *role*, never by
id) and says whether the injunction issues, which element decided it, and why.
What every standard shares lives here:

* **Thresholds** (role ``threshold``: standing, mootness, reviewability...)
  are taken in case order and gate the analysis; the first that fails ends it
  and decides the motion, and the elements after it are not reached. Who
  bears the burden decides what fails: on a movant's threshold (standing) the
  strength must be above 0.5, so a tie goes against the movant; on an
  opponent's threshold (mootness: the party asserting it must show it) the
  opponent must bring the strength below 0.5, so a tie goes to the movant.
* **Answers that settle an element**: a case file's answer can decide that an
  element is met or not met whatever its arguments say. A settled-met element
  counts as met (raised to just above 0.5); a settled-not-met element fails
  and nothing can offset it. The explanation names the answer.
* **Several elements with one factor role** (one likelihood-of-success element
  per claim): the strongest stands for the factor.
* **Nken merger**: when the government opposes the motion, the balance of
  equities and the public interest merge into one factor (Nken v. Holder, 556
  U.S. 418 (2009)), the average of the two, shown and decided as one factor.
  ``merge=None`` turns it on exactly when ``case.case.government_opponent``.
* **A missing factor** (no element of that role) cannot be shown, so the
  motion is denied, and the explanation says which role to add.

Subclasses implement :meth:`Standard._batch` (vectorised outcome and deciding
element once the thresholds pass) and :meth:`Standard._explain_factors`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from workbook.engine.factors import (
    Decision,
    ElementScore,
    FactorLayout,
    FactorOutcome,
    Matrix,
    first_true,
    settle,
)
from workbook.engine.wording import factor_words, gate_words, missing_words

__all__ = ["LIKELY", "Context", "DecideFunction", "FactorRow", "FunctionStandard", "Standard"]

LIKELY = 0.5
"""A strength must be strictly above this to count as "likely" (0.5 itself is not)."""


def _settled_vector(scores: Sequence[ElementScore]) -> NDArray[np.int8]:
    return np.array([{True: 1, False: -1, None: 0}[s.settled] for s in scores], dtype=np.int8)


@dataclass(frozen=True)
class Context:
    """What a batch decision needs besides the strengths: roles, opponent, burdens, settlements."""

    roles: tuple[str, ...]
    government_opponent: bool = False
    burdens: Sequence[str] | None = None
    settled: NDArray[np.int8] | None = None


@dataclass(frozen=True)
class FactorRow:
    """One row as the explanations see it: the scores, the layout, strengths and factors."""

    scores: Sequence[ElementScore]
    layout: FactorLayout
    row: Matrix  # element strengths, settlements applied
    fs: Matrix  # factor strengths

    def words(self, k: int) -> str:
        """Factor ``k`` in words, with the strength of the element(s) standing for it."""
        return factor_words(self.scores, self.layout, self.row, k)


class Standard:
    """Base class of the shipped standards: decide one row or a batch of element strengths.

    Attributes:
        name: the standard's name (``winter``, ``sliding-scale``...).
        title: its name in words.
        merge: the Nken merger: None (when the government opposes), True or False.
        required_roles: factor roles that must each be likely on their own for a grant.

    """

    name: str = ""
    title: str = ""
    merge: bool | None = None
    required_roles: tuple[str, ...] = ()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def merges(self, government_opponent: bool) -> bool:
        """Whether the Nken merger applies for a case with this kind of opponent."""
        return government_opponent if self.merge is None else self.merge

    def decide(
        self, scores: Sequence[ElementScore], *, government_opponent: bool = False
    ) -> Decision:
        """Decide one set of element strengths (in case order)."""
        layout = FactorLayout.of(
            [s.role for s in scores], self.merges(government_opponent), [s.burden for s in scores]
        )
        m = np.array([[s.strength for s in scores]], dtype=np.float64).reshape(len(scores), 1)
        eff = settle(m, _settled_vector(scores))
        granted, deciding, failed = self._gate_and_batch(eff, layout)
        dec, fail_t, ok = int(deciding[0]), int(failed[0]), bool(granted[0])
        reached = {
            s.id: fail_t < 0 or (s.role == "threshold" and i <= fail_t)
            for i, s in enumerate(scores)
        }
        factors = self._factor_outcomes(scores, layout, eff) if fail_t < 0 else ()
        satisfied = self._satisfied(scores, layout, eff[:, 0], factors, reached)
        return Decision(
            ok,
            scores[dec].id if dec >= 0 else None,
            self._explain(scores, layout, eff[:, 0], ok, fail_t),
            satisfied,
            reached,
            layout.missing,
            layout.merged,
            factors,
        )

    def _factor_outcomes(
        self, scores: Sequence[ElementScore], layout: FactorLayout, eff: Matrix
    ) -> tuple[FactorOutcome, ...]:
        fstr, _ = layout.factor_strengths(eff)
        return tuple(
            FactorOutcome(
                f.label,
                tuple(scores[i].id for g in f.groups for i in g),
                float(fstr[k, 0]),
                bool(fstr[k, 0] > LIKELY),
                len(f.groups) == 2,
            )
            for k, f in enumerate(layout.factors)
        )

    def _satisfied(
        self,
        scores: Sequence[ElementScore],
        layout: FactorLayout,
        row: Matrix,
        factors: Sequence[FactorOutcome],
        reached: dict[str, bool],
    ) -> dict[str, bool | None]:
        merged = {e: f.met for f in factors if f.merged for e in f.elements}
        opp = dict(zip(layout.thresholds, layout.opponent_burden, strict=True))
        out: dict[str, bool | None] = {}
        for i, s in enumerate(scores):
            if not reached[s.id]:
                out[s.id] = None
            elif s.id in merged:
                out[s.id] = merged[s.id]
            elif opp.get(i, False):
                out[s.id] = bool(row[i] >= LIKELY)
            else:
                out[s.id] = bool(row[i] > LIKELY)
        return out

    def decide_batch(
        self, m: Matrix, roles: Sequence[str], **context: Any
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding element index (-1 for none) for each row of ``m`` (S x elements).

        ``context`` is :meth:`decide_columns`'s keywords.
        """
        return self.decide_columns(np.ascontiguousarray(np.atleast_2d(m).T), roles, **context)

    def decide_columns(
        self,
        mt: Matrix,
        roles: Sequence[str],
        *,
        government_opponent: bool = False,
        burdens: Sequence[str] | None = None,
        settled: NDArray[np.int8] | None = None,
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding element for element-major strengths ``(elements, S)``, copy-free.

        ``burdens`` gives who bears each element's burden (movant by default);
        ``settled`` is per element (+1 met, -1 not met, 0 open), or ``(elements, S)``.
        """
        return self._columns(mt, Context(tuple(roles), government_opponent, burdens, settled))

    def _columns(self, mt: Matrix, c: Context) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        layout = FactorLayout.of(c.roles, self.merges(c.government_opponent), c.burdens)
        granted, deciding, _ = self._gate_and_batch(settle(mt, c.settled), layout)
        return granted, deciding

    def _gate_and_batch(
        self, mt: Matrix, layout: FactorLayout
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp], NDArray[np.intp]]:
        """Outcome, deciding element and failed threshold (-1: none) from ``(elements, S)``."""
        rows = mt.shape[1]
        failed = np.full(rows, -1, dtype=np.intp)
        if layout.thresholds:
            t = np.asarray(layout.thresholds)
            values = mt[t]
            bad = values <= LIKELY
            if any(layout.opponent_burden):
                opp = np.asarray(layout.opponent_burden)
                bad[opp] = values[opp] < LIKELY  # the opponent must carry it: a tie is not enough
            failed = np.where(bad.any(axis=0), t[first_true(bad)], -1)
        granted, deciding = self._batch(mt, layout)
        if layout.missing:
            granted = np.zeros(rows, dtype=bool)
            deciding = np.full(rows, -1, dtype=np.intp)
        gate = failed >= 0
        return granted & ~gate, np.where(gate, failed, deciding), failed

    def _batch(
        self, mt: Matrix, layout: FactorLayout
    ) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding element once the thresholds pass (none without factors)."""
        rows = mt.shape[1]
        if not layout.factors:
            return np.zeros(rows, dtype=bool), np.full(rows, -1, dtype=np.intp)
        f, rep = layout.factor_strengths(mt)
        granted, k = self._pick(f, layout)
        return granted, rep[k, np.arange(rows)]

    def _pick(self, f: Matrix, layout: FactorLayout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Outcome and deciding factor from factor strengths ``(F, S)``."""
        raise NotImplementedError

    def _explain(
        self,
        scores: Sequence[ElementScore],
        layout: FactorLayout,
        row: Matrix,
        granted: bool,
        failed_threshold: int,
    ) -> str:
        """The words for one row: a failed threshold or a missing factor, else the factors'."""
        if failed_threshold >= 0:
            return f"{gate_words(scores, failed_threshold)} {self._which()}"
        if layout.missing:
            return missing_words(layout)
        f, _ = layout.factor_strengths(row[:, None])
        return self._explain_factors(FactorRow(scores, layout, row, f[:, 0]), granted)

    def _which(self) -> str:
        """One sentence naming the standard the motion was weighed under."""
        return f"(Standard: {self.title}.)" if self.title else ""

    def _explain_factors(self, r: FactorRow, granted: bool) -> str:
        raise NotImplementedError


DecideFunction = Callable[[Sequence[ElementScore], bool], Decision]
"""A plain-function standard: ``decide(scores, merge) -> Decision``."""


class FunctionStandard(Standard):
    """A standard made from a plain function ``decide(scores, merge) -> Decision``.

    The function sees each element's strength as weighed, with its burden and
    any settlement in the :class:`ElementScore`; applying them is up to it.
    """

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

    def _columns(self, mt: Matrix, c: Context) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        """Call the function once per sample (a plain function has no batch form)."""
        mt = np.asarray(mt, dtype=np.float64)
        roles = c.roles
        ids = [f"e{i}" for i in range(len(roles))]
        samples = mt.shape[1]
        burdens = c.burdens or ["movant"] * len(roles)
        marks = np.zeros((len(roles), samples), dtype=np.int8)
        if c.settled is not None:
            marks[:] = c.settled if c.settled.ndim == 2 else c.settled[:, None]
        granted = np.zeros(samples, dtype=bool)
        deciding = np.full(samples, -1, dtype=np.intp)
        word = {1: True, -1: False, 0: None}
        for r in range(samples):
            scores = [
                ElementScore(i, i, role, float(mt[k, r]), burdens[k], word[int(marks[k, r])])
                for k, (i, role) in enumerate(zip(ids, roles, strict=True))
            ]
            d = self.decide(scores, government_opponent=c.government_opponent)
            granted[r] = d.granted
            deciding[r] = ids.index(d.deciding) if d.deciding in ids else -1
        return granted, deciding
