"""Start a case file: ``python -m workbook new DIR --title "..." --court "..."``.

:func:`new_case` writes ``DIR/case.yaml``: every section, one example record
each with a comment on what it holds, and the schema header with a path that
works from wherever ``DIR`` is, so an editor that speaks the YAML language
server checks the file as it is typed. The case passes ``check`` as written;
the examples are there to be replaced.

>>> import tempfile, pathlib
>>> from workbook.casefile.load import check_case
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "my-case"
>>> path = new_case(folder, title="Acme Corp. v. Secretary", court="D.D.C.")
>>> check_case(folder).ok
True
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from workbook.casefile.schema import SCHEMA_PATH
from workbook.errors import CaseFileError

__all__ = ["new_case", "slug"]

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
#
# A new case file. Every section has one example record: replace them with the
# case's own, then run `python -m workbook check {folder}` after each change. The
# README's "Writing a case" guide and the shipped cases show complete ones.

case:
  id: {id}
  title: {title}
  court: {court}
  docket: ""                      # "No. 1:26-cv-01234" once there is one
  motion: Plaintiff's motion for a preliminary injunction
  movant: plaintiff               # a party id below
  opponent: defendant
  government_opponent: true       # the equities and the public interest merge (Nken)
  status: pending                 # pending, decided or hypothetical
  summary: One paragraph, in your own words, on what the motion is about.

parties:
  - id: plaintiff
    name: The Plaintiff (full name)
    short: Plaintiff              # how a brief names it ("Legion")
    role: plaintiff
  - id: defendant
    name: The Defendant (full name and office)
    role: defendant

# Thresholds first (standing, mootness...), then the four factors; a brief takes them
# in this order. `burden: opponent` for an element the other side must show (mootness).
elements:
  - id: standing
    name: Standing
    role: threshold
    burden: movant
  - id: success
    name: Likelihood of success on the merits
    role: likelihood-of-success
  - id: harm
    name: Irreparable harm
    role: irreparable-harm
  - id: equities
    name: Balance of equities
    role: balance-of-equities
  - id: public-interest
    name: Public interest
    role: public-interest

# Where each fact comes from. `where` locates it: a file name, a URL or a citation.
sources:
  - id: complaint
    kind: filing
    title: Complaint
    where: complaint.pdf

# Facts in your own words; status is alleged, reported, confirmed or disputed.
facts:
  - id: example-fact
    statement: State one fact here, paraphrased, never copied from the source.
    sources: [complaint]
    status: alleged
    alleged_by: plaintiff

# Every authority fully cited, with a paraphrased proposition and a record of where
# it was checked. Mark what you could not check `unverified`: never guess.
authorities:
  - id: winter
    kind: case
    citation: "Winter v. Nat. Res. Def. Council, Inc., 555 U.S. 7 (2008)"
    short: "Winter, 555 U.S. at 20"
    court: U.S.
    year: 2008
    topics: [pi-standard]
    proposition: >-
      A preliminary injunction is an extraordinary remedy; the movant must show likely
      success, likely irreparable harm, that the equities favour it, and that relief is in
      the public interest.
    verification:
      status: unverified
      note: Replace with what you read, where, and when.

# Contested questions: each answer is an assumption a user can change. An answer can
# settle an element (`settles`), close a route, or pick the standard (`standards`).
questions:
  - id: q-example
    text: State a contested legal question here?
    answers:
      - id: the-movant-is-right
        label: Yes, because...
      - id: the-opponent-is-right
        label: No, because...
    default: the-movant-is-right
    elements: [success]

# Arguments for both sides on every element. Movant arguments support their element,
# the opponent's attack it; `attacks` and `supports` link arguments to each other.
# Strength (0 to 1) comes from the law and the record: write down why.
arguments:
  - id: m-standing-example
    side: movant
    element: standing
    heading: One-line heading of the movant's point
    body: The argument in your own words.
    authorities: [winter]
    facts: [example-fact]
    strength: 0.6
    strength_reason: Why this strength, from the authorities and the record.
  - id: o-success-example
    side: opponent
    element: success
    heading: One-line heading of the opponent's point
    body: The argument in your own words.
    strength: 0.5
    strength_reason: Why this strength.
    requires:
      q-example: [the-opponent-is-right]
"""


def slug(text: str) -> str:
    """A case id from a title: lowercase words joined by hyphens.

    >>> slug("Acme Corp. v. Secretary of Commerce")
    'acme-corp-v-secretary-of-commerce'
    """
    words = re.findall(r"[a-z0-9]+", text.casefold())
    return "-".join(words)[:80].strip("-") or "new-case"


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_case(folder: str | Path, *, title: str, court: str) -> Path:
    """Write a minimal valid case file in ``folder`` (created; it must be new or empty).

    Raises:
        CaseFileError: the folder exists and is not empty, or a title or court is blank.

    """
    folder = Path(folder)
    if not title.strip() or not court.strip():
        raise CaseFileError("a case needs a title and a court", hint="give --title and --court")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CaseFileError(
            "the folder is not empty", path=folder, hint="choose a new folder for the case"
        )
    folder.mkdir(parents=True, exist_ok=True)
    schema = Path(os.path.relpath(SCHEMA_PATH, folder.resolve())).as_posix()
    text = _TEMPLATE.format(
        schema=schema,
        folder=folder.as_posix(),
        id=slug(title),
        title=_quoted(title.strip()),
        court=_quoted(court.strip()),
    )
    path = folder / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path
