"""Saved work: scenario and workspace files that a crash cannot destroy.

A *workspace* is one student's or lawyer's work on one case: their
:class:`~workbook.scenario.Scenario` (dropped, added and re-weighed arguments,
answers to the contested questions), their answers to the exercises (and how
each went: right or not, in how many tries), and their notes. Both scenario and
workspace files are versioned JSON. Workspace format 2 added ``marks``; a format 1
file (without it) still loads, with no marks.

Saving (:func:`atomic_write`) writes a temporary file in the same folder,
flushes and fsyncs it, keeps the previous version as ``<name>.bak``, and only
then renames the new file over the old one, so a crash or a kill at any moment
leaves either the old file or the new one, never half of either.

Loading reads JSON and nothing else (nothing in a file is ever executed) and
refuses, with a :class:`~workbook.errors.WorkspaceError` naming the file, the
line and the key, anything that is truncated, corrupt, foreign or written by a
newer workbook; it never changes a file.

>>> ws = Workspace(case="c", scenario=Scenario(case="c"), exercises={"ex-1": "standing"})
>>> Workspace.model_validate_json(ws.to_json()) == ws
True
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

import pydantic
from pydantic import Field, model_validator

from workbook.errors import UnsafePathError, WorkspaceError
from workbook.models import Record
from workbook.paths import confined, output_file, read_at_most, replaceable
from workbook.scenario import SCENARIO_VERSION, Scenario

__all__ = [
    "WORKSPACE_FORMAT",
    "WORKSPACE_VERSION",
    "ExerciseMark",
    "Workspace",
    "atomic_write",
    "confined_path",
    "load_scenario",
    "load_workspace",
    "save_scenario",
    "save_workspace",
]

#: Bumped when the JSON shape changes; newer files are refused, not guessed at.
#: 2 added ``marks`` (how each exercise went); a version 1 file loads without them.
WORKSPACE_VERSION = 2
#: The ``format`` tag that tells a workspace from any other JSON file.
WORKSPACE_FORMAT = "workbook-workspace"
_MAX_BYTES = 20_000_000


class ExerciseMark(Record):
    """How one exercise went: the last answer, whether it was right, in how many tries."""

    answer: str = Field(description="The value of the last answer given.")
    correct: bool = Field(description="Whether that answer was right.")
    tries: int = Field(1, ge=1, description="How many times the student checked an answer.")
    prompt: str = Field("", description="The exercise's question, for a reader of the file.")
    element: str = Field("", description="Id of the element the exercise is about.")
    label: str = Field("", description="The answer as the student saw it.")


class Workspace(Record):
    """One person's work on one case: scenario, exercise answers and notes."""

    format: Literal["workbook-workspace"] = Field(
        "workbook-workspace", description="Tells a workspace file from any other JSON file."
    )
    version: int = Field(WORKSPACE_VERSION, description="Format version of the saved file.")
    case: str = Field(min_length=1, description="Id of the case worked on.")
    author: str = Field("", description="Who did the work (a name or a student number).")
    scenario: Scenario
    exercises: Mapping[str, str] = Field(
        default_factory=dict, description="Exercise id -> the answer given."
    )
    marks: Mapping[str, ExerciseMark] = Field(
        default_factory=dict, description="Exercise id -> how it went (format 2 on)."
    )
    argument_notes: Mapping[str, str] = Field(
        default_factory=dict, description="Argument id -> a note on it."
    )
    notes: str = ""

    @model_validator(mode="after")
    def _same_case(self) -> Workspace:
        if self.scenario.case != self.case:
            raise ValueError(
                f"the scenario is for case {self.scenario.case!r} but the workspace is for "
                f"{self.case!r}"
            )
        return self

    def to_json(self) -> str:
        """The workspace as stable, sorted, indented JSON, in the current format.

        An older file loaded and saved again is written as the current version, since
        what it holds now may use what that version added.
        """
        data = self.model_dump(mode="json") | {"version": WORKSPACE_VERSION}
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- saving


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


