"""Brief outlines out: golden files for every format, the outline's order, escaping, the CLI.

Golden files live in tests/golden/export/ and are defined in tests/regenerate_goldens.py;
the tests only compare, and a missing golden file fails. To write them, or accept a
deliberate change, run::

    .venv/bin/python tests/regenerate_goldens.py

and review the change with ``git diff -- tests/golden/export/``.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import mistune
import pytest
from lxml import etree
from regenerate_goldens import (
    EXPORTS,
    SCENARIO,
    USER_ARG,
    WORK_PRODUCTS,
    check_golden,
    docx_text,
    export_golden,
    work_product_golden,
)

import workbook
from workbook import CASES, load_case
from workbook.__main__ import main
from workbook.export import (
    FORMATS,
    build_outline,
    export_outline,
    format_for,
    render_work_product,
    write_export,
    write_work_product,
)
from workbook.export.toa import sort_key
from workbook.export.wordfields import field_codes
from workbook.scenario import Scenario
from workbook.store import Workspace

HERE = Path(__file__).parent
MINI = HERE / "cases" / "mini"
HOSTILE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) ![img](http://evil.test/x.png) "
    "<img src=x onerror=alert(1)> &amp; &lt; \x00\x07\x1b[31m\x0b `rm -rf` http://evil.test "
    "www.evil.test <http://evil.test> *bold* _it_ # head\n- item\r\n1. one | a | b |"
)


@pytest.fixture(scope="module")
def mini():
    return load_case(MINI)


@pytest.mark.parametrize("name", list(EXPORTS))
def test_golden_exports(name):
    """Each format's export of the mini case matches its golden file."""
    check_golden(export_golden(name))


@pytest.mark.parametrize("name", list(WORK_PRODUCTS))
def test_golden_work_product(name):
    """The student's work product (HTML with the workspace JSON) matches its golden file."""
    check_golden(work_product_golden(name))


@pytest.mark.parametrize(("name", "start"), [("w.html", "<!DOCTYPE html>"), ("w.md", "# Work")])
def test_write_work_product(mini, tmp_path, name, start):
    """The work product is written as HTML or Markdown, by suffix."""
    ws = Workspace(case="mini", scenario=SCENARIO)
    path = write_work_product(tmp_path / name, mini, ws)
    assert path.read_text(encoding="utf-8").startswith(start)


def test_exports_are_deterministic(mini):
    """Two exports of the same case and scenario are byte-identical, the DOCX included."""
    for fmt in FORMATS:
        first, second = (export_outline(mini, SCENARIO, "movant", fmt) for _ in range(2))
        assert first == second
        if isinstance(first, bytes):
            # byte-identical across runs too: no member carries the time it was saved
            with zipfile.ZipFile(io.BytesIO(first)) as a:
                assert {i.date_time for i in a.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_uses_word_styles_and_a_real_toa_table(mini):
    """The DOCX has a caption block, Word's styles, a court font, page numbers and italics.

    Also the TOA tables and fixed core properties.
    """
    doc = docx.Document(io.BytesIO(export_outline(mini, None, "movant", "docx")))  # type: ignore[arg-type]
    styles = [p.style.name for p in doc.paragraphs]
    assert doc.paragraphs[0].text == "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA"
    caption = doc.tables[0].rows[0].cells
    assert caption[0].text.startswith("Acme Widgets, Inc.,\n    Plaintiff,\nv.\n")
    assert caption[1].text.startswith("Civil Action No. ")
    assert styles[1] == "Title"
    assert {"Heading 1", "Heading 2", "Heading 3"} <= set(styles)
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "Table of Authorities",
        "Authorities by Point Heading",
        "Assumptions",
        "Statement of Facts",
        "Argument",
    ]
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert 'w:instr="PAGE"' in doc.sections[0].footer.paragraphs[0]._p.xml
    first = doc.tables[1]
    assert [c.text for c in first.rows[0].cells] == ["Authority", "Cited at"]
    assert first.rows[1].cells[0].text.startswith("Chaplaincy of Full Gospel Churches")
    runs = first.rows[1].cells[0].paragraphs[0].runs
    assert runs[0].italic and runs[0].text == "Chaplaincy of Full Gospel Churches v. England"
    assert not runs[1].italic
    props = doc.core_properties
    assert props.created is not None and props.created.date().isoformat() == "2026-01-15"
    assert props.modified == props.created
    assert props.author == "workbook"


