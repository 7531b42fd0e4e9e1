"""cite-scan: the citations a reader finds in a real opinion, and which of them a case holds."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROLES, case_from

from workbook.casefile.scan import KINDS, read_document, render_scan, scan_text
from workbook.errors import DocumentError

ROOT = Path(__file__).resolve().parent.parent
FISHER = Path(__file__).parent / "texts" / "fisher-v-texas-2013-excerpt.md"

#: What a reader finds in the excerpt: (line, kind, as written, pin).
FISHER_CITES = [
    (16, "short form", "438 U. S., at 287", "287"),
    (17, "id.", "id. at 299", "299"),
    (22, "id.", "Id., at 315", "315"),
    (25, "supra", "Gratz, supra, at 275", "275"),
    (29, "supra", "Bakke, supra, at 305", "305"),
    (30, "case", "Rice v. Cayetano, 528 U. S. 495, 517", "517"),
    (31, "case", "Richmond v. J. A. Croson Co., 488 U. S. 469, 505", "505"),
    (35, "id.", "Ibid.", "505"),
    (39, "short form", "539 U. S., at 328", "328"),
    (57, "case", "Grutter v. Bollinger, 539 U. S. 306", ""),
    (61, "case", "Regents of Univ. of Cal. v. Bakke, 438 U. S. 265, 305", "305"),
    (78, "case", "Hopwood v. Texas, 78 F. 3d 932, 955", "955"),
    (82, "statute", "Tex. Educ. Code Ann. §51.803 (West 2009)", ""),
]


def _authority(id: str, kind: str, citation: str, short: str, pinpoint: str = "") -> dict:
    """An authority record for the test case, its pins as the excerpt itself gives them."""
    return {
        "id": id,
        "kind": kind,
        "citation": citation,
        "short": short,
        "pinpoint": pinpoint,
        "proposition": "as cited in the excerpt",
        "verification": {
            "status": "unverified",
            "checked": "test data: the citation as the Fisher slip opinion gives it",
        },
    }


#: A case that holds Bakke (its record gives pages 287 and 305), Grutter (no page) and the
#: Texas statute, and nothing else the excerpt cites.
HOLDING = case_from(
    ROLES,
    authorities=[
        _authority(
            "bakke",
            "case",
            "Regents of Univ. of Cal. v. Bakke, 438 U.S. 265 (1978)",
            "Bakke, 438 U.S. at 287",
            "287, 305",
        ),
        _authority("grutter", "case", "Grutter v. Bollinger, 539 U.S. 306 (2003)", "Grutter"),
        _authority(
            "top-ten",
            "statute",
            "Tex. Educ. Code Ann. § 51.803 (West 2009)",
            "Tex. Educ. Code Ann. § 51.803",
        ),
    ],
)

#: (line, authority, pin confirmed) for each citation, scanned against HOLDING.
FISHER_MATCHES = [
    (16, "bakke", True),
    (17, "bakke", False),  # "id. at 299" follows Bakke; 299 is not in its record
    (22, "bakke", False),
    (25, "", None),  # Gratz: not in the case
    (29, "bakke", True),  # "Bakke, supra, at 305"
    (30, "", None),
    (31, "", None),
    (35, "", None),  # "Ibid." after Croson, which the case lacks
    (39, "grutter", False),
    (57, "grutter", None),
    (61, "bakke", True),
    (78, "", None),
    (82, "top-ten", None),  # a statute's section is not a page
]


def test_the_excerpt_is_stored_with_its_source() -> None:
    """The stored court text says where it came from, in a comment the scan does not read."""
    raw = FISHER.read_text(encoding="utf-8")
    assert raw.startswith("<!--") and "eyecite" in raw and "public domain" in raw
    assert "public domain" not in read_document(FISHER)
    assert read_document(FISHER).count("\n") == raw.count("\n"), "line numbers are kept"


def test_cite_scan_finds_what_a_reader_would() -> None:
    """Every citation in the excerpt, on its line, with its kind, as written, with its pin."""
    found = scan_text(read_document(FISHER))
    got = [(f.line, f.kind, f.text, f.pin) for f in found]
    assert got == FISHER_CITES
    assert {f.kind for f in found} <= set(KINDS)
    assert all(f.authority == "" and f.pin_confirmed is None for f in found)


@pytest.mark.parametrize(("line", "authority", "confirmed"), FISHER_MATCHES)
def test_cite_scan_says_which_are_the_cases_authorities(
    line: int, authority: str, confirmed: bool | None
) -> None:
    """With a case: the authority each citation points at, and whether its pin is on record."""
    (f,) = [f for f in scan_text(read_document(FISHER), HOLDING) if f.line == line]
    assert (f.authority, f.pin_confirmed) == (authority, confirmed), f


def test_the_report_names_what_the_case_lacks() -> None:
    """The text report marks citations not in the case and pins no record gives, and sums up."""
    text = render_scan(scan_text(read_document(FISHER), HOLDING), HOLDING)
    lines = text.splitlines()
    assert "[not in the case]" in next(r for r in lines if "Hopwood" in r)
    assert "[pin 299 not in its verification record]" in next(r for r in lines if "299" in r)
    assert lines[-1] == (
        "the case's authorities cited: bakke, grutter, top-ten; 3 full citations not in the "
        "case; 3 pins its verification records do not give"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("No citations here, only § 5 and ¶ 3.", []),
        ("Winter v. NRDC, 555 U.S. 7, 20 (2008).", [("case", "20")]),
        ("See 15 C.F.R. § 734.13(b).", [("regulation", "(b)")]),
        ("Under 50 U.S.C. § 1702(b)(1), ...", [("statute", "(b)(1)")]),
        ("Winter, 555 U.S. at 22.", [("short form", "22")]),
    ],
)
def test_small_texts(text: str, expected: list[tuple[str, str]]) -> None:
    """Each kind on its own, and text with no citation in it."""
    assert [(f.kind, f.pin) for f in scan_text(text)] == expected


def test_a_word_file_is_read_one_line_per_paragraph(tmp_path: Path) -> None:
    """A .docx brief: its paragraphs are its lines."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("ARGUMENT")
    doc.add_paragraph("See Winter v. NRDC, 555 U.S. 7, 20 (2008).")
    doc.save(str(tmp_path / "brief.docx"))
    (found,) = scan_text(read_document(tmp_path / "brief.docx"))
    assert (found.line, found.kind, found.pin) == (2, "case", "20")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("brief.pdf", b"%PDF-1.4", ".pdf files are not read"),
        ("missing.txt", None, "no such file"),
        ("brief.docx", b"not a zip", "not a Word"),
        ("latin1.txt", "Café".encode("latin-1"), "not UTF-8"),
    ],
)
def test_unreadable_documents_are_refused(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    """A PDF, a missing file, a broken Word file or non-UTF-8 text: a DocumentError saying so."""
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(DocumentError, match=message):
        read_document(path)


def test_the_command_line(tmp_path: Path) -> None:
    """`python -m workbook cite-scan FILE --case DIR --json` prints the scan; errors exit 1."""
    run = [sys.executable, "-m", "workbook", "cite-scan", str(FISHER)]
    case = ROOT / "data" / "cases" / "tiktok-v-trump"
    done = subprocess.run(
        [*run, "--case", str(case), "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["case"] == "tiktok-v-trump" and len(data["citations"]) == len(FISHER_CITES)
    assert not done.stderr, "eyecite's notes stay out of the output"
    bad = subprocess.run(
        [*run[:-1], str(tmp_path / "x.pdf")], capture_output=True, text=True, check=False
    )
    assert bad.returncode == 1 and "not read" in bad.stderr


def test_stubs_draft_an_authority_for_each_full_citation_the_case_lacks(tmp_path: Path) -> None:
    """--stubs: one unverified draft per cited authority the case lacks, loadable into a case."""
    import yaml

    from workbook.casefile.load import check_case
    from workbook.casefile.new import new_case
    from workbook.casefile.scanned import authority_stubs, stubs_yaml
    from workbook.models import Authority

    found = scan_text(read_document(FISHER), HOLDING)
    stubs = authority_stubs(found, HOLDING, FISHER.name)
    assert [(s["id"], s["citation"]) for s in stubs] == [
        ("rice-v-cayetano", "Rice v. Cayetano, 528 U. S. 495"),
        ("richmond-v-j-a-croson-co", "Richmond v. J. A. Croson Co., 488 U. S. 469"),
        ("hopwood-v-texas", "Hopwood v. Texas, 78 F. 3d 932 (1996)"),
    ]
    for stub in stubs:
        record = Authority.model_validate(stub)
        assert record.verification.status == "unverified"
        assert record.proposition.startswith("DRAFT")
        assert FISHER.name in record.verification.note
    assert "Hopwood v. Texas, 78 F. 3d 932" in stubs[2]["proposition"]
    # Without a case every full citation is drafted, each authority once.
    assert len(authority_stubs(scan_text(read_document(FISHER)))) == 6
    folder = tmp_path / "case"
    new_case(folder, title="Fisher v. Univ. of Tex.", court="D.D.C.")
    drafts = yaml.safe_load(stubs_yaml(found, HOLDING, FISHER.name))["authorities"]
    case_yaml = folder / "case.yaml"
    data = yaml.safe_load(case_yaml.read_text(encoding="utf-8"))
    data["authorities"] = [*(data.get("authorities") or []), *drafts]
    case_yaml.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    report = check_case(folder)
    assert report.case is not None, report.problems
    assert {s["id"] for s in stubs} <= {a.id for a in report.case.authorities}
