"""Safe with untrusted input and on a shared server (issue 15): every probe, as a test.

A name typed into a widget reaches only files inside the workbook's folder; reading
refuses anything but a regular file and reads at most the limit; writing never
replaces a link, pipe, device, folder or read-only file; a save leaves no temporary
file; the command line's ``-o`` refuses what would destroy data.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ui_case

from workbook.__main__ import main
from workbook.casefile import read as case_read
from workbook.casefile.read import read_case_data
from workbook.errors import CaseFileError, UnsafePathError, WorkbookError, WorkspaceError
from workbook.paths import read_at_most
from workbook.scenario import Scenario
from workbook.store import atomic_write, confined_path, load_scenario, load_workspace
from workbook.ui.brief import build_brief_builder
from workbook.ui.workbench import build_workbench

MINI = Path(__file__).parent / "cases" / "mini"
ALLOWED = "inside the workbook's folder"


@pytest.fixture(autouse=True)
def _no_hang() -> Iterator[None]:
    """A probe that blocks (a FIFO read, /dev/zero) fails the test after 30 s, not hanging it."""

    def hung(signum: int, frame: Any) -> None:
        raise TimeoutError("the probe blocked")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: Any) -> Path:
    """The workbook's folder, with an 'outside' folder beside it (also home) holding a secret."""
    monkeypatch.setenv("HOME", str(tmp_path / "outside"))
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.json").write_text("{}", encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "out").symlink_to(tmp_path / "outside")
    (folder / "zero.json").symlink_to("/dev/zero")
    return folder


def _listing(top: Path) -> list[str]:
    return sorted(str(p.relative_to(top)) for p in top.rglob("*"))


# --------------------------------------------------------------------------- confinement

#: (typed name, words the refusal must hold). ``{out}`` is a folder outside the workbook's,
#: and home (``~``) is set to it: were the guard broken, a test could write only there,
#: never over a system file, even when the tests run as root.
OUTSIDE = [
    ("../x.json", "'..'"),
    ("../../../../../../..{out}/x.json", "'..'"),
    ("sub/../../x.json", "'..'"),
    ("{out}/secret.json", "absolute"),
    ("{out}/new.json", "absolute"),
    ("~/x.json", "'~'"),
    ("~", "'~'"),
    ("", "no file name"),
    ("   ", "no file name"),
    ("a\0b.json", "NUL"),
    ("out/secret.json", "symbolic link"),
    ("out/new.json", "symbolic link"),
    ("zero.json", "symbolic link"),
]


def _typed(name: str, root: Path) -> str:
    return name.replace("{out}", str(root.parent / "outside"))


@pytest.mark.parametrize(("name", "words"), OUTSIDE)
def test_a_typed_name_outside_the_folder_is_refused(root: Path, name: str, words: str) -> None:
    """``..``, absolute paths, ``~``, NUL and links out are refused, naming the value."""
    name = _typed(name, root)
    with pytest.raises(UnsafePathError) as caught:
        confined_path(root, name)
    message = str(caught.value)
    assert words in message and ALLOWED in message
    assert (name.strip() or "''") in message
    if str(root.parent) not in name:
        assert str(root.parent) not in message  # what is outside is never shown


@pytest.mark.parametrize("name", ["/etc/passwd", "/dev/zero", "/dev/stdout", "/"])
def test_a_system_path_is_refused_without_touching_it(root: Path, name: str) -> None:
    """A system file typed into a box is refused as absolute (this test never writes)."""
    with pytest.raises(UnsafePathError, match="absolute"):
        confined_path(root, name)


@pytest.mark.parametrize(
    ("name", "inside"),
    [
        ("s.json", "s.json"),
        ("./s.json", "s.json"),
        ("exports/brief.md", "exports/brief.md"),
        (" s.json ", "s.json"),
        ("dir/../s.json", None),  # '..' is refused even when it stays inside
    ],
)
def test_a_name_inside_the_folder_is_taken_from_it(root: Path, name: str, inside: str) -> None:
    """A plain relative name resolves inside the folder; any '..' part is refused."""
    if inside is None:
        with pytest.raises(UnsafePathError):
            confined_path(root, name)
    else:
        assert confined_path(root, name) == root.resolve() / inside


