"""The same scenario under every shipped standard, or every shipped semantics, side by side."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbook.engine.semantics import SEMANTICS
from workbook.engine.standards import STANDARDS
from workbook.engine.weighing import Prepared, prepare, weigh
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.vocabulary import outcome_word

__all__ = [
    "SemanticsOutcome",
    "StandardOutcome",
    "compare_semantics",
    "compare_standards",
    "compare_standards_prepared",
]


@dataclass(frozen=True)
class StandardOutcome:
    """The outcome under one standard."""

    standard: str
    title: str
    granted: bool
    deciding: str | None
    explanation: str

    @property
    def outcome(self) -> str:
        """``"granted"`` or ``"denied"``."""
        return outcome_word(self.granted)


def compare_standards(
    case: Case, scenario: Scenario | None = None, **options: Any
) -> tuple[StandardOutcome, ...]:
    """The outcome under every shipped standard, for the same strengths."""
    return compare_standards_prepared(prepare(case, scenario, **options))


def compare_standards_prepared(p: Prepared) -> tuple[StandardOutcome, ...]:
    """:func:`compare_standards` on an already prepared case."""
    scores = p.scores(p.evaluate(p.base[None, :])[0])
    out = []
    for name, std in STANDARDS.items():
        d = std.decide(scores, government_opponent=p.government_opponent)
        out.append(StandardOutcome(name, std.title, d.granted, d.deciding, d.explanation))
    return tuple(out)


@dataclass(frozen=True)
class SemanticsOutcome:
    """The outcome and element strengths under one semantics."""

    semantics: str
    granted: bool
    deciding: str | None
    strengths: Mapping[str, float]
    converged: bool


def compare_semantics(
    case: Case, scenario: Scenario | None = None, **options: Any
) -> tuple[SemanticsOutcome, ...]:
    """The outcome under every shipped semantics, with each element's strength."""
    out = []
    for name in SEMANTICS:
        r = weigh(case, scenario, semantics=name, **options)
        out.append(
            SemanticsOutcome(
                name, r.granted, r.deciding, {e.id: e.strength for e in r.elements}, r.converged
            )
        )
    return tuple(out)
