"""The backtest: whether the engine reaches a decided motion's result, for the court's reasons.

For each case with a ``ruling``, :func:`backtest` weighs the motion under the
answers the court gave (the rest at the case's defaults) and compares:

* the **outcome** (granted, in whole or in part, or denied), under the case's
  standard and, for reference, under every shipped standard;
* the **reasons**: a denial agrees when the engine's deciding element is one
  the court rested on; a grant agrees when every element the court rested on
  is met;
* the **flips** the opinion itself discusses ("had the court found X, the result
  would be Y"): each is weighed with its answers in place of the court's, and
  agrees when the engine reaches the result the opinion says;
* the **odds**: P(granted) over the questions' priors as they stood before
  the ruling (the court's answers not yet known), and its Brier score against
  the result (0 is a sure and right forecast, 0.25 a coin toss).

:func:`summarize` totals a library of backtests. A disagreement is a finding to
record in the case's notes, not a reason to change strengths.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from workbook.engine.analysis import analyse
from workbook.engine.standards import STANDARDS
from workbook.models import Case, Flip
from workbook.scenario import Scenario
from workbook.vocabulary import outcome_word, rounded

__all__ = ["Backtest", "BacktestSummary", "FlipCheck", "backtest", "summarize"]


@dataclass(frozen=True)
class FlipCheck:
    """One counterfactual from the opinion, weighed."""

    answers: Mapping[str, str]
    court_granted: bool
    engine_granted: bool
    basis: str
    note: str

    @property
    def agrees(self) -> bool:
        """Whether the engine flips the way the opinion says."""
        return self.court_granted == self.engine_granted

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "answers": dict(self.answers),
            "opinion_says": outcome_word(self.court_granted),
            "engine": outcome_word(self.engine_granted),
            "agrees": self.agrees,
            "basis": self.basis,
        }


@dataclass(frozen=True)
class Backtest:
    """One decided case, the engine against the court."""

    case: str
    court_granted: bool
    engine_granted: bool
    rested_on: tuple[str, ...]
    deciding: str | None
    reasons_agree: bool
    answers: Mapping[str, str]
    p_granted_before: float | None
    brier: float | None
    by_standard: Mapping[str, bool] = field(default_factory=dict)
    flips: tuple[FlipCheck, ...] = ()
    title: str = ""
    element_names: Mapping[str, str] = field(default_factory=dict)

    def element_name(self, element: str) -> str:
        """An element's name as the case file gives it (its id if unknown)."""
        return self.element_names.get(element, element)

    @property
    def outcome_agrees(self) -> bool:
        """Whether the engine reaches the court's result."""
        return self.court_granted == self.engine_granted

    @property
    def agrees(self) -> bool:
        """The court's result, for the court's reasons."""
        return self.outcome_agrees and self.reasons_agree

    @property
    def flips_agree(self) -> int:
        """How many of the opinion's flips the engine reproduces."""
        return sum(f.agrees for f in self.flips)

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "case": self.case,
            "title": self.title,
            "court": outcome_word(self.court_granted),
            "engine": outcome_word(self.engine_granted),
            "rested_on": list(self.rested_on),
            "deciding": self.deciding,
            "outcome_agrees": self.outcome_agrees,
            "reasons_agree": self.reasons_agree,
            "answers": dict(self.answers),
            "by_standard": {k: outcome_word(v) for k, v in dict(self.by_standard).items()},
            "flips": [f.to_data() for f in self.flips],
            "p_granted_before": None
            if self.p_granted_before is None
            else rounded(self.p_granted_before),
            "brier": None if self.brier is None else rounded(self.brier),
        }


def _court_scenario(case: Case, answers: Mapping[str, str]) -> Scenario:
    scenario = Scenario(case=case.case.id)
    for q_id, answer in answers.items():
        scenario = scenario.with_answer(case, q_id, answer)
    return scenario


