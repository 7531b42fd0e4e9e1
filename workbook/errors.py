"""Exceptions raised by the workbook.

Every problem with a file a person wrote carries where it is (``path``,
``line``, ``key``) and how to fix it (``hint``), so a message can be acted on
without opening the code::

    WorkbookError
    └── CaseFileError (also ValueError)      a case file is malformed
        ├── CaseFileSyntaxError              not YAML, or YAML we refuse (aliases, tags)
        ├── CaseFileSchemaError              wrong type, missing or unknown key
        ├── DuplicateIdError                 two records share an id
        ├── UnknownReferenceError (KeyError) an id that names nothing
        └── CaseFileProblems                 several of the above at once
    └── ScenarioError (also ValueError)      a scenario does not fit its case
        └── UnknownNameError (also KeyError) a name passed to the API names nothing
    └── ExportError (also ValueError)        an export cannot be made as asked
    └── DocumentError (also ValueError)      a brief or opinion to scan cannot be read
    └── WorkspaceError (also ValueError)     a saved scenario or workspace file cannot be read
        └── UnsafePathError                  a typed file name leads outside the workbook's folder

Catch ``WorkbookError`` for anything of ours, or ``ValueError`` / ``KeyError``
as for any Python library.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path

__all__ = [
    "CaseFileError",
    "CaseFileProblems",
    "CaseFileSchemaError",
    "CaseFileSyntaxError",
    "ContradictionError",
    "DocumentError",
    "DuplicateIdError",
    "ExportError",
    "ScenarioError",
    "UnknownNameError",
    "UnknownReferenceError",
    "UnsafePathError",
    "WorkbookError",
    "WorkspaceError",
    "located_text",
    "nearest",
]


def located_text(where: str, problem: str, key: str | None, hint: str) -> str:
    """``where: problem (key: ...)`` and a "how to fix" line: one form for every finding."""
    text = f"{where}: {problem}"
    if key:
        text += f" (key: {key})"
    if hint:
        text += f"\n  how to fix: {hint}"
    return text


class WorkbookError(Exception):
    """Base class of every error the workbook raises on purpose."""


class _LocatedError(WorkbookError):
    """An error in a file the user wrote, located by file, line and key.

    Attributes:
        path: the file, or ``None`` when the problem is not in one file.
        line: 1-based line number, or ``None`` when it is not known.
        key: the dotted key path inside the file, e.g. ``arguments[id=irr-1].strength``.
        problem: what is wrong, in one sentence.
        hint: how to fix it, in one sentence (may be empty).

    """

    #: Shown in place of the file name when the problem is not in one file.
    _nowhere = "<file>"

    def __init__(
        self,
        problem: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        key: str | None = None,
        hint: str = "",
    ) -> None:
        self.problem = problem
        self.path = Path(path) if path is not None else None
        self.line = line
        self.key = key
        self.hint = hint
        super().__init__(self._message())

    @property
    def where(self) -> str:
        """``file:line`` (or as much of it as is known)."""
        if self.path is None:
            return self._nowhere
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def _message(self) -> str:
        return located_text(self.where, self.problem, self.key, self.hint)

    def __str__(self) -> str:
        # KeyError would otherwise print the message with quotes around it.
        return self._message()

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.problem, self.path, self.line, self.key, self.hint))


def _rebuild(
    cls: type[_LocatedError],
    problem: str,
    path: Path | None,
    line: int | None,
    key: str | None,
    hint: str,
) -> _LocatedError:
    return cls(problem, path=path, line=line, key=key, hint=hint)


class CaseFileError(_LocatedError, ValueError):
    """A case file is malformed (see :class:`_LocatedError` for the attributes)."""

    _nowhere = "<case>"


class CaseFileSyntaxError(CaseFileError):
    """The file is not YAML, or uses YAML features case files do not allow."""


class CaseFileSchemaError(CaseFileError):
    """A value has the wrong type, or a key is missing or unknown."""


class DuplicateIdError(CaseFileError):
    """Two records of the same kind share an id."""


class UnknownReferenceError(CaseFileError, KeyError):
    """A record refers to an id that is not defined."""


class ContradictionError(CaseFileError):
    """Two declared effects cannot both hold (e.g. two answers settle an element both ways)."""


class ScenarioError(WorkbookError, ValueError):
    """A scenario names an argument, question, answer, standard or semantics the case lacks."""


class UnknownNameError(ScenarioError, KeyError):
    """A name passed to the API (an element, argument, question, standard...) names nothing.

    The message names the bad value and the valid ones.
    """

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""  # not KeyError's quoted repr


class ExportError(WorkbookError, ValueError):
    """An export cannot be made as asked (unknown format, nothing to export)."""


class DocumentError(WorkbookError, ValueError):
    """A document given to ``cite-scan`` cannot be read (missing, a folder, PDF, too big)."""


class WorkspaceError(_LocatedError, ValueError):
    """A saved scenario or workspace file is corrupt, foreign, too new, or cannot be written.

    It carries the same ``path``, ``line``, ``key``, ``problem`` and ``hint`` as a case-file error.
    """

    _nowhere = "<workspace>"


class UnsafePathError(WorkspaceError):
    """A file name typed into a widget leads outside the workbook's folder, and is refused.

    ``path`` is the name as typed (never what it resolves to), so the message
    says nothing about files outside the folder.
    """


class CaseFileProblems(CaseFileError):
    """Several problems at once; ``problems`` lists them, first one first."""

    def __init__(self, problems: Sequence[CaseFileError]) -> None:
        if not problems:
            raise ValueError("CaseFileProblems needs at least one problem")
        self.problems = tuple(problems)
        first = self.problems[0]
        more = len(self.problems) - 1
        problem = first.problem
        if more:
            problem += f" (and {more} more problem{'s' if more > 1 else ''}; "
            problem += "run `python -m workbook check` to list them all)"
        super().__init__(problem, path=first.path, line=first.line, key=first.key, hint=first.hint)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


def nearest(word: str, options: Iterable[str], *, n: int = 3) -> list[str]:
    """The options closest to ``word``, best first (for "did you mean").

    >>> nearest("winters", ["winter", "nken", "sherley"])
    ['winter']
    """
    opts = sorted(set(options))
    close = difflib.get_close_matches(word, opts, n=n, cutoff=0.5)
    return close
