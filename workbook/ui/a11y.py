"""Accessible names and keyboard access that ipywidgets leaves out, and readable tab titles.

A control with no visible ``description`` gets its name from :func:`named` (the widget's
``tooltip``). ipywidgets turns a tooltip into the control's ``title`` only, a weak name that
screen readers may read as a hint; a slider's handle (``role="slider"``) is never tied to
its label or tooltip at all, so a screen reader announces "slider 0.55" with no name; and
Vega-Embed's chart menu (``<summary>``) has only an icon; an ``Accordion``'s section
headers answer only to the mouse, so its sections cannot be opened from the keyboard.
:func:`accessible_names` is a small widget, shown once with a widget tree, whose script
gives each of these an ``aria-label`` (the title, the slider's label or tooltip, "Chart
actions") and makes each section header a button that Tab reaches and Enter or Space
opens, with ``aria-expanded`` kept up to date. A box given the class :data:`SCROLLS`
(one that scrolls its own content) becomes a named region that Tab reaches, so the arrow
keys scroll it. Its style
darkens the tab titles of ``Tab`` widgets (grey on grey by default, 4.45:1, below the
4.5:1 contrast that text needs).

>>> named(widgets.Checkbox(), "keep it in play").tooltip
'keep it in play'
"""

from __future__ import annotations

from typing import TypeVar

import anywidget
import ipywidgets as widgets
import traitlets

__all__ = ["SCROLLS", "AccessibleNames", "accessible_names", "named"]

SCROLLS = "wb-scrolls"
"""The class of a box that scrolls its own content: the keyboard must be able to scroll it too."""

W = TypeVar("W", bound=widgets.DOMWidget)

_ESM = """
function nameOf(handle) {
  const slider = handle.closest('.widget-slider');
  const label = slider && slider.querySelector(':scope > .widget-label');
  return label ? (label.textContent.trim() || label.title || '') : '';
}
function label(root) {
  // a control named only by its title: screen readers may read the title as a description
  const titled = ['select', 'input', 'textarea'].map(t => `.jupyter-widgets ${t}[title]`);
  for (const control of root.querySelectorAll(titled.join(', '))) {
    const labelled = [...(control.labels || [])].some(l => l.textContent.trim());
    if (!labelled && control.getAttribute('aria-label') !== control.title)
      control.setAttribute('aria-label', control.title);
  }
  for (const handle of root.querySelectorAll('.noUi-handle')) {
    const name = nameOf(handle);
    if (name && handle.getAttribute('aria-label') !== name) handle.setAttribute('aria-label', name);
  }
  // a box that scrolls its content takes focus, so the arrow keys can scroll it
  for (const box of root.querySelectorAll('.wb-scrolls:not([tabindex])')) {
    const heading = box.querySelector('h1, h2, h3, h4');
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', heading ? heading.textContent.trim() : 'Scrolling area');
  }
  // an Accordion's section headers answer only to the mouse: make each a button
  for (const header of root.querySelectorAll('.jupyter-widget-Collapse-header')) {
    const open = String(header.parentElement.classList.contains('jupyter-widget-Collapse-open'));
    if (header.getAttribute('aria-expanded') !== open) header.setAttribute('aria-expanded', open);
    if (header.hasAttribute('tabindex')) continue;
    header.setAttribute('tabindex', '0');
    header.setAttribute('role', 'button');
    header.addEventListener('keydown', event => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      header.click();
    });
  }
  for (const summary of root.querySelectorAll('.vega-embed > details > summary')) {
    if (!summary.hasAttribute('aria-label')) summary.setAttribute('aria-label', 'Chart actions');
  }
}
function render({ el }) {
  el.style.display = 'none';
  let queued = false;
  const again = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; label(document.body); });
  };
  label(document.body);
  const watch = new MutationObserver(again);
  watch.observe(document.body, {
    childList: true, subtree: true, attributes: true, attributeFilter: ['class'],
  });
  return () => watch.disconnect();
}
export default { render };
"""

_CSS = """
.jupyter-widgets.jupyter-widget-tab > .lm-TabBar .lm-TabBar-tab {
  color: var(--jp-ui-font-color1, rgba(0, 0, 0, 0.87));
}
"""


def named(widget: W, name: str) -> W:
    """Give a control with no visible label its accessible name (and a hover tooltip)."""
    widget.tooltip = name
    return widget


class AccessibleNames(anywidget.AnyWidget):
    """The invisible widget of :func:`accessible_names` (anywidget subclasses it per instance)."""

    _esm = traitlets.Unicode(_ESM).tag(sync=True)
    _css = traitlets.Unicode(_CSS).tag(sync=True)


def accessible_names() -> widgets.DOMWidget:
    """An invisible widget that names slider handles and chart menus on the page (see above)."""
    return AccessibleNames()
