"""Command line: ``python -m workbook check DIR...``, ``weigh DIR`` and ``schema``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from workbook.casefile.load import check_case
from workbook.casefile.schema import schema_text


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


def _weigh(args: argparse.Namespace) -> int:
    import json

    from workbook.casefile.load import load_case
    from workbook.engine import render_text, weigh
    from workbook.errors import WorkbookError
    from workbook.scenario import Scenario

    try:
        case = load_case(args.path)
        if args.scenario:
            scenario = Scenario.from_json(Path(args.scenario).read_text(encoding="utf-8"))
        else:
            scenario = Scenario(case=case.case.id)
        answers = dict(scenario.answers)
        for item in args.answer:
            question, sep, answer = item.partition("=")
            if not sep:
                print(f"error: --answer takes QUESTION=ANSWER, not {item!r}", file=sys.stderr)
                return 2
            answers[question.strip()] = answer.strip()
        update: dict[str, object] = {"answers": answers}
        if args.semantics:
            update["semantics"] = args.semantics
        scenario = scenario.model_copy(update=update)
        if args.standard:  # the answer on the standard follows a named standard
            scenario = scenario.with_standard(case, args.standard)
        result = weigh(case, scenario)
    except (WorkbookError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        sys.stdout.write(json.dumps(result.to_data(), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(result, case))
    return 0


def _export(args: argparse.Namespace) -> int:
    from workbook.casefile.load import load_case
    from workbook.errors import WorkbookError
    from workbook.export import export_outline, format_for
    from workbook.store import atomic_write, load_scenario

    fmt = args.format or (format_for(args.output) if args.output else "md")
    try:
        case = load_case(args.path)
        scenario = load_scenario(args.scenario) if args.scenario else None
        data = export_outline(case, scenario, args.side, fmt)
        if args.output:
            atomic_write(args.output, data, backup=False)
    except (WorkbookError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.output:
        print(f"wrote {args.output} ({fmt}, {args.side})", file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    return 0


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
    weigh = sub.add_parser("weigh", help="weigh a case: outcome, element strengths, deciding one")
    weigh.add_argument("path", type=Path, metavar="DIR")
    weigh.add_argument("--standard", help="winter (default), sliding-scale, winter-unmerged...")
    weigh.add_argument("--semantics", help="df-quad (default), quadratic-energy, euler")
    weigh.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="QUESTION=ANSWER",
        help="answer a contested question (repeatable)",
    )
    weigh.add_argument("--scenario", metavar="FILE", help="a saved scenario (JSON)")
    weigh.add_argument("--json", action="store_true", help="print the stable JSON form")
    weigh.set_defaults(run=_weigh)
    export = sub.add_parser(
        "export", help="export a brief outline (md, docx) or the argument graph (aif, argdown)"
    )
    export.add_argument("path", type=Path, metavar="DIR")
    export.add_argument(
        "--format",
        choices=("md", "docx", "aif", "argdown"),
        help="output format (default: from the -o suffix, else md)",
    )
    export.add_argument("--scenario", metavar="FILE", help="a saved scenario or workspace (JSON)")
    export.add_argument(
        "--side",
        choices=("movant", "opponent"),
        default="movant",
        help="whose brief to outline (default: movant)",
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout")
    export.set_defaults(run=_export)
    schema = sub.add_parser("schema", help="print the case-file JSON Schema")
    schema.add_argument("-o", "--output", help="write it to this file")
    schema.set_defaults(run=_schema)
    args = parser.parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