def _paragraph_fields(doc) -> list[tuple[str, str]]:
    """(paragraph style, field code) for every complex field in the body, in order."""
    return [(p.style.name, code) for p in doc.paragraphs for code in field_codes(p)]


@pytest.mark.parametrize("folder", [MINI, *sorted(p for p in CASES.iterdir() if p.is_dir())])
@pytest.mark.parametrize("side", ["movant", "opponent"])
def test_docx_toa_is_built_from_ta_and_toa_fields(folder, side):
    """Each cited authority is marked in full once, then by short citation; a TOA per group.

    The first TA mark of an authority carries its long citation and its group's category;
    later marks name it by the same short citation; each TOA group has its own TOA field.
    """
    outline = build_outline(load_case(folder), None, side)
    data = export_outline(load_case(folder), None, side, "docx")
    doc = docx.Document(io.BytesIO(data))  # type: ignore[arg-type]
    fields = _paragraph_fields(doc)
    categories = {"Cases": 1, "Constitutional Provisions and Statutes": 2, "Regulations": 6}
    categories |= {"Administrative and Executive Materials": 8, "Other Authorities": 3}
    tocs = [code for _, code in fields if code.startswith("TOA ")]
    assert tocs == [f'TOA \\c "{categories[g.title]}" \\p' for g in outline.toa]
    longs = [code for _, code in fields if code.startswith("TA \\l ")]
    expected = {
        f'TA \\l "{e.citation}" \\s "{e.citation}" \\c {categories[g.title]}'
        for g in outline.toa
        for e in g.entries
    }
    assert sorted(longs) == sorted(expected)  # one full mark for each authority, no more
    shorts = {code.removeprefix("TA \\s ") for _, code in fields if code.startswith("TA \\s ")}
    assert shorts <= {f'"{e.citation}"' for g in outline.toa for e in g.entries}
    first: dict[str, str] = {}
    for _, code in fields:
        if code.startswith("TA "):
            first.setdefault(code.split('\\s "', 1)[1].split('"')[0], code)
    assert all(code.startswith("TA \\l ") for code in first.values())  # full before short
    xml = doc.element.xml
    assert xml.count('w:fldCharType="begin"') == xml.count('w:fldCharType="end"') == len(fields)
    assert "<w:updateFields" in doc.settings.element.xml  # Word offers to fill in the pages


def test_docx_ta_marks_are_hidden_and_italicize_case_names(mini):
    """TA field runs are hidden text; the case name inside a long citation is italic."""
    doc = docx.Document(io.BytesIO(export_outline(mini, None, "movant", "docx")))  # type: ignore[arg-type]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    instr = [r for r in doc.element.body.iter(f"{w}r") if r.find(f"{w}instrText") is not None]
    ta = [r for r in instr if r.getparent().getparent().tag != f"{w}tbl"]
    hidden = [r.find(f"{w}rPr/{w}vanish") is not None for r in ta]
    toa = [" TOA " in r.find(f"{w}instrText").text for r in ta]
    assert all(h or t for h, t in zip(hidden, toa, strict=True))  # all but the TOA's own code
    italic = [r.find(f"{w}instrText").text for r in ta if r.find(f"{w}rPr/{w}i") is not None]
    assert "Chaplaincy of Full Gospel Churches v. England" in italic


