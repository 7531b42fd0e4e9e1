"""The UI builders, driven without a browser: tests call the callbacks and read the widgets."""

from __future__ import annotations

import base64
import datetime
import html
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ui_case

from workbook import DEFAULT_CASE, load_case
from workbook.engine.weighing import weigh
from workbook.errors import ScenarioError, WorkbookError
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.tables import (
    ANY,
    arguments_table,
    authorities_table,
    element_summary,
    facts_table,
    filter_authorities,
)
from workbook.ui.common import errors_to, in_app
from workbook.ui.compare_view import comparison_html
from workbook.ui.files import DOWNLOADS, read_upload
from workbook.ui.panels import build_authority_browser, build_element_panel
from workbook.ui.workbench import build_workbench


@pytest.fixture
def case() -> Case:
    return ui_case()


# --------------------------------------------------------------------------- tables


def test_facts_table_dated_first_in_date_order(case: Case) -> None:
    """Dated facts come first by date, undated facts after."""
    assert list(facts_table(case)["fact"]) == ["early", "late", "undated"]


def test_authorities_table_records_where_cited(case: Case) -> None:
    """Each authority lists the elements and sides that cite it, and its status."""
    table = authorities_table(case).set_index("id")
    assert table.loc["auth1", "elements"] == "success"
    assert table.loc["auth1", "sides"] == "movant"
    assert table.loc["auth2", "sides"] == "opponent"
    assert table.loc["auth2", "status"] == "unverified"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["auth1", "auth2"]),
        ({"topic": "deemed-exports"}, ["auth2"]),
        ({"side": "movant"}, ["auth1"]),
        ({"kind": "statute"}, ["auth2"]),
        ({"status": "verified"}, ["auth1"]),
        ({"element": "success", "side": "opponent"}, ["auth2"]),
        ({"element": "harm"}, []),
    ],
)
def test_filter_authorities(case: Case, filters: dict[str, str], expected: list[str]) -> None:
    """Each filter keeps only the matching authorities; ANY keeps all."""
    assert list(filter_authorities(authorities_table(case), **filters)["id"]) == expected


def test_authority_browser_filters_through_its_dropdowns(case: Case) -> None:
    """Setting a dropdown redraws the table and the count."""
    browser = build_authority_browser(case)
    assert browser.count.value == "2 of 2 authorities"
    browser.filters["kind"].value = "statute"
    assert browser.count.value == "1 of 2 authorities"
    assert list(browser.set_filter(kind=ANY, status="verified")["id"]) == ["auth1"]


@pytest.mark.parametrize(
    ("filters", "error"), [({"colour": "red"}, KeyError), ({"kind": "novel"}, ValueError)]
)
def test_authority_browser_rejects_unknown_filters(
    case: Case, filters: dict[str, str], error: type[Exception]
) -> None:
    """An unknown filter or value raises with the valid options."""
    with pytest.raises(error):
        build_authority_browser(case).set_filter(**filters)


def test_arguments_table_says_why_out(case: Case) -> None:
    """An argument ruled out by an answer says why, with its authorities by short form."""
    result = weigh(case, Scenario(case="toy", answers={"q1": "no"}))
    table = arguments_table(case, result, ["success"]).set_index("argument")
    assert table.loc["m1", "in play"] != "yes" and table.loc["m1", "authorities"] == "A"
    assert table.loc["o1", "in play"] == "yes"


def test_errors_to_shows_escaped_error_and_clears() -> None:
    """A failing callback shows its escaped error; a later success clears it."""
    import ipywidgets as widgets

    box = widgets.HTML()

    @errors_to(box)
    def callback(fail: bool) -> str:
        if fail:
            raise ValueError("<script>bad</script>")
        return "ok"

    assert callback(True) is None
    assert "ValueError" in box.value and "&lt;script&gt;" in box.value
    assert "<script>" not in box.value
    assert callback(False) == "ok" and box.value == ""


# --------------------------------------------------------------------------- element panel


def test_element_panel_answer_moves_the_element(case: Case) -> None:
    """Answering the question rules out the movant's argument and weakens the element."""
    panel = build_element_panel(case, ["likelihood-of-success"])
    assert panel.elements == ("success",) and list(panel.answers) == ["q1"]
    before = panel.result.element("success").strength if panel.result else 0.0
    after = panel.set_answer("q1", "no").element("success").strength
    assert after < before
    assert "Success" in panel.summary() and "Outcome: denied" in panel.summary()
    assert "&lt;an&gt;" in panel.widget.children[3].value


