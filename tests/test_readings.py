"""Readings belong to the case: loaded from its folder, checked, shown, with a generic fallback."""

from __future__ import annotations

import shutil

import pytest

from workbook import CASES, load_case
from workbook.casefile.load import check_case
from workbook.casefile.readings import check_readings, cited_in, load_readings
from workbook.ui.readings import generic_text, reading, readings_note


@pytest.mark.parametrize("name", ["legion-v-lutnick", "tiktok-v-trump"])
def test_every_shipped_case_has_readings_that_check(name):
    readings = load_readings(CASES / name)
    assert {r.notebook for r in readings} >= {"00", "02", "03", "04", "05"}
    assert check_readings(load_case(CASES / name), readings) == []


def copy_case(tmp_path, name="tiktok-v-trump"):
    folder = tmp_path / name
    shutil.copytree(CASES / name, folder)
    return folder


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Compare Marbury v. Madison, 5 U.S. 137 (1803).", "not one of the case's authorities"),
        ("The bar is high (Chaplaincy, 454 F.3d at 299).", "a pinpoint its verification record"),
    ],
)
def test_check_refuses_a_reading_citation_the_case_does_not_back(tmp_path, line, words):
    folder = copy_case(tmp_path)
    path = folder / "readings" / "04-harm.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    report = check_case(folder)
    found = [p for p in report.problems if words in str(p)]
    assert found and found[0].path == path and found[0].line and found[0].line > 5


def test_a_citation_broken_over_lines_is_one_citation():
    case = load_case(CASES / "tiktok-v-trump")
    cited = cited_in(case, "Deference (HLP, 561 U.S. at\n  34) and (Nken, 556 U.S. at\n434).")
    assert [(t, a.id if a else None, ok) for t, a, ok in cited] == [
        ("HLP, 561 U.S. at 34", "hlp", True),
        ("Nken, 556 U.S. at 434", "nken", True),
    ]


def test_a_section_without_a_reading_gets_generic_words_never_another_case(tmp_path):
    folder = copy_case(tmp_path)
    (folder / "readings" / "03-standing.md").unlink()
    shown = reading(folder, "03", "standing").data
    assert "Standing of the app's operator" in shown and "movant bears the burden" in shown
    assert "Legion" not in shown
    case = load_case(CASES / "legion-v-lutnick")
    assert "opponent, who asserts it, bears the burden" in generic_text(case, "mootness")
    assert "pending" in generic_text(case, "case")


def test_the_note_under_the_readings_names_partly_verified_authorities():
    note = readings_note(CASES / "tiktok-v-trump", "05")
    assert note.startswith("All 3 citations above are to authorities in the case file.")
    assert "Newby, 838 F.3d at ___" in note
