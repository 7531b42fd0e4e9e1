"""Charts of a weighed motion: each function returns an Altair chart and never displays it.

Every chart takes the engine's results (or the case) and returns a chart
object; display it in a notebook, save it with ``chart.save(...)``, or test
it through ``chart.to_dict()``. Colours come from the Okabe–Ito palette
(:mod:`workbook.vocabulary`): blue for the movant, orange for the opponent.
Shapes repeat what colour says, and every chart states the outcome in words.

:func:`setup` makes the charts render offline in JupyterLab and Voilà.
"""

from workbook.charts._base import ElementLike, ResultLike, outcome_words, records
from workbook.charts.backtest import forecasts
from workbook.charts.classroom import class_answers, class_dropped, class_outcomes
from workbook.charts.core import (
    compare,
    element_contributions,
    factor_balance,
    probability,
    tornado,
)
from workbook.charts.display import chart_widget, renderer_name, setup, unchecked
from workbook.charts.map import argument_map, map_layout
from workbook.charts.odds import value_of_information
from workbook.charts.standards import standards_chart
from workbook.charts.timeline import timeline

__all__ = [
    "ElementLike",
    "ResultLike",
    "argument_map",
    "chart_widget",
    "class_answers",
    "class_dropped",
    "class_outcomes",
    "compare",
    "element_contributions",
    "factor_balance",
    "forecasts",
    "map_layout",
    "outcome_words",
    "probability",
    "records",
    "renderer_name",
    "setup",
    "standards_chart",
    "timeline",
    "tornado",
    "unchecked",
    "value_of_information",
]
