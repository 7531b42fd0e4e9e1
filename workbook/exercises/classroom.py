"""A class's saved work read back: a folder of work products as tables a teacher can chart.

:func:`read_class` reads every work product (``.html``, as the exercises and the
brief builder write them) and workspace file (``.json``) in a folder, keeps
those for the case, weighs each student's scenario, and returns a
:class:`ClassWork` whose tables the charts in :mod:`workbook.charts.classroom`
draw: :meth:`ClassWork.answers` (one row per student and exercise),
:meth:`ClassWork.outcomes` (one row per student) and :meth:`ClassWork.dropped`
(one row per argument some student dropped). A file that cannot be read is
listed in :attr:`ClassWork.problems`, with why, and never stops the rest.

:func:`example_class` makes a small class's work for any case (three students,
answers and scenarios chosen from the case's own exercises), so a teacher's
notebook has something to show before real work comes in;
:func:`workbook.export.write_example_class` writes it as work products.

>>> from workbook import load_case
>>> case = load_case(CASES / "tiktok-v-trump")
>>> work = [w.author for w in example_class(case)]
>>> work
['Student A', 'Student B', 'Student C']
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbook.engine.result import Result
from workbook.engine.weighing import weigh
from workbook.errors import WorkbookError
from workbook.exercises.generate import exercises_for
from workbook.exercises.model import Exercise
from workbook.models import Case
from workbook.scenario import Scenario
from workbook.store import ExerciseMark, Workspace, load_workspace, parse_workspace

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "HOW",
    "ClassWork",
    "StudentWork",
    "example_class",
    "read_class",
    "read_work_product",
]

HOW: tuple[str, ...] = ("right on the first try", "right on the second try", "not right")
"""How an exercise went, in the order the charts stack them."""

# The work product page ends with the workspace as escaped JSON in the last <pre>.
_EMBEDDED = re.compile(r"<h2>Workspace file</h2>.*?<pre>(.*?)</pre>", re.DOTALL)


def read_work_product(path: str | Path) -> Workspace:
    """The workspace inside a work product page (``.html``) or a workspace file (``.json``).

    Raises:
        WorkspaceError: the file is unreadable, not a work product, or holds a damaged
            workspace; the message names the file.

    """
    path = Path(path)
    if path.suffix.lower() != ".html":
        return load_workspace(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    found = _EMBEDDED.search(text)
    return parse_workspace(html.unescape(found.group(1)) if found else "", path)


@dataclass(frozen=True)
class StudentWork:
    """One student's work: the file it came from, the workspace, and its weighed outcome."""

    file: str
    workspace: Workspace
    result: Result

    @property
    def student(self) -> str:
        """The name the student gave, else the file's name."""
        return self.workspace.author or Path(self.file).stem

    def __repr__(self) -> str:
        return f"StudentWork({self.student!r}, {self.result.outcome})"


def _how(mark: ExerciseMark) -> str:
    if not mark.correct:
        return HOW[2]
    return HOW[0] if mark.tries == 1 else HOW[1]


@dataclass(frozen=True)
class ClassWork:
    """A class's work on one case, with what could not be read."""

    case: Case
    students: tuple[StudentWork, ...]
    problems: tuple[tuple[str, str], ...] = ()
    """(file name, why it was left out), for files that could not be read or are for
    another case."""

    def __repr__(self) -> str:
        return f"ClassWork({self.case.case.id!r}, {len(self.students)} students)"

    def answers(self) -> pd.DataFrame:
        """One row per student and exercise answered, in exercise order then by student."""
        import pandas as pd  # here, not at import: the command line never needs it

        made = exercises_for(self.case)
        order = {x.id: n for n, x in enumerate(made, start=1)}
        titles = {x.id: x.title for x in made}
        names = {e.id: e.name for e in self.case.elements}
        rows = [
            {
                "student": s.student,
                "number": order.get(ex_id, len(order) + 1),
                "exercise": ex_id,
                "prompt": m.prompt or ex_id,
                "title": titles.get(ex_id) or m.prompt or ex_id,
                "element": names.get(m.element, m.element),
                "answer": m.label or m.answer,
                "correct": m.correct,
                "tries": m.tries,
                "how": _how(m),
            }
            for s in self.students
            for ex_id, m in s.workspace.marks.items()
        ]
        columns = [
            "student",
            "number",
            "exercise",
            "prompt",
            "title",
            "element",
            "answer",
            "correct",
            "tries",
            "how",
        ]
        table = pd.DataFrame(rows, columns=columns)
        return table.sort_values(["number", "student"], ignore_index=True)

    def outcomes(self) -> pd.DataFrame:
        """One row per student: the outcome of their scenario, what decides it, and the score."""
        import pandas as pd  # here, not at import: the command line never needs it

        names = {e.id: e.name for e in self.case.elements}
        rows = [
            {
                "student": s.student,
                "outcome": s.result.outcome,
                "deciding": names.get(s.result.deciding or "", "no single element"),
                "standard": s.result.standard_title,
                "dropped": len(s.workspace.scenario.dropped),
                "answered": len(s.workspace.marks),
                "right": sum(m.correct for m in s.workspace.marks.values()),
            }
            for s in self.students
        ]
        columns = ["student", "outcome", "deciding", "standard", "dropped", "answered", "right"]
        return pd.DataFrame(rows, columns=columns).sort_values("student", ignore_index=True)

    def dropped(self) -> pd.DataFrame:
        """One row per case argument some student dropped: how many did, most dropped first."""
        import pandas as pd  # here, not at import: the command line never needs it

        counts = Counter(a for s in self.students for a in set(s.workspace.scenario.dropped))
        names = {e.id: e.name for e in self.case.elements}
        args = {a.id: a for a in self.case.arguments}
        rows = [
            {
                "argument": args[a].heading,
                "side": args[a].side,
                "element": names.get(args[a].element, args[a].element),
                "students": n,
            }
            for a, n in counts.items()
            if a in args
        ]
        table = pd.DataFrame(rows, columns=["argument", "side", "element", "students"])
        return table.sort_values(
            ["students", "argument"], ascending=[False, True], ignore_index=True
        )