def test_docx_headings_are_numbered_as_a_brief_numbers_them(mini):
    """Sections I., II. and points A., B. lead their headings; responses are numbered 1., 2."""
    outline = build_outline(mini, SCENARIO, "movant")
    doc = docx.Document(io.BytesIO(export_outline(mini, SCENARIO, "movant", "docx")))  # type: ignore[arg-type]
    argument = [p for p in doc.paragraphs][[p.text for p in doc.paragraphs].index("Argument") + 1 :]
    sections = [p.text for p in argument if p.style.name == "Heading 2"]
    assert sections == [f"{s.number}.\t{s.element.name}" for s in outline.sections]
    points = [p.text for p in argument if p.style.name == "Heading 3"]
    assert points == [
        f"{pt.number.split('.')[-1]}.\t{pt.argument.heading}"
        for s in outline.sections
        for pt in s.points
    ]
    assert points[0].startswith("A.\t") and sections[1].startswith("II.\t")
    responses = [p.text.split("\t")[0] for p in argument if p.style.name == "List"]
    assert responses and responses[0] == "1."
    assert all(r.rstrip(".").isdigit() for r in responses)
    heading = doc.styles["Heading 3"].paragraph_format
    assert heading.first_line_indent < 0 < heading.left_indent  # the letter hangs


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_docx_opens_in_libreoffice(mini, tmp_path):
    """LibreOffice converts the DOCX to text with the headings and the TOA intact."""
    path = write_export(tmp_path / "brief.docx", mini, SCENARIO)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = (tmp_path / "brief.txt").read_text(encoding="utf-8-sig")
    assert "Table of Authorities" in text
    assert "In re Navy Chaplaincy, 697 F.3d 1171 (D.C. Cir. 2012) [unverified]" in text
    assert "The cut-off ends Acme's only export line" in text


# --------------------------------------------------------------------------- the outline


def test_elements_in_brief_order(mini):
    """Thresholds come first, then the factors, whatever the file order."""
    outline = build_outline(mini, None, "movant")
    assert [s.element.id for s in outline.sections] == ["standing", "success", "harm", "equities"]
    assert [s.number for s in outline.sections] == ["I", "II", "III", "IV"]


@pytest.mark.parametrize(
    ("strengths", "order"),
    [
        ({"m-standing": 0.9, "m-standing-reply": 0.1}, ["m-standing", "m-standing-reply"]),
        ({"m-standing": 0.1, "m-standing-reply": 0.9}, ["m-standing-reply", "m-standing"]),
    ],
)
def test_points_ordered_by_final_strength(mini, strengths, order):
    """Within an element, arguments come strongest first (by final strength)."""
    base = {a.id: 0.5 for a in mini.arguments} | strengths
    outline = build_outline(mini, None, "movant", strengths=base)
    assert [p.argument.id for p in outline.sections[0].points] == order
    assert [p.number for p in outline.sections[0].points] == ["I.A", "I.B"]


def test_dropped_out_added_in(mini):
    """A dropped argument is not in the outline; the user's own argument is, flagged as added."""
    outline = build_outline(mini, SCENARIO, "movant")
    ids = [p.argument.id for s in outline.sections for p in s.points]
    assert "m-ultra-vires" not in ids
    point = next(p for s in outline.sections for p in s.points if p.argument.id == "user-harm")
    assert point.user_added


def test_unavailable_argument_is_out(mini):
    """An argument whose required answer is not chosen drops out of the outline."""
    scenario = Scenario(case="mini", answers={"final-action": "not-final"})
    outline = build_outline(mini, scenario, "movant")
    ids = [p.argument.id for s in outline.sections for p in s.points]
    assert "m-arbitrary" not in ids and "m-ultra-vires" in ids
    assert (
        "Is the letter final agency action?",
        "No: it is a step in a licensing process",
    ) in outline.assumptions


def test_unverified_authorities_are_flagged(mini):
    """Citations of unverified or partly verified authorities carry a flag in the text."""
    text = export_outline(mini, None, "movant", "md")
    assert "1174 (D.C. Cir. 2012) \\[unverified\\]" in text
    assert "454 F.3d 290, 297 (D.C. Cir. 2006) \\[partly verified\\]" in text
    assert "U.S. Const. art. III, § 2\n" in text  # verified: no flag


def test_responses_and_rebuttals(mini):
    """Each point lists the other side's attacks on it, with our replies to them."""
    outline = build_outline(mini, None, "movant")
    point = outline.sections[0].points[0]
    assert point.argument.id == "m-standing"
    assert [r.argument.id for r in point.responses] == ["o-standing"]
    assert [(b.argument.id, b.point) for b in point.responses[0].rebuttals] == [
        ("m-standing-reply", "I.B")
    ]
    # An opposing argument that attacks nothing shown is listed under its element.
    assert [r.argument.id for r in outline.sections[3].responses] == ["o-equities"]


