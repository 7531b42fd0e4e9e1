"""AIF out and back in without loss, and Argdown out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook import load_case
from workbook.errors import WorkspaceError
from workbook.export.argdown import export_argdown
from workbook.export.interchange import export_aif, import_aif
from workbook.models import Argument
from workbook.scenario import Scenario, StrengthRange

MINI = Path(__file__).parent / "cases" / "mini"
CASE = load_case(MINI)
CASE_IDS = [a.id for a in CASE.arguments]
ELEMENTS = [e.id for e in CASE.elements]

USER = Argument(
    id="user-1",
    side="opponent",
    element="harm",
    heading="Delay",
    body="Acme waited.",
    authorities=({"id": "winter", "pin": "22"},),  # type: ignore[arg-type]
    strength=0.4,
    strength_reason="r",
    attacks=("m-harm",),
    supports=("o-harm",),
    requires={"final-action": ("final",)},
    harm=None,
)
SCENARIO = Scenario(
    case="mini",
    dropped=("m-equities",),
    added=(USER,),
    strengths={"o-harm": 0.9},
    ranges={"m-harm": StrengthRange(low=0.2, high=0.8)},
    answers={"final-action": "not-final"},
    standard="sliding-scale",
    notes="n",
)


def test_aif_shape():
    """Nodes have nodeID/text/type, edges join existing nodes, locutions are empty."""
    graph = json.loads(export_aif(CASE, SCENARIO))
    assert graph["locutions"] == [] and graph["participants"] == []
    ids = {n["nodeID"] for n in graph["nodes"]}
    assert len(ids) == len(graph["nodes"])
    assert {n["type"] for n in graph["nodes"]} == {"I", "RA", "CA"}
    for edge in graph["edges"]:
        assert {"edgeID", "fromID", "toID"} <= set(edge)
        assert edge["fromID"] in ids and edge["toID"] in ids
    texts = [
        n["workbook"]["id"]
        for n in graph["nodes"]
        if n.get("workbook", {}).get("kind") == "argument"
    ]
    # dropped, or out of play under the answers (user-1 needs 'final'): not in the graph,
    # but the user's own argument travels whole so reading the file back keeps it
    assert "m-equities" not in texts and "user-1" not in texts and "m-harm" in texts
    assert set(graph["workbook"]["out_of_play"]) == {"m-arbitrary", "m-equities", "user-1"}
    assert [a["id"] for a in graph["workbook"]["added_out_of_play"]] == ["user-1"]
    # every scheme node has one premise and one conclusion
    for node in graph["nodes"]:
        if node["type"] in ("RA", "CA"):
            assert sum(e["toID"] == node["nodeID"] for e in graph["edges"]) == 1
            assert sum(e["fromID"] == node["nodeID"] for e in graph["edges"]) == 1


def test_aif_round_trip_is_exact():
    """Exporting a scenario to AIF and importing it gives the same scenario back."""
    result = import_aif(export_aif(CASE, SCENARIO), CASE)
    assert result.notes == ()
    assert result.scenario == SCENARIO


def _effective(scenario: Scenario) -> tuple:
    return (
        tuple(sorted(scenario.dropped)),
        scenario.arguments(CASE),
        scenario.answers,
        scenario.ranges,
        scenario.standard,
        scenario.semantics,
        scenario.notes,
    )


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s.strip()
)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    dropped = draw(st.lists(st.sampled_from(CASE_IDS), unique=True, max_size=4))
    kept = [a for a in CASE_IDS if a not in dropped]
    n_added = draw(st.integers(0, 4))
    added_ids = [f"user-{i}" for i in range(n_added)]
    added = []
    for i, arg_id in enumerate(added_ids):
        targets = kept + added_ids[:i] + added_ids[i + 1 :]
        added.append(
            Argument(
                id=arg_id,
                side=draw(st.sampled_from(["movant", "opponent"])),
                element=draw(st.sampled_from(ELEMENTS)),
                heading=draw(_text),
                body=draw(_text),
                strength=draw(st.floats(0, 1)),
                strength_reason=draw(_text),
                attacks=tuple(
                    draw(st.lists(st.sampled_from(targets), unique=True, max_size=3))
                    if targets
                    else []
                ),
                supports=tuple(
                    draw(st.lists(st.sampled_from(targets), unique=True, max_size=2))
                    if targets
                    else []
                ),
                authorities=tuple(
                    draw(
                        st.lists(
                            st.sampled_from(["winter", "navy", "apa"]), unique=True, max_size=2
                        )
                    )
                ),
            )
        )
    strengths = (
        draw(st.dictionaries(st.sampled_from(kept), st.floats(0, 1), max_size=3)) if kept else {}
    )
    return Scenario(
        case="mini",
        dropped=tuple(dropped),
        added=tuple(added),
        strengths=strengths,
        answers=draw(
            st.dictionaries(st.just("final-action"), st.sampled_from(["final", "not-final"]))
        ),
        standard=draw(st.sampled_from(["winter", "sliding-scale"])),
        notes=draw(st.text(max_size=20)),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_aif_round_trip_property(scenario):
    """For any scenario, AIF out and back in keeps every argument, relation, strength and answer."""
    back = import_aif(export_aif(CASE, scenario), CASE)
    assert back.notes == ()
    assert _effective(back.scenario) == _effective(scenario)
    assert [a.model_dump() for a in back.scenario.added] == [
        a.model_dump() for a in scenario.arguments(CASE) if a.id not in CASE_IDS
    ]


def test_import_hand_drawn_node_infers_side_and_element():
    """A node drawn in OVA (no workbook data) that attacks a movant argument joins the opponent."""
    graph = json.loads(export_aif(CASE))
    target = next(n for n in graph["nodes"] if n.get("workbook", {}).get("id") == "m-harm")
    graph["nodes"] += [
        {"nodeID": "x1", "text": "The harm was self-inflicted", "type": "I"},
        {"nodeID": "x2", "text": "Default Conflict", "type": "CA"},
    ]
    graph["edges"] += [
        {"edgeID": "e1", "fromID": "x1", "toID": "x2"},
        {"edgeID": "e2", "fromID": "x2", "toID": target["nodeID"]},
    ]
    result = import_aif(json.dumps(graph), CASE)
    (new,) = result.scenario.added
    assert (new.side, new.element, new.attacks) == ("opponent", "harm", ("m-harm",))
    assert new.heading == "The harm was self-inflicted"


def test_new_relation_between_case_arguments_is_reported():
    """A relation drawn between two case arguments cannot be carried, and says so."""
    graph = json.loads(export_aif(CASE))
    by_id = {n.get("workbook", {}).get("id"): n["nodeID"] for n in graph["nodes"]}
    graph["nodes"].append({"nodeID": "c1", "text": "Default Conflict", "type": "CA"})
    graph["edges"] += [
        {"edgeID": "z1", "fromID": by_id["o-equities"], "toID": "c1"},
        {"edgeID": "z2", "fromID": "c1", "toID": by_id["m-standing"]},
    ]
    result = import_aif(graph, CASE)
    assert result.scenario == Scenario(case="mini")
    assert any("cannot change" in note for note in result.notes)


def test_base_scenario_fills_what_plain_aif_lacks():
    """Without the workbook extension, answers and standard come from the base scenario."""
    graph = json.loads(export_aif(CASE, SCENARIO))
    del graph["workbook"]
    base = Scenario(case="mini", answers={"final-action": "final"}, standard="winter")
    result = import_aif(graph, CASE, base)
    assert result.scenario.answers == {"final-action": "final"}
    # the plain file cannot say m-arbitrary was only out of play under its own answers: under
    # the base's answers it would be in play, so its absence reads as dropped
    assert result.scenario.dropped == ("m-arbitrary", "m-equities")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ("{not json", "invalid JSON"),
        ("[]", "top level"),
        ('{"nodes": {}}', "`nodes`"),
        ('{"nodes": [{"text": "x"}], "edges": []}', "without `nodeID`"),
        ('{"nodes": [], "edges": [{"fromID": "1"}]}', "without `fromID`"),
        (
            '{"nodes": [], "edges": [], "workbook": {"format": "workbook-aif", "version": 99}}',
            "newer workbook",
        ),
        (
            '{"nodes": [{"nodeID": "1", "type": "I", "workbook": {"kind": "argument", "id": "x", '
            '"side": "judge"}}], "edges": []}',
            "argument 'x'",
        ),
    ],
)
def test_bad_aif_is_our_error(data, needle):
    """Malformed AIF raises WorkspaceError saying what is wrong."""
    with pytest.raises(WorkspaceError, match=needle):
        import_aif(data, CASE)


def test_argdown_structure():
    """Argdown has a statement per element, an argument per argument, and +/- relations."""
    text = export_argdown(CASE, SCENARIO)
    assert text.startswith("===\ntitle: ")
    assert "[harm]: The movant has shown: Irreparable harm." in text
    # user-1 needs the answer 'final': out of play, so out of the graph, with the reason
    assert "<user-1>:" not in text and "  - <user-1>" not in text
    assert "// out of play: user-1: it needs the answer" in text
    block = text.split("\n<m-harm>:", 1)[1].split("\n\n", 1)[0]
    assert "  - <o-harm>" in block
    assert "<m-equities>:" not in text  # dropped
    assert "// out of play: m-equities: dropped in the scenario" in text
    harm = text.split("[harm]:", 1)[1].split("\n\n", 1)[0]
    assert "  + <m-harm>" in harm and "  - <o-harm>" in harm