def read_class(folder: str | Path, case: Case) -> ClassWork:
    """Every work product and workspace file in ``folder`` for ``case``, read and weighed.

    Files are read in name order; a file for another case, or one that cannot be read
    or weighed, goes into :attr:`ClassWork.problems` with the reason.
    """
    students: list[StudentWork] = []
    problems: list[tuple[str, str]] = []
    files = sorted(
        p for p in Path(folder).iterdir() if p.suffix.lower() in (".html", ".json") and p.is_file()
    )
    for path in files:
        try:
            ws = read_work_product(path)
            if ws.case != case.case.id:
                problems.append((path.name, f"for another case ({ws.case})"))
                continue
            students.append(StudentWork(path.name, ws, weigh(case, ws.scenario)))
        except (WorkbookError, OSError) as exc:
            problems.append((path.name, str(exc)))
    return ClassWork(case, tuple(students), tuple(problems))


# --------------------------------------------------------------------------- an example class


def _mark(x: Exercise, value: str, tries: int) -> ExerciseMark:
    return ExerciseMark(
        answer=value,
        correct=value in x.answers,
        tries=tries,
        prompt=x.prompt,
        element=x.element,
        label=x.label(value),
    )


def _answers(exercises: tuple[Exercise, ...], skill: int) -> dict[str, ExerciseMark]:
    """A student who gets every ``skill``-th exercise wrong twice and the one after on try 2."""
    marks = {}
    for n, x in enumerate(exercises):
        wrong = next((c.value for c in x.choices if c.value not in x.answers), None)
        right = sorted(x.answers)[0]
        if wrong is not None and n % skill == 0:
            marks[x.id] = _mark(x, wrong, 2)
        elif wrong is not None and n % skill == 1:
            marks[x.id] = _mark(x, right, 2)
        else:
            marks[x.id] = _mark(x, right, 1)
    return marks


def example_class(case: Case) -> tuple[Workspace, ...]:
    """Three students' work on a case, made from its exercises (for trying the teacher's view).

    Each student answers every exercise, some right first time, some on a second try,
    some not at all; their scenarios drop the arguments the drop exercises name (the
    first student one, the second both) and the third switches to a sliding scale.
    """
    exercises = exercises_for(case)
    base = Scenario(case=case.case.id)
    drops = [x.id.split(":", 1)[1] for x in exercises if x.id.startswith("drop:")]
    scenarios = [
        base.with_dropped(case, drops[0]) if drops else base,
        base.model_copy(update={"dropped": tuple(drops)}),
        base.with_standard(case, "sliding-scale"),
    ]
    out = []
    for n, (scenario, skill) in enumerate(zip(scenarios, (5, 3, 2), strict=True)):
        marks = _answers(exercises, skill)
        out.append(
            Workspace(
                case=case.case.id,
                author=f"Student {'ABC'[n]}",
                scenario=scenario,
                exercises={k: m.answer for k, m in marks.items()},
                marks=marks,
                notes="An example student's work, made by the workbook for trying the "
                "teacher's notebook.",
            )
        )
    return tuple(out)
