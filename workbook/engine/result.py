"""The weighed motion: outcome, deciding element, explanation, every element's strength.

JSON form (:meth:`Result.to_data`, ``python -m workbook weigh --json``), format 2::

    {
      "format": 2,
      "case": "legion-v-lutnick",
      "standard": "winter",
      "standard_title": "Winter v. NRDC (each factor must be likely)",
      "semantics": "df-quad",
      "outcome": "granted" | "denied",
      "granted": true | false,
      "deciding": element id | null,
      "explanation": "plain English naming the deciding element",
      "merged": true | false,                  # Nken merger applied
      "missing_roles": [factor roles the case file lacks],
      "converged": true | false,               # false: a cyclic graph did not settle
      "iterations": int,
      "damped": true,                          # only when damped iteration settled a cycle
      "answers": {question id: answer id},     # the answers actually used
      "elements": [                            # in case order
        {"id", "name", "role", "burden": "movant" | "opponent", "strength",
         "satisfied": true | false | null, "reached": bool,
         "settled": true | false | null,        # an answer decided it met / not met
         "pro", "con", "contributions": {argument id: signed float}}
      ],
      "factors": [                             # as the standard decided them, when reached
        {"label", "elements": [ids], "strength", "met": bool, "merged": bool}
      ],
      "settled_by": {element id: the answer that settled it, in words},
      "strengths": {argument id: final strength},   # arguments in play
      "base": {argument id: base strength},         # as used (overrides applied)
      "excluded": {argument id: why it is out}
    }

Floats are rounded to 6 decimals; keys of the mappings are sorted. New keys
may be added in later formats; existing keys keep their meaning. Format 2
added ``standard_title``, ``burden``, ``settled``, ``factors`` and ``settled_by``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workbook.engine.factors import FactorOutcome
from workbook.errors import UnknownNameError
from workbook.models import Case
from workbook.vocabulary import lookup, outcome_word, printable, rounded

__all__ = ["RESULT_FORMAT", "ElementResult", "Result", "render_text"]

RESULT_FORMAT = 2
"""Version of the JSON form of :class:`Result`."""


@dataclass(frozen=True)
class ElementResult:
    """One element's strength, whether it is met, and what moved it.

    Attributes:
        contributions: argument id -> strength with the argument minus without it.
        pro: sum of the positive contributions; con: sum of the negative ones (<= 0).

    """

    id: str
    name: str
    role: str
    strength: float
    satisfied: bool | None
    reached: bool
    contributions: Mapping[str, float]
    pro: float
    con: float
    burden: str = "movant"
    settled: bool | None = None

    def to_data(self) -> dict[str, Any]:
        """The element as JSON-able data (see the module docstring)."""
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "burden": self.burden,
            "strength": rounded(self.strength),
            "satisfied": self.satisfied,
            "reached": self.reached,
            "settled": self.settled,
            "pro": rounded(self.pro),
            "con": rounded(self.con),
            "contributions": {k: rounded(v) for k, v in sorted(self.contributions.items())},
        }


@dataclass(frozen=True)
class Result:
    """The weighed case: outcome, deciding element, explanation, and every element's strength."""

    case_id: str
    standard: str
    semantics: str
    granted: bool
    deciding: str | None
    explanation: str
    answers: Mapping[str, str]
    strengths: Mapping[str, float]
    base: Mapping[str, float]
    excluded: Mapping[str, str]
    elements: tuple[ElementResult, ...]
    merged: bool = False
    missing_roles: tuple[str, ...] = ()
    converged: bool = True
    iterations: int = 1
    damped: bool = False
    """Plain iteration did not settle the cycle; the damped scheme gave these strengths."""
    standard_title: str = ""
    factors: tuple[FactorOutcome, ...] = ()
    settled_by: Mapping[str, str] = field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"Result({self.case_id!r}, {self.outcome}, deciding={self.deciding!r}, "
            f"standard={self.standard!r})"
        )

    @property
    def outcome(self) -> str:
        """``"granted"`` or ``"denied"``."""
        return outcome_word(self.granted)

    def element(self, id: str) -> ElementResult:
        """The result for one element."""
        return lookup({e.id: e for e in self.elements}, id, "element", UnknownNameError)

    def to_data(self) -> dict[str, Any]:
        """The stable JSON-able form documented in the module docstring."""
        return {
            "format": RESULT_FORMAT,
            "case": self.case_id,
            "standard": self.standard,
            "standard_title": self.standard_title,
            "semantics": self.semantics,
            "outcome": self.outcome,
            "granted": self.granted,
            "deciding": self.deciding,
            "explanation": self.explanation,
            "merged": self.merged,
            "missing_roles": list(self.missing_roles),
            "converged": self.converged,
            "iterations": self.iterations,
            **({"damped": True} if self.damped else {}),
            "answers": dict(sorted(self.answers.items())),
            "elements": [e.to_data() for e in self.elements],
            "factors": [
                {
                    "label": f.label,
                    "elements": list(f.elements),
                    "strength": rounded(f.strength),
                    "met": f.met,
                    "merged": f.merged,
                }
                for f in self.factors
            ],
            "settled_by": dict(sorted(self.settled_by.items())),
            "strengths": {k: rounded(v) for k, v in sorted(self.strengths.items())},
            "base": {k: rounded(v) for k, v in sorted(self.base.items())},
            "excluded": dict(sorted(self.excluded.items())),
        }


def render_text(result: Result, case: Case | None = None) -> str:
    """The result as plain text for a terminal: outcome, elements, answers, explanation."""
    width = max([len(e.name) for e in result.elements] + [7])
    title = f"{case.case.title}: {case.case.motion}\n" if case is not None else ""
    lines = [
        f"{title}Standard: {result.standard_title or result.standard}   "
        f"Semantics: {result.semantics}",
        f"Outcome: {result.outcome.upper()}   Deciding element: {result.deciding or '(none)'}",
        "",
        f"  {'element':<{width}}  {'role':<21}  strength  satisfied",
    ]
    for e in result.elements:
        mark = {True: "yes", False: "no", None: "not reached"}[e.satisfied]
        star = " <- deciding" if e.id == result.deciding else ""
        settled = {True: " (settled: met)", False: " (settled: not met)", None: ""}[e.settled]
        burden = " (opponent's burden)" if e.burden == "opponent" else ""
        lines.append(
            f"  {e.name:<{width}}  {e.role:<21}  {e.strength:8.3f}  {mark}{settled}{burden}{star}"
        )
    merged = [f for f in result.factors if f.merged]
    for f in merged:
        word = "met" if f.met else "not met"
        lines.append(f"  {'merged: ' + f.label}  {f.strength:.3f}  {word} (decided as one factor)")
    defaults = case.default_answers if case is not None else {}
    lines += ["", "Answers used:" if result.answers else "Answers used: (no questions)"]
    for q, a in sorted(result.answers.items()):
        lines.append(f"  {q} = {a}" + ("  (default)" if defaults.get(q) == a else ""))
    if result.excluded:
        lines += ["", "Arguments out of play:"]
        lines += [f"  {k}: {v}" for k, v in sorted(result.excluded.items())]
    if result.missing_roles:
        lines += ["", f"Missing factor roles: {', '.join(result.missing_roles)}"]
    lines += ["", "Why:", *_wrap(result.explanation, 96)]
    return printable("\n".join(lines) + "\n")  # case text never drives the terminal


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="  ")
