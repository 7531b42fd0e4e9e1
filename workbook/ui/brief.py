"""The brief builder: turn a scenario into a brief outline, an argument graph or a work product.

Pick a side and a format, load a scenario or workspace saved by the workbench,
read the outline in the preview, and export it. Every control calls a plain
method (:meth:`BriefBuilder.set_side`, :meth:`BriefBuilder.set_format`,
:meth:`BriefBuilder.load`, :meth:`BriefBuilder.export`,
:meth:`BriefBuilder.export_work_product`, :meth:`BriefBuilder.preview`) that
tests and scripts call directly; nothing is written until one of the export
methods is called (or its button pressed)::

    >>> from workbook import load_case
    >>> brief = build_brief_builder(load_case(CASES / "legion-v-lutnick"))
    >>> brief.preview().startswith("# Memorandum in Support of")
    True

File names are taken from the builder's folder (the notebook's folder by
default) and must stay inside it: ``..``, absolute paths, ``~`` and symbolic
links that lead out are refused with an :class:`~workbook.errors.UnsafePathError`,
since the builder may be served to people who do not hold the server. A
missing last folder, such as ``exports/``, is created on demand.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbook.charts.display import setup
from workbook.engine.analysis import analyse
from workbook.errors import ScenarioError, UnknownNameError
from workbook.export import FORMATS, Outline, build_outline, write_export, write_work_product
from workbook.export.markdown import render_markdown
from workbook.models import Case, Side
from workbook.scenario import Scenario
from workbook.store import Workspace, confined_path, load_workspace
from workbook.ui.a11y import SCROLLS, accessible_names
from workbook.ui.common import HINT_CSS, ControlPanel, download_link, errors_to, pre

__all__ = [
    "FORMAT_LABELS",
    "BriefBuilder",
    "build_brief_builder",
    "default_file_name",
    "outline_summary",
    "render_preview",
    "verification_note",
]

FORMAT_LABELS: Mapping[str, str] = {
    "md": "Markdown (.md)",
    "docx": "Word (.docx)",
    "aif": "AIF JSON (.json)",
    "argdown": "Argdown (.argdown)",
}
"""Each export format as the format selector names it."""

_SIDES: tuple[Side, ...] = ("movant", "opponent")
_EXPORTS = "exports"
_GRAPH_FORMATS = ("aif", "argdown")


def _slug(text: str) -> str:
    """A file-name-safe version of an id (letters, digits, ``.``, ``_``, ``-``)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "case"


def default_file_name(case: Case, side: str, fmt: str) -> str:
    """The suggested export file, relative to the builder's folder.

    >>> from workbook import load_case
    >>> default_file_name(load_case(CASES / "legion-v-lutnick"), "opponent", "docx")
    'exports/legion-v-lutnick-opponent-outline.docx'
    """
    stem = _slug(case.case.id)
    # AIF and Argdown hold both sides, so their names carry no side.
    name = f"{stem}-graph" if fmt in _GRAPH_FORMATS else f"{stem}-{side}-outline"
    return f"{_EXPORTS}/{name}{FORMATS[fmt]}"


def verification_note(outline: Outline) -> str:
    """One line saying how many cited authorities are not fully verified (plain text)."""
    entries = [e for group in outline.toa for e in group.entries]
    unverified = sum(e.flag == "[unverified]" for e in entries)
    partly = sum(e.flag == "[partly verified]" for e in entries)
    if not entries:
        return "The outline cites no authorities."
    if not unverified + partly:
        return f"All {len(entries)} cited authorities are verified."
    counts = ", ".join(
        f"{n} {words}"
        for n, words in ((unverified, "unverified"), (partly, "partly verified"))
        if n
    )
    return (
        f"{unverified + partly} of the {len(entries)} cited authorities are not fully "
        f"verified ({counts}): they are flagged in the outline; check them against the "
        "reporter before filing."
    )


def outline_summary(outline: Outline) -> str:
    """The outline's point headings and its Table of Authorities' sizes, as plain text."""
    lines = [outline.title, ""]
    for section in outline.sections:
        lines.append(f"{section.number}. {section.element.name}")
        for point in section.points:
            lines.append(f"    {point.number} {point.argument.heading}")
    lines += ["", "Table of Authorities:"]
    for group in outline.toa:
        lines.append(f"    {group.title}: {len(group.entries)}")
    return "\n".join(lines)


