"""Generated inputs for the benchmarks: random bipolar graphs and a flagship-sized case."""

from __future__ import annotations

from typing import Any

import numpy as np

from workbook.models import Case

Edges = tuple[tuple[int, int], ...]


def random_graph(
    n: int, *, cyclic: bool, seed: int = 0, degree: float = 1.5
) -> tuple[np.ndarray, Edges, Edges]:
    """Base scores and (attack, support) edges for ``n`` nodes, about ``degree`` edges per node.

    Acyclic graphs only have edges from a higher to a lower index; cyclic ones
    add back-edges (about one in ten) so that they hold many cycles.
    """
    rng = np.random.default_rng(seed)
    m = int(n * degree)
    src = rng.integers(0, n, m)
    dst = rng.integers(0, n, m)
    if cyclic:
        back = rng.random(m) < 0.1
        lo, hi = np.minimum(src, dst), np.maximum(src, dst)
        src, dst = np.where(back, lo, hi), np.where(back, hi, lo)
    else:
        src, dst = np.maximum(src, dst), np.minimum(src, dst)
    keep = src != dst
    pairs = sorted(set(zip(src[keep].tolist(), dst[keep].tolist(), strict=True)))
    kind = rng.random(len(pairs)) < 0.6
    attacks = tuple(p for p, k in zip(pairs, kind, strict=True) if k)
    supports = tuple(p for p, k in zip(pairs, kind, strict=True) if not k)
    base = rng.random(n)
    return base, attacks, supports


ROLES = [
    ("standing", "threshold"),
    ("mootness", "threshold"),
    ("reviewability", "threshold"),
    ("success", "likelihood-of-success"),
    ("harm", "irreparable-harm"),
    ("equities", "balance-of-equities"),
    ("public-interest", "public-interest"),
]


def synthetic_case(arguments: int = 60, seed: int = 0) -> Case:
    """A case shaped like the flagship: 7 elements, rebuttals, questions, ``arguments`` of them."""
    rng = np.random.default_rng(seed)
    args: list[dict[str, Any]] = []
    questions = [
        {
            "id": f"q{i}",
            "text": f"Question {i}?",
            "default": "a",
            "answers": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
        }
        for i in range(4)
    ]
    for j in range(arguments):
        element = ROLES[j % len(ROLES)][0]
        side = "movant" if rng.random() < 0.55 else "opponent"
        a: dict[str, Any] = {
            "id": f"a{j}",
            "side": side,
            "element": element,
            "heading": f"A{j}",
            "body": "generated",
            "strength": round(float(rng.uniform(0.3, 0.9)), 2),
            "strength_reason": "generated",
        }
        if j >= 7 and rng.random() < 0.4:
            a["attacks"] = [f"a{int(rng.integers(0, j))}"]
        if j >= 7 and rng.random() < 0.2:
            a["supports"] = [f"a{int(rng.integers(0, j))}"]
        if rng.random() < 0.15:
            a["requires"] = {f"q{int(rng.integers(0, 4))}": "a"}
        args.append(a)
    return Case.model_validate(
        {
            "case": {
                "id": "synthetic",
                "title": "Synthetic v. Case",
                "court": "D.D.C.",
                "motion": "PI",
                "movant": "p",
                "opponent": "d",
                "government_opponent": True,
            },
            "parties": [
                {"id": "p", "name": "P", "role": "plaintiff"},
                {"id": "d", "name": "D", "role": "defendant"},
            ],
            "elements": [{"id": e, "name": e.title(), "role": r} for e, r in ROLES],
            "questions": questions,
            "arguments": args,
        }
    )
