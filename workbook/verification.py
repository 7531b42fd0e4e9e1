"""How sure we are of each authority, shown wherever an authority is shown.

An authority that is only partly verified, or not verified at all, must never
look settled. These helpers put its verification status next to its short form
in every widget and table that lists authorities, and check the citations in a
notebook's prose against the case file: that each cites an authority the case
file holds, at a page its record gives, and how well that authority is verified.

>>> STATUS_WORDS["partly-verified"]
'partly verified'
>>> cite_label("Winter, 555 U.S. at 20", "partly-verified")
'Winter, 555 U.S. at 20 [partly verified]'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from workbook.models import Authority, Case, Cite
from workbook.vocabulary import STATUS_WORDS, VERIFICATION_COLORS, verification_flag

__all__ = [
    "MEMO",
    "STATUS_WORDS",
    "CitedAuthority",
    "authority_badge",
    "check_citations",
    "cite_label",
    "cites_html",
    "match_citation",
    "pin_confirmed",
    "verification_summary",
]

MEMO = "docs/case-notes/cite-check.md"
"""Where the flagship case's cite-check memo lives, relative to the project root."""

_BLANK_PIN = "___"


def cite_label(short: str, status: str) -> str:
    """A short form with its status in brackets, unless it is verified (plain text)."""
    flag = verification_flag(status)
    return f"{short} {flag}" if flag else short


def authority_badge(status: str) -> str:
    """A small coloured HTML badge for a verification status (escaped)."""
    color = VERIFICATION_COLORS.get(status, VERIFICATION_COLORS["unverified"])
    words = html.escape(STATUS_WORDS.get(status, status))
    return (
        f'<span class="wb-badge wb-{html.escape(status)}" style="border:1px solid {color};'
        f'color:{color};border-radius:3px;padding:0 3px;font-size:85%">{words}</span>'
    )


def cites_html(case: Case, cites: Iterable[Cite]) -> str:
    """Authorities by short form, each with a status badge unless verified (escaped HTML)."""
    known = {a.id: a for a in case.authorities}
    parts = []
    for cite in cites:
        auth = known.get(cite.id)
        if auth is None:
            parts.append(f"{html.escape(cite.id)} {authority_badge('unverified')}")
            continue
        text = html.escape(auth.short or auth.id)
        status = auth.verification.status
        parts.append(text if status == "verified" else f"{text} {authority_badge(status)}")
    return "; ".join(parts)


@dataclass(frozen=True)
class CitedAuthority:
    """A citation from a notebook's prose, matched to a case-file authority (or not)."""

    text: str
    authority: Authority | None
    pin_ok: bool

    @property
    def problem(self) -> str:
        """Why the citation is not backed by the case file, or ``""`` when it is."""
        if self.authority is None:
            return "not in this case file"
        if not self.pin_ok:
            return "page not in the authority's record"
        return ""


def _base(short: str) -> str:
    return short.split(" at ", 1)[0].strip() if " at " in short else ""


def _pins(authority: Authority) -> set[str]:
    """Every page or section number the authority's record gives."""
    text = " ".join(
        [authority.pinpoint, authority.short, authority.quote.pin if authority.quote else ""]
    )
    return set(re.findall(r"[0-9][0-9A-Za-z()\-–]*", text))


def pin_confirmed(authority: Authority, pin: str) -> bool:
    """Whether the authority's record gives this pinpoint (each part of ``560-61, 562``).

    A blank page (``___``) is always allowed: it claims no page.
    """
    pin = pin.strip().rstrip(",;")
    if pin in ("", _BLANK_PIN) or pin.startswith("_"):
        return True
    pins = _pins(authority)
    parts = [p for p in re.split(r",\s*", pin) if p]
    return all(p in pins or p.split("(", 1)[0] in pins for p in parts)


def match_citation(case: Case, text: str) -> CitedAuthority:
    """Match one citation from prose to an authority by its short form.

    A citation matches when it is the authority's short form, or the short
    form's name and reporter (``"Lujan, 504 U.S."``) followed by ``at`` and a
    pinpoint that the authority's record gives (or ``___`` for no page).
    """
    for auth in case.authorities:
        if auth.short and text == auth.short:
            return CitedAuthority(text, auth, True)
    for auth in case.authorities:
        base = _base(auth.short)
        if base and text.startswith(base + " at "):
            pin = text[len(base) + 4 :].split(" ", 1)[0].rstrip(",;")
            ok = pin == _BLANK_PIN or all(p in _pins(auth) for p in re.split(r",\s*", pin) if p)
            return CitedAuthority(text, auth, ok)
    return CitedAuthority(text, None, False)


def check_citations(case: Case, shorts: Iterable[str]) -> str:
    """Say whether the citations in a notebook's prose are backed by the case file, and how well.

    Notebook prose cites authorities by the short forms of the case file; this
    text, printed under the prose, flags any citation the case file does not
    back (or whose page its record does not give), and names the cited
    authorities that are only partly verified or unverified.
    """
    found = [match_citation(case, s) for s in dict.fromkeys(shorts)]
    bad = [f for f in found if f.problem]
    if not bad:
        lines = [f"All {len(found)} authorities cited above are in the case file."]
    else:
        lines = [
            f"{len(bad)} of the {len(found)} authorities cited above are not backed by this "
            "case file: " + "; ".join(f"{f.text} ({f.problem})" for f in bad)
        ]
    for status in ("unverified", "partly-verified"):
        names = sorted(
            {
                f.text
                for f in found
                if f.authority is not None and f.authority.verification.status == status
            }
        )
        if names:
            lines.append(
                f"{STATUS_WORDS[status].capitalize()} (read the verification record "
                f"before relying on them): {'; '.join(names)}"
            )
    return "\n".join(lines)


def verification_summary(case: Case) -> str:
    """How many authorities are verified, partly verified and unverified (plain text)."""
    counts = {status: 0 for status in STATUS_WORDS}
    for auth in case.authorities:
        counts[auth.verification.status] = counts.get(auth.verification.status, 0) + 1
    parts = [f"{n} {STATUS_WORDS.get(s, s)}" for s, n in counts.items()]
    return f"{len(case.authorities)} authorities: " + ", ".join(parts) + "."