def test_opponent_outline_mirrors(mini):
    """The opponent's outline argues the opponent's side and answers the movant's points."""
    outline = build_outline(mini, None, "opponent")
    assert outline.title.startswith("Memorandum in Opposition to")
    assert outline.party == "Secretary of Commerce" and outline.other_party == "Acme Widgets, Inc."
    point = outline.sections[0].points[0]
    assert point.argument.id == "o-standing"
    assert [r.argument.id for r in point.responses] == ["m-standing-reply"]


FACT_CASES = [
    # (side, as_of, fact ids stated, what the alleged fact reads like or None)
    ("movant", None, ["letter", "customers", "layoffs", "backlog"], "Acme alleges: Acme will"),
    ("opponent", None, ["letter", "customers", "backlog"], None),  # not the other side's
    # Jan. 8: the later news and the facts known only from the Jan. 15 complaint stay out
    ("movant", "2026-01-08", ["letter"], None),
    ("movant", "2026-01-20", ["letter", "customers", "layoffs", "backlog"], "[record cite]"),
]


@pytest.mark.parametrize(("side", "as_of", "ids", "alleged"), FACT_CASES)
def test_statement_of_facts_follows_the_side_and_the_date(mini, side, as_of, ids, alleged):
    """Confirmed and reported facts, our own allegations as allegations, nothing after as_of."""
    if as_of:
        info = mini.case.model_copy(update={"as_of": dt.date.fromisoformat(as_of)})
        mini = mini.model_copy(update={"case": info})
    outline = build_outline(mini, None, side)
    assert [f.id for f in outline.facts] == ids
    assert outline.facts[0].sources == (
        "Complaint (2026-01-15)",
        "Widget makers cut off (2026-01-10)",
    )
    stated = {f.id: f.statement for f in outline.facts}
    if alleged:
        assert alleged in stated["layoffs"] and stated["layoffs"].endswith("[record cite]")


def test_citations_full_then_short_then_id(mini):
    """The first citation is in full, later ones short, and a repeat right after is "Id."."""
    text = export_outline(mini, None, "movant", "md")
    assert isinstance(text, str)
    full = text.index("*Winter v. Natural Resources Defense Council, Inc.*, 555 U.S. 7, 24 (2008)")
    assert text.index("*Winter*, 555 U.S. at 20") > full
    assert "*Id.* at 1175 \\[unverified\\]" in text


# --------------------------------------------------------------------------- Table of Authorities


def test_toa_groups_sorting_and_references(mini):
    """The TOA groups as briefs do, alphabetizes ignoring "In re", and cites point headings."""
    outline = build_outline(mini, None, "movant")
    groups = {g.title: g for g in outline.toa}
    assert list(groups) == [
        "Cases",
        "Constitutional Provisions and Statutes",
        "Regulations",
        "Administrative and Executive Materials",
        "Other Authorities",
    ]
    cases = [e.id for e in groups["Cases"].entries]
    assert cases == ["chaplaincy", "navy", "winter", "slip"]
    statutes = [e.id for e in groups["Constitutional Provisions and Statutes"].entries]
    assert statutes == ["article-three", "apa"]  # constitutions before statutes
    navy = groups["Cases"].entries[1]
    assert navy.cited_at == ("I.A", "I.B") and navy.flag == "[unverified]"


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            ["The Paquete Habana", "In re Debs", "Nken v. Holder"],
            ["In re Debs", "Nken v. Holder", "The Paquete Habana"],
        ),
        (["50 U.S.C. § 4821", "5 U.S.C. § 706"], ["5 U.S.C. § 706", "50 U.S.C. § 4821"]),
        (["15 C.F.R. § 734.13", "15 C.F.R. § 734.9"], ["15 C.F.R. § 734.9", "15 C.F.R. § 734.13"]),
        (["ex parte Young", "Ex parte Quirin"], ["Ex parte Quirin", "ex parte Young"]),
    ],
)
def test_toa_sort_key(names, expected):
    """Leading "In re"/"The"/"Ex parte" are ignored and numbers sort as numbers."""
    assert sorted(names, key=sort_key) == expected


