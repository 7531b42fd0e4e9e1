"""The backtest: whether the engine reaches a decided motion's result, for the court's reasons.

For each case with a ``ruling``, :func:`backtest` weighs the motion under the
answers the court gave (the rest at the case's defaults) and compares:

* the **outcome** (granted, in whole or in part, or denied);
* the **reasons**: a denial agrees when the engine's deciding element is one
  the court rested on; a grant agrees when every element the court rested on
  is met;
* the **odds**: P(granted) over the questions' priors as they stood before
  the ruling (the court's answers not yet known), and its Brier score against
  the result (0 is a sure and right forecast, 0.25 a coin toss).

A disagreement is a finding to record in the case's notes, not a reason to
change strengths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbook.engine.analysis import analyse
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.vocabulary import outcome_word, rounded

__all__ = ["Backtest", "backtest"]


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

    @property
    def outcome_agrees(self) -> bool:
        """Whether the engine reaches the court's result."""
        return self.court_granted == self.engine_granted

    @property
    def agrees(self) -> bool:
        """The court's result, for the court's reasons."""
        return self.outcome_agrees and self.reasons_agree

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "case": self.case,
            "court": outcome_word(self.court_granted),
            "engine": outcome_word(self.engine_granted),
            "rested_on": list(self.rested_on),
            "deciding": self.deciding,
            "outcome_agrees": self.outcome_agrees,
            "reasons_agree": self.reasons_agree,
            "answers": dict(self.answers),
            "p_granted_before": None
            if self.p_granted_before is None
            else rounded(self.p_granted_before),
            "brier": None if self.brier is None else rounded(self.brier),
        }


def backtest(case: Case, *, samples: int = 4000, seed: int = 0) -> Backtest | None:
    """Weigh a decided case under the court's answers and compare (None: no ruling)."""
    ruling = case.ruling
    if ruling is None:
        return None
    scenario = Scenario(case=case.case.id)
    for q_id, given in ruling.answers.items():
        scenario = scenario.with_answer(case, q_id, given.answer)
    result = analyse(case, scenario, samples=0, whatifs=False).result
    met = {e.id: e.satisfied for e in result.elements}
    if ruling.granted:
        reasons = result.granted and all(met.get(e) for e in ruling.rested_on)
    else:
        reasons = not result.granted and result.deciding in ruling.rested_on
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
    )
