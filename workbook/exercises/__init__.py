"""Exercises a student answers and a teacher reads: made from any case file, marked by the engine.

:func:`exercises_for` makes them (plain data, no widgets); :class:`Exercise.check`
marks an answer; :mod:`workbook.exercises.classroom` reads a class's saved work.
The widget is :func:`workbook.ui.build_exercises`.
"""

from __future__ import annotations

from workbook.exercises.classroom import ClassWork, StudentWork, example_class, read_class
from workbook.exercises.generate import HARM_TYPES, NO_ELEMENT, NO_FLIP, exercises_for
from workbook.exercises.model import Choice, Exercise, Feedback, Setting

__all__ = [
    "HARM_TYPES",
    "NO_ELEMENT",
    "NO_FLIP",
    "Choice",
    "ClassWork",
    "Exercise",
    "Feedback",
    "Setting",
    "StudentWork",
    "example_class",
    "exercises_for",
    "read_class",
]


def __dir__() -> list[str]:
    return list(__all__)
