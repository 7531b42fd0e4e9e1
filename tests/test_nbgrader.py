"""The exercises work as an nbgrader assignment: generated, then autograded with hidden tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from workbook import DEFAULT_CASE, load_case
from workbook.exercises import exercises_for

pytest.importorskip(
    "nbgrader", reason="nbgrader is in the 'grading' extra: pip install -e .[grading]"
)

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "notebooks" / "nbgrader"
#: grade id of each answer cell -> (variable, exercise kind)
ANSWERS = {
    "answer-deciding": ("DECIDING", "deciding"),
    "answer-answer": ("ANSWER_DECIDING", "answer"),
    "answer-drop": ("DROP", "drop"),
    "answer-standard": ("STANDARD_OUTCOME", "standard"),
}


def _nbgrader(course: Path, *args: str) -> None:
    # nbgrader runs `alembic` by name, so the environment's bin folder goes first on PATH
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    pythonpath = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PATH": path, "PYTHONPATH": pythonpath}
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-3000:]


def _cells(path: Path) -> dict[str, nbformat.NotebookNode]:
    book = nbformat.read(path, as_version=4)
    return {c.metadata["nbgrader"]["grade_id"]: c for c in book.cells if "nbgrader" in c.metadata}


def test_generate_and_autograde_a_submission(tmp_path: Path) -> None:
    """The released copy hides solutions and tests; a submission with 3 of 4 right scores 3."""
    course = tmp_path / "course"
    shutil.copytree(COURSE, course, ignore=shutil.ignore_patterns("release", "submitted", "*.db"))
    _nbgrader(course, "generate_assignment", "exercises", "--force")
    released = course / "release" / "exercises" / "exercises.ipynb"
    text = released.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text
    cells = _cells(released)
    assert all("NotImplementedError" in cells[k].source for k in ANSWERS)

    exercises = exercises_for(load_case(DEFAULT_CASE))
    first = {k: next(x for x in exercises if x.id.split(":")[0] == k) for _, k in ANSWERS.values()}
    book = nbformat.read(released, as_version=4)
    for cell in book.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in ANSWERS:
            name, kind = ANSWERS[grade_id]
            x = first[kind]
            right = sorted(x.answers)[0]
            wrong = next(c.value for c in x.choices if c.value not in x.answers)
            cell.source = f"{name} = {(wrong if kind == 'standard' else right)!r}"
    submitted = course / "submitted" / "s1" / "exercises"
    submitted.mkdir(parents=True)
    nbformat.write(book, submitted / "exercises.ipynb")
    _nbgrader(course, "autograde", "exercises", "--create", "--force")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission("exercises", "s1")
        assert (submission.score, submission.max_score) == (3.0, 4.0)
