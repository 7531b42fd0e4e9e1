"""Where the shipped case files are.

The case files live in the repository's ``data/cases`` folder, beside the
package; set ``WORKBOOK_CASES`` to point the workbook at another folder.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["CASES", "DEFAULT_CASE"]

CASES: Path = Path(
    os.environ.get("WORKBOOK_CASES") or Path(__file__).resolve().parent.parent / "data" / "cases"
)
"""The folder holding one sub-folder per case."""

DEFAULT_CASE: Path = CASES / "legion-v-lutnick"
"""The flagship case, opened when no other is named."""
