from pathlib import Path

import pytest

import workbook
from workbook import CaseFileError, UnknownReferenceError, check_case, load_case


def _write(tmp_path: Path, text: str) -> Path:
    f = tmp_path / "case.yaml"
    f.write_text(text, encoding="utf-8")
    return f


BASE = """\
case:
  id: c
  title: A v. B
  court: D.D.C.
  motion: PI
  movant: a
  opponent: b
parties:
  - {id: a, name: A, role: plaintiff}
  - {id: b, name: B, role: defendant}
elements:
  - {id: harm, name: Harm, role: irreparable-harm}
"""


def test_shipped_cases_load():
    """Every shipped case folder loads without a problem."""
    for folder in sorted(p for p in workbook.CASES.iterdir() if p.is_dir()):
        assert check_case(folder).ok, folder


@pytest.mark.parametrize(
    ("extra", "error", "line", "needle"),
    [
        ("case2: {}\n", CaseFileError, 13, "unknown section 'case2'"),
        (
            "facts:\n  - {id: f, statement: s, sources: [nope], status: reported}\n",
            UnknownReferenceError,
            14,
            "unknown source id 'nope'",
        ),
        (
            "facts:\n  - {id: f, statement: s, sources: [x], status: rumour}\n",
            CaseFileError,
            14,
            "'rumour' is not allowed",
        ),
        ("parties: []\n", CaseFileError, 13, "twice"),
        ("facts: [\n", CaseFileError, 14, "not valid YAML"),
    ],
)
def test_bad_input_names_file_line_and_fix(tmp_path, extra, error, line, needle):
    """A malformed case file raises our error with the file, the line and a hint."""
    f = _write(tmp_path, BASE + extra)
    with pytest.raises(error) as info:
        load_case(f)
    exc = info.value
    assert exc.path == f
    assert exc.line == line
    assert needle in str(exc)
    assert "how to fix" in str(exc)


def test_aliases_and_tags_are_refused(tmp_path):
    """YAML aliases and custom tags are rejected, never executed."""
    f = _write(tmp_path, BASE + "sources: !!python/object:os.system {}\n")
    with pytest.raises(CaseFileError, match="tag"):
        load_case(f)


def test_public_names_are_pinned():
    """The public API does not change by accident."""
    assert sorted(workbook.__all__) == PUBLIC_NAMES
    assert sorted(dir(workbook)) == PUBLIC_NAMES
    for name in PUBLIC_NAMES:
        assert hasattr(workbook, name), name


PUBLIC_NAMES = [
    "Analysis",
    "Answer",
    "Argument",
    "Authority",
    "CASES",
    "Case",
    "CaseFileError",
    "CaseFileProblems",
    "CaseFileSchemaError",
    "CaseFileSyntaxError",
    "CaseInfo",
    "CheckReport",
    "Cite",
    "Claim",
    "DEFAULT_CASE",
    "DuplicateIdError",
    "Element",
    "ElementResult",
    "Fact",
    "Finding",
    "Harm",
    "Party",
    "Question",
    "Quote",
    "Result",
    "SEMANTICS",
    "STANDARDS",
    "Scenario",
    "ScenarioError",
    "Source",
    "StrengthRange",
    "UnknownReferenceError",
    "Verification",
    "WorkbookError",
    "Workspace",
    "WorkspaceError",
    "__version__",
    "analyse",
    "check_case",
    "compare_semantics",
    "compare_standards",
    "decisive_questions",
    "export_aif",
    "export_argdown",
    "export_outline",
    "import_aif",
    "load_case",
    "load_scenario",
    "load_workspace",
    "monte_carlo",
    "save_scenario",
    "save_workspace",
    "tipping_points",
    "tornado",
    "weigh",
    "write_export",
]
