"""Every control a widget builder makes has an accessible name, and the tree names its sliders.

The browser tests (``tests/browser/test_accessibility.py``) check the page with axe; these
check, without a browser, that a control with no visible label has a tooltip for the
accessible-names widget to turn into its ``aria-label``, and that the widget is there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pytest
from conftest import ui_case

from workbook.ui.a11y import SCROLLS, AccessibleNames, named
from workbook.ui.brief import build_brief_builder
from workbook.ui.panels import build_element_panel
from workbook.ui.workbench import build_workbench

CONTROLS = (
    widgets.Checkbox,
    widgets.Dropdown,
    widgets.FloatSlider,
    widgets.IntSlider,
    widgets.SelectMultiple,
    widgets.Text,
    widgets.Textarea,
)
"""Controls that ipywidgets names only by their description."""


def _tree(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


BUILDERS: dict[str, Callable[[Path], Any]] = {
    "workbench": lambda tmp: build_workbench(ui_case(), samples=200, folder=tmp).widget,
    "element panel": lambda tmp: (
        build_element_panel(ui_case(), [e.id for e in ui_case().elements]).widget
    ),
    "brief builder": lambda tmp: build_brief_builder(ui_case(), folder=tmp).widget,
}


@pytest.mark.parametrize("builder", BUILDERS)
def test_each_unlabelled_control_has_a_name(builder: str, tmp_path: Path) -> None:
    """A control without a description carries a tooltip, its accessible name."""
    tree = list(_tree(BUILDERS[builder](tmp_path)))
    controls = [w for w in tree if isinstance(w, CONTROLS)]
    assert controls
    unnamed = [w for w in controls if not w.description and not w.tooltip]
    assert unnamed == []


@pytest.mark.parametrize("builder", BUILDERS)
def test_each_tree_carries_the_accessible_names_widget(builder: str, tmp_path: Path) -> None:
    """The widget that turns tooltips into aria-labels is shown with the tree."""
    tree = list(_tree(BUILDERS[builder](tmp_path)))
    assert sum(isinstance(w, AccessibleNames) for w in tree) == 1


def test_the_brief_preview_scrolls_from_the_keyboard(tmp_path: Path) -> None:
    """The brief builder's scrolling preview is marked for the keyboard."""
    tree = list(_tree(BUILDERS["brief builder"](tmp_path)))
    assert any(SCROLLS in w._dom_classes for w in tree)


def test_named_sets_the_tooltip_and_returns_the_widget() -> None:
    """named() is the one way a label-less control gets its name."""
    box = widgets.Dropdown(options=["a"])
    assert named(box, "Which one?") is box
    assert box.tooltip == "Which one?"
