"""Verification badges and the prose citation check, on the flagship case file."""

from __future__ import annotations

import pytest

from workbook import DEFAULT_CASE, load_case
from workbook.models import Case, Cite
from workbook.verification import (
    authority_badge,
    check_citations,
    cite_label,
    cites_html,
    match_citation,
    verification_summary,
)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(DEFAULT_CASE)


@pytest.mark.parametrize(
    ("text", "authority", "problem"),
    [
        ("Winter, 555 U.S. at 20", "winter", ""),
        ("Winter, 555 U.S. at 22", "winter", ""),
        ("Lujan, 504 U.S. at 560-61", "lujan", ""),
        ("Newby, 838 F.3d at ___", "newby", ""),
        ("Nken, 556 U.S. at 435", "nken", "page not in the authority's record"),
        ("Wis. Gas, 758 F.2d at 675", "wisconsin-gas", "page not in the authority's record"),
        ("50 U.S.C. § 4821(a)", "ecra-4821", ""),
        ("Made Up v. Case, 1 U.S. at 1", None, "not in this case file"),
    ],
)
def test_match_citation(case: Case, text: str, authority: str | None, problem: str) -> None:
    """A prose citation matches its authority, and a page the record lacks is flagged."""
    found = match_citation(case, text)
    assert (found.authority.id if found.authority else None) == authority
    assert found.problem == problem


def test_check_citations_names_partly_verified_and_unbacked(case: Case) -> None:
    """The check says which citations the case file does not back and which are partly verified."""
    text = check_citations(
        case, ["Winter, 555 U.S. at 20", "Nken, 556 U.S. at 435", "Lujan, 504 U.S. at 562"]
    )
    assert text.startswith("1 of the 3 authorities cited above are not backed")
    assert "Nken, 556 U.S. at 435 (page not in the authority's record)" in text
    assert "Partly verified" in text and "Winter, 555 U.S. at 20" in text.splitlines()[1]
    assert "Lujan" not in text.splitlines()[1]  # verified


@pytest.mark.parametrize(
    ("status", "label", "word"),
    [
        ("verified", "X", "verified"),
        ("partly-verified", "X [partly verified]", "partly verified"),
        ("unverified", "X [unverified]", "unverified"),
    ],
)
def test_labels_and_badges(status: str, label: str, word: str) -> None:
    """Only a verified authority is shown without its status."""
    assert cite_label("X", status) == label
    assert f">{word}</span>" in authority_badge(status)


def test_cites_html_escapes_and_badges(case: Case) -> None:
    """Cited authorities are escaped and badged; an unknown id is shown as unverified."""
    hostile = Cite.model_construct(id="<b>x</b>")
    out = cites_html(case, [Cite(id="winter"), Cite(id="lujan"), hostile])
    assert "Winter, 555 U.S. at 20 <span" in out and "wb-partly-verified" in out
    assert "Lujan, 504 U.S. at 562;" in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out and "<b>" not in out


def test_verification_summary_counts(case: Case) -> None:
    """The summary counts every authority once."""
    text = verification_summary(case)
    assert text.startswith(f"{len(case.authorities)} authorities:")
