"""Writing one record into a case's YAML: comments and other records kept, bad edits refused."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from workbook import CASES
from workbook.casefile.edit import put_record, section_file
from workbook.casefile.load import check_case, load_case
from workbook.casefile.new import new_case
from workbook.casefile.splice import insert_record, parse_text, render_record
from workbook.errors import (
    CaseFileError,
    CaseFileSchemaError,
    DuplicateIdError,
    UnknownReferenceError,
)

FACT = {
    "id": "letter",
    "statement": "The agency wrote to the plaintiff: its licence was refused.",
    "sources": ["complaint"],
    "status": "reported",
}
AUTHORITY = {
    "id": "nken",
    "kind": "case",
    "citation": "Nken v. Holder, 556 U.S. 418 (2009)",
    "proposition": "When the government opposes, the last two factors merge.",
    "verification": {"status": "unverified", "note": "Not yet read."},
}
ARGUMENT = {
    "id": "o-harm-money",
    "side": "opponent",
    "element": "harm",
    "heading": "The loss is money, recoverable later",
    "body": "A loss of revenue can be made up after judgment.",
    "authorities": ["winter"],
    "facts": ["example-fact"],
    "strength": 0.4,
    "strength_reason": "Sovereign immunity may bar damages, which cuts the other way.",
    "attacks": ["m-standing-example"],
}
QUESTION = {
    "id": "q-final",
    "text": "Is the agency's letter final action?",
    "answers": [{"id": "final", "label": "Final"}, {"id": "not-final", "label": "Not final"}],
    "default": "final",
    "elements": ["success"],
}
RECORDS: dict[str, Mapping[str, Any]] = {
    "facts": FACT,
    "authorities": AUTHORITY,
    "arguments": ARGUMENT,
    "questions": QUESTION,
}


@pytest.fixture
def case(tmp_path: Path) -> Path:
    """A new one-file case (its case.yaml full of the comments `new` writes)."""
    folder = tmp_path / "acme"
    new_case(folder, title="Acme Corp. v. Secretary", court="D.D.C.")
    return folder


@pytest.fixture
def tiktok(tmp_path: Path) -> Path:
    """A copy of a shipped case of several commented files."""
    return Path(shutil.copytree(CASES / "tiktok-v-trump", tmp_path / "tiktok-v-trump"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("section", RECORDS)
def test_an_added_record_leaves_every_other_byte(case: Path, section: str) -> None:
    """Adding a record inserts its lines and nothing else: comments and order survive."""
    old = (case / "case.yaml").read_text(encoding="utf-8")
    edit = put_record(case, section, RECORDS[section])
    new = (case / "case.yaml").read_text(encoding="utf-8")
    block = render_record(RECORDS[section])
    assert block in new and new.replace(block, "", 1) == old
    assert [line for line in old.splitlines() if line.lstrip().startswith("#")] == [
        line for line in new.splitlines() if line.lstrip().startswith("#")
    ]
    assert edit.report.ok and edit.path == case / "case.yaml"
    loaded = getattr(load_case(case), section)
    assert loaded[-1].id == RECORDS[section]["id"]


def test_a_case_of_one_file_named_by_its_file(case: Path) -> None:
    """A case given as one file is edited in that file."""
    edit = put_record(case / "case.yaml", "facts", FACT)
    assert edit.path == case / "case.yaml" and edit.report.ok
    assert load_case(case / "case.yaml").fact("letter").status == "reported"
    assert sorted(p.name for p in case.iterdir()) == ["case.yaml"]  # no temporary file left


def test_a_replaced_record_changes_only_its_own_lines(tiktok: Path) -> None:
    """Replacing a fact in the middle of a commented file keeps the text around it byte-for-byte."""
    path = tiktok / "facts.yaml"
    old = path.read_text(encoding="utf-8")
    start = old.index("  - id: cfius-order\n")
    after = old.index("  - id: prohibitions-announced\n")
    record = {
        "id": "cfius-order",
        "statement": "A separate CFIUS order required ByteDance to divest TikTok.",
        "sources": ["lawfare-2020-09"],
        "status": "reported",
    }
    edit = put_record(tiktok, "facts", record, replace=True)
    new = path.read_text(encoding="utf-8")
    assert edit.replaced and edit.report.ok
    assert new == old[:start] + render_record(record) + old[after:]
    assert load_case(tiktok).fact("cfius-order").statement == record["statement"]


def test_a_record_joins_the_file_that_holds_its_section(tiktok: Path) -> None:
    """A new authority goes into authorities.yaml, after the last one, before nothing else."""
    assert section_file(tiktok, "authorities") == tiktok / "authorities.yaml"
    before = _files(tiktok)
    authority = {**AUTHORITY, "id": "nken-stay"}
    put_record(tiktok, "authorities", authority)
    after = _files(tiktok)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["authorities.yaml"] and set(after) == set(before)
    text = after["authorities.yaml"].decode()
    assert text.endswith(render_record(authority))
    assert text.startswith(before["authorities.yaml"].decode())


BAD: list[tuple[str, str, Mapping[str, Any], bool, type[Exception], str]] = [
    ("duplicate id", "facts", {**FACT, "id": "example-fact"}, False, DuplicateIdError, "twice"),
    (
        "attacks an unknown argument",
        "arguments",
        {**ARGUMENT, "attacks": ["no-such-argument"]},
        False,
        UnknownReferenceError,
        "unknown argument id 'no-such-argument'",
    ),
    (
        "empty heading",
        "arguments",
        {**ARGUMENT, "heading": "   "},
        False,
        CaseFileSchemaError,
        "heading is required",
    ),
    (
        "verified with no record",
        "authorities",
        {**AUTHORITY, "verification": {"status": "verified"}},
        False,
        CaseFileSchemaError,
        "no record of what was checked",
    ),
    (
        "replace an id the section lacks",
        "facts",
        FACT,
        True,
        UnknownReferenceError,
        "no record 'letter' in facts to replace",
    ),
    (
        "a fact with an unknown status",
        "facts",
        {**FACT, "status": "rumoured"},
        False,
        CaseFileSchemaError,
        "status",
    ),
    ("not a section the editor writes", "parties", FACT, False, UnknownReferenceError, "parties"),
]


@pytest.mark.parametrize(
    ("section", "record", "replace", "error", "words"),
    [b[1:] for b in BAD],
    ids=[b[0] for b in BAD],
)
def test_a_bad_edit_is_refused_and_changes_nothing(
    case: Path,
    section: str,
    record: Mapping[str, Any],
    replace: bool,
    error: type[Exception],
    words: str,
) -> None:
    """A refused edit says why, and leaves every file of the case as it was, byte for byte."""
    before = _files(case)
    with pytest.raises(error, match=words) as caught:
        put_record(case, section, record, replace=replace)
    assert isinstance(caught.value, CaseFileError) and caught.value.hint
    assert _files(case) == before


def test_a_duplicate_names_the_line_of_the_first(case: Path) -> None:
    """The duplicate-id error carries the file, line and key of the record it clashes with."""
    with pytest.raises(DuplicateIdError) as caught:
        put_record(case, "facts", {**FACT, "id": "example-fact"})
    line = (case / "case.yaml").read_text(encoding="utf-8").splitlines()[caught.value.line - 1]
    assert line.strip() == "- id: example-fact"
    assert caught.value.path == case / "case.yaml"
    assert caught.value.key == "facts[id=example-fact].id"


def test_an_edit_to_a_case_already_broken_is_judged_by_what_it_adds(case: Path) -> None:
    """A problem the case already had does not block an edit that adds none."""
    path = case / "case.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("attacks: [", "attacks: [ghost, ")
        + "  - id: o-extra\n    side: opponent\n    element: harm\n    heading: H\n"
        "    body: B\n    strength: 0.5\n    strength_reason: R\n    attacks: [ghost]\n",
        encoding="utf-8",
    )
    assert not check_case(case).ok
    edit = put_record(case, "facts", FACT)
    assert any("ghost" in p.problem for p in edit.report.problems)
    with pytest.raises(UnknownReferenceError, match="phantom"):
        put_record(case, "arguments", {**ARGUMENT, "attacks": ["phantom"]})


def test_a_link_is_never_written_through(case: Path, tmp_path: Path) -> None:
    """A case file that is a symbolic link is refused; what it points at is unchanged."""
    real = tmp_path / "elsewhere.yaml"
    shutil.move(case / "case.yaml", real)
    (case / "case.yaml").symlink_to(real)
    before = real.read_bytes()
    with pytest.raises(CaseFileError, match="not a regular file"):
        put_record(case, "facts", FACT)
    assert real.read_bytes() == before
    assert sorted(p.name for p in case.iterdir()) == ["case.yaml"]


SPLICES: list[tuple[str, str, str]] = [
    ("a section the file lacks", "case:\n  id: x\n", "case:\n  id: x\n\nfacts:\n  - id: new\n"),
    ("an empty list", "facts: []\nsources: []\n", "facts:\n  - id: new\nsources: []\n"),
    ("no newline at the end", "facts:\n  - id: a", "facts:\n  - id: a\n  - id: new\n"),
    (
        "comments between sections",
        "facts:\n  - id: a\n\n# sources next\nsources: []\n",
        "facts:\n  - id: a\n  - id: new\n\n# sources next\nsources: []\n",
    ),
    (
        "records written flush left",
        "facts:\n- id: a\n  note: x\n",
        "facts:\n- id: a\n  note: x\n- id: new\n",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [s[1:] for s in SPLICES], ids=[s[0] for s in SPLICES]
)
def test_splicing_a_record_into_text(text: str, expected: str) -> None:
    """A new record lands after the section's last one, whatever shape the section has."""
    assert insert_record(text, parse_text(text, "facts"), "facts", {"id": "new"}) == expected


def test_replacing_a_record_in_a_bracketed_list() -> None:
    """A record in a section written in brackets can be replaced; the others are kept."""
    text = "facts: [{id: a, note: x}, {id: b}]\nsources: []\n"
    out = insert_record(text, parse_text(text, "facts"), "facts", {"id": "a"}, replace="a")
    assert yaml.safe_load(out) == {"facts": [{"id": "a"}, {"id": "b"}], "sources": []}


def test_text_is_quoted_so_it_reads_back_as_written() -> None:
    """Text YAML 1.1 would read as something else (a time, a number, null) comes back as text."""
    record = {"id": "x", "a": "key: value", "b": "1.0", "c": "null", "d": "# not a comment"}
    record |= {"e": "20:30", "f": "1_000", "g": "0x10", "h": "2020-01-01", "i": "No"}
    text = "facts:\n" + render_record(record)
    assert yaml.safe_load(text) == {"facts": [record]}
