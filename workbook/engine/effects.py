"""What the answers do to a case: which arguments stay in play, which elements they settle.

An argument is in play under a set of answers when its ``requires`` holds and
no answer closes the route it rests on. An element is settled when an answer
chosen declares it met or not met (and the settlement's ``when`` holds); if
two settlements disagree, not met wins (``check`` refuses a case file where
that can happen). :func:`effects` does this for one set of answers, with the
reasons in words; :func:`effect_columns` for a batch of sampled answers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from workbook.models import Argument, Case

__all__ = ["Effects", "citations", "effect_columns", "effects"]


@dataclass(frozen=True)
class Effects:
    """The answers' effects: availability and reasons per argument, settlements per element.

    Attributes:
        available: per argument (in the order given), whether it is in play.
        excluded: argument id -> why it is out of play.
        settled: per element (case order): +1 met, -1 not met, 0 open.
        settled_by: element id -> the answer that settled it, in words.
        closed: the routes the answers close.

    """

    available: tuple[bool, ...]
    excluded: Mapping[str, str]
    settled: NDArray[np.int8]
    settled_by: Mapping[str, str]
    closed: tuple[str, ...]


def citations(case: Case, cites: Sequence[object]) -> str:
    """Full citations of the case's authorities, without pinpoints, joined by "; "."""
    ids = [getattr(c, "id", c) for c in cites]
    return "; ".join(case.authority(str(i)).citation for i in dict.fromkeys(ids))


def _answer_words(case: Case, q_id: str, a_id: str, *, cite: bool = True) -> str:
    answer = case.question(q_id).answer(a_id)
    cited = citations(case, answer.authorities) if cite else ""
    return f"the answer “{answer.label}”" + (f" ({cited})" if cited else "")


def _needs(case: Case, q_id: str, allowed: Sequence[str]) -> str:
    """Why an argument is out, in the case's own words: the answer it needs (not the one used)."""
    q = case.question(q_id)
    labels = {a.id: a.label for a in q.answers}
    wanted = " or ".join(f"“{labels.get(a, a)}”" for a in allowed)
    return f"it needs the answer {wanted} to “{q.text}”"


def effects(case: Case, arguments: Sequence[Argument], answers: Mapping[str, str]) -> Effects:
    """The effects of one set of answers (every question answered)."""
    closed: dict[str, tuple[str, str]] = {}
    for q in case.questions:
        for route in q.answer(answers[q.id]).closes:
            closed.setdefault(route, (q.id, answers[q.id]))
    available: list[bool] = []
    excluded: dict[str, str] = {}
    for a in arguments:
        unmet = [q for q, ok in a.requires.items() if answers.get(q) not in ok]
        why = [_needs(case, q, a.requires[q]) for q in unmet]
        if a.route in closed:
            q_id, a_id = closed[a.route]
            why.append(
                f"it rests on the route “{case.route(a.route).name}”, which "
                f"{_answer_words(case, q_id, a_id, cite=False)} closes"
            )
        available.append(not why)
        if why:
            excluded[a.id] = "; ".join(why)
    index = {e.id: i for i, e in enumerate(case.elements)}
    settled = np.zeros(len(case.elements), dtype=np.int8)
    settled_by: dict[str, str] = {}
    for q in case.questions:
        for s in q.answer(answers[q.id]).settles:
            if not s.applies(answers):
                continue
            i = index[s.element]
            if settled[i] >= 0:  # not met wins over met
                settled[i] = 1 if s.met else -1
                settled_by[s.element] = _answer_words(case, q.id, answers[q.id])
    return Effects(tuple(available), excluded, settled, settled_by, tuple(closed))


def effect_columns(
    case: Case,
    arguments: Sequence[Argument],
    choice: Mapping[str, NDArray[np.intp]],
    answers: Mapping[str, str],
    samples: int,
) -> tuple[NDArray[np.bool_], NDArray[np.int8]]:
    """Availability ``(arguments, S)`` and settlements ``(elements, S)`` for sampled answers.

    ``choice`` maps each sampled question to the index of its answer in each
    sample; the other questions keep ``answers``.
    """
    ones = np.ones(samples, dtype=bool)
    none = np.zeros(samples, dtype=bool)
    ids = {q.id: q.answer_ids for q in case.questions}
    hot = {q: c[None, :] == np.arange(len(ids[q]))[:, None] for q, c in choice.items()}
    cache: dict[tuple[str, tuple[str, ...]], NDArray[np.bool_]] = {}

    def picks(q_id: str, allowed: Sequence[str]) -> NDArray[np.bool_]:
        key = (q_id, tuple(allowed))
        if key not in cache:
            if q_id not in hot:
                cache[key] = ones if answers[q_id] in allowed else none
            else:
                rows = [ids[q_id].index(a) for a in allowed]
                cache[key] = hot[q_id][rows].any(axis=0)
        return cache[key]

    closed: dict[str, NDArray[np.bool_]] = {}
    for q in case.questions:
        for a in q.answers:
            for route in a.closes:
                closed[route] = closed.get(route, ~ones) | picks(q.id, (a.id,))
    available = np.ones((len(arguments), samples), dtype=bool)
    for j, arg in enumerate(arguments):
        for q_id, allowed in arg.requires.items():
            np.logical_and(available[j], picks(q_id, allowed), out=available[j])
        if arg.route in closed:
            np.logical_and(available[j], ~closed[arg.route], out=available[j])
    index = {e.id: i for i, e in enumerate(case.elements)}
    met = np.zeros((len(case.elements), samples), dtype=bool)
    not_met = np.zeros_like(met)
    for q in case.questions:
        for a in q.answers:
            for s in a.settles:
                holds = picks(q.id, (a.id,))
                for w_q, w_allowed in s.when.items():
                    holds = holds & picks(w_q, w_allowed)
                (met if s.met else not_met)[index[s.element]] |= holds
    settled = np.where(not_met, -1, np.where(met, 1, 0)).astype(np.int8)
    return available, settled
