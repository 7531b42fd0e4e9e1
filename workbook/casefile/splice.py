r"""Where each record of a section sits in a YAML file's text, and splicing one in.

ruamel.yaml's round-trip loader reads a file keeping comments, key order and the
line and column of every record. :func:`parse_text` turns that into the lines each
record of one section spans; :func:`insert_record` writes a record's YAML (dumped
by ruamel.yaml in the shipped cases' style) in place of the old record or after the
section's last one, and leaves every other line as it was, byte for byte.

A record's lines run from its dash to the line before the next record, less the
blank and comment lines that end it at the dash's indentation or less: those
belong to what follows (a comment heading the next group of records, or the next
section), and are kept.

>>> text = "facts:\n  - id: a\n    status: alleged\n  # the b group\n  - id: b\n"
>>> found = parse_text(text, "facts")
>>> found.spans["a"], found.spans["b"]
((1, 3), (4, 5))
>>> print(insert_record(text, found, "facts", {"id": "c", "sources": ["memo", "letter"]}), end="")
facts:
  - id: a
    status: alleged
  # the b group
  - id: b
  - id: c
    sources: [memo, letter]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from workbook.errors import CaseFileSyntaxError

__all__ = ["RecordText", "insert_record", "parse_text", "render_record"]

_WIDTH = 96
_ID_LIKE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@dataclasses.dataclass(frozen=True)
class RecordText:
    """Where one section and its records sit in a file's lines (0-based, end exclusive)."""

    section: tuple[int, int] | None
    """The section's lines, from its key to its last record (None: the file lacks it)."""
    block: bool
    """Whether the section is a block list (``- id: ...`` lines) that records splice into."""
    spans: Mapping[str, tuple[int, int]]
    """Each record's lines, by id."""
    lines: Mapping[str, int]
    """The 1-based line of each record's id, by id (for messages)."""
    dash: int
    """The column of the records' dashes (2 unless the file says otherwise)."""
    items: tuple[Any, ...]
    """The records as read, for a section that is rewritten whole (not a block list)."""


def _yaml(*, dumping: bool = False) -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = _WIDTH
    if dumping:
        # The workbook reads YAML 1.1, in which `1:20` is a number and `no` false: written
        # by 1.1's rules, such text is quoted and reads back as written.
        yaml.version = (1, 1)
    return yaml


def _trimmed(lines: Sequence[str], start: int, end: int, dash: int) -> int:
    """``end`` moved up past trailing blank lines and comments at the dash's indent or less."""
    while end > start + 1:
        line = lines[end - 1]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped and not (stripped.startswith("#") and indent <= dash):
            break
        end -= 1
    return end


def parse_text(text: str, section: str, path: Path | None = None) -> RecordText:
    """Find ``section`` and its records in a file's text (read with ruamel.yaml).

    Raises:
        CaseFileSyntaxError: ruamel.yaml cannot read the text, or it is not a mapping.

    """
    try:
        data = _yaml().load(text) if text.strip() else CommentedMap()
    except YAMLError as exc:
        raise CaseFileSyntaxError(
            f"the editor cannot read this YAML ({type(exc).__name__})",
            path=path,
            hint="fix the file by hand; `python -m workbook check` says where",
        ) from None
    if data is None:
        data = CommentedMap()
    if not isinstance(data, CommentedMap):
        raise CaseFileSyntaxError("the top level must be a mapping of sections", path=path)
    lines = text.splitlines(keepends=True)
    if section not in data:
        return RecordText(None, False, {}, {}, 2, ())
    keys = list(data)
    start = data.lc.key(section)[0]
    after = keys.index(section) + 1
    end = data.lc.key(keys[after])[0] if after < len(keys) else len(lines)
    value = data[section]
    if not isinstance(value, CommentedSeq) or not value or value.fa.flow_style():
        end = _trimmed(lines, start, end, 0)
        items = tuple(value) if isinstance(value, list) else ()
        ids = {str(i["id"]): start + 1 for i in items if isinstance(i, Mapping) and "id" in i}
        return RecordText((start, end), False, {}, ids, 2, items)
    return _records(lines, value, (start, end))


