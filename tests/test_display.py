"""Offline chart rendering: the renderer is chosen once, and chart widgets never need a CDN."""

from __future__ import annotations

from collections.abc import Iterator

import altair as alt
import pytest

from workbook.charts import display
from workbook.errors import WorkbookError


@pytest.fixture(autouse=True)
def _restore_renderer() -> Iterator[None]:
    """Put Altair's renderer back as it was after each test."""
    active, done = alt.renderers.active, display._done
    yield
    alt.renderers.enable(active)
    display._done = done


@pytest.mark.parametrize(
    ("environ", "name"),
    [
        ({}, "jupyter"),
        ({display.ENV_VAR: "svg"}, "svg"),
        ({display.ENV_VAR: "  "}, "jupyter"),
    ],
)
def test_renderer_name_from_environment(environ: dict[str, str], name: str) -> None:
    """The renderer comes from WORKBOOK_CHART_RENDERER, defaulting to offline jupyter."""
    assert display.renderer_name(environ) == name


@pytest.mark.parametrize("name", ["svg", "jupyter"])
def test_setup_enables_and_is_idempotent(name: str) -> None:
    """setup() enables the renderer, returns its name, and a second call changes nothing."""
    assert display.setup(name) == name
    assert alt.renderers.active == name
    assert display.setup(name) == name


def test_setup_jupyter_is_offline() -> None:
    """The jupyter renderer is enabled in offline mode, so no script comes from a CDN."""
    display._done = None
    display.setup("jupyter")
    assert alt.JupyterChart._is_offline


def test_setup_unknown_renderer_lists_the_known_ones() -> None:
    """An unknown renderer raises WorkbookError naming the valid ones."""
    with pytest.raises(WorkbookError, match="svg"):
        display.setup("hologram")


def test_chart_widget_redraws_without_validation() -> None:
    """Setting a live chart's chart updates its spec; an empty chart clears it."""
    data = {"values": [{"a": 1}]}
    widget = display.chart_widget(alt.Chart(data).mark_point().encode(x=alt.X("a:Q")))
    widget.chart = alt.Chart(data).mark_bar().encode(x=alt.X("a:Q"))
    assert widget.spec["mark"] == {"type": "bar"}
    widget.chart = None
    assert widget.spec is None


def test_unchecked_restores_validation() -> None:
    """Inside unchecked() Altair skips creation-time validation; after it, it validates again."""
    from altair.utils import schemapi

    with display.unchecked():
        assert not schemapi.DEBUG_MODE
    assert schemapi.DEBUG_MODE
