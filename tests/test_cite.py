"""Citations: parsing with eyecite, checking against the case file, and Bluebook forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workbook
from workbook import check_case, load_case
from workbook.__main__ import main
from workbook.cite import (
    Citer,
    check_citations,
    court_id,
    full_form,
    parse_citation,
    short_form,
    verification_flag,
)
from workbook.models import Authority, Case, Cite

MINI = Path(__file__).parent / "cases" / "mini"


def auth(
    citation: str, kind: str = "case", short: str = "", status: str = "verified", **extra: object
) -> Authority:
    return Authority.model_validate(
        {
            "id": "a",
            "kind": kind,
            "citation": citation,
            "short": short,
            "proposition": "p",
            "verification": {"status": status},
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("text", "form", "parts"),
    [
        (
            "Winter v. Natural Resources Defense Council, Inc., 555 U.S. 7 (2008)",
            "case",
            {"volume": "555", "reporter": "U.S.", "page": "7", "year": 2008, "court": "scotus"},
        ),
        (
            "Ralls Corp. v. CFIUS, 758 F.3d 296 (D.C. Cir. 2014)",
            "case",
            {"volume": "758", "reporter": "F.3d", "page": "296", "court": "cadc"},
        ),
        (
            "Wis. Gas Co. v. FERC, 758 F.2d 669, 674 (D.C. Cir. 1985)",
            "case",
            {"page": "669", "pin": "674", "year": 1985},
        ),
        (
            "Trump v. CASA, Inc., 606 U.S. ___, 145 S. Ct. 2540 (2025)",
            "case",
            {"volume": "145", "reporter": "S. Ct.", "page": "2540"},
        ),
        ("50 U.S.C. § 4821", "law", {"volume": "50", "reporter": "U.S.C.", "section": "4821"}),
        (
            "15 C.F.R. § 734.13(b)",
            "law",
            {"volume": "15", "reporter": "C.F.R.", "section": "734.13", "pin": "(b)"},
        ),
        ("Foo v. Bar, 12 Xyz. 1 (2020)", "none", {}),
        ("BIS Advisory Opinion (Jan. 13, 2009)", "none", {}),
    ],
)
def test_parse_citation(text, form, parts):
    """Eyecite reads the reporter, volume, page, pin, year and court (or code, title, section)."""
    parsed = parse_citation(text)
    assert parsed.form == form
    assert parsed.parsed == (form != "none")
    for key, value in parts.items():
        assert getattr(parsed, key) == value, key


@pytest.mark.parametrize(
    ("court", "expected"),
    [
        ("U.S.", "scotus"),
        ("D.C. Cir.", "cadc"),
        ("D.D.C.", "dcd"),
        ("E.D. Pa.", "paed"),
        ("BIS", None),
        ("", None),
    ],
)
def test_court_id(court, expected):
    """Courts as case files write them map to courts-db ids; other bodies map to nothing."""
    assert court_id(court) == expected


@pytest.mark.parametrize(
    ("authority", "pin", "full", "short", "id_form"),
    [
        (
            auth("Winter v. NRDC, 555 U.S. 7 (2008)", short="Winter, 555 U.S. at 20"),
            "22",
            "Winter v. NRDC, 555 U.S. 7, 22 (2008)",
            "Winter, 555 U.S. at 22",
            "Id. at 22",
        ),
        (
            auth("Winter v. NRDC, 555 U.S. 7 (2008)", short="Winter, 555 U.S. at 20"),
            "",
            "Winter v. NRDC, 555 U.S. 7 (2008)",
            "Winter, 555 U.S. at 20",
            "Id.",
        ),
        (
            auth("United States v. Nixon, 418 U.S. 683 (1974)"),
            "705",
            "United States v. Nixon, 418 U.S. 683, 705 (1974)",
            "Nixon, 418 U.S. at 705",
            "Id. at 705",
        ),
        (
            auth("Sherley v. Sebelius, 644 F.3d 388 (D.C. Cir. 2011)", short="Sherley"),
            "392",
            "Sherley v. Sebelius, 644 F.3d 388, 392 (D.C. Cir. 2011)",
            "Sherley, 644 F.3d at 392",
            "Id. at 392",
        ),
        (
            auth("15 C.F.R. § 734.13 (2026)", kind="regulation"),
            "(b)",
            "15 C.F.R. § 734.13(b) (2026)",
            "15 C.F.R. § 734.13(b)",
            "Id. § 734.13(b)",
        ),
        (
            auth("50 U.S.C. § 4821", kind="statute"),
            "§ 4821(a)",
            "50 U.S.C. § 4821(a)",
            "50 U.S.C. § 4821(a)",
            "Id. § 4821(a)",
        ),
        (
            auth("Exec. Order No. 13942, 85 Fed. Reg. 48,637 (Aug. 6, 2020)", kind="executive"),
            "48,638",
            "Exec. Order No. 13942, 85 Fed. Reg. 48,637, 48,638 (Aug. 6, 2020)",
            "85 Fed. Reg. at 48,638",
            "Id. at 48,638",
        ),
        (
            auth(
                "Xiaomi Corp. v. Dep't of Def., No. 21-cv-280, slip op. (D.D.C. Mar. 12, 2021)",
                short="Xiaomi, slip op. at __",
            ),
            "4",
            "Xiaomi Corp. v. Dep't of Def., No. 21-cv-280, slip op. at 4 (D.D.C. Mar. 12, 2021)",
            "Xiaomi, slip op. at 4",
            "Id. at 4",
        ),
        (
            auth("X Corp. v. Y, 2021 WL 950144 (D.D.C. Mar. 12, 2021)"),
            "*3",
            "X Corp. v. Y, 2021 WL 950144, at *3 (D.D.C. Mar. 12, 2021)",
            "X Corp., 2021 WL 950144, at *3",
            "Id. at *3",
        ),
    ],
)
def test_bluebook_forms(authority, pin, full, short, id_form):
    """Full, short and "Id." forms come from the structured fields, with the pin written in."""
    case = _case_with(authority)
    assert full_form(authority, pin) == full
    assert short_form(authority, pin) == short
    citer = Citer(case, flags=False)
    cite = Cite(id="a", pin=pin)
    assert citer.cite([cite]) == full
    assert citer.cite([cite]) == id_form
    citer.break_chain()
    assert citer.cite([cite]) == short


def _case_with(*authorities: Authority) -> Case:
    data = load_case(MINI).model_dump()
    return Case.model_validate({**data, "authorities": [a.model_dump() for a in authorities]})


def test_id_only_after_a_single_same_cite():
    """Id. needs the previous citation sentence to cite the same single authority."""
    a = auth("Winter v. NRDC, 555 U.S. 7 (2008)")
    b = auth("Nken v. Holder, 556 U.S. 418 (2009)").model_copy(update={"id": "b"})
    citer = Citer(_case_with(a, b), flags=False)
    assert citer.cite([Cite(id="a"), Cite(id="b")]).count(";") == 1
    assert not citer.cite([Cite(id="a")]).startswith("Id.")  # previous sentence cited two
    assert citer.cite([Cite(id="a")]) == "Id."
    assert citer.cite([]) == ""
    assert not citer.cite([Cite(id="a")]).startswith("Id.")  # an uncited argument came between


@pytest.mark.parametrize(
    ("status", "flag"),
    [("verified", ""), ("partly-verified", "[partly verified]"), ("unverified", "[unverified]")],
)
def test_verification_flag(status, flag):
    """Authorities not fully verified are flagged in the text."""
    assert verification_flag(auth("Winter v. NRDC, 555 U.S. 7 (2008)", status=status)) == flag
    citer = Citer(_case_with(auth("Winter v. NRDC, 555 U.S. 7 (2008)", status=status)))
    assert citer.cite([Cite(id="a")]).endswith(flag)


@pytest.mark.parametrize(
    ("authority", "needle"),
    [
        (auth("Foo v. Bar, 12 Xyz. 1 (2020)"), "does not parse to a reporter"),
        (auth("50 Unknown Code § 4821", kind="statute"), "does not parse to a code"),
        (auth("Winter v. NRDC, 555 U.S. 7 (2008)", year=2009), "says 2008 but `year` is 2009"),
        (
            auth("Winter v. NRDC, 555 U.S. 7 (D.C. Cir. 2008)", court="U.S."),
            "reads as court 'cadc'",
        ),
        (
            auth("Winter v. NRDC, 555 U.S. 7 (2008)", short="Winter, 556 U.S. at 20"),
            "short form of 'a' cites 556 U.S.",
        ),
        (auth("50 U.S.C. § 4821", kind="statute", short="50 U.S.C. § 4822"), "cites § 4822"),
    ],
)
def test_check_citations_finds_problems(authority, needle):
    """Citations that do not parse, or disagree with year, court or short form, are reported."""
    found = check_citations(_case_with(authority))
    assert len(found) == 1 and needle in found[0].problem
    assert found[0].where[:2] == ("authorities", 0)


@pytest.mark.parametrize(
    "authority",
    [
        auth("Xiaomi Corp. v. Dep't of Def., No. 21-cv-280 (RC) (D.D.C. Mar. 12, 2021)"),
        auth(
            "Winter v. NRDC, 555 U.S. 7 (2008)",
            year=2008,
            court="U.S.",
            short="Winter, 555 U.S. at 20",
        ),
        auth(
            "15 C.F.R. § 734.13 (2026)", kind="regulation", year=2016, short="15 C.F.R. § 734.13(b)"
        ),
        auth("Framework for AI Diffusion, 90 Fed. Reg. 4544 (Jan. 15, 2025)", kind="regulation"),
        auth("Exec. Order No. 13984, 86 Fed. Reg. 6837 (Jan. 25, 2021)", kind="executive"),
        auth("BIS Advisory Opinion, Cloud Computing (Jan. 13, 2009)", kind="guidance"),
        auth(
            "U.S. Dep't of Com.—Applicability of the CRA, B-337935 (Comp. Gen. May 12, 2026)",
            kind="other",
        ),
        auth("Letter from the Secretary of Commerce (June 12, 2026)", kind="statute"),
        auth("U.S. Const. art. III, § 2", kind="constitution"),
        auth("50 U.S.C. §§ 1701(a), 1702(a)(1)(B)", kind="statute", short="50 U.S.C. § 1702"),
    ],
)
def test_check_citations_quiet_where_no_reporter_is_expected(authority):
    """Slip opinions, Fed. Reg. documents, orders, letters and GAO decisions raise no warning."""
    assert check_citations(_case_with(authority)) == []


def test_check_reports_citations_with_file_line_and_key(tmp_path):
    """`check` lists a bad citation as a warning with its file, line and key, and still passes."""
    text = (
        (MINI / "law.yaml")
        .read_text(encoding="utf-8")
        .replace(
            '"Winter v. Natural Resources Defense Council, Inc., 555 U.S. 7 (2008)"',
            '"Winter v. Natural Resources Defense Council, Inc., 555 U.S. 7 (2009)"',
        )
    )
    for name in ("case.yaml", "record.yaml"):
        (tmp_path / name).write_text((MINI / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "law.yaml").write_text(text, encoding="utf-8")
    report = check_case(tmp_path)
    assert report.ok
    hits = [w for w in report.warnings if "says 2009" in w.problem]
    assert len(hits) == 1
    assert hits[0].path == tmp_path / "law.yaml" and hits[0].line == 7
    assert hits[0].key == "authorities[id=winter].year"


def test_check_passes_on_shipped_cases(capsys):
    """`python -m workbook check` exits 0 on every shipped case (warnings allowed)."""
    folders = [str(p) for p in sorted(workbook.CASES.iterdir()) if p.is_dir()]
    assert main(["check", "-q", *folders]) == 0


def test_shipped_citations_parse():
    """Every shipped case's citations parse or legitimately have no reporter yet."""
    for folder in sorted(p for p in workbook.CASES.iterdir() if p.is_dir()):
        problems = check_citations(load_case(folder))
        assert not [p for p in problems if "does not parse" in p.problem], folder


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_parse_citation_never_raises(text):
    """Any text parses to something (often nothing), never an exception from eyecite."""
    parsed = parse_citation(text)
    assert parsed.form in ("case", "law", "none")
    full_form(auth(text if text.strip() else "x"), "5")


@pytest.mark.parametrize(
    ("citation", "flagged"),
    [
        ("Glob. Health Council v. Trump, ___ F.4th ___ (D.C. Cir. 2025)", False),
        ("Xiaomi Corp. v. Dep't of Def., No. 21-cv-280, slip op. (D.D.C. Mar. 12, 2021)", False),
        ("Nothing v. Anything (D.D.C. 2025)", True),
    ],
)
def test_a_forthcoming_reporter_is_not_a_parse_failure(citation, flagged):
    """``___ F.4th ___`` and a docket number are how a case without a reporter cite is cited."""
    case = Case.model_validate(
        {
            "case": {
                "id": "t",
                "title": "T",
                "court": "C",
                "motion": "M",
                "movant": "p",
                "opponent": "p",
            },
            "parties": [{"id": "p", "name": "P", "role": "plaintiff"}],
            "elements": [{"id": "e", "name": "E", "role": "irreparable-harm"}],
            "authorities": [auth(citation).model_dump()],
        }
    )
    problems = [p for p in check_citations(case) if "does not parse" in p.problem]
    assert bool(problems) is flagged
