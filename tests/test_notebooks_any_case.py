"""Every notebook runs on every shipped case, and tells that case's story, not another's.

Each notebook is run with its one ``CASE_PATH`` line pointed at a case folder; it must
finish without an error, and nothing it shows may name a party of another case that the
case's own files never mention (the readings belong to the case).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from workbook import CASES, load_case

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
BOOKS = sorted(p.name for p in NOTEBOOKS.glob("0*.ipynb"))
NAMES = sorted(p.name for p in CASES.iterdir() if p.is_dir())
LINE = "CASE_PATH = workbook.DEFAULT_CASE"


def _files_text(name: str) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (CASES / name).rglob("*.*"))


def _foreign_words(name: str) -> set[str]:
    """Names from other cases' parties that this case's files never use."""
    own = _files_text(name)
    words: set[str] = set()
    for other in NAMES:
        if other == name:
            continue
        for party in load_case(CASES / other).parties:
            words |= {w for w in re.findall(r"[A-Z][A-Za-z]{3,}", party.name) if w not in own}
    return words


def _shown(book: nbformat.NotebookNode) -> str:
    parts = []
    for cell in book.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                parts.append("ERROR " + out.get("ename", "") + ": " + out.get("evalue", ""))
            parts.append(str(out.get("text", "")))
            for kind in ("text/plain", "text/markdown", "text/html"):
                parts.append(str(out.get("data", {}).get(kind, "")))
    return "\n".join(parts)


@pytest.mark.parametrize("book", BOOKS)
@pytest.mark.parametrize("name", NAMES)
def test_the_notebook_runs_on_the_case_and_tells_its_story(name, book, tmp_path):
    path = NOTEBOOKS / book
    nb = nbformat.read(path, as_version=4)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert any(LINE in s for s in sources), f"{book} has no `{LINE}` line"
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = cell.source.replace(LINE, f"CASE_PATH = workbook.CASES / {name!r}")
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    shown = _shown(nb) + "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "ERROR " not in shown
    foreign = sorted(w for w in _foreign_words(name) if re.search(rf"\b{w}\b", shown))
    assert not foreign, f"{book} on {name} names {foreign}: {json.dumps(shown[:200])}"
