"""Plain pandas tables of a case, sorted, so a notebook prints the same on every run.

>>> from workbook import load_case
>>> case = load_case(CASES / "legion-v-lutnick")
>>> list(facts_table(case).columns)
['date', 'status', 'fact', 'statement', 'sources']
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from workbook.engine import Result
from workbook.models import Case
from workbook.verification import cite_label
from workbook.vocabulary import outcome_word, status_word

__all__ = [
    "ANY",
    "AUTHORITY_COLUMNS",
    "arguments_table",
    "authorities_table",
    "backtest_table",
    "choices",
    "claims_table",
    "element_summary",
    "facts_table",
    "filter_authorities",
    "harm_table",
    "html_table",
    "parties_table",
]

ANY = "(any)"
"""The filter value that lets every row through."""


def html_table(frame: pd.DataFrame, *, max_rows: int | None = None) -> str:
    """A DataFrame as an HTML table, every cell escaped."""
    return str(
        frame.to_html(index=False, escape=True, max_rows=max_rows, border=0, classes="wb-table")
    )


def _labels(case: Case) -> dict[str, str]:
    """Authority id -> short form, marked when the authority is not verified."""
    return {a.id: cite_label(a.short or a.id, a.verification.status) for a in case.authorities}


def parties_table(case: Case) -> pd.DataFrame:
    """The parties, in case-file order."""
    return pd.DataFrame(
        [
            {"party": p.id, "name": p.name, "role": p.role, "description": p.description}
            for p in case.parties
        ],
        columns=["party", "name", "role", "description"],
    )


def claims_table(case: Case) -> pd.DataFrame:
    """The claims, with how we know of them and the authorities they rest on."""
    short = _labels(case)
    return pd.DataFrame(
        [
            {
                "claim": c.id,
                "title": c.title,
                "status": c.status,
                "summary": c.summary,
                "authorities": "; ".join(short.get(x.id, x.id) for x in c.authorities),
            }
            for c in case.claims
        ],
        columns=["claim", "title", "status", "summary", "authorities"],
    )


def facts_table(case: Case) -> pd.DataFrame:
    """Every fact with its status and sources: dated facts by date, then undated ones by id."""
    rows = []
    for f in case.facts:
        rows.append(
            {
                "date": f.date.isoformat() if f.date else "",
                "status": f.status,
                "fact": f.id,
                "statement": f.statement,
                "sources": ", ".join(f.sources),
            }
        )
    frame = pd.DataFrame(rows, columns=["date", "status", "fact", "statement", "sources"])
    frame["_undated"] = frame["date"] == ""
    frame = frame.sort_values(["_undated", "date", "fact"], kind="stable")
    return frame.drop(columns="_undated").reset_index(drop=True)


def _authority_uses(case: Case) -> dict[str, tuple[set[str], set[str]]]:
    """Authority id -> (elements it is cited on, sides that cite it)."""
    uses: dict[str, tuple[set[str], set[str]]] = {a.id: (set(), set()) for a in case.authorities}
    for arg in case.arguments:
        for cite in arg.authorities:
            if cite.id in uses:
                uses[cite.id][0].add(arg.element)
                uses[cite.id][1].add(arg.side)
    for q in case.questions:
        for answer in q.answers:
            for cite in answer.authorities:
                if cite.id in uses:
                    uses[cite.id][0].update(q.elements)
    for claim in case.claims:
        for cite in claim.authorities:
            if cite.id in uses:
                uses[cite.id][1].add("movant")
    return uses


AUTHORITY_COLUMNS = [
    "short",
    "kind",
    "topics",
    "elements",
    "sides",
    "status",
    "citation",
    "proposition",
    "id",
]


def authorities_table(case: Case) -> pd.DataFrame:
    """One row per authority: short form, kind, topics, elements, sides, verification status.

    ``topics``, ``elements`` and ``sides`` are sorted and comma-separated;
    ``elements`` and ``sides`` say where the case file cites the authority
    (arguments, question answers, claims). Rows are sorted by short form.
    """
    uses = _authority_uses(case)
    rows = []
    for a in case.authorities:
        elements, sides = uses[a.id]
        rows.append(
            {
                "short": a.short or a.id,
                "kind": a.kind,
                "topics": ", ".join(sorted(a.topics)),
                "elements": ", ".join(sorted(elements)),
                "sides": ", ".join(sorted(sides)),
                "status": a.verification.status,
                "citation": a.citation,
                "proposition": a.proposition,
                "id": a.id,
            }
        )
    frame = pd.DataFrame(rows, columns=AUTHORITY_COLUMNS)
    return frame.sort_values(["short", "id"], kind="stable").reset_index(drop=True)


def _has(cell: str, value: str) -> bool:
    return value in [p.strip() for p in cell.split(",")]


def filter_authorities(
    table: pd.DataFrame,
    *,
    topic: str = ANY,
    element: str = ANY,
    side: str = ANY,
    kind: str = ANY,
    status: str = ANY,
) -> pd.DataFrame:
    """The rows of :func:`authorities_table` that match every filter (``ANY`` matches all)."""
    keep = pd.Series(True, index=table.index)
    for column, value in (("topics", topic), ("elements", element), ("sides", side)):
        if value != ANY:
            keep &= table[column].map(lambda cell, v=value: _has(str(cell), v))
    for column, value in (("kind", kind), ("status", status)):
        if value != ANY:
            keep &= table[column] == value
    return table[keep].reset_index(drop=True)


def choices(table: pd.DataFrame, column: str) -> list[str]:
    """The filter choices of a comma-separated column: ``ANY`` then every value, sorted."""
    values: set[str] = set()
    for cell in table[column]:
        values.update(p.strip() for p in str(cell).split(",") if p.strip())
    return [ANY, *sorted(values)]


def arguments_table(
    case: Case, result: Result | None = None, elements: Iterable[str] | None = None
) -> pd.DataFrame:
    """Arguments (optionally of some elements) with base and final strength and whether in play."""
    wanted = set(elements) if elements is not None else None
    short = _labels(case)
    rows = []
    for a in case.arguments:
        if wanted is not None and a.element not in wanted:
            continue
        final = result.strengths.get(a.id) if result is not None else None
        rows.append(
            {
                "element": a.element,
                "side": a.side,
                "argument": a.id,
                "heading": a.heading,
                "base": round(a.strength, 2),
                "final": round(final, 2) if final is not None else None,
                "in play": "yes"
                if result is None or a.id in result.strengths
                else result.excluded.get(a.id, "no"),
                "authorities": "; ".join(short.get(c.id, c.id) for c in a.authorities),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "element",
            "side",
            "argument",
            "heading",
            "base",
            "final",
            "in play",
            "authorities",
        ],
    )


def harm_table(case: Case) -> pd.DataFrame:
    """The arguments that name a kind of irreparable harm: side, type and the evidence needed."""
    rows = [
        {
            "argument": a.id,
            "side": a.side,
            "heading": a.heading,
            "harm type": a.harm.type,
            "evidence a court would want": "; ".join(a.harm.evidence),
        }
        for a in case.arguments
        if a.harm is not None
    ]
    return pd.DataFrame(
        rows, columns=["argument", "side", "heading", "harm type", "evidence a court would want"]
    )


def element_summary(result: Result, elements: Iterable[str] | None = None) -> str:
    """Plain-text lines, one per element: strength and whether it is met (for printing)."""
    wanted = set(elements) if elements is not None else None
    lines = []
    for e in result.elements:
        if wanted is not None and e.id not in wanted:
            continue
        status = status_word(e.satisfied, e.reached)
        lines.append(f"{e.name}: {e.strength:.2f} ({status})")
    return "\n".join(lines)


def backtest_table(results: Iterable[Any]) -> pd.DataFrame:
    """One row per decided case: the court against the engine (see ``engine.backtest``)."""
    columns = [
        "case",
        "court",
        "court rested on",
        "engine",
        "engine's deciding element",
        "result",
        "reasons",
        "flips reproduced",
        "P(granted) before",
        "Brier",
    ]
    rows = []
    for r in results:
        rows.append(
            {
                "case": r.title or r.case,
                "court": outcome_word(r.court_granted),
                "court rested on": ", ".join(r.element_name(e) for e in r.rested_on),
                "engine": outcome_word(r.engine_granted),
                "engine's deciding element": r.element_name(r.deciding) if r.deciding else "",
                "result": "agrees" if r.outcome_agrees else "differs",
                "reasons": "agree" if r.reasons_agree else "differ",
                "flips reproduced": f"{r.flips_agree} of {len(r.flips)}"
                if r.flips
                else "none discussed",
                "P(granted) before": None
                if r.p_granted_before is None
                else round(r.p_granted_before, 2),
                "Brier": None if r.brier is None else round(r.brier, 2),
            }
        )
    return pd.DataFrame(rows, columns=columns)