def test_a_link_that_stays_inside_the_folder_is_followed(root: Path) -> None:
    """A symbolic link to another place inside the folder is allowed, and resolved."""
    (root / "real").mkdir()
    (root / "alias").symlink_to(root / "real")
    assert confined_path(root, "alias/s.json") == root.resolve() / "real" / "s.json"


def test_refusal_does_not_say_whether_an_outside_file_exists(root: Path) -> None:
    """Probing for a file outside gives the same message whether it exists or not."""
    messages = set()
    for name in (str(root.parent / "outside" / "secret.json"), "/etc/no-such-file"):
        with pytest.raises(UnsafePathError) as caught:
            confined_path(root, name)
        messages.add(caught.value.problem)
    for name in ("out/secret.json", "out/no-such.json"):
        with pytest.raises(UnsafePathError) as caught:
            confined_path(root, name)
        messages.add(caught.value.problem)
    assert len(messages) == 2  # one for absolute, one for the link; neither depends on existence


@pytest.mark.parametrize(("name", "words"), OUTSIDE)
def test_workbench_file_box_refuses_outside_names(root: Path, name: str, words: str) -> None:
    """Save and Load with a name outside the folder show the refusal and write nothing."""
    bench = build_workbench(ui_case(), samples=100, folder=root)
    before = _listing(root.parent)
    bench.path.value = _typed(name, root)
    for button in (bench.save_button, bench.load_button):
        bench.files.error.value = ""
        button.click()
        shown = bench.files.error.value  # beside the Save and Load buttons
        assert "UnsafePathError" in shown and words.replace("'", "&#x27;") in shown
    assert _listing(root.parent) == before
    assert bench.scenario == Scenario(case="toy")


def test_workbench_saves_and_loads_inside_its_folder(root: Path) -> None:
    """A plain name saves into the workbench's folder and loads back from it."""
    bench = build_workbench(ui_case(), samples=100, folder=root)
    bench.drop("m1")
    assert bench.save("mine.json") == root.resolve() / "mine.json"
    fresh = build_workbench(ui_case(), samples=100, folder=root)
    fresh.load("mine.json")
    assert fresh.scenario.dropped == ("m1",)


#: (brief builder action, the name it is given)
BRIEF_ACTIONS: list[tuple[str, Callable[[Any, str], object]]] = [
    ("export", lambda b, n: b.export(n)),
    ("work product", lambda b, n: b.export_work_product(n)),
    ("load", lambda b, n: b.load(n)),
]


@pytest.mark.parametrize(("name", "words"), OUTSIDE)
@pytest.mark.parametrize(("what", "action"), BRIEF_ACTIONS, ids=[a[0] for a in BRIEF_ACTIONS])
def test_brief_builder_refuses_outside_names(
    root: Path, name: str, words: str, what: str, action: Callable[[Any, str], object]
) -> None:
    """Export, work product and load refuse a name outside the builder's folder."""
    brief = build_brief_builder(ui_case(), folder=root)
    before = _listing(root.parent)
    with pytest.raises(UnsafePathError, match=words):
        action(brief, _typed(name, root))
    assert _listing(root.parent) == before


#: (a name inside the folder that must not be written, words of the refusal)
NOT_WRITABLE_INSIDE = [
    ("case.yaml", "case file"),
    ("law.YML", "case file"),
    ("exports/", "folder"),
    ("sub", "folder"),
    ("06_workbench.ipynb", "only .json, .md"),
    (".bashrc", "the name has no suffix"),
    ("run.py", "not .py"),
]


