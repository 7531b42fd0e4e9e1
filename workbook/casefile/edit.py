"""Add or replace one record of a case file, keeping everything else its author wrote.

A case folder's YAML is read with ruamel.yaml's round-trip loader, which keeps
comments, key order and where each record starts. :func:`put_record` writes one
fact, authority, argument or question into the file that holds its section (or
into ``case.yaml`` when no file does yet): the new record's text is spliced in
where the old one was, or after the section's last record, so every byte outside
that record, comments included, stays as it was.

Nothing is replaced until the edited case has been checked: the new text is
written into a temporary copy of the case and :func:`~workbook.casefile.load.check_case`
run on it. An edit that adds a problem the case did not already have is refused
with those problems, and the files are left untouched. The file is then replaced
atomically (a temporary file in the same folder, fsynced, renamed over the old
one), so a crash leaves the old file or the new, never half of either.

>>> import tempfile, pathlib
>>> from workbook.casefile.new import new_case
>>> folder = pathlib.Path(tempfile.mkdtemp()) / "acme"
>>> _ = new_case(folder, title="Acme Corp. v. Secretary", court="D.D.C.")
>>> fact = {"id": "letter", "statement": "The agency wrote to Acme.",
...         "sources": ["complaint"], "status": "reported"}
>>> put_record(folder, "facts", fact).report.ok
True
>>> put_record(folder, "facts", fact)
Traceback (most recent call last):
workbook.errors.DuplicateIdError: ...: id 'letter' is used twice in facts (key: facts[id=letter].id)
  how to fix: give the new record an id no other record of facts has, or replace the existing one
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pydantic

from workbook.casefile.load import CheckReport, check_case
from workbook.casefile.read import read_case_data
from workbook.casefile.splice import RecordText, insert_record, parse_text
from workbook.errors import (
    CaseFileError,
    CaseFileProblems,
    CaseFileSchemaError,
    DuplicateIdError,
    UnknownReferenceError,
)
from workbook.models import Argument, Authority, Fact, Question, Record
from workbook.paths import CASE_SUFFIXES, replace_file

__all__ = ["EDITABLE", "Edit", "put_record", "section_file"]

EDITABLE: Mapping[str, type[Record]] = {
    "facts": Fact,
    "authorities": Authority,
    "arguments": Argument,
    "questions": Question,
}
"""The sections an editor writes one record of, and the model each record must fit."""


@dataclasses.dataclass(frozen=True)
class Edit:
    """What :func:`put_record` did: the file it wrote, the record, and the case's check."""

    path: Path
    section: str
    id: str
    replaced: bool
    report: CheckReport


def section_file(case: str | Path, section: str) -> Path:
    """The file that holds ``section`` in a case folder (``case.yaml`` when none does yet).

    Raises:
        CaseFileError: the case cannot be read.

    """
    case = Path(case)
    _, located = read_case_data(case)
    found = located.section_file.get(section)
    if found is not None:
        return found
    return case if case.is_file() else case / "case.yaml"


def put_record(
    case: str | Path, section: str, record: Mapping[str, Any], *, replace: bool = False
) -> Edit:
    """Add ``record`` to ``section`` (or, with ``replace``, rewrite the record with its id).

    Raises:
        UnknownReferenceError: the section is not one an editor writes, or ``replace``
            names an id the section does not hold.
        DuplicateIdError: adding an id the section already holds.
        CaseFileSchemaError: an authority marked verified or partly verified without a
            record of what was checked and where.
        CaseFileSchemaError: the record does not fit its model (a key missing, a value
            of the wrong kind).
        CaseFileError: the edited case would have a problem the case did not have
            (a :class:`CaseFileProblems` when there are several); nothing is written.
        CaseFileError: the file cannot be written (a link, read-only, no room).

    """
    case = Path(case)
    model = EDITABLE.get(section)
    if model is None:
        raise UnknownReferenceError(
            f"the editor does not write {section!r} records",
            path=case,
            hint=f"use one of: {', '.join(EDITABLE)}",
        )
    data = _valid(model, section, record, case)
    if section == "authorities":
        _recorded(data, case)
    target = section_file(case, section)
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    found = parse_text(old, section, target)
    rid = str(data["id"])
    _check_id(found, section, rid, replace, target)
    new = insert_record(old, found, section, data, replace=rid if replace else None)
    report = _checked(case, target, new)
    _write(target, new)
    return Edit(target, section, rid, replace, report)


# --------------------------------------------------------------------------- checking


def _valid(
    model: type[Record], section: str, record: Mapping[str, Any], case: Path
) -> dict[str, Any]:
    """The record as plain data, once it fits its model; keys in the order given."""
    data = {k: _stripped(v) for k, v in record.items()}
    data = {k: v for k, v in data.items() if v not in (None, "", [], (), {})}
    try:
        model.model_validate(data)
    except pydantic.ValidationError as exc:
        problems = [_field_problem(e, section, data, case) for e in exc.errors()]
        raise problems[0] if len(problems) == 1 else CaseFileProblems(problems) from None
    return data


