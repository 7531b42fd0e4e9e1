"""Throw malformed case files and workspace files at the loaders: only our own errors may come out.

About 10,200 generated files in all (see the ``max_examples`` of each test).
The only allowed outcomes are a loaded value or the workbook's own error
(:class:`CaseFileError` / :class:`WorkspaceError`) naming the file (and the
line and key where there is one); never a crash or a library's traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbook import load_case
from workbook.casefile.load import check_case
from workbook.errors import (
    CaseFileError,
    CaseFileProblems,
    CaseFileSchemaError,
    DuplicateIdError,
    UnknownReferenceError,
    WorkspaceError,
)
from workbook.scenario import Scenario
from workbook.store import Workspace, load_scenario, load_workspace

HERE = Path(__file__).parent


def _base_text() -> str:
    """The mini case cut down to one file of ~140 lines (YAML parsing dominates the run time)."""
    data: dict = {}
    for name in ("case.yaml", "record.yaml", "law.yaml"):
        data.update(yaml.safe_load((HERE / "cases" / "mini" / name).read_text(encoding="utf-8")))
    keep = {"winter", "chaplaincy", "navy"}
    data["facts"] = data["facts"][:2]
    data["authorities"] = [a for a in data["authorities"] if a["id"] in keep]
    data["arguments"] = [
        a for a in data["arguments"] if a["id"] in ("m-harm", "o-harm", "m-standing", "o-standing")
    ]
    for arg in data["arguments"]:
        arg["authorities"] = [
            c for c in arg.get("authorities", []) if (c if isinstance(c, str) else c["id"]) in keep
        ]
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


MINI_TEXT = _base_text()
_DIR = Path(tempfile.mkdtemp(prefix="workbook-fuzz-"))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )


# Problems that have no line: the file as a whole is wrong.
_WHOLE_FILE = ("not UTF-8", "cannot read", "no case files", "bytes, more than", "is empty")


def _write(name: str, data: bytes) -> Path:
    path = _DIR / name
    path.write_bytes(data)
    return path


def _problems(exc: CaseFileError) -> tuple[CaseFileError, ...]:
    return exc.problems if isinstance(exc, CaseFileProblems) else (exc,)


def _check_case_error(exc: CaseFileError, path: Path) -> None:
    for problem in _problems(exc):
        assert problem.path == path, problem
        missing_section = problem.problem.startswith("required key") and "." not in (
            problem.key or "."
        )
        if not missing_section and not any(text in problem.problem for text in _WHOLE_FILE):
            assert problem.line is not None and problem.line >= 1, problem
        if isinstance(problem, (CaseFileSchemaError, DuplicateIdError, UnknownReferenceError)):
            assert problem.key is not None or "top level" in problem.problem, problem
        assert "Traceback" not in str(problem)


def _load_or_our_error(path: Path) -> None:
    try:
        load_case(path)
    except CaseFileError as exc:
        _check_case_error(exc, path)


# --------------------------------------------------------------------------- case files

_mutation = st.tuples(
    st.sampled_from(["delete", "insert", "replace", "truncate", "duplicate", "indent"]),
    st.integers(0, len(MINI_TEXT)),
    st.integers(1, 200),
    st.sampled_from(
        [
            "",
            ":",
            ": ",
            "-",
            "- ",
            "[",
            "]",
            "{",
            "}",
            "!",
            "!!python/object:os.system",
            "&a",
            "*a",
            "#",
            "|",
            ">",
            "'",
            '"',
            "\n",
            "\t",
            ",",
            "?",
            "%",
            "@",
            "`",
            "0",
            "1.5",
            "-1",
            "null",
            "yes",
            "2026-13-45",
            "\x00",
            "\ufeff",
            "é",
            "\n  - id: x\n",
            "<<: *a",
            "\\u0000",
            "1e999",
            "NaN",
            "true",
            "{}",
        ]
    ),
)


def _mutate(text: str, ops: list[tuple[str, int, int, str]]) -> str:
    for op, at, size, junk in ops:
        at = min(at, len(text))
        if op == "delete":
            text = text[:at] + text[at + size :]
        elif op == "insert":
            text = text[:at] + junk + text[at:]
        elif op == "replace":
            text = text[:at] + junk + text[at + len(junk) :]
        elif op == "truncate":
            text = text[:at]
        elif op == "duplicate":
            lines = text.splitlines(keepends=True)
            if lines:
                i = at % len(lines)
                lines.insert(i, lines[i])
            text = "".join(lines)
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                i = at % len(lines)
                lines[i] = " " * (size % 5) + lines[i]
            text = "".join(lines)
    return text


@fuzz(2500)
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_case_files(ops):
    """A valid case file with random edits loads or fails with our error, file and line."""
    path = _write("mutated.yaml", _mutate(MINI_TEXT, ops).encode("utf-8"))
    _load_or_our_error(path)


_FIELDS = [
    "id",
    "kind",
    "title",
    "name",
    "role",
    "citation",
    "strength",
    "side",
    "element",
    "heading",
    "body",
    "attacks",
    "supports",
    "requires",
    "sources",
    "status",
    "statement",
    "verification",
    "default",
    "answers",
    "proposition",
    "strength_reason",
    "harm",
    "date",
    "movant",
    "opponent",
    "court",
    "motion",
    "bogus",
]
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "winter",
            "movant",
            "opponent",
            "harm",
            "case",
            "verified",
            "yes",
            "no",
            "threshold",
            "irreparable-harm",
            "a",
            "b",
            "x",
        ]
    ),
    st.dates(min_value=dt.date(1, 1, 1)),
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_FIELDS), inner, max_size=4)
    ),
    max_leaves=8,
)
_records = st.dictionaries(st.sampled_from(_FIELDS), _values, max_size=8)
_sections = st.dictionaries(
    st.sampled_from(
        [
            "case",
            "parties",
            "claims",
            "elements",
            "questions",
            "sources",
            "facts",
            "authorities",
            "arguments",
            "extra",
        ]
    ),
    st.one_of(_records, st.lists(_records, max_size=3), _scalars),
    min_size=1,
    max_size=5,
)


@fuzz(1500)
@given(_sections)
def test_random_structured_case_files(sections):
    """Random records under the real section names load or fail with our error and key."""
    text = yaml.safe_dump(sections, allow_unicode=True, default_flow_style=False, sort_keys=False)
    path = _write("structured.yaml", text.encode("utf-8"))
    _load_or_our_error(path)


@fuzz(800)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_random_bytes_as_case_files(data):
    """Arbitrary bytes are refused as a case file with our error, never a crash."""
    path = _write("bytes.yaml", data)
    with pytest.raises(CaseFileError) as refused:
        load_case(path)
    _check_case_error(refused.value, path)
    report = check_case(path)  # check never raises, even running the citation parser
    assert not report.ok and report.case is None
    for problem in report.problems:
        _check_case_error(problem, path)
    assert [str(p) for p in report.problems] == [str(p) for p in _problems(refused.value)]


@fuzz(300)
@given(st.lists(_mutation, min_size=1, max_size=3))
def test_check_with_citations_on_mutated_files(ops):
    """`check` (with the citation checker) never raises on a mangled case file."""
    path = _write("checked.yaml", _mutate(MINI_TEXT, ops).encode("utf-8"))
    report = check_case(path)
    for problem in report.problems:
        _check_case_error(problem, path)
    for warning in report.warnings:
        assert warning.path == path


# --------------------------------------------------------------------------- workspace files

VALID_WORKSPACE = Workspace(
    case="mini",
    scenario=Scenario(case="mini", dropped=("m-harm",), answers={"q": "a"}),
    exercises={"ex-1": "standing first"},
    notes="n",
)
VALID_WS = VALID_WORKSPACE.to_json()


def _our_error(exc: WorkspaceError, path: Path) -> None:
    assert exc.path == path
    assert "Traceback" not in str(exc)


def _load_ws_or_our_error(path: Path) -> list[Workspace | Scenario]:
    """What each loader made of the file, where it loaded; where not, the error was ours."""
    before = path.read_bytes()
    loaded: list[Workspace | Scenario] = []
    for loader in (load_workspace, load_scenario):
        try:
            loaded.append(loader(path))
        except WorkspaceError as exc:
            _our_error(exc, path)
    assert path.read_bytes() == before  # loading changes nothing
    return loaded


def _refused_as_workspace(path: Path) -> None:
    """Both loaders refuse the file with our error naming it, and leave it as it was."""
    before = path.read_bytes()
    for loader in (load_workspace, load_scenario):
        with pytest.raises(WorkspaceError) as refused:
            loader(path)
        _our_error(refused.value, path)
    assert path.read_bytes() == before  # loading changes nothing


@fuzz(2500)
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_workspace_files(ops):
    """A valid workspace with random edits loads or fails with WorkspaceError."""
    path = _write("mutated.json", _mutate(VALID_WS, ops).encode("utf-8"))
    _load_ws_or_our_error(path)


_json = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=10)
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "format",
                    "version",
                    "case",
                    "scenario",
                    "exercises",
                    "notes",
                    "dropped",
                    "added",
                    "strengths",
                    "answers",
                    "ranges",
                    "low",
                    "high",
                    "x",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=10,
)


@fuzz(2000)
@given(_json, st.booleans())
def test_random_json_as_workspace(data, tagged):
    """Random JSON, with or without the workspace tag, is refused with WorkspaceError.

    Only an object naming its case (a string ``case``, which every scenario and workspace
    has) may load, such as a bare scenario ``{"case": "x"}``; whatever loads is for that case.
    """
    if tagged and isinstance(data, dict):
        data = {**data, "format": "workbook-workspace"}
    path = _write("random.json", json.dumps(data).encode("utf-8"))
    if isinstance(data, dict) and isinstance(data.get("case"), str):
        for loaded in _load_ws_or_our_error(path):
            assert loaded.case == data["case"]
    else:
        _refused_as_workspace(path)


@fuzz(600)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(str.encode),
        st.integers(0, len(VALID_WS)).map(lambda n: VALID_WS[:n].encode()),
    )
)
def test_bytes_and_truncations_as_workspace(data):
    """Binary junk and every truncation of a valid workspace fail cleanly.

    The one exception is the whole file (with or without its last newline): it loads whole.
    """
    path = _write("junk.json", data)
    if data.strip() == VALID_WS.encode().strip():
        assert load_workspace(path) == VALID_WORKSPACE
        assert load_scenario(path) == VALID_WORKSPACE.scenario
    else:
        _refused_as_workspace(path)
