"""Run the notebooks and keep only the outputs nbval compares.

    python notebooks/store_outputs.py                 # every notebook here
    python notebooks/store_outputs.py 06_workbench.ipynb

Every cell runs; then every output is cleared except those of cells tagged
``nbval-check-output`` (plain text: outcomes, strengths, counts), which
``bash run.sh test`` compares on each run. Widget state, chart JavaScript and
execution timestamps are never stored. Run this after changing a case file
or a notebook, and review the diff of the compared outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

CHECK = "nbval-check-output"
HERE = Path(__file__).resolve().parent


def store(path: Path) -> None:
    """Execute one notebook in place, keeping only the compared outputs."""
    import nbformat
    from nbclient import NotebookClient

    book = nbformat.read(path, as_version=4)
    NotebookClient(book, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    count = 0
    for cell in book.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type != "code":
            continue
        if CHECK in cell.metadata.get("tags", []):
            count += 1
            cell.execution_count = count
            cell.outputs = [o for o in cell.outputs if o.get("output_type") == "stream"]
        else:
            cell.execution_count = None
            cell.outputs = []
    book.metadata.pop("widgets", None)
    nbformat.write(book, path)


def main(argv: list[str]) -> int:
    """Store the outputs of the named notebooks (default: all in this folder)."""
    paths = [HERE / name for name in argv] or sorted(HERE.glob("*.ipynb"))
    for path in paths:
        print(f"running {path.name}", flush=True)
        store(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
