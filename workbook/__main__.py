"""Command line: ``python -m workbook check DIR...``, ``weigh``, ``export``, ``cite-scan``...

``check --sweep`` also weighs every single and pair of answer changes under
every standard and reports contradictions; ``weigh --odds`` adds P(granted)
over the open questions and each question's value of information.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

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
        if args.sweep and report.case is not None:
            bad |= _sweep(report.case)
            failed |= bad
        status = "FAILED" if bad else "ok"
        print(
            f"{status}: {path}: {summary}; {len(report.problems)} errors, "
            f"{len(report.warnings)} warnings"
        )
    return 1 if failed else 0


def _sweep(case: object) -> bool:
    """Print the sweep's contradictions; True when there are any."""
    from workbook.engine.sweep import sweep
    from workbook.models import Case

    assert isinstance(case, Case)
    report = sweep(case)
    for c in report.contradictions:
        print(f"contradiction: {c}")
    print(
        f"sweep: {report.scenarios} scenarios weighed, {len(report.contradictions)} contradictions"
    )
    return not report.ok


def _odds_text(mc: object) -> str:
    """The odds over the open questions as plain text."""
    from workbook.engine.montecarlo import MonteCarlo

    assert isinstance(mc, MonteCarlo)
    lo, hi = mc.interval
    lines = [
        "",
        f"Odds over the open questions ({mc.samples} samples, seed {mc.seed}):",
        f"  P(granted) = {mc.p_granted:.3f}  (95% interval {lo:.3f}-{hi:.3f})",
        "  Decided by: "
        + ", ".join(f"{k} {v:.0%}" for k, v in sorted(mc.deciding.items(), key=lambda t: -t[1])),
        "  Value of information (expected move of P(granted); P(granted) if answered so):",
    ]
    for q, v in mc.value_of_information.items():
        each = ", ".join(f"{a} {p:.3f}" for a, p in v.p_granted_if.items())
        lines.append(f"    {q}: {v.expected_move:.3f}   ({each})")
    return "\n".join(lines) + "\n"


def _scenario(args: argparse.Namespace, case: Any) -> Any:
    """The scenario the options describe: a saved file, then --answer, --semantics, --standard.

    Raises:
        ScenarioError: an --answer not written QUESTION=ANSWER, or a name the case lacks.

    """
    from workbook.errors import ScenarioError
    from workbook.scenario import Scenario
    from workbook.store import load_scenario

    scenario = load_scenario(args.scenario) if args.scenario else Scenario(case=case.case.id)
    answers = dict(scenario.answers)
    for item in args.answer:
        question, sep, answer = item.partition("=")
        if not sep:
            raise ScenarioError(f"--answer takes QUESTION=ANSWER, not {item!r}")
        answers[question.strip()] = answer.strip()
    update: dict[str, object] = {"answers": answers}
    if getattr(args, "semantics", None):
        update["semantics"] = args.semantics
    scenario = scenario.model_copy(update=update)
    scenario.check(case)
    if args.standard:  # the answer on the standard follows a named standard
        scenario = scenario.with_standard(case, args.standard)
    return scenario


def _scenario_options(parser: Any, what: str) -> None:
    """--scenario, --answer and --standard, shared by weigh and export."""
    parser.add_argument("--scenario", metavar="FILE", help=f"a saved scenario {what}(JSON)")
    parser.add_argument(
        "--answer",
        action="append",
        default=[],
        metavar="QUESTION=ANSWER",
        help="answer a contested question (repeatable)",
    )
    parser.add_argument(
        "--standard",
        help="winter, sliding-scale, sliding-scale-pure, winter-unmerged... (default: the "
        "answer to the case's question on the standard, else winter)",
    )


