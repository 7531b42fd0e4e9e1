"""How long from a control change in the workbench to the updated outcome and redrawn charts.

    python benchmarks/ui_latency.py            # 30 changes, 10,000 Monte Carlo samples
    python benchmarks/ui_latency.py --quick    # 6 changes, for a smoke test

Each change goes through the same callback a slider or dropdown calls
(set_strength / set_answer / drop), which re-weighs the flagship case, reruns
the what-ifs (decisive questions up to pairs of answers, tipping points,
tornado) and the Monte Carlo, rebuilds every chart and serializes it with
``to_dict()`` into the chart widget's spec, which is what the browser receives.
The target is a median of at most 100 ms; the last line says PASS or MISS.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

TARGET_MS = 100.0


def _changes(bench: Any) -> list[Callable[[], Any]]:
    """A cycle of realistic control changes: strengths, drops and answers."""
    out: list[Callable[[], Any]] = []
    args = [a.id for a in bench.case.arguments][:10]
    for i, arg in enumerate(args):
        out.append(lambda a=arg, v=0.2 + 0.06 * i: bench.set_strength(a, v))
    for arg in args[:3]:
        out.append(lambda a=arg: bench.drop(a, True))
        out.append(lambda a=arg: bench.drop(a, False))
    for q in bench.case.questions:
        for answer in q.answers:
            out.append(lambda q=q.id, a=answer.id: bench.set_answer(q, a))
    return out or [bench.refresh]


def main(argv: list[str] | None = None) -> int:
    """Time the changes and print the median against the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 changes instead of 30")
    parser.add_argument("--samples", type=int, default=10_000, help="Monte Carlo samples")
    opts = parser.parse_args(argv)

    from workbook import DEFAULT_CASE, load_case
    from workbook.ui.workbench import build_workbench

    case = load_case(DEFAULT_CASE)
    bench = build_workbench(case, samples=opts.samples)
    charts = (bench.balance_chart, bench.tornado_chart, bench.mc_chart, bench.map_chart)
    changes = _changes(bench)
    n = 6 if opts.quick else 30
    times: list[float] = []
    for i in range(n):
        start = time.perf_counter()
        changes[i % len(changes)]()
        times.append((time.perf_counter() - start) * 1000)
        if not all(widget.spec for widget in charts):
            print("a chart widget has no spec after the change", file=sys.stderr)
            return 1
    median = statistics.median(times)
    print(
        f"case: {case.case.id} ({len(case.arguments)} arguments, {len(case.questions)} "
        f"questions), Monte Carlo samples: {opts.samples:,}, changes timed: {n}"
    )
    print(
        f"median {median:.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms "
        f"(target <= {TARGET_MS:.0f} ms)"
    )
    print("PASS" if median <= TARGET_MS else "MISS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