def test_element_panel_dropdown_callback_refreshes(case: Case) -> None:
    """Changing the dropdown (as a user would) re-weighs and redraws the chart."""
    panel = build_element_panel(case, ["success"])
    panel.answers["q1"].value = "no"
    assert panel.result is not None and not panel.result.granted
    assert panel.charts["success"].chart.to_dict()["title"].startswith("Success")


def test_element_panel_unknown_element_lists_valid(case: Case) -> None:
    """An unknown element or role raises KeyError naming the valid ones."""
    with pytest.raises(KeyError, match="irreparable-harm"):
        build_element_panel(case, ["nonsense"])


# --------------------------------------------------------------------------- workbench


@pytest.fixture
def bench(case: Case, tmp_path: Path) -> Any:
    return build_workbench(case, samples=500, folder=tmp_path)


def test_workbench_starts_granted_and_says_so(bench: Any) -> None:
    """The toy case is granted under its defaults, stated in words and with P(granted)."""
    assert bench.result.granted
    assert "Granted" in bench.outcome.value
    assert bench.p_text.value.startswith("P(granted) = ")
    assert "Standing: " in bench.strengths_text.value


def test_workbench_answer_flips_outcome(bench: Any) -> None:
    """Answering the contested question 'no' denies the motion, on the merits."""
    result = bench.set_answer("q1", "no")
    assert not result.granted and result.deciding == "success"
    assert bench.answer_boxes["q1"].value == "no"
    assert bench.scenario.answers == {"q1": "no"}


@pytest.mark.parametrize(
    ("control", "value", "check"),
    [
        ("slider", 0.0, lambda b: b.result.element("harm").strength < 0.5),
        ("check", False, lambda b: "m2" in b.result.excluded),
        ("answer", "no", lambda b: not b.result.granted),
        ("standard", "sliding-scale", lambda b: b.result.standard == "sliding-scale"),
    ],
)
def test_workbench_controls_call_their_callbacks(
    bench: Any, control: str, value: Any, check: Any
) -> None:
    """Changing a control as a user would re-weighs through its callback."""
    box = {
        "slider": bench.sliders.get("m2"),
        "check": bench.checks.get("m2"),
        "answer": bench.answer_boxes["q1"],
        "standard": bench.standard_box,
    }[control]
    box.value = value
    assert check(bench)
    assert bench.error.value == ""


def test_workbench_set_strength_and_drop_update_scenario(bench: Any) -> None:
    """Strength overrides and dropped arguments land in the scenario."""
    bench.set_strength("m2", 0.25)
    bench.drop("o2")
    s = bench.scenario
    assert s.strengths == {"m2": 0.25} and s.dropped == ("o2",)
    assert bench.sliders["m2"].value == 0.25 and not bench.checks["o2"].value
    bench.drop("o2", False)
    assert bench.scenario.dropped == ()


def test_workbench_add_argument_escapes_and_weighs(bench: Any) -> None:
    """A user's argument is weighed, drawn on the map, and its heading escaped."""
    arg = bench.add_argument(
        "opponent",
        "harm",
        "<img src=x onerror=alert(1)>",
        0.95,
        attacks=["m2"],
        authorities=["auth1"],
    )
    assert arg.id == "user-1"
    assert "user-1" in bench.result.strengths
    assert bench.result.element("harm").strength < 0.5
    rows = bench.accordion.children[2].children
    html_text = " ".join(getattr(w, "value", "") for r in rows for w in r.children[:1])
    assert "&lt;img" in html_text and "<img" not in html_text
    nodes = bench.map_chart.chart.to_dict()
    assert any("user-1" in str(d) for d in nodes["datasets"].values())
    assert bench.scenario.added[0].id == "user-1"
    bench.remove_added("user-1")
    assert bench.scenario.added == ()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"element": "nope"}, "unknown element 'nope'"),
        ({"attacks": ["ghost"]}, "attacks or supports 'ghost'"),
        ({"authorities": ["ghost"]}, "no authority"),
        ({"id": "m1"}, "already exists"),
    ],
)
def test_workbench_add_argument_rejects_bad_input(
    bench: Any, kwargs: dict[str, Any], match: str
) -> None:
    """A bad element, target, authority or duplicate id raises ScenarioError saying which."""
    args = {"side": "movant", "element": "harm", "heading": "h", **kwargs}
    with pytest.raises(ScenarioError, match=match):
        bench.add_argument(**args)