def _weigh(args: argparse.Namespace) -> int:
    import json

    from workbook.casefile.load import load_case
    from workbook.engine import analyse, render_text
    from workbook.errors import WorkbookError

    try:
        case = load_case(args.path)
        scenario = _scenario(args, case)
        samples = args.samples if args.odds else 0
        analysis = analyse(case, scenario, samples=samples, seed=args.seed, whatifs=False)
    except (WorkbookError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    result, mc = analysis.result, analysis.monte_carlo
    if args.json:
        data = result.to_data()
        if mc is not None:
            odds = mc.to_data()
            keys = ("p_granted", "interval", "deciding_share", "value_of_information", "odds")
            data.update({k: odds[k] for k in keys})
            data["samples"], data["seed"] = mc.samples, mc.seed
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(render_text(result, case))
        if mc is not None:
            sys.stdout.write(_odds_text(mc))
    return 0


def _output(
    text: str | None, fmt: str | None = None, *, default: str | None = None, force: bool = False
) -> Path | None:
    """The checked ``-o`` file (None: standard output), refusing what would destroy data.

    Raises:
        ExportError: ``-o`` is empty, names a folder or a case file, or its suffix
            names another format than ``--format``.

    """
    from workbook.errors import ExportError
    from workbook.export import FORMATS
    from workbook.paths import holds_a_case, output_file

    if text is None:
        return None

    def refuse(problem: str, hint: str) -> ExportError:
        return ExportError(f"-o {text!r}: {problem}; {hint}")

    path = output_file(text, refuse, default=default)
    if not force and holds_a_case(path.parent):
        raise refuse(
            "that folder holds a case file (.yaml), and an export there would sit among the "
            "case's own files",
            "write it outside the case folder, or pass --force",
        )
    suffix = path.suffix.lower()
    named = [f for f, ext in FORMATS.items() if ext == suffix]
    if fmt is not None and named and fmt not in named:
        raise refuse(
            f"the suffix {path.suffix} is for {named[0]}, not --format {fmt}",
            f"end the name in {FORMATS[fmt]}, or drop --format",
        )
    return path


def _export(args: argparse.Namespace) -> int:
    from workbook.casefile.load import load_case
    from workbook.errors import ExportError, WorkbookError
    from workbook.export import FORMATS, export_outline, format_for
    from workbook.store import atomic_write

    try:
        named = f"{Path(args.path).resolve().stem or 'case'}-{args.side}"
        default = named + FORMATS[args.format or "md"]
        output = _output(args.output, args.format, default=default, force=args.force)
        fmt = args.format or (format_for(output) if output else "md")
        if fmt == "docx" and output is None and sys.stdout.isatty():
            raise ExportError(
                "a Word file is binary and is not written to a terminal; "
                "give -o FILE.docx, or redirect the output to a file"
            )
        case = load_case(args.path)
        data = export_outline(case, _scenario(args, case), args.side, fmt)
        if output:
            atomic_write(output, data, backup=False, force=args.force)
    except (WorkbookError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if output:
        print(f"wrote {output} ({fmt}, {args.side})", file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
    else:
        sys.stdout.write(data)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from workbook.errors import WorkbookError
    from workbook.store import atomic_write

    text = schema_text()
    try:
        output = _output(args.output, default="case-file.schema.json", force=args.force)
        if output:
            atomic_write(output, text, backup=False, force=args.force)
    except WorkbookError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not output:
        sys.stdout.write(text)
    return 0


def _new(args: argparse.Namespace) -> int:
    from workbook.casefile.new import new_case
    from workbook.errors import WorkbookError

    try:
        path = new_case(args.path, title=args.title, court=args.court)
    except (WorkbookError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}; now edit it and run: python -m workbook check {args.path}")
    return 0


def _cite_scan(args: argparse.Namespace) -> int:
    from workbook.casefile.scanned import scan_report
    from workbook.errors import WorkbookError

    try:
        sys.stdout.write(scan_report(args.path, args.case, as_json=args.json, stubs=args.stubs))
    except (WorkbookError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def _case_dirs(paths: Sequence[Path]) -> list[Path]:
    """Case folders: each path itself, or a folder of case folders (``data/cases/``)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir() and not any(path.glob("*.yaml")):
            out.extend(sorted(p for p in path.iterdir() if p.is_dir() and any(p.glob("*.yaml"))))
        else:
            out.append(path)
    return out


def _backtest(args: argparse.Namespace) -> int:
    import json

    from workbook.casefile.load import load_case
    from workbook.engine.backtest import backtest, summarize
    from workbook.errors import WorkbookError

    results = []
    for path in _case_dirs(args.paths):
        try:
            result = backtest(load_case(path), samples=args.samples)
        except (WorkbookError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        if result is None:
            if not args.json:
                print(f"{path}: no ruling (a pending case)", file=sys.stderr)
            continue
        results.append(result)
        if not args.json:
            print("\n".join(_backtest_lines(result)))
    summary = summarize(results)
    if args.json:
        data = {"cases": [r.to_data() for r in results], "summary": summary.to_data()}
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        print("\n".join(summary.lines()))
    return 0


def _backtest_lines(result: Any) -> list[str]:
    d = result.to_data()
    verdict = "agrees" if result.agrees else "DISAGREES"
    odds = f"; P(granted) before {d['p_granted_before']}" if result.brier is not None else ""
    lines = [
        f"{d['case']}: court {d['court']} on {', '.join(d['rested_on'])}; engine "
        f"{d['engine']} deciding on {d['deciding']}: {verdict}{odds}",
        "  under every standard: " + ", ".join(f"{k} {v}" for k, v in d["by_standard"].items()),
    ]
    for flip in result.flips:
        supposed = ", ".join(f"{q} = {a}" for q, a in flip.answers.items())
        mark = "same" if flip.agrees else "DIFFERENT"
        lines.append(
            f"  had the court found {supposed}: opinion says {flip.to_data()['opinion_says']}, "
            f"engine {flip.to_data()['engine']} ({mark})"
        )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m workbook", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    _check_parser(sub)
    _weigh_parser(sub)
    _export_parser(sub)
    new = sub.add_parser("new", help="start a case file from a template that checks")
    new.add_argument("path", type=Path, metavar="DIR")
    new.add_argument("--title", required=True, help='the case name, e.g. "Acme Corp. v. Smith"')
    new.add_argument("--court", required=True, help="the court, in full")
    new.set_defaults(run=_new)
    scan = sub.add_parser(
        "cite-scan", help="list the citations in a brief or opinion (.txt, .md, .docx)"
    )
    scan.add_argument("path", type=Path, metavar="FILE")
    scan.add_argument("--case", type=Path, metavar="DIR", help="match to this case's authorities")
    scan.add_argument("--json", action="store_true", help="print JSON")
    scan.add_argument("--stubs", action="store_true", help="print draft authorities it lacks")
    scan.set_defaults(run=_cite_scan)
    test = sub.add_parser(
        "backtest", help="weigh decided cases under the court's answers and compare"
    )
    test.add_argument(
        "paths", nargs="+", type=Path, metavar="DIR", help="case folders, or a folder of them"
    )
    test.add_argument("--samples", type=int, default=4000, help="Monte Carlo samples for the odds")
    test.add_argument("--json", action="store_true", help="print JSON")
    test.set_defaults(run=_backtest)
    schema = sub.add_parser("schema", help="print the case-file JSON Schema")
    schema.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write it to this file, atomically (a folder: case-file.schema.json in it); "
        "a link, a device, a case file (.yaml), a read-only file or a case folder is refused",
    )
    _force(schema)
    schema.set_defaults(run=_schema)
    return parser


def _force(parser: Any) -> None:
    parser.add_argument(
        "--force",
        action="store_true",
        help="also write into a case folder or over a read-only file (never over a link, a "
        "device or a case file)",
    )


def _check_parser(sub: Any) -> None:
    check = sub.add_parser("check", help="validate case folders; exit 1 on any error")
    check.add_argument("paths", nargs="+", type=Path, metavar="DIR")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.add_argument("-q", "--quiet", action="store_true", help="do not list warnings")
    check.add_argument(
        "--sweep",
        action="store_true",
        help="also weigh every single and pair of answer changes under every standard and "
        "report contradictions",
    )
    check.set_defaults(run=_check)


def _weigh_parser(sub: Any) -> None:
    weigh = sub.add_parser("weigh", help="weigh a case: outcome, element strengths, deciding one")
    weigh.add_argument("path", type=Path, metavar="DIR")
    weigh.add_argument("--semantics", help="df-quad (default), quadratic-energy, euler")
    _scenario_options(weigh, "")
    weigh.add_argument("--json", action="store_true", help="print the stable JSON form")
    weigh.add_argument(
        "--odds",
        action="store_true",
        help="add P(granted) over the open questions and each one's value of information",
    )
    weigh.add_argument("--samples", type=int, default=10_000, help="Monte Carlo samples")
    weigh.add_argument("--seed", type=int, default=0, help="Monte Carlo seed")
    weigh.set_defaults(run=_weigh)


def _export_parser(sub: Any) -> None:
    export = sub.add_parser(
        "export", help="export a brief outline (md, docx) or the argument graph (aif, argdown)"
    )
    export.add_argument("path", type=Path, metavar="DIR")
    export.add_argument(
        "--format",
        choices=("md", "docx", "aif", "argdown"),
        help="output format (default: from the -o suffix, else md)",
    )
    _scenario_options(export, "or workspace ")
    export.add_argument(
        "--side",
        choices=("movant", "opponent"),
        default="movant",
        help="whose brief to outline (default: movant)",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="write here instead of stdout, atomically; its suffix must agree with --format; "
        "a folder means CASE-SIDE.EXT in it; a link, a device, a case file (.yaml), a "
        "read-only file or a case folder is refused",
    )
    _force(export)
    export.set_defaults(run=_export)


if __name__ == "__main__":
    raise SystemExit(main())
