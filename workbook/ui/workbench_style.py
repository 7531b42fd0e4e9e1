"""The workbench's style and its small pieces of text: the CSS, the standards' notes."""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets

__all__ = ["CSS", "NOTES", "chosen_html", "field_heading", "fill_width", "picker", "standard_note"]

CSS = """<style>
body:has(.wb-live) .wb-run-hint { display: none; }
.wb-root, .wb-main, .wb-main > .widget-box:first-child { overflow: visible !important; }
.wb-root { width: 100%; min-width: 0; container-type: inline-size; }
.wb-root .widget-html-content, .wb-root .widget-label {
  line-height: 1.4; white-space: normal; overflow-wrap: break-word; height: auto;
}
.wb-root .widget-html, .wb-root .widget-label { height: auto; }
.wb-root h2 { margin: 0 0 2px 0; }
.wb-root .wb-outcome { margin: 4px 0; }
.wb-side {
  position: sticky; top: 0; align-self: start; max-height: 100vh;
  overflow-y: auto !important; overflow-x: hidden !important;
  background: var(--jp-layout-color0, #fff); z-index: 2;
}
.wb-side > * { flex-shrink: 0; }
.jp-NotebookPanel .wb-side { max-height: calc(100vh - 130px); }
.wb-tabs .lm-TabBar-tab { flex: 0 0 auto !important; min-width: 0 !important; padding: 0 9px; }
.wb-tabs > .lm-TabBar { height: auto !important; max-height: none !important; overflow: visible; }
.wb-tabs > .lm-TabBar .lm-TabBar-content { flex-wrap: wrap; row-gap: 2px; }
.jp-OutputArea:has(.wb-root), .jp-OutputArea-child:has(.wb-root),
.jp-OutputArea-output:has(.wb-root), .jp-Cell-outputWrapper:has(.wb-root) {
  overflow: visible !important; min-width: 0;
}
.wb-add .wb-picker { display: flex !important; flex-wrap: wrap; align-items: center; }
.wb-add .wb-picker .widget-text { flex: 1 1 14em; min-width: 0; }
.wb-add .wb-picker input.jupyter-widget-taginput { width: 100%; box-sizing: border-box; }
.wb-add .wb-picker div.jupyter-widget-tag { white-space: normal; height: auto; max-width: 100%; }
.wb-compare { border-collapse: collapse; width: 100%; table-layout: fixed; }
.wb-compare td, .wb-compare th {
  border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; text-align: left;
  overflow-wrap: anywhere;
}
.wb-compare .wb-cmp-group { background: #eee; }
@container (max-width: 800px) {
  .wb-main { grid-template-columns: minmax(0, 1fr) !important; }
  .wb-side { position: static; max-height: none !important; }
}
</style>"""
"""The workbench's own style: wrapped text at a normal line height (a widget's HTML otherwise
takes the 28px control height), short tabs sized to their titles, a results column that stays
in view, and one column when the notebook is narrower than 800px. Sticky positioning needs every
box between the column and the page's scroller to let its content overflow, hence the host
output area's rules."""


NOTES = {
    "winter": "Each factor must be likely on its own (Winter v. NRDC).",
    "winter-unmerged": "Winter, with the equities and the public interest weighed apart.",
    "sliding-scale": (
        "The D.C. Circuit's sliding scale: strong factors offset weak ones, but irreparable "
        "harm is required on its own (CityFed)."
    ),
    "sliding-scale-unmerged": "Sliding scale (harm required); equities and public interest apart.",
    "sliding-scale-pure": (
        "Teaching variant: even irreparable harm can be offset. Not the Circuit's rule."
    ),
    "serious-questions": (
        "The Ninth Circuit: serious questions on the merits suffice if the hardships tip "
        "sharply, with harm and the public interest likely (Cottrell)."
    ),
}


def fill_width(**more: str) -> widgets.Layout:
    """A layout that takes the width its column gives it, never more."""
    return widgets.Layout(width="auto", max_width="100%", **more)


def picker(placeholder: str, tags: Iterable[str]) -> widgets.TagsInput:
    """A tags box whose suggestions are ``tags``; typing filters them (any part of the text)."""
    box = widgets.TagsInput(
        value=[],
        allowed_tags=list(tags),
        allow_duplicates=False,
        placeholder=placeholder,
        layout=fill_width(),
    )
    box.add_class("wb-picker")
    return box


def field_heading(text: str) -> widgets.HTML:
    """A bold heading over a form's group of fields."""
    return widgets.HTML(f"<b>{html.escape(text)}</b>", layout=widgets.Layout(margin="6px 0 0 0"))


def chosen_html(box: widgets.Dropdown) -> str:
    """The answer a dropdown shows, in full and in small print."""
    return f"<small>{html.escape(str(box.label or ''))}</small>"


def standard_note(name: str) -> str:
    """What the chosen standard does, and that the answer on the standard follows it."""
    note = NOTES.get(name, "")
    return (
        f"<small>{html.escape(note)} Choosing a standard also sets the answer to the case's "
        "question on the standard, and answering that question picks the standard.</small>"
    )
