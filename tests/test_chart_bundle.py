"""The offline chart bundle is made once, kept in the cache, and read back in a new kernel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("altair")

_SETUP = (
    "import altair as alt, time; from workbook import charts; t = time.perf_counter(); "
    "charts.setup(); print(alt.JupyterChart._is_offline, len(alt.JupyterChart._esm))"
)


def _new_kernel(cache: Path) -> str:
    env = {**os.environ, "WORKBOOK_CACHE": str(cache)}
    run = subprocess.run(
        [sys.executable, "-c", _SETUP], env=env, capture_output=True, text=True, check=True
    )
    return run.stdout.strip()


def test_the_bundle_is_kept_and_read_back(tmp_path: Path) -> None:
    """The first setup writes one bundle; the next process reads it and charts the same."""
    first = _new_kernel(tmp_path)
    kept = list(tmp_path.glob("jupyter-chart-*.js"))
    assert len(kept) == 1 and first.startswith("True ")
    assert int(first.split()[1]) == len(kept[0].read_text(encoding="utf-8"))
    stamp = kept[0].stat().st_mtime_ns
    assert _new_kernel(tmp_path) == first  # the same JavaScript, from the file
    assert kept[0].stat().st_mtime_ns == stamp  # read, not written again
    assert not list(tmp_path.glob(".*.tmp"))  # no temp file left


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path: Path) -> None:
    """A cache path that is a file, not a folder, is skipped: charts are still offline."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x", encoding="utf-8")
    assert _new_kernel(blocked).startswith("True ")
    assert blocked.read_text(encoding="utf-8") == "x"
