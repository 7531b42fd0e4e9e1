"""The Table of Authorities: every authority the outline cites, grouped and alphabetized.

Groups follow the usual order of a brief: Cases; Constitutional Provisions and
Statutes; Regulations; Administrative and Executive Materials; Other
Authorities. Court rules go with the statutes, guidance and executive actions
with the administrative materials.

Alphabetizing rule: compare the citations case-insensitively, ignoring a
leading "In re", "Ex parte", "The" or "In the Matter of" and all punctuation,
with numbers compared as numbers (so ``5 U.S.C.`` comes before ``50 U.S.C.``
and ``§ 734.9`` before ``§ 734.13``). Within Constitutional Provisions and
Statutes, constitutions come first, then statutes, then rules.

Each entry lists the point headings where the authority is cited, in the
order of the brief (``III`` for a response taken at the level of the section,
before ``III.A``; there are no page numbers in Markdown); an authority cited
under more than five headings is cited *passim*.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from workbook.cite import verification_flag
from workbook.models import Authority, Case

__all__ = ["GROUPS", "TOAEntry", "TOAGroup", "point_key", "sort_key", "table_of_authorities"]

#: Group title -> the authority kinds it holds, in the order a brief prints them.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Cases", ("case",)),
    ("Constitutional Provisions and Statutes", ("constitution", "statute", "rule")),
    ("Regulations", ("regulation",)),
    ("Administrative and Executive Materials", ("guidance", "executive")),
    ("Other Authorities", ("other",)),
)
_PASSIM = 5
_LEADING = re.compile(r"^(?:in re|ex parte|the|in the matter of)\s+", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class TOAEntry:
    """One authority in the table: its full citation, its flag, and where it is cited."""

    id: str
    citation: str
    flag: str
    cited_at: tuple[str, ...]

    @property
    def where(self) -> str:
        """``I.A, II.B`` or ``passim``."""
        return "passim" if len(self.cited_at) > _PASSIM else ", ".join(self.cited_at)


@dataclasses.dataclass(frozen=True)
class TOAGroup:
    """A titled group of entries, alphabetized."""

    title: str
    entries: tuple[TOAEntry, ...]


def sort_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """The alphabetizing key for a citation (see the module docstring).

    >>> sorted(["The Paquete Habana", "In re Debs", "Nken v. Holder"], key=sort_key)
    ['In re Debs', 'Nken v. Holder', 'The Paquete Habana']
    """
    text = _LEADING.sub("", text.strip())
    words = re.sub(r"[^0-9a-z]+", " ", text.casefold()).split()
    key: list[tuple[int, int | str]] = []
    for word in words:
        for part in re.findall(r"\d+|\D+", word):
            key.append((0, int(part)) if part.isdigit() else (1, part))
    return tuple(key)


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def point_key(point: str) -> tuple[int, int, str]:
    """Where a point number falls in the brief: ``III`` < ``III.A`` < ``III.B`` < ``IV``.

    >>> sorted(["III.A", "III", "IV", "II.B", "II.AA", "II.Z"], key=point_key)
    ['II.B', 'II.Z', 'II.AA', 'III', 'III.A', 'IV']
    """
    section, _, sub = point.partition(".")
    total, last = 0, 0
    for ch in reversed(section):
        value = _ROMAN.get(ch, 0)
        total += -value if value < last else value
        last = max(last, value)
    return total, len(sub), sub


def _rank(auth: Authority, kinds: tuple[str, ...]) -> tuple[int, tuple[tuple[int, int | str], ...]]:
    return kinds.index(auth.kind), sort_key(auth.citation)


def table_of_authorities(case: Case, refs: Iterable[tuple[str, str]]) -> tuple[TOAGroup, ...]:
    """Group and sort the authorities in ``refs`` ((authority id, point number) in reading order).

    Groups with no entry are left out.
    """
    where: dict[str, list[str]] = {}
    for auth_id, point in refs:
        spots = where.setdefault(auth_id, [])
        if point not in spots:
            spots.append(point)
    cited = [a for a in case.authorities if a.id in where]
    groups = []
    for title, kinds in GROUPS:
        members = sorted((a for a in cited if a.kind in kinds), key=lambda a: _rank(a, kinds))
        if members:
            groups.append(
                TOAGroup(
                    title,
                    tuple(
                        TOAEntry(
                            a.id,
                            a.citation,
                            verification_flag(a),
                            tuple(sorted(where[a.id], key=point_key)),
                        )
                        for a in members
                    ),
                )
            )
    return tuple(groups)
