"""The shipped injunction standards: Winter and the D.C. Circuit's sliding scale.

``winter``
    Winter v. NRDC, 555 U.S. 7 (2008), applied conjunctively: every factor
    must be *likely*, a strength strictly above 0.5. Exactly 0.5 is a coin
    toss, a mere possibility, and is not enough.
``sliding-scale``
    The D.C. Circuit's sliding scale as district courts still apply it (Davis
    v. PBGC, 571 F.3d 1288 (D.C. Cir. 2009)): the factors are weighed
    together, so a strong showing on one offsets a weaker one. Formalised as:
    no factor below ``floor`` (0.35: a weak showing can be made up for, an
    absent one cannot), the average factor above 0.5, and irreparable harm
    likely on its own: the Circuit has affirmed a denial for want of
    irreparable harm alone (CityFed Fin. Corp. v. OTS, 58 F.3d 738 (D.C. Cir.
    1995)).
``serious-questions``
    The Ninth Circuit's "serious questions" approach, which survives Winter
    there (Alliance for the Wild Rockies v. Cottrell, 632 F.3d 1127 (9th Cir.
    2011)): relief issues when every factor is likely, or when the merits raise
    serious questions (success at least ``serious``, 0.35, the same line the
    sliding scale draws for a showing too weak to offset) and the balance of
    hardships tips *sharply* toward the movant (above ``sharply``, 0.7), with
    irreparable harm and the public interest each likely. With the government
    opposing, the merged factor must tip sharply.
``sliding-scale-pure``
    A teaching variant: the same scale with harm offsettable like any other
    factor. It shows what the harm requirement changes, and its explanations
    say it is not the Circuit's rule.

Whether the sliding scale survives Winter is open in the Circuit (Davis
(Kavanaugh, J., concurring); Sherley v. Sebelius, 644 F.3d 388 (D.C. Cir.
2011)), and every sliding-scale explanation says so. The ``-unmerged``
variants never apply the Nken merger. What all standards share (thresholds
and who bears their burden, answers that settle an element, the merger, a
missing factor) is in :mod:`workbook.engine.standard`.

The explanations cite these authorities without pinpoints: the case files'
verification records say which pages were confirmed, and an explanation must
not present an unconfirmed page as settled.
"""

from __future__ import annotations

from collections.abc import Mapping
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
from workbook.engine.standard import (
    LIKELY,
    DecideFunction,
    FactorRow,
    FunctionStandard,
    Standard,
)
from workbook.engine.wording import (
    HARM_REQUIRED,
    NKEN,
    OPEN_QUESTION,
    PURE_SCALE,
    SERIOUS_QUESTIONS,
    WINTER,
)
from workbook.errors import ScenarioError
from workbook.vocabulary import FACTOR_ROLES, STANDARD_NAMES, lookup

__all__ = [
    "FACTOR_ROLES",
    "LIKELY",
    "STANDARDS",
    "Decision",
    "ElementScore",
    "FunctionStandard",
    "SeriousQuestions",
    "SlidingScale",
    "Standard",
    "Winter",
    "as_standard",
    "get_standard",
]


