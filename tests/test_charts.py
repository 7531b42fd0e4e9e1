"""Charts are data: every test reads ``chart.to_dict()``, never pixels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import altair as alt
import pytest
from conftest import chart_case

from workbook import CASES, DEFAULT_CASE, charts, load_case
from workbook.charts.map import EDGE_COLUMNS, NODE_COLUMNS, map_layout
from workbook.engine import ElementResult, MonteCarlo, Result
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.vocabulary import SIDE_COLORS


def _result(case: Case, outcome: str = "denied") -> Result:
    """A made-up result of the engine's own type: element ``i`` has strength 0.4 + 0.1·i.

    Only the first element is satisfied, ``harm`` decides, and the first argument is
    dropped by the user; the rest have strength 0.5.
    """
    els = tuple(
        ElementResult(
            id=e.id,
            name=e.name,
            role=e.role,
            strength=0.4 + 0.1 * i,
            satisfied=i == 0,
            reached=True,
            contributions={
                a.id: (0.1 if a.side == "movant" else -0.1) for a in case.arguments_for(e.id)
            },
            pro=0.3,
            con=-0.2,
        )
        for i, e in enumerate(case.elements)
    )
    return Result(
        case_id=case.case.id,
        standard="winter",
        semantics="df-quad",
        granted=outcome == "granted",
        deciding="harm",
        explanation="",
        answers={},
        strengths={a.id: 0.5 for a in case.arguments[1:]},
        base={a.id: 0.5 for a in case.arguments},
        excluded={a.id: "dropped by the user" for a in case.arguments[:1]},
        elements=els,
    )


def _monte_carlo(
    p_granted: float, interval: tuple[float, float], per_element: Mapping[str, float]
) -> MonteCarlo:
    """A made-up Monte Carlo summary of the engine's own type, over 1000 samples."""
    return MonteCarlo(
        samples=1000,
        seed=0,
        spread=0.1,
        confidence=0.95,
        p_granted=p_granted,
        interval=interval,
        per_element=per_element,
        deciding={},
        sensitivity={},
        converged=True,
    )


def _marks(spec: Mapping[str, Any]) -> list[str]:
    """Every mark type in a (possibly layered) spec."""
    out = []
    for layer in spec.get("layer", [spec]):
        mark = layer.get("mark")
        if mark is not None:
            out.append(mark if isinstance(mark, str) else mark["type"])
    return out


def _data(spec: Mapping[str, Any], layer: int = 0) -> list[dict[str, Any]]:
    """The inline rows behind one layer of a spec."""
    name = (spec.get("layer", [spec])[layer].get("data") or spec.get("data"))["name"]
    return list(spec["datasets"][name])


@pytest.mark.parametrize("n_args", [0, 1, 7, 50])
def test_factor_balance_has_pro_and_con_per_element(n_args: int) -> None:
    """The factor balance has a movant bar and an opponent bar per element, con drawn negative."""
    case = chart_case(n_args)
    spec = charts.factor_balance(_result(case)).to_dict()
    rows = _data(spec)
    assert len(rows) == 2 * len(case.elements)
    assert {r["side"] for r in rows} == {"movant", "opponent"}
    assert all(r["value"] <= 0 for r in rows if r["side"] == "opponent")
    assert "Denied" in spec["title"]["subtitle"]


def test_factor_balance_uses_okabe_ito_side_colors() -> None:
    """Movant and opponent are Okabe–Ito blue and orange."""
    spec = charts.factor_balance(_result(chart_case(2))).to_dict()
    scale = spec["layer"][0]["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"], strict=True)) == dict(SIDE_COLORS)


@pytest.mark.parametrize(("outcome", "words"), [("granted", "Granted"), ("denied", "Denied")])
def test_outcome_words_state_outcome_and_deciding_element(outcome: str, words: str) -> None:
    """The outcome is stated in words with the deciding element's name."""
    text = charts.outcome_words(_result(chart_case(), outcome))
    assert text.startswith(words) and "Harm" in text and "winter" in text


@pytest.mark.parametrize("n_args", [0, 3, 50])
def test_map_layout_places_motion_on_top_and_every_argument(n_args: int) -> None:
    """The motion is on top, each element's heading above its arguments, one node each."""
    case = chart_case(n_args)
    nodes, edges = map_layout(case, _result(case))
    assert list(nodes.columns) == NODE_COLUMNS and list(edges.columns) == EDGE_COLUMNS
    assert nodes.iloc[0]["kind"] == "motion" and nodes["y"].idxmin() == 0
    heads = nodes[nodes["kind"] == "element"].set_index("element")
    args = nodes[nodes["kind"] == "argument"]
    assert len(args) == n_args
    assert all(row["y"] > heads.loc[row["element"], "y"] for _, row in args.iterrows())
    assert not args.duplicated(["x", "y"]).any()


