"""Check what a user types into the workbench before it touches the scenario.

Each check raises :class:`~workbook.errors.ScenarioError` with a message that
says what is wrong and what would be right, so a control can show it and the
current scenario stays as it was.

>>> strength_value("0.25")
0.25
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pydantic

from workbook.errors import ScenarioError
from workbook.models import Argument, Case, Cite
from workbook.scenario import check_added

__all__ = ["ArgumentDraft", "new_argument", "strength_value"]


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
    to the first free ``user-N``.
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
            authorities=tuple(Cite(id=c) for c in draft.authorities),
        )
    except pydantic.ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ScenarioError(f"cannot add this argument: {problems}") from exc
    check_added(case, existing, argument)
    return argument
