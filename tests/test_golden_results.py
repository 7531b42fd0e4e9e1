"""Golden results: every shipped case weighs exactly as recorded, so no data edit flips it silently.

The test only compares; it never writes a golden file. When a change to a case file or
to the engine is meant to change a result, regenerate the files and review the diff
before committing it::

    .venv/bin/python tests/regenerate_goldens.py
    git diff tests/golden/weigh/
"""

from __future__ import annotations

import pytest
from regenerate_goldens import (
    COMMAND,
    WEIGH_FOLDERS,
    all_goldens,
    check_golden,
    explain_weighing,
    golden_files,
    weigh_golden,
)


def test_there_are_cases_to_check():
    """At least the flagship case is shipped, so the golden test is never empty."""
    assert WEIGH_FOLDERS


@pytest.mark.parametrize("folder", WEIGH_FOLDERS, ids=[p.name for p in WEIGH_FOLDERS])
def test_weighing_matches_the_golden_result(folder):
    """The case's default weighing equals its golden JSON file, byte for byte."""
    check_golden(weigh_golden(folder), explain_weighing)


def test_every_golden_file_belongs_to_a_golden_test():
    """No golden file is left behind that no test compares against (a renamed case or export)."""
    stale = sorted(golden_files() - {g.path for g in all_goldens()})
    assert not stale, f"stale golden files {stale}; remove them with `{COMMAND}`"
