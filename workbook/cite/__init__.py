"""Citations: parse them with eyecite, check them against the case file, and write them out.

Three stages, each a plain function or a small object:

* :func:`parse_citation` reads a citation string into its parts (reporter,
  volume, page, pin, year, court; or code, title, section) using eyecite and
  its reporters database.
* :func:`check_citations` compares every authority's citation with its
  structured fields and returns the disagreements (``python -m workbook check``
  lists them as warnings, with file, line and key).
* :class:`Citer` writes Bluebook full forms, short forms and "Id." in document
  order, from the structured fields: the ``citation`` and ``short`` given in the
  case file are the source of truth, and a short form is generated only where
  the file has none.

>>> p = parse_citation("Winter v. Natural Resources Defense Council, Inc., 555 U.S. 7 (2008)")
>>> (p.volume, p.reporter, p.page, p.year, p.court)
('555', 'U.S.', '7', 2008, 'scotus')
>>> parse_citation("15 C.F.R. § 734.13(b)").section
'734.13'
"""

from workbook.cite.check import CitationProblem, check_citations
from workbook.cite.forms import Citer, cited_ids, full_form, short_form, verification_flag
from workbook.cite.parse import ParsedCitation, court_id, parse_citation

__all__ = [
    "CitationProblem",
    "Citer",
    "ParsedCitation",
    "check_citations",
    "cited_ids",
    "court_id",
    "full_form",
    "parse_citation",
    "short_form",
    "verification_flag",
]
