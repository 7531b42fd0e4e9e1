"""The workbench in a real browser: JupyterLab and Voilà, driven by Playwright with Chromium.

The server and the browser are the fixtures in ``lab_fixtures.py`` beside this file.
Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

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
    for tab in ("Questions", "Odds", "Add", "Standard"):
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


def test_workbench_fits_the_screen_in_jupyterlab(server: str, browser: Any) -> None:
    """At 1280 px with the file browser open, the workbench in Lab fits its notebook panel."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{server}lab/tree/{NOTEBOOK.name}?reset")
    page.locator("#jp-main-statusbar").get_by_text("Idle").first.wait_for()
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator('li[data-command="runmenu:run-all"]').click()
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.locator(".wb-outcome").first.wait_for()
    _assert_chart_rendered(panel, page)
    panel.locator(".wb-outcome").first.scroll_into_view_if_needed()
    _check_layout(page, panel, "layout-lab-1280")
    page.close()
