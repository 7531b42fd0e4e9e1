"""The JSON Schema of a case file, generated from the model.

Editors that speak the YAML language server validate a case file as it is
typed when the file starts with::

    # yaml-language-server: $schema=<path to>/workbook/casefile/case-file.schema.json

The shipped file is regenerated with
``python -m workbook schema -o workbook/casefile/case-file.schema.json``;
a test fails when it is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from workbook.models import Case

__all__ = ["SCHEMA_PATH", "case_file_schema"]

SCHEMA_PATH = Path(__file__).with_name("case-file.schema.json")


def case_file_schema() -> dict[str, Any]:
    """The JSON Schema for one YAML file of a case folder.

    A folder splits the sections across files, so no section is required in a
    single file; the loader checks that the merged case has them all.
    """
    schema = Case.model_json_schema(mode="validation")
    schema.pop("required", None)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Workbook case file"
    schema["description"] = (
        "One file of a case folder: any of the sections case, parties, claims, elements, "
        "questions, sources, facts, authorities, arguments."
    )
    return schema


def schema_text() -> str:
    """The schema as the text of the shipped file."""
    return json.dumps(case_file_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
