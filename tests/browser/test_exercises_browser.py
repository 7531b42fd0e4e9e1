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
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from workbook import DEFAULT_CASE, load_case
from workbook.exercises import exercises_for

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BOOKS = ("07_exercises.ipynb", "09_teacher.ipynb")
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT_MS = 120_000


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser test must run)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Voilà on loopback serving copies of the exercise and teacher notebooks."""
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found; install it with `apt-get install -y chromium`")
    pytest.importorskip("playwright.sync_api", reason="pip install -e '.[test]'")
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
    port = _free_port()
    log = home / "voila.log"
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
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"Voilà exited early:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Voilà did not start:\n{log.read_text()[-3000:]}") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def page(voila: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 2000})
            tab.set_default_timeout(TIMEOUT_MS)
            yield tab
        finally:
            browser.close()


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
