"""The brief builder, driven without a browser: tests call its methods and press its buttons."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import docx
import pytest
from conftest import ui_case

from workbook import DEFAULT_CASE, load_case
from workbook.errors import ScenarioError, WorkspaceError
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.store import ExerciseMark, Workspace, save_scenario, save_workspace
from workbook.ui.brief import (
    BriefBuilder,
    build_brief_builder,
    default_file_name,
    outline_summary,
    render_preview,
    verification_note,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> [link](javascript:alert(1))'


@pytest.fixture
def case() -> Case:
    return ui_case()


@pytest.fixture
def brief(case: Case, tmp_path: Path) -> BriefBuilder:
    return build_brief_builder(case, folder=tmp_path)


def _read_back(path: Path, fmt: str) -> str:
    """The exported file's text: DOCX through python-docx, the rest as UTF-8."""
    if fmt == "docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


# --------------------------------------------------------------------------- exporting


@pytest.mark.parametrize(
    ("fmt", "side", "name", "expect"),
    [
        ("md", "movant", "exports/toy-movant-outline.md", "# Memorandum in Support of PI"),
        ("md", "opponent", "exports/toy-opponent-outline.md", "# Memorandum in Opposition to PI"),
        ("docx", "movant", "exports/toy-movant-outline.docx", "Memorandum in Support of PI"),
        ("docx", "opponent", "exports/toy-opponent-outline.docx", "Table of Authorities"),
        ("aif", "movant", "exports/toy-graph.json", '"nodes"'),
        ("argdown", "opponent", "exports/toy-graph.argdown", "==="),
    ],
)
def test_export_each_format_reads_back(
    brief: BriefBuilder, tmp_path: Path, fmt: str, side: str, name: str, expect: str
) -> None:
    """Each format is written under the default name in exports/ and reads back as that format."""
    brief.set_side(side)
    brief.set_format(fmt)
    assert brief.path.value == name
    out = brief.export()
    assert out == tmp_path / name and out.is_file()
    text = _read_back(out, fmt)
    assert expect in text
    if fmt == "aif":
        data = json.loads(text)
        assert {"nodes", "edges"} <= set(data) and data["workbook"]["format"] == "workbook-aif"
    status = brief.export_status.value
    assert status.startswith(f"Wrote {name} ({out.stat().st_size:,} bytes).")
    link = status.split('href="', 1)[1].split('"', 1)[0]  # the file itself, as a data URL
    assert base64.b64decode(link.split(",", 1)[1]) == out.read_bytes()
    assert f'download="{out.name}"' in status
    assert not list(out.parent.glob("*.bak"))


def test_export_button_writes_the_file(brief: BriefBuilder, tmp_path: Path) -> None:
    """Pressing Export writes the file named in the box, and no error shows."""
    brief.path.value = "brief.md"
    brief.export_button.click()
    assert (tmp_path / "brief.md").read_text(encoding="utf-8").startswith("# Memorandum")
    assert brief.error.value == ""


def test_export_to_a_missing_deep_folder_shows_an_error(brief: BriefBuilder) -> None:
    """Only one missing folder is made; a deeper missing path is an error shown in the widget."""
    brief.path.value = "no/such/folder/brief.md"
    brief.export_button.click()
    assert "WorkspaceError" in brief.error.value and brief.export_status.value == ""


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([("format", "docx")], "exports/toy-movant-outline.docx"),
        ([("side", "opponent"), ("format", "Argdown (.argdown)")], "exports/toy-graph.argdown"),
        ([("path", "my brief.md"), ("format", "docx")], "my brief.docx"),
        ([("path", "my brief.md"), ("side", "opponent")], "my brief.md"),
        ([("path", "notes.txt"), ("format", "aif")], "notes.txt"),
        ([("path", ""), ("side", "opponent")], "exports/toy-opponent-outline.md"),
    ],
)
def test_file_name_follows_side_and_format(
    brief: BriefBuilder, steps: list[tuple[str, str]], expected: str
) -> None:
    """The suggested name follows side and format; a typed name keeps its stem, only its suffix."""
    for what, value in steps:
        if what == "path":
            brief.path.value = value
        elif what == "side":
            brief.side_box.value = value  # as a click would
        else:
            brief.set_format(value)
    assert brief.path.value == expected


@pytest.mark.parametrize(("call", "value"), [("set_side", "judge"), ("set_format", "pdf")])
def test_unknown_side_or_format_is_refused(brief: BriefBuilder, call: str, value: str) -> None:
    """An unknown side or format raises ValueError and leaves the choice as it was."""
    with pytest.raises(ValueError, match="use"):
        getattr(brief, call)(value)
    assert (brief.side, brief.format) == ("movant", "md")


