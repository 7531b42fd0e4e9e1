"""The exercises are made from any case file, marked by the engine, and said in whole sentences."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from conftest import ui_case

from workbook import CASES, load_case
from workbook.engine.weighing import weigh
from workbook.exercises import NO_ELEMENT, Exercise, exercises_for
from workbook.exercises.wording import listed, paragraph, quoted, sentence
from workbook.models import Case

SHIPPED = sorted(p.name for p in CASES.iterdir() if p.is_dir())
MINI = Path(__file__).parent / "cases" / "mini"


@cache
def _case(name: str) -> Case:
    if name == "toy":
        return ui_case()
    if name == "mini":
        return load_case(MINI)
    return load_case(CASES / name)


@cache
def _exercises(name: str) -> tuple[Exercise, ...]:
    return exercises_for(_case(name))


ALL = [*SHIPPED, "mini", "toy"]


@pytest.mark.parametrize("name", SHIPPED)
def test_at_least_ten_across_every_element(name: str) -> None:
    """A shipped case gets ten or more exercises, on every element, some in changed scenarios."""
    found = _exercises(name)
    assert len(found) >= 10
    assert {e.id for e in _case(name).elements} <= {x.element for x in found}
    kinds = {x.setting.kind for x in found}
    assert {"defaults", "answer", "drop", "standard"} <= kinds


@pytest.mark.parametrize("name", ALL)
def test_ids_unique_and_answers_among_the_choices(name: str) -> None:
    """Ids are unique, every right answer is a choice, and the element is the case's."""
    found = _exercises(name)
    assert len({x.id for x in found}) == len(found)
    elements = {e.id for e in _case(name).elements}
    for x in found:
        values = [c.value for c in x.choices]
        assert len(values) == len(set(values)), x.id
        assert x.answers and x.answers <= set(values), x.id
        assert x.element in elements, x.id


@pytest.mark.parametrize("name", ALL)
def test_check_marks_exactly_the_right_answers(name: str) -> None:
    """check() says right for the worked answers and wrong for every other choice."""
    for x in _exercises(name):
        for choice in x.choices:
            assert x.check(choice.value).correct is (choice.value in x.answers), (x.id, choice)
        assert not x.check("no-such-choice").correct


@pytest.mark.parametrize("name", ALL)
def test_answers_agree_with_the_engine_in_their_scenario(name: str) -> None:
    """Weighing each exercise's own scenario again gives the answer it marks right."""
    case = _case(name)
    base = weigh(case)
    for x in _exercises(name):
        result = weigh(case, x.setting.scenario)
        kind = x.id.split(":")[0]
        if kind in ("deciding", "answer"):
            assert x.answers == {result.deciding or NO_ELEMENT}, x.id
        elif kind == "standard":
            assert x.answers == {result.outcome}, x.id
        elif kind == "drop":
            changed = result.granted != base.granted
            assert x.answers == {"changes" if changed else "stays"}, x.id
            assert x.id.split(":", 1)[1] in x.setting.scenario.dropped


def test_changed_scenarios_follow_the_case_not_a_flagship() -> None:
    """A hand-made case gets exercises named by its own ids: nothing is hard-coded."""
    ids = {x.id for x in _exercises("toy")}
    assert "deciding" in ids and "answer:q1=no" in ids and "flip" in ids
    assert {f"met:{e.id}" for e in _case("toy").elements} <= ids
    flip = next(x for x in _exercises("toy") if x.id == "flip")
    assert flip.answers == {"q1=no"}


_SENTENCE_END = re.compile(r"[.?!]”?$")
_BAD = [
    (re.compile(r", and [A-Z][a-z]"), "a capitalised clause spliced after ', and'"),
    (re.compile(r"(?<!\.)\.\.(?!\.)"), "a doubled full stop"),
    (re.compile(r"\s[,.;:]"), "a space before punctuation"),
    (re.compile(r"“[^”]*[.;,:]”"), "a quotation ending in its own punctuation"),
    (re.compile(r"““|””"), "quotes inside quotes"),
    (re.compile(r"\s{2,}"), "a double space"),
]


def _texts(x: Exercise) -> list[tuple[str, str]]:
    out = [("prompt", x.prompt), ("title", x.title), ("hint", x.hint), ("worked", x.worked)]
    out += [(f"check {c.value}", x.check(c.value).message) for c in x.choices]
    return out


@pytest.mark.parametrize("name", ALL)
def test_every_sentence_is_whole(name: str) -> None:
    """Prompts, hints, worked answers and feedback start with a capital and end once."""
    for x in _exercises(name):
        for what, text in _texts(x):
            assert text, (x.id, what)
            assert text[0].isupper() or text[0] == "“", (x.id, what, text[:60])
            assert _SENTENCE_END.search(text), (x.id, what, text[-60:])
            for pattern, why in _BAD:
                hit = pattern.search(text)
                assert not hit, f"{x.id} {what}: {why}: {text[max(0, hit.start() - 30) :]}"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("the motion is", "denied"), "The motion is denied."),
        (("is it?",), "Is it?"),
        (("already done.",), "Already done."),
        (("", "  spaced   out  "), "Spaced out."),
        ((), ""),
    ],
)
def test_sentence(parts: tuple[str, ...], expected: str) -> None:
    """A sentence is capitalised and ends with exactly one stop."""
    assert sentence(*parts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Because the United States opposes it.", "“Because the United States opposes it”"),
        ("Yes;", "“Yes”"),
        ("  two\n lines ", "“two lines”"),
    ],
)
def test_quoted(text: str, expected: str) -> None:
    """Quoted case text loses its own stop, so the sentence around it ends once."""
    assert quoted(text) == expected


def test_the_old_spliced_sentence_cannot_be_made() -> None:
    """An answer label that is a sentence is quoted, not spliced in as a clause."""
    label = "Because the U.S. opposes it."
    said = paragraph(f"the motion is denied, and {quoted(label)} leaves it denied")
    assert "and Because" not in said
    assert said == "The motion is denied, and “Because the U.S. opposes it” leaves it denied."


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], "none"), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_listed(items: list[str], expected: str) -> None:
    """Lists read as English."""
    assert listed(items) == expected


def test_feedback_html_escapes_case_text() -> None:
    """Feedback shown as HTML escapes what the case file or the student typed."""
    x = next(x for x in _exercises("toy") if x.id == "deciding")
    shown = x.check("<script>").html("more <i>")
    assert "<script>" not in shown and "<i>" not in shown
    assert "“&lt;script&gt;”" in shown and "more &lt;i&gt;" in shown
