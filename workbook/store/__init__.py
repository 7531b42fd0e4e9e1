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

The package is in three parts: what a workspace holds (:mod:`~workbook.store.workspace`),
saving (:mod:`~workbook.store.save`) and loading (:mod:`~workbook.store.load`).

Loading reads JSON and nothing else (nothing in a file is ever executed) and
refuses, with a :class:`~workbook.errors.WorkspaceError` naming the file, the
line and the key, anything that is truncated, corrupt, foreign or written by a
newer workbook; it never changes a file.

>>> ws = Workspace(case="c", scenario=Scenario(case="c"), exercises={"ex-1": "standing"})
>>> Workspace.model_validate_json(ws.to_json()) == ws
True
"""

from __future__ import annotations

from workbook.scenario import Scenario  # noqa: F401  (the doctest above uses it)
from workbook.store.load import load_scenario, load_workspace, parse_workspace
from workbook.store.save import atomic_write, confined_path, save_scenario, save_workspace
from workbook.store.workspace import (
    WORKSPACE_FORMAT,
    WORKSPACE_VERSION,
    ExerciseMark,
    Workspace,
)

__all__ = [
    "WORKSPACE_FORMAT",
    "WORKSPACE_VERSION",
    "ExerciseMark",
    "Workspace",
    "atomic_write",
    "confined_path",
    "load_scenario",
    "load_workspace",
    "parse_workspace",
    "save_scenario",
    "save_workspace",
]


def __dir__() -> list[str]:
    return list(__all__)
