"""Saving so that a crash leaves the old file or the new, never half of either."""

from __future__ import annotations

from pathlib import Path

from workbook.errors import UnsafePathError, WorkspaceError
from workbook.paths import confined, output_file, replace_file
from workbook.scenario import Scenario
from workbook.store.workspace import Workspace

__all__ = ["atomic_write", "confined_path", "save_scenario", "save_workspace"]


#: What a widget may write: scenarios, exports and work products, never a notebook or a case.
_WIDGET_SUFFIXES = (".json", ".md", ".docx", ".argdown", ".html")


def confined_path(root: str | Path, name: str | Path, *, write: bool = False) -> Path:
    """The file that a name typed into a widget names inside ``root``, or a refusal.

    Raises:
        UnsafePathError: the name is empty, absolute, starts with ``~``, has a ``..``
            part, or a symbolic link leads it out of ``root``; with ``write``, also a
            folder, or a name not ending in .json, .md, .docx, .argdown or .html (a
            notebook, a case file). The message names the value as typed and never
            says what is outside ``root``.

    """
    typed = str(name).strip() or "''"

    def refuse(problem: str, hint: str) -> UnsafePathError:
        return UnsafePathError(problem, path=typed, hint=hint)

    real = confined(root, name, refuse)
    if write:
        output_file(typed, refuse, resolved=real, suffixes=_WIDGET_SUFFIXES)
    return real


def atomic_write(
    path: str | Path, data: str | bytes, *, backup: bool = True, force: bool = False
) -> Path:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never a mix.

    The data goes to a temporary file in the same folder, is flushed and
    fsynced, the old file (if any) is kept as ``<name>.bak`` when ``backup`` is
    true, and the temporary file is renamed over ``path`` with :func:`os.replace`.
    The temporary file is gone afterwards whatever happens, and ones left by a
    killed save are removed. Only a regular, writable file is ever replaced
    (``force``: a read-only regular file too, never a link, folder or device).

    Raises:
        WorkspaceError: the file cannot be written (folder missing, no permission, disk
            full), or ``path`` is a link, folder, pipe, device or read-only file.

    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        replace_file(path, payload, WorkspaceError, backup=backup, force=force)
    except OSError as exc:
        raise WorkspaceError(
            f"cannot save: {exc.strerror or exc}; the previous file is unchanged",
            path=path,
            hint="check that the folder exists and that you may write to it; free some disk "
            "space or choose another folder, then save again",
        ) from None
    return path


def save_workspace(path: str | Path, workspace: Workspace, *, backup: bool = True) -> Path:
    """Save a workspace as JSON, atomically, keeping the previous file as ``<name>.bak``."""
    return atomic_write(path, workspace.to_json(), backup=backup)


def save_scenario(path: str | Path, scenario: Scenario, *, backup: bool = True) -> Path:
    """Save a scenario as JSON, atomically, keeping the previous file as ``<name>.bak``."""
    return atomic_write(path, scenario.to_json(), backup=backup)
