"""Read a case file (YAML) into a :class:`~workbook.models.Case`, and check it.

A case is a folder of ``*.yaml`` files (or one file). Each file is a mapping
whose top-level keys are sections (``case``, ``parties``, ``facts``...); a
section lives in exactly one file. YAML is read safely: no tags but the plain
ones, no aliases, no duplicate keys. Every problem names the file, the line,
the key and a fix.

>>> from workbook import load_case
>>> case = load_case(CASES / "legion-v-lutnick")
>>> case.case.movant
'legion'
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pydantic
import yaml

from .errors import (
    CaseFileError,
    CaseFileProblems,
    CaseFileSchemaError,
    CaseFileSyntaxError,
    DuplicateIdError,
    UnknownReferenceError,
    nearest,
)
from .models import Case, Side

__all__ = ["CheckReport", "Finding", "check_case", "load_case", "read_case_data"]

SECTIONS: tuple[str, ...] = tuple(Case.model_fields)
_SUFFIXES = (".yaml", ".yml")
_MAX_BYTES = 5_000_000

Path_ = tuple[str | int, ...]


@dataclasses.dataclass(frozen=True)
class Finding:
    """A soft problem worth a look: the case loads, but a reader should know."""

    problem: str
    path: Path | None = None
    line: int | None = None
    key: str | None = None
    hint: str = ""

    def __str__(self) -> str:
        where = (
            f"{self.path}:{self.line}" if self.path and self.line else str(self.path or "<case>")
        )
        text = f"{where}: {self.problem}"
        if self.key:
            text += f" (key: {self.key})"
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text


@dataclasses.dataclass(frozen=True)
class CheckReport:
    """What :func:`check_case` found: hard problems, soft warnings, and the case if it loaded."""

    path: Path
    problems: tuple[CaseFileError, ...]
    warnings: tuple[Finding, ...]
    case: Case | None

    @property
    def ok(self) -> bool:
        """True when there is no hard problem."""
        return not self.problems


# --------------------------------------------------------------------------- reading YAML


class _Located:
    """Where each key path of the merged data came from: (file, line)."""

    def __init__(self) -> None:
        self._where: dict[Path_, tuple[Path, int]] = {}
        self.section_file: dict[str, Path] = {}

    def add(self, path: Path_, file: Path, line: int) -> None:
        self._where[path] = (file, line)

    def find(self, path: Path_) -> tuple[Path | None, int | None]:
        """The file and line of ``path``, or of its nearest located parent."""
        for cut in range(len(path), 0, -1):
            hit = self._where.get(path[:cut])
            if hit:
                return hit
        return None, None


_BOOL = "tag:yaml.org,2002:bool"


def _tag(tag: str) -> str:
    """A tag as it was written: ``!!python/object`` rather than its long form."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SCALARS: dict[str, Callable[[yaml.constructor.SafeConstructor, yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:str": yaml.constructor.SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": yaml.constructor.SafeConstructor.construct_yaml_timestamp,
}


def _compose(file: Path) -> yaml.Node | None:
    try:
        size = file.stat().st_size
        if size > _MAX_BYTES:
            raise CaseFileSyntaxError(
                f"file is {size:,} bytes, more than the {_MAX_BYTES:,} a case file may have",
                path=file,
                hint="split the case into several files in one folder",
            )
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileSyntaxError(
            f"file is not UTF-8 text ({exc.reason} at byte {exc.start})",
            path=file,
            hint="save the file as UTF-8",
        ) from None
    except OSError as exc:
        raise CaseFileSyntaxError(
            f"cannot read the file ({exc.strerror})",
            path=file,
            hint="check the path and permissions",
        ) from None
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
        return node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = f"not valid YAML: {exc.problem or exc.context}"
        raise CaseFileSyntaxError(
            problem,
            path=file,
            line=line,
            hint="check indentation, colons and quotes on that line or the one before; "
            "quote text that contains ': ' or starts with a special character",
        ) from None
    except yaml.YAMLError as exc:
        # A ReaderError (a character YAML forbids) has a position but no mark.
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        raise CaseFileSyntaxError(
            f"not valid YAML: {exc}", path=file, line=line,
            hint="remove control characters; case files are plain UTF-8 text",
        ) from None


