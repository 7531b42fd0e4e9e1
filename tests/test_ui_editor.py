"""The case editor: from a new case to a weighed motion and a brief, and what it refuses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest

from workbook.casefile.load import CheckReport, Finding, load_case
from workbook.casefile.new import new_case
from workbook.engine import analyse
from workbook.errors import (
    CaseFileError,
    CaseFileSchemaError,
    DuplicateIdError,
    UnknownReferenceError,
)
from workbook.export import export_outline
from workbook.ui.a11y import AccessibleNames
from workbook.ui.editor import CaseEditor, build_case_editor, findings_html
from workbook.vocabulary import TEXT_COLORS

CONTROLS = (
    widgets.Dropdown,
    widgets.FloatSlider,
    widgets.TagsInput,
    widgets.Text,
    widgets.Textarea,
    widgets.ToggleButtons,
)
"""The editor's controls; those with no description need a tooltip for their name."""


@pytest.fixture
def editor(tmp_path: Path) -> CaseEditor:
    """An editor on a new case, written by `new` into a scratch folder."""
    new_case(tmp_path / "acme", title="Acme Corp. v. Secretary", court="D.D.C.")
    return build_case_editor(tmp_path / "acme")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _tree(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def _label(picker: dict[str, str], id: str) -> str:
    return next(label for label, value in picker.items() if value == id)


def test_new_case_to_weighed_motion_and_brief(editor: CaseEditor) -> None:
    """A fact, an authority and an argument added in the editor load, weigh and export."""
    editor.add_fact(
        "licence-refused",
        "The agency refused the plaintiff's licence.",
        sources=["complaint"],
        status="alleged",
    )
    editor.add_authority(
        "nken",
        "Nken v. Holder, 556 U.S. 418 (2009)",
        kind="case",
        proposition="Against the government, its harm and the public interest merge.",
    )
    edit = editor.add_argument(
        side="opponent",
        element="harm",
        heading="The loss is recoverable later",
        body="Revenue lost now can be recovered after judgment.",
        strength=0.45,
        strength_reason="A fair point with authority both ways.",
        authorities=["nken"],
        facts=["licence-refused"],
        attacks=["m-standing-example"],
    )
    assert edit.id == "o-the-loss-is-recoverable-later"
    case = load_case(editor.path)
    assert case.fact("licence-refused").status == "alleged"
    assert case.authority("nken").verification.status == "unverified"
    argument = case.argument(edit.id)
    assert argument.attacks == ("m-standing-example",)
    assert [c.id for c in argument.authorities] == ["nken"]
    analysis = analyse(case, samples=0)
    assert edit.id in analysis.result.strengths
    assert analysis.result.outcome in ("granted", "denied")
    brief = export_outline(case, side="opponent", fmt="md")
    assert isinstance(brief, str)
    assert "The loss is recoverable later" in brief and "Nken v. Holder" in brief


def test_the_forms_save_what_the_author_picked(editor: CaseEditor) -> None:
    """Pickers list records by citation, heading and statement; Save writes their ids."""
    editor.pick("arguments")
    form: Any = editor.forms["arguments"]
    form.side.value = "movant"
    form.element.value = "harm"
    form.heading.value = "The licence rule shuts the business"
    form.body.value = "Without the licence the plaintiff cannot sell its product."
    form.strength.value = 0.7
    form.reason.value = "Squarely within the irreparable-harm cases."
    form.cites.value = [_label(form.authorities, "winter")]
    form.attacks.value = [_label(form.targets, "o-success-example")]
    form.facts.value = [_label(form.fact_ids, "example-fact")]
    assert "Winter v. Nat. Res. Def. Council" in form.cites.value[0]
    editor.save_button.click()
    assert editor.error.value == ""
    saved = load_case(editor.path).argument("m-the-licence-rule-shuts-the-business")
    assert saved.element == "harm" and saved.strength == 0.7
    assert saved.attacks == ("o-success-example",) and saved.facts == ("example-fact",)
    assert form.heading.value == ""  # emptied for the next argument
    assert "m-the-licence-rule-shuts-the-business" in form.targets.values()


def test_a_question_and_a_fact_from_their_forms(editor: CaseEditor) -> None:
    """A question's answers are typed one a line; the first is its default."""
    editor.section.value = "questions"
    assert editor.form_box.children == (editor.forms["questions"].widget,)
    form: Any = editor.forms["questions"]
    form.id.value = "q-final"
    form.text.value = "Is the refusal final agency action?"
    form.answers.value = "final: It is final\nnot-final: It is not final"
    form.elements.value = ["Likelihood of success on the merits"]
    editor.save()
    question = load_case(editor.path).question("q-final")
    assert question.default == "final" and question.elements == ("success",)
    editor.pick("facts")
    fact: Any = editor.forms["facts"]
    fact.id.value, fact.statement.value, fact.date.value = (
        "hearing",
        "A hearing was set.",
        "2026-07-01",
    )
    fact.sources.value = list(fact.choices)
    fact.status.value = "confirmed"
    editor.save()
    assert str(load_case(editor.path).fact("hearing").date) == "2026-07-01"


def test_a_new_authority_stays_unverified_without_a_record(editor: CaseEditor) -> None:
    """Marking an authority verified needs what was checked and where; else it is refused."""
    form: Any = editor.forms["authorities"]
    assert form.status.value == "unverified"
    editor.pick("authorities")
    form.id.value, form.kind.value = "lujan", "case"
    form.citation.value = "Lujan v. Defs. of Wildlife, 504 U.S. 555 (1992)"
    form.proposition.value = "Standing needs injury, causation and redressability."
    form.status.value = "verified"
    before = _files(editor.path)
    editor.status.value = "Added fact <code>x</code>"
    editor.save_button.click()
    assert "no record of what was checked" in editor.error.value and editor.status.value == ""
    assert _files(editor.path) == before and form.id.value == "lujan"
    form.status.value = "unverified"
    editor.save_button.click()
    assert editor.error.value == ""
    assert load_case(editor.path).authority("lujan").verification.status == "unverified"
    assert "&#x27;lujan&#x27; is unverified" in editor.findings.value
    assert "Added authority <code>lujan</code> in <code>case.yaml</code>" in editor.status.value
    assert editor.summary() in editor.summary_view.value


REFUSED: list[tuple[str, Callable[[CaseEditor], object], type[Exception], str]] = [
    (
        "duplicate id",
        lambda e: e.add_fact("example-fact", "Again.", sources=["complaint"], status="alleged"),
        DuplicateIdError,
        "id 'example-fact' is used twice in facts",
    ),
    (
        "attacks an unknown argument",
        lambda e: e.add_argument(
            side="opponent",
            element="harm",
            heading="H",
            body="B",
            strength=0.5,
            strength_reason="R",
            attacks=["ghost"],
        ),
        UnknownReferenceError,
        "unknown argument id 'ghost'",
    ),
    (
        "empty heading",
        lambda e: e.add_argument(
            side="movant",
            element="harm",
            heading="",
            body="B",
            strength=0.5,
            strength_reason="R",
            id="m-empty",
        ),
        CaseFileSchemaError,
        "heading is required",
    ),
]


@pytest.mark.parametrize(
    ("act", "error", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED]
)
def test_a_bad_edit_is_refused_and_the_files_unchanged(
    editor: CaseEditor, act: Callable[[CaseEditor], object], error: type[Exception], words: str
) -> None:
    """The editor's methods raise a clear error and write nothing."""
    before = _files(editor.path)
    with pytest.raises(error, match=words):
        act(editor)
    assert _files(editor.path) == before


def test_save_with_an_empty_form_shows_every_problem_in_the_error_box(editor: CaseEditor) -> None:
    """A click that fails shows each problem in the visible error box; nothing is written."""
    before = _files(editor.path)
    editor.save_button.click()
    for words in ("id is required", "statement is required", "sources is required"):
        assert words in editor.error.value
    assert "nothing was written" in editor.error.value
    assert _files(editor.path) == before


def test_findings_show_errors_in_red_and_warnings_plain(tmp_path: Path) -> None:
    """Errors carry the error colour and the word error; warnings are plain."""
    report = CheckReport(
        tmp_path,
        (CaseFileError("bad thing", path=tmp_path / "facts.yaml", line=3, hint="fix it"),),
        (Finding("soft thing", path=tmp_path / "case.yaml", line=9),),
        None,
    )
    text = findings_html(report, tmp_path)
    assert "FAILED</b>: 1 errors, 1 warnings" in text
    red = f'style="color:{TEXT_COLORS["wrong"]}"'
    assert f'{red}><pre style="white-space:pre-wrap">error: facts.yaml:3: bad thing' in text
    assert '<li class="wb-warning"><pre style="white-space:pre-wrap">warning: case.yaml:9' in text
    assert str(tmp_path) not in text  # files named inside the case, not by machine path


def test_every_unlabelled_control_has_a_name(editor: CaseEditor) -> None:
    """Each control without a description carries a tooltip; the names widget is in the tree."""
    for section in ("facts", "authorities", "arguments", "questions"):
        editor.pick(section)
    tree = [w for form in editor.forms.values() for w in _tree(form.widget)]
    tree += list(_tree(editor.widget))
    controls = [w for w in tree if isinstance(w, CONTROLS)]
    assert controls
    assert [w for w in controls if not w.description and not w.tooltip] == []
    assert sum(isinstance(w, AccessibleNames) for w in _tree(editor.widget)) == 1


def test_a_case_that_does_not_load_is_refused(tmp_path: Path) -> None:
    """The editor opens only a case that loads; it names the first problem."""
    (tmp_path / "case.yaml").write_text("case: [\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match="not valid YAML"):
        build_case_editor(tmp_path)
