"""Writing citations: Bluebook full forms, short forms and "Id." from the structured fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from workbook.cite.parse import SHOULD_PARSE, ParsedCitation, parse_citation
from workbook.models import Authority, Case, Cite
from workbook.vocabulary import verification_flag as _flag

__all__ = ["Citer", "cited_ids", "full_form", "short_form", "verification_flag"]

_SLIP_OP = re.compile(r"slip op\.(?! at)")
_BLANK_PAGE = re.compile(r"_{2,}")
_SHORT_PIN = re.compile(r"^(?P<base>.*?\S)\s+at\s+(?P<pin>[^,;]+)$")
_SLIP_PIN = re.compile(r"^slip op\.\s+at\s+", re.IGNORECASE)


def _slip_page(pin: str) -> str:
    """A pin written as ``slip op. at 3`` without its words (the form supplies them)."""
    return _SLIP_PIN.sub("", pin)


# --------------------------------------------------------------------------- writing


def verification_flag(auth: Authority) -> str:
    """``[unverified]`` or ``[partly verified]`` for an authority not fully verified, else ''."""
    return _flag(auth.verification.status)


def _law_pinned(parsed: ParsedCitation, citation: str, pin: str) -> str:
    """``50 U.S.C. § 4821`` with a pin: ``(a)`` appends, ``§ 4821(a)`` replaces the section."""
    core = citation[parsed.start : parsed.end]
    if pin.startswith("§"):
        head = core.split("§")[0].rstrip()
        return f"{head} {pin}"
    if pin.startswith("("):
        return core + pin
    if parsed.section and pin.startswith(parsed.section):
        return f"{core.split('§')[0].rstrip()} § {pin}"
    if re.fullmatch(r"[A-Za-z0-9]{1,4}", pin):
        return f"{core}({pin})"
    return f"{core} {pin}"


def _case_pin(parsed: ParsedCitation, pin: str) -> str:
    if parsed.reporter == "WL" and not pin.startswith("at "):
        return f"at {pin}"
    return pin


def full_form(auth: Authority, pin: str = "") -> str:
    """The full citation, with ``pin`` written in where a pinpoint goes.

    >>> from workbook.models import Authority
    >>> a = Authority.model_validate({"id": "w", "kind": "case", "proposition": "p",
    ...     "citation": "Winter v. NRDC, 555 U.S. 7 (2008)",
    ...     "verification": {"status": "verified"}})
    >>> full_form(a, "20")
    'Winter v. NRDC, 555 U.S. 7, 20 (2008)'
    """
    text = auth.citation
    if not pin:
        return text
    parsed = parse_citation(text)
    if parsed.parsed and parsed.form == "case" and _SLIP_PIN.match(pin):
        return f"{text} ({pin})"  # a slip-opinion page on a reported case: say which pagination
    if parsed.parsed and (parsed.form == "case" or not parsed.section):
        return f"{text[: parsed.end]}, {_case_pin(parsed, pin)}{text[parsed.pin_end :]}"
    if parsed.parsed and parsed.form == "law" and parsed.section:
        pinned = _law_pinned(parsed, text, pin)
        return f"{text[: parsed.start]}{pinned}{text[parsed.pin_end :]}"
    if _SLIP_OP.search(text):
        return _SLIP_OP.sub(f"slip op. at {_slip_page(pin)}", text, count=1)
    return f"{text}, at {pin}"


def _case_name(auth: Authority, parsed: ParsedCitation) -> str:
    name = auth.citation[: parsed.start].rstrip(" ,")
    first = re.split(r"\s+v\.\s+", name, maxsplit=1)[0].strip()
    if (
        re.fullmatch(r"(the\s+)?united states( of america)?", first, re.IGNORECASE)
        and " v. " in name
    ):
        first = name.split(" v. ", 1)[1].strip()
    return first.split(",")[0].strip() or name


def short_form(auth: Authority, pin: str = "") -> str:
    """The Bluebook short form, from ``short`` when the file gives one, else generated.

    A pin replaces the one written in ``short`` (``Winter, 555 U.S. at 20`` cited at
    22 reads ``Winter, 555 U.S. at 22``).
    """
    parsed = parse_citation(auth.citation) if auth.kind in SHOULD_PARSE else ParsedCitation("none")
    if parsed.parsed and parsed.form == "case":
        if auth.short:
            match = _SHORT_PIN.match(auth.short)
            base = match.group("base") if match else auth.short
            if not re.search(r"\d", base):
                base = f"{base}, {parsed.volume} {parsed.reporter}"
        else:
            base = f"{_case_name(auth, parsed)}, {parsed.volume} {parsed.reporter}"
            if parsed.reporter == "WL":  # a database cite keeps its number: 2021 WL 950144, at *3
                base += f" {parsed.page}"
        if pin and _SLIP_PIN.match(pin):  # a slip-opinion page on a reported case
            return f"{base} {parsed.page} ({pin})"
        if pin:
            return f"{base}{',' if parsed.reporter == 'WL' else ''} at {pin.removeprefix('at ')}"
        return auth.short or f"{base} {parsed.page}"
    if parsed.parsed and parsed.form == "law" and parsed.section:
        if pin:
            return _law_pinned(parsed, auth.citation, pin)
        return auth.short or auth.citation[parsed.start : parsed.pin_end]
    register = parse_citation(auth.citation)
    if pin and register.parsed and register.form == "law" and register.page:
        return f"{register.volume} {register.reporter} at {pin}"
    base = auth.short or auth.citation
    if not pin:
        return base
    if "slip op." in base:
        pin = _slip_page(pin)
    if _BLANK_PAGE.search(base):
        return _BLANK_PAGE.sub(pin, base, count=1)
    match = _SHORT_PIN.match(base)
    return f"{match.group('base')} at {pin}" if match else f"{base}, at {pin}"


def _id_form(auth: Authority, pin: str) -> str:
    if not pin:
        return "Id."
    if _SLIP_PIN.match(pin):
        return f"Id., {pin}"
    parsed = parse_citation(auth.citation) if auth.kind in SHOULD_PARSE else ParsedCitation("none")
    if parsed.parsed and parsed.form == "law" and parsed.section:
        pinned = _law_pinned(parsed, auth.citation, pin)
        section = pinned[pinned.index("§") :] if "§" in pinned else pin
        return f"Id. {section}"
    return f"Id. at {pin.removeprefix('at ')}"


class Citer:
    """Writes citations in document order: full form first, short form after, "Id." when it can.

    Call :meth:`cite` for each citation sentence in the order the reader meets
    them. "Id." is used when the previous citation sentence cited exactly the
    same single authority. Each authority not fully verified is flagged, e.g.
    ``[unverified]``.
    """

    def __init__(self, case: Case, *, flags: bool = True) -> None:
        self._case = case
        self._flags = flags
        self._seen: set[str] = set()
        self._last: str | None = None
        self.used: list[str] = []

    def one(self, cite: Cite) -> str:
        """One citation (without touching "Id." state); updates the first-use record."""
        auth = self._case.authority(cite.id)
        if cite.id in self._seen:
            text = short_form(auth, cite.pin)
        else:
            text = full_form(auth, cite.pin)
            self._seen.add(cite.id)
        if cite.id not in self.used:
            self.used.append(cite.id)
        flag = verification_flag(auth) if self._flags else ""
        return f"{text} {flag}" if flag else text

    def cite(self, cites: Sequence[Cite]) -> str:
        """A citation sentence for ``cites`` (joined with '; '), or '' when there are none."""
        if not cites:
            self._last = None
            return ""
        if len(cites) == 1 and cites[0].id == self._last:
            auth = self._case.authority(cites[0].id)
            flag = verification_flag(auth) if self._flags else ""
            text = _id_form(auth, cites[0].pin)
            return f"{text} {flag}" if flag else text
        parts = [self.one(c) for c in cites]
        self._last = cites[0].id if len(cites) == 1 else None
        return "; ".join(parts)

    def break_chain(self) -> None:
        """Forget the previous citation (e.g. after a heading), so the next one is not "Id."."""
        self._last = None


def cited_ids(cites: Iterable[Cite]) -> list[str]:
    """Authority ids in first-cited order, without repeats."""
    return list(dict.fromkeys(c.id for c in cites))
