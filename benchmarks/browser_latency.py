"""The workbench as a browser shows it: time to the first outcome, and from a change to a redraw.

    python benchmarks/browser_latency.py            # 3 page loads, 20 changes
    python benchmarks/browser_latency.py --quick    # 1 page load, 4 changes
    python benchmarks/browser_latency.py --preheat  # a kernel waits, notebook already run

Serves a copy of ``notebooks/06_workbench.ipynb`` with Voilà on loopback, as the README's
app command does (``--template=workbook``), and drives it
with Playwright in Debian's headless Chromium (``/usr/bin/chromium``), as a user would:

* **Open to outcome**: from asking for the page to the outcome line on screen, and on to
  the first chart and to the page falling quiet (no change to the workbench's DOM for
  ``--quiet-ms``). Voilà starts a kernel and runs the notebook for every page load
  (with ``--preheat``, the next kernel has already run it when the page is asked for).
* **Change to redraw**: a strength slider moved with the arrow keys, or another answer
  picked in a question's dropdown. The clock starts at the key press or the pick (in the
  page, ``performance.now()``); a MutationObserver on the workbench notes the time of
  every change to its DOM, and the redraw is done at the last change before the page
  falls quiet: the outcome, the strengths and every chart whose picture changed.
* **Python side, same change, same run**: the kernel's busy time for the widget message
  that carried the change, from the kernel's own ``status`` messages (busy to idle, as
  stamped by the kernel). That is the callback: re-weighing, the what-ifs, the Monte Carlo
  and every chart rebuilt and sent.

Targets: open to outcome at most 5 s; change to redraw, median at most 250 ms. Not a test:
it prints numbers, ratios and PASS or MISS, and exits 0 unless the page cannot be driven.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "06_workbench.ipynb"
CHROMIUM = Path("/usr/bin/chromium")
OPEN_TARGET_S = 5.0
CHANGE_TARGET_MS = 250.0
TIMEOUT_MS = 180_000
APP_FLAGS = ["--template=workbook"]  # the README's app command
PREHEAT_FLAGS = ["--preheat_kernel=True", "--pool_size=1"]

_WATCH = """
window.__wb = {t0: null, last: performance.now(), changes: 0};
window.__wb.start = () => { window.__wb.t0 = performance.now(); window.__wb.changes = 0; };
new MutationObserver(() => {
  window.__wb.last = performance.now();
  window.__wb.changes += 1;
}).observe(document, {childList: true, subtree: true, characterData: true, attributes: true});
document.addEventListener('keydown', window.__wb.start, true);
"""
"""Installed in every page before it loads: the time of the page's last DOM change, and a
clock that a key press (or ``window.__wb.start()``) starts."""

_STATE = "() => ({...window.__wb, start: undefined, now: performance.now()})"


@dataclass
class Kernel:
    """The kernel's status messages and the widget updates the page sent, read off the socket."""

    sent: list[tuple[float, str]] = field(default_factory=list)
    """(arrival, msg_id) of each comm message that set a control's value or index."""
    busy: dict[str, datetime] = field(default_factory=dict)
    idle: dict[str, datetime] = field(default_factory=dict)

    def watch(self, ws: Any) -> None:
        ws.on("framesent", self._sent)
        ws.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        msg = _message(payload)
        if msg is None or msg["header"].get("msg_type") != "comm_msg":
            return
        state = msg["content"].get("data", {}).get("state", {})
        if {"value", "index"} & set(state):
            self.sent.append((time.monotonic(), msg["header"]["msg_id"]))

    def _received(self, payload: str | bytes) -> None:
        msg = _message(payload)
        if msg is None or msg["header"].get("msg_type") != "status":
            return
        parent = msg["parent_header"].get("msg_id")
        when = datetime.fromisoformat(msg["header"]["date"].replace("Z", "+00:00"))
        state = msg["content"].get("execution_state")
        if parent and state == "busy":
            self.busy[parent] = when
        elif parent and state == "idle":
            self.idle[parent] = when

    def busy_ms(self, since: float) -> float | None:
        """Kernel busy time for the first value update the page sent after ``since``."""
        for arrival, msg_id in self.sent:
            if arrival >= since and msg_id in self.busy and msg_id in self.idle:
                return (self.idle[msg_id] - self.busy[msg_id]).total_seconds() * 1000
        return None


