"""Rewrite the golden files the tests compare against, and print a unified diff of each change.

The test run never writes a golden file: a missing or different one fails and names this
script. After a deliberate change to a case file, the engine, an export or an error
message, run from the repository root::

    .venv/bin/python tests/regenerate_goldens.py          # rewrite the goldens, print the diff
    .venv/bin/python tests/regenerate_goldens.py --check  # print the diff only; exit 1 if any
    git status -- tests/golden tests/bad && git diff -- tests/golden tests/bad

and review the diff before committing it. Each golden is defined here once, and its test
compares against exactly what this script writes:

- ``tests/golden/weigh/CASE.json``: the default weighing of each shipped case
  (``tests/test_golden_results.py``);
- ``tests/golden/export/*``: the mini case's exports and work product (``tests/test_export.py``);
- ``tests/bad/NAME.expected``: the error each bad case file gives (``tests/test_bad_inputs.py``).

A file in those places that no golden produces is stale: ``--check`` reports it and a rewrite
deletes it.
"""

from __future__ import annotations

import argparse
import difflib
import functools
import io
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx

from workbook import CASES, CaseFileError, load_case
from workbook.engine import weigh
from workbook.export import export_outline, render_work_product
from workbook.export.wordfields import field_codes
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.store import ExerciseMark, Workspace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
COMMAND = ".venv/bin/python tests/regenerate_goldens.py"

WEIGH = HERE / "golden" / "weigh"
EXPORT = HERE / "golden" / "export"
BAD = HERE / "bad"
MINI = HERE / "cases" / "mini"


