"""Exercises for any case file, made from its elements, questions, arguments and standards.

:func:`exercises_for` asks, in this order:

1. which element decides the motion, on the case file's defaults;
2. for every element, whether it is met, not met, or never reached;
3. in changed scenarios: with the court answering a contested question another way,
   which element decides; with an argument dropped, whether the outcome changes; under
   another injunction standard, whether the motion is granted;
4. what kind of irreparable harm an argument claims (when the case file says);
5. which single answer to a contested question flips the outcome.

Nothing names a particular case: the scenarios are picked by weighing the case (the
answers that move the outcome, the arguments that weigh most), so a new case file
gets its own exercises. The engine works out every right answer when the exercise is
made.

>>> from workbook import load_case
>>> found = exercises_for(load_case(CASES / "legion-v-lutnick"))
>>> len(found) >= 10, found[0].id
(True, 'deciding')
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

from workbook.engine.analysis import analyse
from workbook.engine.result import ElementResult, Result
from workbook.engine.standards import STANDARDS
from workbook.engine.weighing import weigh
from workbook.exercises.model import Choice, Exercise, Setting
from workbook.exercises.wording import listed, paragraph, quoted
from workbook.models import Argument, Case, HarmType
from workbook.scenario import Scenario
from workbook.vocabulary import outcome_word, status_word

__all__ = ["HARM_TYPES", "NO_ELEMENT", "NO_FLIP", "exercises_for"]

HARM_TYPES: tuple[str, ...] = typing.get_args(HarmType)
"""The kinds of irreparable harm a case file can name."""
NO_ELEMENT = "none"
"""The choice meaning "no single element decides it"."""
NO_FLIP = "none"
"""The choice meaning "no single answer flips it"."""

#: How many changed-scenario exercises of each kind to make.
_ANSWER_SCENARIOS = 2
_DROP_SCENARIOS = 2
_OTHER_STANDARDS = ("sliding-scale", "sliding-scale-pure")


def _short(text: str, words: int = 8) -> str:
    """The first few words of case text, with "…" when cut (for titles only)."""
    parts = quoted(text)[1:-1].split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


class _Case:
    """The case, its names, and weighing under a scenario (each scenario weighed once)."""

    def __init__(self, case: Case, base: Scenario | None) -> None:
        self.case = case
        self.base = base or Scenario(case=case.case.id)
        self.names = {e.id: e.name for e in case.elements}
        self._seen: dict[str, Result] = {}

    def weigh(self, scenario: Scenario) -> Result:
        key = scenario.to_json()
        if key not in self._seen:
            self._seen[key] = weigh(self.case, scenario)
        return self._seen[key]

    def element_choices(self) -> tuple[Choice, ...]:
        return (
            *(Choice(e.id, e.name) for e in self.case.elements),
            Choice(NO_ELEMENT, "No single element decides it"),
        )

    def name(self, element: str | None) -> str:
        return quoted(self.names.get(element or "", element or "no single element"))


def _deciding(c: _Case, setting: Setting, id: str, prompt: str, hint: str, title: str) -> Exercise:
    """Which element decides the motion in a setting."""
    result = c.weigh(setting.scenario)
    right = result.deciding or NO_ELEMENT
    if result.deciding is None:
        said = "no single element decides it"
    else:
        said = f"{c.name(result.deciding)} decides it"
    return Exercise(
        id=id,
        element=result.deciding or c.case.elements[0].id,
        prompt=prompt,
        setting=setting,
        choices=c.element_choices(),
        answers=frozenset({right}),
        hint=hint,
        worked=paragraph(f"the motion is {result.outcome}, and {said}"),
        title=title,
        explanation=result.explanation,
    )


def _settling(c: _Case, scenario: Scenario, element: str) -> str:
    """The chosen answer that settles an element, as "the answer … to …", or ''."""
    chosen = scenario.answers_for(c.case)
    for q in c.case.questions:
        a = next((a for a in q.answers if a.id == chosen.get(q.id)), None)
        if a is not None and any(s.element == element for s in a.settles):
            return f"the answer {quoted(a.label)} to {quoted(q.text)}"
    return "an answer to a contested question"


def _met(c: _Case, element: str) -> Exercise:
    """Whether one element is met, not met or not reached, on the defaults."""
    result = c.weigh(c.base)
    er = result.element(element)
    status = status_word(er.satisfied, er.reached)
    settled = _settling(c, c.base, element) if er.settled is not None else ""
    why = (
        "the court never reaches it, because an earlier step already decides the motion"
        if status == "not reached"
        else f"its strength is {er.strength:.2f}, so it is {status}"
    )
    return Exercise(
        id=f"met:{element}",
        element=element,
        prompt=paragraph(f"on the case file's defaults, is {c.name(element)} met?"),
        title=f"Is {c.name(element)} met?",
        setting=Setting(c.base),
        choices=tuple(Choice(s, s.capitalize()) for s in ("met", "not met", "not reached")),
        answers=frozenset({status}),
        hint=paragraph(
            "weigh the arguments on each side of this element, and remember that the court "
            "stops at the first threshold or factor that fails",
            "an element is met when its strength is above 0.5 (one the opponent must carry, "
            "at 0.5 or above), unless an answer settles it",
        ),
        worked=paragraph(
            f"{c.name(element)}: {why}",
            f"an answer settles it: {settled}" if settled else "",
        ),
    )


def _answer_settings(c: _Case) -> list[tuple[str, str]]:
    """(question, answer) pairs, those that move the outcome or the deciding element first."""
    now = c.weigh(c.base)
    chosen = c.base.answers_for(c.case)
    moving: list[tuple[str, str]] = []
    still: list[tuple[str, str]] = []
    for q in c.case.questions:
        for a in q.answers:
            if a.id == chosen.get(q.id):
                continue
            r = c.weigh(c.base.with_answer(c.case, q.id, a.id))
            moved = (r.granted, r.deciding) != (now.granted, now.deciding)
            (moving if moved else still).append((q.id, a.id))
    out: list[tuple[str, str]] = []
    for q_id, a_id in moving + still:  # one answer per question, for variety
        if q_id not in {q for q, _ in out}:
            out.append((q_id, a_id))
    return out[:_ANSWER_SCENARIOS]


def _answer_exercise(c: _Case, question: str, answer: str) -> Exercise:
    q = next(x for x in c.case.questions if x.id == question)
    label = next(a.label for a in q.answers if a.id == answer)
    change = f"with the court answering {quoted(q.text)} with {quoted(label)}"
    setting = Setting(c.base.with_answer(c.case, question, answer), change, "answer")
    return _deciding(
        c,
        setting,
        f"answer:{question}={answer}",
        paragraph(
            f"suppose the court answers {quoted(q.text)} with {quoted(label)}",
            "which element then decides the motion?",
        ),
        paragraph(
            "an answer can settle a threshold, close off arguments or bring others into play",
            "look for the elements the question bears on, then find the weakest step left",
        ),
        f"If {quoted(_short(q.text, 6))} is answered {quoted(_short(label, 5))}: "
        "which element decides?",
    )


def _drop_candidates(c: _Case) -> list[Argument]:
    """The argument that weighs most on the deciding element, then the most on another."""
    result = c.weigh(c.base)
    args = {a.id: a for a in c.base.arguments(c.case)}
    weight: dict[str, tuple[float, str]] = {}
    for er in result.elements:
        for arg, value in er.contributions.items():
            if arg in args and abs(value) > abs(weight.get(arg, (0.0, ""))[0]):
                weight[arg] = (value, er.id)
    ranked = sorted(weight, key=lambda a: (-abs(weight[a][0]), a))
    out: list[Argument] = []
    for on_deciding in (True, False):
        for arg in ranked:
            if (weight[arg][1] == result.deciding) is on_deciding and args[arg] not in out:
                out.append(args[arg])
                break
    for arg in ranked:  # a case with one element: fill up from the rest
        if len(out) >= _DROP_SCENARIOS:
            break
        if args[arg] not in out:
            out.append(args[arg])
    return out[:_DROP_SCENARIOS]


def _drop_exercise(c: _Case, arg: Argument) -> Exercise:
    now = c.weigh(c.base)
    change = f"with the argument {quoted(arg.heading)} dropped"
    scenario = c.base.with_dropped(c.case, arg.id)
    after = c.weigh(scenario)
    was, then = now.outcome, after.outcome
    er_now, er_after = now.element(arg.element), after.element(arg.element)
    side = "the movant's" if arg.side == "movant" else "the opponent's"

    def state(er: ElementResult) -> str:
        word = status_word(er.satisfied, er.reached)
        return f"{er.strength:.2f}, {word}" + (", settled by an answer" if er.settled else "")

    return Exercise(
        id=f"drop:{arg.id}",
        element=arg.element,
        prompt=paragraph(
            f"drop {side} argument {quoted(arg.heading)}, on {c.name(arg.element)}",
            f"does the outcome change from {was}?",
        ),
        setting=Setting(scenario, change, "drop"),
        title=f"Drop {quoted(_short(arg.heading))}: does the outcome change?",
        choices=(
            Choice("changes", f"Yes: the motion would be {outcome_word(not now.granted)}"),
            Choice("stays", f"No: the motion stays {was}"),
        ),
        answers=frozenset({"changes" if after.granted != now.granted else "stays"}),
        hint=paragraph(
            "an argument moves its element by its own strength and through what it attacks "
            "or supports",
            f"ask whether {c.name(arg.element)} crosses the line, and whether it is the step "
            "that decides the motion",
        ),
        worked=paragraph(
            f"{c.name(arg.element)} goes from strength {state(er_now)} to {state(er_after)}",
            f"the motion is {then}" + (", as before" if then == was else f", no longer {was}"),
        ),
        explanation=after.explanation,
    )


def _standard_exercise(c: _Case, name: str) -> Exercise:
    standard = STANDARDS[name]
    scenario = c.base.with_standard(c.case, name)
    after = c.weigh(scenario)
    change = f"under the standard {quoted(standard.title)}"
    return Exercise(
        id=f"standard:{name}",
        element=after.deciding or c.case.elements[0].id,
        prompt=paragraph(
            f"switch the standard: {change}, is the motion granted or denied?",
        ),
        setting=Setting(scenario, change, "standard"),
        title=f"Under {quoted(_short(standard.title))}: granted or denied?",
        choices=(Choice("granted", "Granted"), Choice("denied", "Denied")),
        answers=frozenset({after.outcome}),
        hint=paragraph(
            "under Winter each factor must be likely on its own; a sliding scale weighs the "
            "factors together, so a strong one can make up for a weaker one",
            "see whether this variant still requires irreparable harm on its own",
        ),
        worked=paragraph(f"the motion is {after.outcome} {change}"),
        explanation=after.explanation,
    )


def _harm_words(kind: str) -> str:
    return kind.replace("-", " ")


def _harm_exercise(c: _Case, arg: Argument) -> Exercise:
    assert arg.harm is not None  # chosen by the caller for having one
    evidence = [quoted(e) for e in arg.harm.evidence]
    return Exercise(
        id=f"harm:{arg.id}",
        element=arg.element,
        prompt=paragraph(f"what kind of irreparable harm does {quoted(arg.heading)} claim?"),
        title=f"What kind of harm is {quoted(_short(arg.heading))}?",
        setting=Setting(c.base),
        choices=tuple(Choice(t, _harm_words(t).capitalize()) for t in HARM_TYPES),
        answers=frozenset({arg.harm.type}),
        hint=paragraph(
            "ask what would be lost if the court waited: the business itself, money that can "
            "never be recovered, customers' trust, a constitutional right, or the running "
            "of the operation"
        ),
        worked=paragraph(
            f"the case file classes it as {_harm_words(arg.harm.type)} harm",
            f"the evidence a court would want: {listed(evidence)}" if evidence else "",
        ),
    )


def _flip_words(case: Case, flip: str) -> str:
    """``question=answer`` as a phrase: the question quoted, answered by the answer quoted."""
    q_id, a_id = flip.split("=", 1)
    q = next(x for x in case.questions if x.id == q_id)
    label = next(a.label for a in q.answers if a.id == a_id)
    return f"{quoted(q.text)} answered {quoted(label)}"


def _flip_exercise(c: _Case) -> Exercise:
    found = analyse(c.case, c.base, samples=0, decisive_size=1).decisive
    now = c.weigh(c.base)
    chosen = c.base.answers_for(c.case)
    labels: Mapping[str, str] = {
        f"{q.id}={a.id}": f"{' '.join(q.text.split())} → {' '.join(a.label.split())}"
        for q in c.case.questions
        for a in q.answers
        if a.id != chosen.get(q.id)
    }
    flips = sorted(
        {f"{q}={a}" for f in (found.singles if found else ()) for q, a in f.answers.items()}
    )
    flips = [f for f in flips if f in labels]
    listed_flips = listed([_flip_words(c.case, f) for f in flips])
    return Exercise(
        id="flip",
        element=now.deciding or c.case.elements[0].id,
        prompt=paragraph(
            f"the motion is {now.outcome}",
            "which single change of answer to a contested question would flip it?",
        ),
        setting=Setting(c.base),
        title="Which single answer flips the outcome?",
        choices=(
            *(Choice(v, label) for v, label in labels.items()),
            Choice(NO_FLIP, "No single answer flips it"),
        ),
        answers=frozenset(flips or [NO_FLIP]),
        hint=paragraph(
            f"start from the element that decides the motion, {c.name(now.deciding)}, and "
            "look for a question that bears on it",
        ),
        worked=paragraph(
            f"single answers that flip the motion from {now.outcome}: {listed_flips}"
            if flips
            else f"no single answer flips the motion from {now.outcome}; it takes two or more"
        ),
    )


def exercises_for(case: Case, scenario: Scenario | None = None) -> tuple[Exercise, ...]:
    """The exercises for a case, on its defaults (or on ``scenario``), in teaching order.

    Every element has at least one exercise. Ids are unique.
    """
    c = _Case(case, scenario)
    out = [
        _deciding(
            c,
            Setting(c.base),
            "deciding",
            paragraph("on the case file's defaults, which element decides the motion?"),
            paragraph(
                "the thresholds come first, and an element the court never reaches cannot decide",
                "among the rest, look for the weakest step",
            ),
            "Which element decides the motion?",
        )
    ]
    out += [_met(c, e.id) for e in case.elements]
    out += [_answer_exercise(c, q, a) for q, a in _answer_settings(c)]
    out += [_drop_exercise(c, a) for a in _drop_candidates(c)]
    standard = c.base.standard_for(case)
    out += [_standard_exercise(c, n) for n in _OTHER_STANDARDS if n != standard]
    harms = [a for a in c.base.arguments(case) if a.harm is not None]
    out += [_harm_exercise(c, a) for a in harms[:1]]
    if case.questions:
        out.append(_flip_exercise(c))
    return tuple(out)