def _flip(case: Case, court: Mapping[str, str], flip: Flip) -> FlipCheck:
    scenario = _court_scenario(case, {**court, **flip.answers})
    granted = analyse(case, scenario, samples=0, whatifs=False).result.granted
    return FlipCheck(
        dict(flip.answers), flip.outcome != "denied", granted, flip.basis, flip.note.strip()
    )


def backtest(case: Case, *, samples: int = 4000, seed: int = 0) -> Backtest | None:
    """Weigh a decided case under the court's answers and compare (None: no ruling)."""
    ruling = case.ruling
    if ruling is None:
        return None
    court = {q_id: given.answer for q_id, given in ruling.answers.items()}
    scenario = _court_scenario(case, court)
    result = analyse(case, scenario, samples=0, whatifs=False).result
    met = {e.id: e.satisfied for e in result.elements}
    if ruling.granted:
        reasons = result.granted and all(met.get(e) for e in ruling.rested_on)
    else:
        reasons = not result.granted and result.deciding in ruling.rested_on
    by_standard = {
        name: analyse(case, scenario, samples=0, whatifs=False, standard=name).result.granted
        for name in STANDARDS
    }
    before = analyse(case, samples=samples, seed=seed, whatifs=False).monte_carlo
    p = before.p_granted if before is not None and before.odds else None
    brier = None if p is None else (p - float(ruling.granted)) ** 2
    return Backtest(
        case.case.id,
        ruling.granted,
        result.granted,
        ruling.rested_on,
        result.deciding,
        bool(reasons),
        dict(result.answers),
        p,
        brier,
        by_standard,
        tuple(_flip(case, court, f) for f in ruling.flips),
        case.case.title,
        {e.id: e.name for e in case.elements},
    )


@dataclass(frozen=True)
class BacktestSummary:
    """A library of backtests, totalled."""

    cases: int
    outcomes_agree: int
    reasons_agree: int
    flips: int
    flips_agree: int
    forecasts: int
    mean_brier: float | None

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "cases": self.cases,
            "outcomes_agree": self.outcomes_agree,
            "reasons_agree": self.reasons_agree,
            "flips": self.flips,
            "flips_agree": self.flips_agree,
            "forecasts": self.forecasts,
            "mean_brier": None if self.mean_brier is None else rounded(self.mean_brier),
        }

    def lines(self) -> list[str]:
        """The totals in plain words, saying what so few cases can and cannot show."""
        n = self.cases
        if not n:
            return ["No decided case to backtest."]
        out = [
            f"{n} decided case{'s' if n != 1 else ''}: the engine reaches the court's result in "
            f"{self.outcomes_agree}, and for the court's reasons in {self.reasons_agree}.",
        ]
        if self.flips:
            out.append(
                f"Of the {self.flips} counterfactual{'s' if self.flips != 1 else ''} the "
                f"opinions discuss, the engine moves the way the opinion says in "
                f"{self.flips_agree}."
            )
        if self.mean_brier is not None:
            out.append(
                f"Forecast from the priors before each ruling: mean Brier score "
                f"{self.mean_brier:.2f} over {self.forecasts} case"
                f"{'s' if self.forecasts != 1 else ''}; 0 is a sure, right forecast "
                "and 0.25 a coin toss."
            )
        out.append(
            f"With {n} case{'s' if n != 1 else ''}, this shows whether the engine can "
            "reproduce courts' reasoning when given their answers; it cannot show that "
            "its odds are calibrated, which would take many more decided motions."
        )
        return out


def summarize(results: Iterable[Backtest]) -> BacktestSummary:
    """Total a library of backtests."""
    rows = list(results)
    forecasts = [r for r in rows if r.brier is not None]
    briers = [r.brier for r in forecasts if r.brier is not None]
    mean = sum(briers) / len(briers) if briers else None
    return BacktestSummary(
        len(rows),
        sum(r.outcome_agrees for r in rows),
        sum(r.agrees for r in rows),
        sum(len(r.flips) for r in rows),
        sum(r.flips_agree for r in rows),
        len(forecasts),
        mean,
    )
