"""A class's work products are read back, tabled and charted; the sample class stays current."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ui_case

from workbook import CASES, DEFAULT_CASE, load_case
from workbook.charts import class_answers, class_dropped, class_outcomes
from workbook.errors import WorkspaceError
from workbook.exercises import example_class, read_class
from workbook.exercises.classroom import HOW, read_work_product
from workbook.export import render_work_product, write_example_class, write_work_product
from workbook.scenario import Scenario
from workbook.store import Workspace, save_workspace

SAMPLES = CASES.parent / "classroom"
#: The cases with an example class committed (the flagship at least; see its README).
SAMPLED = sorted(p.name for p in SAMPLES.iterdir() if p.is_dir())


def _values(spec: dict) -> list[dict]:
    """A chart's rows, inline or consolidated into ``datasets``."""
    data = spec["data"]
    return data["values"] if "values" in data else spec["datasets"][data["name"]]


def test_the_flagship_has_an_example_class() -> None:
    """The teacher's notebook opens on a committed class for the default case."""
    assert DEFAULT_CASE.name in SAMPLED and set(SAMPLED) <= {p.name for p in CASES.iterdir()}


@pytest.mark.parametrize("name", SAMPLED)
def test_the_committed_sample_class_is_what_the_workbook_writes(name: str, tmp_path: Path) -> None:
    """data/classroom/<case> holds exactly the example class the code makes now."""
    case = load_case(CASES / name)
    written = write_example_class(tmp_path, case)
    assert sorted(p.name for p in (SAMPLES / name).iterdir()) == sorted(p.name for p in written)
    for path in written:
        committed = (SAMPLES / name / path.name).read_text(encoding="utf-8")
        assert committed == path.read_text(encoding="utf-8"), (
            f"{name}/{path.name} is stale: run write_example_class(data/classroom/{name}, case)"
        )


def test_a_work_product_page_reads_back_whole(tmp_path: Path) -> None:
    """The workspace inside an HTML work product comes back equal, marks and all."""
    case = ui_case()
    ws = example_class(case)[1]
    path = write_work_product(tmp_path / "s.html", case, ws)
    assert read_work_product(path) == ws
    json_path = save_workspace(tmp_path / "s.json", ws)
    assert read_work_product(json_path) == ws


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<html><body>hello</body></html>", "empty"),
        ("<h2>Workspace file</h2><pre>{&quot;format&quot;: 1}</pre>", "not a workspace"),
        ("<h2>Workspace file</h2><pre>{not json</pre>", "invalid JSON"),
    ],
)
def test_a_page_that_is_not_a_work_product_is_refused(
    tmp_path: Path, text: str, problem: str
) -> None:
    """A page without a workspace, or with a damaged one, is a WorkspaceError naming it."""
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=problem) as info:
        read_work_product(path)
    assert info.value.path == path


def test_read_class_tables_and_problems(tmp_path: Path) -> None:
    """Every readable file for the case is a student; the rest are listed with why."""
    case = ui_case()
    write_example_class(tmp_path, case)
    (tmp_path / "broken.html").write_text("<p>no</p>", encoding="utf-8")
    other = Workspace(case="other", scenario=Scenario(case="other"))
    save_workspace(tmp_path / "other.json", other)
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    work = read_class(tmp_path, case)
    assert [s.student for s in work.students] == ["Student A", "Student B", "Student C"]
    assert [name for name, _ in work.problems] == ["broken.html", "other.json"]
    assert "another case" in work.problems[1][1]
    answers = work.answers()
    assert set(answers["how"]) <= set(HOW) and len(answers) == 3 * len(
        work.students[0].workspace.marks
    )
    assert list(answers["number"]) == sorted(answers["number"])
    outcomes = work.outcomes()
    assert list(outcomes["student"]) == ["Student A", "Student B", "Student C"]
    assert set(outcomes["outcome"]) <= {"granted", "denied"}
    dropped = work.dropped()
    headings = {a.heading for a in case.arguments}
    assert set(dropped["argument"]) <= headings
    assert list(dropped["students"]) == sorted(dropped["students"], reverse=True)


def test_an_empty_folder_is_an_empty_class(tmp_path: Path) -> None:
    """No work products: empty tables, and charts that say so."""
    work = read_class(tmp_path, ui_case())
    assert work.students == () and work.answers().empty and work.dropped().empty
    assert class_answers(work.answers()).to_dict()["title"]["subtitle"] == "no answers yet"
    assert class_outcomes(work.outcomes()).to_dict()["title"]["subtitle"] == "no work products yet"
    assert class_dropped(work.dropped()).to_dict()["title"]["subtitle"] == "no argument dropped"


@pytest.mark.parametrize("name", SAMPLED)
def test_charts_show_headings_and_titles_not_ids(name: str) -> None:
    """The class charts label bars with exercise titles and argument headings, never ids."""
    case = load_case(CASES / name)
    work = read_class(SAMPLES / name, case)
    answers = class_answers(work.answers()).to_dict()
    rows = _values(answers)
    assert len({r["exercise"] for r in rows}) >= 10
    assert all(r["exercise"][0].isdigit() and ":" not in r["exercise"].split(".")[0] for r in rows)
    ids = {a.id for a in case.arguments}
    dropped = _values(class_dropped(work.dropped()).to_dict())
    assert dropped and not ids & {r["heading"] for r in dropped}
    outcomes = class_outcomes(work.outcomes()).to_dict()
    assert {r["outcome"] for r in _values(outcomes)} <= {"granted", "denied"}
    assert answers["encoding"]["color"]["scale"]["domain"] == list(HOW)


def test_dropped_chart_keeps_the_top(tmp_path: Path) -> None:
    """Only the most-dropped arguments are drawn, most first."""
    rows = [
        {"argument": f"A{i}", "side": "movant", "element": "E", "students": i} for i in range(15)
    ]
    data = _values(class_dropped(rows, top=3).to_dict())
    assert [r["heading"] for r in data] == ["A14", "A13", "A12"]


def test_work_product_page_has_no_scripts() -> None:
    """The example class's pages load nothing and run nothing."""
    case = ui_case()
    page = render_work_product(case, example_class(case)[0])
    assert "<script" not in page and "http" not in page.split("<pre>")[0]