@pytest.mark.parametrize(("name", "words"), NOT_WRITABLE_INSIDE)
@pytest.mark.parametrize(
    "action",
    [
        lambda root, n: build_workbench(ui_case(), samples=100, folder=root).save(n),
        lambda root, n: build_brief_builder(ui_case(), folder=root).export(n),
        lambda root, n: build_brief_builder(ui_case(), folder=root).export_work_product(n),
    ],
    ids=["workbench-save", "brief-export", "brief-work-product"],
)
def test_boxes_do_not_write_over_a_case_file_or_a_folder(
    root: Path, name: str, words: str, action: Callable[[Path, str], object]
) -> None:
    """Inside the folder too, a case file, the notebook or a folder is never written over."""
    (root / "case.yaml").write_text("case: {}\n", encoding="utf-8")
    (root / "sub").mkdir()
    before = _listing(root.parent)
    with pytest.raises(UnsafePathError, match=words):
        action(root, name)
    assert _listing(root.parent) == before
    assert (root / "case.yaml").read_text(encoding="utf-8") == "case: {}\n"


def test_brief_builder_cannot_overwrite_another_case(tmp_path: Path) -> None:
    """The reported probe: export('../other-case/case.yaml') is refused, in the error box too."""
    other = tmp_path / "other-case"
    shutil.copytree(MINI, other)
    before = (other / "case.yaml").read_bytes()
    root = tmp_path / "notebooks"
    root.mkdir()
    brief = build_brief_builder(ui_case(), folder=root)
    brief.path.value = "../other-case/case.yaml"
    brief.export_button.click()
    assert "UnsafePathError" in brief.error.value and "other-case" in brief.error.value
    assert (other / "case.yaml").read_bytes() == before


# --------------------------------------------------------------------------- reading


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


#: (what, a function making the thing to read in a folder, words of the refusal)
NOT_REGULAR: list[tuple[str, Callable[[Path], Path], str]] = [
    ("fifo", lambda d: _fifo(d / "p.json"), "pipe (FIFO)"),
    ("dev-zero", lambda d: Path("/dev/zero"), "character device"),
    ("link-to-dev-zero", lambda d: _link(d / "z.json", "/dev/zero"), "character device"),
    ("folder", lambda d: _mkdir(d / "f.json"), "folder"),
]


def _link(path: Path, to: str) -> Path:
    path.symlink_to(to)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize(("what", "make", "words"), NOT_REGULAR, ids=[n[0] for n in NOT_REGULAR])
@pytest.mark.parametrize("loader", [load_workspace, load_scenario])
def test_loading_a_file_that_is_not_regular_is_refused_at_once(
    tmp_path: Path, what: str, make: Callable[[Path], Path], words: str, loader: Any
) -> None:
    """A FIFO, /dev/zero or a folder is refused in well under a second, without reading it."""
    path = make(tmp_path)
    start = time.perf_counter()
    with pytest.raises(WorkspaceError, match=r"not a regular file|folder") as caught:
        loader(path)
    assert time.perf_counter() - start < 1.0
    assert words in str(caught.value)


@pytest.mark.parametrize(("what", "make", "words"), NOT_REGULAR, ids=[n[0] for n in NOT_REGULAR])
def test_a_case_file_that_is_not_regular_is_refused(
    tmp_path: Path, what: str, make: Callable[[Path], Path], words: str
) -> None:
    """Named directly or found in a case folder as *.yaml, a non-regular file is refused."""
    folder = tmp_path / "case"
    shutil.copytree(MINI, folder)
    made = make(tmp_path)
    targets = [made]
    if made.parent == tmp_path and what != "folder":
        (folder / "zz.yaml").symlink_to(made)
        targets.append(folder)
    for target in targets:
        start = time.perf_counter()
        with pytest.raises(CaseFileError, match=re.escape(words)):
            read_case_data(target)
        assert time.perf_counter() - start < 1.0


def test_reading_never_trusts_st_size(tmp_path: Path) -> None:
    """A regular file whose size reads as 0 (/proc) is still held to the limit by reading it."""
    proc = Path("/proc/self/maps")
    if not proc.exists() or proc.stat().st_size != 0:
        pytest.skip("needs a /proc file whose st_size is 0")

    def refuse(problem: str, hint: str) -> ValueError:
        return ValueError(problem)

    with pytest.raises(ValueError, match="more than 10 bytes"):
        read_at_most(proc, 10, refuse)
    exact = tmp_path / "ten"
    exact.write_bytes(b"0123456789")
    assert read_at_most(exact, 10, refuse) == b"0123456789"
    exact.write_bytes(b"0123456789!")
    with pytest.raises(ValueError, match="more than 10 bytes"):
        read_at_most(exact, 10, refuse)


