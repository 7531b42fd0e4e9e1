"""Saving so that a crash leaves the old file or the new, never half of either."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from workbook.errors import UnsafePathError, WorkspaceError
from workbook.paths import confined, output_file, replaceable
from workbook.scenario import Scenario
from workbook.store.workspace import Workspace

__all__ = ["atomic_write", "confined_path", "save_scenario", "save_workspace"]


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; not every platform can open a folder.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(path: Path) -> int:
    """The permissions the saved file should have: the old file's, else the umask's default."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# A temporary file is ".<name>.<8 random characters>.tmp" (".<name>.bak.<…>.tmp" for the
# backup's); one older than this was left by a killed save and is removed by the next one.
_STALE_SECONDS = 15 * 60


def _remove_stale(path: Path) -> None:
    """Remove the temporary files an interrupted save of ``path`` left behind."""
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:bak\.)?[a-z0-9_]{{8}}\.tmp")
    now = time.time()
    try:
        names = [n for n in os.listdir(path.parent) if pattern.fullmatch(n)]
    except OSError:
        return
    for name in names:
        old = path.parent / name
        with contextlib.suppress(OSError):
            st = os.lstat(old)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime > _STALE_SECONDS:
                old.unlink()


def _temp_for(path: Path) -> tuple[int, Path]:
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    return fd, Path(name)


def _may_replace(path: Path, force: bool = False) -> bool:
    def refuse(problem: str, hint: str) -> WorkspaceError:
        return WorkspaceError(problem, path=path, hint=hint)

    return replaceable(path, refuse, force=force)


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


def _keep_backup(path: Path) -> None:
    """Make ``<name>.bak`` the current contents of ``path``, atomically."""
    bak = path.with_name(path.name + ".bak")
    if _may_replace(bak) and os.path.samestat(os.lstat(bak), os.lstat(path)):
        return  # already a second name for the same file; rename(2) would do nothing
    fd, tmp = _temp_for(bak)
    os.close(fd)
    try:
        tmp.unlink()
        try:
            os.link(path, tmp)  # a second name for the old file: nothing is copied
        except OSError:
            shutil.copy2(path, tmp)
        os.replace(tmp, bak)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()  # only there when the rename did not happen


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
    tmp: Path | None = None
    try:
        _may_replace(path, force)
        _remove_stale(path)
        fd, tmp = _temp_for(path)
        with os.fdopen(fd, "wb") as handle:
            os.chmod(tmp, _mode_for(path))
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if _may_replace(path, force) and backup:
            _keep_backup(path)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise WorkspaceError(
            f"cannot save: {exc.strerror or exc}; the previous file is unchanged",
            path=path,
            hint="check that the folder exists and that you may write to it; free some disk "
            "space or choose another folder, then save again",
        ) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                tmp.unlink()
    _fsync_dir(path.parent)
    return path


def save_workspace(path: str | Path, workspace: Workspace, *, backup: bool = True) -> Path:
    """Save a workspace as JSON, atomically, keeping the previous file as ``<name>.bak``."""
    return atomic_write(path, workspace.to_json(), backup=backup)


def save_scenario(path: str | Path, scenario: Scenario, *, backup: bool = True) -> Path:
    """Save a scenario as JSON, atomically, keeping the previous file as ``<name>.bak``."""
    return atomic_write(path, scenario.to_json(), backup=backup)
