"""What the browser tests share: one JupyterLab server (with Voilà) and one headless Chromium.

A test module takes the fixtures into its own namespace:
``server, browser = lab_fixtures.server, lab_fixtures.browser`` (and ``served``, the
folder the server serves, when a test reads what a notebook wrote). They are module-scoped:
one server and one browser per module, closed before the next module starts its own
(Playwright's sync API allows one at a time).

One JupyterLab server on loopback, with its own config, runtime, settings and
workspace folders, serves both the Lab page and Voilà (``/voila/render/...``).
It serves copies of the notebooks, so the repository's copies are never saved
over.

Needs Debian's Chromium at ``/usr/bin/chromium`` (``apt-get install chromium``)
and the ``playwright`` Python package; Playwright's own browser download is
never used. Without them the tests are skipped, except in CI (``CI`` set), where
they fail instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

ROOTS: dict[str, Path] = {}
"""The folder each running server serves (its copies of the notebooks), by its URL."""


def missing(reason: str) -> None:
    """Skip on a user's machine; fail in CI, where the browser tests must run."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so the browser test must run)")
    pytest.skip(reason)


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def need_browser() -> None:
    """Skip (fail in CI) without Debian's Chromium or the playwright package."""
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found; install it with `apt-get install -y chromium`")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("the playwright package is missing; pip install -e '.[test]'")


@contextlib.contextmanager
def serving(
    cmd: list[str], env: dict[str, str], cwd: Path, probe: str, log: Path
) -> Iterator[None]:
    """Run a server (its output to ``log``) until ``probe`` answers; stop it afterwards.

    Any HTTP answer, an error status included, means the server is up.
    """
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[2]} exited early:\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(probe, timeout=2):
                    break
            except urllib.error.HTTPError:
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        f"{cmd[2]} did not start:\n{log.read_text()[-3000:]}"
                    ) from None
                time.sleep(0.5)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Headless Debian Chromium, launched by Playwright (never its own download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A JupyterLab server (with Voilà) on loopback, isolated from the user's settings."""
    need_browser()
    home = tmp_path_factory.mktemp("lab")
    root = home / "root"
    root.mkdir()
    for notebook in NOTEBOOKS.glob("*.ipynb"):
        shutil.copy(notebook, root / notebook.name)
    settings = home / "app-settings"
    settings.mkdir()
    (settings / "overrides.json").write_text(
        json.dumps(
            {
                "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
                "@jupyterlab/apputils-extension:notification": {
                    "fetchNews": "false",
                    "checkForUpdates": False,
                },
                "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
            }
        )
    )
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.ip=127.0.0.1",
        "--ServerApp.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--allow-root",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.app_settings_dir={settings}",
    ]
    url = f"http://127.0.0.1:{port}/"
    with serving(cmd, env, root, url + "api/status", home / "lab.log"):
        ROOTS[url] = root
        try:
            yield url
        finally:
            ROOTS.pop(url, None)


@pytest.fixture(scope="module")
def served(server: str) -> Path:
    """The folder the server serves: its notebooks' copies, and what they write beside them."""
    return ROOTS[server]


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    """Headless Debian Chromium, launched by Playwright."""
    with chromium() as launched:
        yield launched
