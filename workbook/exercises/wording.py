"""Sentences for exercise feedback, built from parts so that they always read as English.

Case text (a question, an answer's label, an argument's heading) is often a sentence
of its own, capitalised and ending in a full stop. Spliced into another sentence it
reads "The motion is denied, and Because the United States…". Here case text is only
ever *quoted* (:func:`quoted`) inside a sentence the workbook writes, and every
sentence is finished by :func:`sentence`, so each starts with a capital and ends once.

>>> sentence("the motion is", "denied")
'The motion is denied.'
>>> quoted("Because the United States opposes it.")
'“Because the United States opposes it”'
>>> paragraph("One.", "", "two")
'One. Two.'
"""

from __future__ import annotations

__all__ = ["listed", "paragraph", "quoted", "sentence"]

_ENDS = (".", "?", "!", "”.", "”?", "”!")


def quoted(text: str) -> str:
    """Case text in curly quotes, with its own closing full stop taken off."""
    text = " ".join(text.split()).rstrip()
    while text.endswith((".", ";", ",", ":")) and not text.endswith("..."):
        text = text[:-1].rstrip()
    return f"“{text}”"


def sentence(*parts: str) -> str:
    """The parts joined by spaces, capitalised, and ended with one full stop.

    A part may end with its own ``?`` or ``!``; a trailing full stop is never doubled.
    """
    text = " ".join(" ".join(p.split()) for p in parts if p and p.strip())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith(_ENDS) else text + "."


def paragraph(*sentences: str) -> str:
    """Sentences (each made whole by :func:`sentence`) joined by single spaces."""
    return " ".join(s for s in (sentence(x) for x in sentences) if s)


def listed(items: list[str], *, empty: str = "none") -> str:
    """``a``, ``a and b``, ``a, b and c``: items as a phrase inside a sentence."""
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
