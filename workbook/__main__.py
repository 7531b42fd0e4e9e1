"""Command line: ``python -m workbook check DIR...`` and ``python -m workbook schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .load import check_case
from .schema import schema_text


def _check(args: argparse.Namespace) -> int:
    failed = False
    for path in args.paths:
        report = check_case(path)
        for problem in report.problems:
            print(f"error: {problem}")
        if not args.quiet:
            for warning in report.warnings:
                print(f"warning: {warning}")
        bad = bool(report.problems) or (args.strict and bool(report.warnings))
        failed |= bad
        if report.case is not None:
            c = report.case
            summary = (
                f"{len(c.facts)} facts, {len(c.authorities)} authorities "
                f"({sum(a.verified for a in c.authorities)} verified), {len(c.arguments)} arguments"
            )
        else:
            summary = "did not load"
        status = "FAILED" if bad else "ok"
        print(
            f"{status}: {path}: {summary}; {len(report.problems)} errors, "
            f"{len(report.warnings)} warnings"
        )
    return 1 if failed else 0


def _schema(args: argparse.Namespace) -> int:
    text = schema_text()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m workbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate case folders; exit 1 on any error")
    check.add_argument("paths", nargs="+", type=Path, metavar="DIR")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("-q", "--quiet", action="store_true", help="do not list warnings")
    check.set_defaults(run=_check)
    schema = sub.add_parser("schema", help="print the case-file JSON Schema")
    schema.add_argument("-o", "--output", help="write it to this file")
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
