"""Accessibility in a real browser: axe-core on the Voilà workbench and on every notebook in Lab.

axe-core is the npm package pinned in ``package.json`` beside this file (``npm ci`` there;
``bash run.sh setup`` does it). Playwright injects it from disk into the page: nothing is
fetched from a CDN. A page fails on any *critical* or *serious* violation; the full axe
report (every impact, passes left out) goes to ``test-artifacts/axe-*.json``.

Violations that live in JupyterLab, Voilà or ipywidgets themselves, and that the workbook
cannot fix from its side, are left out by exact rule and selector in :data:`NOT_OURS`, each
with its reason. Nothing else is excluded.

The keyboard test tabs through the workbench's controls in Voilà and changes an answer and
a strength with the keyboard alone.
"""

from __future__ import annotations

import json
import time
import urllib.request
from pathlib import Path
from typing import Any

import lab_fixtures
import pytest

pytestmark = pytest.mark.browser
server, browser = lab_fixtures.server, lab_fixtures.browser  # the shared fixtures

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
WORKBENCH = "06_workbench.ipynb"
LIVE = ("06_workbench.ipynb", "07_exercises.ipynb", "08_brief_builder.ipynb")
"""Notebooks whose widgets are checked live: the test runs them in Lab before the check."""
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
TIMEOUT_MS = 120_000
FAILING = ("critical", "serious")

NOT_OURS: dict[tuple[str, str], str] = {
    # JupyterLab's own page, around every notebook.
    ("aria-allowed-attr", "jp-button[aria-pressed]"): (
        "JupyterLab's toolbar buttons (Upload Files, Toggle File Filter, Voilà's Render "
        "button, the debugger) carry aria-pressed on a role that does not allow it"
    ),
    ("aria-input-field-name", ".jp-Cell .cm-content"): (
        "JupyterLab gives a code cell's CodeMirror editor (role textbox) no accessible name"
    ),
    ("aria-required-children", ".jp-WindowedPanel-viewport[role=feed]"): (
        "JupyterLab's notebook is a role=feed whose cells are not role=article"
    ),
    ("button-name", ".jp-collapseHeadingButton"): (
        "JupyterLab's button that folds a markdown heading has no text or label"
    ),
}
"""(axe rule, CSS selector an offending element matches) -> why it is not ours to fix.

Only violations of that rule by elements matching that selector are left out; the full
report in ``test-artifacts/`` keeps them, marked ``excluded``.
"""

_RUN_AXE = """async ([context, notOurs]) => {
  const report = await axe.run(context || document, {
    resultTypes: ['violations'], elementRef: true,
  });
  for (const violation of report.violations) {
    for (const node of violation.nodes) {
      const why = notOurs.find(([rule, selector]) =>
        rule === violation.id && node.element && node.element.matches(selector));
      if (why) node.excluded = why[2];
      delete node.element;
    }
  }
  return {url: report.url, testEngine: report.testEngine, violations: report.violations};
}"""


def _axe_path() -> Path:
    if not AXE.exists():
        lab_fixtures.missing(
            f"{AXE.relative_to(ROOT)} not found; run `npm ci` in tests/browser "
            "(`bash run.sh setup` does it when npm is installed)"
        )
    return AXE


def _axe(page: Any, name: str, context: Any = None) -> list[str]:
    """Run axe on the page (or ``context``), save the report, return the failing findings."""
    page.add_script_tag(path=str(_axe_path()))
    not_ours = [[rule, selector, why] for (rule, selector), why in NOT_OURS.items()]
    report = page.evaluate(_RUN_AXE, [context, not_ours])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(report, indent=1))
    found = []
    for violation in report["violations"]:
        if violation["impact"] not in FAILING:
            continue
        for node in violation["nodes"]:
            if node.get("excluded"):
                continue
            found.append(
                f"{violation['impact']} {violation['id']}: {' '.join(map(str, node['target']))}"
                f"\n    {node['html'][:160]}\n    {node.get('failureSummary', '')[:300]}"
            )
    return found


def _page(browser: Any, width: int = 1280, height: int = 900) -> Any:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _open_voila(browser: Any, server: str) -> Any:
    page = _page(browser)
    page.goto(f"{server}voila/render/{WORKBENCH}")
    page.locator(".wb-outcome").first.wait_for()
    page.locator(".wb-side svg.marks").first.wait_for(state="attached")
    page.wait_for_timeout(1000)  # the charts finish drawing
    return page