def test_default_file_name_for_the_flagship_case() -> None:
    """The flagship case's outline is suggested as exports/<case>-<side>-outline.<suffix>."""
    case = load_case(DEFAULT_CASE)
    assert default_file_name(case, "movant", "md") == "exports/legion-v-lutnick-movant-outline.md"


# --------------------------------------------------------------------------- preview


def test_preview_shows_the_outline_and_the_verification_note(brief: BriefBuilder) -> None:
    """The preview is the Markdown outline as HTML, with a note counting unverified authorities."""
    text = brief.preview()
    assert text.startswith("# Memorandum in Support of PI")
    assert "<h1>Memorandum in Support of PI</h1>" in brief.preview_html.value
    assert "<table>" in brief.preview_html.value
    assert "1 of the 2 cited authorities are not fully verified (1 unverified)" in brief.note.value


def test_side_change_redraws_the_preview(brief: BriefBuilder) -> None:
    """Choosing the opponent's side previews the memorandum in opposition."""
    brief.side_box.value = "opponent"
    assert "Memorandum in Opposition to PI" in brief.preview_html.value
    assert brief.outline is not None and brief.outline.side == "opponent"


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ({}, "1 of the 2 cited authorities are not fully verified (1 unverified)"),
        ({"auth2": "verified"}, "All 2 cited authorities are verified."),
        (
            {"auth1": "partly-verified"},
            "2 of the 2 cited authorities are not fully verified (1 unverified, 1 partly verified)",
        ),
    ],
)
def test_verification_note(case: Case, statuses: dict[str, str], expected: str) -> None:
    """The note counts the cited authorities that are unverified or partly verified."""
    from workbook.export import build_outline

    auths = tuple(
        a.model_copy(
            update={
                "verification": a.verification.model_copy(
                    update={"status": statuses.get(a.id, a.verification.status)}
                )
            }
        )
        for a in case.authorities
    )
    outline = build_outline(case.model_copy(update={"authorities": auths}))
    assert verification_note(outline).startswith(expected)


def test_hostile_user_argument_is_inert_in_the_preview(case: Case, tmp_path: Path) -> None:
    """An added argument's heading with HTML and a link renders as text, never as markup."""
    added = Argument(
        id="user-1",
        side="movant",
        element="harm",
        heading=HOSTILE,
        body=HOSTILE,
        strength=0.9,
        strength_reason="set by the user",
    )
    brief = build_brief_builder(case, Scenario(case="toy", added=(added,)), folder=tmp_path)
    shown = brief.preview_html.value
    assert "<script" not in shown and "<img" not in shown and "href" not in shown
    assert "&lt;script&gt;" in shown


def test_render_preview_escapes_raw_html() -> None:
    """A stray tag in the Markdown is shown as text."""
    assert "<b>" not in render_preview("a <b>bold</b> claim")


def test_outline_summary_lists_point_headings_and_toa_groups(case: Case) -> None:
    """The summary names each element, each point heading under it, and each TOA group's size."""
    from workbook.export import build_outline

    text = outline_summary(build_outline(case))
    assert "II. Success\n    II.A Heading m1" in text
    assert "    Cases: 1\n    Constitutional Provisions and Statutes: 1" in text


# --------------------------------------------------------------------------- loading


def test_load_a_saved_scenario_changes_the_outline(brief: BriefBuilder, tmp_path: Path) -> None:
    """A scenario saved by the workbench (m1 dropped) loads and its outline leaves m1 out."""
    save_scenario(tmp_path / "s.json", Scenario(case="toy", dropped=("m1",)))
    assert "Heading m1" in brief.preview()
    brief.load_path.value = "s.json"
    brief.load_button.click()
    assert brief.error.value == "" and brief.load_status.value == "Loaded s.json"
    assert brief.scenario.dropped == ("m1",)
    assert "Heading m1" not in brief.preview()


def test_load_a_workspace_brings_exercises_and_notes(brief: BriefBuilder, tmp_path: Path) -> None:
    """A workspace's exercise answers, author and notes fill the work-product section."""
    ws = Workspace(
        case="toy",
        author="Ada",
        scenario=Scenario(case="toy"),
        exercises={"deciding": "<b>harm</b>"},
        notes="my notes",
    )
    save_workspace(tmp_path / "ws.json", ws)
    brief.load("ws.json")
    assert brief.student.value == "Ada" and brief.notes.value == "my notes"
    assert "&lt;b&gt;harm&lt;/b&gt;" in brief.exercises.value
    assert brief.work_product().exercises == {"deciding": "<b>harm</b>"}