class _Builder:
    """Turns composed YAML nodes into plain Python data, recording every line."""

    def __init__(self, file: Path, located: _Located) -> None:
        self.file = file
        self.located = located
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def _fail(self, node: yaml.Node, problem: str, path: Path_, hint: str) -> CaseFileSyntaxError:
        return CaseFileSyntaxError(
            problem,
            path=self.file,
            line=node.start_mark.line + 1,
            key=_key(path) or None,
            hint=hint,
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            raise self._fail(
                node,
                "YAML aliases (*name) are not allowed in case files",
                path,
                "write the value out in full instead of referring to an anchor",
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.CollectionNode) and node.tag not in _COLLECTIONS:
            raise self._fail(
                node,
                f"YAML tag {_tag(node.tag)!r} is not allowed in case files",
                path,
                "remove the tag (the part starting with '!'); case files hold plain lists "
                "and mappings",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            out = []
            for i, item in enumerate(node.value):
                self.located.add((*path, i), self.file, item.start_mark.line + 1)
                out.append(self.build(item, (*path, i)))
            return out
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == _BOOL and node.style is None and node.value.lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off as booleans; case files use them as answer ids.
            # Kept as text, a yes/no still validates where the model wants a boolean.
            return node.value
        make = _SCALARS.get(node.tag)
        if make is None:
            raise self._fail(
                node,
                f"YAML tag {_tag(node.tag)!r} is not allowed in case files",
                path,
                "remove the tag (the part starting with '!'); case files hold plain text, "
                "numbers, dates, lists and mappings",
            )
        try:
            return make(self.constructor, node)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            raise self._fail(
                node,
                f"cannot read the value ({exc})",
                path,
                "write a real date as YYYY-MM-DD"
                if node.tag.endswith("timestamp")
                else "fix the value",
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail(
                    key_node,
                    "YAML merge keys (<<) are not allowed in case files",
                    path,
                    "write the keys out in full",
                )
            # Keys are field names and ids, so read them as the text written: YAML 1.1 would
            # otherwise turn keys such as `on:` or `yes:` into booleans.
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                raise self._fail(
                    key_node,
                    "keys must be plain text",
                    path,
                    "quote the key, or remove the list or mapping used as a key",
                )
            key = key_node.value
            if key in out:
                first = self.located.find((*path, key))[1]
                raise self._fail(
                    key_node,
                    f"key {key!r} appears twice in the same mapping",
                    (*path, key),
                    f"remove one of them (the other is on line {first})",
                )
            self.located.add((*path, key), self.file, key_node.start_mark.line + 1)
            out[key] = self.build(value_node, (*path, key))
        return out


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in _SUFFIXES and p.is_file())
        if not files:
            raise CaseFileSyntaxError(
                "no case files here", path=path, hint="a case folder holds one or more *.yaml files"
            )
        return files
    if path.is_file():
        return [path]
    raise CaseFileSyntaxError(
        "no such file or folder", path=path, hint="give the path of a case folder or a case file"
    )


def read_case_data(path: str | Path) -> tuple[dict[str, Any], _Located]:
    """Read a case folder or file into plain data, and where each key came from.

    Raises :class:`CaseFileError` for YAML problems and misplaced sections.
    """
    path = Path(path)
    located = _Located()
    merged: dict[str, Any] = {}
    for file in _files(path):
        node = _compose(file)
        if node is None:
            continue  # an empty file holds no sections
        data = _Builder(file, located).build(node, ())
        if not isinstance(data, dict):
            raise CaseFileSchemaError(
                f"the top level must be a mapping of sections, not a {_kind(data)}",
                path=file,
                line=node.start_mark.line + 1,
                hint=f"start the file with one of the sections: {', '.join(SECTIONS)}",
            )
        for section, value in data.items():
            line = located.find((section,))[1]
            if section not in SECTIONS:
                raise CaseFileSchemaError(
                    f"unknown section {section!r}",
                    path=file,
                    line=line,
                    key=section,
                    hint=_did_you_mean(section, SECTIONS) + f"sections are: {', '.join(SECTIONS)}",
                )
            if section in merged:
                other = located.section_file[section]
                raise CaseFileSchemaError(
                    f"section {section!r} is defined twice (also in {other.name})",
                    path=file,
                    line=line,
                    key=section,
                    hint="keep each section in one file",
                )
            merged[section] = value
            located.section_file[section] = file
    return merged, located


# --------------------------------------------------------------------------- validating


def _kind(value: Any) -> str:
    names: dict[type, str] = {dict: "mapping", list: "list", str: "text"}
    return names.get(type(value), type(value).__name__)


def _did_you_mean(word: str, options: Iterable[str]) -> str:
    close = nearest(word, options)
    return f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""


def _key(path: Path_, data: Mapping[str, Any] | None = None) -> str:
    """Render a key path as ``arguments[id=irr-1].strength``."""
    out = ""
    node: Any = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[id={ident}]" if isinstance(ident, str) else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _model_at(loc: Path_) -> type[pydantic.BaseModel] | None:
    """The model class that validates the record at ``loc`` (for listing valid keys)."""
    model: Any = Case
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        field = fields.get(part) if isinstance(fields, dict) else None
        if field is None:
            return None
        model = _record_type(field.annotation)
    return model if isinstance(model, type) and issubclass(model, pydantic.BaseModel) else None


def _record_type(annotation: Any) -> Any:
    """The record class inside an annotation such as ``tuple[Fact, ...] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    if typing.get_origin(annotation) in (tuple, types.UnionType, typing.Union):
        for arg in typing.get_args(annotation):
            found = _record_type(arg)
            if found is not None:
                return found
    return None


def _schema_problem(
    err: Mapping[str, Any], data: Mapping[str, Any], located: _Located, case_path: Path
) -> CaseFileError:
    loc: Path_ = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind = err["type"]
    if kind == "extra_forbidden":
        record = _model_at(loc[:-1])
        valid = sorted(record.model_fields) if record else []
        problem = f"unknown key {loc[-1]!r}"
        hint = _did_you_mean(str(loc[-1]), valid) + (
            f"valid keys here: {', '.join(valid)}" if valid else ""
        )
    elif kind == "missing":
        record = _model_at(loc[:-1])
        required = [n for n, f in record.model_fields.items() if f.is_required()] if record else []
        problem = f"required key {loc[-1]!r} is missing"
        hint = f"add `{loc[-1]}:`" + (
            f" (required keys here: {', '.join(required)})" if required else ""
        )
    elif kind == "string_pattern_mismatch":
        problem = f"{err['input']!r} is not a valid id"
        hint = "ids use lowercase letters, digits, '.', '_' and '-', e.g. `irreparable-harm-1`"
    elif kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        problem = f"{err['input']!r} is not allowed here"
        hint = f"use one of: {expected}"
    elif kind == "too_short":
        least = err.get("ctx", {}).get("min_length", 1)
        problem = f"the list needs at least {least} item{'s' if least != 1 else ''}"
        hint = "add items to the list (one `- item` per line)"
    else:
        problem = f"{err['msg']} (got {_short(err.get('input'))})"
        hint = _type_hint(kind)
    file, line = located.find(loc)
    # A missing top-level section belongs to no file yet: name the case folder or file.
    return CaseFileSchemaError(
        problem, path=file or case_path, line=line, key=_key(loc, data), hint=hint
    )


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else f"a {_kind(value)}"
    return text if len(text) <= 60 else text[:57] + "..."


def _type_hint(kind: str) -> str:
    if kind.startswith(("float", "int", "greater", "less")):
        return "give a number in the range shown"
    if kind.startswith(("date", "datetime")):
        return "write dates as YYYY-MM-DD"
    if kind.startswith("string") or kind == "str_type":
        return "write text (quote it if YAML reads it as a number, date or yes/no)"
    if kind.startswith(("tuple", "list")):
        return "write a list: one `- item` per line, or [a, b]"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write a mapping of keys to values"
    return "see the case-file schema (python -m workbook schema) for what this key holds"


# --------------------------------------------------------------------------- cross-references


class _Refs:
    """Collects cross-reference problems and warnings for a validated case."""

    def __init__(self, case: Case, data: Mapping[str, Any], located: _Located) -> None:
        self.case = case
        self.data = data
        self.located = located
        self.problems: list[CaseFileError] = []
        self.warnings: list[Finding] = []
        self.ids = {s: {r.id for r in getattr(case, s)} for s in SECTIONS if s != "case"}

    def _at(self, path: Path_) -> dict[str, Any]:
        file, line = self.located.find(path)
        return {"path": file, "line": line, "key": _key(path, self.data)}

    def unknown(
        self,
        ref: str,
        section: str,
        path: Path_,
        *,
        valid: Iterable[str] | None = None,
        what: str = "",
    ) -> None:
        options = sorted(self.ids[section] if valid is None else valid)
        if ref in options:
            return
        what = what or (section.rstrip("s") if section != "authorities" else "authority") + " id"
        close = nearest(ref, options)
        if valid is not None:
            hint = f"use one of: {', '.join(options)}"
        elif close:
            hint = f"did you mean {' or '.join(repr(c) for c in close)}?"
        else:
            hint = f"define it under `{section}:`, or use one of: " + (
                ", ".join(options[:12]) or "(none defined)"
            )
        self.problems.append(
            UnknownReferenceError(f"unknown {what} {ref!r}", hint=hint, **self._at(path))
        )

    def warn(self, problem: str, path: Path_, hint: str = "") -> None:
        self.warnings.append(Finding(problem, hint=hint, **self._at(path)))

    def run(self) -> None:
        self.duplicates()
        if self.problems:
            return  # ids are ambiguous; later checks would mislead
        c = self.case
        for role in ("movant", "opponent"):
            self.unknown(getattr(c.case, role), "parties", ("case", role))
        for i, claim in enumerate(c.claims):
            self.cites(claim.authorities, ("claims", i, "authorities"))
            for j, src in enumerate(claim.sources):
                self.unknown(src, "sources", ("claims", i, "sources", j))
        for i, fact in enumerate(c.facts):
            for j, src in enumerate(fact.sources):
                self.unknown(src, "sources", ("facts", i, "sources", j))
            if fact.quote:
                self.unknown(fact.quote.source, "sources", ("facts", i, "quote", "source"))
        for i, q in enumerate(c.questions):
            answers = [a.id for a in q.answers]
            self.unknown(
                q.default,
                "questions",
                ("questions", i, "default"),
                valid=answers,
                what=f"default answer of question {q.id!r}:",
            )
            for j, e in enumerate(q.elements):
                self.unknown(e, "elements", ("questions", i, "elements", j))
            for j, a in enumerate(q.answers):
                self.cites(a.authorities, ("questions", i, "answers", j, "authorities"))
        for i, arg in enumerate(c.arguments):
            self.argument(i, arg)
        self.soft()

    def duplicates(self) -> None:
        for section in self.ids:
            counts = Counter(r.id for r in getattr(self.case, section))
            for i, rec in enumerate(getattr(self.case, section)):
                if counts[rec.id] > 1:
                    first = next(
                        j for j, r in enumerate(getattr(self.case, section)) if r.id == rec.id
                    )
                    if first != i:
                        line = self._at((section, first))["line"]
                        self.problems.append(
                            DuplicateIdError(
                                f"id {rec.id!r} is used twice in {section}",
                                hint="ids must be unique within a section; "
                                f"the first is on line {line}",
                                **self._at((section, i, "id")),
                            )
                        )
        for i, q in enumerate(self.case.questions):
            seen: set[str] = set()
            for j, a in enumerate(q.answers):
                if a.id in seen:
                    self.problems.append(
                        DuplicateIdError(
                            f"answer id {a.id!r} is used twice in question {q.id!r}",
                            hint="give each answer of a question its own id",
                            **self._at(("questions", i, "answers", j, "id")),
                        )
                    )
                seen.add(a.id)

    def cites(self, cites: Iterable[Any], path: Path_) -> None:
        for j, cite in enumerate(cites):
            self.unknown(cite.id, "authorities", (*path, j))

    def argument(self, i: int, arg: Any) -> None:
        base: Path_ = ("arguments", i)
        self.unknown(arg.element, "elements", (*base, "element"))
        self.cites(arg.authorities, (*base, "authorities"))
        for j, f in enumerate(arg.facts):
            self.unknown(f, "facts", (*base, "facts", j))
        for rel in ("attacks", "supports"):
            for j, target in enumerate(getattr(arg, rel)):
                if target == arg.id:
                    self.problems.append(
                        CaseFileSchemaError(
                            f"argument {arg.id!r} {rel} itself",
                            hint=f"remove {arg.id!r} from its own `{rel}` list",
                            **self._at((*base, rel, j)),
                        )
                    )
                else:
                    self.unknown(target, "arguments", (*base, rel, j))
        for q_id, answers in arg.requires.items():
            if q_id not in self.ids["questions"]:
                self.unknown(q_id, "questions", (*base, "requires", q_id))
                continue
            valid = [a.id for a in self.case.question(q_id).answers]
            for j, ans in enumerate(answers):
                self.unknown(
                    ans,
                    "questions",
                    (*base, "requires", q_id, j),
                    valid=valid,
                    what=f"answer to question {q_id!r}:",
                )

    def citations(self) -> None:
        """Warn about citations that do not parse or disagree with their fields (see cite.py)."""
        from .cite import check_citations

        for found in check_citations(self.case):
            self.warn(found.problem, found.where, found.hint)

    def soft(self) -> None:
        c = self.case
        for i, auth in enumerate(c.authorities):
            if auth.verification.status != "verified":
                self.warn(
                    f"authority {auth.id!r} is {auth.verification.status}",
                    ("authorities", i, "verification"),
                    "verify it against the primary text and record where, or keep it flagged",
                )
        for i, arg in enumerate(c.arguments):
            if not arg.authorities:
                self.warn(
                    f"argument {arg.id!r} cites no authority",
                    ("arguments", i),
                    "add the authority it rests on, if any",
                )
            if (
                arg.harm is not None
                and arg.element in self.ids["elements"]  # an unknown one is already a problem
                and c.element(arg.element).role != "irreparable-harm"
            ):
                self.warn(
                    f"argument {arg.id!r} has a harm type but is not on an "
                    "irreparable-harm element",
                    ("arguments", i, "harm"),
                )
        for i, el in enumerate(c.elements):
            sides: tuple[Side, ...] = ("movant", "opponent")
            for side in sides:
                if not c.arguments_for(el.id, side):
                    self.warn(
                        f"element {el.id!r} has no argument for the {side}",
                        ("elements", i),
                        "both sides of every element make a better exercise",
                    )


# --------------------------------------------------------------------------- public API


def _validate(
    path: Path, *, citations: bool = False
) -> tuple[Case | None, list[CaseFileError], list[Finding]]:
    try:
        data, located = read_case_data(path)
    except CaseFileError as exc:
        return None, [exc], []
    try:
        case = Case.model_validate(data)
    except pydantic.ValidationError as exc:
        errors = [_schema_problem(e, data, located, path) for e in exc.errors()]
        return None, _in_file_order(errors), []
    refs = _Refs(case, data, located)
    refs.run()
    if refs.problems:
        return None, _in_file_order(refs.problems), refs.warnings
    if citations:  # parsing citations costs eyecite's start-up; only `check` pays it
        refs.citations()
    return case, [], refs.warnings


def _in_file_order(errors: list[CaseFileError]) -> list[CaseFileError]:
    return sorted(errors, key=lambda e: (str(e.path or ""), e.line or 0))


def check_case(path: str | Path) -> CheckReport:
    """Check a case folder or file; report every problem instead of stopping at the first.

    Never raises for a bad case file: the problems are in the report.
    """
    case, problems, warnings = _validate(Path(path), citations=True)
    return CheckReport(Path(path), tuple(problems), tuple(warnings), case)


def load_case(path: str | Path) -> Case:
    """Load a case folder (or a single case file) into a :class:`Case`.

    Raises:
        CaseFileError: the first problem found (a :class:`CaseFileProblems` when
            there are several), with file, line, key and a hint.

    """
    case, problems, _ = _validate(Path(path))
    if problems:
        if len(problems) == 1:
            raise problems[0]
        raise CaseFileProblems(problems)
    assert case is not None
    return case
