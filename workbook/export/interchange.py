"""Trade argument graphs with other tools: AIF JSON (OVA, AIFdb) out and back in, Argdown out.

**AIF.** The Argument Interchange Format as OVA and AIFdb write it as JSON:
``nodes`` (``nodeID``, ``text``, ``type``, ``timestamp``), ``edges``
(``edgeID``, ``fromID``, ``toID``), and empty ``locutions`` and
``participants``. Each argument in play is an I-node; each element is an
I-node claiming the movant has shown it. Arguments the scenario's answers put
out of play are left out of the graph and listed, with the reason, under
``workbook.out_of_play`` (so reading the file back does not drop them). A
support is an RA-node (premise -> RA -> conclusion), an attack a CA-node
(attacker -> CA -> attacked). Every argument's own movant-side arguments
support its element's node and the opponent's attack it.

AIF has no field for an argument's side, element, strength or authorities, so
each I-node carries them in an extra ``workbook`` object (AIFdb and OVA keep
fields they do not know), and the file carries the rest of the scenario
(answers, standard, semantics, ranges, notes) in a top-level ``workbook``
object. :func:`import_aif` reads all of it back: case arguments map back by
id, missing ones are dropped, arguments that are not in the case are the
user's own, and an I-node drawn by hand in OVA (no ``workbook`` object)
becomes a new argument whose side and element follow from what it attacks or
supports. Relations between the case's own arguments are fixed by the case
file; a new one drawn between them is reported, not imported.

Argdown out is in :mod:`workbook.export.argdown`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from typing import Any

import pydantic

from workbook.engine.analysis import analyse
from workbook.engine.effects import effects
from workbook.errors import WorkspaceError
from workbook.models import Argument, Case
from workbook.scenario import Scenario

__all__ = ["AIF_VERSION", "ImportResult", "export_aif", "import_aif", "in_play"]

#: Version of the ``workbook`` extension objects in AIF files written here.
AIF_VERSION = 1
_ARG_FIELDS = (
    "id",
    "side",
    "element",
    "heading",
    "body",
    "authorities",
    "facts",
    "strength",
    "strength_reason",
    "requires",
    "route",
    "harm",
    "reply",
)
_SCENARIO_FIELDS = ("case", "answers", "standard", "priors", "semantics", "ranges", "notes")


@dataclasses.dataclass(frozen=True)
class ImportResult:
    """A scenario read back from AIF, and what could not be carried into it."""

    scenario: Scenario
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------- AIF out


def _aif_graph(case: Case, scenario: Scenario) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, str]] = []
    ids: dict[str, str] = {}

    def node(text: str, kind: str, extra: dict[str, Any] | None = None) -> str:
        node_id = str(len(nodes) + 1)
        record: dict[str, Any] = {"nodeID": node_id, "text": text, "type": kind, "timestamp": ""}
        if kind in ("RA", "CA"):
            record["scheme"] = "Default Inference" if kind == "RA" else "Default Conflict"
        if extra is not None:
            record["workbook"] = extra
        nodes.append(record)
        return node_id

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target})

    def relate(source: str, target: str, kind: str) -> None:
        middle = node("Default Inference" if kind == "RA" else "Default Conflict", kind)
        edge(source, middle)
        edge(middle, target)

    for el in case.elements:
        ids[f"element:{el.id}"] = node(
            f"The movant has shown: {el.name}", "I", {"kind": "element", "element": el.id}
        )
    arguments, out_of_play = in_play(case, scenario)
    for arg in arguments:
        data = arg.model_dump(mode="json", include=set(_ARG_FIELDS))
        ids[arg.id] = node(f"{arg.heading}: {arg.body}", "I", {"kind": "argument", **data})
    for arg in arguments:
        target = ids.get(f"element:{arg.element}")
        if target:
            relate(ids[arg.id], target, "RA" if arg.side == "movant" else "CA")
        for rel, kind in (("supports", "RA"), ("attacks", "CA")):
            for other in getattr(arg, rel):
                if other in ids:
                    relate(ids[arg.id], ids[other], kind)
    extra = _extra(scenario, out_of_play)
    return {
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "participants": [],
        "workbook": {"format": "workbook-aif", "version": AIF_VERSION, **extra},
    }


def _extra(scenario: Scenario, out_of_play: Mapping[str, str]) -> dict[str, Any]:
    """The top-level ``workbook`` object: the scenario, and what the graph leaves out.

    The arguments out of play, with the reason; the user's own out of play, whole;
    the relations of the user's arguments to arguments the graph leaves out; and
    the base-strength overrides of case arguments it leaves out. So nothing of the
    user's is lost on the way back in.
    """
    extra: dict[str, Any] = scenario.model_dump(mode="json", include=set(_SCENARIO_FIELDS))
    extra["out_of_play"] = dict(out_of_play)
    extra["added_relations"] = {
        a.id: {"attacks": list(a.attacks), "supports": list(a.supports)}
        for a in scenario.added
        if a.id not in out_of_play
    }
    extra["out_of_play_strengths"] = {
        k: v for k, v in scenario.strengths.items() if k in out_of_play
    }
    extra["added_out_of_play"] = [
        a.model_dump(mode="json", include={*_ARG_FIELDS, "attacks", "supports"})
        for a in scenario.added
        if a.id in out_of_play
    ]
    return extra


def in_play(case: Case, scenario: Scenario) -> tuple[list[Argument], dict[str, str]]:
    """The scenario's arguments in play, and why each other case argument is out."""
    result = analyse(case, scenario, samples=0, whatifs=False).result
    arguments = [a for a in scenario.arguments(case) if a.id in result.strengths]
    return arguments, dict(sorted(result.excluded.items()))


