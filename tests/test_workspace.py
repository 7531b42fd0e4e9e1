"""Saved work is never lost: atomic saves with a backup, and loaders that refuse bad files."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workbook.errors import WorkbookError, WorkspaceError
from workbook.models import Argument
from workbook.scenario import SCENARIO_VERSION, Scenario
from workbook.store import (
    WORKSPACE_VERSION,
    ExerciseMark,
    Workspace,
    atomic_write,
    load_scenario,
    load_workspace,
    save_scenario,
    save_workspace,
)

ROOT = Path(__file__).parent.parent
ARG = Argument(
    id="mine",
    side="movant",
    element="harm",
    heading="H",
    body="B",
    strength=0.5,
    strength_reason="r",
    attacks=("o-harm",),
)
SCENARIO = Scenario(
    case="mini",
    dropped=("m-harm",),
    added=(ARG,),
    strengths={"o-harm": 0.3},
    answers={"final-action": "not-final"},
    notes="n",
)
WS = Workspace(
    case="mini",
    author="S",
    scenario=SCENARIO,
    exercises={"ex-1": "a"},
    marks={"ex-1": ExerciseMark(answer="a", correct=False, tries=2, prompt="Which?")},
    argument_notes={"o-harm": "weak"},
    notes="notes",
)


def test_workspace_round_trip(tmp_path):
    """A saved workspace loads back equal, and its JSON says what it is and which version."""
    path = save_workspace(tmp_path / "w.json", WS)
    assert load_workspace(path) == WS
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "workbook-workspace" and data["version"] == WORKSPACE_VERSION


#: A workspace as the first format saved it: no ``marks``, version 1.
VERSION_1 = """{
  "argument_notes": {"o-harm": "weak"},
  "author": "S",
  "case": "mini",
  "exercises": {"ex-1": "a"},
  "format": "workbook-workspace",
  "notes": "notes",
  "scenario": {"case": "mini", "version": 1, "dropped": ["m-harm"]},
  "version": 1
}
"""


def test_a_version_1_file_still_loads(tmp_path):
    """A workspace saved before exercise marks existed loads, with its answers and no marks."""
    path = tmp_path / "old.json"
    path.write_text(VERSION_1, encoding="utf-8")
    ws = load_workspace(path)
    assert ws.exercises == {"ex-1": "a"} and ws.marks == {} and ws.author == "S"
    assert ws.scenario.dropped == ("m-harm",)
    assert json.loads(ws.to_json())["version"] == WORKSPACE_VERSION == 2


@pytest.mark.parametrize(
    ("mark", "problem"),
    [
        ({"answer": "a", "correct": True, "tries": 0}, "greater than or equal to 1"),
        ({"answer": "a"}, "Field required"),
        ({"answer": "a", "correct": True, "extra": 1}, "Extra inputs"),
    ],
)
def test_a_bad_mark_is_refused_naming_its_key(tmp_path, mark, problem):
    """A damaged exercise mark is refused with the key that holds it."""
    data = json.loads(GOOD)
    data["marks"] = {"ex-1": mark}
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    with pytest.raises(WorkspaceError, match=problem) as info:
        load_workspace(path)
    assert (info.value.key or "").startswith("marks.ex-1")


def test_scenario_round_trip_and_cross_loading(tmp_path):
    """Scenario files load as scenarios or bare workspaces; workspace files yield their scenario."""
    s_path = save_scenario(tmp_path / "s.json", SCENARIO)
    assert load_scenario(s_path) == SCENARIO
    assert load_workspace(s_path).scenario == SCENARIO
    w_path = save_workspace(tmp_path / "w.json", WS)
    assert load_scenario(w_path) == SCENARIO


def test_save_keeps_previous_version_as_bak(tmp_path):
    """Saving over a file keeps the old one as <name>.bak, loadable, and leaves no temp file."""
    path = tmp_path / "w.json"
    save_workspace(path, WS)
    newer = WS.model_copy(update={"notes": "second"})
    save_workspace(path, newer)
    assert load_workspace(path) == newer
    assert load_workspace(tmp_path / "w.json.bak") == WS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.json", "w.json.bak"]


def test_save_keeps_permissions(tmp_path):
    """A new file gets the usual permissions; an existing file keeps its own."""
    path = atomic_write(tmp_path / "a.txt", "x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    path.chmod(0o600)
    atomic_write(path, "y")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_save_to_missing_folder_is_our_error(tmp_path):
    """Saving where no folder exists raises WorkspaceError naming the file."""
    with pytest.raises(WorkspaceError, match="cannot save") as info:
        save_workspace(tmp_path / "nope" / "w.json", WS)
    assert info.value.path == tmp_path / "nope" / "w.json"


GOOD = WS.to_json()
NEWER_WS = GOOD.replace(f'"version": {WORKSPACE_VERSION}', f'"version": {WORKSPACE_VERSION + 1}', 1)
NEWER_SC = SCENARIO.to_json().replace(
    f'"version": {SCENARIO_VERSION}', f'"version": {SCENARIO_VERSION + 1}'
)


@pytest.mark.parametrize(
    ("content", "needle", "line"),
    [
        (GOOD[: len(GOOD) // 2].encode(), "invalid JSON", True),
        (GOOD.replace('"exercises"', '"exercises" "', 1).encode(), "invalid JSON", True),
        (b"", "empty", False),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not UTF-8", False),
        (b"case:\n  id: mini\n", "invalid JSON", True),
        (b'{"nodes": [], "edges": []}', "not a workspace file", True),
        (b"[1, 2, 3]", "not an object", True),
        (NEWER_WS.encode(), "newer workbook", True),
        (NEWER_SC.encode(), "newer workbook", True),
        (
            GOOD.replace('"notes": "notes"', '"notes": "notes", "notes": "x"').encode(),
            "twice",
            False,
        ),
        (GOOD.replace('"o-harm": 0.3', '"o-harm": NaN').encode(), "not a number", False),
        (GOOD.replace('"o-harm": 0.3', '"o-harm": 7').encode(), "between 0 and 1", True),
        (
            GOOD.replace('"case": "mini"', '"case": "other"', 1).encode(),
            "scenario is for case",
            False,
        ),
        (b"[" * 100_000, "nested too deeply", False),
        (
            b'{"__class__": "os.system", "format": "workbook-workspace"}',
            "not a valid workspace",
            False,
        ),
    ],
)
def test_bad_files_fail_cleanly_and_change_nothing(tmp_path, content, needle, line):
    """Truncated, corrupt, foreign, binary, YAML or newer files fail cleanly and change nothing."""
    path = tmp_path / "w.json"
    path.write_bytes(content)
    (tmp_path / "w.json.bak").write_text(GOOD, encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir())
    with pytest.raises(WorkspaceError) as info:
        load_workspace(path)
    exc = info.value
    assert isinstance(exc, WorkbookError) and isinstance(exc, ValueError)
    assert needle in str(exc)
    assert exc.path == path
    if line:
        assert exc.line is not None
    assert sorted((p.name, p.read_bytes()) for p in tmp_path.iterdir()) == before


def test_error_points_at_backup(tmp_path):
    """When a file is corrupt and a backup exists, the message says where the backup is."""
    path = tmp_path / "w.json"
    path.write_text(GOOD[:40], encoding="utf-8")
    (tmp_path / "w.json.bak").write_text(GOOD, encoding="utf-8")
    with pytest.raises(WorkspaceError, match=r"previous version is in w\.json\.bak"):
        load_workspace(path)


def test_invalid_value_names_key_and_line(tmp_path):
    """A wrong value inside a valid JSON workspace names its key and line."""
    path = tmp_path / "w.json"
    path.write_text(
        GOOD.replace('"dropped": [\n      "m-harm"', '"dropped": [\n      7'), encoding="utf-8"
    )
    with pytest.raises(WorkspaceError) as info:
        load_workspace(path)
    assert info.value.key == "scenario.dropped[0]"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert info.value.line is not None and '"dropped"' in lines[info.value.line - 1]


_CHILD = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from workbook import store as workspace
    from workbook.scenario import Scenario

    target, stage = Path(sys.argv[1]), sys.argv[2]
    real_fsync, real_replace, real_fdopen = os.fsync, os.replace, os.fdopen

    def hang():
        print("ready", flush=True)
        time.sleep(120)

    if stage == "write":
        class Slow:
            def __init__(self, handle):
                self.handle = handle
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                return self.handle.__exit__(*exc)
            def write(self, data):
                self.handle.write(data[: len(data) // 3])
                self.handle.flush()
                hang()
            def __getattr__(self, name):
                return getattr(self.handle, name)
        os.fdopen = lambda fd, mode: Slow(real_fdopen(fd, mode))
    elif stage == "fsync":
        os.fsync = lambda fd: hang()
    elif stage == "replace":
        def replace(src, dst):
            if Path(dst) == target:
                hang()
            return real_replace(src, dst)
        os.replace = replace
    big = Scenario(case="mini", notes="x" * 2_000_000)
    workspace.save_workspace(target, workspace.Workspace(case="mini", scenario=big))
""")


@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_kill_mid_save_leaves_old_file_intact(tmp_path, stage):
    """SIGKILL while writing, syncing or renaming leaves the old file whole and loadable."""
    path = save_workspace(tmp_path / "w.json", WS)
    old = path.read_bytes()
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(path), stage],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        ready = child.stdout.readline()
        assert ready.strip() == "ready", child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert path.read_bytes() == old
    assert load_workspace(path) == WS
    if stage == "replace":
        assert load_workspace(tmp_path / "w.json.bak") == WS
    save_workspace(path, WS.model_copy(update={"notes": "after"}))  # leftovers do not block saving
    assert load_workspace(path).notes == "after"


def test_bare_scenario_with_empty_case_is_our_error(tmp_path):
    """A scenario file with an empty case id cannot become a workspace, and says so."""
    path = tmp_path / "s.json"
    path.write_text('{"case": ""}', encoding="utf-8")
    with pytest.raises(WorkspaceError, match="case"):
        load_workspace(path)
