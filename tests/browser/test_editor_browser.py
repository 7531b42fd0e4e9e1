"""The case editor in a real browser: Voilà at 1280 px, driven by Playwright with Chromium.

A user types a fact, an authority and an argument (picking the new authority and fact
in its pickers) into the editor's forms and saves each; the check shows "ok" and no
error, and the scratch case the notebook writes beside itself loads with the three
records and weighs. A duplicate id is refused beside the form and nothing is written.
The server and the browser are the fixtures in ``lab_fixtures.py`` beside this file;
screenshots go to ``test-artifacts/editor-*.png``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import lab_fixtures
import pytest

from workbook import load_case
from workbook.engine import analyse

pytestmark = pytest.mark.browser
server, browser, served = lab_fixtures.server, lab_fixtures.browser, lab_fixtures.served

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "11_case_editor.ipynb"
SCRATCH = "my-case"  # where the notebook writes its scratch case, beside itself
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 120_000

FACT = {
    "id": "licence-refused",
    "date": "2026-03-02",
    "statement": "The agency refused the plaintiff's licence by letter.",
}
AUTHORITY = {
    "id": "nken",
    "citation": "Nken v. Holder, 556 U.S. 418 (2009)",
    "proposition": "Against the government, its harm and the public interest merge.",
}
ARGUMENT = {
    "heading": "The loss is recoverable later",
    "body": "Revenue lost now can be recovered after judgment.",
    "why": "A fair point with authority both ways.",
}
ARGUMENT_ID = "o-the-loss-is-recoverable-later"

_LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = document.querySelector('.wb-editor');
  if (!root) return ['no editor on the page'];
  for (let el = root.parentElement; el; el = el.parentElement) {  // Voilà scrolls a box
    const x = getComputedStyle(el).overflowX;
    const page = el === document.scrollingElement;
    if ((page || x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      problems.push(`sideways scroll: ${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
  }
  const right = root.getBoundingClientRect().right + 1;
  for (const el of root.querySelectorAll('*')) {
    if (!el.offsetParent) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right)
      problems.push(`past the right edge: ${el.tagName}.${el.className} by ${box.right - right}px`);
  }
  for (const label of root.querySelectorAll('.widget-label, .widget-toggle-button'))
    if (label.offsetParent && label.scrollWidth > label.clientWidth + 1)
      problems.push(`label cut: ${label.innerText}`);
  return problems.slice(0, 10);
}"""


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _open(browser: Any, server: str) -> Any:
    """The editor in Voilà at 1280 px, once its widgets are on the page."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{server}voila/render/{NOTEBOOK}")
    page.locator(".wb-editor").first.wait_for()
    page.locator(".wb-editor").get_by_text("ok:").first.wait_for()  # the first check shown
    return page


#: A field only each section's form has: the form is on the page once it shows.
_ONLY_IN = {"Facts": "statement", "Authorities": "citation", "Arguments": "heading"}


def _section(page: Any, name: str) -> Any:
    """Press a section's button; return its form once the page shows it.

    Every form has an "id" box, so typing before the new form arrives from the kernel
    would fill the old form's.
    """
    page.locator(".wb-editor .widget-toggle-buttons").first.get_by_role(
        "button", name=name, exact=True
    ).click()
    form = page.locator(".wb-editor .widget-vbox").first  # the box that holds the form
    form.get_by_label(_ONLY_IN[name], exact=True).wait_for()
    return form


def _type(form: Any, label: str, text: str) -> None:
    box = form.get_by_label(label, exact=True)
    box.click()
    box.fill(text)


def _pick(picker: Any, words: str) -> str:
    """Type the suggestion of a tags picker that holds ``words`` and press Enter."""
    tag = ""
    deadline = time.monotonic() + 30
    while not tag and time.monotonic() < deadline:  # the new record's tag comes after a save
        options = picker.evaluate(
            "el => [...el.querySelectorAll('datalist option')].map(o => o.value)"
        )
        tag = next((o for o in options if words in o), "")
        time.sleep(0.2)
    assert tag, f"no suggestion with {words!r} in {options}"
    box = picker.locator("input").first
    box.fill(tag)
    box.press("Enter")
    picker.locator("div.jupyter-widget-tag", has_text=tag[:20]).first.wait_for()
    box.press("Escape")  # close the suggestions, which would swallow the next click
    box.blur()
    return str(tag)


def _save(page: Any, added: str, finding: str = "") -> None:
    """Press Save; wait for the editor's "Added ..." line and the check's ``finding``."""
    editor = page.locator(".wb-editor")
    editor.get_by_role("button", name="Save").click()
    editor.locator(".widget-html", has_text=added).first.wait_for()
    findings = editor.locator(".widget-html", has_text="errors,").first
    findings.filter(has_text=finding).wait_for()
    assert findings.inner_text().startswith("ok:")
    assert editor.locator(".wb-error").count() == 0


def test_a_fact_an_authority_and_an_argument_typed_saved_and_weighed(
    server: str, browser: Any, served: Path
) -> None:
    """Typed into the forms and saved, the three records load from the files and weigh."""
    page = _open(browser, server)
    assert page.evaluate(_LAYOUT_PROBLEMS) == []
    page.screenshot(path=str(ARTIFACTS / "editor-opened.png"))

    form = _section(page, "Facts")
    _type(form, "id", FACT["id"])
    _type(form, "date", FACT["date"])
    _type(form, "statement", FACT["statement"])
    form.get_by_label("status", exact=True).select_option("alleged")
    _pick(form.locator(".wb-picker").first, "Complaint")
    _save(page, f"Added fact {FACT['id']}")
    assert form.get_by_label("id", exact=True).input_value() == ""  # emptied for the next

    form = _section(page, "Authorities")
    for label in ("id", "citation", "proposition"):
        _type(form, label, AUTHORITY[label])
    form.get_by_label("kind", exact=True).select_option("case")
    assert page.evaluate(_LAYOUT_PROBLEMS) == []
    page.screenshot(path=str(ARTIFACTS / "editor-authority.png"))
    _save(page, f"Added authority {AUTHORITY['id']}", f"'{AUTHORITY['id']}' is unverified")

    form = _section(page, "Arguments")
    form.get_by_role("button", name="opponent", exact=True).click()
    form.get_by_label("element", exact=True).select_option(label="Irreparable harm")
    _type(form, "heading", ARGUMENT["heading"])
    _type(form, "body", ARGUMENT["body"])
    _type(form, "why", ARGUMENT["why"])
    form.locator(".noUi-handle").first.press("ArrowRight")  # strength 0.5 -> 0.55
    pickers = form.locator(".wb-picker")
    _pick(pickers.nth(0), "Nken v. Holder")  # authorities
    _pick(pickers.nth(3), "refused the plaintiff")  # facts
    assert page.evaluate(_LAYOUT_PROBLEMS) == []
    page.screenshot(path=str(ARTIFACTS / "editor-argument.png"))
    _save(page, f"Added argument {ARGUMENT_ID}")
    page.screenshot(path=str(ARTIFACTS / "editor-saved.png"))
    assert "Traceback" not in page.content()
    page.close()

    case = load_case(served / SCRATCH)
    fact = case.fact(FACT["id"])
    assert fact.statement == FACT["statement"] and str(fact.date) == FACT["date"]
    assert fact.status == "alleged" and list(fact.sources) == ["complaint"]
    authority = case.authority(AUTHORITY["id"])
    assert authority.citation == AUTHORITY["citation"] and authority.kind == "case"
    assert authority.proposition == AUTHORITY["proposition"]
    assert authority.verification.status == "unverified"
    argument = case.argument(ARGUMENT_ID)
    assert (argument.side, argument.element) == ("opponent", "harm")
    assert argument.heading == ARGUMENT["heading"] and argument.body == ARGUMENT["body"]
    assert argument.strength_reason == ARGUMENT["why"] and argument.strength == 0.55
    assert [c.id for c in argument.authorities] == [AUTHORITY["id"]]
    assert argument.facts == (FACT["id"],)
    analysis = analyse(case, samples=0)
    assert ARGUMENT_ID in analysis.result.strengths
    assert analysis.result.outcome in ("granted", "denied")


def test_a_duplicate_id_is_refused_beside_the_form_and_nothing_written(
    server: str, browser: Any, served: Path
) -> None:
    """Saving a fact whose id the case holds shows why beside Save; the files stay the same."""
    page = _open(browser, server)
    folder = served / SCRATCH
    before = _files(folder)
    form = _section(page, "Facts")
    _type(form, "id", "example-fact")  # the fact `new` wrote into the scratch case
    _type(form, "statement", "A second fact under the first one's id.")
    _pick(form.locator(".wb-picker").first, "Complaint")
    editor = page.locator(".wb-editor")
    editor.get_by_role("button", name="Save").click()
    error = editor.locator(".wb-error").first
    error.wait_for()
    assert "DuplicateIdError" in error.inner_text() and "used twice" in error.inner_text()
    save = editor.get_by_role("button", name="Save").bounding_box()
    shown = error.bounding_box()
    assert 0 <= shown["y"] - (save["y"] + save["height"]) < 60  # right under Save
    assert form.get_by_label("id", exact=True).input_value() == "example-fact"  # kept
    assert page.evaluate(_LAYOUT_PROBLEMS) == []
    page.screenshot(path=str(ARTIFACTS / "editor-refused.png"))
    assert _files(folder) == before
    assert "Traceback" not in page.content()
    page.close()