# --------------------------------------------------------------------------- escaping


def _hostile_scenario() -> Scenario:
    arg = USER_ARG.model_copy(update={"id": "evil", "heading": HOSTILE, "body": HOSTILE})
    return Scenario(case="mini", added=(arg,), notes=HOSTILE)


def _assert_inert_html(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert (
        "<a " not in lowered
        and "<img" not in lowered
        and "onerror=" not in lowered.replace("onerror=alert", "")
    )  # the attribute text may appear escaped, never as a tag


@pytest.mark.parametrize("fmt", ["md", "docx", "argdown", "html"])
def test_hostile_text_is_escaped(mini, fmt):
    """Script tags, links, images, entities and control characters in user text stay inert."""
    scenario = _hostile_scenario()
    if fmt == "html":
        ws = Workspace(case="mini", scenario=scenario, exercises={"x": HOSTILE}, notes=HOSTILE)
        text = render_work_product(mini, ws, "html")
        _assert_inert_html(text)
        assert "&lt;script&gt;" in text
    elif fmt == "docx":
        data = export_outline(mini, scenario, "movant", "docx")
        assert isinstance(data, bytes)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            xml = z.read("word/document.xml")
        etree.fromstring(xml)  # well-formed XML
        assert b"\x07" not in xml and b"\x1b" not in xml and b"\x00" not in xml
        text = docx_text(data)
        assert "<script>alert(1)</script>" in text  # shown literally, as text
        return
    else:
        text = export_outline(mini, scenario, "movant", fmt)
        assert isinstance(text, str)
    assert "<script" not in text
    for char in "\x00\x07\x1b\x0b\r":
        assert char not in text
    if fmt == "md":
        html = mistune.html(text)
        assert isinstance(html, str)
        _assert_inert_html(html)
        assert "<h1>" in html and html.count("<h1>") == 1  # "# head" did not become a heading
        assert "`rm -rf`" not in text
    if fmt == "argdown":
        evil = [line for line in text.splitlines() if line.startswith("<evil>")]
        assert len(evil) == 1  # one line: newlines in user text cannot start a relation
        assert "[click]" not in text and "#head" not in text


# --------------------------------------------------------------------------- shipped cases, CLI


@pytest.mark.parametrize(
    "folder", sorted(p for p in workbook.CASES.iterdir() if p.is_dir()), ids=lambda p: p.name
)
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_shipped_cases_export(folder, fmt):
    """Every shipped case exports in every format, for both sides, without error."""
    case = load_case(folder)
    for side in ("movant", "opponent"):
        data = export_outline(case, None, side, fmt)  # type: ignore[arg-type]
        assert data


@pytest.mark.parametrize(("fmt", "side"), [("pdf", "movant"), ("md", "judge")])
def test_export_refuses_unknown_format_or_side(mini, fmt, side):
    """An unknown format or side is a ValueError that lists the valid ones."""
    with pytest.raises(ValueError, match="use"):
        export_outline(mini, None, side, fmt)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("b.md", "md"), ("b.docx", "docx"), ("g.json", "aif"), ("g.argdown", "argdown"), ("x", "md")],
)
def test_format_for_suffix(name, fmt):
    """The export format follows the output file's suffix."""
    assert format_for(name) == fmt