@dataclass(frozen=True)
class Golden:
    """One golden file: where it lives and the text the code gives now."""

    path: Path
    text: str

    @property
    def shown(self) -> str:
        """The path from the repository root, as git and error messages show it."""
        return self.path.relative_to(ROOT).as_posix()

    def stored(self) -> str | None:
        """The golden file's text, byte for byte (no newline translation); None if missing."""
        if not self.path.exists():
            return None
        return self.path.read_bytes().decode("utf-8")

    def diff(self) -> str:
        """A unified diff from the stored golden to the text now; empty when they are equal."""
        old = self.stored()
        if old == self.text:
            return ""
        before = "/dev/null" if old is None else f"a/{self.shown}"
        return unified_diff(old or "", self.text, before, f"b/{self.shown}")

    def write(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(self.text.encode("utf-8"))


def unified_diff(old: str, new: str, before: str, after: str) -> str:
    """``git diff``-style text, marking a last line without a newline as git does."""
    lines = difflib.unified_diff(
        old.splitlines(keepends=True), new.splitlines(keepends=True), before, after
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )


def check_golden(golden: Golden, explain: Callable[[str, str], str] | None = None) -> None:
    """Fail the calling test unless the golden file exists and equals ``golden.text`` exactly.

    ``explain(stored, now)`` may add a one-line summary of a difference to the message.
    """
    import pytest

    old = golden.stored()
    if old is None:
        pytest.fail(
            f"no golden file {golden.shown}; create it by running `{COMMAND}` from the "
            f"repository root, then review it and `git add {golden.shown}`",
            pytrace=False,
        )
    if old != golden.text:
        summary = f" ({explain(old, golden.text)})" if explain is not None else ""
        pytest.fail(
            f"{golden.shown} differs from what the code gives now{summary}:\n{golden.diff()}\n"
            f"If the change is intended, run `{COMMAND}` from the repository root and review "
            f"`git diff -- {golden.shown}` before committing it.",
            pytrace=False,
        )


# --------------------------------------------------------------------------- weighing


WEIGH_FOLDERS = sorted(p for p in CASES.iterdir() if p.is_dir() and (p / "case.yaml").exists())


def weigh_golden(folder: Path) -> Golden:
    """The default weighing of a shipped case, as JSON, in ``golden/weigh/CASE-ID.json``."""
    case = load_case(folder)
    data = weigh(case).to_data()
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    return Golden(WEIGH / f"{case.case.id}.json", text)


def explain_weighing(stored: str, now: str) -> str:
    """Which outcome and keys changed between two golden weighings."""
    try:
        want, got = json.loads(stored), json.loads(now)
    except json.JSONDecodeError:
        return "the stored golden is not valid JSON"
    if want == got:
        return "same data, different layout"
    changed = sorted(k for k in want.keys() | got.keys() if want.get(k) != got.get(k))
    return (
        f"outcome {want.get('outcome')!r} -> {got.get('outcome')!r}; "
        f"keys that differ: {', '.join(changed)}"
    )


# --------------------------------------------------------------------------- bad inputs


BAD_CASES = sorted(p for p in BAD.iterdir() if p.suffix == ".yaml" or p.is_dir())


def bad_input_message(case: Path) -> str:
    """The error ``load_case`` gives for a bad case file, with paths relative to ``tests/bad``.

    Raises:
        AssertionError: the file loaded; a bad input must be refused.

    """
    try:
        load_case(case)
    except CaseFileError as exc:
        text = f"{type(exc).__name__}\n{exc}\n"
        return text.replace(str(BAD) + os.sep, "")
    raise AssertionError(f"{case} loaded without an error; every file in tests/bad must fail")


def bad_input_golden(case: Path) -> Golden:
    """``NAME.expected`` beside ``NAME.yaml`` (or the folder ``NAME/``): the exact message."""
    expected = case.with_suffix(".expected") if case.is_file() else BAD / f"{case.name}.expected"
    return Golden(expected, bad_input_message(case))


# --------------------------------------------------------------------------- exports

USER_ARG = Argument(
    id="user-harm",
    side="movant",
    element="harm",
    heading="The cut-off ends Acme's only export line",
    body="Acme sells nothing else abroad, so a licence delay ends the line of business.",
    authorities=({"id": "chaplaincy", "pin": "298"},),  # type: ignore[arg-type]
    strength=0.55,
    strength_reason="My estimate.",
    attacks=("o-harm",),
)
#: The student scenario every scenario export of the mini case is made with.
SCENARIO = Scenario(case="mini", dropped=("m-ultra-vires",), added=(USER_ARG,))

#: Golden file name -> (scenario, side, format) of the mini case's export.
EXPORTS: dict[str, tuple[Scenario | None, str, str]] = {
    "mini-movant.md": (None, "movant", "md"),
    "mini-scenario-opponent.md": (SCENARIO, "opponent", "md"),
    "mini-scenario-movant.md": (SCENARIO, "movant", "md"),
    "mini-scenario-movant.docx.txt": (SCENARIO, "movant", "docx"),
    "mini-scenario.aif.json": (SCENARIO, "movant", "aif"),
    "mini-scenario.argdown": (SCENARIO, "movant", "argdown"),
}
#: Golden file name -> format of the mini case's work product.
WORK_PRODUCTS = {"mini-workproduct.html": "html", "mini-workproduct.md": "md"}


@functools.cache
def mini_case() -> Case:
    return load_case(MINI)


def docx_text(data: bytes) -> str:
    """Paragraphs (as ``style: text {field code}``) and tables (as ``| a | b |`` rows), in order."""
    doc = docx.Document(io.BytesIO(data))
    paragraphs = {p._p: p for p in doc.paragraphs}
    tables = {t._tbl: t for t in doc.tables}
    out = []
    for child in doc.element.body.iterchildren():
        if child in paragraphs:
            p = paragraphs[child]
            fields = "".join(f" {{{code}}}" for code in field_codes(p))
            out.append(f"{p.style.name}: {p.text}{fields}")
        elif child in tables:
            for row in tables[child].rows:
                out.append("| " + " | ".join(c.text for c in row.cells) + " |")
    return "\n".join(out) + "\n"


def export_golden(name: str) -> Golden:
    """One export of the mini case (DOCX as its text, see :func:`docx_text`)."""
    scenario, side, fmt = EXPORTS[name]
    data: Any = export_outline(mini_case(), scenario, side, fmt)
    return Golden(EXPORT / name, docx_text(data) if isinstance(data, bytes) else data)


def work_product_workspace() -> Workspace:
    """The student's workspace the golden work products are rendered from."""
    return Workspace(
        case="mini",
        author="A. Student",
        scenario=SCENARIO,
        exercises={"ex-2": "Harm", "ex-1": "Standing comes first.", "met:harm": "not met"},
        marks={
            "met:harm": ExerciseMark(
                answer="not met",
                correct=True,
                tries=2,
                prompt="On the case file's defaults, is “Harm” met?",
                element="harm",
                label="Not met",
            )
        },
        argument_notes={"m-harm": "Needs a declaration."},
        notes="Ask about bonds.",
    )


def work_product_golden(name: str) -> Golden:
    text = render_work_product(mini_case(), work_product_workspace(), WORK_PRODUCTS[name])
    return Golden(EXPORT / name, text)


# --------------------------------------------------------------------------- all of them


def all_goldens() -> Iterator[Golden]:
    """Every golden file the tests compare against, with the text the code gives now."""
    for folder in WEIGH_FOLDERS:
        yield weigh_golden(folder)
    for name in EXPORTS:
        yield export_golden(name)
    for name in WORK_PRODUCTS:
        yield work_product_golden(name)
    for case in BAD_CASES:
        yield bad_input_golden(case)


def golden_files() -> set[Path]:
    """The files now in the golden places, whether or not a golden produces them."""
    return {p for p in (HERE / "golden").rglob("*") if p.is_file()} | set(BAD.glob("*.expected"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Rewrite the tests' golden files and print a unified diff of each change."
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing: print the differences and exit 1 if there are any",
    )
    args = parser.parse_args(argv)
    goldens = list(all_goldens())
    changed = 0
    for golden in goldens:
        diff = golden.diff()
        if diff:
            changed += 1
            sys.stdout.write(diff)
            if not args.check:
                golden.write()
    stale = sorted(golden_files() - {g.path for g in goldens})
    for path in stale:
        shown = path.relative_to(ROOT).as_posix()
        old = path.read_bytes().decode("utf-8")
        sys.stdout.write(unified_diff(old, "", f"a/{shown}", "/dev/null"))
        if not args.check:
            path.unlink()
    done = "differ" if args.check else "rewritten"
    gone = "stale" if args.check else "stale and deleted"
    print(
        f"{len(goldens)} golden files: {changed} {done}, {len(goldens) - changed} unchanged; "
        f"{len(stale)} {gone}",
        file=sys.stderr,
    )
    if args.check and (changed or stale):
        print(f"run `{COMMAND}` to accept these changes", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
