"""Briefs out: the brief outline as Markdown or Word, the argument graph as AIF or Argdown.

One call for each job, for the command line and the brief-builder notebook::

    >>> from workbook import load_case
    >>> case = load_case(CASES / "legion-v-lutnick")
    >>> text = export_outline(case, fmt="argdown")
    >>> text.startswith("===")
    True

* :func:`export_outline` returns the export as text (``md``, ``aif``,
  ``argdown``) or bytes (``docx``).
* :func:`write_export` writes it to a file with the atomic writer.
* :func:`render_work_product` renders a student's workspace for a teacher, and
  :func:`write_work_product` writes it to a file; :func:`write_example_class`
  writes a made-up class's work products, for trying the teacher's notebook.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from workbook.errors import UnknownNameError
from workbook.exercises.classroom import example_class
from workbook.export.outline import Outline, build_outline
from workbook.export.student import render_work_product
from workbook.models import Case, Side
from workbook.scenario import Scenario
from workbook.store import Workspace, atomic_write

__all__ = [
    "FORMATS",
    "Format",
    "Outline",
    "build_outline",
    "export_outline",
    "format_for",
    "render_work_product",
    "write_example_class",
    "write_export",
    "write_work_product",
]

Format = Literal["md", "docx", "aif", "argdown"]
#: Export format -> file suffix.
FORMATS: dict[str, str] = {"md": ".md", "docx": ".docx", "aif": ".json", "argdown": ".argdown"}


def export_outline(
    case: Case, scenario: Scenario | None = None, side: Side = "movant", fmt: str = "md"
) -> str | bytes:
    """Export ``case`` under ``scenario``: a brief outline for ``side``, or the argument graph.

    ``md`` and ``docx`` give the brief outline for ``side``; ``aif`` and
    ``argdown`` give the whole argument graph (both sides). DOCX is bytes, the
    rest text.

    Raises:
        ValueError: ``fmt`` or ``side`` is not one the workbook knows.

    """
    if side not in ("movant", "opponent"):
        raise UnknownNameError(f"unknown side {side!r}; use 'movant' or 'opponent'")
    scenario = scenario or Scenario(case=case.case.id)
    if fmt == "md":
        from workbook.export.markdown import render_markdown

        return render_markdown(build_outline(case, scenario, side))
    if fmt == "docx":
        from workbook.export.word import render_docx

        return render_docx(build_outline(case, scenario, side))
    if fmt == "aif":
        from workbook.export.interchange import export_aif

        return export_aif(case, scenario)
    if fmt == "argdown":
        from workbook.export.argdown import export_argdown

        return export_argdown(case, scenario)
    raise UnknownNameError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")


def format_for(path: str | Path) -> str:
    """The export format a file name asks for (``brief.docx`` -> ``docx``), default ``md``."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, ext in FORMATS.items() if ext == suffix), "md")


def write_export(
    path: str | Path,
    case: Case,
    scenario: Scenario | None = None,
    side: Side = "movant",
    fmt: str | None = None,
) -> Path:
    """Export to ``path`` atomically (format from ``fmt``, else from the file's suffix)."""
    data = export_outline(case, scenario, side, fmt or format_for(path))
    return atomic_write(path, data, backup=False)


def write_work_product(path: str | Path, case: Case, workspace: Workspace) -> Path:
    """Write a student's work product for a teacher: HTML (``.html``) or Markdown (``.md``)."""
    fmt = "md" if Path(path).suffix.lower() == ".md" else "html"
    return atomic_write(path, render_work_product(case, workspace, fmt), backup=False)


def write_example_class(folder: str | Path, case: Case) -> list[Path]:
    """Write :func:`~workbook.exercises.classroom.example_class` as HTML work products.

    The files are ``<folder>/<student>.html`` (``student-a.html``...); the folder is
    made if missing. Returns the files written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for ws in example_class(case):
        name = ws.author.lower().replace(" ", "-") + ".html"
        out.append(write_work_product(folder / name, case, ws))
    return out
