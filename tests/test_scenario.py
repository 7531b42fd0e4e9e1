import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from workbook import DEFAULT_CASE, load_case
from workbook.models import Argument
from workbook.scenario import SCENARIO_VERSION, Scenario, StrengthRange

ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)
unit = st.floats(0, 1, allow_nan=False)


@st.composite
def ranges(draw: st.DrawFn) -> StrengthRange:
    low, high = sorted((draw(unit), draw(unit)))
    mode = draw(st.none() | st.floats(low, high, allow_nan=False))
    return StrengthRange(low=low, high=high, mode=mode)


scenarios = st.builds(
    Scenario,
    case=ids,
    dropped=st.lists(ids, max_size=4).map(tuple),
    strengths=st.dictionaries(ids, unit, max_size=4),
    ranges=st.dictionaries(ids, ranges(), max_size=3),
    answers=st.dictionaries(ids, ids, max_size=4),
    standard=st.sampled_from(["winter", "sliding-scale"]),
    notes=st.text(max_size=40),
)


@given(scenarios)
def test_json_round_trip_is_identical(scenario: Scenario) -> None:
    """A scenario saved to JSON loads back equal to itself."""
    assert Scenario.from_json(scenario.to_json()) == scenario


def test_json_is_stable_and_sorted() -> None:
    """Saving twice gives the same bytes, with sorted keys, so saved files diff well."""
    s = Scenario(case="c", answers={"b": "x", "a": "y"})
    assert s.to_json() == s.to_json()
    assert list(json.loads(s.to_json())) == sorted(json.loads(s.to_json()))


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"case": "c", "version": SCENARIO_VERSION + 1}, "newer workbook"),
        ({"case": "c", "strengths": {"a": 1.5}}, "between 0 and 1"),
        ({"case": "c", "ranges": {"a": {"low": 0.8, "high": 0.2}}}, "is above high"),
        ({"case": "c", "ranges": {"a": {"low": 0.2, "high": 0.4, "mode": 0.9}}}, "outside"),
        ({"case": "c", "surprise": 1}, "Extra inputs"),
    ],
)
def test_bad_scenarios_are_refused(data: dict[str, object], needle: str) -> None:
    """Impossible or foreign scenario data is refused with a message saying why."""
    with pytest.raises((ValueError, ValidationError), match=needle):
        Scenario.from_data(data)


def test_arguments_apply_drops_additions_and_overrides() -> None:
    """The arguments in play are the case's minus dropped, plus added, with overrides applied."""
    case = load_case(DEFAULT_CASE)
    mine = Argument(
        id="my-own",
        side="movant",
        element=case.elements[0].id,
        heading="Mine",
        body="My argument.",
        strength=0.4,
        strength_reason="a guess",
    )
    base = case.arguments
    dropped = tuple(a.id for a in base[:1])
    override = {base[1].id: 0.123} if len(base) > 1 else {}
    s = Scenario(case=case.case.id, dropped=dropped, added=(mine,), strengths=override)
    args = s.arguments(case)
    assert [a.id for a in args] == [a.id for a in base[1:]] + ["my-own"]
    for key, value in override.items():
        assert next(a for a in args if a.id == key).strength == value


def test_answers_fall_back_to_the_case_defaults() -> None:
    """Questions the scenario does not answer keep the case file's default answer."""
    case = load_case(DEFAULT_CASE)
    s = Scenario(case=case.case.id)
    assert s.answers_for(case) == case.default_answers


@pytest.mark.parametrize(
    ("change", "word"),
    [
        ({"version": "2"}, "version"),
        ({"version": 2.0}, "version"),
        ({"version": True}, "version"),
        ({"strengths": {"ARG": True}}, "strengths"),
        ({"strengths": {"ARG": "0.5"}}, "strengths"),
        ({"ranges": {"ARG": {"low": "0.1", "high": 0.9}}}, "ranges"),
        ({"priors": {"Q": {"A": True}}}, "priors"),
    ],
)
def test_saved_work_is_read_strictly(change: dict[str, object], word: str) -> None:
    """A version or a number written as text, a float or true is refused, not guessed at."""
    case = load_case(DEFAULT_CASE)
    arg, question = case.arguments[0].id, case.questions[0]
    data = json.loads(Scenario(case=case.case.id).to_json())
    text = json.dumps(change).replace("ARG", arg).replace('"Q"', json.dumps(question.id))
    data.update(json.loads(text.replace('"A"', json.dumps(question.answers[0].id))))
    with pytest.raises(ValidationError, match=word):
        Scenario.from_data(data)


@pytest.mark.parametrize(
    "text", ['{"case": "a", "case": "b"}', '{"case": "a", "strengths": {"x": NaN}}']
)
def test_scenario_json_refuses_repeated_keys_and_nan(text: str) -> None:
    """The one JSON reader for saved work: a repeated key or NaN is an error."""
    with pytest.raises(ValueError, match=r"twice|NaN"):
        Scenario.from_json(text)
