"""Loading: strict JSON, checked, with errors that name the file, the line and the key."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pydantic

from workbook.errors import WorkspaceError
from workbook.paths import read_at_most
from workbook.scenario import SCENARIO_VERSION, Scenario, strict_json
from workbook.store.workspace import WORKSPACE_FORMAT, WORKSPACE_VERSION, Workspace

__all__ = ["load_scenario", "load_workspace", "parse_workspace"]

_MAX_BYTES = 20_000_000


def _read_object(path: Path, what: str, raw: bytes | None = None) -> tuple[dict[str, Any], str]:
    """:func:`_read_json` (or ``raw`` parsed), refusing anything but a JSON object."""
    data, text = _read_json(path, what) if raw is None else _parse_json(raw, path, what)
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
    return _parse_json(raw, path, what)


def _parse_json(raw: bytes, path: Path, what: str) -> tuple[Any, str]:
    """Bytes as strict JSON: (data, text). Every failure is a WorkspaceError naming ``path``."""
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
        data = strict_json(text)
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
    return _workspace_from(*_read_object(path, "workspace"), path)


def parse_workspace(text: str, path: str | Path) -> Workspace:
    """A workspace from JSON text found inside ``path`` (a work product's page, say).

    The text gets every check :func:`load_workspace` makes, and errors name ``path``.
    """
    path = Path(path)
    raw = text.encode("utf-8")
    if len(raw) > _MAX_BYTES:
        raise WorkspaceError(
            f"the workspace is larger than {_MAX_BYTES:,} bytes",
            path=path,
            hint="not a work product",
        )
    return _workspace_from(*_read_object(path, "workspace", raw), path)


def _workspace_from(data: dict[str, Any], text: str, path: Path) -> Workspace:
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