def _message(payload: str | bytes) -> dict[str, Any] | None:
    """A kernel message from a websocket frame: JSON text, or the v1 binary framing."""
    try:
        if isinstance(payload, str):
            return json.loads(payload)  # type: ignore[no-any-return]
        n = int.from_bytes(payload[:8], "little")
        offsets = [int.from_bytes(payload[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n)]
        parts = [payload[offsets[i] : offsets[i + 1]] for i in range(1, min(n - 1, 5))]
        header, parent, _metadata, content = (json.loads(p) for p in parts[:4])
        return {"header": header, "parent_header": parent, "content": content}
    except (ValueError, IndexError, UnicodeDecodeError):
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def voila(preheat: bool = False) -> Iterator[str]:
    """Voilà serving a copy of the workbench notebook on loopback, with its own settings.

    ``preheat``: keep a kernel that has already run the notebook waiting for the next
    visitor (Voilà's pool of pre-heated kernels), as a server for a class would.
    """
    with tempfile.TemporaryDirectory(prefix="wb-voila-") as home:
        root = Path(home) / "root"
        root.mkdir()
        shutil.copy(NOTEBOOK, root / NOTEBOOK.name)
        env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": f"{home}/config",
            "JUPYTER_RUNTIME_DIR": f"{home}/runtime",
            "JUPYTER_PLATFORM_DIRS": "1",
        }
        port = _free_port()
        cmd = [sys.executable, "-m", "voila", NOTEBOOK.name, "--no-browser", *APP_FLAGS]
        cmd += PREHEAT_FLAGS if preheat else []
        cmd += [f"--port={port}", "--Voila.ip=127.0.0.1"]
        log = Path(home) / "voila.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Voilà did not start:\n{log.read_text()[-2000:]}")
                try:
                    # the static files answer without starting a kernel
                    urllib.request.urlopen(url + "voila/static/voila.js", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def _quiet(
    page: Any, quiet_ms: float, *, changed: bool = False, limit_s: float = 60
) -> dict[str, Any]:
    """Wait until the workbench's DOM has not changed for ``quiet_ms``; return the clocks.

    With ``changed``, wait first for a change after the clock started.
    """
    deadline = time.monotonic() + limit_s
    while True:
        state = page.evaluate(_STATE)
        moved = not changed or (state["t0"] is not None and state["last"] > state["t0"])
        if (moved and state["now"] - state["last"] >= quiet_ms) or time.monotonic() > deadline:
            return dict(state)
        time.sleep(0.05)


def open_to_outcome(browser: Any, url: str, quiet_ms: float) -> dict[str, float]:
    """Seconds from asking for the page to the outcome, the first chart and a quiet page."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(_WATCH)
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.locator(".wb-outcome").first.wait_for()
    outcome = time.perf_counter() - start
    page.locator(".wb-side svg.marks").first.wait_for(state="attached")
    chart = time.perf_counter() - start
    state = _quiet(page, quiet_ms)
    page.close()
    # the page's clock starts with the navigation, when goto asked for the page
    return {"outcome": outcome, "chart": chart, "quiet": state["last"] / 1000}


def _slider_changes(page: Any, n: int) -> Iterator[tuple[str, Any]]:
    page.locator(".wb-tabs .lm-TabBar-tab", has_text="Arguments").first.click()
    header = page.locator(".wb-tabs .jupyter-widget-Collapse-header").first
    header.click()
    handles = page.locator(".wb-tabs .noUi-handle:visible")
    handles.first.wait_for()
    for i in range(n):
        handle = handles.nth(i % handles.count())
        handle.focus()
        label = handle.get_attribute("aria-label") or "a strength slider"
        key = "ArrowLeft" if (i // handles.count()) % 2 == 0 else "ArrowRight"
        yield f"slider {key}: {label[:50]}", lambda h=handle, k=key: h.press(k)


def _answer_changes(page: Any, n: int) -> Iterator[tuple[str, Any]]:
    page.locator(".wb-tabs .lm-TabBar-tab", has_text="Questions").first.click()
    selects = page.locator(".wb-questions select")
    selects.first.wait_for()
    for i in range(n):
        select = selects.nth(i % selects.count())
        values = [o.get_attribute("value") for o in select.locator("option").all()]
        now = select.input_value()
        other = values[(values.index(now) + 1) % len(values)]
        name = select.get_attribute("aria-label") or "a question"

        def pick(s: Any = select, v: Any = other) -> None:
            s.evaluate("el => window.__wb.start()")
            s.select_option(v)

        yield f"answer: {name[:50]}", pick


def change_to_redraw(browser: Any, url: str, n: int, quiet_ms: float) -> list[dict[str, Any]]:
    """Browser and kernel milliseconds for ``n`` slider moves and ``n`` answer changes."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(TIMEOUT_MS)
    page.add_init_script(_WATCH)
    kernel = Kernel()
    page.on("websocket", kernel.watch)
    page.goto(url)
    page.locator(".wb-outcome").first.wait_for()
    page.locator(".wb-side svg.marks").first.wait_for(state="attached")
    _quiet(page, quiet_ms)
    rows = []
    for kind in (_slider_changes, _answer_changes):
        for what, act in kind(page, n):
            _quiet(page, quiet_ms)
            strengths = page.locator(".wb-strengths").inner_text()
            since = time.monotonic()
            act()
            state = _quiet(page, quiet_ms, changed=True)
            if state["t0"] is None or not state["changes"]:
                print(f"  (no redraw after {what}; skipped)", file=sys.stderr)
                continue
            rows.append(
                {
                    "what": what,
                    "browser_ms": state["last"] - state["t0"],
                    "kernel_ms": kernel.busy_ms(since),
                    "strengths_changed": page.locator(".wb-strengths").inner_text() != strengths,
                }
            )
    page.close()
    return rows


def python_first_paint() -> float:
    """Seconds for a fresh Python to import the package and build the workbench (no browser)."""
    code = (
        "import time; t = time.perf_counter()\n"
        "import workbook\n"
        "from workbook.ui.workbench import build_workbench\n"
        "build_workbench(workbook.load_case(workbook.DEFAULT_CASE))\n"
        "print(time.perf_counter() - t)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return float(out.stdout.strip().splitlines()[-1])


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    """Measure, print the numbers side by side with the targets, and return 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 page load and 4 changes")
    parser.add_argument("--loads", type=int, default=3, help="page loads to time")
    parser.add_argument("--changes", type=int, default=10, help="slider moves, and as many answers")
    parser.add_argument(
        "--preheat", action="store_true", help="serve with a pre-heated kernel (--preheat_kernel)"
    )
    parser.add_argument("--quiet-ms", type=float, default=800, help="a redraw ends after this")
    opts = parser.parse_args(argv)
    loads, changes = (1, 2) if opts.quick else (opts.loads, opts.changes)
    if not CHROMIUM.exists():
        print(f"not measured: {CHROMIUM} not found (apt-get install chromium)")
        return 0
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("not measured: the playwright package is missing (pip install -e '.[test]')")
        return 0

    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    python_open = python_first_paint()
    with voila(opts.preheat) as url, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        opened = [open_to_outcome(browser, url, opts.quiet_ms) for _ in range(loads)]
        rows = change_to_redraw(browser, url, changes, opts.quiet_ms)
        browser.close()

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"Voilà workbench, {NOTEBOOK.name}; {loads} page loads, {len(rows)} changes timed")
    print(f"load average before and after: {load_before} / {load} (2 cores here)")
    print("\n== Open to outcome (seconds)")
    for i, o in enumerate(opened, 1):
        print(
            f"  load {i}: outcome {o['outcome']:.2f}, first chart {o['chart']:.2f}, "
            f"quiet {o['quiet']:.2f}"
        )
    shown = _median([o["outcome"] for o in opened])
    print(
        f"  median to the outcome: {shown:.2f} s; Python alone (import + build_workbench in a "
        f"fresh process): {python_open:.2f} s, {python_open / shown:.0%} of it"
    )
    print("\n== Change to redraw (milliseconds)")
    print(f"  {'change':<62} {'browser':>8} {'kernel':>8} {'ratio':>6}")
    for r in rows:
        k = r["kernel_ms"]
        ratio = f"{r['browser_ms'] / k:.1f}x" if k else "-"
        kernel_text = f"{k:.0f}" if k is not None else "-"
        print(f"  {r['what']:<62} {r['browser_ms']:>8.0f} {kernel_text:>8} {ratio:>6}")
    browser_ms = _median([r["browser_ms"] for r in rows])
    kernel_ms = _median([r["kernel_ms"] for r in rows if r["kernel_ms"] is not None])
    print(
        f"  median: browser {browser_ms:.0f} ms, kernel {kernel_ms:.0f} ms "
        f"(browser / kernel {browser_ms / kernel_ms:.1f}x; the rest is the socket, "
        "the widget updates and Vega drawing)"
    )
    print("\n== Targets")
    verdict = "PASS" if shown <= OPEN_TARGET_S else "MISS"
    print(f"  open to outcome <= {OPEN_TARGET_S:.0f} s: {shown:.2f} s  {verdict}")
    verdict = "PASS" if browser_ms <= CHANGE_TARGET_MS else "MISS"
    print(
        f"  change to redraw, median <= {CHANGE_TARGET_MS:.0f} ms: {browser_ms:.0f} ms  {verdict}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
