"""Check what a user types into the workbench before it touches the scenario.

Each check raises :class:`~workbook.errors.ScenarioError` with a message that
says what is wrong and what would be right, so a control can show it and the
current scenario stays as it was.

>>> strength_value("0.25")
0.25
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pydantic

from workbook.errors import ScenarioError
from workbook.models import Argument, Case, Cite
from workbook.scenario import check_added
from workbook.verification import cite_label

__all__ = [
    "ArgumentDraft",
    "argument_choices",
    "authority_choices",
    "citation_choices",
    "fact_choices",
    "new_argument",
    "pin_cites",
    "strength_value",
]


def strength_value(value: Any) -> float:
    """A strength from a control or a caller, or a ScenarioError saying what is wrong."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ScenarioError(f"strength must be a number between 0 and 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:  # also refuses NaN
        raise ScenarioError(f"strength must be between 0 and 1, not {value}")
    return number


@dataclass(frozen=True)
class ArgumentDraft:
    """What a user fills in for an argument of their own, before it is checked.

    ``strength`` may be anything :func:`strength_value` accepts; ``id`` defaults
    to the first free ``user-N``; ``pins`` maps an authority's id to its pin cite
    (a page, say ``"20"``); ``facts`` are the ids of the facts it rests on. An
    empty ``body`` takes the heading.
    """

    side: str
    element: str
    heading: str
    strength: Any = 0.5
    attacks: Iterable[str] = ()
    supports: Iterable[str] = ()
    authorities: Iterable[str] = ()
    body: str = ""
    id: str | None = None
    pins: Mapping[str, str] | None = None
    facts: Iterable[str] = ()


def new_argument(case: Case, existing: Sequence[Argument], draft: ArgumentDraft) -> Argument:
    """A user's own argument, checked against the case and the arguments already in play.

    Raises:
        ScenarioError: the side, heading or strength is invalid, or the element,
            an attacked or supported argument, or an authority is not in the case.

    """
    if draft.side not in ("movant", "opponent"):
        raise ScenarioError(f"side must be 'movant' or 'opponent', not {draft.side!r}")
    if not str(draft.heading).strip():
        raise ScenarioError("give your argument a heading (one line saying what it argues)")
    value = strength_value(draft.strength)
    known_facts = {f.id for f in case.facts}
    for fact in draft.facts:
        if fact not in known_facts:
            raise ScenarioError(f"no fact {fact!r} in the case file; link a fact the case holds")
    pins = dict(draft.pins or {})
    ids = {a.id for a in existing}
    id = draft.id
    if id is None:
        id = next(f"user-{n}" for n in itertools.count(1) if f"user-{n}" not in ids)
    try:
        argument = Argument(
            id=id,
            side=draft.side,
            element=draft.element,
            heading=draft.heading,
            body=draft.body or draft.heading,
            strength=value,
            strength_reason="set by the user",
            attacks=tuple(draft.attacks),
            supports=tuple(draft.supports),
            authorities=tuple(Cite(id=c, pin=pins.get(c, "").strip()) for c in draft.authorities),
            facts=tuple(draft.facts),
        )
    except pydantic.ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ScenarioError(f"cannot add this argument: {problems}") from exc
    check_added(case, existing, argument)
    return argument


def _unique(labels: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Label -> id, a label that comes twice numbered (``"... (2)"``) so each picks one id."""
    out: dict[str, str] = {}
    for label, id in labels:
        text, n = label, 1
        while text in out:
            n += 1
            text = f"{label} ({n})"
        out[text] = id
    return out


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def argument_choices(arguments: Iterable[Argument]) -> dict[str, str]:
    """Each argument by its side and heading, as a picker lists it: label -> id.

    >>> from workbook import load_case
    >>> case = load_case(CASES / "legion-v-lutnick")
    >>> label, id = next(iter(argument_choices(case.arguments).items()))
    >>> label.startswith(("Movant: ", "Opponent: ")) and id == case.arguments[0].id
    True
    """
    return _unique((f"{a.side.capitalize()}: {_short(a.heading)}", a.id) for a in arguments)


def authority_choices(case: Case) -> dict[str, str]:
    """Each authority by its short name and verification, as a picker lists it: label -> id."""
    return _unique(
        (cite_label(a.short or a.id, a.verification.status), a.id) for a in case.authorities
    )


def citation_choices(case: Case) -> dict[str, str]:
    """Each authority by its citation (shortened) and verification: label -> id."""
    return _unique(
        (cite_label(_short(a.citation), a.verification.status), a.id) for a in case.authorities
    )


def fact_choices(case: Case) -> dict[str, str]:
    """Each fact by its date and statement (shortened), as a picker lists it: label -> id."""
    return _unique(
        (_short(f"{f.date.isoformat()}: {f.statement}" if f.date else f.statement), f.id)
        for f in case.facts
    )


def pin_cites(authorities: Sequence[str], text: str) -> dict[str, str]:
    """The pin cites typed for the chosen authorities, in their order, split at ``;``.

    >>> pin_cites(["winter", "nken"], "20; 434-35")
    {'winter': '20', 'nken': '434-35'}
    >>> pin_cites(["winter", "nken"], "; 434")
    {'nken': '434'}

    Raises:
        ScenarioError: more pin cites than authorities.

    """
    pins = [p.strip() for p in str(text).split(";")] if str(text).strip() else []
    if len(pins) > len(authorities):
        raise ScenarioError(
            f"{len(pins)} pin cites for {len(authorities)} authorities: give one page (or "
            "none) per chosen authority, in the same order, separated by ';'"
        )
    return {a: p for a, p in zip(authorities, pins, strict=False) if p}