@dataclass(frozen=True, repr=False)
class Winter(Standard):
    """Winter v. NRDC applied conjunctively: each factor must be likely (strength above 0.5)."""

    name: str = "winter"
    title: str = "Winter v. NRDC (each factor must be likely)"
    merge: bool | None = None
    required_roles: tuple[str, ...] = FACTOR_ROLES

    def _pick(self, f: Matrix, layout: FactorLayout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        ok = f > LIKELY
        granted: NDArray[np.bool_] = np.asarray(ok.all(axis=0))
        first_bad = first_true(~ok)
        weakest = first_extreme(f, lowest=True)
        return granted, np.where(granted, weakest, first_bad)

    def _explain_factors(self, r: FactorRow, granted: bool) -> str:
        scores, layout, fs = r.scores, r.layout, r.fs
        merge = f" {NKEN}" if layout.merged else ""
        if granted:
            k = int(fs.argmin())
            return (
                f"Granted under {WINTER}: every threshold is met and each factor is likely "
                f"(strength above 0.5). The narrowest is {r.words(k)}; "
                f"it decides the motion, because if it fell to 0.5 or below the motion would "
                f"fail.{merge}"
            )
        k = int((fs <= LIKELY).argmax())
        words = r.words(k)
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
    """The D.C. Circuit's sliding scale: factors weighed together, none below ``floor``.

    ``harm_required`` (the default, as the Circuit holds) also needs irreparable
    harm likely on its own; without it the scale is the pure teaching variant.
    """

    name: str = "sliding-scale"
    title: str = "D.C. Circuit sliding scale, irreparable harm required"
    merge: bool | None = None
    floor: float = 0.35
    harm_required: bool = True

    @property
    def required_roles(self) -> tuple[str, ...]:  # type: ignore[override]
        """Irreparable harm, unless this is the pure variant."""
        return ("irreparable-harm",) if self.harm_required else ()

    def _pick(self, f: Matrix, layout: FactorLayout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
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
        h = layout.factor_of("irreparable-harm")
        if self.harm_required and h >= 0:
            no_harm = f[h] <= LIKELY
            granted = granted & ~no_harm
            k = np.where(no_harm, h, k)
        return granted, k

    def _explain_factors(self, r: FactorRow, granted: bool) -> str:
        layout, fs, words = r.layout, r.fs, r.words
        mean = float(fs.mean())
        head = (
            "Under the D.C. Circuit's sliding scale (Davis v. PBGC, 571 F.3d 1288 "
            "(D.C. Cir. 2009)) the factors are weighed together, and a strong showing on one "
            "can offset a weaker showing on another."
        )
        variant = HARM_REQUIRED if self.harm_required else PURE_SCALE
        merge = f" {NKEN}" if layout.merged else ""
        h = layout.factor_of("irreparable-harm")
        if self.harm_required and h >= 0 and fs[h] <= LIKELY:
            body = (
                f"Denied: {words(h)} is not likely, and without irreparable harm the motion "
                f"fails whatever the other factors show, so harm decides it."
            )
        elif (fs < self.floor).any():
            k = int((fs < self.floor).argmax())
            body = (
                f"Denied: {words(k)} is below {self.floor:.2f}, too weak for any other factor "
                f"to make up for, so it decides the motion."
            )
        elif not granted:
            body = (
                f"Denied: on balance the factors average {mean:.2f}, not above 0.5; the "
                f"weakest, {words(int(fs.argmin()))}, decides the motion."
            )
        elif (fs > LIKELY).all():
            body = (
                f"Granted: every factor is likely, and the factors average {mean:.2f}; the "
                f"narrowest is {words(int(fs.argmin()))}, which decides the motion."
            )
        else:
            weak = [words(j) for j in range(len(fs)) if fs[j] <= LIKELY]
            body = (
                f"Granted: the strong showing on {words(int(fs.argmax()))} offsets "
                f"the weaker showing on {'; '.join(weak)}; the factors average {mean:.2f}, "
                f"above 0.5. The strongest factor decides the motion. Under Winter read "
                f"conjunctively the motion would fail."
            )
        return f"{head} {variant} {body}{merge} {OPEN_QUESTION}"


@dataclass(frozen=True, repr=False)
class SeriousQuestions(Standard):
    """The Ninth Circuit's serious-questions approach (Cottrell), beside Winter's own path."""

    name: str = "serious-questions"
    title: str = "Ninth Circuit serious questions, hardships tipping sharply (Cottrell)"
    merge: bool | None = None
    serious: float = 0.35
    sharply: float = 0.7
    required_roles: tuple[str, ...] = ("irreparable-harm", "public-interest")

    @staticmethod
    def _roles(layout: FactorLayout) -> tuple[int, int, int, int]:
        """Factor indices of success, harm, the hardships (merged or not), public interest."""
        hardships = next(
            (k for k, f in enumerate(layout.factors) if "balance of equities" in f.label), -1
        )
        public = hardships if layout.merged else layout.factor_of("public-interest")
        return (
            layout.factor_of("likelihood-of-success"),
            layout.factor_of("irreparable-harm"),
            hardships,
            public,
        )

    def _pick(self, f: Matrix, layout: FactorLayout) -> tuple[NDArray[np.bool_], NDArray[np.intp]]:
        s, h, e, p = self._roles(layout)
        likely = f > LIKELY
        every = np.asarray(likely.all(axis=0))
        serious = (f[s] >= self.serious) & (f[e] > self.sharply) & likely[h] & likely[p]
        granted = every | serious
        # the deciding factor: on a grant by Winter's path the narrowest, on a grant by
        # serious questions the hardships that carry it; on a denial the first that fails
        deciding = np.where(every, first_extreme(f, lowest=True), e)
        fail = np.where(
            ~likely[h],
            h,
            np.where(
                ~likely[p],
                p,
                np.where(f[s] < self.serious, s, np.where(likely[s], first_true(~likely), e)),
            ),
        )
        return granted, np.where(granted, deciding, fail)

    def _explain_factors(self, r: FactorRow, granted: bool) -> str:
        fs, words, layout = r.fs, r.words, r.layout
        s, h, e, p = self._roles(layout)
        merge = f" {NKEN}" if layout.merged else ""
        if (fs > LIKELY).all():
            body = (
                f"Granted: every factor is likely, so relief issues under Winter itself; the "
                f"narrowest is {words(int(fs.argmin()))}, which decides the motion."
            )
        elif granted:
            body = (
                f"Granted on serious questions: {words(s)} is not likely but at least "
                f"{self.serious:.2f}, a serious question, and {words(e)} is above "
                f"{self.sharply:.2f}, tipping sharply toward the movant, with irreparable harm "
                f"and the public interest likely. The sharp tip decides the motion."
            )
        elif fs[h] <= LIKELY:
            body = f"Denied: {words(h)} is not likely, and on either path harm must be likely."
        elif fs[p] <= LIKELY:
            body = (
                f"Denied: {words(p)} is not likely, and on either path the public interest "
                "must favour relief."
            )
        elif fs[s] < self.serious:
            body = (
                f"Denied: {words(s)} is below {self.serious:.2f}, not even a serious "
                "question, so it decides the motion."
            )
        elif fs[s] > LIKELY:
            k = int((fs <= LIKELY).argmax())
            body = f"Denied: {words(k)} is not likely, so it decides the motion."
        else:
            body = (
                f"Denied: {words(s)} raises serious questions but is not likely, and "
                f"{words(e)} is not above {self.sharply:.2f}: the hardships do not tip "
                "sharply enough to make up for it, so they decide the motion."
            )
        return f"{SERIOUS_QUESTIONS} {body}{merge}"


STANDARDS: Mapping[str, Standard] = {
    "winter": Winter(),
    "sliding-scale": SlidingScale(),
    "winter-unmerged": Winter(
        name="winter-unmerged",
        merge=False,
        title="Winter v. NRDC, equities and public interest kept apart",
    ),
    "sliding-scale-pure": SlidingScale(
        name="sliding-scale-pure",
        harm_required=False,
        title="Pure sliding scale (teaching variant: harm can be offset too)",
    ),
    "sliding-scale-unmerged": SlidingScale(
        name="sliding-scale-unmerged",
        merge=False,
        title="Sliding scale, harm required, equities and public interest kept apart",
    ),
    "serious-questions": SeriousQuestions(),
}
"""The shipped standards by name. The ``-unmerged`` variants never apply the Nken merger."""
assert tuple(sorted(STANDARDS)) == tuple(sorted(STANDARD_NAMES))


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
