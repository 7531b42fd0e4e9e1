"""Golden results: every shipped case weighs exactly as recorded, so no data edit flips it silently.

When a change to a case file or to the engine is meant to change a result,
regenerate the files and review the diff before committing it::

    WORKBOOK_REGENERATE=1 .venv/bin/python -m pytest tests/test_golden_results.py
    git diff tests/golden/weigh/
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from workbook import CASES, load_case
from workbook.engine.weighing import weigh

GOLDEN = Path(__file__).parent / "golden" / "weigh"
REGENERATE = os.environ.get("WORKBOOK_REGENERATE") == "1"
HOW = ("if the change is intended, regenerate with `WORKBOOK_REGENERATE=1 .venv/bin/python -m "
       "pytest tests/test_golden_results.py` and review `git diff tests/golden/weigh/`")

FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir() and (p / "case.yaml").exists())


def test_there_are_cases_to_check():
    """At least the flagship case is shipped, so the golden test is never empty."""
    assert FOLDERS


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name for p in FOLDERS])
def test_weighing_matches_the_golden_result(folder):
    """The case's default weighing equals its golden JSON file, key for key."""
    case = load_case(folder)
    got = weigh(case).to_data()
    path = GOLDEN / f"{case.case.id}.json"
    text = json.dumps(got, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"no golden result for {case.case.id!r} at {path}; {HOW}")
    want = json.loads(path.read_text(encoding="utf-8"))
    if got != want:
        changed = [k for k in want.keys() | got.keys() if want.get(k) != got.get(k)]
        pytest.fail(
            f"the weighing of {case.case.id!r} changed (outcome {want.get('outcome')!r} -> "
            f"{got.get('outcome')!r}; keys that differ: {', '.join(sorted(changed))}); {HOW}"
        )
