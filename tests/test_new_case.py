"""Starting a case: `new` writes a file that checks, weighs and exports as written."""

from __future__ import annotations

import pytest

from workbook import load_case
from workbook.casefile.load import check_case
from workbook.casefile.new import new_case, slug
from workbook.engine import weigh
from workbook.errors import CaseFileError
from workbook.export import export_outline


@pytest.mark.parametrize("depth", ["a", "a/b/c"])
def test_a_new_case_checks_weighs_and_exports(tmp_path, depth):
    folder = tmp_path / depth / "my-case"
    path = new_case(folder, title='Acme "Widgets" Corp. v. Secretary', court="D.D.C.")
    report = check_case(folder)
    assert report.ok, [str(p) for p in report.problems]
    header = path.read_text(encoding="utf-8").splitlines()[0]
    schema = header.split("$schema=", 1)[1]
    assert (folder / schema).resolve().name == "case-file.schema.json"
    assert (folder / schema).resolve().is_file()  # the path works from wherever the folder is
    case = load_case(folder)
    assert case.case.id == "acme-widgets-corp-v-secretary"
    assert case.case.title == 'Acme "Widgets" Corp. v. Secretary'
    result = weigh(case)
    assert (result.outcome, result.deciding) == ("denied", "success")
    assert "Memorandum in Support" in str(export_outline(case, None, "movant", "md"))


def test_a_new_case_never_overwrites(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CaseFileError, match="not empty"):
        new_case(tmp_path / "taken", title="T", court="C")
    assert (tmp_path / "taken" / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(CaseFileError, match="title and a court"):
        new_case(tmp_path / "fresh", title=" ", court="C")


def test_slug():
    assert slug("In re Sealed Case (No. 2)") == "in-re-sealed-case-no-2"
    assert slug("???") == "new-case"


def test_new_check_weigh_and_backtest_on_the_command_line(tmp_path, capsys):
    from workbook import CASES
    from workbook.__main__ import main

    folder = tmp_path / "acme"
    assert main(["new", str(folder), "--title", "Acme v. Smith", "--court", "D.D.C."]) == 0
    assert main(["check", "--sweep", "-q", str(folder)]) == 0
    assert main(["weigh", str(folder)]) == 0
    assert main(["new", str(folder), "--title", "Acme v. Smith", "--court", "D.D.C."]) == 1
    capsys.readouterr()
    assert main(["backtest", str(CASES / "tiktok-v-trump")]) == 0
    assert "tiktok-v-trump: court granted on success, harm" in capsys.readouterr().out
