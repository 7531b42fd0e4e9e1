"""Widgets: a thin skin over the engine, the tables and the charts.

Each builder returns an object holding its widget tree (``.widget``) and the
plain methods its controls call; tests call those methods directly.
"""

from workbook.ui.brief import BriefBuilder, build_brief_builder
from workbook.ui.browse import table_html
from workbook.ui.common import ControlPanel, error_box, errors_to
from workbook.ui.diagram import motion_diagram
from workbook.ui.editor import CaseEditor, build_case_editor
from workbook.ui.exercises import Exercises, build_exercises
from workbook.ui.panels import (
    AuthorityBrowser,
    ElementPanel,
    build_authority_browser,
    build_element_panel,
    question_controls,
)
from workbook.ui.readings import reading, readings_note, readings_of
from workbook.ui.records import (
    authorities_html,
    authority_browser,
    claim_browser,
    fact_browser,
    parties_html,
)
from workbook.ui.workbench import Workbench, build_workbench

__all__ = [
    "AuthorityBrowser",
    "BriefBuilder",
    "CaseEditor",
    "ControlPanel",
    "ElementPanel",
    "Exercises",
    "Workbench",
    "authorities_html",
    "authority_browser",
    "build_authority_browser",
    "build_brief_builder",
    "build_case_editor",
    "build_element_panel",
    "build_exercises",
    "build_workbench",
    "claim_browser",
    "error_box",
    "errors_to",
    "fact_browser",
    "motion_diagram",
    "parties_html",
    "question_controls",
    "reading",
    "readings_note",
    "readings_of",
    "table_html",
]