@pytest.mark.parametrize("width", [300, 700, 1100, 1920])
def test_map_layout_fits_the_width_in_rows_of_element_blocks(width: int) -> None:
    """Every node sits inside the width; a narrow map stacks the element blocks in more rows."""
    case = chart_case(12)
    nodes, _ = map_layout(case, width=width)
    assert nodes["x"].between(0, width).all()
    heads = nodes[nodes["kind"] == "element"]
    rows = heads["y"].nunique()
    assert rows == (2 if width < 2 * 260 + 16 else 1)  # two elements: side by side if they fit


def test_map_layout_puts_rebuttal_below_its_target_and_draws_attack() -> None:
    """A rebuttal on the same element sits lower and indented, with an attack edge to its target."""
    case = chart_case(6)  # a5 (opponent, merits) rebuts a4 (movant, merits)
    nodes, edges = map_layout(case)
    pos = nodes.set_index("id")
    rebuttal, target = pos.loc["a5"], pos.loc["a4"]
    assert rebuttal["element"] == target["element"] == "merits"
    assert rebuttal["y"] > target["y"]  # on a row after its target
    assert rebuttal["x"] > target["x"]  # indented under it
    attacks = edges[edges["relation"] == "attacks"]
    assert {("a5", "a4")} <= set(zip(attacks["source"], attacks["target"], strict=True))


def test_map_layout_fades_excluded_and_adds_user_arguments() -> None:
    """Excluded arguments are out of play with their reason; a scenario's added argument appears."""
    case = chart_case(3)
    mine = Argument(
        id="mine",
        side="movant",
        element="harm",
        heading="<b>My</b> point",
        body="x",
        strength=0.7,
        strength_reason="r",
        attacks=("a1",),
    )
    scenario = Scenario(case="toy", added=(mine,))
    nodes, _ = map_layout(case, _result(case), scenario)
    row = nodes.set_index("id")
    assert not row.loc["a0", "in_play"] and row.loc["a0", "why_out"] == "dropped by the user"
    assert "mine" in row.index


def test_argument_map_chart_layers_edges_points_text() -> None:
    """The map is structure and edge rules, strength-sized points, then the text labels."""
    case = chart_case(10)
    spec = charts.argument_map(case, _result(case)).to_dict()
    assert _marks(spec) == ["rule", "rule", "point", "text", "text", "text"]
    assert spec["layer"][2]["encoding"]["size"]["field"] == "strength"
    assert "denied" in spec["title"]["text"]


