"""What every widget builder shares: a visible error box and quiet control syncs.

A callback that fails shows its error in red in the widget (``.error``) instead
of vanishing in the kernel log.
"""

from __future__ import annotations

import base64
import functools
import html
import mimetypes
import os
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets

from workbook.vocabulary import TEXT_COLORS

__all__ = [
    "HINT_CSS",
    "ControlPanel",
    "close_tree",
    "download_link",
    "error_box",
    "errors_to",
    "in_app",
    "pre",
    "show_app",
    "show_text",
]

F = TypeVar("F", bound=Callable[..., Any])
_ERROR = TEXT_COLORS["wrong"]


def errors_to(box: widgets.HTML) -> Callable[[F], F]:
    """Decorate a callback so that an exception is shown in ``box`` rather than lost.

    The box is cleared when the callback next succeeds. The exception is not
    re-raised: a widget callback has no caller to raise to.
    """

    def wrap(fn: F) -> F:
        @functools.wraps(fn)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                out = fn(*args, **kwargs)
            except Exception as exc:  # shown to the user, see the docstring
                box.value = (
                    f'<div class="wb-error" style="color:{_ERROR};white-space:pre-wrap">'
                    f"<b>{html.escape(type(exc).__name__)}</b>: {html.escape(str(exc))}</div>"
                )
                return None
            box.value = ""
            return out

        return run  # type: ignore[return-value]

    return wrap


class ControlPanel:
    """What every widget builder here shares: quiet syncs and visible errors.

    A builder sets ``self.error`` (an HTML widget shown to the user) before it
    wires callbacks with :meth:`_on`.
    """

    error: widgets.HTML
    _syncing: bool = False
    widget: widgets.Widget
    """The whole widget tree."""
    summary_view: widgets.HTML
    """The plain-text summary, kept up to date by the builder (see :meth:`show_summary`)."""
    app_name = "the widgets"
    """What the "run the notebook" hint calls the widget tree."""

    def summary(self) -> str:
        """The state as plain text (each builder that shows a summary defines it)."""
        raise NotImplementedError

    def show(self) -> None:
        """Display the widget tree, with a hint for when it is reopened without a kernel."""
        show_app(self.widget, self.app_name)

    def show_summary(self) -> None:
        """The summary as text: live in the app, printed once in a notebook."""
        show_text(self.summary_view, self.summary())

    def _sync(self, box: widgets.ValueWidget, value: Any) -> None:
        """Set a control without firing its callback (the caller does the work once)."""
        self._syncing = True
        try:
            box.value = value
        finally:
            self._syncing = False

    def _on(self, fn: Any) -> Any:
        """Wrap a control callback: ignore programmatic syncs, show errors in the error box."""
        guarded = errors_to(self.error)(fn)

        def handler(change: Any) -> None:
            if not self._syncing:
                guarded(change)

        return handler


def error_box() -> widgets.HTML:
    """An empty HTML widget for a builder's errors."""
    return widgets.HTML(value="")


def close_tree(widget: widgets.Widget) -> None:
    """Close a widget and every box inside it, so a removed row leaves no model behind."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()


def download_link(data: bytes | str, name: str, text: str = "") -> str:
    """An ``<a download>`` link that carries the file in the page (a ``data:`` URL).

    It works wherever the page is open, in Voilà too, since nothing is fetched from the
    server: the browser saves ``data`` under ``name``.

    >>> download_link(b"{}", "a.json")
    '<a download="a.json" href="data:application/json;base64,e30=">Download a.json</a>'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    href = f"data:{kind};base64,{base64.b64encode(raw).decode('ascii')}"
    shown = html.escape(name, quote=True)
    return f'<a download="{shown}" href="{href}">{html.escape(text) or f"Download {shown}"}</a>'


_APP_VARIABLES = ("VOILA_KERNEL_ID", "VOILA_BASE_URL", "VOILA_APP_PORT")

HINT_CSS = "<style>body:has(.wb-live) .wb-run-hint { display: none; }</style>"
"""Hides the "run the notebook" hint once a live widget of ours is on the page."""


def in_app() -> bool:
    """Whether this kernel serves a Voilà app (Voilà sets these variables for its kernels)."""
    return any(os.environ.get(name) for name in _APP_VARIABLES) or os.environ.get(
        "SERVER_SOFTWARE", ""
    ).startswith("voila")


def _display(obj: Any, **options: Any) -> None:
    from IPython.display import display

    display(obj, **options)  # type: ignore[no-untyped-call]  # IPython has no annotations


def show_app(widget: widgets.Widget, what: str) -> None:
    """Display a widget, after a hint that only shows when the widget cannot.

    A notebook saved while the kernel ran keeps the widget's place but not the widget
    itself (no widget state is saved), so when it is opened again without a running
    kernel the hint says what to do. Once the widget is live it hides the hint (its
    root carries ``wb-live``; see :data:`HINT_CSS`). In the app the hint is left out.
    """
    widget.add_class("wb-live")
    if not in_app():
        words = f"Run the notebook (Run > Run All Cells) to start {what}."
        _display(
            {
                "text/html": f'<div class="wb-run-hint"><b>{html.escape(words)}</b></div>',
                "text/plain": words,
            },
            raw=True,
        )
    _display(widget)


def show_text(view: widgets.HTML, text: str) -> None:
    """In the app, display ``view`` (kept live by its owner); in a notebook, print ``text``.

    A notebook's printout is a record of the moment it ran (and what its tests compare);
    the app has no such record, so there the text follows every change.
    """
    if in_app():
        _display(view)
    else:
        print(text)


def pre(text: str) -> str:
    """Plain text as an HTML ``<pre>`` block, escaped."""
    return f'<pre style="white-space:pre-wrap">{html.escape(text)}</pre>'
