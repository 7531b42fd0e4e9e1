"""Show charts offline, in JupyterLab, Jupyter Notebook and Voilà alike.

Altair's default renderer loads the Vega JavaScript from a CDN, so with no
internet a chart shows only a red "Error loading script". :func:`setup`
switches Altair to its ``jupyter`` renderer in offline mode: each chart
becomes an anywidget whose JavaScript comes from the installed
``vl-convert-python`` package, never from the network. Call it once, in a
notebook's first cell (the UI builders call it for you); calling it again
does nothing new.

The environment variable ``WORKBOOK_CHART_RENDERER`` picks another renderer.
``svg`` or ``png`` draw the chart in the kernel with vl-convert and store a
static picture in the notebook: no widget state, the same bytes on every run,
which suits nbval and exported notebooks. Any other name registered with
``alt.renderers`` works too; ``jupyter`` (the default) keeps charts
interactive.

>>> from workbook.charts.display import renderer_name
>>> renderer_name({"WORKBOOK_CHART_RENDERER": "svg"})
'svg'
>>> renderer_name({})
'jupyter'
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from typing import Any

from workbook.charts._bundle import enable_offline
from workbook.errors import WorkbookError

__all__ = ["ENV_VAR", "chart_widget", "renderer_name", "setup", "unchecked"]

ENV_VAR = "WORKBOOK_CHART_RENDERER"
"""Environment variable naming the Altair renderer to use instead of offline ``jupyter``."""

_DEFAULT = "jupyter"
_done: str | None = None


def renderer_name(environ: Mapping[str, str] | None = None) -> str:
    """The renderer :func:`setup` would enable under this environment."""
    env = os.environ if environ is None else environ
    return env.get(ENV_VAR, "").strip() or _DEFAULT


def setup(renderer: str | None = None) -> str:
    """Make Altair charts render offline, and return the renderer's name.

    Args:
        renderer: an Altair renderer name; by default ``$WORKBOOK_CHART_RENDERER``
            or, when that is unset, the offline ``jupyter`` renderer.

    Raises:
        WorkbookError: the renderer name is not one Altair knows, or a package
            it needs is missing (the message gives the install command).

    """
    global _done
    name = renderer or renderer_name()
    if name == _done:
        return name
    try:
        import altair as alt
    except ImportError as exc:  # pragma: no cover - altair is in the notebooks extra
        raise WorkbookError(
            "charts need altair; install the notebook extras: pip install -e '.[notebooks]'"
        ) from exc
    known = alt.renderers.names()
    if name not in known:
        raise WorkbookError(
            f"unknown chart renderer {name!r} (from {ENV_VAR} or the argument); "
            f"use one of: {', '.join(sorted(known))}"
        )
    try:
        # Assigned, so a notebook cell ending in setup() shows no registry repr.
        if name == "jupyter":
            enable_offline()  # from the cached bundle: a new kernel skips a second of bundling
            _ = alt.renderers.enable("jupyter", offline=True)
        else:
            _ = alt.renderers.enable(name)
    except ImportError as exc:
        raise WorkbookError(
            f"the {name!r} chart renderer needs a package that is missing ({exc}); "
            "install the notebook extras: pip install -e '.[notebooks]'"
        ) from exc
    _done = name
    return name


@contextlib.contextmanager
def unchecked() -> Iterator[None]:
    """Build charts without Altair validating every piece as it is created.

    Altair checks each schema object against Vega-Lite when it is made, which
    costs a live redraw tens of milliseconds; the test suite validates every
    chart this package builds, so the widgets build theirs inside this block.
    """
    from altair.utils.schemapi import debug_mode

    with debug_mode(False):
        yield


def chart_widget(chart: Any) -> Any:
    """A live chart widget whose JavaScript is served offline; set ``.chart`` to redraw it.

    The widget is an ``alt.JupyterChart`` that sends each new chart's spec
    without re-validating it against the Vega-Lite schema (the charts of
    :mod:`workbook.charts` are validated by the test suite), which keeps a
    redraw of the workbench within a few milliseconds. Charts with parameters
    or selections are not supported by this fast path; none of ours has any.
    Whatever the renderer, the widget never asks a CDN.
    """
    import altair as alt

    if not alt.JupyterChart._is_offline:
        alt.JupyterChart.enable_offline(offline=True)
    return _live_chart_class()(chart)


_LIVE: list[type] = []


def _live_chart_class() -> type:
    """The JupyterChart subclass with the unvalidated redraw (made once, on first use)."""
    if not _LIVE:
        import altair as alt
        import traitlets

        class LiveChart(alt.JupyterChart):
            """A JupyterChart that skips schema validation when its chart changes."""

            @traitlets.observe("chart")
            def _on_change_chart(self, change: Any) -> None:
                new = change.new
                self.spec = None if new is None else new.to_dict(validate=False)  # type: ignore[assignment]

        _LIVE.append(LiveChart)
    return _LIVE[0]
