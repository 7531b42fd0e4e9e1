"""The workbench as the README serves it: standalone Voilà with the workbook's template.

Two promises are checked in a real browser (Debian's Chromium, driven by Playwright):

* **No request leaves the machine.** Every request the page makes, scripts, styles,
  fonts and the kernel's websocket, goes to the loopback server: Voilà's own lab
  template would fetch Font Awesome (and nbconvert's Mermaid) from a CDN, which
  ``notebooks/voila-template/workbook`` leaves out.
* **The file box stays in its folder.** Typing ``../../x.json`` or ``/dev/zero``
  into the scenario file box and pressing Save or Load gives a clear refusal on the
  page, and nothing is written outside the folder the app serves.

Skipped without Chromium or Playwright, except in CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lab_fixtures
import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "06_workbench.ipynb"
TEMPLATE = ROOT / "notebooks" / "voila-template" / "workbook"
TIMEOUT_MS = 180_000


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`voila 06_workbench.ipynb --template=workbook` on loopback, serving a temp folder."""
    lab_fixtures.need_browser()
    home = tmp_path_factory.mktemp("voila")
    served = home / "a" / "b" / "served"
    served.mkdir(parents=True)
    shutil.copy(NOTEBOOK, served / NOTEBOOK.name)
    # the template, found through JUPYTER_PATH as `run.sh setup` installs it into the venv
    data = home / "data"
    shutil.copytree(TEMPLATE, data / "voila" / "templates" / "workbook")
    env = {
        **os.environ,
        "JUPYTER_PATH": str(data),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    port = lab_fixtures.free_port()
    cmd = [
        sys.executable, "-m", "voila", NOTEBOOK.name, "--no-browser", f"--port={port}",
        "--Voila.ip=127.0.0.1", "--template=workbook",
    ]  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    with lab_fixtures.serving(cmd, env, served, url + "api/status", home / "voila.log"):
        yield url, served


@pytest.fixture(scope="module")
def page(app: tuple[str, Path]) -> Iterator[tuple[Any, list[str]]]:
    """The app's page, fully rendered, with every URL it requested."""
    url, _ = app
    requested: list[str] = []
    with lab_fixtures.chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 1600})
        tab.set_default_timeout(TIMEOUT_MS)
        tab.on("request", lambda r: requested.append(r.url))
        tab.goto(url)
        tab.locator(".wb-outcome, .wb-strengths").first.wait_for(state="visible")
        yield tab, requested


def test_the_app_makes_no_request_off_the_machine(page: tuple[Any, list[str]]) -> None:
    """Every request goes to the loopback server: no CDN font, script or style."""
    _, requested = page
    assert requested, "the page made no request at all"
    outside = [
        u
        for u in requested
        if not u.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:"))
    ]
    assert outside == []


def _file_box(tab: Any) -> tuple[Any, Any, Any]:
    """The scenario file name box and its Save and Load buttons (on whichever tab holds them)."""
    for title in ("Files", "Standard"):
        tabs = tab.locator(".lm-TabBar-tab", has_text=title)
        if tabs.count():
            tabs.first.click()
            break
    box = tab.locator(".widget-text", has_text="file").filter(visible=True).locator("input").first
    # by the whole title: "Load" is also in "Upload scenario"
    save = tab.locator("button", has_text=re.compile(r"^\s*Save\s*$")).filter(visible=True).first
    load = tab.locator("button", has_text=re.compile(r"^\s*Load\s*$")).filter(visible=True).first
    return box, save, load


@pytest.mark.parametrize(
    ("name", "button"),
    [("../../x.json", "save"), ("/tmp/escaped.json", "save"), ("/dev/zero", "load")],
)
def test_the_file_box_refuses_names_outside_its_folder(
    page: tuple[Any, list[str]], app: tuple[str, Path], name: str, button: str
) -> None:
    """A path out of the served folder is refused on the page, and nothing is written."""
    tab, _ = page
    _, served = app
    before = sorted(p.name for p in served.parent.parent.rglob("*"))
    box, save, load = _file_box(tab)
    box.fill(name)
    box.press("Enter")
    (save if button == "save" else load).click()
    # this name's own refusal, beside the buttons (not a refusal left from another name)
    refusal = tab.locator(".wb-error", has_text=name).filter(visible=True).first
    refusal.wait_for(timeout=60_000)
    assert "inside the workbook's folder" in refusal.inner_text()
    assert sorted(p.name for p in served.parent.parent.rglob("*")) == before
    assert not Path("/tmp/escaped.json").exists()
