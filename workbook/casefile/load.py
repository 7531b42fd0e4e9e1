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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pydantic

from workbook.casefile.effects import check_effects
from workbook.casefile.lint import bare_thresholds, loose_ends, wrong_way_links
from workbook.casefile.read import (
    SECTIONS,
    Located,
    Path_,
    key_path,
    kind_of,
    read_case_data,
)
from workbook.casefile.readings import check_readings, load_readings
from workbook.errors import (
    CaseFileError,
    CaseFileProblems,
    CaseFileSchemaError,
    ContradictionError,
    DuplicateIdError,
    UnknownReferenceError,
    located_text,
)
from workbook.models import Case, Side
from workbook.vocabulary import did_you_mean

__all__ = ["CheckReport", "Finding", "check_case", "load_case", "read_case_data"]


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
        return located_text(where, self.problem, self.key, self.hint)


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


# --------------------------------------------------------------------------- validating


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
    err: Mapping[str, Any], data: Mapping[str, Any], located: Located, case_path: Path
) -> CaseFileError:
    loc: Path_ = tuple(p for p in err["loc"] if isinstance(p, (str, int)))
    kind = err["type"]
    if kind == "extra_forbidden":
        record = _model_at(loc[:-1])
        valid = sorted(record.model_fields) if record else []
        problem = f"unknown key {loc[-1]!r}"
        hint = did_you_mean(str(loc[-1]), valid) + (
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
        problem, path=file or case_path, line=line, key=key_path(loc, data), hint=hint
    )


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, (dict, list)) else f"a {kind_of(value)}"
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
    if kind == "requires_no_answer":
        return "list the answers under which the argument is in play, or drop the question"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "write a mapping of keys to values"
    return "see the case-file schema (python -m workbook schema) for what this key holds"


# --------------------------------------------------------------------------- cross-references


class _Refs:
    """Collects cross-reference problems and warnings for a validated case."""

    def __init__(self, case: Case, data: Mapping[str, Any], located: Located) -> None:
        self.case = case
        self.data = data
        self.located = located
        self.problems: list[CaseFileError] = []
        self.warnings: list[Finding] = []
        self.unknowns = 0
        self.ids = {
            s: {r.id for r in getattr(case, s)} for s in SECTIONS if s not in ("case", "ruling")
        }

    def _at(self, path: Path_) -> dict[str, Any]:
        file, line = self.located.find(path)
        return {"path": file, "line": line, "key": key_path(path, self.data)}

    def unknown(
        self,
        ref: str,
        section: str,
        path: Path_,
        *,
        valid: Iterable[str] | None = None,
        what: str = "",
    ) -> None:
        known = self.ids[section] if valid is None else valid
        if ref in (known if isinstance(known, (set, frozenset)) else set(known)):
            return
        options = sorted(known)
        what = what or (section.rstrip("s") if section != "authorities" else "authority") + " id"
        # a fuzzy match costs a pass over every id: only for the first few unknown references
        self.unknowns += 1
        close = did_you_mean(ref, options).rstrip() if self.unknowns <= _SUGGEST else ""
        if valid is not None:
            hint = f"use one of: {', '.join(options[:40])}" + (" ..." if len(options) > 40 else "")
        elif close:
            hint = close
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
            if fact.alleged_by is not None:
                self.unknown(fact.alleged_by, "parties", ("facts", i, "alleged_by"))
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
        check_effects(c, self.unknown, self.contradiction)
        for problem, path, hint in bare_thresholds(c):
            self.problems.append(CaseFileSchemaError(problem, hint=hint, **self._at(path)))
        for problem, path, hint in (*wrong_way_links(c), *loose_ends(c)):
            self.warn(problem, path, hint)
        self.soft()

    def contradiction(self, problem: str, path: Path_, hint: str) -> None:
        self.problems.append(ContradictionError(problem, hint=hint, **self._at(path)))

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
        from workbook.cite import check_citations

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

    Never raises for a bad case file: the problems are in the report. The case's
    readings (``readings/*.md``) are checked too: a citation to an authority the case
    lacks, or at a page its record does not give, is a problem.
    """
    case, problems, warnings = _validate(Path(path), citations=True)
    if case is not None:
        for problem, file, line in check_readings(case, load_readings(path)):
            problems.append(CaseFileError(problem, path=file, line=line, hint=_READING_HINT))
    return CheckReport(Path(path), tuple(problems), tuple(warnings), case)


_SUGGEST = 20
"""Unknown references that get a "did you mean" (each costs a fuzzy pass over every id)."""

_READING_HINT = (
    "cite only the case's authorities, at pages their verification records give (___ for none)"
)


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
