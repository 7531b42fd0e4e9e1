"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))


def timed(
    fn: Callable[[], Any], *, repeat: int = 1, budget: float = float("inf")
) -> tuple[float, Any]:
    """Median wall time of ``fn()`` over up to ``repeat`` runs (fewer if ``budget`` s runs out)."""
    times = []
    out = None
    start = time.perf_counter()
    for _ in range(max(1, repeat)):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
        if time.perf_counter() - start > budget:
            break
    return statistics.median(times), out


def ms(seconds: float) -> str:
    """Seconds as milliseconds, 3 significant figures."""
    return f"{seconds * 1000:.3g} ms"


def verdict(measured: float, target: float, *, higher_is_better: bool = True) -> str:
    """``PASS``/``MISS`` and how far from the target, as a ratio."""
    ok = measured >= target if higher_is_better else measured <= target
    ratio = measured / target if higher_is_better else target / measured
    return f"{'PASS' if ok else 'MISS'} ({ratio:.2f}x the target)"


def cli(run: Callable[[bool], list[str]], description: str | None, quick_help: str) -> None:
    """Parse ``--quick``, run one benchmark script and print its target lines."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    for line in run(parser.parse_args().quick):
        print(line)
