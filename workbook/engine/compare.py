"""Side by side: one scenario under every shipped standard or semantics, or two scenarios.

:func:`compare_scenarios` weighs two scenarios of one case and says what differs: the
outcome, each element's and factor's strength, the answers, the standard and semantics,
and the arguments (in or out, base strength, added).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from workbook.engine.result import Result
from workbook.engine.semantics import SEMANTICS
from workbook.engine.standards import STANDARDS
from workbook.engine.weighing import Prepared, prepare, weigh
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.vocabulary import outcome_word

__all__ = [
    "Difference",
    "ScenarioComparison",
    "SemanticsOutcome",
    "StandardOutcome",
    "compare_scenarios",
    "compare_semantics",
    "compare_standards",
    "compare_standards_prepared",
]


@dataclass(frozen=True)
class StandardOutcome:
    """The outcome under one standard."""

    standard: str
    title: str
    granted: bool
    deciding: str | None
    explanation: str

    @property
    def outcome(self) -> str:
        """``"granted"`` or ``"denied"``."""
        return outcome_word(self.granted)


def compare_standards(
    case: Case, scenario: Scenario | None = None, **options: Any
) -> tuple[StandardOutcome, ...]:
    """The outcome under every shipped standard, for the same strengths."""
    return compare_standards_prepared(prepare(case, scenario, **options))


def compare_standards_prepared(p: Prepared) -> tuple[StandardOutcome, ...]:
    """:func:`compare_standards` on an already prepared case."""
    scores = p.scores(p.evaluate(p.base[None, :])[0])
    out = []
    for name, std in STANDARDS.items():
        d = std.decide(scores, government_opponent=p.government_opponent)
        out.append(StandardOutcome(name, std.title, d.granted, d.deciding, d.explanation))
    return tuple(out)


@dataclass(frozen=True)
class SemanticsOutcome:
    """The outcome and element strengths under one semantics."""

    semantics: str
    granted: bool
    deciding: str | None
    strengths: Mapping[str, float]
    converged: bool


def compare_semantics(
    case: Case, scenario: Scenario | None = None, **options: Any
) -> tuple[SemanticsOutcome, ...]:
    """The outcome under every shipped semantics, with each element's strength."""
    out = []
    for name in SEMANTICS:
        r = weigh(case, scenario, semantics=name, **options)
        out.append(
            SemanticsOutcome(
                name, r.granted, r.deciding, {e.id: e.strength for e in r.elements}, r.converged
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Difference:
    """One thing that differs between two scenarios, in words: what it is, and A and B."""

    what: str
    a: str
    b: str


@dataclass(frozen=True)
class ScenarioComparison:
    """Two scenarios of one case weighed side by side (see :func:`compare_scenarios`).

    ``elements`` and ``factors`` hold every row (so the table shows the whole balance);
    ``answers``, ``settings`` and ``arguments`` only what differs.
    """

    a: Result
    b: Result
    elements: tuple[Difference, ...]
    factors: tuple[Difference, ...]
    answers: tuple[Difference, ...]
    settings: tuple[Difference, ...]
    arguments: tuple[Difference, ...]

    @property
    def same(self) -> bool:
        """Nothing that a user set differs (the outcome and strengths then match too)."""
        return not (self.answers or self.settings or self.arguments)


def _element_words(strength: float, satisfied: bool | None, reached: bool) -> str:
    if not reached:
        return f"{strength:.2f} (not reached)"
    return f"{strength:.2f} ({'met' if satisfied else 'not met'})"


def _argument_words(arg: Argument | None, scenario: Scenario, result: Result) -> str:
    if arg is None:
        return "not in this scenario"
    if arg.id in scenario.dropped:
        return "dropped"
    base = scenario.strengths.get(arg.id, arg.strength)
    mine = "yours, " if any(a.id == arg.id for a in scenario.added) else ""
    if arg.id not in result.strengths:
        return f"{mine}base {base:.2f}, out of play"
    return f"{mine}base {base:.2f}, weighed {result.strengths[arg.id]:.2f}"


def compare_scenarios(case: Case, a: Scenario, b: Scenario, **options: Any) -> ScenarioComparison:
    """Weigh two scenarios of a case and say, in plain words, what differs.

    >>> from workbook import load_case
    >>> case = load_case(CASES / "legion-v-lutnick")
    >>> first = Scenario(case=case.case.id)
    >>> other = first.with_dropped(case, case.arguments[0].id)
    >>> diff = compare_scenarios(case, first, other)
    >>> [(d.a, d.b) for d in diff.arguments][0][1]
    'dropped'

    Raises:
        ScenarioError: either scenario does not fit the case.

    """
    ra, rb = weigh(case, a, **options), weigh(case, b, **options)
    elements = tuple(
        Difference(
            x.name,
            _element_words(x.strength, x.satisfied, x.reached),
            _element_words(y.strength, y.satisfied, y.reached),
        )
        for x, y in zip(ra.elements, rb.elements, strict=True)
    )
    fa, fb = {f.label: f for f in ra.factors}, {f.label: f for f in rb.factors}
    factors = tuple(
        Difference(
            label,
            *(
                f"{f.strength:.2f} ({'met' if f.met else 'not met'})" if f else "not reached"
                for f in (fa.get(label), fb.get(label))
            ),
        )
        for label in dict.fromkeys((*fa, *fb))
    )
    answers = []
    for q in case.questions:
        x, y = ra.answers.get(q.id), rb.answers.get(q.id)
        if x != y:
            labels = [q.answer(v).label if v else "unanswered" for v in (x, y)]
            answers.append(Difference(q.text, *labels))
    settings = [
        Difference(what, x, y)
        for what, x, y in (
            ("Standard", ra.standard_title or ra.standard, rb.standard_title or rb.standard),
            ("Semantics", ra.semantics, rb.semantics),
        )
        if x != y
    ]
    by_a = {x.id: x for x in (*case.arguments, *a.added)}
    by_b = {x.id: x for x in (*case.arguments, *b.added)}
    arguments = []
    for aid in dict.fromkeys((*by_a, *by_b)):
        arg = by_a.get(aid) or by_b[aid]
        words = (_argument_words(by_a.get(aid), a, ra), _argument_words(by_b.get(aid), b, rb))
        if words[0] != words[1]:
            arguments.append(Difference(f"{arg.side.capitalize()}: {arg.heading}", *words))
    return ScenarioComparison(
        ra, rb, elements, factors, tuple(answers), tuple(settings), tuple(arguments)
    )
