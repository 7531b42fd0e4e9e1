"""Readable tables: wrapped and escaped, searched, filtered, sorted and paged by plain methods."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import ui_case

from workbook.errors import WorkbookError
from workbook.ui.browse import Column, build_table_browser, rows_html
from workbook.ui.records import (
    authority_browser,
    claim_browser,
    fact_browser,
    parties_html,
    source_link,
)


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "n": ["2", "10", "1", ""],
            "kind": ["case", "statute", "case", "rule"],
            "text": ["<b>bold</b>", "Beta", "alpha", "gamma"],
            "_more": ["<i>open</i>", "", "", ""],
        }
    )


def _browser(**kw: object):  # type: ignore[no-untyped-def]
    cols = [Column("n", "#"), Column("kind"), Column("text")]
    return build_table_browser(_frame(), cols, filters={"kind": "kind"}, details="_more", **kw)


def test_rows_html_escapes_text_and_opens_details_on_the_main_cell() -> None:
    """Text is escaped, left-aligned by the table's style, and a row with details opens."""
    page = rows_html(_frame(), [Column("kind"), Column("text")], details="_more", main="text")
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page
    assert page.count("<details>") == 1 and "<i>open</i>" in page
    assert '<th scope="col">kind</th>' in page


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (lambda b: b.set_filter(kind="case"), ["2", "1"]),
        (lambda b: b.set_search("ALPHA"), ["1"]),
        (lambda b: b.set_search("open"), []),  # HTML columns are not searched
        (lambda b: b.sort_by("n"), ["1", "2", "10", ""]),  # numbers as numbers, blanks last
        (lambda b: b.sort_by("n", descending=True), ["10", "2", "1", ""]),
        (lambda b: b.sort_by("text"), ["2", "1", "10", ""]),  # any case
    ],
)
def test_browser_filters_searches_and_sorts(action, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Each control keeps and orders the rows it should, and the count follows."""
    browser = _browser()
    assert browser.count.value == "4 of 4 rows"
    assert list(action(browser)["n"]) == expected
    assert browser.count.value == f"{len(expected)} of 4 rows"


def test_browser_pages_and_its_buttons_call_go() -> None:
    """Rows come a page at a time; the buttons move and are disabled at the ends."""
    browser = _browser(page_size=3)
    back, ahead = browser.pager
    assert len(browser.shown) == 3 and back.disabled and not ahead.disabled
    ahead.click()
    assert list(browser.shown["n"]) == [""] and browser.page_label.value == "page 2 of 2"
    assert ahead.disabled
    assert len(browser.go(-5)) == 3  # clamped
    browser.filters["kind"].value = "rule"  # a change goes back to page 1
    assert browser.page == 0 and browser.count.value == "1 of 4 rows"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda b: b.set_filter(colour="red"), KeyError),
        (lambda b: b.set_filter(kind="novel"), ValueError),
        (lambda b: b.sort_by("nope"), KeyError),
    ],
)
def test_browser_rejects_unknown_names(call, error: type[Exception]) -> None:  # type: ignore[no-untyped-def]
    """An unknown filter, value or sort column raises with the valid choices."""
    with pytest.raises(error):
        call(_browser())
    with pytest.raises(WorkbookError):
        call(_browser())


def test_fact_browser_numbers_dated_facts_and_links_sources() -> None:
    """Facts are numbered as on the timeline, with sources by title, never by id or file name."""
    case = ui_case()
    browser = fact_browser(case)
    assert list(browser.matched["#"]) == ["1", "2", ""]
    page = browser.body.value
    assert list(browser.set_filter(when="after the complaint")["fact"]) == ["late"]
    assert page.count("<td>T</td>") == 3  # the source's title
    assert "<td>s</td>" not in page and "<td>w</td>" not in page  # not its id nor its file


@pytest.mark.parametrize(
    ("where", "linked"), [("https://example.org/a?b=1&c=2", True), ("001_abc.txt", False)]
)
def test_source_link_is_a_link_only_on_the_web(where: str, linked: bool) -> None:
    """A source on the web is a link titled by the source; a file name is never shown."""
    case = ui_case()
    src = case.sources[0].model_copy(update={"where": where, "title": "A <title>"})
    html = source_link(src)
    assert ("<a href=" in html) == linked and "A &lt;title&gt;" in html
    assert "001_abc" not in html and ("&amp;c=2" in html) == linked


def test_authority_browser_gives_full_citations_and_the_verification_record() -> None:
    """Each authority shows its full citation and opens to its verification record."""
    case = ui_case()
    browser = authority_browser(case)
    page = browser.body.value
    assert "A v. B, 1 U.S. 1 (2000)" in page and page.count("<details>") == 2
    assert "Verification:" in page and "wb-unverified" in page


def test_parties_and_claims_are_wrapped_tables() -> None:
    """The parties table and the claims browser escape the case's text."""
    case = ui_case()
    assert "wb-records" in parties_html(case).data
    assert "claims" in claim_browser(case).count.value


@pytest.mark.parametrize(
    ("topic", "words"),
    [
        ("pi-standard", ["1 authority on this topic", "A v. B, 1 U.S. 1 (2000)"]),
        ("no-such-topic", ["no authority on this topic"]),
    ],
)
def test_authorities_on_a_topic_are_folded_under_their_count(topic: str, words: list[str]) -> None:
    """A reading's table of authorities opens from a line that says how many there are."""
    from workbook.ui.records import authorities_html

    page = authorities_html(ui_case(), topic=topic).data
    assert all(w in page for w in words)
    assert ("A v. B" in page) == (topic == "pi-standard")
