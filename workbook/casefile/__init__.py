"""Case files: safe YAML in, frozen models out, with located errors and a JSON Schema."""

from workbook.casefile.load import CheckReport, Finding, check_case, load_case
from workbook.casefile.schema import SCHEMA_PATH, case_file_schema

__all__ = ["SCHEMA_PATH", "CheckReport", "Finding", "case_file_schema", "check_case", "load_case"]
