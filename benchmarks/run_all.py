"""Run every benchmark in one process and print the targets as PASS or MISS.

python benchmarks/run_all.py           # full sizes (10^2 .. 10^5 arguments), a few minutes
python benchmarks/run_all.py --quick   # small sizes and fewer repeats, well under a minute
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import bench_flagship
import bench_montecarlo
import bench_odds
import bench_semantics
import numpy as np


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, fewer repeats (CI)")
    quick = parser.parse_args().quick
    start = time.perf_counter()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Python {platform.python_version()}, NumPy {np.__version__}, "
        f"{os.cpu_count()} CPUs, load average {load:.2f} at start"
        f"{', quick mode' if quick else ''}"
    )
    summary: list[str] = []
    for title, module in (
        ("Gradual semantics on generated graphs", bench_semantics),
        ("Monte Carlo", bench_montecarlo),
        ("Odds over the open questions", bench_odds),
        ("Flagship scenario to full result", bench_flagship),
    ):
        print(f"\n== {title}")
        summary += module.run(quick)
    print("\n== Targets")
    for line in summary:
        print(f"  {line}")
    if quick:
        print(
            "  (quick mode: sizes and repeats are reduced; run without --quick for the "
            "reference numbers)"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"\nfinished in {time.perf_counter() - start:.1f} s (load average {load:.2f}; other "
        f"work on the machine slows every line)"
    )


if __name__ == "__main__":
    main()
