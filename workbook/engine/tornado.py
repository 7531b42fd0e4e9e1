"""The tornado: each argument's swing on each element, with its base at 0 and at 1."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from workbook.engine.prepared import Prepared, prepare
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.vocabulary import rounded

__all__ = ["TornadoBar", "tornado", "tornado_prepared"]


@dataclass(frozen=True)
class TornadoBar:
    """One argument's swing on one element: its strength with the argument's base at 0 and at 1."""

    argument: str
    element: str
    low: float
    high: float
    current: float

    @property
    def swing(self) -> float:
        """``high - low``: how far the argument alone can move the element."""
        return self.high - self.low

    def to_data(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "argument": self.argument,
            "element": self.element,
            "low": rounded(self.low),
            "high": rounded(self.high),
            "current": rounded(self.current),
            "swing": rounded(self.swing),
        }


def tornado(case: Case, scenario: Scenario | None = None, **options: Any) -> tuple[TornadoBar, ...]:
    """Every argument's swing on every element it can move, biggest swing first per element."""
    return tornado_prepared(prepare(case, scenario, **options))


def tornado_prepared(p: Prepared) -> tuple[TornadoBar, ...]:
    """:func:`tornado` on an already prepared case."""
    live = p.in_play()
    rows = np.tile(p.base, (2 * len(live) + 1, 1))
    for a, node in enumerate(live):
        rows[2 * a, node] = 0.0
        rows[2 * a + 1, node] = 1.0
    s = p.evaluate(rows)
    bars = []
    for e, el in enumerate(p.elements):
        here = []
        for a, node in enumerate(live):
            low, high = float(s[2 * a, e]), float(s[2 * a + 1, e])
            if abs(high - low) > 1e-12:
                here.append(
                    TornadoBar(p.arguments[node - p.m].id, el.id, low, high, float(s[-1, e]))
                )
        bars.extend(sorted(here, key=lambda t: (-abs(t.swing), t.argument)))
    return tuple(bars)
