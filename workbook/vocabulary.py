"""The workbook's words and colours, each said once.

Role order and names, verification words, "met / not met", the outcome
words, the Okabe–Ito palette, the rounding of numbers in JSON, and one
:func:`lookup` that refuses an unknown name with a "did you mean".

>>> outcome_word(True), status_word(False, reached=True)
('granted', 'not met')
>>> lookup({"winter": 1}, "wintr", "standard")
Traceback (most recent call last):
...
workbook.errors.ScenarioError: unknown standard 'wintr'; did you mean 'winter'? choose one of winter
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

from workbook.errors import ScenarioError, WorkbookError, nearest

__all__ = [
    "EDGE_COLORS",
    "FACTOR_ROLES",
    "FACT_STATUS_COLORS",
    "NODE_COLORS",
    "ROLE_NAMES",
    "ROLE_ORDER",
    "SIDE_COLORS",
    "STANDARD_NAMES",
    "STATUS_WORDS",
    "VERIFICATION_COLORS",
    "did_you_mean",
    "lookup",
    "outcome_word",
    "printable",
    "rounded",
    "status_word",
    "verification_flag",
]

# --------------------------------------------------------------------------- elements

STANDARD_NAMES: tuple[str, ...] = (
    "winter",
    "winter-unmerged",
    "sliding-scale",
    "sliding-scale-pure",
    "sliding-scale-unmerged",
    "serious-questions",
)
"""The shipped injunction standards (:mod:`workbook.engine.standards`), by name."""

FACTOR_ROLES: tuple[str, ...] = (
    "likelihood-of-success",
    "irreparable-harm",
    "balance-of-equities",
    "public-interest",
)
"""The four Winter factors, in the order courts take them."""

ROLE_ORDER: tuple[str, ...] = ("threshold", *FACTOR_ROLES)
"""The order a court (and a brief) takes the elements in: thresholds, then the four factors."""

ROLE_NAMES: Mapping[str, str] = {
    "threshold": "threshold question",
    "likelihood-of-success": "likelihood of success on the merits",
    "irreparable-harm": "irreparable harm",
    "balance-of-equities": "the balance of equities",
    "public-interest": "the public interest",
}
"""Each role in plain English, as an explanation words it."""


def outcome_word(granted: bool) -> str:
    """``"granted"`` or ``"denied"``."""
    return "granted" if granted else "denied"


def status_word(satisfied: bool | None, reached: bool = True) -> str:
    """``"met"``, ``"not met"`` or ``"not reached"`` for an element's result."""
    if not reached or satisfied is None:
        return "not reached"
    return "met" if satisfied else "not met"


# --------------------------------------------------------------------------- verification

STATUS_WORDS: Mapping[str, str] = {
    "verified": "verified",
    "partly-verified": "partly verified",
    "unverified": "unverified",
}
"""Each verification status in the words readers see."""


def verification_flag(status: str) -> str:
    """``[unverified]`` or ``[partly verified]`` for a status short of verified, else ``''``."""
    return "" if status == "verified" else f"[{STATUS_WORDS.get(status, status)}]"


# --------------------------------------------------------------------------- palette (Okabe–Ito)

SIDE_COLORS: Mapping[str, str] = {"movant": "#0072B2", "opponent": "#E69F00"}
"""Blue for the movant, orange for the opponent: everywhere."""

FACT_STATUS_COLORS: Mapping[str, str] = {
    "confirmed": "#009E73",
    "reported": "#56B4E9",
    "alleged": "#F0E442",
    "disputed": "#D55E00",
}
"""A fact's status, from best established to contested."""

VERIFICATION_COLORS: Mapping[str, str] = {
    "verified": "#009E73",
    "partly-verified": "#B35C00",
    "unverified": "#D55E00",
}
"""An authority's verification badge (the orange darkened to pass contrast on white)."""

EDGE_COLORS: Mapping[str, str] = {"attacks": "#D55E00", "supports": "#009E73", "on": "#BBBBBB"}
"""Vermillion for attacks, bluish green for supports, grey for structure."""

NODE_COLORS: Mapping[str, str] = {**SIDE_COLORS, "motion": "#000000", "element": "#666666"}
"""The argument map's nodes: the two sides, the motion and its elements."""

# --------------------------------------------------------------------------- numbers


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text safe for a terminal: control characters (an ANSI escape's ESC) taken out.

    >>> printable("Acme" + chr(27) + "[2J Corp.")
    'Acme[2J Corp.'
    """
    return _CONTROLS.sub("", text)


def rounded(x: float) -> float:
    """A float rounded to 6 decimals for JSON, with ``-0.0`` turned into ``0.0``."""
    return round(float(x), 6) + 0.0


# --------------------------------------------------------------------------- names

V = TypeVar("V")


def did_you_mean(word: str, options: Iterable[str], *, n: int = 3) -> str:
    """``"did you mean 'a' or 'b'? "`` for the options closest to ``word``, else ``""``."""
    close = nearest(word, options, n=n)
    return f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""


def lookup(
    registry: Mapping[str, V],
    name: str,
    what: str,
    error: type[WorkbookError] = ScenarioError,
    *,
    where: str = "",
) -> V:
    """``registry[name]``, or ``error`` naming the bad value, the nearest and the valid ones.

    ``where`` follows the bad value in the message, e.g. ``" to question 'q1'"``.
    """
    try:
        return registry[name]
    except (KeyError, TypeError):
        valid = ", ".join(map(str, registry)) or "(none)"
        hint = did_you_mean(name, registry, n=1) if isinstance(name, str) else ""
        raise error(f"unknown {what} {name!r}{where}; {hint}choose one of {valid}") from None