def test_case_folder_total_size_is_limited(tmp_path: Path, monkeypatch: Any) -> None:
    """The limit is per case folder too, not only per file."""
    folder = tmp_path / "case"
    shutil.copytree(MINI, folder)
    total = sum(p.stat().st_size for p in folder.iterdir())
    monkeypatch.setattr(case_read, "_MAX_TOTAL", total - 1)
    with monkeypatch.context() as m:  # refused before any file is parsed: in milliseconds
        m.setattr(case_read, "_compose", lambda *a: pytest.fail("parsed before refusing"))
        with pytest.raises(CaseFileError, match="the most a case may have"):
            read_case_data(folder)
    monkeypatch.setattr(case_read, "_MAX_TOTAL", total)
    read_case_data(folder)


def test_upper_case_yaml_suffix_is_read(tmp_path: Path) -> None:
    """law.YAML is read like law.yaml, not silently skipped."""
    folder = tmp_path / "case"
    shutil.copytree(MINI, folder)
    (folder / "law.yaml").rename(folder / "law.YAML")
    lower, _ = read_case_data(MINI)
    upper, _ = read_case_data(folder)
    assert upper == lower


# --------------------------------------------------------------------------- writing


def _chardev(path: Path) -> Path:
    if os.geteuid() != 0:
        pytest.skip("making a device needs root")
    os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null
    return path


def _readonly(path: Path) -> Path:
    path.write_text("keep me", encoding="utf-8")
    path.chmod(0o444)
    return path


#: (what, a function making the target in a folder, words of the refusal)
NOT_REPLACEABLE: list[tuple[str, Callable[[Path], Path], str]] = [
    ("fifo", lambda d: _fifo(d / "t"), "pipe (FIFO)"),
    ("symlink", lambda d: _link(d / "t", str(d / "elsewhere")), "symbolic link"),
    ("dangling-symlink", lambda d: _link(d / "t", "/nonexistent/x"), "symbolic link"),
    ("folder", lambda d: _mkdir(d / "t"), "folder"),
    ("device", lambda d: _chardev(d / "t"), "character device"),
    ("read-only", lambda d: _readonly(d / "t"), "read-only"),
]


@pytest.mark.parametrize(
    ("what", "make", "words"), NOT_REPLACEABLE, ids=[n[0] for n in NOT_REPLACEABLE]
)
@pytest.mark.parametrize("backup", [True, False])
def test_atomic_write_replaces_only_regular_writable_files(
    tmp_path: Path, what: str, make: Callable[[Path], Path], words: str, backup: bool
) -> None:
    """A link, pipe, folder, device or read-only file is left as it was, with no temp file."""
    (tmp_path / "elsewhere").write_text("other", encoding="utf-8")
    target = make(tmp_path)
    kind, before = stat.S_IFMT(os.lstat(target).st_mode), _listing(tmp_path)
    with pytest.raises(WorkspaceError, match=re.escape(words)):
        atomic_write(target, "new", backup=backup)
    assert stat.S_IFMT(os.lstat(target).st_mode) == kind
    assert _listing(tmp_path) == before
    assert (tmp_path / "elsewhere").read_text(encoding="utf-8") == "other"
    if what == "read-only":
        assert target.read_text(encoding="utf-8") == "keep me"


# --------------------------------------------------------------------------- temporary files


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_same_inode_backup_leaves_no_temp_file(tmp_path: Path) -> None:
    """The reported probe: a .bak that is a hard link to the file leaves no .tmp behind."""
    p = tmp_path / "w.json"
    atomic_write(p, "a", backup=False)
    os.link(p, str(p) + ".bak")
    atomic_write(p, "b")
    assert _temps(tmp_path) == []
    assert p.read_text() == "b" and (tmp_path / "w.json.bak").read_text() == "a"


