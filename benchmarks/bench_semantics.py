"""DF-QuAD (and friends) on generated graphs: the engine against peer Python implementations.

Peers: ``formal-argumentation`` (DF-QuAD, quadratic energy, grounded),
``python-argumentation`` (grounded) and a straightforward pure-Python
DF-QuAD written here. Peers missing from the environment are skipped with a
note; a peer whose projected time at the next size exceeds the time budget is
skipped at that size rather than left to hang.

Engine times are reported *warm* (the graph structure compiled once and
cached, as the engine re-evaluates a case) and *cold* (compile included).
The targets are judged on the warm time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from common import cli, ms, timed, verdict
from synthetic import random_graph

from workbook.engine.evaluation import compile_graph, evaluate
from workbook.engine.semantics import QUADRATIC_ENERGY

TARGETS = {False: 100.0, True: 150.0}  # DF-QuAD at 10^4 arguments, vs formal-argumentation


def pure_python_dfquad(
    n: int,
    base: list[float],
    attacks: Any,
    supports: Any,
    tol: float = 1e-9,
    max_iter: int = 10_000,
) -> tuple[list[float], int]:
    """DF-QuAD as a textbook loop: topological order if acyclic, else Jacobi to a fixed point."""
    att: list[list[int]] = [[] for _ in range(n)]
    sup: list[list[int]] = [[] for _ in range(n)]
    for a, b in attacks:
        att[b].append(a)
    for a, b in supports:
        sup[b].append(a)

    def score(i: int, s: list[float]) -> float:
        pa = 1.0
        for j in att[i]:
            pa *= 1.0 - s[j]
        ps = 1.0
        for j in sup[i]:
            ps *= 1.0 - s[j]
        c = pa - ps  # support - attack
        return base[i] + c * (1.0 - base[i]) if c >= 0 else base[i] + c * base[i]

    indeg = [len(att[i]) + len(sup[i]) for i in range(n)]
    out: list[list[int]] = [[] for _ in range(n)]
    for a, b in (*attacks, *supports):
        out[a].append(b)
    order = [i for i in range(n) if indeg[i] == 0]
    for i in order:
        for j in out[i]:
            indeg[j] -= 1
            if indeg[j] == 0:
                order.append(j)
    s = list(base)
    if len(order) == n:
        for i in order:
            s[i] = score(i, s)
        return s, 1
    for it in range(1, max_iter + 1):
        new = [score(i, s) for i in range(n)]
        delta = max(abs(x - y) for x, y in zip(new, s, strict=True))
        s = new
        if delta <= tol:
            return s, it
    return s, max_iter


def _peers() -> dict[str, str | None]:
    """Which peers import (None) or why not (the error)."""
    found: dict[str, str | None] = {}
    try:
        import argumentation.gradual.dfquad  # noqa: F401

        found["formal-argumentation"] = None
    except ImportError as exc:
        found["formal-argumentation"] = f"not installed ({exc}); pip install formal-argumentation"
    try:
        import py_arg.algorithms.semantics.get_grounded_extension  # noqa: F401

        found["python-argumentation"] = None
    except ImportError as exc:
        found["python-argumentation"] = f"not installed ({exc}); pip install python-argumentation"
    return found


class _Budget:
    """Skips an implementation at a size its last time projects beyond the budget."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.last: dict[str, tuple[int, float]] = {}

    def allows(self, name: str, n: int) -> float | None:
        """None if it may run; else the projected seconds."""
        if name not in self.last:
            return None
        n0, t0 = self.last[name]
        projected = t0 * (n / n0) ** 1.1
        return projected if projected > self.seconds else None

    def record(self, name: str, n: int, t: float) -> None:
        self.last[name] = (n, t)