def _records(lines: Sequence[str], seq: CommentedSeq, section: tuple[int, int]) -> RecordText:
    starts, dash = [], 2
    for i in range(len(seq)):
        line, col = seq.lc.item(i)
        before = lines[line][:col]
        if before.strip():  # "  - id: x": the dash is on the record's first line
            dash = before.rstrip().rfind("-")
        else:  # a dash alone on the line before
            line -= 1
            dash = lines[line].find("-")
        starts.append(line)
    spans: dict[str, tuple[int, int]] = {}
    ids: dict[str, int] = {}
    for i, begin in enumerate(starts):
        stop = starts[i + 1] if i + 1 < len(starts) else section[1]
        item = seq[i]
        rid = item.get("id") if isinstance(item, Mapping) else None
        if rid is None:
            continue
        spans[str(rid)] = (begin, _trimmed(lines, begin, stop, dash))
        ids[str(rid)] = (item.lc.key("id")[0] if isinstance(item, CommentedMap) else begin) + 1
    last = _trimmed(lines, starts[-1], section[1], dash)
    return RecordText((section[0], last), True, spans, ids, dash, ())


# --------------------------------------------------------------------------- writing


def _plain(value: Any) -> Any:
    """Plain data as ruamel.yaml nodes in the shipped style: short id lists in brackets."""
    if isinstance(value, Mapping):
        out = CommentedMap((k, _plain(v)) for k, v in value.items())
        if set(value) <= {"id", "pin"}:
            out.fa.set_flow_style()
        return out
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(_plain(v) for v in value)
        if all(isinstance(v, str) and _ID_LIKE.match(v) for v in value):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, (str, int, float, bool, dt.date)) or value is None:
        return value
    return str(value)


def render_record(record: Mapping[str, Any], dash: int = 2) -> str:
    """One record as a list item of YAML, its dash at column ``dash``.

    >>> print(render_record({"id": "winter", "verification": {"status": "unverified"}}), end="")
      - id: winter
        verification:
          status: unverified
    """
    out = io.StringIO()
    _yaml(dumping=True).dump(CommentedMap((k, _plain(v)) for k, v in record.items()), out)
    text = out.getvalue()
    body = text[text.index("\n---\n") + 5 :].splitlines()  # less the `%YAML 1.1` directive
    pad = " " * dash
    lines = [f"{pad}- {body[0]}"] + [f"{pad}  {line}" if line else "" for line in body[1:]]
    return "\n".join(lines) + "\n"


def insert_record(
    text: str,
    found: RecordText,
    section: str,
    record: Mapping[str, Any],
    *,
    replace: str | None = None,
) -> str:
    """The file's text with ``record`` put in place of record ``replace``, or added.

    Only the replaced record's lines change; a new record goes after the section's
    last one. A section the file lacks is added at its end; one written as an
    empty or bracketed list is rewritten as a block list (its records kept).
    """
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if found.section is None:
        gap = ["\n"] if lines and lines[-1].strip() else []
        return "".join([*lines, *gap, f"{section}:\n", render_record(record)])
    if not found.block:
        start, end = found.section
        kept = [i for i in found.items if not (isinstance(i, Mapping) and i.get("id") == replace)]
        put = [
            record if isinstance(i, Mapping) and i.get("id") == replace else i for i in found.items
        ]
        records = "".join(render_record(item) for item in (put if replace else [*kept, record]))
        return "".join([*lines[:start], f"{section}:\n", records, *lines[end:]])
    new = render_record(record, found.dash)
    if replace is not None:
        start, end = found.spans[replace]
        return "".join([*lines[:start], new, *lines[end:]])
    end = found.section[1]
    return "".join([*lines[:end], new, *lines[end:]])
