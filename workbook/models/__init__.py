"""The case-file model: every record a case file can hold, as frozen values.

A case file describes one motion in one case. Nothing here knows which case:
the flagship case and any other (a decided analog, a moot-court problem) are
data in the same shape.

Records refer to each other by id; :func:`workbook.load_case` checks that
every id resolves. Collections are tuples, so a loaded case is immutable and
hashable pieces can be cached.
"""

from workbook.models.case import Case
from workbook.models.questions import Answer, Prior, Question, Settlement
from workbook.models.records import (
    Argument,
    Authority,
    AuthorityQuote,
    Burden,
    CaseInfo,
    Cite,
    Claim,
    Element,
    ElementRole,
    Fact,
    FactStatus,
    Harm,
    HarmType,
    Id,
    Party,
    Quote,
    Record,
    Route,
    Side,
    Source,
    Text,
    Verification,
)
from workbook.models.ruling import CourtAnswer, Flip, Ruling

__all__ = [
    "Answer",
    "Argument",
    "Authority",
    "AuthorityQuote",
    "Burden",
    "Case",
    "CaseInfo",
    "Cite",
    "Claim",
    "CourtAnswer",
    "Element",
    "ElementRole",
    "Fact",
    "FactStatus",
    "Flip",
    "Harm",
    "HarmType",
    "Id",
    "Party",
    "Prior",
    "Question",
    "Quote",
    "Record",
    "Route",
    "Ruling",
    "Settlement",
    "Side",
    "Source",
    "Text",
    "Verification",
]
