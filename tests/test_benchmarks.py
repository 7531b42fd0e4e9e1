"""The benchmark scripts run end to end in quick mode (their timings are not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"


def test_the_quick_benchmarks_run_and_report_every_target():
    """`run_all.py --quick` exits 0 and prints a PASS, MISS or not-measured line per target."""
    done = subprocess.run(
        [sys.executable, "run_all.py", "--quick"],
        cwd=BENCH,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    targets = done.stdout.split("== Targets", 1)[1].splitlines()
    reported = [
        line for line in targets if "PASS" in line or "MISS" in line or "not measured" in line
    ]
    assert len(reported) == 6, done.stdout  # semantics x2, Monte Carlo, odds x2, flagship


def test_the_scale_benchmark_generates_valid_cases(tmp_path):
    """bench_scale's chain and ring load and weigh (its timings are run by hand, not here)."""
    import importlib.util

    import yaml

    from workbook import load_case
    from workbook.engine import weigh

    spec = importlib.util.spec_from_file_location("bench_scale", BENCH / "bench_scale.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    for shape in ("chain", "ring"):
        folder = tmp_path / shape
        folder.mkdir()
        (folder / "case.yaml").write_text(yaml.safe_dump(bench.generated(40, shape)), "utf-8")
        case = load_case(folder)
        assert len(case.arguments) == 40
        assert weigh(case).elements
    folder = tmp_path / "compact"  # the 5 x 10^4 row's one-line-per-argument form
    folder.mkdir()
    (folder / "case.yaml").write_text(bench.compact(bench.generated(40, "chain")), "utf-8")
    assert [a.attacks for a in load_case(folder).arguments][:2] == [(), ("a0",)]