def _may_replace(path: Path) -> bool:
    def refuse(problem: str, hint: str) -> WorkspaceError:
        return WorkspaceError(problem, path=path, hint=hint)

    return replaceable(path, refuse)


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


def atomic_write(path: str | Path, data: str | bytes, *, backup: bool = True) -> Path:
    """Write ``data`` to ``path`` so that a crash leaves the old file or the new, never a mix.

    The data goes to a temporary file in the same folder, is flushed and
    fsynced, the old file (if any) is kept as ``<name>.bak`` when ``backup`` is
    true, and the temporary file is renamed over ``path`` with :func:`os.replace`.
    The temporary file is gone afterwards whatever happens, and ones left by a
    killed save are removed. Only a regular, writable file is ever replaced.

    Raises:
        WorkspaceError: the file cannot be written (folder missing, no permission, disk
            full), or ``path`` is a link, folder, pipe, device or read-only file.

    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp: Path | None = None
    try:
        _may_replace(path)
        _remove_stale(path)
        fd, tmp = _temp_for(path)
        with os.fdopen(fd, "wb") as handle:
            os.chmod(tmp, _mode_for(path))
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if _may_replace(path) and backup:
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


# --------------------------------------------------------------------------- loading


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"key {key!r} appears twice in the same object")
        out[key] = value
    return out


def _read_object(path: Path, what: str) -> tuple[dict[str, Any], str]:
    """:func:`_read_json`, refusing anything but a JSON object."""
    data, text = _read_json(path, what)
    if not isinstance(data, dict):
        raise WorkspaceError(
            f"not a {what} file: the JSON holds a {type(data).__name__}, not an object",
            path=path,
            line=1,
            hint=f"open a {what} file saved by the workbook",
        )
    return data, text


def _read_json(path: Path, what: str) -> tuple[Any, str]:
    """Read ``path`` as strict JSON: (data, text). Every failure is a WorkspaceError."""

    def refuse(problem: str, hint: str) -> WorkspaceError:
        return WorkspaceError(f"cannot read the {what} file: {problem}", path=path, hint=hint)

    try:
        raw = read_at_most(path, _MAX_BYTES, refuse, f"{what} file")
    except OSError as exc:
        raise WorkspaceError(
            f"cannot read the {what} file ({exc.strerror or exc})",
            path=path,
            hint="check the path and permissions",
        ) from None
    if not raw.strip():
        raise WorkspaceError(
            f"the {what} file is empty",
            path=path,
            hint=_backup_hint(path, "a save was cut short"),
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WorkspaceError(
            f"not a {what} file: it is not UTF-8 text (byte {exc.start})",
            path=path,
            hint=_backup_hint(path, f"open a .json {what} file saved by the workbook"),
        ) from None
    try:
        data = json.loads(text, parse_constant=_no_constants, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise WorkspaceError(
            f"not a {what} file: invalid JSON ({exc.msg}, column {exc.colno})",
            path=path,
            line=exc.lineno,
            hint=_backup_hint(path, "the file is truncated or was edited by hand"),
        ) from None
    except (ValueError, RecursionError) as exc:
        raise WorkspaceError(
            f"not a {what} file: {exc if isinstance(exc, ValueError) else 'nested too deeply'}",
            path=path,
            hint=_backup_hint(path, f"open a {what} file saved by the workbook"),
        ) from None
    return data, text


def _backup_hint(path: Path, cause: str) -> str:
    bak = path.with_name(path.name + ".bak")
    tail = f"; the previous version is in {bak.name}" if bak.is_file() else ""
    return f"{cause}{tail}"


def _line_of(text: str, loc: tuple[str | int, ...]) -> int | None:
    """The line of the last named key of ``loc`` in JSON ``text`` (a best guess), or None."""
    pos, found = 0, None
    for part in loc:
        if not isinstance(part, str):
            continue
        hit = text.find(json.dumps(part, ensure_ascii=False) + ":", pos)
        if hit < 0:
            hit = text.find(json.dumps(part) + ":", pos)
        if hit < 0:
            break
        pos = found = hit
    return text.count("\n", 0, found) + 1 if found is not None else None


def _key(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _invalid(
    exc: pydantic.ValidationError, path: Path, text: str, what: str, prefix: tuple[str, ...] = ()
) -> WorkspaceError:
    err = exc.errors()[0]
    loc = (*prefix, *(p for p in err["loc"] if isinstance(p, (str, int))))
    more = len(exc.errors()) - 1
    tail = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    message = err["msg"].removeprefix("Value error, ")
    return WorkspaceError(
        f"not a valid {what} file: {message}{tail}",
        path=path,
        line=_line_of(text, loc),
        key=_key(loc) or None,
        hint=_backup_hint(path, f"fix the value, or open another {what} file"),
    )


def _check_version(data: Mapping[str, Any], latest: int, path: Path, text: str, what: str) -> None:
    version = data.get("version", latest)
    if not isinstance(version, int) or isinstance(version, bool):  # "2", 2.0 and true too
        raise WorkspaceError(
            f"the {what}'s version must be a whole number, not {json.dumps(version)}",
            path=path,
            line=_line_of(text, ("version",)),
            key="version",
            hint=f'a {what} saved by the workbook has `"version": {latest}`',
        )
    if version > latest:
        raise WorkspaceError(
            f"this {what} was saved by a newer workbook (format {version}; this one reads up to "
            f"{latest})",
            path=path,
            line=_line_of(text, ("version",)),
            key="version",
            hint="upgrade the workbook to open it; the file has not been changed",
        )


def load_workspace(path: str | Path) -> Workspace:
    """Load a workspace file; refuse anything else with a :class:`WorkspaceError`.

    A bare scenario file is accepted too and wrapped in an empty workspace.
    """
    path = Path(path)
    data, text = _read_object(path, "workspace")
    if data.get("format") != WORKSPACE_FORMAT:
        if "format" not in data and "case" in data and "scenario" not in data:
            scenario = _scenario_from(data, path, text)
            try:
                return Workspace(case=scenario.case, scenario=scenario)
            except pydantic.ValidationError as exc:
                raise _invalid(exc, path, text, "scenario") from None
        raise WorkspaceError(
            'not a workspace file (no `"format": "workbook-workspace"`)',
            path=path,
            line=_line_of(text, ("format",)) or 1,
            key="format",
            hint="open a workspace file saved by the workbook",
        )
    _check_version(data, WORKSPACE_VERSION, path, text, "workspace")
    inner = data.get("scenario")
    if isinstance(inner, dict):
        _check_version(inner, SCENARIO_VERSION, path, text, "scenario")
    try:
        return Workspace.model_validate(data)
    except pydantic.ValidationError as exc:
        raise _invalid(exc, path, text, "workspace") from None
    except (ValueError, TypeError) as exc:  # a validator's own message, outside pydantic
        raise WorkspaceError(f"not a valid workspace file: {exc}", path=path) from None


def _scenario_from(data: dict[str, Any], path: Path, text: str) -> Scenario:
    _check_version(data, SCENARIO_VERSION, path, text, "scenario")
    try:
        return Scenario.model_validate(data)
    except pydantic.ValidationError as exc:
        raise _invalid(exc, path, text, "scenario") from None
    except (ValueError, TypeError) as exc:
        raise WorkspaceError(f"not a valid scenario file: {exc}", path=path) from None


def load_scenario(path: str | Path) -> Scenario:
    """Load a scenario file (or the scenario inside a workspace file)."""
    path = Path(path)
    data, text = _read_object(path, "scenario")
    if data.get("format") == WORKSPACE_FORMAT:
        return load_workspace(path).scenario
    return _scenario_from(data, path, text)
