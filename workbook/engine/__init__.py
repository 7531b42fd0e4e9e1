"""The weighing engine: arguments to element strengths to an outcome, and what would change it.

Layers, each using only those before it: ``graph`` (structure) → ``semantics``
(gradual strengths) → ``standards`` (strengths to an outcome) → ``weighing``
(one case, one scenario) → ``whatif`` and ``montecarlo`` (many variants of one
prepared case) → ``analysis`` (all of them from one prepared case).
"""

from workbook.engine.analysis import Analysis, analyse
from workbook.engine.compare import (
    ScenarioComparison,
    compare_scenarios,
    compare_semantics,
    compare_standards,
)
from workbook.engine.evaluation import evaluate
from workbook.engine.montecarlo import (
    DEFAULT_SPREAD,
    MonteCarlo,
    QuestionValue,
    monte_carlo,
    wilson_interval,
)
from workbook.engine.result import RESULT_FORMAT, ElementResult, Result, render_text
from workbook.engine.semantics import SEMANTICS, Semantics, get_semantics
from workbook.engine.standards import STANDARDS, Decision, ElementScore, Standard, get_standard
from workbook.engine.tornado import TornadoBar, tornado
from workbook.engine.weighing import Prepared, prepare, weigh, weigh_prepared
from workbook.engine.whatif import (
    DecisiveQuestions,
    TippingPoint,
    decisive_questions,
    tipping_points,
)

__all__ = [
    "DEFAULT_SPREAD",
    "RESULT_FORMAT",
    "SEMANTICS",
    "STANDARDS",
    "Analysis",
    "Decision",
    "DecisiveQuestions",
    "ElementResult",
    "ElementScore",
    "MonteCarlo",
    "Prepared",
    "QuestionValue",
    "Result",
    "ScenarioComparison",
    "Semantics",
    "Standard",
    "TippingPoint",
    "TornadoBar",
    "analyse",
    "compare_scenarios",
    "compare_semantics",
    "compare_standards",
    "decisive_questions",
    "evaluate",
    "get_semantics",
    "get_standard",
    "monte_carlo",
    "prepare",
    "render_text",
    "tipping_points",
    "tornado",
    "weigh",
    "weigh_prepared",
    "wilson_interval",
]
