"""A case's records as readable tables: parties, claims, facts and authorities.

Each table shows the records' own words in full, wrapped and left-aligned,
with the sources as links titled by the source (its ``where`` when that is a
web address, else its title alone: a file name says nothing to a reader).
What would crowd a row (a fact's note, an authority's verification record)
opens under the row's main cell. Built on :mod:`workbook.ui.browse`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

import pandas as pd
from IPython.display import HTML

from workbook.charts.timeline import dated_facts
from workbook.models import Authority, Case, Fact, Source
from workbook.tables import (
    ANY,
    authorities_table,
    claims_table,
    facts_table,
    filter_rows,
    parties_table,
)
from workbook.ui.browse import TABLE_CSS, Column, TableBrowser, build_table_browser, rows_html
from workbook.verification import authority_badge
from workbook.vocabulary import STATUS_WORDS

__all__ = [
    "authorities_html",
    "authority_browser",
    "authority_frame",
    "claim_browser",
    "fact_browser",
    "parties_html",
    "source_link",
    "sources_html",
]


def _is_url(where: str) -> bool:
    return where.startswith(("https://", "http://"))


def source_link(source: Source) -> str:
    """One source as escaped HTML: a link titled by the source when it is on the web."""
    title = html.escape(source.title)
    if _is_url(source.where):
        href = html.escape(source.where, quote=True)
        return f'<a href="{href}" target="_blank" rel="noopener noreferrer">{title}</a>'
    return title


def _url_link(where: str) -> str:
    """A verification copy: a link when it is an address, else the citation as text."""
    text = html.escape(where)
    if _is_url(where):
        return (
            f'<a href="{html.escape(where, quote=True)}" target="_blank" rel="noopener">{text}</a>'
        )
    return text


def sources_html(case: Case, ids: Iterable[str]) -> str:
    """Sources by their titles (linked when on the web), one a line; unknown ids as text."""
    known = {s.id: s for s in case.sources}
    return "<br>".join(source_link(known[i]) if i in known else html.escape(i) for i in ids)


# --------------------------------------------------------------------------- parties, claims


def parties_html(case: Case) -> HTML:
    """The parties as a wrapped table (name, role, description)."""
    cols = [Column("name", width="14em"), Column("role", width="7em"), Column("description")]
    table = rows_html(parties_table(case), cols, caption="The parties")
    return HTML(TABLE_CSS + table)  # type: ignore[no-untyped-call]


def claim_browser(case: Case) -> TableBrowser:
    """The claims: title, how we know of them, summary; sources and authorities open below."""
    frame = claims_table(case)
    known = {c.id: c for c in case.claims}
    frame["_details"] = [
        _claim_details(case, known[cid].sources) if cid in known else "" for cid in frame["claim"]
    ]
    cols = [
        Column("title", width="16em"),
        Column("status", width="7em"),
        Column("summary"),
        Column("authorities", width="16em"),
    ]
    return build_table_browser(
        frame,
        cols,
        filters={"status": "status"},
        details="_details",
        main="summary",
        noun="claims",
        page_size=10,
    )


def _claim_details(case: Case, sources: Sequence[str]) -> str:
    return f"<b>Sources:</b><br>{sources_html(case, sources)}" if sources else ""


# --------------------------------------------------------------------------- facts


def _fact_details(case: Case, fact: Fact) -> str:
    parties = {p.id: p.name for p in case.parties}
    parts = []
    if fact.alleged_by:
        parts.append(
            f"<b>Alleged by:</b> {html.escape(parties.get(fact.alleged_by, fact.alleged_by))}"
        )
    if fact.quote:
        parts.append(
            f"<b>In {html.escape(fact.quote.speaker)}'s words:</b> “{html.escape(fact.quote.text)}”"
        )
    if fact.note:
        parts.append(f"<b>Note:</b> {html.escape(fact.note)}")
    known = {s.id: s for s in case.sources}
    for sid in fact.sources:
        src = known.get(sid)
        if src is not None and src.reliability:
            parts.append(f"<b>{source_link(src)}:</b> {html.escape(src.reliability)}")
    return "<br>".join(parts)


def fact_browser(case: Case, *, page_size: int = 15) -> TableBrowser:
    """The facts, dated first in date order: date, status, the statement, its sources.

    ``#`` numbers the dated facts as the timeline does. A row opens to show who
    alleges the fact, a quotation, the note and how reliable each source is.
    Filter by status or by when (before or after the complaint).
    """
    frame = facts_table(case)
    known = {f.id: f for f in case.facts}
    filed = case.case.filed.isoformat() if case.case.filed else ""
    frame["when"] = [
        "undated"
        if not d
        else ("after the complaint" if filed and d > filed else "by the complaint")
        for d in frame["date"]
    ]
    number = {f.id: str(i + 1) for i, f in enumerate(dated_facts(case))}
    frame["#"] = [number.get(f, "") for f in frame["fact"]]
    frame["_sources"] = [sources_html(case, known[f].sources) for f in frame["fact"]]
    frame["_details"] = [_fact_details(case, known[f]) for f in frame["fact"]]
    frame["sources"] = [
        "; ".join(s.title for s in case.sources if s.id in known[f].sources) for f in frame["fact"]
    ]
    cols = [
        Column("#", width="2.5em"),
        Column("date", width="6.5em"),
        Column("status", width="6.5em"),
        Column("statement", title="fact"),
        Column("sources", width="24em", html="_sources"),
    ]
    return build_table_browser(
        frame,
        cols,
        filters={"status": "status", "when": "when"},
        details="_details",
        main="statement",
        noun="facts",
        page_size=page_size,
    )


# --------------------------------------------------------------------------- authorities


def _verification_html(a: Authority) -> str:
    v = a.verification
    parts = [f"<b>Verification:</b> {authority_badge(v.status)}"]
    if v.checked:
        parts.append(f"<b>What was checked:</b> {html.escape(v.checked)}")
    if v.where:
        parts.append("<b>Copies read:</b> " + "; ".join(_url_link(w) for w in v.where))
    if v.on:
        parts.append(f"<b>Checked on:</b> {v.on.isoformat()}")
    if v.note:
        parts.append(f"<b>Doubts, and what was not checked:</b> {html.escape(v.note)}")
    if a.pinpoint:
        parts.append(f"<b>Pinpoint:</b> {html.escape(a.pinpoint)}")
    if a.quote:
        pin = f" ({html.escape(a.quote.pin)})" if a.quote.pin else ""
        parts.append(f"<b>Quoted:</b> “{html.escape(a.quote.text)}”{pin}")
    if a.uses:
        parts.append(f"<b>Who relies on it, for what:</b> {html.escape(a.uses)}")
    return "<br>".join(parts)


def authority_frame(case: Case) -> pd.DataFrame:
    """:func:`workbook.tables.authorities_table` with the HTML the browser shows."""
    frame = authorities_table(case)
    known = {a.id: a for a in case.authorities}
    frame["_status"] = [authority_badge(s) for s in frame["status"]]
    frame["_details"] = [_verification_html(known[i]) for i in frame["id"]]
    frame["status words"] = [STATUS_WORDS.get(s, s) for s in frame["status"]]
    return frame


_AUTHORITY_COLUMNS = (
    Column("citation", width="22em"),
    Column("kind", width="6em"),
    Column("status", width="8em", html="_status"),
    Column("proposition"),
)


def authorities_html(case: Case, *, topic: str = ANY, folded: bool = True) -> HTML:
    """The authorities (on one topic), full citations first; each opens to its record.

    Folded (the default), the table sits under a line that says how many there are
    and opens on a click, so that a page of readings stays short.
    """
    frame = filter_rows(authority_frame(case), {"topics": topic})
    if frame.empty:
        text = "<p><i>The case file has no authority on this topic.</i></p>"
        return HTML(text)  # type: ignore[no-untyped-call]
    table = rows_html(frame, _AUTHORITY_COLUMNS, details="_details", main="proposition")
    if folded:
        n = len(frame)
        words = f"The case file's {n} authorit{'y' if n == 1 else 'ies'} on this topic"
        head = f"<summary><b>{html.escape(words)}</b> (click to open)</summary>"
        table = f"<details>{head}{table}</details>"
    return HTML(TABLE_CSS + table)  # type: ignore[no-untyped-call]


def authority_browser(case: Case, *, page_size: int = 10) -> TableBrowser:
    """The authorities with full citations; each opens to its verification record."""
    cols = list(_AUTHORITY_COLUMNS)
    filters = {
        "topic": "topics",
        "element": "elements",
        "side": "sides",
        "kind": "kind",
        "status": "status",
    }
    return build_table_browser(
        authority_frame(case),
        cols,
        filters=filters,
        details="_details",
        main="proposition",
        noun="authorities",
        page_size=page_size,
    )