def run(quick: bool = False) -> list[str]:
    """Run the comparison; return the summary lines (targets) after printing the table."""
    sizes = [100, 1000, 10_000] if quick else [100, 1000, 10_000, 100_000]
    budget = _Budget(2.0 if quick else 60.0)
    peers = _peers()
    for name, why in peers.items():
        if why:
            print(f"  note: {name} is {why}; its columns are skipped")
    summary: list[str] = []
    warm_base, warm_att, warm_sup = random_graph(50, cyclic=False, seed=1)
    evaluate(compile_graph(50, warm_att, warm_sup), warm_base)  # first-call costs, not timed
    print(
        f"  {'graph':<16} {'implementation':<38} {'time':>11} {'iters':>6}  "
        f"{'max |diff|':>10}  engine faster"
    )
    for cyclic in (False, True):
        kind = "cyclic" if cyclic else "acyclic"
        for n in sizes:
            base, att, sup = random_graph(n, cyclic=cyclic, seed=n)
            label = f"{kind} n={n:,}"
            compile_graph.cache_clear()
            t_cold, _ = timed(
                lambda att=att, sup=sup, base=base, n=n: evaluate(compile_graph(n, att, sup), base),
                repeat=1,
            )
            g = compile_graph(n, att, sup)
            t_warm, ev = timed(lambda g=g, base=base: evaluate(g, base), repeat=15)
            eng = ev.strengths
            print(
                f"  {label:<16} {'engine DF-QuAD, warm (NumPy)':<38} {ms(t_warm):>11} "
                f"{ev.iterations:>6}  {'':>10}"
            )
            print(f"  {'':<16} {'engine DF-QuAD, cold (compile+eval)':<38} {ms(t_cold):>11}")
            rows: list[tuple[str, Callable[[], Any], Callable[[Any], tuple[np.ndarray, int]]]] = []
            blist = base.tolist()
            rows.append(
                (
                    "pure-Python DF-QuAD",
                    lambda n=n, b=blist, a=att, s=sup: pure_python_dfquad(n, b, a, s),
                    lambda r: (np.array(r[0]), r[1]),
                )
            )
            if peers["formal-argumentation"] is None:
                from argumentation.gradual.dfquad import dfquad_strengths
                from argumentation.gradual.gradual import WeightedBipolarGraph

                ids = [f"a{i}" for i in range(n)]
                wbg = WeightedBipolarGraph(
                    arguments=frozenset(ids),
                    initial_weights={ids[i]: float(base[i]) for i in range(n)},
                    attacks=frozenset((ids[a], ids[b]) for a, b in att),
                    supports=frozenset((ids[a], ids[b]) for a, b in sup),
                )

                def fa_result(r: Any, ids: list[str] = ids) -> tuple[np.ndarray, int]:
                    return np.array([r.strengths[i] for i in ids]), r.iterations

                rows.append(
                    ("formal-argumentation DF-QuAD", lambda w=wbg: dfquad_strengths(w), fa_result)
                )
            for name, fn, extract in rows:
                projected = budget.allows(name, n)
                if projected is not None:
                    print(
                        f"  {'':<16} {name:<38} {'skipped':>11}  (projected "
                        f"{projected:.0f} s > budget {budget.seconds:.0f} s)"
                    )
                    continue
                t, out = timed(fn, repeat=1 if n > 10_000 or (quick and n == 10_000) else 3)
                budget.record(name, n, t)
                strengths, iters = extract(out)
                diff = float(np.max(np.abs(strengths - eng))) if n else 0.0
                print(
                    f"  {'':<16} {name:<38} {ms(t):>11} {iters:>6}  {diff:>10.1e}  "
                    f"{t / t_warm:>8.0f}x warm, {t / t_cold:.0f}x cold"
                )
                if name.startswith("formal") and n == 10_000:
                    target = TARGETS[cyclic]
                    summary.append(
                        f"DF-QuAD {kind} 10^4 vs formal-argumentation: {t / t_warm:.0f}x "
                        f"(target {target:.0f}x) {verdict(t / t_warm, target)}"
                    )
            if n <= (1000 if quick else 10_000):
                _other_semantics(n, cyclic, base, att, sup, peers, budget)
    for cyclic in (False, True):
        kind = "cyclic" if cyclic else "acyclic"
        if not any(kind in s for s in summary):
            why = peers["formal-argumentation"] or "not measured"
            summary.append(f"DF-QuAD {kind} 10^4 vs formal-argumentation: not measured ({why})")
    return summary


def _other_semantics(
    n: int,
    cyclic: bool,
    base: np.ndarray,
    att: Any,
    sup: Any,
    peers: dict[str, str | None],
    budget: _Budget,
) -> None:
    """Quadratic energy and grounded semantics, where the peers compute them."""
    if peers["formal-argumentation"] is None and not cyclic:
        from argumentation.gradual.gradual import WeightedBipolarGraph, quadratic_energy_strengths

        ids = [f"a{i}" for i in range(n)]
        wbg = WeightedBipolarGraph(
            arguments=frozenset(ids),
            initial_weights={ids[i]: float(base[i]) for i in range(n)},
            attacks=frozenset((ids[a], ids[b]) for a, b in att),
            supports=frozenset((ids[a], ids[b]) for a, b in sup),
        )
        g = compile_graph(n, att, sup)
        t_e, ev = timed(lambda: evaluate(g, base, semantics=QUADRATIC_ENERGY), repeat=5)
        name = "formal-argumentation quadratic energy"
        projected = budget.allows(name, n)
        if projected is not None:
            print(
                f"  {'':<16} {name + ' (RK4)':<38} {'skipped':>11}  (projected "
                f"{projected:.0f} s > budget {budget.seconds:.0f} s)"
            )
        else:
            t_f, r = timed(lambda: quadratic_energy_strengths(wbg), repeat=1)
            budget.record(name, n, t_f)
            diff = max(abs(r.strengths[ids[i]] - ev.strengths[i]) for i in range(n))
            print(f"  {'':<16} {'engine quadratic energy (warm)':<38} {ms(t_e):>11}")
            print(
                f"  {'':<16} {name + ' (RK4)':<38} {ms(t_f):>11} {r.iterations:>6}  "
                f"{diff:>10.1e}  {t_f / t_e:>8.0f}x warm"
            )
    if peers["formal-argumentation"] is None and peers["python-argumentation"] is None:
        from argumentation.core.dung import ArgumentationFramework, grounded_extension
        from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
            AbstractArgumentationFramework,
        )
        from py_arg.abstract_argumentation_classes.argument import Argument
        from py_arg.abstract_argumentation_classes.defeat import Defeat
        from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension

        ids = [f"a{i}" for i in range(n)]
        af = ArgumentationFramework(
            arguments=frozenset(ids), defeats=frozenset((ids[a], ids[b]) for a, b in att)
        )
        t_f, ge = timed(lambda: grounded_extension(af), repeat=1)
        line = f"  {'':<16} {'grounded: formal-argumentation':<38} {ms(t_f):>11}"
        name = "python-argumentation grounded"
        if budget.allows(name, n) is None and n <= 3000:
            args = [Argument(i) for i in ids]
            paf = AbstractArgumentationFramework(
                "g", args, [Defeat(args[a], args[b]) for a, b in att]
            )
            t_p, pe = timed(lambda: get_grounded_extension(paf), repeat=1)
            budget.record(name, n, t_p)
            agree = set(ge) == {a.name for a in pe}
            line += (
                f"; python-argumentation {ms(t_p)}; "
                f"{'agree' if agree else 'DISAGREE'} ({len(ge)} accepted)"
            )
        else:
            line += "; python-argumentation skipped (quadratic time, over the budget)"
        print(line)


def main() -> None:
    cli(run, __doc__, "small sizes only (for CI)")


if __name__ == "__main__":
    main()