@pytest.mark.parametrize(
    ("heading", "text", "pins", "message"),
    [
        ("", "Some text.", "", "heading"),
        ("A heading", "  ", "", "text"),
        ("A heading", "Some text.", "1; 2", "pin cites"),
    ],
)
def test_workbench_add_button_shows_error_beside_the_form(
    bench: Any, heading: str, text: str, pins: str, message: str
) -> None:
    """The Add button with a missing heading or text, or extra pins, says so beside the form."""
    form = bench.form
    form.heading.value, form.text.value, form.pins.value = heading, text, pins
    form.cites.value = [next(iter(form.authorities))]
    form.button.click()
    assert "ScenarioError" in form.error.value and message in form.error.value
    assert bench.scenario.added == () and form.heading.value == heading


def _fill_form(form: Any, heading: str = "Mine", text: str = "My reasons.") -> None:
    form.side.value, form.element.value = "opponent", "harm"
    form.heading.value, form.text.value, form.strength.value = heading, text, 0.8
    form.attacks.value = [next(k for k, v in form.targets.items() if v == "m2")]
    form.cites.value = [next(k for k, v in form.authorities.items() if v == "auth1")]
    form.pins.value = "20"
    form.linked.value = [next(iter(form.facts))]


def test_workbench_form_adds_with_text_pins_and_facts_then_clears(bench: Any) -> None:
    """The form adds the argument with its own text, pin cite and fact, then empties itself."""
    form = bench.form
    bench.accordion.selected_index = 2
    rows_before = list(bench.accordion.children[0].children)
    _fill_form(form)
    form.button.click()
    assert form.error.value == ""
    (arg,) = bench.scenario.added
    assert (arg.heading, arg.body, arg.side, arg.element) == (
        "Mine",
        "My reasons.",
        "opponent",
        "harm",
    )
    assert arg.attacks == ("m2",) and arg.authorities[0].pin == "20" and len(arg.facts) == 1
    assert form.heading.value == form.text.value == "" and form.attacks.value == []
    assert bench.accordion.selected_index == 2  # the open element stays open
    assert list(bench.accordion.children[0].children) == rows_before  # no rebuild
    assert "Mine" in form.mine.children[0].children[0].value
    assert any(label.startswith("Opponent: Mine") for label in form.targets)


def test_workbench_edit_and_delete_own_argument(bench: Any) -> None:
    """Edit fills the form; saving keeps the id and place; Delete takes the argument out."""
    _fill_form(bench.form)
    bench.form.button.click()
    bench.set_strength("user-1", 0.3)
    edit = bench.form.mine.children[0].children[1]
    edit.click()
    assert bench.form.heading.value == "Mine" and bench.form.pins.value == "20"
    bench.form.text.value = "Better reasons."
    bench.form.button.click()
    (arg,) = bench.scenario.added
    assert (arg.id, arg.body, arg.strength) == ("user-1", "Better reasons.", 0.8)
    assert "user-1" not in bench.scenario.strengths
    assert bench.sliders["user-1"].value == 0.8
    bench.form.mine.children[0].children[2].click()
    assert bench.scenario.added == () and "user-1" not in bench.sliders


def test_workbench_refuses_to_delete_an_argument_another_of_yours_answers(bench: Any) -> None:
    """Deleting an argument that another of the user's attacks says which, and keeps both."""
    first = bench.add_argument("movant", "harm", "First", 0.5)
    bench.add_argument("opponent", "harm", "Second", 0.5, attacks=[first.id])
    with pytest.raises(ScenarioError, match="Second"):
        bench.remove_added(first.id)
    assert len(bench.scenario.added) == 2


@pytest.mark.parametrize(
    ("method", "args"),
    [
        ("set_answer", ("q1", "maybe")),
        ("set_answer", ("q9", "yes")),
        ("set_strength", ("m2", 1.5)),
        ("set_strength", ("ghost", 0.5)),
        ("drop", ("ghost",)),
        ("set_standard", ("lenient",)),
        ("set_semantics", ("fuzzy",)),
        ("remove_added", ("m1",)),
    ],
)
def test_workbench_methods_reject_unknown_names(
    bench: Any, method: str, args: tuple[Any, ...]
) -> None:
    """Unknown questions, answers, arguments, standards and out-of-range strengths raise."""
    with pytest.raises(ScenarioError):
        getattr(bench, method)(*args)