def _stop_kernels(server: str) -> None:
    """Shut down every session the page left running (one kernel per opened notebook)."""
    with urllib.request.urlopen(server + "api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(server + f"api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


def test_the_voila_workbench_has_no_serious_violations(server: str, browser: Any) -> None:
    """No critical or serious axe violation in any tab of the Voilà workbench."""
    page = _open_voila(browser, server)
    found = []
    tabs = page.locator(".wb-tabs .lm-TabBar-tab")
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        title = tab.inner_text().strip()
        tab.click()
        page.wait_for_timeout(300)
        if i == 0:  # open an element, so its argument rows are checked too
            page.locator(".wb-tabs .jupyter-widget-Collapse-header").first.click()
            page.wait_for_timeout(500)
        found += [f"[{title} tab] {f}" for f in _axe(page, f"voila-workbench-{i}")]
    page.screenshot(path=str(ARTIFACTS / "axe-voila-workbench.png"))
    page.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_each_notebook_in_lab_has_no_serious_violations(
    server: str, browser: Any, notebook: str
) -> None:
    """No critical or serious axe violation in a notebook as JupyterLab shows it.

    The notebooks with widgets (:data:`LIVE`) are run first, so their live widgets are
    checked; the others show their stored outputs.
    """
    page = _page(browser)
    page.goto(f"{server}lab/tree/{notebook}?reset")
    page.locator("#jp-main-statusbar").get_by_text("Idle").first.wait_for()
    panel = page.locator(".jp-NotebookPanel:visible")
    panel.locator(".jp-Cell").first.wait_for()
    if notebook in LIVE:
        page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
        page.locator('li[data-command="runmenu:run-all"]').click()
        page.wait_for_timeout(1000)
        page.locator("#jp-main-statusbar").get_by_text("Idle").first.wait_for()
        panel.locator(".jupyter-widgets").first.wait_for()
    page.wait_for_timeout(1500)  # stored charts finish drawing
    found = _axe(page, f"lab-{notebook.removesuffix('.ipynb')}")
    page.close()
    _stop_kernels(server)
    assert not found, "\n".join(found)


# --------------------------------------------------------------------------- keyboard

_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  return {
    inside: !!el.closest('.wb-root'),
    control: el.dataset.wbControl || '',
    cls: String(el.className),
    role: el.getAttribute('role') || el.tagName.toLowerCase(),
    value: el.getAttribute('aria-valuenow') || '',
    label: (el.getAttribute('aria-label') || el.innerText || el.value || '').slice(0, 60),
  };
}"""

_CONTROLS = """() => {
  const root = [...document.querySelectorAll('.wb-root')].pop();
  const what = 'input, select, textarea, button, summary, a[href], [role=slider], [role=tab], '
    + '.jupyter-widget-Collapse-header';
  const found = {};
  root.querySelectorAll(what).forEach((el, i) => {
    if (!el.offsetParent || el.disabled) return;
    // a tab bar is one stop (one of its tabs takes focus), the arrow keys move along it
    const bar = el.getAttribute('role') === 'tab' && el.closest('[role=tablist]');
    const key = bar ? `bar-${[...root.querySelectorAll('[role=tablist]')].indexOf(bar)}` : `${i}`;
    el.dataset.wbControl = key;
    found[key] = `${el.tagName.toLowerCase()}.${el.className} "${
      (bar ? 'tab bar' : el.getAttribute('aria-label') || el.innerText || '').slice(0, 50)}"`;
  });
  return found;
}"""


def _tab_until(page: Any, want: Any, limit: int = 400) -> list[dict[str, Any]]:
    """Press Tab until ``want(focused)`` holds; return what was focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused:
            seen.append(focused)
            if want(focused):
                return seen
    raise AssertionError(f"never reached the control; focus went through {seen[-20:]}")


def _unreached(page: Any) -> list[str]:
    """The visible workbench controls that Tab does not reach, from the top of the page."""
    controls = page.evaluate(_CONTROLS)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.locator("h1").first.click()
    reached: set[str] = set()
    inside = False
    for _ in range(4 * len(controls) + 40):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED) or {}
        if focused.get("inside"):
            inside = True
            reached.add(focused["control"])
        elif inside:
            break  # past the workbench
    return [label for key, label in controls.items() if key not in reached]


def _wait_changed(locator: Any, before: str, what: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if locator.inner_text() != before:
            return
        time.sleep(0.2)
    raise AssertionError(f"{what}, but the workbench did not re-weigh")


def test_every_workbench_control_is_reached_with_tab(server: str, browser: Any) -> None:
    """In each tab of the Voilà workbench, Tab reaches every visible control."""
    page = _open_voila(browser, server)
    missed = []
    tabs = page.locator(".wb-tabs .lm-TabBar-tab")
    for i in range(tabs.count()):
        title = tabs.nth(i).inner_text().strip()
        tabs.nth(i).click()
        if i == 0:
            page.locator(".wb-tabs .jupyter-widget-Collapse-header").first.click()
        page.wait_for_timeout(300)
        missed += [f"[{title} tab] {label}" for label in _unreached(page)]
    page.close()
    assert not missed, "Tab does not reach:\n" + "\n".join(missed)


def test_the_workbench_works_from_the_keyboard(server: str, browser: Any) -> None:
    """With the keyboard alone: open an element, move a strength, switch tabs, pick an answer."""
    page = _open_voila(browser, server)
    strengths = page.locator(".wb-strengths")
    page.locator("h1").first.click()
    # the first element's arguments: reach its header, open it, move the first strength
    _tab_until(page, lambda f: "Collapse-header" in f["cls"])
    page.keyboard.press("Enter")
    _tab_until(page, lambda f: f["role"] == "slider")
    # the argument's row is its checkbox, its slider and its strength as weighed ("→ 0.55"),
    # which only the kernel updates
    weighed = (
        page.locator(".noUi-handle:focus")
        .locator("xpath=ancestor::div[contains(@class, 'widget-hbox')][1]")
        .locator(".widget-html")
        .last
    )
    before = weighed.inner_text()
    assert "→" in before, before
    at_top = page.evaluate("() => document.activeElement.getAttribute('aria-valuenow')") == "1.0"
    page.keyboard.press("ArrowLeft" if at_top else "ArrowRight")
    _wait_changed(weighed, before, "a strength moved with the arrow key")
    # back to the tab bar; the arrow keys move along it, Enter opens Questions
    page.locator("h1").first.click()
    _tab_until(page, lambda f: f["role"] == "tab")
    for _ in range(5):
        if "Questions" in page.evaluate(_FOCUSED)["label"]:
            break
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    page.locator(".wb-questions select").first.wait_for(state="visible")
    before = strengths.inner_text()
    _tab_until(page, lambda f: f["role"] == "select")
    page.keyboard.press("ArrowDown")
    _wait_changed(strengths, before, "an answer changed with the arrow key")
    page.close()
