"""A tiny widget that tells the kernel when the browser has painted the page.

The workbench draws its outcome and factor balance first; the Monte Carlo, the
tornado, the argument map and the argument rows come once the browser reports
its first paint (``painted`` turns true), so the page shows the outcome without
waiting for them. Nothing shows on screen; without a browser the signal never
comes, and the workbench finishes the work when something asks for it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["paint_signal"]

_ESM = """
function render({ model, el }) {
  el.style.display = "none";
  // Two frames: the first lays the page out, the second runs after it was painted.
  requestAnimationFrame(() => requestAnimationFrame(() => {
    model.set("painted", true);
    model.save_changes();
  }));
}
export default { render };
"""

_CLASS: list[type] = []


def paint_signal() -> Any:
    """A new (hidden) widget whose ``painted`` trait turns true after the browser's first paint."""
    if not _CLASS:
        import anywidget
        import traitlets

        class PaintSignal(anywidget.AnyWidget):
            """Hidden; sets ``painted`` once the browser has drawn the page around it."""

            _esm = _ESM
            painted = traitlets.Bool(False).tag(sync=True)

        _CLASS.append(PaintSignal)
    return _CLASS[0]()
