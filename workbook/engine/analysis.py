"""One analysis of a scenario: the result, what-ifs and Monte Carlo from one prepared case.

Every view (the notebooks, the workbench, the brief builder, the command line,
the exports) calls :func:`analyse`, so the case is compiled once per scenario
and every number on a screen comes from the same preparation::

    >>> from workbook import load_case
    >>> a = analyse(load_case(CASES / "legion-v-lutnick"), samples=500)
    >>> a.result.outcome, a.result.deciding
    ('denied', 'harm')
    >>> a.monte_carlo.samples
    500

``samples=0`` skips the Monte Carlo; ``whatifs=False`` skips the tornado,
the tipping points and the decisive questions (for a view that shows none).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbook.engine.montecarlo import DEFAULT_SPREAD, MonteCarlo, monte_carlo_prepared
from workbook.engine.result import Result
from workbook.engine.semantics import Semantics
from workbook.engine.standards import Standard
from workbook.engine.tornado import TornadoBar, tornado_prepared
from workbook.engine.weighing import Prepared, prepare, weigh_prepared
from workbook.engine.whatif import (
    DecisiveQuestions,
    TippingPoint,
    decisive_questions_prepared,
    tipping_points_prepared,
)
from workbook.models import Case
from workbook.scenario import Scenario

__all__ = ["Analysis", "analyse"]


@dataclass(frozen=True)
class Analysis:
    """Everything the views show about one scenario, computed from one :class:`Prepared`.

    Attributes:
        result: the weighed motion.
        tornado: each argument's swing on each element it moves (empty if not asked for).
        tipping_points: the smallest change of each argument that changes the result.
        decisive: the answers that flip the outcome (None if not asked for).
        monte_carlo: P(granted) over sampled strengths and the open questions' answers,
            with each question's value of information (None when ``samples=0``).

    """

    prepared: Prepared
    result: Result
    tornado: tuple[TornadoBar, ...] = ()
    tipping_points: tuple[TippingPoint, ...] = ()
    decisive: DecisiveQuestions | None = None
    monte_carlo: MonteCarlo | None = None

    def __repr__(self) -> str:
        return f"Analysis({self.result!r})"

    @property
    def case(self) -> Case:
        """The case analysed."""
        return self.prepared.case

    @property
    def scenario(self) -> Scenario:
        """The scenario analysed."""
        return self.prepared.scenario


def analyse(
    case: Case,
    scenario: Scenario | None = None,
    *,
    samples: int = 10_000,
    seed: int = 0,
    spread: float = DEFAULT_SPREAD,
    whatifs: bool = True,
    odds: bool = True,
    decisive_size: int = 2,
    grid: int = 41,
    semantics: str | Semantics | None = None,
    standard: str | Standard | Any | None = None,
    max_iterations: int = 10_000,
) -> Analysis:
    """Weigh a scenario and compute its what-ifs and Monte Carlo from one preparation.

    Args:
        case: the case file.
        scenario: the scenario (``None``: the case as filed).
        samples: Monte Carlo samples (0: no Monte Carlo).
        seed: Monte Carlo seed; the same seed gives the same numbers.
        spread: the default ± range of an argument's base strength in the Monte Carlo.
        whatifs: compute the tornado, the tipping points and the decisive questions.
        odds: let the Monte Carlo draw the open questions' answers from their odds
            (False: hold every answer at the scenario's).
        decisive_size: largest set of changed answers searched for flips.
        grid: points on [0, 1] searched for each tipping point.
        semantics: overrides the scenario's semantics.
        standard: overrides the scenario's standard.
        max_iterations: cap on fixed-point passes for a cyclic graph.

    Raises:
        ScenarioError: the scenario does not fit the case, or ``samples`` or
            ``spread`` is negative.

    """
    p = prepare(
        case, scenario, semantics=semantics, standard=standard, max_iterations=max_iterations
    )
    result = weigh_prepared(p)
    bars: tuple[TornadoBar, ...] = ()
    points: tuple[TippingPoint, ...] = ()
    decisive = None
    if whatifs:
        bars = tornado_prepared(p)
        points = tipping_points_prepared(p, grid=grid)
        decisive = decisive_questions_prepared(p, max_size=decisive_size)
    mc = (
        monte_carlo_prepared(p, samples=samples, seed=seed, spread=spread, odds=odds)
        if samples
        else None
    )
    return Analysis(p, result, bars, points, decisive, mc)