def _map_rows(spec: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    """The rows of one kind (argument, element, motion, edge) behind a map spec."""
    return [r for r in spec["datasets"][spec["data"]["name"]] if r["kind"] == kind]


def test_argument_map_labels_are_headings_wrapped_with_the_whole_heading_on_hover() -> None:
    """Labels are the heading on at most two lines; the tooltip carries the whole heading."""
    case = chart_case(10)  # headings are about 60 characters long
    spec = charts.argument_map(case, _result(case), width=300).to_dict()
    rows = _map_rows(spec, "argument")
    assert len(rows) == 10 and any("\n" in r["label"] for r in rows)
    assert all(r["label"].count("\n") <= 1 for r in rows)
    assert all(r["label"].replace("\n", " ").rstrip("…").strip() in r["heading"] for r in rows)
    labels = spec["layer"][3]
    assert "heading" in [t["field"] for t in labels["encoding"]["tooltip"]]
    assert labels["mark"]["lineBreak"] == "\n"
    assert "argument" in labels["transform"][0]["filter"]


def test_argument_map_fits_a_width_with_legends_below() -> None:
    """Given a width, the map is no wider (but taller); the legends go below."""
    case = chart_case(10)
    wide = charts.argument_map(case, _result(case)).to_dict()
    narrow = charts.argument_map(case, _result(case), width=300).to_dict()
    assert narrow["width"] <= 300 < wide["width"] and narrow["height"] > wide["height"]
    assert narrow["layer"][2]["encoding"]["color"]["legend"]["orient"] == "bottom"


def test_argument_map_handles_a_cycle_of_rebuttals() -> None:
    """Two arguments rebutting each other both appear once."""
    case = chart_case(2)
    a0 = case.arguments[0].model_copy(update={"element": "harm", "attacks": ("a1",)})
    a1 = case.arguments[1].model_copy(update={"element": "harm", "attacks": ("a0",)})
    case = case.model_copy(update={"arguments": (a0, a1)})
    nodes, _ = map_layout(case)
    assert sorted(nodes[nodes["kind"] == "argument"]["id"]) == ["a0", "a1"]


def test_element_contributions_sorted_and_titled() -> None:
    """One element's contributions are sorted from most helpful to most harmful."""
    case = chart_case(9)
    spec = charts.element_contributions(_result(case), case, "merits").to_dict()
    values = [r["contribution"] for r in _data(spec)]
    assert values == sorted(values, reverse=True)
    assert spec["title"].startswith("Merits: strength")


def test_element_contributions_unknown_element_lists_valid_ones() -> None:
    """An unknown element id raises KeyError naming the valid ids."""
    case = chart_case()
    with pytest.raises(KeyError, match="merits, harm"):
        charts.element_contributions(_result(case), case, "nope")


@pytest.mark.parametrize(
    "rows",
    [
        [
            {"argument": "a", "low": 0.2, "high": 0.7, "base": 0.5, "flips": True},
            {"argument": "b", "low": 0.4, "high": 0.5},
        ],
        [{"id": "a", "min": 0.7, "max": 0.2}, {"id": "b", "min": 0.4, "max": 0.5}],
    ],
)
def test_tornado_sorts_by_swing(rows: list[dict[str, Any]]) -> None:
    """The widest swing is on top whatever the field names, with low <= high."""
    data = _data(charts.tornado(rows, sides={"b": "opponent"}).to_dict())
    assert [r["argument"] for r in data] == ["a", "b"]
    assert [r["side"] for r in data] == ["movant", "opponent"]
    assert all(r["low"] <= r["high"] for r in data)


def test_tornado_empty() -> None:
    """A case with no arguments gives an empty, valid tornado."""
    spec = charts.tornado([]).to_dict()
    assert _marks(spec) == ["bar", "tick", "rule"]


def test_an_empty_tornado_hides_its_empty_marks_from_screen_readers() -> None:
    """An empty tornado's bar and tick layers are kept from assistive technology.

    The workbench shows one until its first weighing; its empty layers would be graphics
    with no name, which axe fails (svg-img-alt).
    """
    empty = [layer["mark"].get("aria") for layer in charts.tornado([]).to_dict()["layer"]]
    assert empty == [False, False, None]  # the 0.5 rule is drawn: it keeps its role
    drawn = charts.tornado([{"argument": "a", "low": 0.2, "high": 0.7}]).to_dict()
    assert all("aria" not in layer["mark"] for layer in drawn["layer"])


def test_tornado_keeps_top_swings_and_says_so() -> None:
    """Only the widest swings are kept, and the title says how many of how many."""
    rows = [{"argument": f"a{i}", "element": "harm", "low": 0.0, "high": i / 20} for i in range(20)]
    spec = charts.tornado(rows, top=5, flips={"a19": True}).to_dict()
    data = _data(spec)
    assert [r["bar"] for r in data][:2] == ["a19 → harm", "a18 → harm"]
    assert len(data) == 5 and data[0]["flips"] and not data[1]["flips"]
    assert "(widest 5 of 20)" in spec["title"]


def test_tornado_names_bars_in_plain_words() -> None:
    """Given names, a bar reads "heading (element)", wrapped; without them it shows the ids."""
    rows = [{"argument": "m-x", "element": "harm", "low": 0.2, "high": 0.7}]
    names = {"m-x": "A long heading that needs more than one line", "harm": "Irreparable harm"}
    (named,) = _data(charts.tornado(rows, names=names).to_dict())
    assert named["label"].replace("|", " ") == f"{names['m-x']} ({names['harm']})"
    assert "|" in named["label"] and "m-x" not in named["label"]
    (plain,) = _data(charts.tornado(rows).to_dict())
    assert plain["label"] == "m-x → harm"


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.factor_balance(_result(chart_case(7))),
        lambda: charts.tornado([{"argument": "a", "low": 0.1, "high": 0.9}]),
        lambda: charts.probability(_monte_carlo(0.3, (0.27, 0.33), {"merits": 0.6})),
    ],
)
def test_workbench_charts_fit_a_narrow_column(build: Any) -> None:
    """The charts beside the workbench's controls are narrow, with their legends below."""
    spec = build().to_dict()
    assert spec["width"] <= 240
    legends = [
        channel["legend"]
        for layer in spec["layer"]
        for channel in layer.get("encoding", {}).values()
        if isinstance(channel, dict) and channel.get("legend")
    ]
    assert legends and all(legend["orient"] == "bottom" for legend in legends)


def test_probability_chart_shows_interval_and_elements() -> None:
    """P(granted) is the first bar, with its interval, then one bar per element."""
    mc = _monte_carlo(0.3, (0.27, 0.33), {"merits": 0.6, "harm": 0.4})
    spec = charts.probability(mc, names={"harm": "Harm"}).to_dict()
    rows = _data(spec)
    assert rows[0] == {
        "what": "motion granted",
        "p": 0.3,
        "low": 0.27,
        "high": 0.33,
        "kind": "outcome",
    }
    assert [r["what"] for r in rows[1:]] == ["merits", "Harm"]
    assert "P(granted) = 0.30" in spec["title"]["text"]


