"""The workbench in a real browser: JupyterLab and Voilà, driven by Playwright with Chromium.

The server and the browser are the fixtures in ``lab_fixtures.py`` beside this file.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import lab_fixtures
import pytest

pytestmark = pytest.mark.browser
server, browser = lab_fixtures.server, lab_fixtures.browser  # the shared fixtures

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "06_workbench.ipynb"
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 120_000


def _new_page(browser: Any) -> Any:
    page = browser.new_page(viewport={"width": 1500, "height": 2400})
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _change_an_answer(scope: Any) -> tuple[str, str]:
    """Pick another answer in each question dropdown until the strengths change."""
    strengths = scope.locator(".wb-strengths")
    before = strengths.inner_text()
    selects = scope.locator(".wb-questions select")
    for i in range(selects.count()):
        select = selects.nth(i)
        values = [o.get_attribute("value") for o in select.locator("option").all()]
        current = select.input_value()
        for value in values:
            if value and value != current:
                select.select_option(value)
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    after = strengths.inner_text()
                    if after != before:
                        return before, after
                    time.sleep(0.25)
                break
    return before, strengths.inner_text()


def _assert_chart_rendered(scope: Any, page: Any) -> None:
    marks = scope.locator("svg.marks, canvas.marks")
    marks.first.wait_for(state="attached")
    assert marks.count() >= 1
    assert "Error loading script" not in page.content()


def test_workbench_in_jupyterlab(server: str, browser: Any) -> None:
    """In JupyterLab, running the workbench draws charts, and changing an answer re-weighs."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = _new_page(browser)
    page.goto(f"{server}lab/tree/{NOTEBOOK.name}?reset")
    page.locator("#jp-main-statusbar").get_by_text("Idle").first.wait_for()
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.locator(".wb-outcome").first.wait_for()
    _assert_chart_rendered(panel, page)
    panel.locator(".lm-TabBar-tab", has_text="Questions").first.click()
    before, after = _change_an_answer(panel)
    page.screenshot(path=str(ARTIFACTS / "workbench-lab.png"), full_page=True)
    assert after != before, "changing the answers did not change any strength"
    _assert_chart_rendered(panel, page)
    page.close()