@pytest.mark.parametrize("fails", ["fsync", "replace", "link", "write-interrupted"])
def test_a_failed_save_leaves_no_temp_file(tmp_path: Path, monkeypatch: Any, fails: str) -> None:
    """Whatever step fails, the old file is whole and no temporary file is left."""
    p = tmp_path / "w.json"
    atomic_write(p, "old")

    def boom(*args: Any, **kwargs: Any) -> Any:
        if fails == "write-interrupted":
            raise KeyboardInterrupt
        raise OSError(28, "No space left on device")

    name = {"fsync": "fsync", "replace": "replace", "link": "link"}.get(fails, "fsync")
    monkeypatch.setattr(os, name, boom)
    if fails == "link":
        monkeypatch.setattr(shutil, "copy2", boom)
    with pytest.raises((WorkspaceError, KeyboardInterrupt)):
        atomic_write(p, "new")
    monkeypatch.undo()
    assert p.read_text() == "old"
    assert _temps(tmp_path) == []


def test_stale_temp_files_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    """The next save removes its own old temporary files, and nothing else."""
    p = tmp_path / "w.json"
    stale = [".w.json.abcd1234.tmp", ".w.json.bak.x_yz9876.tmp"]
    kept = [".w.json.fresh123.tmp", ".other.json.abcd1234.tmp", ".w.json.notours.tmp"]
    an_hour_ago = time.time() - 3600
    for name in stale + kept:
        (tmp_path / name).write_text("x")
        if name != ".w.json.fresh123.tmp":
            os.utime(tmp_path / name, (an_hour_ago, an_hour_ago))
    atomic_write(p, "new")
    assert _temps(tmp_path) == sorted(kept)


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(MINI, folder)
    (tmp_path / "existing").mkdir()
    return folder


#: (arguments, with {case} and {tmp}; words in the error)
BAD_OUTPUTS = [
    (["export", "{case}", "-o", "{case}/case.yaml"], "case file"),
    (["export", "{case}", "-o", "{case}/law.YML"], "case file"),
    (["export", "{case}", "--format", "docx", "-o", "{case}/case.yaml"], "case file"),
    (["schema", "-o", "{case}/case.yaml"], "case file"),
    (["export", "{case}", "-o", ""], "no output file"),
    (["schema", "-o", ""], "no output file"),
    (["export", "{case}", "-o", "{tmp}/newdir/"], "no such folder"),
    (["export", "{case}", "-o", "{case}/brief.md"], "holds a case file"),
    (["export", "{case}", "-o", "{case}/"], "holds a case file"),
    (["schema", "-o", "{case}/s.json"], "holds a case file"),
    (["export", "{case}", "-o", "{tmp}/readonly.md"], "--force"),
    (["export", "{case}", "--force", "-o", "{case}/case.yaml"], "case file"),
    (["export", "{case}", "--force", "-o", "{tmp}/link.md"], "symbolic link"),
    (["export", "{case}", "--format", "md", "-o", "{tmp}/x.docx"], "for docx, not --format md"),
    (["export", "{case}", "--format", "docx", "-o", "{tmp}/x.md"], "for md, not --format docx"),
    (["export", "{case}", "--format", "aif", "-o", "{tmp}/x.argdown"], "not --format aif"),
    (["schema", "-o", "{tmp}/missing/dir/s.json"], "No such file"),
    (["schema", "-o", "{tmp}/link.json"], "symbolic link"),
    (["export", "{case}", "-o", "{tmp}/link.md"], "symbolic link"),
]


