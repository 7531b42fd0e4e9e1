"""Monte Carlo: 10^4 samples evaluated as one batch, against evaluating them one at a time.

Two per-sample loops are timed on the same sampled base strengths:

* the *engine loop*: the case prepared once, then for each sample the graph is
  evaluated for that one row and the standard decides it (the batch's work,
  minus the batching). The target is judged against this loop.
* the *public-API loop*: ``weigh(case, scenario)`` once per sample, with the
  sample as strength overrides (what a notebook would do without
  ``monte_carlo``; it also recomputes the contributions, so it is slower).

Both loops are timed on a slice of the samples and scaled to the full count;
the batch and the engine loop must agree on every sample they share.
"""

from __future__ import annotations

import numpy as np
from common import cli, ms, timed, verdict
from flagship import flagship_case

from workbook.engine.evaluation import evaluate
from workbook.engine.montecarlo import monte_carlo
from workbook.engine.weighing import prepare, weigh
from workbook.scenario import Scenario

TARGET = 250.0


def run(quick: bool = False) -> list[str]:
    """Time the batch and the loops; return the summary line."""
    case, label = flagship_case()
    samples = 10_000
    print(f"  case: {label}; {samples:,} samples")
    # answers held at the case's defaults: the odds over them are timed in bench_odds.py
    monte_carlo(case, samples=samples, odds=False)  # warm the structure cache
    t_batch, result = timed(
        lambda: monte_carlo(case, samples=samples, odds=False), repeat=5 if quick else 15
    )
    print(f"  {'batch (monte_carlo)':<34} {ms(t_batch):>10}   P(granted) = {result.p_granted:.4f}")

    p = prepare(case)
    rng = np.random.default_rng(0)
    live = list(p.in_play())
    rows = np.tile(p.base, (samples, 1))
    b = p.base[live]
    rows[:, live] = np.clip(b + rng.uniform(-0.1, 0.1, (samples, len(live))), 0.0, 1.0)
    s_batch = evaluate(p.graph, rows, semantics=p.semantics, alive=p.available).strengths
    g_batch, _ = p.decide_columns(np.ascontiguousarray(s_batch[:, : p.m].T))

    k = 500 if quick else 2000

    def engine_loop() -> list[bool]:
        out = []
        for r in rows[:k]:
            s = evaluate(p.graph, r, semantics=p.semantics, alive=p.available).strengths
            g, _ = p.decide_columns(s[: p.m, None])
            out.append(bool(g[0]))
        return out

    t_loop, g_loop = timed(engine_loop, repeat=1)
    t_loop *= samples / k
    agree = g_loop == g_batch[:k].tolist()
    print(
        f"  {'engine loop, one row per sample':<34} {ms(t_loop):>10}   (timed on {k:,}, "
        f"scaled; outcomes {'agree' if agree else 'DISAGREE'} with the batch)"
    )

    ids = [p.arguments[i - p.m].id for i in live]
    k2 = 100 if quick else 500

    def api_loop() -> None:
        for r in rows[:k2]:
            strengths = {a: float(v) for a, v in zip(ids, r[live], strict=True)}
            weigh(case, Scenario(case=case.case.id, strengths=strengths))

    t_api, _ = timed(api_loop, repeat=1)
    t_api *= samples / k2
    print(
        f"  {'public-API loop, weigh() per sample':<34} {ms(t_api):>10}   (timed on {k2:,}, scaled)"
    )
    ratio = t_loop / t_batch
    print(f"  batch vs engine loop: {ratio:.0f}x; vs public-API loop: {t_api / t_batch:.0f}x")
    # The loops are handed their samples; the batch draws its own: 16-bit uniforms, four to a
    # 64-bit word, for the arguments in play with a spread, then lo + width * u in float32.
    # Its share (the random words and the conversion, timed as one block):
    rows_drawn = len(live)
    draws = rows_drawn * samples
    buf = np.empty((rows_drawn, samples), dtype=np.float32)
    gen = np.random.Generator(np.random.SFC64(0))
    scale = np.full((rows_drawn, 1), 0.2 / 2**16, dtype=np.float32)

    def draw() -> None:
        words = gen.integers(0, 2**64, size=-(-draws // 4), dtype=np.uint64)
        np.multiply(words.view(np.uint16)[:draws].reshape(rows_drawn, samples), scale, out=buf)
        np.add(buf, np.float32(0.3), out=buf)

    t_draw, _ = timed(draw, repeat=5 if quick else 15)
    rest = max(t_batch - t_draw, 1e-9)
    print(
        f"  of the batch, drawing {draws:,} 16-bit uniforms into float32: {ms(t_draw)}; the "
        f"rest (evaluation, standard, statistics): {ms(rest)}, {t_loop / rest:.0f}x the engine "
        f"loop"
    )
    return [
        f"Monte Carlo 10^4 vs per-sample engine loop: {ratio:.0f}x (target {TARGET:.0f}x) "
        f"{verdict(ratio, TARGET)}; vs weigh() per sample: {t_api / t_batch:.0f}x"
    ]


def main() -> None:
    cli(run, __doc__, "fewer repeats (for CI)")


if __name__ == "__main__":
    main()
