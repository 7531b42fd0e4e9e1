"""From a changed scenario to a full result on the flagship case, 10^4 Monte Carlo samples included.

Each run changes the scenario (a base strength and, where the case has
questions, an answer), then computes the full result a notebook shows: the
weighing with every element's contributions, the outcome under every
standard, and a 10^4-sample Monte Carlo with the answers held (the odds over
the open questions are timed in ``bench_odds.py``). The median over the runs is
compared with the target.
"""

from __future__ import annotations

import statistics
import time

from common import cli, ms, verdict
from flagship import flagship_case

from workbook.engine.compare import compare_standards
from workbook.engine.montecarlo import monte_carlo
from workbook.engine.weighing import weigh
from workbook.scenario import Scenario

TARGET_MS = 25.0


def run(quick: bool = False) -> list[str]:
    """Time the full result after each scenario change; return the summary line."""
    case, label = flagship_case()
    print(f"  case: {label}")
    runs = 10 if quick else 40
    arg = case.arguments[0]
    q = case.questions[0] if case.questions else None
    times = []
    for i in range(runs + 1):
        answers = {q.id: q.answers[i % len(q.answers)].id} if q is not None else {}
        scenario = Scenario(case=case.case.id, strengths={arg.id: (i % 10) / 10}, answers=answers)
        t = time.perf_counter()
        weigh(case, scenario)
        compare_standards(case, scenario)
        monte_carlo(case, scenario, samples=10_000, seed=i, odds=False)
        if i:  # the first run compiles the structures
            times.append(time.perf_counter() - t)
    med = statistics.median(times)
    print(
        f"  full result (weigh + standards + 10^4 Monte Carlo): median {ms(med)}, "
        f"min {ms(min(times))}, max {ms(max(times))} over {runs} changed scenarios"
    )
    return [
        f"Flagship full result with 10^4 samples: median {ms(med)} (target under "
        f"{TARGET_MS:.0f} ms) {verdict(med * 1000, TARGET_MS, higher_is_better=False)}"
    ]


def main() -> None:
    cli(run, __doc__, "fewer runs (for CI)")


if __name__ == "__main__":
    main()