def test_workbench_in_voila(server: str, browser: Any) -> None:
    """As a Voilà app, the workbench renders its charts and re-weighs on a change."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = _new_page(browser)
    page.goto(f"{server}voila/render/{NOTEBOOK.name}")
    page.locator(".wb-outcome").first.wait_for()
    _assert_chart_rendered(page, page)
    page.locator(".lm-TabBar-tab", has_text="Questions").first.click()
    before, after = _change_an_answer(page)
    page.screenshot(path=str(ARTIFACTS / "workbench-voila.png"), full_page=True)
    assert after != before, "changing the answers did not change any strength"
    assert "Traceback" not in page.content()
    page.close()


# --------------------------------------------------------------------------- layout

_LAYOUT_PROBLEMS = """() => {
  const problems = [];
  const root = [...document.querySelectorAll('.wb-root')].filter(e => e.offsetParent).pop();
  if (!root) return ['no workbench on the page'];
  const right = root.getBoundingClientRect().right + 1;
  for (let el = root.parentElement; el; el = el.parentElement) {
    const x = getComputedStyle(el).overflowX;
    if ((x === 'auto' || x === 'scroll') && el.scrollWidth > el.clientWidth + 1)
      problems.push(`sideways scroll: ${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
  }
  for (const el of root.querySelectorAll('*')) {
    if (!el.offsetParent || el.closest('.wb-map')) continue;
    const box = el.getBoundingClientRect();
    if (box.width && box.right > right)
      problems.push(`past the right edge: ${el.tagName}.${el.className} by ${box.right - right}px`);
  }
  for (const el of root.querySelectorAll('.widget-box')) {
    const x = getComputedStyle(el).overflowX;
    if (el.offsetParent && !el.closest('.wb-map') && (x === 'auto' || x === 'scroll')
        && el.scrollWidth > el.clientWidth + 1)
      problems.push(`box scrolls sideways: ${el.className} ${el.scrollWidth}>${el.clientWidth}`);
  }
  for (const tab of root.querySelectorAll('.wb-tabs .lm-TabBar-tabLabel'))
    if (tab.scrollWidth > tab.clientWidth + 1) problems.push(`tab title cut: ${tab.innerText}`);
  for (const bar of root.querySelectorAll('.wb-tabs > .lm-TabBar')) {
    const edge = bar.getBoundingClientRect();
    for (const tab of bar.querySelectorAll('.lm-TabBar-tab')) {
      const box = tab.getBoundingClientRect();
      if (box.right > edge.right + 1 || box.bottom > edge.bottom + 1)
        problems.push(`tab outside its bar: ${tab.innerText}`);
    }
  }
  const side = root.querySelector('.wb-side').getBoundingClientRect();
  for (const svg of root.querySelectorAll('.wb-side svg.marks'))
    if (svg.getBoundingClientRect().right > side.right + 1)
      problems.push(`chart wider than the results column: ${svg.getAttribute('aria-label')}`);
  return problems.slice(0, 10);
}"""

_OUTCOME_TOP = """() => [...document.querySelectorAll('.wb-outcome')]
  .filter(e => e.offsetParent).pop().getBoundingClientRect().top"""


def _check_layout(page: Any, scope: Any, name: str) -> None:
    """No sideways scroll, nothing past the edge, whole tab titles; the outcome stays in view."""
    page.wait_for_timeout(1500)  # let the charts finish drawing
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    assert page.evaluate(_LAYOUT_PROBLEMS) == []
    for tab in ("Questions", "Odds", "Add", "Standard", "Compare", "Files"):
        scope.locator(".wb-tabs .lm-TabBar-tab", has_text=tab).first.click()
        page.wait_for_timeout(300)
        assert page.evaluate(_LAYOUT_PROBLEMS) == [], f"in the {tab} tab"
    scope.locator(".wb-tabs .lm-TabBar-tab", has_text="Arguments").first.click()
    scope.locator(".wb-tabs .jupyter-widget-Collapse-header").first.click()
    page.wait_for_timeout(500)
    tabs = scope.locator(".wb-tabs").first.bounding_box()
    height = page.viewport_size["height"]
    # Scroll while the controls still fill the screen: past them, the page shows the map.
    page.mouse.move(tabs["x"] + 40, max(tabs["y"], 0) + 60)
    page.mouse.wheel(0, max(0, min(500, tabs["y"] + tabs["height"] - height)))
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / f"{name}-scrolled.png"))
    assert page.evaluate(_LAYOUT_PROBLEMS) == []
    top = page.evaluate(_OUTCOME_TOP)
    assert 0 <= top < height / 2, f"the outcome scrolled away (top {top})"


@pytest.mark.parametrize("width", [1280, 1920])
def test_workbench_fits_the_screen_in_voila(server: str, browser: Any, width: int) -> None:
    """Voilà at 1280 and 1920 px: no sideways scroll or cut titles; the outcome stays in view."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{server}voila/render/{NOTEBOOK.name}")
    page.locator(".wb-outcome").first.wait_for()
    _assert_chart_rendered(page, page)
    _check_layout(page, page, f"layout-voila-{width}")
    page.close()


@pytest.mark.parametrize("width", [1280, 1920])
def test_workbench_fits_the_screen_in_jupyterlab(server: str, browser: Any, width: int) -> None:
    """With the file browser open, the workbench in Lab fits its notebook panel."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{server}lab/tree/{NOTEBOOK.name}?reset")
    page.locator("#jp-main-statusbar").get_by_text("Idle").first.wait_for()
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.locator(".wb-outcome").first.wait_for()
    _assert_chart_rendered(panel, page)
    panel.locator(".wb-outcome").first.scroll_into_view_if_needed()
    assert not panel.locator(".wb-run-hint").first.is_visible()  # hidden once the widget lives
    _check_layout(page, panel, f"layout-lab-{width}")
    page.close()


# --------------------------------------------------------------------------- editing and files


def _tab(page: Any, title: str) -> None:
    page.locator(".wb-tabs .lm-TabBar-tab", has_text=title).first.click()


def _pick(picker: Any, page: Any) -> str:
    """Type the first suggestion of a tags picker into it and press Enter; return the tag."""
    tag = picker.evaluate("el => el.querySelector('datalist option').value")
    box = picker.locator("input").first
    box.fill(tag)
    box.press("Enter")
    picker.locator("div.jupyter-widget-tag", has_text=tag[:20]).first.wait_for()
    box.press("Escape")  # close the suggestions, which would swallow the next click
    box.blur()
    return str(tag)


def _upload(page: Any, path: Path) -> None:
    """Upload a file with the Upload button (its file input is not in the page's DOM)."""
    with page.expect_file_chooser() as chooser:
        page.locator(".wb-tabs .widget-upload").first.click()
    chooser.value.set_files(str(path))


def test_workbench_add_compare_download_upload_in_voila(
    server: str, browser: Any, tmp_path: Path
) -> None:
    """In Voilà at 1280 px: add an argument with text, pin, reset, compare, download, upload."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{server}voila/render/{NOTEBOOK.name}")
    page.locator(".wb-outcome").first.wait_for()
    page.get_by_text("P(granted) =").first.wait_for()  # the deferred part came after the paint

    _tab(page, "Add")
    form = page.locator(".wb-add")
    heading = "A browser-typed argument"
    form.locator(".widget-text input").first.fill(heading)
    form.locator("textarea").first.fill("Its own text, not the heading.")
    _pick(form.locator(".wb-picker").nth(0), page)
    _pick(form.locator(".wb-picker").nth(2), page)
    form.get_by_role("button", name="Add argument").click()
    form.locator(".widget-html", has_text=f"Added “{heading}”").first.wait_for()
    assert form.locator(".widget-text input").first.input_value() == ""  # the form is cleared
    assert form.locator("textarea").first.input_value() == ""
    assert form.locator(".wb-error").count() == 0
    page.screenshot(path=str(ARTIFACTS / "voila-added.png"))

    _tab(page, "Compare")
    page.get_by_role("button", name="Pin this scenario as A").click()
    page.get_by_text("Pinned as A").first.wait_for()

    _tab(page, "Files")
    page.get_by_role("button", name="Prepare download").click()
    link = page.locator(".wb-download a").first
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [a["heading"] for a in data["added"]] == [heading]
    assert data["added"][0]["body"] == "Its own text, not the heading."

    _tab(page, "Compare")
    page.get_by_role("button", name="Reset to the case file").click()
    page.get_by_text("Reset to the case file's defaults.").first.wait_for()
    page.get_by_role("button", name="Compare with A").click()
    table = page.locator(".wb-compare").first
    table.wait_for()
    assert heading in table.inner_text() and "not in this scenario" in table.inner_text()
    page.screenshot(path=str(ARTIFACTS / "voila-compare.png"))
    assert page.evaluate(_LAYOUT_PROBLEMS) == []

    _tab(page, "Files")
    _upload(page, saved)
    page.get_by_text(f"Loaded {saved.name}").first.wait_for()
    _tab(page, "Add")
    page.locator(".wb-add").get_by_text(heading).first.wait_for()  # the upload brought it back
    _tab(page, "Files")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    _upload(page, bad)
    error = page.locator(".wb-tabs .wb-error").first
    error.wait_for()
    assert "invalid JSON" in error.inner_text()  # beside the upload, in the Files tab
    page.screenshot(path=str(ARTIFACTS / "voila-files.png"))
    assert "Traceback" not in page.content()
    page.close()