def test_workbench_save_and_load_round_trip(bench: Any, case: Case, tmp_path: Path) -> None:
    """A saved scenario loads back into a fresh workbench with the same outcome and controls."""
    bench.set_answer("q1", "no")
    bench.set_strength("m2", 0.35)
    bench.add_argument("movant", "success", "Mine", 0.7)
    path = bench.save("s.json")
    assert path == tmp_path / "s.json"
    fresh = build_workbench(case, samples=500, folder=tmp_path)
    loaded = fresh.load("s.json")
    assert loaded == bench.scenario == fresh.scenario
    assert fresh.result.to_data() == bench.result.to_data()
    assert fresh.answer_boxes["q1"].value == "no" and fresh.sliders["m2"].value == 0.35
    assert "user-1" in fresh.sliders
    assert fresh.file_status.value == "Loaded s.json"


def test_workbench_load_other_case_is_refused(bench: Any, tmp_path: Path) -> None:
    """A scenario for another case is refused and the workbench is unchanged."""
    path = tmp_path / "other.json"
    path.write_text(Scenario(case="other").to_json(), encoding="utf-8")
    with pytest.raises(ScenarioError, match="other"):
        bench.load("other.json")
    assert bench.result.granted


def test_workbench_load_button_shows_missing_file(bench: Any, tmp_path: Path) -> None:
    """Loading a missing file through the button shows the error beside the button."""
    bench.path.value = "missing.json"
    bench.load_button.click()
    assert "missing.json" in bench.files.error.value


def test_workbench_charts_redraw_on_change(bench: Any) -> None:
    """Every chart is rebuilt after a change (titles follow the outcome)."""
    assert "Granted" in bench.balance_chart.chart.to_dict()["title"]["subtitle"]
    bench.set_answer("q1", "no")
    assert "Denied" in bench.balance_chart.chart.to_dict()["title"]["subtitle"]
    for chart in (bench.tornado_chart, bench.mc_chart, bench.map_chart):
        assert chart.chart.to_dict()["$schema"]
    assert "granted" in bench.decisive.value


def test_workbench_monte_carlo_is_seeded(case: Case) -> None:
    """Two workbenches with one seed give the same P(granted)."""
    a = build_workbench(case, samples=300, seed=3)
    b = build_workbench(case, samples=300, seed=3)
    assert a.mc is not None and b.mc is not None and a.mc.p_granted == b.mc.p_granted
    assert "P(granted)" in a.summary()


@pytest.mark.parametrize(
    ("make", "outcome", "deciding"),
    [
        (lambda: ui_case(arguments=False), "denied", "standing"),
        (lambda: load_case(DEFAULT_CASE), "denied", "harm"),
    ],
    ids=["no-arguments", "flagship"],
)
def test_workbench_works_with_few_or_no_arguments(make: Any, outcome: str, deciding: str) -> None:
    """A case with no (or few) arguments still builds, weighs and draws, to its real outcome.

    With no arguments the threshold (standing) is unmet, so it decides; the flagship case
    is denied on irreparable harm under its default answers.
    """
    bench = build_workbench(make(), samples=100)
    assert (bench.result.outcome, bench.result.deciding) == (outcome, deciding)
    assert bench.map_chart.chart.to_dict()["$schema"]
    assert element_summary(bench.result)


def test_workbench_starting_scenario_for_wrong_case_raises(case: Case) -> None:
    """Starting from another case's scenario raises a WorkbookError."""
    with pytest.raises(WorkbookError):
        build_workbench(case, Scenario(case="other"), samples=100)


# ------------------------------------------------------------------ hostile text, bad input

_HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(document.cookie)>",
    '"><svg onload=alert(1)>',
]


def _html_values(widget: Any) -> list[str]:
    """The value of every HTML widget in a widget tree."""
    import ipywidgets as widgets

    found = [widget.value] if isinstance(widget, widgets.HTML | widgets.HTMLMath) else []
    for child in getattr(widget, "children", ()):
        found += _html_values(child)
    return found