def test_write_export_is_atomic_and_by_suffix(mini, tmp_path):
    """write_export picks the format from the suffix and leaves no temporary file."""
    path = write_export(tmp_path / "brief.docx", mini, SCENARIO)
    assert path.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_cli_export(tmp_path, fmt, capsys):
    """`python -m workbook export` writes each format and exits 0."""
    scenario = tmp_path / "s.json"
    scenario.write_text(SCENARIO.to_json(), encoding="utf-8")
    out = tmp_path / f"out{FORMATS[fmt]}"
    code = main(
        [
            "export",
            str(MINI),
            "--format",
            fmt,
            "--scenario",
            str(scenario),
            "--side",
            "opponent",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert out.stat().st_size > 0
    assert "wrote" in capsys.readouterr().err


def test_cli_export_to_stdout_and_errors(tmp_path, capsys):
    """Without -o the export goes to stdout; a bad scenario file exits 1 with a message."""
    assert main(["export", str(MINI)]) == 0
    assert capsys.readouterr().out.startswith("# Memorandum in Support of")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["export", str(MINI), "--scenario", str(bad)]) == 1
    assert "invalid JSON" in capsys.readouterr().err


def _office_or_skip() -> None:
    """Skip on a user's machine without LibreOffice and Poppler; fail in CI, which has both."""
    missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} not installed (CI is set, so the Word check runs)")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.mark.parametrize("case_dir", sorted(p.name for p in CASES.iterdir() if p.is_dir()))
def test_the_word_brief_renders_as_a_court_document(case_dir, tmp_path):
    """Each shipped case's Word brief, rendered by LibreOffice, reads as a court document.

    A caption block on page one, page numbers, no placeholder titles or doubled dockets
    or pins, and page one rendered to an image is not blank.
    """
    _office_or_skip()
    case = load_case(CASES / case_dir)
    path = write_export(tmp_path / "brief.docx", case, None)
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "brief.pdf"
    first = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # a long court name wraps onto a second line of the centred heading
    assert case.case.court.upper() in " ".join(first.split())
    assert "Plaintiff" in first and "Civil Action No." in first and "No. No." not in first
    assert first.rstrip().endswith("1")  # the page number in the footer
    whole = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "(no headline" not in whole and "slip op. at slip op." not in whole
    # the Table of Authorities (its TOA fields waiting for an update) starts on page one;
    # the TA marks are hidden text, so no field code reaches the page
    assert "Table of Authorities" in first and "update fields (F9)" in first
    assert "TA \\l" not in whole and "TA \\s" not in whole and "TOA \\c" not in whole
    pages = whole.split("\f")
    argument = next(
        i for i, page in enumerate(pages) if re.search(r"^Argument$", page, re.MULTILINE)
    )
    assert argument > 0  # after the caption and the tables of authorities
    after = "\n".join(pages[argument:])
    assert re.search(r"^I\.\s", after, re.MULTILINE) and re.search(r"^A\.\s", after, re.MULTILINE)
    assert re.search(r"^1\.\s+\S+.* responds:", after, re.MULTILINE)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "30",
            "-f",
            "1",
            "-l",
            "1",
            "-gray",
            "-png",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
    )
    png = next(tmp_path.glob("page*.png")).read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5_000  # a blank page compresses to less


def test_docx_italicizes_a_short_case_name_only_where_a_citation_follows():
    """A short case name is italic only in a citation, not inside an agency's name.

    'Dep't of Com.' is Department of Commerce v. New York's short name, and also part of
    'U.S. Dep't of Com., Bureau of Indus. & Sec.', which stays roman.
    """
    case = load_case(CASES / "legion-v-lutnick")
    doc = docx.Document(io.BytesIO(export_outline(case, None, "movant", "docx")))  # type: ignore[arg-type]
    runs = [
        (p.text, r.text, bool(r.italic))
        for p in doc.element.body.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
        )
        for r in docx.text.paragraph.Paragraph(p, doc).runs
        if "Dep't of Com." in r.text
    ]
    agency = [(text, italic) for para, text, italic in runs if "U.S. Dep't of Com., Bureau" in para]
    assert agency and not any(italic for _, italic in agency)


def test_markdown_italicizes_case_names_as_the_word_brief_does():
    """Case names and their short forms in italics, in citations and the Table of Authorities.

    The same words inside an agency's name stay roman.
    """
    case = load_case(CASES / "legion-v-lutnick")
    text = export_outline(case, None, "movant", "md")
    assert isinstance(text, str)
    assert "| *Bennett v. Spear*, 520 U.S. 154 (1997) |" in text
    assert "*Dep't of Com.*, 588 U.S. at 768" in text
    agency = [line for line in text.splitlines() if "U.S. Dep't of Com., Bureau" in line]
    assert agency and not any("*Dep't of Com.*" in line for line in agency)
