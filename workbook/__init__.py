"""An interactive legal-argument workbook for preliminary-injunction motions.

Load a case file, weigh it under a scenario, ask what would change the outcome,
and take the result out as a brief outline::

    >>> import workbook
    >>> case = workbook.load_case(CASES / "legion-v-lutnick")
    >>> case.case.title
    'Legion LegalTech Corp. v. Lutnick'
    >>> result = workbook.weigh(case)
    >>> result.outcome, result.deciding
    ('denied', 'harm')

The widgets and charts live in :mod:`workbook.ui` and :mod:`workbook.charts`; they
import ipywidgets and Altair, so they are not loaded here.
"""

from workbook.casefile import CheckReport, Finding, check_case, load_case
from workbook.engine import (
    SEMANTICS,
    STANDARDS,
    Analysis,
    ElementResult,
    Result,
    analyse,
    compare_semantics,
    compare_standards,
    decisive_questions,
    monte_carlo,
    tipping_points,
    tornado,
    weigh,
)
from workbook.errors import (
    CaseFileError,
    CaseFileProblems,
    CaseFileSchemaError,
    CaseFileSyntaxError,
    DuplicateIdError,
    ScenarioError,
    UnknownReferenceError,
    WorkbookError,
    WorkspaceError,
)
from workbook.export import export_outline, write_export
from workbook.export.argdown import export_argdown
from workbook.export.interchange import export_aif, import_aif
from workbook.models import (
    Answer,
    Argument,
    Authority,
    Case,
    CaseInfo,
    Cite,
    Claim,
    Element,
    Fact,
    Harm,
    Party,
    Question,
    Quote,
    Source,
    Verification,
)
from workbook.paths import CASES, DEFAULT_CASE
from workbook.scenario import Scenario, StrengthRange
from workbook.store import Workspace, load_scenario, load_workspace, save_scenario, save_workspace

__version__ = "0.1.0"

__all__ = [
    "CASES",
    "DEFAULT_CASE",
    "SEMANTICS",
    "STANDARDS",
    "Analysis",
    "Answer",
    "Argument",
    "Authority",
    "Case",
    "CaseFileError",
    "CaseFileProblems",
    "CaseFileSchemaError",
    "CaseFileSyntaxError",
    "CaseInfo",
    "CheckReport",
    "Cite",
    "Claim",
    "DuplicateIdError",
    "Element",
    "ElementResult",
    "Fact",
    "Finding",
    "Harm",
    "Party",
    "Question",
    "Quote",
    "Result",
    "Scenario",
    "ScenarioError",
    "Source",
    "StrengthRange",
    "UnknownReferenceError",
    "Verification",
    "WorkbookError",
    "Workspace",
    "WorkspaceError",
    "__version__",
    "analyse",
    "check_case",
    "compare_semantics",
    "compare_standards",
    "decisive_questions",
    "export_aif",
    "export_argdown",
    "export_outline",
    "import_aif",
    "load_case",
    "load_scenario",
    "load_workspace",
    "monte_carlo",
    "save_scenario",
    "save_workspace",
    "tipping_points",
    "tornado",
    "weigh",
    "write_export",
]


def __dir__() -> list[str]:
    return list(__all__)
