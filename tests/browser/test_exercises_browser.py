"""The exercises and the teacher's view in a real browser: Voilà, driven by Playwright.

A student answers the first exercise wrong (a hint and a second try, no answer yet),
changes the choice (the feedback goes), and misses again (the worked answer appears);
then the teacher's notebook draws its three charts. Needs Debian's Chromium and the
``playwright`` package, like the workbench's browser test; skipped without them (failed
in CI). Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lab_fixtures
import pytest

from workbook import DEFAULT_CASE, load_case
from workbook.exercises import exercises_for

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BOOKS = ("07_exercises.ipynb", "09_teacher.ipynb")
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT_MS = 120_000


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Voilà on loopback serving copies of the exercise and teacher notebooks."""
    lab_fixtures.need_browser()
    home = tmp_path_factory.mktemp("voila")
    root = home / "root"
    root.mkdir()
    for book in BOOKS:
        shutil.copy(ROOT / "notebooks" / book, root / book)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    port = lab_fixtures.free_port()
    cmd = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--ServerApp.token=",
        f"--Voila.root_dir={root}",
    ]
    url = f"http://127.0.0.1:{port}/"
    with lab_fixtures.serving(cmd, env, root, url, home / "voila.log"):
        yield url


@pytest.fixture(scope="module")
def page(voila: str) -> Iterator[Any]:
    with lab_fixtures.chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 2000})
        tab.set_default_timeout(TIMEOUT_MS)
        yield tab


def _wait_text(locator: Any, want: str, present: bool = True) -> str:
    deadline = time.monotonic() + 30
    text = locator.inner_text()
    while (want in text) is not present and time.monotonic() < deadline:
        time.sleep(0.2)
        text = locator.inner_text()
    return text


def test_a_hint_a_second_try_then_the_worked_answer(voila: str, page: Any) -> None:
    """Wrong once: a hint, no answer; a new choice clears it; wrong twice: the worked answer."""
    ARTIFACTS.mkdir(exist_ok=True)
    first = exercises_for(load_case(DEFAULT_CASE))[0]
    wrong = [c.label for c in first.choices if c.value not in first.answers][:2]
    page.goto(f"{voila}voila/render/07_exercises.ipynb")
    card = page.locator(".wb-exercise").first
    card.wait_for()
    feedback = card.locator(".widget-html").last
    card.locator("label", has_text=wrong[0]).first.click()
    card.get_by_role("button", name="Check").click()
    shown = _wait_text(feedback, "Hint:")
    assert "Not quite" in shown and "Try once more" in shown and "worked answer" not in shown
    card.locator("label", has_text=wrong[1]).first.click()
    assert "Hint:" not in _wait_text(feedback, "Hint:", present=False)
    card.get_by_role("button", name="Check").click()
    shown = _wait_text(feedback, "The worked answer")
    assert "The worked answer" in shown
    page.screenshot(path=str(ARTIFACTS / "exercises-voila.png"), full_page=True)
    assert "Traceback" not in page.content()


def test_the_teacher_view_draws_its_charts(voila: str, page: Any) -> None:
    """The teacher's notebook reads the example class and draws its three charts."""
    page.goto(f"{voila}voila/render/09_teacher.ipynb")
    marks = page.locator("svg.marks, canvas.marks")
    marks.first.wait_for(state="attached")
    deadline = time.monotonic() + 60
    while marks.count() < 3 and time.monotonic() < deadline:
        time.sleep(0.5)
    page.screenshot(path=str(ARTIFACTS / "teacher-voila.png"), full_page=True)
    assert marks.count() >= 3
    assert "work products on" in page.content() and "Traceback" not in page.content()
