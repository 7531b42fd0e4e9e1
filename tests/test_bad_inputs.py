"""Golden error messages: one tiny bad case file per kind of mistake, under ``tests/bad/``.

Each ``NAME.yaml`` (or folder ``NAME/``) has a ``NAME.expected`` next to it holding the exact
message ``load_case`` raises, with the file path written relative to ``tests/bad``. To accept
new messages after a deliberate change::

    WORKBOOK_REGENERATE=1 python -m pytest tests/test_bad_inputs.py

then review them with ``git diff tests/bad``.
"""

import os
from pathlib import Path

import pytest

from workbook import CaseFileError, load_case

BAD = Path(__file__).parent / "bad"
CASES = sorted(p for p in BAD.iterdir() if p.suffix == ".yaml" or p.is_dir())
REGENERATE = os.environ.get("WORKBOOK_REGENERATE") == "1"


def _message(case: Path) -> str:
    with pytest.raises(CaseFileError) as info:
        load_case(case)
    exc = info.value
    text = f"{type(exc).__name__}\n{exc}\n"
    return text.replace(str(BAD) + os.sep, "")


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_bad_file_gives_its_golden_message(case: Path) -> None:
    """Each kind of bad input fails with our own error, naming file, line, key and fix."""
    message = _message(case)
    expected = case.with_suffix(".expected") if case.is_file() else BAD / f"{case.name}.expected"
    if REGENERATE:
        expected.write_text(message, encoding="utf-8")
    assert expected.exists(), f"no golden message; run with WORKBOOK_REGENERATE=1 ({expected})"
    assert message == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_bad_file_message_says_how_to_fix(case: Path) -> None:
    """Every message names the file and says how to fix the problem."""
    message = _message(case)
    assert "how to fix:" in message
    assert case.name in message or "<case>" in message
