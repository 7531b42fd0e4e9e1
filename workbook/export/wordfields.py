r"""Word fields for a brief: TA where an authority is cited, TOA to list the authorities.

Word builds a Table of Authorities from fields: a TA field marks each place an
authority is cited, and a TOA field, when fields are updated, lists every
authority marked in its category with the pages of its marks. The fields are
written as complex fields (``w:fldChar`` begin, ``w:instrText``, separate,
result, end), the form Word itself saves and LibreOffice reads.

A TA field is written the way Word's own *Mark All* writes it: the first mark
of an authority carries its long citation, its short citation and its category
(``TA \l "…" \s "…" \c 1``), later marks only the short citation
(``TA \s "…"``). The short citation is the long one (Word matches later marks to
the entry by it; the case file's short forms carry pin cites, so they would not
match from one citation to the next). The case name inside the long citation is
italic in the field code, which Word carries into the table. TA runs are hidden
text, as Word formats them, so nothing shows in print.

Categories are Word's own numbers where Word has a name for the group (1 Cases,
2 Statutes, 3 Other Authorities, 6 Regulations) and the first unnamed one for
administrative and executive materials (8); constitutional provisions and court
rules go with the statutes, as in the grouped table. Each TOA field
(``TOA \c "N" \p``: one category, *passim* for five pages or more) sits under a
heading the document writes itself, so ``\h`` (Word's own category heading)
is left out: it would print the heading twice and name category 8 "8".
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from workbook.export.italics import italic_pieces

__all__ = ["CATEGORIES", "Marks", "add_toa_field", "field_codes"]

#: TOA group title -> Word's TA/TOA category number.
CATEGORIES: dict[str, int] = {
    "Cases": 1,
    "Constitutional Provisions and Statutes": 2,
    "Regulations": 6,
    "Administrative and Executive Materials": 8,
    "Other Authorities": 3,
}


def _run(text: str = "", *, instr: bool = False, italic: bool = False, hidden: bool = False) -> Any:
    run = OxmlElement("w:r")
    if italic or hidden:
        props = OxmlElement("w:rPr")
        if italic:
            props.append(OxmlElement("w:i"))
        if hidden:
            props.append(OxmlElement("w:vanish"))
        run.append(props)
    node = OxmlElement("w:instrText" if instr else "w:t")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    return run


def _char(kind: str, *, hidden: bool = False) -> Any:
    run = OxmlElement("w:r")
    if hidden:
        props = OxmlElement("w:rPr")
        props.append(OxmlElement("w:vanish"))
        run.append(props)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _quoted(text: str) -> str:
    """A field argument in quotes: backslashes and quotes escaped as Word's field syntax wants."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field(
    para: Any, code: list[tuple[str, bool]], result: str | None, *, hidden: bool = False
) -> None:
    """Append a complex field to a paragraph: ``code`` as (text, italic) pieces."""
    p = para._p
    p.append(_char("begin", hidden=hidden))
    for text, italic in code:
        p.append(_run(text, instr=True, italic=italic, hidden=hidden))
    if result is not None:
        p.append(_char("separate", hidden=hidden))
        p.append(_run(result, hidden=hidden))
    p.append(_char("end", hidden=hidden))


def add_toa_field(para: Any, category: int, placeholder: str) -> None:
    """A TOA field for one category; ``placeholder`` shows until fields are updated."""
    _field(para, [(f' TOA \\c "{category}" \\p ', False)], placeholder)


class Marks:
    """Writes TA fields: the first mark of an authority in full, later ones by short citation.

    ``entries`` maps an authority id to (long citation, category number).
    ``names`` are the case names to set in italics inside the long citation.
    """

    def __init__(self, entries: dict[str, tuple[str, int]], names: tuple[str, ...]) -> None:
        self._entries = entries
        self._names = names
        self._marked: set[str] = set()

    def mark(self, para: Any, authority_ids: list[str]) -> None:
        """Append a TA field to ``para`` for each authority (each once), in the order given."""
        for auth_id in dict.fromkeys(authority_ids):
            if auth_id not in self._entries:
                continue
            long, category = self._entries[auth_id]
            if auth_id in self._marked:
                code = [(f" TA \\s {_quoted(long)} ", False)]
            else:
                self._marked.add(auth_id)
                code = [(" TA \\l ", False), *self._italic(_quoted(long))]
                code.append((f" \\s {_quoted(long)} \\c {category} ", False))
            _field(para, code, None, hidden=True)

    def _italic(self, text: str) -> list[tuple[str, bool]]:
        """``text`` split into (piece, italic) with the case names italic."""
        return italic_pieces(text, self._names)


def field_codes(paragraph: Any) -> list[str]:
    r"""The codes of the complex fields in a python-docx paragraph, in order, spaces collapsed.

    For reading a document back (tests, a cite-check): ``['TA \l "..." \s "..." \c 1']``.
    """
    codes: list[str] = []
    current: list[str] | None = None
    for node in paragraph._p.iter(qn("w:fldChar"), qn("w:instrText")):
        kind = node.get(qn("w:fldCharType"))
        if kind == "begin":
            current = []
        elif kind == "end" and current is not None:
            codes.append(" ".join("".join(current).split()))
            current = None
        elif node.tag == qn("w:instrText") and current is not None:
            current.append(node.text or "")
    return codes
