"""What ``check`` warns about beyond the schema: links that run the wrong way, loose ends.

Each function yields ``(problem, path, hint)``; the loader turns them into
findings with file, line and key. Nothing here stops a case from loading,
except :func:`bare_thresholds`, which the loader reports as errors: a
threshold with no argument sits at exactly 0.5 and would decide the motion
for no reason anyone wrote down.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbook.casefile.read import Path_
from workbook.models import Case

__all__ = ["bare_thresholds", "loose_ends", "wrong_way_links"]

Lint = Iterator[tuple[str, Path_, str]]


def wrong_way_links(case: Case) -> Lint:
    """An argument supporting the other side's argument, or attacking its own side's."""
    side = {a.id: a.side for a in case.arguments}
    for i, arg in enumerate(case.arguments):
        for j, target in enumerate(arg.supports):
            if side.get(target, arg.side) != arg.side:
                yield (
                    f"argument {arg.id!r} ({arg.side}) supports {target!r}, an argument of the "
                    "other side",
                    ("arguments", i, "supports", j),
                    "support links join arguments of one side; did you mean `attacks`?",
                )
        for j, target in enumerate(arg.attacks):
            if side.get(target, "") == arg.side:
                yield (
                    f"argument {arg.id!r} ({arg.side}) attacks {target!r}, an argument of its "
                    "own side",
                    ("arguments", i, "attacks", j),
                    "attacks answer the other side; did you mean `supports`?",
                )


def loose_ends(case: Case) -> Lint:
    """A quote from a source the fact does not list; authorities and sources nothing uses."""
    for i, fact in enumerate(case.facts):
        if fact.quote and fact.quote.source not in fact.sources:
            yield (
                f"fact {fact.id!r} quotes source {fact.quote.source!r}, which is not among its "
                "sources",
                ("facts", i, "quote", "source"),
                "add the source to the fact's `sources`, or quote from one of them",
            )
    cited: set[str] = set()
    for arg in case.arguments:
        cited.update(c.id for c in arg.authorities)
    for claim in case.claims:
        cited.update(c.id for c in claim.authorities)
    for el in case.elements:
        cited.update(c.id for c in el.authorities)
    for q in case.questions:
        for a in q.answers:
            cited.update(c.id for c in a.authorities)
        if q.prior is not None:
            cited.update(c.id for c in q.prior.authorities)
    if case.ruling is not None and case.ruling.opinion:
        cited.add(case.ruling.opinion)
    for i, auth in enumerate(case.authorities):
        if auth.id not in cited:
            yield (
                f"authority {auth.id!r} is cited by no argument, claim, element or answer",
                ("authorities", i),
                "cite it where it matters, or remove it",
            )
    used = {s for f in case.facts for s in f.sources}
    used |= {f.quote.source for f in case.facts if f.quote}
    used |= {s for c in case.claims for s in c.sources}
    used |= {s for q in case.questions if q.prior for s in q.prior.sources}
    if case.ruling is not None:
        used |= set(case.ruling.sources)
        used |= {s for a in case.ruling.answers.values() for s in a.sources}
        used |= {s for f in case.ruling.flips for s in f.sources}
    for i, source in enumerate(case.sources):
        if source.id not in used:
            yield (
                f"source {source.id!r} supports no fact, claim or prior",
                ("sources", i),
                "cite it from a fact, or remove it",
            )


def bare_thresholds(case: Case) -> Lint:
    """A threshold element no argument addresses (it would decide the motion at 0.5)."""
    addressed = {a.element for a in case.arguments}
    for i, el in enumerate(case.elements):
        if el.role == "threshold" and el.id not in addressed:
            yield (
                f"threshold {el.id!r} has no argument: it would sit at exactly 0.5 and decide "
                "the motion for a reason nobody wrote",
                ("elements", i),
                "add an argument for each side on it, or remove the element",
            )
