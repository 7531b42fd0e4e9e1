"""Odds over the open questions: the joint Monte Carlo and the value of information.

The flagship with every question open (each has a prior in the case file):
10^4 samples, each drawing its answers from the odds and its base strengths,
weighed as one batch. Against it, a per-sample *engine loop* over the same
kind of samples: the case prepared once, then for each sample its answers'
effects (which arguments are in play, what is settled), one row evaluated,
and the standard its answers pick deciding it. A second loop, with every
sample's effects computed beforehand in one batch, is printed for reference.
The value of information of every question comes from the same batch; its own
share is timed too.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
from common import cli, ms, timed, verdict
from flagship import flagship_case

from workbook.engine.evaluation import evaluate
from workbook.engine.montecarlo import monte_carlo_prepared
from workbook.engine.weighing import prepare, weigh
from workbook.scenario import Scenario

TARGET_MS = 15.0
TARGET_RATIO = 250.0
TARGET_VOI_MS = 50.0


def run(quick: bool = False) -> list[str]:
    """Time the joint batch, the loop and the value of information; return the summary lines."""
    case, label = flagship_case()
    samples = 10_000
    p = prepare(case)
    odds = Scenario(case=case.case.id).odds_for(case)
    open_q = [q for q, o in odds.items() if len(o) > 1]
    print(f"  case: {label}; {samples:,} samples; {len(open_q)} of {len(case.questions)} open")
    if not open_q:
        print("  no question has odds: nothing to time")
        return ["Odds: the case has no open question (skipped)"]
    monte_carlo_prepared(p, samples=samples)  # warm the caches
    times = []
    for seed in range(10 if quick else 30):
        t = time.perf_counter()
        result = monte_carlo_prepared(p, samples=samples, seed=seed)
        times.append(time.perf_counter() - t)
    t_batch = statistics.median(times)
    print(
        f"  {'joint batch (answers and strengths)':<38} {ms(t_batch):>10}   "
        f"P(granted) = {result.p_granted:.4f}"
    )
    # the same kind of samples, drawn here, for the loop
    rng = np.random.default_rng(0)
    choice = {
        q: rng.choice(len(case.question(q).answers), size=samples, p=_probs(case, q, odds[q]))
        for q in open_q
    }
    alive, settled = p.columns(choice, samples)
    rows = np.tile(p.base, (samples, 1))
    rows[:, p.m :] = np.clip(
        p.base[p.m :] + rng.uniform(-0.1, 0.1, (samples, p.graph.n - p.m)), 0, 1
    )
    k = 300 if quick else 1500

    def engine_loop() -> list[bool]:
        # per sample, what the batch does for it: its answers' effects (arguments in play,
        # settlements), one row evaluated, the standard its answers pick deciding it
        out = []
        for r in range(k):
            one = {q: c[r : r + 1] for q, c in choice.items()}
            alive_r, settled_r = p.columns(one, 1)
            s = evaluate(p.graph, rows[r], semantics=p.semantics, alive=alive_r[:, 0]).strengths
            g, _ = p.decide_columns(s[: p.m, None], settled_r, one)
            out.append(bool(g[0]))
        return out

    def evaluation_loop() -> None:
        # the same with every sample's effects computed beforehand, in one batch (for reference)
        for r in range(k):
            s = evaluate(p.graph, rows[r], semantics=p.semantics, alive=alive[:, r]).strengths
            p.decide_columns(
                s[: p.m, None], settled[:, r : r + 1], {q: c[r : r + 1] for q, c in choice.items()}
            )

    t_loop, g_loop = timed(engine_loop, repeat=1)
    t_loop *= samples / k
    t_eval, _ = timed(evaluation_loop, repeat=1)
    t_eval *= samples / k
    s_all = evaluate(p.graph, rows[:k], semantics=p.semantics, alive=alive[:, :k].T).strengths
    g_all, _ = p.decide_columns(
        np.ascontiguousarray(s_all[:, : p.m].T),
        settled[:, :k],
        {q: c[:k] for q, c in choice.items()},
    )
    agree = g_loop == g_all.tolist()
    print(
        f"  {'engine loop, one sample at a time':<38} {ms(t_loop):>10}   (timed on {k:,}, "
        f"scaled; outcomes {'agree' if agree else 'DISAGREE'} with a batch of the same samples)"
    )
    ratio = t_loop / t_batch
    print(
        f"  {'loop with the effects precomputed':<38} {ms(t_eval):>10}   (for reference: "
        f"{t_eval / t_batch:.0f}x)"
    )
    k2 = 50 if quick else 200
    ids = [a.id for a in p.arguments]

    def api_loop() -> None:
        for r in range(k2):
            s = Scenario(case=case.case.id)
            for q, c in choice.items():
                s = s.with_answer(case, q, case.question(q).answer_ids[int(c[r])])
            strengths = {a: float(v) for a, v in zip(ids, rows[r, p.m :], strict=True)}
            weigh(case, s.model_copy(update={"strengths": strengths}))

    t_api, _ = timed(api_loop, repeat=1)
    t_api *= samples / k2
    print(
        f"  {'public-API loop, weigh() per sample':<38} {ms(t_api):>10}   (timed on {k2:,}, "
        f"scaled): {t_api / t_batch:.0f}x"
    )
    from workbook.engine import montecarlo as mc

    granted = np.asarray(g_all)
    t_voi, _ = timed(
        lambda: mc._value_of_information(
            p, {q: odds[q] for q in open_q}, {q: c[:k] for q, c in choice.items()}, granted, 0.5
        ),
        repeat=20,
    )
    voi_total = t_batch  # the value of information comes with the batch
    print(f"  value of information of all {len(open_q)} questions: {ms(t_voi)} of the batch")
    top = next(iter(result.value_of_information.values()))
    print(f"  most valuable to brief: {top.question} (expected move {top.expected_move:.3f})")
    return [
        f"Joint Monte Carlo 10^4, every question open: {ms(t_batch)} median (target "
        f"{TARGET_MS:.0f} ms) {verdict(t_batch * 1000, TARGET_MS, higher_is_better=False)}; "
        f"{ratio:.0f}x the per-sample engine loop (target {TARGET_RATIO:.0f}x) "
        f"{verdict(ratio, TARGET_RATIO)}; {t_api / t_batch:.0f}x weigh() per sample",
        f"Value of information, every question: {ms(voi_total)} with the batch (target "
        f"{TARGET_VOI_MS:.0f} ms) "
        f"{verdict(voi_total * 1000, TARGET_VOI_MS, higher_is_better=False)}",
    ]


def _probs(case, q: str, odds) -> list[float]:  # type: ignore[no-untyped-def]
    return [odds.get(a, 0.0) for a in case.question(q).answer_ids]


def main() -> None:
    cli(run, __doc__, "fewer repeats (for CI)")


if __name__ == "__main__":
    main()