@pytest.mark.parametrize("text", _HOSTILE)
def test_workbench_hostile_argument_text_is_escaped_everywhere(bench: Any, text: str) -> None:
    """Hostile text in a user-added argument never reaches any HTML widget as a raw tag."""
    form = bench.form
    form.heading.value, form.text.value = text, text
    form.element.value = "harm"
    form.side.value = "opponent"
    form.strength.value = 0.95
    form.attacks.value = [next(k for k, v in form.targets.items() if v == "m2")]
    form.button.click()
    assert form.error.value == ""
    added = bench.scenario.added[0]
    bench.drop(added.id)
    bench.drop(added.id, False)
    bench.add_argument("movant", "success", text, 0.6, body=text, supports=[added.id], id="mine")
    values = _html_values(bench.widget)
    assert any("&lt;" in v for v in values)
    for v in values:
        for tag in ("<script", "<img", "<svg"):
            assert tag not in v


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda b, d: b.set_strength("m2", 1.5), "between 0 and 1"),
        (lambda b, d: b.set_strength("m2", -0.1), "between 0 and 1"),
        (lambda b, d: b.set_strength("m2", float("nan")), "between 0 and 1"),
        (lambda b, d: b.set_strength("m2", "strong"), "a number"),
        (lambda b, d: b.add_argument("movant", "harm", "h", attacks=["ghost"]), "ghost"),
        (lambda b, d: b.add_argument("movant", "harm", "h", 1.5), "between 0 and 1"),
        (lambda b, d: b.add_argument("judge", "harm", "h"), "side"),
        (lambda b, d: b.load("corrupt.json"), "corrupt.json"),
        (lambda b, d: b.load("other.json"), "other"),
        (lambda b, d: b.load("ghost.json"), "ghost"),
    ],
)
def test_workbench_bad_input_raises_clearly_and_keeps_the_scenario(
    bench: Any, tmp_path: Path, action: Any, message: str
) -> None:
    """A bad strength, target, side or scenario file raises a clear error; nothing is lost."""
    (tmp_path / "corrupt.json").write_text('{"format": "workbook-scen', encoding="utf-8")
    (tmp_path / "other.json").write_text(Scenario(case="other").to_json(), encoding="utf-8")
    (tmp_path / "ghost.json").write_text(
        Scenario(case="toy", dropped=("ghost",)).to_json(), encoding="utf-8"
    )
    bench.set_answer("q1", "no")
    bench.set_strength("o2", 0.4)
    bench.add_argument("movant", "harm", "Mine", 0.7)
    before, outcome = bench.scenario, bench.result.outcome
    with pytest.raises(WorkbookError, match=message):
        action(bench, tmp_path)
    assert bench.scenario == before and bench.result.outcome == outcome
    assert bench.sliders["o2"].value == 0.4 and bench.answer_boxes["q1"].value == "no"


