"""Golden error messages: one tiny bad case file per kind of mistake, under ``tests/bad/``.

Each ``NAME.yaml`` (or folder ``NAME/``) has a ``NAME.expected`` next to it holding the exact
message ``load_case`` raises, with the file path written relative to ``tests/bad``. The test
only compares; a missing ``.expected`` fails. To write it, or accept new messages after a
deliberate change::

    .venv/bin/python tests/regenerate_goldens.py

then review them with ``git diff tests/bad``.
"""

from pathlib import Path

import pytest
from regenerate_goldens import BAD_CASES, bad_input_golden, bad_input_message, check_golden


def test_there_are_bad_files_to_check() -> None:
    """The golden messages are never an empty suite."""
    assert BAD_CASES


@pytest.mark.parametrize("case", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_bad_file_gives_its_golden_message(case: Path) -> None:
    """Each kind of bad input fails with our own error, naming file, line, key and fix."""
    check_golden(bad_input_golden(case))


@pytest.mark.parametrize("case", BAD_CASES, ids=[p.stem for p in BAD_CASES])
def test_bad_file_message_says_how_to_fix(case: Path) -> None:
    """Every message names the file and says how to fix the problem."""
    message = bad_input_message(case)
    assert "how to fix:" in message
    assert case.name in message
