"""Small hand-made cases for the engine's tests, built in code so they never drift with the data."""

from __future__ import annotations

from typing import Any

from workbook.models import Case

ROLES = {
    "standing": "threshold",
    "success": "likelihood-of-success",
    "harm": "irreparable-harm",
    "equities": "balance-of-equities",
    "public": "public-interest",
}


def arg(id: str, side: str, element: str, strength: float, **more: Any) -> dict[str, Any]:
    """One argument as case-file data."""
    return {"id": id, "side": side, "element": element, "heading": id, "body": id,
            "strength": strength, "strength_reason": "test", **more}


def make_case(
    arguments: list[dict[str, Any]] | None = None,
    *,
    elements: dict[str, str] | None = None,
    questions: list[dict[str, Any]] | None = None,
    government: bool = False,
    case_id: str = "toy",
) -> Case:
    """A case with the given elements (id -> role), arguments and questions."""
    elements = ROLES if elements is None else elements
    if arguments is None:
        arguments = default_arguments()
    return Case.model_validate({
        "case": {"id": case_id, "title": "Toy v. Case", "court": "D.D.C.", "motion": "PI",
                 "movant": "p", "opponent": "d", "government_opponent": government},
        "parties": [{"id": "p", "name": "P", "role": "plaintiff"},
                    {"id": "d", "name": "D", "role": "defendant"}],
        "elements": [{"id": k, "name": k.title(), "role": v} for k, v in elements.items()],
        "questions": questions or [],
        "arguments": arguments,
    })


def default_arguments() -> list[dict[str, Any]]:
    """A balanced toy set: the movant leads on every element, one rebuttal, one question."""
    return [
        arg("st-1", "movant", "standing", 0.8),
        arg("su-1", "movant", "success", 0.7),
        arg("su-2", "opponent", "success", 0.5),
        arg("su-3", "movant", "success", 0.6, attacks=["su-2"]),
        arg("ha-1", "movant", "harm", 0.7, requires={"q": "yes"}),
        arg("ha-2", "opponent", "harm", 0.3),
        arg("eq-1", "movant", "equities", 0.6),
        arg("eq-2", "opponent", "equities", 0.4),
        arg("pu-1", "movant", "public", 0.6),
        arg("pu-2", "opponent", "public", 0.3, supports=["eq-2"]),
    ]


QUESTION = {"id": "q", "text": "Is it so?", "default": "yes",
            "answers": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}]}


def toy(**kw: Any) -> Case:
    """The default toy case with its one question."""
    kw.setdefault("questions", [QUESTION])
    return make_case(**kw)
