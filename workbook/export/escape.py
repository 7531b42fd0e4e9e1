r"""Make user-entered text inert in every output format.

Text typed by a user (an argument they added, a note, an exercise answer) is
written into Markdown, Word, HTML and Argdown files that other people open.
Each function here turns arbitrary text into text that the format shows
literally: no markup, no links, no scripts, no control characters.

>>> markdown_text("[click](http://x.test) <script>")
'\\[click\\](http\\://x.test) &lt;script&gt;'
>>> html_text('<b a="1">&amp;</b>')
'&lt;b a=&quot;1&quot;&gt;&amp;amp;&lt;/b&gt;'
"""

from __future__ import annotations

import html
import re

__all__ = [
    "argdown_text",
    "clean",
    "html_text",
    "markdown_spans",
    "markdown_text",
    "one_line",
]

# C0 and C1 controls except tab and newline, DEL, lone surrogates and the XML non-characters:
# Word refuses them in its XML, and terminals act on some of them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MD_INLINE = re.compile(r"([\\`*_{}\[\]|~!#])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")
_URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*):(?=//)|\b(www)\.")
_ARGDOWN = re.compile(r"([\\\[\]#@*_]|/(?=[/*]))")


def clean(text: str) -> str:
    """Remove control characters (keeping tab and newline) and normalise line ends."""
    return _CONTROLS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def one_line(text: str) -> str:
    """:func:`clean`, with every run of whitespace (newlines too) turned into one space."""
    return " ".join(clean(text).split())


def markdown_text(text: str) -> str:
    """Text for a Markdown paragraph or heading that renders literally.

    HTML-special characters become entities, Markdown punctuation is
    backslash-escaped, and URL schemes and ``www.`` are broken up so that no
    renderer turns them into links.
    """
    return markdown_spans([(one_line(text), False)])


def markdown_spans(pieces: list[tuple[str, bool]]) -> str:
    r"""Pieces of one line, escaped as :func:`markdown_text` escapes a line, the marked in italics.

    The pieces are a line already split (by :func:`one_line` and then by what is
    italic), so their spaces are kept as they are.

    >>> markdown_spans([("Winter v. NRDC", True), (", 555 U.S. 7; see *", False)])
    '*Winter v. NRDC*, 555 U.S. 7; see \\*'
    """
    out = []
    for k, (piece, italic) in enumerate(pieces):
        text = html.escape(clean(piece), quote=False)
        text = _MD_INLINE.sub(r"\\\1", text)
        text = _URL.sub(lambda m: f"{m.group(1)}\\:" if m.group(1) else "www\\.", text)
        if k == 0:
            text = _MD_LINE_START.sub(_escape_line_start, text)
        out.append(f"*{text}*" if italic and text else text)
    return "".join(out)


def _escape_line_start(match: re.Match[str]) -> str:
    lead, mark, number, dot = match.groups()
    return f"{lead}\\{mark}" if mark else f"{lead}{number}\\{dot}"


def html_text(text: str) -> str:
    """Text for an HTML element or attribute: every special character is an entity.

    Newlines are kept (use ``white-space: pre-wrap`` to show them).
    """
    return html.escape(clean(text), quote=True)


def argdown_text(text: str) -> str:
    """Text for an Argdown statement or argument description that the parser reads as text.

    Argdown's special characters are backslash-escaped; angle brackets become
    the single guillemets ``‹ ›`` (Argdown has no entities, and ``<...>`` names
    an argument).
    """
    out = one_line(text).replace("<", "‹").replace(">", "›")
    return _ARGDOWN.sub(r"\\\1", out)
