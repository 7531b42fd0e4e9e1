"""Read the YAML of a case file safely, remembering where every key came from.

Only plain YAML is accepted: no tags but the standard ones, no aliases or merge
keys, no duplicate keys, no file over 5 MB. Keys are read as the text written
(YAML 1.1 would turn ``on:`` into a boolean), and so are the bare words
yes/no/on/off as values. :func:`read_case_data` merges a folder's files into one
mapping of sections and returns, beside it, the file and line of every key path,
which :mod:`workbook.load` uses to place each problem it finds.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from workbook.errors import CaseFileSchemaError, CaseFileSyntaxError
from workbook.models import Case
from workbook.paths import CASE_SUFFIXES, read_at_most
from workbook.vocabulary import did_you_mean

__all__ = ["SECTIONS", "Located", "Path_", "key_path", "kind_of", "read_case_data"]

SECTIONS: tuple[str, ...] = tuple(Case.model_fields)
_MAX_BYTES = 5_000_000
_MAX_TOTAL = 20_000_000  # a whole case folder
_MAX_DEPTH = 32  # the shipped cases nest at most about 8 levels

Path_ = tuple[str | int, ...]


def kind_of(value: Any) -> str:
    """The YAML kind of a value, as an error message names it."""
    names: dict[type, str] = {dict: "mapping", list: "list", str: "text"}
    return names.get(type(value), type(value).__name__)


def key_path(path: Path_, data: Mapping[str, Any] | None = None) -> str:
    """Render a key path as ``arguments[id=irr-1].strength``."""
    out = ""
    node: Any = data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[id={ident}]" if isinstance(ident, str) else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else part
            node = node.get(part) if isinstance(node, dict) else None
    return out


# --------------------------------------------------------------------------- reading YAML


class Located:
    """Where each key path of the merged data came from: (file, line)."""

    def __init__(self) -> None:
        self._where: dict[Path_, tuple[Path, int]] = {}
        self.section_file: dict[str, Path] = {}

    def add(self, path: Path_, file: Path, line: int) -> None:
        """Record where ``path`` was read."""
        self._where[path] = (file, line)

    def find(self, path: Path_) -> tuple[Path | None, int | None]:
        """The file and line of ``path``, or of its nearest located parent."""
        for cut in range(len(path), 0, -1):
            hit = self._where.get(path[:cut])
            if hit:
                return hit
        return None, None


_BOOL = "tag:yaml.org,2002:bool"


def _tag(tag: str) -> str:
    """A tag as it was written: ``!!python/object`` rather than its long form."""
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


_COLLECTIONS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SCALARS: dict[str, Callable[[yaml.constructor.SafeConstructor, yaml.ScalarNode], Any]] = {
    "tag:yaml.org,2002:str": yaml.constructor.SafeConstructor.construct_yaml_str,
    "tag:yaml.org,2002:int": yaml.constructor.SafeConstructor.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.constructor.SafeConstructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.constructor.SafeConstructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": yaml.constructor.SafeConstructor.construct_yaml_null,
    "tag:yaml.org,2002:timestamp": yaml.constructor.SafeConstructor.construct_yaml_timestamp,
}


def _refuse(file: Path) -> Callable[[str, str], CaseFileSyntaxError]:
    def refuse(problem: str, hint: str) -> CaseFileSyntaxError:
        return CaseFileSyntaxError(problem, path=file, hint=hint)

    return refuse


def _text(file: Path) -> str:
    """The file's text: at most 5 MB of UTF-8 from a regular file."""
    try:
        return read_at_most(
            file, _MAX_BYTES, _refuse(file), "case file", "split the case into several files"
        ).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileSyntaxError(
            f"file is not UTF-8 text ({exc.reason} at byte {exc.start})",
            path=file,
            hint="save the file as UTF-8",
        ) from None
    except OSError as exc:
        raise CaseFileSyntaxError(
            f"cannot read the file ({exc.strerror or exc})",
            path=file,
            hint="check the path and permissions",
        ) from None