def export_aif(case: Case, scenario: Scenario | None = None) -> str:
    """The scenario's argument graph as AIF JSON (sorted keys, two-space indent)."""
    scenario = scenario or Scenario(case=case.case.id)
    return json.dumps(_aif_graph(case, scenario), indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- AIF in


def _fail(problem: str, key: str | None = None) -> WorkspaceError:
    return WorkspaceError(
        f"not an AIF file the workbook can read: {problem}",
        key=key,
        hint="export the graph from OVA or AIFdb as AIF JSON",
    )


def _parse(data: str | bytes | Mapping[str, Any]) -> Mapping[str, Any]:
    if isinstance(data, Mapping):
        parsed: Any = data
    else:
        try:
            parsed = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise _fail(f"invalid JSON ({exc})") from None
    if not isinstance(parsed, Mapping):
        raise _fail("the top level is not an object")
    for key in ("nodes", "edges"):
        if not isinstance(parsed.get(key), list):
            raise _fail(f"`{key}` is missing or not a list", key)
    return parsed


def _nodes(graph: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i, raw in enumerate(graph["nodes"]):
        if not isinstance(raw, Mapping) or "nodeID" not in raw or "type" not in raw:
            raise _fail("a node without `nodeID` or `type`", f"nodes[{i}]")
        out[str(raw["nodeID"])] = dict(raw)
    return out


def _relations(
    graph: Mapping[str, Any], nodes: Mapping[str, Mapping[str, Any]]
) -> list[tuple[str, str, str]]:
    """(kind RA|CA, premise node, conclusion node) for every scheme node, in file order."""
    into: dict[str, list[str]] = {}
    out_of: dict[str, list[str]] = {}
    for i, raw in enumerate(graph["edges"]):
        if not isinstance(raw, Mapping) or "fromID" not in raw or "toID" not in raw:
            raise _fail("an edge without `fromID` or `toID`", f"edges[{i}]")
        source, target = str(raw["fromID"]), str(raw["toID"])
        into.setdefault(target, []).append(source)
        out_of.setdefault(source, []).append(target)
    found = []
    for node_id, record in nodes.items():
        if record["type"] not in ("RA", "CA"):
            continue
        for premise in into.get(node_id, []):
            for conclusion in out_of.get(node_id, []):
                if (
                    nodes.get(premise, {}).get("type") == "I"
                    and nodes.get(conclusion, {}).get("type") == "I"
                ):
                    found.append((record["type"], premise, conclusion))
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "node"


class _Reader:
    """Rebuilds a scenario from a parsed AIF graph."""

    def __init__(self, case: Case, graph: Mapping[str, Any]) -> None:
        self.case = case
        self.nodes = _nodes(graph)
        self.relations = _relations(graph, self.nodes)
        self.notes: list[str] = []
        self.case_args = {a.id: a for a in case.arguments}
        self.elements = {e.id for e in case.elements}
        self.arg_of: dict[str, str] = {}  # node id -> argument id
        self.element_of: dict[str, str] = {}  # node id -> element id
        self.data: dict[str, dict[str, Any]] = {}  # argument id -> its fields
        self.hand_drawn: list[str] = []

    def read_nodes(self) -> None:
        for node_id, record in self.nodes.items():
            if record["type"] != "I":
                continue
            extra = record.get("workbook")
            if isinstance(extra, Mapping) and extra.get("kind") == "element":
                if extra.get("element") in self.elements:
                    self.element_of[node_id] = str(extra["element"])
                continue
            if isinstance(extra, Mapping) and extra.get("kind") == "argument" and extra.get("id"):
                arg_id = str(extra["id"])
                if arg_id in self.data:
                    self.notes.append(f"argument {arg_id!r} appears twice; the first is kept")
                    continue
                self.arg_of[node_id] = arg_id
                self.data[arg_id] = {k: v for k, v in extra.items() if k in _ARG_FIELDS}
            else:
                self.hand_drawn.append(node_id)

    def infer_hand_drawn(self) -> None:
        """Give hand-drawn I-nodes a side and element from what they attack or support."""
        for node_id in self.hand_drawn:
            text = str(self.nodes[node_id].get("text") or "").strip() or f"Node {node_id}"
            side = element = None
            for kind, premise, conclusion in self.relations:
                if premise != node_id:
                    continue
                if conclusion in self.element_of:
                    side = "movant" if kind == "RA" else "opponent"
                    element = self.element_of[conclusion]
                elif conclusion in self.arg_of:
                    target = self.data[self.arg_of[conclusion]]
                    same = kind == "RA"
                    side = (
                        target.get("side")
                        if same
                        else ("opponent" if target.get("side") == "movant" else "movant")
                    )
                    element = target.get("element")
                if side and element:
                    break
            if not (side and element):
                self.notes.append(
                    f"node {node_id} ({text[:40]!r}) relates to no element or "
                    "argument; it was not imported"
                )
                continue
            arg_id = f"aif-{_slug(node_id)}-{_slug(text)}"
            self.arg_of[node_id] = arg_id
            self.data[arg_id] = {
                "id": arg_id,
                "side": side,
                "element": element,
                "heading": text[:120],
                "body": text,
                "strength": 0.5,
                "strength_reason": "Drawn in an AIF editor; strength not yet set.",
            }

    def link(self) -> None:
        for kind, premise, conclusion in self.relations:
            source = self.arg_of.get(premise)
            target = self.arg_of.get(conclusion)
            if source is None or target is None:
                continue  # element links follow from side and element
            rel = "supports" if kind == "RA" else "attacks"
            if source in self.case_args:
                if target not in getattr(self.case_args[source], rel):
                    self.notes.append(
                        f"{source!r} {rel} {target!r} in the AIF file but not in the "
                        "case file; a case argument's relations cannot change"
                    )
                continue
            targets = self.data[source].setdefault(rel, [])
            if target not in targets:
                targets.append(target)

    def _answered_out(self, base: Mapping[str, Any]) -> set[str]:
        """Case arguments the answers put out of play (absent from the graph, yet not dropped)."""
        listed = base.get("out_of_play")
        if isinstance(listed, Mapping):  # our own file says why each one is out
            return {str(a) for a, why in listed.items() if not str(why).startswith("dropped")}
        answers = {**self.case.default_answers}
        given = base.get("answers")
        if isinstance(given, Mapping):
            answers.update({str(k): str(v) for k, v in given.items() if k in answers})
        for q in self.case.questions:
            if answers[q.id] not in q.answer_ids:
                answers[q.id] = q.default
        fx = effects(self.case, self.case.arguments, answers)
        return {a.id for a, ok in zip(self.case.arguments, fx.available, strict=True) if not ok}

    def _argument(self, arg_id: str, fields: dict[str, Any]) -> Argument:
        fields.setdefault("attacks", [])
        fields.setdefault("supports", [])
        try:
            return Argument.model_validate(fields)
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            raise _fail(
                f"argument {arg_id!r}: {first['msg']}", ".".join(str(p) for p in first["loc"])
            ) from None

    def scenario(self, base: Mapping[str, Any]) -> Scenario:
        added: list[Argument] = []
        strengths: dict[str, Any] = {}
        recorded = base.get("added_relations")
        for arg_id, fields in self.data.items():
            kept = recorded.get(arg_id) if isinstance(recorded, Mapping) else None
            if isinstance(kept, Mapping) and arg_id not in self.case_args:
                for rel in ("attacks", "supports"):
                    drawn = fields.get(rel, [])
                    fields[rel] = [
                        *kept.get(rel, []),
                        *(t for t in drawn if t not in kept.get(rel, [])),
                    ]
            if arg_id in self.case_args:
                original = self.case_args[arg_id]
                value = fields.get("strength", original.strength)
                if value != original.strength:
                    strengths[arg_id] = value
                continue
            added.append(self._argument(arg_id, fields))
        # out of play only because of the answers: still in the scenario, not dropped
        answered_out = self._answered_out(base)
        dropped = tuple(a for a in self.case_args if a not in self.data and a not in answered_out)
        hidden = base.get("out_of_play_strengths")
        if isinstance(hidden, Mapping):
            strengths.update({k: v for k, v in hidden.items() if k in self.case_args})
        for record in base.get("added_out_of_play") or ():
            if isinstance(record, Mapping) and record.get("id") not in self.data:
                self.data[str(record.get("id"))] = dict(record)
                added.append(self._argument(str(record.get("id")), dict(record)))
        fields = {k: v for k, v in base.items() if k in _SCENARIO_FIELDS}
        fields["case"] = self.case.case.id
        try:
            return Scenario.model_validate(
                {**fields, "dropped": dropped, "added": added, "strengths": strengths}
            )
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            raise _fail(
                f"the scenario: {first['msg']}", ".".join(str(p) for p in first["loc"])
            ) from None


def import_aif(
    data: str | bytes | Mapping[str, Any], case: Case, base: Scenario | None = None
) -> ImportResult:
    """Read an AIF graph back into a scenario of ``case``.

    ``base`` supplies what AIF cannot carry (answers, standard...) when the file
    has no top-level ``workbook`` object; otherwise the file's values are used.

    Raises:
        WorkspaceError: the data is not AIF JSON, or an argument in it is malformed.

    """
    graph = _parse(data)
    reader = _Reader(case, graph)
    reader.read_nodes()
    reader.infer_hand_drawn()
    reader.link()
    extra = graph.get("workbook")
    if isinstance(extra, Mapping) and extra.get("format") == "workbook-aif":
        version = extra.get("version", AIF_VERSION)
        if isinstance(version, int) and version > AIF_VERSION:
            raise _fail(
                f"it was written by a newer workbook (format {version})", "workbook.version"
            )
        fields: Mapping[str, Any] = extra
    else:
        fields = base.model_dump(mode="json") if base else {}
    return ImportResult(reader.scenario(fields), tuple(reader.notes))
