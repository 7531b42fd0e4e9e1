"""The offline chart widget's JavaScript, bundled once and kept in the user's cache.

Altair's ``JupyterChart.enable_offline`` asks vl-convert to bundle Vega's JavaScript
for the widget: about a second in every new kernel, before the first chart (and
before a Voilà page shows its outcome). The bundle depends only on the Altair and
vl-convert versions and on Altair's widget source, so it is kept under a key made
of those, in ``$WORKBOOK_CACHE`` or else ``$XDG_CACHE_HOME/workbook`` (by default
``~/.cache/workbook``), and read back on the next start. It is written atomically;
a cache that cannot be read or written costs only that second.

>>> cache_dir({"WORKBOOK_CACHE": "/srv/cache"}).as_posix()
'/srv/cache'
>>> cache_dir({"XDG_CACHE_HOME": "/x"}).as_posix()
'/x/workbook'
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from workbook.errors import WorkspaceError
from workbook.paths import replace_file

__all__ = ["CACHE_VAR", "cache_dir", "enable_offline"]

CACHE_VAR = "WORKBOOK_CACHE"
"""Environment variable naming the folder for the workbook's cache."""


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The folder the bundle is kept in."""
    env = os.environ if environ is None else environ
    if env.get(CACHE_VAR):
        return Path(env[CACHE_VAR])
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "workbook"


def _path() -> Path:
    import altair as alt
    import vl_convert
    from altair.jupyter.jupyter_chart import load_js_src

    parts = (alt.__version__, str(getattr(vl_convert, "__version__", "")), load_js_src())
    key = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:16]
    return cache_dir() / f"jupyter-chart-{key}.js"


def _save(path: Path, text: str) -> None:
    """Keep the bundle (atomically); a cache that cannot be written is skipped."""
    with contextlib.suppress(OSError, WorkspaceError):
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, text.encode("utf-8"), WorkspaceError)


def enable_offline() -> None:
    """``JupyterChart.enable_offline(offline=True)``, from the cached bundle when there is one."""
    import altair as alt

    chart: Any = alt.JupyterChart
    if getattr(chart, "_is_offline", False):
        return
    path = _path()
    try:
        cached = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        cached = ""
    if cached and hasattr(chart, "_esm"):
        chart._esm = cached
        chart._is_offline = True
        return
    chart.enable_offline(offline=True)
    if isinstance(getattr(chart, "_esm", None), str):
        _save(path, chart._esm)
