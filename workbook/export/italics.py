"""Which words of a brief are set in italics: case names and "Id.".

Shared by the Word and the Markdown brief. A full case name (one with "v.", or "In re"
or "Ex parte") is italic wherever it appears; a short name (such as "Dep't of Com.") only
where a citation follows it, since the same words can be part of a party's or an
agency's name; in prose (an argument's heading or body) only full names are.
"""

from __future__ import annotations

import re

__all__ = ["italic_pieces", "prose_names"]


def _is_full_name(name: str) -> bool:
    return name == "Id." or " v. " in name or name.startswith(("In re ", "Ex parte "))


def italic_pieces(text: str, names: tuple[str, ...]) -> list[tuple[str, bool]]:
    """``text`` split into (piece, italic): case names and "Id." italic.

    A short name (one without "v.", such as "Dep't of Com.") is italic only where a
    citation follows it (a comma, then a volume, a blank or "slip op."), so the same
    words inside an agency's name ("U.S. Dep't of Com., Bureau of ...") stay roman.

    >>> for piece in italic_pieces("Dep't of Com., 588 U.S.; U.S. Dep't of Com., BIS",
    ...                            ("Dep't of Com.",)):
    ...     print(piece)
    ("Dep't of Com.", True)
    (", 588 U.S.; U.S. Dep't of Com., BIS", False)
    """
    if not names:
        return [(text, False)]
    full = "|".join(re.escape(n) for n in names if _is_full_name(n))
    short = "|".join(re.escape(n) for n in names if not _is_full_name(n))
    either = [f"(?:{full})"] if full else []
    if short:
        either.append(rf"(?:{short})(?=,\s*(?:\d|_|slip op\.))")
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in re.finditer(rf"(?<!\w)(?:{'|'.join(either)})(?!\w)", text):
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((match.group(0), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def prose_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names safe to italicize in prose: full case names (a short name may be a party's)."""
    return tuple(n for n in names if n != "Id." and _is_full_name(n))
