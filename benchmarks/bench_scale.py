"""How `check` and `weigh` scale with the size of a case file: time and peak memory.

    python benchmarks/bench_scale.py            # chains of 10^3 and 10^4 arguments, a ring of 2,000
    python benchmarks/bench_scale.py --quick    # a chain of 10^3 and a ring of 500

Each generated case is written to a temporary folder and loaded by a fresh
`python -m workbook check` and `python -m workbook weigh` process, so the
times include starting Python and importing the package (about a second) and
the peak memory is the whole process's. The verdicts are judged on CPU time,
which another job on the machine moves far less than the wall time (both are
printed). Shapes:

* **chain**: argument i attacks (or supports) argument i - 1, alternating sides,
  over the four factors; the deepest graph a case can have.
* **ring**: full-strength arguments each attacking the next, closing a cycle:
  the hardest case for the damped fixed-point iteration.

Targets (issue of record: untrusted input): 10^4 arguments `check` + `weigh`
within 5 s and 500 MB; a ring of 2,000 within 5 s. The last lines say PASS or
MISS for each; nothing here is a test.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

TARGET_S = 5.0
TARGET_MB = 500.0
_ELEMENTS = [
    {"id": "success", "name": "Success", "role": "likelihood-of-success"},
    {"id": "harm", "name": "Harm", "role": "irreparable-harm"},
    {"id": "equities", "name": "Equities", "role": "balance-of-equities"},
    {"id": "public", "name": "Public interest", "role": "public-interest"},
]


def generated(n: int, shape: str) -> dict[str, Any]:
    """A valid case of ``n`` arguments in a chain or a ring."""
    args: list[dict[str, Any]] = []
    for i in range(n):
        side = "movant" if i % 2 == 0 else "opponent"
        arg: dict[str, Any] = {
            "id": f"a{i}",
            "side": side,
            "element": "harm" if shape == "ring" else _ELEMENTS[i % 4]["id"],
            "heading": f"Argument {i}",
            "body": "A generated argument.",
            "strength": 1.0 if shape == "ring" else 0.5,
            "strength_reason": "Generated.",
        }
        if shape == "chain" and i > 0:
            arg["attacks"] = [f"a{i - 1}"]
        if shape == "ring":
            arg["attacks"] = [f"a{(i + 1) % n}"]
        args.append(arg)
    return {
        "case": {
            "id": "generated",
            "title": "A v. B",
            "court": "D.D.C.",
            "motion": "PI",
            "movant": "a",
            "opponent": "b",
        },
        "parties": [
            {"id": "a", "name": "A", "role": "plaintiff"},
            {"id": "b", "name": "B", "role": "defendant"},
        ],
        "elements": _ELEMENTS,
        "arguments": args,
    }


def _run(argv: list[str], timeout: float) -> tuple[float, float, float, str]:
    """Wall time and CPU time (s), peak memory of the children so far (MB), how it ended."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, cpu = usage.ru_maxrss, usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    try:
        proc = subprocess.run(argv, capture_output=True, timeout=timeout, check=False)
        end = "ok" if proc.returncode == 0 else f"exit {proc.returncode}"
    except subprocess.TimeoutExpired:
        end = f"stopped after {timeout:.0f} s"
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - cpu
    return wall, cpu, max(usage.ru_maxrss, before) / 1024, end


def main(argv: list[str] | None = None) -> int:
    """Generate each case, time `check` and `weigh` on it, print the table and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    opts = parser.parse_args(argv)
    sizes = (
        [(1000, "chain"), (500, "ring")]
        if opts.quick
        else [
            (1000, "chain"),
            (10_000, "chain"),
            (2000, "ring"),
        ]
    )
    print(
        f"{'case':>14} {'MB file':>8} {'command':>7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  end"
    )
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, shape in sizes:
            folder = Path(tmp) / f"{shape}-{n}"
            folder.mkdir()
            (folder / "case.yaml").write_text(yaml.safe_dump(generated(n, shape)), "utf-8")
            size = (folder / "case.yaml").stat().st_size / 1e6
            total = 0.0
            for command in ("check", "weigh"):
                run = [sys.executable, "-m", "workbook", command, str(folder)]
                if command == "check":
                    run.append("--quiet")
                wall, cpu, peak, end = _run(run, opts.timeout)
                total += cpu
                label = f"{shape} {n:,}"
                times = f"{wall:7.2f} {cpu:7.2f}"
                print(f"{label:>14} {size:8.2f} {command:>7} {times} {peak:8.0f}  {end}")
            verdicts.append(
                f"{shape} {n:,}: check + weigh {total:.1f} CPU s (target {TARGET_S:.0f} s)"
            )
            verdicts[-1] += " PASS" if total <= TARGET_S else " MISS"
    print("\n".join(verdicts))
    print("(peak memory is the largest child so far: read it per line, not per case)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
