"""What every widget builder shares: a visible error box and quiet control syncs.

A callback that fails shows its error in red in the widget (``.error``) instead
of vanishing in the kernel log.
"""

from __future__ import annotations

import base64
import functools
import html
import mimetypes
from collections.abc import Callable
from typing import Any, TypeVar

import ipywidgets as widgets

__all__ = ["ControlPanel", "close_tree", "download_link", "error_box", "errors_to"]

F = TypeVar("F", bound=Callable[..., Any])


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
                    '<div class="wb-error" style="color:#D55E00;white-space:pre-wrap">'
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