def _views(spec: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The layers of every view of a (possibly concatenated) spec."""
    return [layer for view in spec.get("vconcat", [spec]) for layer in view.get("layer", [view])]


def test_timeline_marks_filing_and_counts_facts_after_it() -> None:
    """The timeline has dated facts only, numbered, by status, and a complaint-filed rule."""
    spec = charts.timeline(chart_case()).to_dict()
    rows = _data(spec)
    assert [r["id"] for r in rows] == ["f1", "f2"] and [r["n"] for r in rows] == [1, 2]
    assert [r["after"] for r in rows] == [False, True]
    assert "1 after the complaint" in spec["title"]
    marks = [v["mark"]["type"] if isinstance(v["mark"], dict) else v["mark"] for v in _views(spec)]
    assert "rule" in marks
    assert _views(spec)[0]["encoding"]["shape"]["field"] == "status"


def test_timeline_overview_window_drives_the_detail() -> None:
    """The overview's x interval moves the detail's dates, which open on the busiest weeks."""
    spec = charts.timeline(chart_case()).to_dict()
    detail, overview = spec["vconcat"]
    (param,) = spec["params"]
    assert param["select"]["encodings"] == ["x"]
    assert param["views"] == [overview["layer"][0]["name"]]  # a fixed name: same on each run
    scale = detail["layer"][0]["encoding"]["x"]["scale"]
    assert "window" in scale["domainRaw"]["expr"] and len(scale["domain"]) == 2


def test_timeline_labels_never_overlap_at_the_opening_window() -> None:
    """Crowded days keep their facts apart: labels on one row never run into the next fact."""
    from workbook.charts.timeline import _window, timeline_rows

    case = chart_case()
    facts = [
        {
            "id": f"x{i}",
            "statement": "A long statement of what happened " * 2,
            "date": f"2026-06-{12 + i // 4:02d}",
            "sources": ["s"],
            "status": "reported",
        }
        for i in range(24)
    ]
    case = case.model_copy(
        update={"facts": tuple(type(case.facts[0]).model_validate(f) for f in facts)}
    )
    rows = timeline_rows(case)
    assert len({(r["lane"], r["date"]) for r in rows}) == len(rows)  # no two on one spot
    assert any(len(r["label"]) > 3 for r in rows)  # some carry words, not only numbers
    start, end = _window([dt.date.fromisoformat(r["date"]) for r in rows])
    assert start <= dt.date(2026, 6, 12) and end >= dt.date(2026, 6, 17)


def test_compare_columns_carry_outcome() -> None:
    """Each column of the comparison is headed by its label and outcome."""
    case = chart_case(2)
    spec = charts.compare({"winter": _result(case), "sliding-scale": _result(case, "granted")})
    rows = _data(spec.to_dict())
    assert {r["how"] for r in rows} == {"winter: denied", "sliding-scale: granted"}


@pytest.mark.parametrize(
    "make",
    [
        lambda c, r: charts.factor_balance(r),
        lambda c, r: charts.argument_map(c, r),
        lambda c, r: charts.timeline(c),
        lambda c, r: charts.compare([r]),
    ],
)
def test_charts_on_flagship_case_are_valid(make: Any) -> None:
    """Each chart of the flagship case serializes to a valid Vega-Lite spec."""
    case = load_case(DEFAULT_CASE)
    chart = make(case, _result(case))
    assert isinstance(chart, alt.TopLevelMixin)
    assert chart.to_dict()["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_records_accepts_dataclasses_and_models() -> None:
    """Rows may be dataclasses or pydantic models."""
    assert charts.records([_monte_carlo(0.1, (0, 1), {})])[0]["p_granted"] == 0.1
    assert charts.records([Scenario(case="x")])[0]["case"] == "x"
    assert charts.records(None) == []


def test_timeline_dates_are_iso_strings() -> None:
    """Dates are ISO strings so the spec is JSON and the same on every run."""
    rows = _data(charts.timeline(chart_case()).to_dict())
    assert rows[0]["date"] == dt.date(2026, 6, 12).isoformat()


def test_the_forecasts_chart_draws_each_decided_case_and_says_how_many():
    """One row per case with a forecast; the title counts them; no id on the axis."""
    from workbook.charts import forecasts
    from workbook.engine.backtest import backtest

    result = backtest(load_case(CASES / "tiktok-v-trump"), samples=500)
    spec = forecasts([result]).to_dict()
    rows = next(v for v in spec["datasets"].values() if v and "title" in v[0])
    assert [r["title"] for r in rows] == ["TikTok Inc. v. Trump"]
    assert rows[0]["result"] == 1.0 and 0 <= rows[0]["forecast"] <= 1
    assert "1 decided case" in spec["title"]["text"]
    assert forecasts([]).to_dict()["title"]["text"].endswith("0 decided cases")