# libyaml composes about ten times faster, caps nesting at 1000 levels instead of running out
# of stack, and builds the same nodes; its error messages differ, so a file it refuses is
# read again by the pure-Python loader, whose messages the golden tests pin.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(file: Path, text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        with contextlib.suppress(yaml.YAMLError):
            fast: yaml.Node | None = yaml.compose(text, Loader=_FAST_LOADER)
            return fast
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
        return node
    except RecursionError:  # PyYAML composes recursively; a few hundred levels exhaust it
        raise CaseFileSyntaxError(
            f"nested far more than {_MAX_DEPTH} levels deep",
            path=file,
            hint="a case file nests a few levels (section, record, field); remove the extra "
            "brackets or indentation",
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = f"not valid YAML: {exc.problem or exc.context}"
        raise CaseFileSyntaxError(
            problem,
            path=file,
            line=line,
            hint="check indentation, colons and quotes on that line or the one before; "
            "quote text that contains ': ' or starts with a special character",
        ) from None
    except yaml.YAMLError as exc:
        # A ReaderError (a character YAML forbids) has a position but no mark.
        position = getattr(exc, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        raise CaseFileSyntaxError(
            f"not valid YAML: {exc}",
            path=file,
            line=line,
            hint="remove control characters; case files are plain UTF-8 text",
        ) from None


class _Builder:
    """Turns composed YAML nodes into plain Python data, recording every line."""

    def __init__(self, file: Path, located: Located) -> None:
        self.file = file
        self.located = located
        self.seen: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def _fail(self, node: yaml.Node, problem: str, path: Path_, hint: str) -> CaseFileSyntaxError:
        return CaseFileSyntaxError(
            problem,
            path=self.file,
            line=node.start_mark.line + 1,
            key=key_path(path) or None,
            hint=hint,
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            raise self._fail(
                node,
                "YAML aliases (*name) are not allowed in case files",
                path,
                "write the value out in full instead of referring to an anchor",
            )
        self.seen.add(id(node))
        if len(path) > _MAX_DEPTH:
            raise self._fail(
                node,
                f"nested more than {_MAX_DEPTH} levels deep",
                path[:3],
                "a case file nests a few levels (section, record, field); remove the extra "
                "brackets or indentation",
            )
        if isinstance(node, yaml.CollectionNode) and node.tag not in _COLLECTIONS:
            raise self._fail(
                node,
                f"YAML tag {_tag(node.tag)!r} is not allowed in case files",
                path,
                "remove the tag (the part starting with '!'); case files hold plain lists "
                "and mappings",
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            out = []
            for i, item in enumerate(node.value):
                self.located.add((*path, i), self.file, item.start_mark.line + 1)
                out.append(self.build(item, (*path, i)))
            return out
        assert isinstance(node, yaml.ScalarNode)
        plain = not node.style  # None from PyYAML, "" from libyaml
        if node.tag == _BOOL and plain and node.value.lower() not in ("true", "false"):
            # YAML 1.1 reads yes/no/on/off as booleans; case files use them as answer ids.
            # Kept as text, a yes/no still validates where the model wants a boolean.
            return node.value
        make = _SCALARS.get(node.tag)
        if make is None:
            raise self._fail(
                node,
                f"YAML tag {_tag(node.tag)!r} is not allowed in case files",
                path,
                "remove the tag (the part starting with '!'); case files hold plain text, "
                "numbers, dates, lists and mappings",
            )
        try:
            return make(self.constructor, node)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            raise self._fail(
                node,
                f"cannot read the value ({exc})",
                path,
                "write a real date as YYYY-MM-DD"
                if node.tag.endswith("timestamp")
                else "fix the value",
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self._fail(
                    key_node,
                    "YAML merge keys (<<) are not allowed in case files",
                    path,
                    "write the keys out in full",
                )
            # Keys are field names and ids, so read them as the text written: YAML 1.1 would
            # otherwise turn keys such as `on:` or `yes:` into booleans.
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _SCALARS:
                raise self._fail(
                    key_node,
                    "keys must be plain text",
                    path,
                    "quote the key, or remove the list or mapping used as a key",
                )
            key = key_node.value
            if key in out:
                first = self.located.find((*path, key))[1]
                raise self._fail(
                    key_node,
                    f"key {key!r} appears twice in the same mapping",
                    (*path, key),
                    f"remove one of them (the other is on line {first})",
                )
            self.located.add((*path, key), self.file, key_node.start_mark.line + 1)
            out[key] = self.build(value_node, (*path, key))
        return out


def _files(path: Path) -> list[Path]:
    try:
        return _listed(path)
    except OSError as exc:  # a folder we may not read, a name too long for the system
        raise CaseFileSyntaxError(
            f"cannot read the case ({exc.strerror or exc})",
            path=path,
            hint="check the path and its permissions",
        ) from None


def _listed(path: Path) -> list[Path]:
    if path.is_dir():
        # Not only regular files: a pipe or device named *.yaml is refused when read, not skipped.
        files = sorted(p for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES)
        if not files:
            raise CaseFileSyntaxError(
                "no case files here", path=path, hint="a case folder holds one or more *.yaml files"
            )
        return files
    if path.exists():
        return [path]
    raise CaseFileSyntaxError(
        "no such file or folder", path=path, hint="give the path of a case folder or a case file"
    )


def read_case_data(path: str | Path) -> tuple[dict[str, Any], Located]:
    """Read a case folder or file into plain data, and where each key came from.

    Raises :class:`CaseFileError` for YAML problems and misplaced sections.
    """
    path = Path(path)
    located = Located()
    merged: dict[str, Any] = {}
    texts, total = [], 0
    for file in _files(path):  # all read and the total checked before any is parsed
        text = _text(file)
        total += len(text.encode("utf-8"))
        if total > _MAX_TOTAL:
            raise CaseFileSyntaxError(
                f"the case's files hold more than {_MAX_TOTAL:,} bytes, the most a case may have",
                path=path,
                hint="a case is far smaller; keep only its own *.yaml files in the folder",
            )
        texts.append((file, text))
    for file, text in texts:
        node = _compose(file, text)
        if node is None:
            continue  # an empty file holds no sections
        data = _Builder(file, located).build(node, ())
        if not isinstance(data, dict):
            raise CaseFileSchemaError(
                f"the top level must be a mapping of sections, not a {kind_of(data)}",
                path=file,
                line=node.start_mark.line + 1,
                hint=f"start the file with one of the sections: {', '.join(SECTIONS)}",
            )
        for section, value in data.items():
            line = located.find((section,))[1]
            if section not in SECTIONS:
                raise CaseFileSchemaError(
                    f"unknown section {section!r}",
                    path=file,
                    line=line,
                    key=section,
                    hint=did_you_mean(section, SECTIONS) + f"sections are: {', '.join(SECTIONS)}",
                )
            if section in merged:
                other = located.section_file[section]
                raise CaseFileSchemaError(
                    f"section {section!r} is defined twice (also in {other.name})",
                    path=file,
                    line=line,
                    key=section,
                    hint="keep each section in one file",
                )
            merged[section] = value
            located.section_file[section] = file
    return merged, located
