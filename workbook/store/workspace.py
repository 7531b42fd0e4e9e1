"""What a workspace file holds: the scenario, the exercise answers and marks, the notes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Literal

from pydantic import Field, model_validator

from workbook.models import Record
from workbook.scenario import Scenario

__all__ = ["WORKSPACE_FORMAT", "WORKSPACE_VERSION", "ExerciseMark", "Workspace"]

#: Bumped when the JSON shape changes; newer files are refused, not guessed at.
#: 2 added ``marks`` (how each exercise went); a version 1 file loads without them.
WORKSPACE_VERSION = 2
#: The ``format`` tag that tells a workspace from any other JSON file.
WORKSPACE_FORMAT = "workbook-workspace"


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
