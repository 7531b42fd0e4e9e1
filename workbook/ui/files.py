"""The workbench's Files tab: save and load on the server, download and upload in the browser.

In Voilà the page's user cannot reach the server's files, so the scenario and every
export can also be downloaded (the file travels in the page, see
:func:`~workbook.ui.common.download_link`) and a scenario can be uploaded. An upload
goes through the same strict loader as a file on disk (:func:`workbook.store.load_scenario`),
capped at :data:`UPLOAD_LIMIT` bytes. Each row shows its own errors beside it.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

import ipywidgets as widgets

from workbook.errors import WorkspaceError
from workbook.export import export_outline
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.store import load_scenario
from workbook.vocabulary import lookup

__all__ = ["DOWNLOADS", "UPLOAD_LIMIT", "FileControls", "download_file", "read_upload"]

DOWNLOADS: Mapping[str, str] = {
    "scenario": "Scenario (.json)",
    "md-movant": "Brief outline, movant (Markdown)",
    "md-opponent": "Brief outline, opponent (Markdown)",
    "docx-movant": "Brief outline, movant (Word)",
    "docx-opponent": "Brief outline, opponent (Word)",
    "aif": "Argument graph (AIF JSON)",
    "argdown": "Argument graph (Argdown)",
}
"""What the workbench can download: key -> what the menu says."""

UPLOAD_LIMIT = 1_000_000
"""Largest scenario file an upload may be, in bytes (a scenario is a few kilobytes)."""

_SUFFIX = {"md": ".md", "docx": ".docx", "aif": ".aif.json", "argdown": ".argdown"}


def _stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "case"


def download_file(case: Case, scenario: Scenario, kind: str) -> tuple[str, bytes]:
    """The file a download gives: its name and bytes (see :data:`DOWNLOADS` for ``kind``).

    >>> from workbook import load_case
    >>> case = load_case(CASES / "legion-v-lutnick")
    >>> name, data = download_file(case, Scenario(case=case.case.id), "scenario")
    >>> name, data[:1]
    ('legion-v-lutnick.scenario.json', b'{')

    Raises:
        UnknownNameError: ``kind`` is not one of :data:`DOWNLOADS`.

    """
    lookup(DOWNLOADS, kind, "download")
    stem = _stem(case.case.id)
    if kind == "scenario":
        return f"{stem}.scenario.json", scenario.to_json().encode("utf-8")
    fmt, _, side = kind.partition("-")
    data = export_outline(case, scenario, side or "movant", fmt)  # type: ignore[arg-type]
    name = f"{stem}-{side}-outline" if side else f"{stem}-graph"
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return name + _SUFFIX[fmt], raw


def read_upload(name: str, content: bytes) -> Scenario:
    """An uploaded scenario (or workspace) file, read with the same checks as one on disk.

    Raises:
        WorkspaceError: the file is larger than :data:`UPLOAD_LIMIT`, or is not a
            scenario file the workbook saved (its message names the uploaded file).

    """
    shown = Path(_stem(Path(name).name) or "upload.json")
    if len(content) > UPLOAD_LIMIT:
        raise WorkspaceError(
            f"the uploaded file is {len(content):,} bytes; a scenario file is at most "
            f"{UPLOAD_LIMIT:,}",
            path=shown,
            hint="upload a scenario file saved by the workbench",
        )
    with tempfile.TemporaryDirectory(prefix="workbook-upload-") as folder:
        target = Path(folder) / shown.name
        target.write_bytes(content)
        try:
            return load_scenario(target)
        except WorkspaceError as exc:  # name the upload, not the temporary copy
            raise WorkspaceError(
                exc.problem, path=shown, line=exc.line, key=exc.key, hint=exc.hint
            ) from None


class FileControls:
    """Save/Load on the server, Download and Upload in the browser (``.widget``).

    The workbench wires the buttons; each row has its own error box.
    """

    def __init__(self, file_name: str) -> None:
        small = widgets.Layout(width="auto")
        wrap = widgets.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px")
        self.path = widgets.Text(value=file_name, description="file", layout=small)
        self.save = widgets.Button(description="Save", icon="save", layout=small)
        self.load = widgets.Button(description="Load", icon="folder-open", layout=small)
        self.status = widgets.Label()
        self.error = widgets.HTML()
        self.kind = widgets.Dropdown(
            options=[(label, key) for key, label in DOWNLOADS.items()],
            value="scenario",
            description="download",
            layout=widgets.Layout(width="auto", max_width="100%", min_width="0"),
        )
        self.prepare = widgets.Button(
            description="Prepare download", icon="download", button_style="primary", layout=small
        )
        self.link = widgets.HTML()
        self.link.add_class("wb-download")
        self.download_error = widgets.HTML()
        self.upload = widgets.FileUpload(
            accept=".json", multiple=False, description="Upload scenario", layout=small
        )
        self.upload_status = widgets.HTML()
        self.upload_error = widgets.HTML()
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    "<h4>In your browser</h4><small>Download the scenario or an export, or "
                    "upload a scenario saved before (a file you downloaded here or saved "
                    "from the workbench).</small>"
                ),
                widgets.HBox([self.kind, self.prepare], layout=wrap),
                self.link,
                self.download_error,
                widgets.HBox([self.upload, self.upload_status], layout=wrap),
                self.upload_error,
                widgets.HTML(
                    "<h4>On the server</h4><small>A file name inside the notebook's folder.</small>"
                ),
                self.path,
                widgets.HBox([self.save, self.load], layout=wrap),
                self.status,
                self.error,
            ]
        )