def _stripped(value: Any) -> Any:
    """Text without the spaces around it, in lists and mappings too (as the models read it)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Mapping):
        return {k: _stripped(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_stripped(v) for v in value]
    return value


def _field_problem(
    err: Mapping[str, Any], section: str, data: Mapping[str, Any], case: Path
) -> CaseFileSchemaError:
    loc = ".".join(str(p) for p in err["loc"])
    rid = data.get("id") or "new"
    key = f"{section}[id={rid}]" + (f".{loc}" if loc else "")
    if err["type"] == "missing":
        problem, hint = f"{loc or 'a value'} is required", f"fill in {loc}"
    else:
        problem, hint = f"{loc or 'the record'}: {err['msg']}", "correct the value"
    return CaseFileSchemaError(problem, path=case, key=key, hint=hint)


def _recorded(authority: Mapping[str, Any], case: Path) -> None:
    """Refuse an authority marked verified with no record of what was read, and where."""
    check = authority["verification"]
    if check["status"] != "unverified" and not (check.get("checked") and check.get("where")):
        raise CaseFileSchemaError(
            f"authority {authority['id']!r} is marked {check['status']} with no record of "
            "what was checked and where",
            path=case,
            key=f"authorities[id={authority['id']}].verification",
            hint="say what you confirmed (`checked`) and list the copies you read (`where`), "
            "or leave it unverified",
        )


def _check_id(found: RecordText, section: str, rid: str, replace: bool, target: Path) -> None:
    line = found.lines.get(rid)
    if replace and line is None:
        raise UnknownReferenceError(
            f"there is no record {rid!r} in {section} to replace",
            path=target,
            key=f"{section}[id={rid}]",
            hint="add it as a new record, or replace one of: "
            + (", ".join(found.lines) or "(none)"),
        )
    if not replace and line is not None:
        raise DuplicateIdError(
            f"id {rid!r} is used twice in {section}",
            path=target,
            line=line,
            key=f"{section}[id={rid}].id",
            hint=f"give the new record an id no other record of {section} has, "
            "or replace the existing one",
        )


def _checked(case: Path, target: Path, new: str) -> CheckReport:
    """Check the case as it would be with ``target`` holding ``new``; refuse new problems."""
    with tempfile.TemporaryDirectory(prefix="case-edit-") as scratch:
        copy = Path(scratch) / case.name
        if case.is_dir():
            shutil.copytree(case, copy, ignore=_not_case_files)
            (copy / target.name).write_text(new, encoding="utf-8")
        else:
            copy.write_text(new, encoding="utf-8")
        after = check_case(copy)
        if after.ok:
            return dataclasses.replace(
                after,
                path=case,
                warnings=tuple(_moved(w, copy, case) for w in after.warnings),
            )
    before = {_what(p) for p in check_case(case).problems}
    added = [_moved(p, copy, case) for p in after.problems if _what(p) not in before]
    if not added:  # the case had these problems before the edit: it is no worse
        return dataclasses.replace(
            after,
            path=case,
            problems=tuple(_moved(p, copy, case) for p in after.problems),
            warnings=tuple(_moved(w, copy, case) for w in after.warnings),
        )
    raise added[0] if len(added) == 1 else CaseFileProblems(added)


def _not_case_files(folder: str, names: list[str]) -> set[str]:
    """What the scratch copy leaves out: everything but case files and readings."""
    keep = {n for n in names if Path(n).suffix.lower() in CASE_SUFFIXES or n == "readings"}
    if Path(folder).name == "readings":
        return set()
    return set(names) - keep


def _what(problem: CaseFileError) -> tuple[str, str, str]:
    """A problem without its line (an edit moves lines), to tell old problems from new."""
    return (type(problem).__name__, problem.problem, problem.key or "")


def _moved(problem: Any, copy: Path, case: Path) -> Any:
    """A problem or finding found in the scratch copy, placed in the real case."""
    path = problem.path
    if path is not None:
        with contextlib.suppress(ValueError):
            path = case / Path(path).relative_to(copy) if case.is_dir() else case
    if isinstance(problem, CaseFileError):
        return type(problem)(
            problem.problem, path=path, line=problem.line, key=problem.key, hint=problem.hint
        )
    return dataclasses.replace(problem, path=path)


# --------------------------------------------------------------------------- writing


def _write(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` atomically: the old file or the new, never a mix."""
    try:
        replace_file(path, text.encode("utf-8"), CaseFileError)
    except OSError as exc:
        raise CaseFileError(
            f"cannot save: {exc.strerror or exc}; the case file is unchanged",
            path=path,
            hint="check that you may write to the case folder and that the disk has room",
        ) from None
