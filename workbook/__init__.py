"""An interactive legal-argument workbook for preliminary-injunction motions.

Load a case file, weigh it under a scenario, ask what would change the outcome,
and take the result out as a brief outline::

    >>> import workbook
    >>> case = workbook.load_case(CASES / "legion-v-lutnick")
    >>> case.case.title
    'Legion LegalTech Corp. v. Lutnick'
    >>> result = workbook.weigh(case)
    >>> result.outcome in ("granted", "denied")
    True

The widgets and charts live in :mod:`workbook.ui`, :mod:`workbook.ui_workbench` and
:mod:`workbook.charts`; they import ipywidgets and Altair, so they are not loaded here.
"""

from .errors import (
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
from .export import export_outline, write_export
from .interchange import export_aif, export_argdown, import_aif
from .load import CheckReport, Finding, check_case, load_case
from .models import (
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
from .montecarlo import monte_carlo
from .paths import CASES, DEFAULT_CASE
from .scenario import Scenario, StrengthRange
from .semantics import SEMANTICS
from .standards import STANDARDS
from .weigh import ElementResult, Result, weigh
from .whatif import (
    compare_semantics,
    compare_standards,
    decisive_questions,
    tipping_points,
    tornado,
)
from .workspace import Workspace, load_scenario, load_workspace, save_scenario, save_workspace

__version__ = "0.1.0"

__all__ = [
    "CASES",
    "DEFAULT_CASE",
    "SEMANTICS",
    "STANDARDS",
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
