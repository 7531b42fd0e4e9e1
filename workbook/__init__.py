"""An interactive legal-argument workbook for preliminary-injunction motions.

Load a case file, check it, and (in later modules) weigh, chart and export it::

    >>> import workbook
    >>> case = workbook.load_case(CASES / "legion-v-lutnick")
    >>> case.case.title
    'Legion LegalTech Corp. v. Lutnick'
"""

from .errors import (
    CaseFileError,
    CaseFileProblems,
    CaseFileSchemaError,
    CaseFileSyntaxError,
    DuplicateIdError,
    UnknownReferenceError,
    WorkbookError,
)
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
from .paths import CASES, DEFAULT_CASE

__version__ = "0.1.0"

__all__ = [
    "CASES",
    "DEFAULT_CASE",
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
    "Fact",
    "Finding",
    "Harm",
    "Party",
    "Question",
    "Quote",
    "Source",
    "UnknownReferenceError",
    "Verification",
    "WorkbookError",
    "__version__",
    "check_case",
    "load_case",
]


def __dir__() -> list[str]:
    return list(__all__)
