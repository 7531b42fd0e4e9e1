"""The case the scenario benchmarks run on: the flagship, or a stand-in of its shape."""

from __future__ import annotations

import common  # noqa: F401 - puts the repository on sys.path
from synthetic import synthetic_case

from workbook import DEFAULT_CASE, load_case
from workbook.models import Case

MIN_ARGUMENTS = 10


def flagship_case() -> tuple[Case, str]:
    """The flagship case if it loads with 10 or more arguments; else a synthetic stand-in."""
    try:
        case = load_case(DEFAULT_CASE)
    except Exception as exc:  # any failure falls back, and says why
        return synthetic_case(60), f"synthetic 60-argument stand-in (flagship did not load: {exc})"
    if len(case.arguments) < MIN_ARGUMENTS:
        return synthetic_case(60), (
            f"synthetic 60-argument stand-in (the flagship has only "
            f"{len(case.arguments)} arguments)"
        )
    edges = sum(len(a.attacks) + len(a.supports) for a in case.arguments)
    return case, (
        f"flagship {case.case.id} ({len(case.arguments)} arguments, "
        f"{len(case.elements)} elements, {edges} argument-to-argument edges)"
    )