def test_loaded_marks_show_the_question_and_how_it_went(
    brief: BriefBuilder, tmp_path: Path
) -> None:
    """Marked answers show the question, the answer as chosen and how it went, and are kept."""
    mark = ExerciseMark(
        answer="harm", correct=False, tries=2, prompt="Which <i>element</i>?", label="Harm"
    )
    ws = Workspace(
        case="toy",
        scenario=Scenario(case="toy"),
        exercises={"deciding": "harm"},
        marks={"deciding": mark},
    )
    save_workspace(tmp_path / "ws.json", ws)
    brief.load("ws.json")
    assert (
        "Which &lt;i&gt;element&lt;/i&gt;?</b> Harm (not right, 2 tries)" in brief.exercises.value
    )
    assert brief.work_product().marks == {"deciding": mark}


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ('{"case": "toy", "dropped": ["m1"', "WorkspaceError"),
        ("", "WorkspaceError"),
        ("\x00\x01binary", "WorkspaceError"),
        ('{"case": "other-case"}', "ScenarioError"),
        ('{"case": "toy", "dropped": ["no-such-argument"]}', "ScenarioError"),
        (
            '{"format": "workbook-workspace", "version": 99, "case": "toy", '
            '"scenario": {"case": "toy"}}',
            "WorkspaceError",
        ),
    ],
)
def test_corrupt_or_foreign_file_shows_an_error_and_keeps_the_state(
    brief: BriefBuilder, tmp_path: Path, content: str, error: str
) -> None:
    """A bad file shows its error in the widget and leaves scenario, workspace and preview alone."""
    save_scenario(tmp_path / "good.json", Scenario(case="toy", dropped=("m2",)))
    brief.load("good.json")
    before = (brief.scenario, brief.workspace, brief.preview_html.value, brief.load_status.value)
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    brief.load_path.value = "bad.json"
    brief.load_button.click()
    assert error in brief.error.value
    assert (
        brief.scenario,
        brief.workspace,
        brief.preview_html.value,
        brief.load_status.value,
    ) == before
    with pytest.raises((WorkspaceError, ScenarioError)):
        brief.load("bad.json")


def test_missing_file_shows_an_error(brief: BriefBuilder) -> None:
    """Loading a file that is not there says so in the error box."""
    brief.load_path.value = "nowhere.json"
    brief.load_button.click()
    assert "cannot read" in brief.error.value


def test_a_scenario_for_another_case_is_refused_at_build(case: Case, tmp_path: Path) -> None:
    """Building the builder with a scenario for another case raises ScenarioError."""
    with pytest.raises(ScenarioError, match="other"):
        build_brief_builder(case, Scenario(case="other"), folder=tmp_path)


# --------------------------------------------------------------------------- work product


def test_work_product_escapes_hostile_notes(brief: BriefBuilder, tmp_path: Path) -> None:
    """The student's name and notes are escaped in the HTML work product, which has no scripts."""
    brief.student.value = HOSTILE
    brief.notes.value = HOSTILE + "\nsecond line"
    brief.work_button.click()
    out = tmp_path / "exports" / "toy-work-product.html"
    page = out.read_text(encoding="utf-8")
    assert brief.error.value == "" and brief.work_status.value.startswith(
        "Wrote exports/toy-work-product.html ("
    )
    assert "<script" not in page and "<img" not in page and "href" not in page
    assert "&lt;script&gt;" in page and "second line" in page


def test_work_product_holds_the_loaded_scenario(brief: BriefBuilder, tmp_path: Path) -> None:
    """The work product's workspace JSON carries the scenario loaded, and Markdown works too."""
    save_scenario(tmp_path / "s.json", Scenario(case="toy", dropped=("m1",)))
    brief.load("s.json")
    out = brief.export_work_product("wp.md")
    assert out == tmp_path / "wp.md"
    assert "Dropped: m1" in out.read_text(encoding="utf-8")
    assert brief.work_product().scenario.dropped == ("m1",)


def test_flagship_case_builds_and_exports_word(tmp_path: Path) -> None:
    """The flagship case previews, flags its unverified authorities, and exports to Word."""
    brief = build_brief_builder(load_case(DEFAULT_CASE), folder=tmp_path)
    assert "cited authorities are" in brief.note.value
    brief.set_format("docx")
    text = _read_back(brief.export(), "docx")
    assert "Table of Authorities" in text and "Legion" in text
