"""A logic sweep: weigh every single and every pair of answer changes, under every standard.

``python -m workbook check --sweep DIR`` runs :func:`sweep` and reports each
contradiction it finds, of four kinds:

``settled-both-ways``
    Two answers in effect settle one element opposite ways (the engine lets
    "not met" win, so the other settlement is contradicted).
``settled-ignored``
    An answer settles an element, but the outcome goes the other way: the
    motion is granted with an element settled as not met (a standard that
    does not apply settlements).
``standard-vs-answer``
    The standard weighed with is not one the answer on the standard question
    applies (a question on the standard that does not cover every standard).
``grant-without-required``
    The motion is granted while a factor the standard requires on its own is
    not likely (Winter: every factor; the sliding scale: irreparable harm).
``premise-denied``
    An argument in play that rests on a fact an answer in effect denies (the
    answer's ``denies``): it needs a ``requires`` that keeps it out then.

The teaching variant ``sliding-scale-pure`` is left out by default: it grants
without irreparable harm by design. Every variant is weighed in one batch per
standard, so a case with ten questions sweeps in about a second.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from workbook.engine.factors import FactorLayout, settle
from workbook.engine.standard import LIKELY, Standard
from workbook.engine.standards import STANDARDS, as_standard
from workbook.engine.weighing import Prepared, prepare
from workbook.engine.whatif import AnswerBatch, answer_batch
from workbook.models import Case
from workbook.scenario import Scenario

__all__ = ["TEACHING_VARIANTS", "Contradiction", "SweepReport", "sweep"]

TEACHING_VARIANTS = ("sliding-scale-pure",)
"""Standards left out of the sweep by default: they break a rule of the Circuit on purpose."""


@dataclass(frozen=True)
class Contradiction:
    """One contradiction: its kind, the standard, the changed answers and what is wrong."""

    kind: str
    standard: str
    answers: Mapping[str, str]
    message: str

    def __str__(self) -> str:
        changed = ", ".join(f"{q}={a}" for q, a in sorted(self.answers.items())) or "defaults"
        return f"[{self.kind}] {self.standard}, {changed}: {self.message}"


@dataclass(frozen=True)
class SweepReport:
    """Every contradiction found, and how many scenarios were weighed."""

    case: str
    scenarios: int
    contradictions: tuple[Contradiction, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        """True when nothing contradicts."""
        return not self.contradictions


def _variants(case: Case, skip: str | None, pairs: bool) -> list[dict[str, str]]:
    """No change, every single answer change, and (with ``pairs``) every pair of changes."""
    defaults = case.default_answers
    options = {
        q.id: [a for a in q.answer_ids if a != defaults[q.id]]
        for q in case.questions
        if q.id != skip
    }
    out: list[dict[str, str]] = [{}]
    for q, alts in options.items():
        out += [{q: a} for a in alts]
    if pairs:
        for q1, q2 in itertools.combinations(options, 2):
            out += [{q1: a1, q2: a2} for a1 in options[q1] for a2 in options[q2]]
    return out


def sweep(
    case: Case,
    *,
    standards: Mapping[str, Any] | None = None,
    pairs: bool = True,
    required: Sequence[str] = ("irreparable-harm",),
) -> SweepReport:
    """Weigh every single and pair of answer changes under every standard; report contradictions.

    Args:
        case: the case file.
        standards: name -> standard (a name, a :class:`Standard` or a function); by
            default every shipped standard but the teaching variants, and, when the
            case has a question on the standard, only those its answers apply (a
            Ninth Circuit case need not be weighed under the D.C. Circuit's scale).
        pairs: also weigh every pair of changed answers.
        required: factor roles a standard that declares none must still require.

    """
    q = case.standard_question
    # a case with a question on the standard says which standards its court could apply
    offered = {s for a in q.answers for s in a.standards} if q is not None else set(STANDARDS)
    chosen = standards or {
        k: v for k, v in STANDARDS.items() if k not in TEACHING_VARIANTS and k in offered
    }
    found: list[Contradiction] = []
    total = 0
    for name, value in chosen.items():
        std = as_standard(value)
        scenario = Scenario(case=case.case.id)
        if isinstance(value, str) or value is STANDARDS.get(name):
            scenario = scenario.with_standard(case, name)
        p = prepare(case, scenario, standard=std)
        variants = _variants(case, q.id if q is not None else None, pairs)
        batch = answer_batch(p, variants)
        total += len(variants)
        found += _check(p, std, name, variants, batch, tuple(std.required_roles or required))
    return SweepReport(case.case.id, total, tuple(found))


def _check(
    p: Prepared,
    std: Standard,
    name: str,
    variants: Sequence[Mapping[str, str]],
    batch: AnswerBatch,
    required: tuple[str, ...],
) -> list[Contradiction]:
    out: list[Contradiction] = []
    layout = FactorLayout.of(p.roles, std.merges(p.government_opponent), p.burdens)
    fstr, _ = layout.factor_strengths(settle(batch.strengths, batch.settled))
    needed = [layout.factor_of(r) for r in required if layout.factor_of(r) >= 0]
    for k, change in enumerate(variants):
        answers = {**p.answers, **change}

        def report(kind: str, message: str, change: Mapping[str, str] = change) -> None:
            out.append(Contradiction(kind, name, dict(change), message))

        for element, words in _both_ways(p.case, answers):
            report("settled-both-ways", f"{element} is settled both ways ({words})")
        granted = bool(batch.granted[k])
        for i, e in enumerate(p.elements):
            if granted and batch.settled[i, k] < 0:
                report("settled-ignored", f"granted although {e.name} is settled as not met")
        q = p.case.standard_question
        if q is not None and name not in q.answer(answers[q.id]).standards:
            report(
                "standard-vs-answer",
                f"weighed under {name!r}, but the answer {answers[q.id]!r} to {q.id!r} "
                f"applies {', '.join(q.answer(answers[q.id]).standards)}",
            )
        for f in needed:
            if granted and not fstr[f, k] > LIKELY:
                report(
                    "grant-without-required",
                    f"granted although {layout.factors[f].label} is not likely "
                    f"({fstr[f, k]:.2f}), which {name!r} requires on its own",
                )
        for arg, fact, by in _premise_denied(p, answers, batch.alive[:, k]):
            report(
                "premise-denied",
                f"argument {arg!r} is in play and rests on fact {fact!r}, which {by} denies: "
                "give the argument a `requires:` that keeps it out under that answer",
            )
    return out


def _both_ways(case: Case, answers: Mapping[str, str]) -> list[tuple[str, str]]:
    met: dict[str, list[str]] = {}
    not_met: dict[str, list[str]] = {}
    for q in case.questions:
        for s in q.answer(answers[q.id]).settles:
            if s.applies(answers):
                (met if s.met else not_met).setdefault(s.element, []).append(
                    f"{q.id}={answers[q.id]}"
                )
    return [
        (e, f"met by {', '.join(met[e])}; not met by {', '.join(not_met[e])}")
        for e in met
        if e in not_met
    ]


def _premise_denied(
    p: Prepared, answers: Mapping[str, str], alive: np.ndarray[Any, Any]
) -> list[tuple[str, str, str]]:
    denied = {
        f: (q.id, answers[q.id]) for q in p.case.questions for f in q.answer(answers[q.id]).denies
    }
    # an argument made for the denying answer itself (it requires it) disputes the fact
    return [
        (a.id, f, "=".join(denied[f]))
        for j, a in enumerate(p.arguments)
        if alive[p.m + j]
        for f in a.facts
        if f in denied and denied[f][1] not in a.requires.get(denied[f][0], ())
    ]