@pytest.mark.parametrize(("argv", "words"), BAD_OUTPUTS, ids=[" ".join(a[0]) for a in BAD_OUTPUTS])
def test_bad_output_is_refused_and_nothing_changes(
    case_dir: Path, capsys: Any, argv: list[str], words: str
) -> None:
    """-o onto a case file, empty, a folder, the wrong suffix or a link: exit 1, a clear error."""
    tmp = case_dir.parent
    (tmp / "link.json").symlink_to(tmp / "target.json")
    (tmp / "link.md").symlink_to(tmp / "target.md")
    (tmp / "readonly.md").write_text("keep me", encoding="utf-8")
    (tmp / "readonly.md").chmod(0o444)
    before = {p: p.read_bytes() for p in case_dir.iterdir()}
    listing = _listing(tmp)
    args = [a.format(case=case_dir, tmp=tmp) for a in argv]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in case_dir.iterdir()} == before
    assert _listing(tmp) == listing
    assert (tmp / "readonly.md").read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["export", "{case}", "-o", "{tmp}/x.docx"], "x.docx"),
        (["export", "{case}", "--format", "aif", "-o", "{tmp}/x.json"], "x.json"),
        (["export", "{case}", "--format", "md", "-o", "{tmp}/x.txt"], "x.txt"),
        (["export", "{case}", "--force", "-o", "{case}/brief.md"], "case/brief.md"),
        (["schema", "-o", "{tmp}/s.json"], "s.json"),
        (["export", "{case}", "-o", "{tmp}/existing"], "existing/case-movant.md"),
        (
            ["export", "{case}", "--side", "opponent", "--format", "docx", "-o", "{tmp}/existing/"],
            "existing/case-opponent.docx",
        ),
        (["schema", "-o", "{tmp}/existing"], "existing/case-file.schema.json"),
        (["export", "{case}", "--force", "-o", "{tmp}/readonly.md"], "readonly.md"),
    ],
)
def test_good_output_is_written(case_dir: Path, argv: list[str], name: str) -> None:
    """A file name, a folder (a default name in it), or --force: written atomically.

    --force lets an export into a case folder and over a read-only file.
    """
    tmp = case_dir.parent
    (tmp / "readonly.md").write_text("old", encoding="utf-8")
    (tmp / "readonly.md").chmod(0o444)
    assert main([a.format(case=case_dir, tmp=tmp) for a in argv]) == 0
    assert (tmp / name).stat().st_size > 0
    assert _temps(tmp) == [] and _temps(case_dir) == []


def test_schema_output_replaces_a_file_atomically(case_dir: Path) -> None:
    """The schema command's -o goes through the atomic writer: the file keeps its permissions."""
    out = case_dir.parent / "s.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_word_export_is_not_written_to_a_terminal(
    case_dir: Path, capsys: Any, monkeypatch: Any
) -> None:
    """A Word export with no -o refuses a terminal, and writes to a pipe or file."""
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(["export", str(case_dir), "--format", "docx"]) == 1
    err = capsys.readouterr().err
    assert "binary" in err and "-o" in err
    monkeypatch.setattr(sys.stdout, "isatty", lambda: False)
    assert main(["export", str(case_dir), "--format", "md"]) == 0


def test_errors_are_workbook_errors() -> None:
    """UnsafePathError is a WorkspaceError, so every caller that catches one catches both."""
    assert issubclass(UnsafePathError, WorkspaceError)
    assert issubclass(UnsafePathError, WorkbookError) and issubclass(UnsafePathError, ValueError)


# --------------------------------------------------------------------------- clean errors

LONG = "x" * 300


def _deep_case(tmp_path: Path, depth: int) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(MINI, folder, dirs_exist_ok=True)
    (folder / "deep.yaml").write_text("notes: " + "[" * depth + "]" * depth + "\n")
    return folder


@pytest.mark.parametrize(
    ("depth", "words"),
    [(40, "nested more than 32"), (500, "more than 32"), (5000, "far more than 32")],
)
def test_deeply_nested_yaml_is_a_located_error(tmp_path: Path, depth: int, words: str) -> None:
    """YAML nested 40, 500 (1 KB) or 5,000 deep is a case-file error, never a RecursionError."""
    from workbook.casefile.load import check_case

    folder = _deep_case(tmp_path, depth)
    with pytest.raises(CaseFileError, match=words) as caught:
        read_case_data(folder)
    assert caught.value.path == folder / "deep.yaml"
    report = check_case(folder)  # documented never to raise
    assert report.case is None and words in str(report.problems[0])