@pytest.mark.parametrize("name", ["corrupt.json", "other.json", "ghost.json"])
def test_workbench_load_button_shows_bad_file_and_keeps_the_scenario(
    bench: Any, tmp_path: Path, name: str
) -> None:
    """The Load button shows why a bad scenario file was refused and keeps the current one."""
    (tmp_path / "corrupt.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "other.json").write_text(Scenario(case="other").to_json(), encoding="utf-8")
    (tmp_path / "ghost.json").write_text(
        Scenario(case="toy", dropped=("ghost",)).to_json(), encoding="utf-8"
    )
    bench.set_answer("q1", "no")
    before = bench.scenario
    bench.path.value = name
    bench.load_button.click()
    assert "wb-error" in bench.files.error.value and bench.scenario == before
    assert bench.error.value == ""  # shown beside the button, not at the top
    bench.path.value = "good.json"
    bench.save_button.click()
    assert bench.files.error.value == ""  # the next good press clears the message


def test_workbench_authority_choices_and_rows_show_verification(bench: Any) -> None:
    """Unverified authorities are marked in the add form and on the argument rows."""
    labels = {v: k for k, v in bench.form.authorities.items()}
    assert labels == {"auth1": "A", "auth2": "Z [unverified]"}
    rows = " ".join(_html_values(bench.accordion))
    assert "wb-unverified" in rows


def test_element_panel_shows_both_sides_links_and_badges(case: Case) -> None:
    """The panel lists both sides, the rebuttal links, and a badge for an unverified authority."""
    panel = build_element_panel(case, ["success"])
    movant, opponent = panel.sides["success:movant"].value, panel.sides["success:opponent"].value
    assert "Movant" in movant and "Opponent" in opponent
    assert "Rebutted by: “Heading o1”" in movant and "Rebuts: “Heading m1”" in opponent
    assert "(m1;" not in movant  # headings, never ids
    assert "wb-unverified" in opponent and "wb-badge" not in movant
    assert arguments_table(case)["authorities"].tolist()[2] == "Z [unverified]"


@pytest.fixture(scope="module")
def flagship_bench() -> Any:
    return build_workbench(load_case(DEFAULT_CASE), samples=1000)


def test_workbench_odds_sliders_keep_summing_to_one_and_move_p_granted(flagship_bench: Any) -> None:
    wb = flagship_bench
    before = wb.mc.p_granted
    wb.odds_sliders["q-withdrawal"]["partial"].value = 0.9  # as a user drags it
    odds = {a: s.value for a, s in wb.odds_sliders["q-withdrawal"].items()}
    assert abs(sum(odds.values()) - 1.0) < 1e-9 and odds["partial"] == 0.9
    assert wb.scenario.priors["q-withdrawal"] == pytest.approx(odds)
    assert wb.mc.p_granted > before  # a partial withdrawal keeps the case alive and harmful
    assert "q-withdrawal" in wb.mc.value_of_information


def test_workbench_answering_a_question_fixes_it_in_the_odds(flagship_bench: Any) -> None:
    wb = flagship_bench
    wb.set_answer("q-export", "outputs-only")
    assert "Fixed" in wb.odds_status["q-export"].value
    assert "q-export" not in wb.mc.odds
    wb.set_answer("q-export", "not-export")  # back to the default: open again
    assert "Open" in wb.odds_status["q-export"].value and "q-export" in wb.mc.odds


def test_workbench_standard_and_its_question_move_together(flagship_bench: Any) -> None:
    wb = flagship_bench
    wb.answer_boxes["q-sliding-scale"].value = "sliding-scale"
    assert wb.standard_box.value == "sliding-scale" and wb.result.standard == "sliding-scale"
    assert "irreparable harm is required" in wb.standard_note.value
    wb.standard_box.value = "winter"
    assert wb.answer_boxes["q-sliding-scale"].value == "independent"
    assert wb.result.answers["q-sliding-scale"] == "independent"


def test_workbench_shows_the_merged_factor_and_the_value_of_information(
    flagship_bench: Any,
) -> None:
    wb = flagship_bench
    wb.refresh()
    assert "merged: 0.46 not met (decided as one factor)" in wb.strengths_text.value
    spec = wb.voi_chart.chart.to_dict()
    assert "Worth briefing hardest" in str(spec["title"])


def test_workbench_row_says_why_an_argument_is_out(bench: Any) -> None:
    """A dropped argument's row reads "out", with the reason in words on its own line."""
    arg = bench.case.arguments[0]
    bench.drop(arg.id)
    assert bench.labels[arg.id].value == "out"
    assert "Out of play: dropped" in bench.reasons[arg.id].value
    bench.drop(arg.id, False)
    assert bench.labels[arg.id].value.startswith("→ ") and bench.reasons[arg.id].value == ""


def test_workbench_layout_is_controls_beside_results(bench: Any) -> None:
    """The tabs have short titles; the results column starts with the outcome and P(granted)."""
    tabs = bench.widget.children[1].children[0].children[0]
    assert tabs.titles == ("Arguments", "Questions", "Odds", "Add", "Standard", "Compare", "Files")
    side = bench.widget.children[1].children[1]
    assert "wb-side" in side._dom_classes
    shown = side.children
    assert shown.index(bench.outcome) < shown.index(bench.p_text) < shown.index(bench.balance_chart)


def test_workbench_shows_the_chosen_answer_in_full(bench: Any) -> None:
    """Under each answer box, the chosen answer's whole text, following the box."""
    box = bench.answer_boxes["q1"]
    chosen = bench._question_box().children[2]
    assert box.label in chosen.value
    bench.set_answer("q1", "no")
    assert box.label in chosen.value


def test_backtest_table_names_elements_not_ids() -> None:
    """The backtest table shows the court's and the engine's elements by name."""
    from workbook import CASES, load_case
    from workbook.engine.backtest import backtest

    case = load_case(CASES / "tiktok-v-trump")
    from workbook.tables import backtest_table

    table = backtest_table([backtest(case, samples=500)])
    row = table.iloc[0]
    names = {e.name for e in case.elements}
    assert set(row["court rested on"].split(", ")) <= names
    assert row["engine's deciding element"] in names
    assert row["result"] == "agrees" and row["flips reproduced"] == "none discussed"


# --------------------------------------------------------------------------- moot court


def test_workbench_reset_goes_back_to_the_case_file(bench: Any) -> None:
    """Reset drops every change and own argument, and the controls show the defaults again."""
    bench.accordion.selected_index = 1
    bench.set_answer("q1", "no")
    bench.set_strength("m2", 0.1)
    bench.drop("o2")
    bench.add_argument("movant", "harm", "Mine", 0.7)
    bench.moot.reset.click()
    assert bench.moot.error.value == ""
    assert bench.scenario == Scenario(case=bench.case.case.id)
    assert bench.checks["o2"].value and bench.sliders["m2"].value != 0.1
    assert bench.answer_boxes["q1"].value == bench.case.default_answers["q1"]
    assert "user-1" not in bench.sliders and bench.accordion.selected_index == 1


def test_workbench_compare_with_pinned_scenario(bench: Any) -> None:
    """Pin A, change things, compare: the table shows the answers and arguments that differ."""
    bench.moot.compare.click()
    assert "pin a scenario" in bench.moot.error.value
    bench.moot.pin.click()
    bench.set_answer("q1", "no")
    bench.drop("o2")
    bench.moot.compare.click()
    diff = bench.comparison
    assert bench.moot.error.value == "" and not diff.same
    assert "dropped" in [d.b for d in diff.arguments]
    assert len(diff.answers) == 1 and diff.elements
    table = bench.moot.table.value
    assert "Answers that differ" in table and "dropped" in table and "<th>A</th>" in table
    bench.pin()
    assert bench.compare().same


def test_workbench_compare_with_a_saved_file(bench: Any, tmp_path: Path) -> None:
    """A saved scenario can be A; a file for another case is refused beside the button."""
    bench.drop("o2")
    bench.save("mine.json")
    bench.reset()
    bench.moot.path.value = "mine.json"
    bench.moot.compare_file.click()
    assert bench.moot.error.value == "" and [d.a for d in bench.comparison.arguments] == ["dropped"]
    (tmp_path / "other.json").write_text(Scenario(case="other").to_json(), encoding="utf-8")
    bench.moot.path.value = "other.json"
    bench.moot.compare_file.click()
    assert "other" in bench.moot.error.value


def test_comparison_html_escapes_user_text(bench: Any) -> None:
    """An own argument's hostile heading reaches the comparison table escaped."""
    bench.pin()
    bench.add_argument("movant", "harm", "<script>x</script>", 0.7)
    html_text = comparison_html(bench.compare())
    assert "&lt;script&gt;" in html_text and "<script>" not in html_text


# --------------------------------------------------------------------------- files in the browser


@pytest.mark.parametrize("kind", list(DOWNLOADS))
def test_workbench_download_gives_a_link_with_the_file(bench: Any, kind: str) -> None:
    """Each download makes a data: link carrying the file; the scenario round-trips."""
    bench.drop("o2")
    bench.files.kind.value = kind
    bench.files.prepare.click()
    assert bench.files.download_error.value == ""
    link = bench.files.link.value
    name, data = bench.download(kind)
    assert f'download="{name}"' in link and base64.b64encode(data).decode() in link
    assert data
    if kind == "scenario":
        assert read_upload(name, data) == bench.scenario


def test_workbench_upload_loads_a_scenario(bench: Any) -> None:
    """An uploaded scenario file replaces the scenario, and the upload box is emptied."""
    wanted = Scenario(case=bench.case.case.id, dropped=("o2",))
    item = {
        "name": "mine.json",
        "type": "application/json",
        "size": 1,
        "content": memoryview(wanted.to_json().encode()),
        "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    }
    bench.files.upload.value = (item,)
    assert bench.files.upload_error.value == ""
    assert bench.scenario.dropped == ("o2",) and not bench.checks["o2"].value
    assert bench.files.upload.value == () and "mine.json" in bench.files.upload_status.value


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", "invalid JSON"),
        (b"[]", "not an object"),
        (Scenario(case="other").to_json().encode(), "other"),
        (b" " * 1_000_001, "at most"),
        (b"\xff\xfe", "UTF-8"),
    ],
)
def test_workbench_upload_refuses_bad_files_beside_the_button(
    bench: Any, content: bytes, message: str
) -> None:
    """A bad upload says why beside the upload button, names the upload, and changes nothing."""
    bench.drop("o2")
    before = bench.scenario
    item = {
        "name": "../evil name.json",
        "type": "",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    }
    bench.files.upload.value = (item,)
    shown = bench.files.upload_error.value
    assert message in shown and "evil" in shown and "workbook-upload" not in shown
    assert bench.scenario == before and bench.error.value == ""