def render_preview(markdown: str) -> str:
    """The outline's Markdown as HTML for the preview.

    The exporter has already made every piece of case-file and user text inert
    (HTML specials are entities, Markdown punctuation is escaped), and writes no
    raw HTML of its own; any ``<`` left is escaped as well, so the HTML holds
    only what the Markdown structure makes.
    """
    import mistune

    render = mistune.create_markdown(escape=False, plugins=["table"])
    return str(render(markdown.replace("<", "&lt;")))


class BriefBuilder(ControlPanel):
    """The widget tree (``.widget``) and the methods its controls call.

    Build it with :func:`build_brief_builder`. The state is the scenario
    (``.scenario``), the side and format (``.side``, ``.format``), and the
    workspace last loaded (``.workspace``, or ``None``), whose exercise
    answers and notes go into the student work product. ``.outline`` is the
    outline last previewed.
    """

    app_name = "the brief builder"
    _auto_name: str
    """The file name last suggested; the file box follows side and format while it shows it."""
    path: Any
    """The export's file-name box."""

    def __init__(
        self, case: Case, scenario: Scenario | None = None, *, folder: str | Path | None = None
    ) -> None:
        setup()
        self.case = case
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.scenario = scenario or Scenario(case=case.case.id)
        self._check(self.scenario)
        self.side: Side = "movant"
        self.format = "md"
        self.workspace: Workspace | None = None
        self.outline: Outline | None = None
        self._build()
        self.preview()

    # ------------------------------------------------------------------ state

    def _check(self, scenario: Scenario) -> None:
        """Raise if the scenario does not fit the case (weighing it checks every reference)."""
        if scenario.case != self.case.case.id:
            raise ScenarioError(
                f"the scenario is for case {scenario.case!r}, not {self.case.case.id!r}"
            )
        analyse(self.case, scenario, samples=0, whatifs=False)

    def _resolve(self, path: str | Path) -> Path:
        """A typed file name as a path inside the builder's folder; any way out is refused."""
        return confined_path(self.folder, path)

    def _writable(self, path: str | Path) -> Path:
        """The resolved path, with its folder created when only that last folder is missing."""
        target = confined_path(self.folder, path, write=True)
        if not target.parent.exists() and target.parent.parent.is_dir():
            target.parent.mkdir()
        return target

    def _shown(self, path: Path) -> str:
        """A written file as the user sees it: relative to the builder's folder when inside it."""
        try:
            return str(path.resolve().relative_to(self.folder.resolve()))
        except ValueError:
            return str(path)

    def _default(self) -> str:
        return default_file_name(self.case, self.side, self.format)

    def _rename(self) -> None:
        """Follow the side and format in the file box, unless the user typed their own name."""
        current = self.path.value.strip()
        if current == self._auto_name or not current:
            new = self._default()
        else:
            p = Path(current)
            suffixes = set(FORMATS.values())
            new = str(p.with_suffix(FORMATS[self.format])) if p.suffix in suffixes else current
        self._auto_name = self._default()
        self._sync(self.path, new)

    # ------------------------------------------------------------------ actions

    def set_side(self, side: str) -> str:
        """Outline the brief for ``movant`` or ``opponent``; return the new preview."""
        if side not in _SIDES:
            raise UnknownNameError(f"unknown side {side!r}; use 'movant' or 'opponent'")
        self.side = side
        self._sync(self.side_box, side)
        self._rename()
        return self.preview()

    def set_format(self, fmt: str) -> str:
        """Export as ``md``, ``docx``, ``aif`` or ``argdown`` (a label works too); return it."""
        labels = {label: key for key, label in FORMAT_LABELS.items()}
        fmt = labels.get(fmt, fmt)
        if fmt not in FORMATS:
            raise UnknownNameError(
                f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}"
            )
        self.format = fmt
        self._sync(self.format_box, fmt)
        self._rename()
        self.format_hint.value = (
            "<small>AIF and Argdown hold the whole argument graph, both sides; the preview "
            "shows the brief outline.</small>"
            if fmt in _GRAPH_FORMATS
            else ""
        )
        return fmt

    def load(self, path: str | Path | None = None) -> Scenario:
        """Load a scenario or workspace file saved by the workbench, and re-preview.

        A workspace also brings its exercise answers, its author and its notes
        into the work-product section. A file that is missing, corrupt or for
        another case raises an error (shown in the error box when the button
        was pressed) and changes nothing.
        """
        target = self._resolve(self.load_path.value if path is None else path)
        workspace = load_workspace(target)  # a bare scenario file comes back wrapped
        self._check(workspace.scenario)
        self.scenario = workspace.scenario
        self.workspace = workspace
        if workspace.author:
            self.student.value = workspace.author
        if workspace.notes:
            self.notes.value = workspace.notes
        self._show_exercises()
        self.load_status.value = f"Loaded {target.name}"
        self.preview()
        return workspace.scenario

    def export(self, path: str | Path | None = None) -> Path:
        """Write the export in the chosen format and side, atomically; return the file."""
        target = self._writable(self.path.value if path is None else path)
        out = write_export(target, self.case, self.scenario, self.side, self.format)
        self.export_status.value = self._written(out)
        return out

    def work_product(self) -> Workspace:
        """The student's work as a workspace: scenario, exercise answers, name and notes."""
        loaded = self.workspace
        return Workspace(
            case=self.case.case.id,
            author=self.student.value.strip(),
            scenario=self.scenario,
            exercises=dict(loaded.exercises) if loaded else {},
            marks=dict(loaded.marks) if loaded else {},
            argument_notes=dict(loaded.argument_notes) if loaded else {},
            notes=self.notes.value,
        )

    def export_work_product(self, path: str | Path | None = None) -> Path:
        """Write the teacher-readable HTML work product (``.md`` gives Markdown); return it."""
        target = self._writable(self.work_path.value if path is None else path)
        out = write_work_product(target, self.case, self.work_product())
        self.work_status.value = self._written(out)
        return out

    def preview(self) -> str:
        """Rebuild the outline for the side under the scenario; show it and return its Markdown."""
        outline = build_outline(self.case, self.scenario, self.side)
        text = render_markdown(outline)
        self.outline = outline
        self.note.value = f"<p><b>{html.escape(verification_note(outline))}</b></p>"
        self.preview_html.value = render_preview(text)
        self.summary_view.value = pre(self.summary())
        return text

    def summary(self) -> str:
        """The outline's headings, its Table of Authorities' sizes and the verification note."""
        o = self.outline or build_outline(self.case, self.scenario, self.side)
        return f"{outline_summary(o)}\n\n{verification_note(o)}"

    # ------------------------------------------------------------------ widgets

    def _show_exercises(self) -> None:
        answers = sorted(self.workspace.exercises.items()) if self.workspace else []
        if not answers:
            self.exercises.value = (
                "<i>No exercise answers: load a workspace file that holds them to include them.</i>"
            )
            return
        marks = self.workspace.marks if self.workspace else {}
        rows = "".join(
            f"<li><b>{html.escape(marks[k].prompt or k)}</b> "
            f"{html.escape(marks[k].label or v)} ({'right' if marks[k].correct else 'not right'}, "
            f"{marks[k].tries} {'try' if marks[k].tries == 1 else 'tries'})</li>"
            if k in marks
            else f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>"
            for k, v in answers
        )
        self.exercises.value = f"<p>Exercise answers from the workspace:</p><ul>{rows}</ul>"

    def _build(self) -> None:
        self.error = widgets.HTML()
        wide = widgets.Layout(width="460px")
        self._build_export_controls(wide)
        self._build_load_controls(wide)
        self.note = widgets.HTML()
        self.preview_html = widgets.HTML()
        self.summary_view = widgets.HTML()
        self.preview_html.add_class("wb-brief-preview")
        self._build_work_product(wide)
        self.widget = self._layout()

    def _build_export_controls(self, wide: widgets.Layout) -> None:
        """Side, format and file name, and the Export button."""
        self.side_box = widgets.ToggleButtons(
            options=list(_SIDES), value=self.side, description="side"
        )
        self.side_box.observe(self._on(lambda ch: self.set_side(ch["new"])), names="value")
        self.format_box = widgets.Dropdown(
            options=[(label, key) for key, label in FORMAT_LABELS.items()],
            value=self.format,
            description="format",
        )
        self.format_box.observe(self._on(lambda ch: self.set_format(ch["new"])), names="value")
        self.format_hint = widgets.HTML()
        self._auto_name = self._default()
        export = widgets.Button(description="Export", icon="download", button_style="primary")
        self.path, self.export_button, self.export_status = self._file_row(
            self._auto_name, "file", wide, export, lambda: self.export()
        )

    def _build_load_controls(self, wide: widgets.Layout) -> None:
        """The scenario file to load, and its button."""
        load = widgets.Button(description="Load scenario…", icon="folder-open")
        self.load_path, self.load_button, self.load_status = self._file_row(
            f"{_slug(self.case.case.id)}.scenario.json", "scenario", wide, load, lambda: self.load()
        )

    def _build_work_product(self, wide: widgets.Layout) -> None:
        """The student work product: name, notes, exercise answers, file and button."""
        self.student = widgets.Text(placeholder="name or student number", description="student")
        self.notes = widgets.Textarea(
            placeholder="notes for your teacher",
            description="notes",
            layout=widgets.Layout(width="460px", height="120px"),
        )
        self.exercises = widgets.HTML()
        self._show_exercises()
        write = widgets.Button(description="Write work product", icon="file")
        self.work_path, self.work_button, self.work_status = self._file_row(
            f"{_EXPORTS}/{_slug(self.case.case.id)}-work-product.html",
            "file",
            wide,
            write,
            lambda: self.export_work_product(),
        )

    def _written(self, out: Path) -> str:
        """What was written, and a link that downloads it (the file travels in the page)."""
        data = out.read_bytes()
        return f"Wrote {html.escape(self._shown(out))} ({len(data):,} bytes). " + download_link(
            data, out.name
        )

    def _file_row(
        self,
        value: str,
        description: str,
        wide: widgets.Layout,
        button: widgets.Button,
        action: Callable[[], object],
    ) -> tuple[widgets.Text, widgets.Button, widgets.HTML]:
        """A file-name box, a button that runs ``action`` (errors to the error box), a status."""
        path = widgets.Text(value=value, description=description, layout=wide)
        button.on_click(errors_to(self.error)(lambda _b: action()))
        return path, button, widgets.HTML()

    def _layout(self) -> widgets.VBox:
        """The whole builder, top to bottom: export, load, preview, work product."""
        preview = widgets.Box(
            [self.preview_html],
            layout=widgets.Layout(
                max_height="600px", overflow="auto", border="1px solid #ccc", padding="0 1em"
            ),
        )
        preview.add_class(SCROLLS)  # the keyboard can scroll it
        return widgets.VBox(
            [
                widgets.HTML(
                    f"{HINT_CSS}<h2>Brief builder: {html.escape(self.case.case.title)}</h2>"
                ),
                self.error,
                widgets.HBox([self.side_box, self.format_box]),
                self.format_hint,
                widgets.HBox([self.path, self.export_button]),
                self.export_status,
                widgets.HBox([self.load_path, self.load_button]),
                self.load_status,
                widgets.HTML("<h3>Preview</h3>"),
                self.note,
                preview,
                widgets.HTML("<h3>Student work product</h3>"),
                self.student,
                self.notes,
                self.exercises,
                widgets.HBox([self.work_path, self.work_button]),
                self.work_status,
                accessible_names(),
            ]
        )


def build_brief_builder(
    case: Case, scenario: Scenario | None = None, *, folder: str | Path | None = None
) -> BriefBuilder:
    """The brief builder for a case, optionally starting from a scenario.

    Args:
        case: the case to outline.
        scenario: the starting scenario (default: the case as filed).
        folder: the folder that file names are taken from and confined to
            (default: the current folder, which in Jupyter is the notebook's).

    Raises:
        ScenarioError: the scenario does not fit the case.

    """
    return BriefBuilder(case, scenario, folder=folder)
