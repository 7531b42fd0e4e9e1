"""How `check` and `weigh` scale with the size of a case file: time and peak memory.

    python benchmarks/bench_scale.py            # every row below
    python benchmarks/bench_scale.py --quick    # a chain of 10^3 and a ring of 500

Each generated case is written to a temporary folder and loaded by a fresh
`python -m workbook check` and `python -m workbook weigh` process, so the
times include starting Python and importing the package (about half a second) and
the peak memory is the whole process's. The verdicts are judged on CPU time,
which another job on the machine moves far less than the wall time (both are
printed). Shapes:

* **chain**: argument i attacks argument i - 1, alternating sides, over the four
  factors, at strength 0.5; the deepest graph a case can have.
* **full chain**: the same at full strength, where removing an argument changes
  every argument below it for good (nothing fades): the engine's worst case.
* **ring**: full-strength arguments each attacking the next, closing a cycle:
  the hardest case for the damped fixed-point iteration.
* **5 x 10^4**: as a case file, written as compactly as the format allows (one line
  per argument, one-letter texts), which is still more than the 5 MB a case file may
  hold: `check` must refuse it, clearly and at once. The same case is then weighed by
  the engine alone, from validated data (no YAML), in a fresh process.

Targets (issue of record: untrusted input): 10^4 arguments `check` + `weigh`
within 5 s and 500 MB; 5 x 10^4 arguments within 30 s; a ring of 2,000 within
5 s; beyond the limits, a refusal within a second. The last lines say PASS or
MISS for each; nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

TARGET_S = 5.0
BIG_TARGET_S = 30.0
TARGET_MB = 500.0
_ELEMENTS = [
    {"id": "success", "name": "Success", "role": "likelihood-of-success"},
    {"id": "harm", "name": "Harm", "role": "irreparable-harm"},
    {"id": "equities", "name": "Equities", "role": "balance-of-equities"},
    {"id": "public", "name": "Public interest", "role": "public-interest"},
]


def generated(n: int, shape: str, strength: float = 0.5) -> dict[str, Any]:
    """A valid case of ``n`` arguments in a chain (at ``strength``) or a ring (at 1)."""
    args: list[dict[str, Any]] = []
    for i in range(n):
        side = "movant" if i % 2 == 0 else "opponent"
        arg: dict[str, Any] = {
            "id": f"a{i}",
            "side": side,
            "element": "harm" if shape == "ring" else _ELEMENTS[i % 4]["id"],
            "heading": f"Argument {i}",
            "body": "A generated argument.",
            "strength": 1.0 if shape == "ring" else strength,
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
    """Wall time and CPU time (s), the process's own peak memory (MB), how it ended."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:  # wait4 gives this child's own resource usage, its peak memory included
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.01)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    end = "ok" if code == 0 else f"exit {code}"
    if code == -9 and wall > timeout:
        end = f"stopped after {timeout:.0f} s"
    proc.returncode = code  # reaped here: keep Popen from waiting again
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, end


def compact(case: dict[str, Any]) -> str:
    """The case as YAML with one line per argument and one-letter texts: the fewest bytes."""
    head = {k: v for k, v in case.items() if k != "arguments"}
    lines = [yaml.safe_dump(head, sort_keys=False).rstrip(), "arguments:"]
    for a in case["arguments"]:
        more = f", attacks: [{a['attacks'][0]}]" if a.get("attacks") else ""
        lines.append(
            f"- {{id: {a['id']}, side: {a['side']}, element: {a['element']}, heading: h, "
            f"body: b, strength: {a['strength']}, strength_reason: r{more}}}"
        )
    return "\n".join(lines) + "\n"


def _engine_alone(n: int) -> None:
    """Validate the generated chain of ``n`` from data and weigh it (run as a child)."""
    from workbook.engine import weigh
    from workbook.models import Case

    weigh(Case.model_validate(generated(n, "chain")))


def _row(label: str, mb: float, command: str, run: tuple[float, float, float, str]) -> None:
    wall, cpu, peak, end = run
    print(f"{label:>16} {mb:8.2f} {command:>7} {wall:7.2f} {cpu:7.2f} {peak:8.0f}  {end}")


def main(argv: list[str] | None = None) -> int:
    """Generate each case, time `check` and `weigh` on it, print the table and the verdicts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per command")
    parser.add_argument("--engine-alone", type=int, metavar="N", help=argparse.SUPPRESS)
    opts = parser.parse_args(argv)
    if opts.engine_alone:
        _engine_alone(opts.engine_alone)
        return 0
    sizes = (
        [(1000, "chain", 0.5), (500, "ring", 1.0)]
        if opts.quick
        else [
            (1000, "chain", 0.5),
            (10_000, "chain", 0.5),
            (10_000, "chain", 1.0),
            (2000, "ring", 1.0),
        ]
    )
    print(
        f"{'case':>16} {'MB file':>8} {'command':>7} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}  end"
    )
    verdicts = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, shape, strength in sizes:
            label = f"{'full ' if shape == 'chain' and strength == 1 else ''}{shape} {n:,}"
            folder = Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            text = yaml.safe_dump(generated(n, shape, strength))
            (folder / "case.yaml").write_text(text, "utf-8")
            size = len(text.encode("utf-8")) / 1e6
            total, peak = 0.0, 0.0
            for command in ("check", "weigh"):
                run = [sys.executable, "-m", "workbook", command, str(folder)]
                if command == "check":
                    run.append("--quiet")
                timed = _run(run, opts.timeout)
                total += timed[1]
                peak = max(peak, timed[2])
                _row(label, size, command, timed)
            verdicts.append(f"{label}: check + weigh {total:.1f} CPU s, {peak:.0f} MB")
            verdicts[-1] += f" (target {TARGET_S:.0f} s, {TARGET_MB:.0f} MB)"
            verdicts[-1] += " PASS" if total <= TARGET_S and peak <= TARGET_MB else " MISS"
        if not opts.quick:
            verdicts += _fifty_thousand(Path(tmp), opts.timeout)
    print("\n".join(verdicts))
    return 0


def _fifty_thousand(tmp: Path, timeout: float) -> list[str]:
    """5 x 10^4 arguments: the file refused, and the engine alone on the same case."""
    n = 50_000
    folder = tmp / "chain-50000"
    folder.mkdir()
    text = compact(generated(n, "chain"))
    (folder / "case.yaml").write_text(text, "utf-8")
    size = len(text.encode("utf-8")) / 1e6
    label = f"chain {n:,}"
    check = _run([sys.executable, "-m", "workbook", "check", "--quiet", str(folder)], timeout)
    _row(label, size, "check", check)
    engine = _run([sys.executable, __file__, "--engine-alone", str(n)], timeout)
    _row(label, 0.0, "engine", engine)
    refused = check[3] != "ok"
    return [
        f"{label} as a {size:.1f} MB file: {'refused' if refused else 'accepted'} in "
        f"{check[1]:.2f} CPU s (target: refused within 1 s)"
        + (" PASS" if refused and check[1] <= 1.0 else " MISS"),
        f"{label}, the engine alone (validate + weigh): {engine[1]:.1f} CPU s, {engine[2]:.0f} MB "
        f"(target {BIG_TARGET_S:.0f} s)" + (" PASS" if engine[1] <= BIG_TARGET_S else " MISS"),
    ]


if __name__ == "__main__":
    sys.exit(main())
