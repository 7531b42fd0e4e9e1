"""Checks on what answers declare they do: settle elements, close routes, pick the standard.

The loader calls :func:`check_effects` after every id is known to be unique.
It reports unknown references (through the loader's ``unknown``) and declared
effects that cannot both hold (through ``contradiction``): an answer settling
an element both ways, two answers of different questions that can be chosen
together and settle one element opposite ways, an argument that requires an
answer closing its own route, more than one question on the standard, and
odds naming an answer the question does not have.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping

from workbook.casefile.read import Path_
from workbook.models import Case, Question, Settlement
from workbook.vocabulary import STANDARD_NAMES

__all__ = ["Contradiction", "Unknown", "check_effects", "settlements"]

Unknown = Callable[..., None]
"""``unknown(ref, section, path, *, valid=None, what="")``: report an id that is not defined."""
Contradiction = Callable[[str, Path_, str], None]
"""``contradiction(problem, path, hint)``: report effects that cannot both hold."""


def settlements(case: Case) -> Iterator[tuple[int, int, int, Question, str, Settlement]]:
    """Every settlement: question index, answer index, settlement index, question, answer id."""
    for i, q in enumerate(case.questions):
        for j, a in enumerate(q.answers):
            for k, s in enumerate(a.settles):
                yield i, j, k, q, a.id, s


def check_effects(case: Case, unknown: Unknown, contradiction: Contradiction) -> None:
    """Report every unknown reference and contradiction in the declared effects."""
    _references(case, unknown)
    _ruling(case, unknown)
    _contradictions(case, contradiction)


def _ruling(case: Case, unknown: Unknown) -> None:
    """The ruling names elements, questions and answers, sources and an opinion that exist."""
    r = case.ruling
    if r is None:
        return
    answers = {q.id: list(q.answer_ids) for q in case.questions}
    for j, el in enumerate(r.rested_on):
        unknown(el, "elements", ("ruling", "rested_on", j))
    for j, src in enumerate(r.sources):
        unknown(src, "sources", ("ruling", "sources", j))
    if r.opinion is not None:
        unknown(r.opinion, "authorities", ("ruling", "opinion"))
    for q_id, given in r.answers.items():
        if q_id not in answers:
            unknown(q_id, "questions", ("ruling", "answers", q_id))
            continue
        unknown(
            given.answer,
            "questions",
            ("ruling", "answers", q_id, "answer"),
            valid=answers[q_id],
            what=f"answer to question {q_id!r}:",
        )
        for j, src in enumerate(given.sources):
            unknown(src, "sources", ("ruling", "answers", q_id, "sources", j))
    for i, flip in enumerate(r.flips):
        for q_id, a_id in flip.answers.items():
            where = ("ruling", "flips", i, "answers", q_id)
            if q_id not in answers:
                unknown(q_id, "questions", where)
                continue
            unknown(a_id, "questions", where, valid=answers[q_id], what=f"answer to {q_id!r}:")
        for j, src in enumerate(flip.sources):
            unknown(src, "sources", ("ruling", "flips", i, "sources", j))


def _references(case: Case, unknown: Unknown) -> None:
    for i, el in enumerate(case.elements):
        for j, cite in enumerate(el.authorities):
            unknown(cite.id, "authorities", ("elements", i, "authorities", j))
    for i, route in enumerate(case.routes):
        unknown(route.element, "elements", ("routes", i, "element"))
    for i, arg in enumerate(case.arguments):
        if arg.route is not None:
            unknown(arg.route, "routes", ("arguments", i, "route"))
    answers = {q.id: list(q.answer_ids) for q in case.questions}
    for i, q in enumerate(case.questions):
        for j, a in enumerate(q.answers):
            base: Path_ = ("questions", i, "answers", j)
            for k, closed in enumerate(a.closes):
                unknown(closed, "routes", (*base, "closes", k))
            for k, fact in enumerate(a.denies):
                unknown(fact, "facts", (*base, "denies", k))
            for k, name in enumerate(a.standards):
                unknown(
                    name,
                    "questions",
                    (*base, "standards", k),
                    valid=STANDARD_NAMES,
                    what="standard",
                )
        if q.prior is not None:
            for key in q.prior.odds:
                unknown(
                    key,
                    "questions",
                    ("questions", i, "prior", "odds", key),
                    valid=answers[q.id],
                    what=f"answer to question {q.id!r}:",
                )
            for k, cite in enumerate(q.prior.authorities):
                unknown(cite.id, "authorities", ("questions", i, "prior", "authorities", k))
            for k, src in enumerate(q.prior.sources):
                unknown(src, "sources", ("questions", i, "prior", "sources", k))
    for i, j, k, _, _, s in settlements(case):
        base = ("questions", i, "answers", j, "settles", k)
        unknown(s.element, "elements", (*base, "element"))
        for q_id, allowed in s.when.items():
            if q_id not in answers:
                unknown(q_id, "questions", (*base, "when", q_id))
                continue
            for n, ans in enumerate(allowed):
                unknown(
                    ans,
                    "questions",
                    (*base, "when", q_id, n),
                    valid=answers[q_id],
                    what=f"answer to question {q_id!r}:",
                )


def _together(
    q1: str,
    a1: str,
    w1: Mapping[str, tuple[str, ...]],
    q2: str,
    a2: str,
    w2: Mapping[str, tuple[str, ...]],
) -> bool:
    """Whether answer a1 of q1 (under w1) and a2 of q2 (under w2) can be chosen together."""
    fixed = {q1: {a1}, q2: {a2}}
    for w in (w1, w2):
        for q, allowed in w.items():
            fixed[q] = fixed.get(q, set(allowed)) & set(allowed)
    return all(fixed.values()) and q1 != q2


def _contradictions(case: Case, contradiction: Contradiction) -> None:
    found = list(settlements(case))
    for (i1, j1, k1, q1, a1, s1), (_, _, _, q2, a2, s2) in itertools.combinations(found, 2):
        if s1.element != s2.element or s1.met == s2.met:
            continue
        same_answer = q1.id == q2.id and a1 == a2
        if same_answer or _together(q1.id, a1, s1.when, q2.id, a2, s2.when):
            contradiction(
                f"answer {a1!r} of question {q1.id!r} and answer {a2!r} of question {q2.id!r} "
                f"can hold together but settle element {s1.element!r} both ways",
                ("questions", i1, "answers", j1, "settles", k1),
                "add a `when:` to one settlement so they never hold together, or drop one",
            )
    closes = {(q.id, a.id): set(a.closes) for q in case.questions for a in q.answers}
    for i, arg in enumerate(case.arguments):
        if arg.route is None:
            continue
        for q_id, allowed in arg.requires.items():
            if allowed and all(arg.route in closes.get((q_id, a), set()) for a in allowed):
                contradiction(
                    f"argument {arg.id!r} requires question {q_id!r} answered "
                    f"{' or '.join(map(repr, allowed))}, but that answer closes its route "
                    f"{arg.route!r}, so it could never be in play",
                    ("arguments", i, "requires", q_id),
                    "fix the `requires:` or the `route:` of the argument",
                )
    on_standard = [i for i, q in enumerate(case.questions) if any(a.standards for a in q.answers)]
    for i in on_standard[1:]:
        contradiction(
            f"question {case.questions[i].id!r} also picks the standard, as question "
            f"{case.questions[on_standard[0]].id!r} does",
            ("questions", i),
            "let one question carry `standards:`; two could pick different standards",
        )
    for i in on_standard[:1]:
        q = case.questions[i]
        for j, a in enumerate(q.answers):
            if not a.standards:
                contradiction(
                    f"answer {a.id!r} of question {q.id!r}, the question on the standard, "
                    "names no standard",
                    ("questions", i, "answers", j),
                    "give every answer of that question a `standards:` list",
                )