# --------------------------------------------------------------------------- saved notebooks

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_store_no_widget_state(path: Path) -> None:
    """No notebook keeps widget state or a widget's place: reopened, it shows no dead widget."""
    book = json.loads(path.read_text(encoding="utf-8"))
    assert "widgets" not in book["metadata"]
    for cell in book["cells"]:
        for output in cell.get("outputs", []):
            assert _WIDGET_VIEW not in output.get("data", {}), cell["source"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [({}, False), ({"VOILA_KERNEL_ID": "k"}, True), ({"SERVER_SOFTWARE": "voila/0.5"}, True)],
)
def test_in_app_follows_voilas_variables(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: bool
) -> None:
    """The app is told apart from a notebook by the variables Voilà sets for its kernels."""
    for name in ("VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_APP_PORT", "SERVER_SOFTWARE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert in_app() is expected


def _shown(monkeypatch: pytest.MonkeyPatch, app: bool, show: Any) -> list[Any]:
    import IPython.display

    seen: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **_kw: seen.append(obj))
    for name in ("VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_APP_PORT", "SERVER_SOFTWARE"):
        monkeypatch.delenv(name, raising=False)
    if app:
        monkeypatch.setenv("VOILA_KERNEL_ID", "k")
    show()
    return seen


def test_show_puts_a_run_hint_before_the_widget_in_a_notebook(
    bench: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a notebook the widget follows a 'run the notebook' hint (HTML and plain text)."""
    hint, widget = _shown(monkeypatch, False, bench.show)
    assert "Run the notebook" in hint["text/plain"] and "wb-run-hint" in hint["text/html"]
    assert widget is bench.widget and "wb-live" in widget._dom_classes
    assert _shown(monkeypatch, True, bench.show) == [bench.widget]  # no hint in the app


def test_summary_is_printed_in_a_notebook_and_live_in_the_app(
    bench: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plain-text summary prints once in a notebook; in the app it follows each change."""
    assert _shown(monkeypatch, False, bench.show_summary) == []
    assert capsys.readouterr().out.strip() == bench.summary()
    (view,) = _shown(monkeypatch, True, bench.show_summary)
    before = view.value
    bench.set_answer("q1", "no")
    assert view.value != before and html.escape(bench.summary()) in view.value


# --------------------------------------------------------------------------- first paint


def test_deferred_workbench_draws_the_outcome_first_and_the_rest_after_the_paint(
    case: Case, tmp_path: Path
) -> None:
    """Deferred: outcome and balance at once, the rest after the paint, with the same numbers."""
    eager = build_workbench(case, samples=500, folder=tmp_path)
    bench = build_workbench(case, samples=500, folder=tmp_path, defer=True)
    assert bench.pending and bench.analysis is not None and bench.analysis.monte_carlo is None
    assert bench.outcome.value == eager.outcome.value
    assert bench.balance_chart.chart.to_dict() == eager.balance_chart.chart.to_dict()
    assert "computing" in bench.p_text.value and "computing" in bench.map_note.value
    assert bench.checks == {} and "computing" in bench.busy_label.value
    bench.signal.painted = True  # what the browser sends after its first paint
    assert not bench.pending and bench.error.value == ""
    assert bench.p_text.value == eager.p_text.value and bench.map_note.value == ""
    assert bench.map_chart.chart.to_dict() == eager.map_chart.chart.to_dict()
    assert set(bench.checks) == set(eager.checks) and bench.busy_label.value == ""


@pytest.mark.parametrize(
    "ask",
    [
        lambda b: b.mc,
        lambda b: b.summary(),
        lambda b: b.drop("o2"),
        lambda b: b.set_strength("m2", 0.3),
        lambda b: b.add_argument("movant", "harm", "Mine"),
    ],
)
def test_deferred_workbench_finishes_when_asked_before_the_paint(
    case: Case, tmp_path: Path, ask: Any
) -> None:
    """Anything that needs the rows or the odds finishes the deferred work first."""
    bench = build_workbench(case, samples=500, folder=tmp_path, defer=True)
    ask(bench)
    assert not bench.pending and bench.analysis.monte_carlo is not None and bench.checks