def test_libyaml_and_pure_python_read_the_same(monkeypatch: Any) -> None:
    """The fast libyaml loader gives the same data and lines as the pure-Python one."""
    from workbook.paths import DEFAULT_CASE

    fast = read_case_data(DEFAULT_CASE)
    monkeypatch.setattr(case_read, "_FAST_LOADER", None)
    slow = read_case_data(DEFAULT_CASE)
    assert fast[0] == slow[0]
    assert fast[1]._where == slow[1]._where


@pytest.mark.parametrize("command", ["check", "weigh", "export"])
def test_deep_yaml_and_long_names_give_errors_not_tracebacks(
    tmp_path: Path, capsys: Any, command: str
) -> None:
    """The command line reports deep nesting and a name too long as errors, exit 1."""
    folder = _deep_case(tmp_path, 500)
    for target in (folder, tmp_path / LONG, folder / f"{LONG}.yaml"):
        assert main([command, str(target)]) == 1
        out = capsys.readouterr()
        assert "Traceback" not in out.out + out.err
        assert "error" in out.out + out.err


@pytest.mark.parametrize("command", [["schema"], ["export", str(MINI)]])
def test_output_name_too_long_is_an_error(tmp_path: Path, capsys: Any, command: list[str]) -> None:
    """-o with a name the system cannot hold is an error, not an OSError traceback."""
    assert main([*command, "-o", str(tmp_path / f"{LONG}.json")]) == 1
    assert "File name too long" in capsys.readouterr().err


@pytest.mark.parametrize("version", ['"2"', "2.0", "true", "null", '"1"'])
@pytest.mark.parametrize("loader", [load_scenario, load_workspace])
def test_version_must_be_a_whole_number(tmp_path: Path, version: str, loader: Any) -> None:
    """A version written as text, a float or a boolean is refused, not read as version 1 or 2."""
    path = tmp_path / "s.json"
    path.write_text(f'{{"case": "mini", "version": {version}}}', encoding="utf-8")
    with pytest.raises(WorkspaceError, match="version must be a whole number") as caught:
        loader(path)
    assert caught.value.key == "version" and caught.value.line == 1


def _denied(*args: Any, **kwargs: Any) -> Any:
    raise PermissionError(13, "Permission denied")


@pytest.mark.parametrize(
    ("patch", "call", "error"),
    [
        ("iterdir", lambda d: read_case_data(d / "case"), CaseFileError),
        ("open", lambda d: read_case_data(d / "case"), CaseFileError),
        ("open", lambda d: load_workspace(d / "w.json"), WorkspaceError),
        ("open", lambda d: load_scenario(d / "w.json"), WorkspaceError),
        ("mkstemp", lambda d: atomic_write(d / "w.json", "new"), WorkspaceError),
    ],
)
def test_permission_denied_is_our_error(
    tmp_path: Path, monkeypatch: Any, patch: str, call: Callable[[Path], object], error: type
) -> None:
    """A folder or file we may not read or write (chmod 000) is a clear error, not a traceback."""
    import tempfile

    shutil.copytree(MINI, tmp_path / "case")
    atomic_write(tmp_path / "w.json", Scenario(case="mini").to_json())
    target = {"iterdir": (Path, "iterdir"), "open": (os, "open"), "mkstemp": (tempfile, "mkstemp")}
    monkeypatch.setattr(*target[patch], _denied)
    with pytest.raises(error, match="Permission denied"):
        call(tmp_path)


def test_case_text_cannot_drive_the_terminal(tmp_path, capsys):
    """An ANSI escape in a case file's text is printed as plain characters by `weigh`."""
    import shutil

    from workbook import CASES
    from workbook.__main__ import main

    folder = tmp_path / "case"
    shutil.copytree(CASES / "tiktok-v-trump", folder)
    path = folder / "case.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("title: TikTok Inc. v. Trump", 'title: "TikTok\\e[2J Inc. v. Trump"', 1),
        encoding="utf-8",
    )
    assert main(["weigh", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "TikTok[2J Inc. v. Trump" in out
