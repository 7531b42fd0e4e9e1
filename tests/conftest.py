"""Shared test setup: the doctest namespace, and the hand-made cases the tests build on.

Every hand-made case lives in the "case factories" section below, built in code so it
never drifts with the data files, and all on one base (:func:`case_from`) so the shape of
a case file is written down once. Tests import them: ``from conftest import toy``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest

import workbook
from workbook.models import Case


@pytest.fixture(autouse=True)
def _doctest_names(doctest_namespace):
    doctest_namespace["CASES"] = workbook.CASES


# --------------------------------------------------------------------------- case factories

#: The engine toy's elements: id -> role.
ROLES = {
    "standing": "threshold",
    "success": "likelihood-of-success",
    "harm": "irreparable-harm",
    "equities": "balance-of-equities",
    "public": "public-interest",
}

#: The engine toy's one question; its default keeps ``ha-1`` in play.
QUESTION = {
    "id": "q",
    "text": "Is it so?",
    "default": "yes",
    "answers": [{"id": "yes", "label": "Yes"}, {"id": "no", "label": "No"}],
}


def arg(id: str, side: str, element: str, strength: float, **more: Any) -> dict[str, Any]:
    """One argument as case-file data (heading and body default to the id)."""
    return {
        "id": id,
        "side": side,
        "element": element,
        "heading": id,
        "body": id,
        "strength": strength,
        "strength_reason": "test",
        **more,
    }


def case_from(
    elements: Mapping[str, str],
    arguments: Sequence[Mapping[str, Any]] = (),
    *,
    names: Mapping[str, str] | None = None,
    questions: Sequence[Mapping[str, Any]] | None = None,
    case_id: str = "toy",
    title: str = "Toy v. Case",
    government: bool | None = None,
    filed: str | None = None,
    **sections: Any,
) -> Case:
    """The base of every hand-made case: parties ``p`` v. ``d`` in the D.D.C. on a PI motion.

    Args:
        elements: element id -> role; each is named ``id.title()`` unless ``names`` says.
        arguments: argument records (see :func:`arg`).
        names: element id -> name, for the elements not named by their title-cased id.
        questions: question records (the section is left out when None).
        case_id: the case's id.
        title: the case's title.
        government: whether the opponent is the government (the last two factors merge);
            left unset (the schema's default, no) when None.
        filed: the complaint's ISO date, if any.
        **sections: any further top-level sections (``sources``, ``facts``, ``authorities``).

    """
    names = names or {}
    header: dict[str, Any] = {
        "id": case_id,
        "title": title,
        "court": "D.D.C.",
        "motion": "PI",
        "movant": "p",
        "opponent": "d",
    }
    if government is not None:
        header["government_opponent"] = government
    if filed is not None:
        header["filed"] = filed
    return Case.model_validate(
        {
            "case": header,
            "parties": [
                {"id": "p", "name": "P", "role": "plaintiff"},
                {"id": "d", "name": "D", "role": "defendant"},
            ],
            "elements": [
                {"id": k, "name": names.get(k, k.title()), "role": v} for k, v in elements.items()
            ],
            **({} if questions is None else {"questions": list(questions)}),
            **sections,
            "arguments": list(arguments),
        }
    )


def make_case(
    arguments: list[dict[str, Any]] | None = None,
    *,
    elements: dict[str, str] | None = None,
    questions: list[dict[str, Any]] | None = None,
    government: bool = False,
    case_id: str = "toy",
) -> Case:
    """The engine's toy: the given elements (default :data:`ROLES`), arguments and questions."""
    return case_from(
        ROLES if elements is None else elements,
        default_arguments() if arguments is None else arguments,
        questions=questions or [],
        government=government,
        case_id=case_id,
    )


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


def toy(**kw: Any) -> Case:
    """The engine's default toy with its one question: granted, deciding ``equities``."""
    kw.setdefault("questions", [QUESTION])
    return make_case(**kw)


def ui_case(arguments: bool = True) -> Case:
    """The UI's toy: granted under its defaults and denied (on ``success``) if q1 is 'no'.

    It has sources, dated and undated facts, two authorities (one verified), a government
    opponent and HTML-like text in its title and question, for the widgets to escape.
    """

    def ui_arg(id: str, side: str, element: str, strength: float, **extra: Any) -> dict:
        return arg(
            id,
            side,
            element,
            strength,
            heading=f"Heading {id}",
            body=f"Body {id}",
            strength_reason="r",
            **extra,
        )

    auth = {
        "id": "auth1",
        "kind": "case",
        "citation": "A v. B, 1 U.S. 1 (2000)",
        "short": "A",
        "topics": ["pi-standard"],
        "proposition": "p",
        "verification": {"status": "verified"},
    }
    auth2 = {
        **auth,
        "id": "auth2",
        "short": "Z",
        "kind": "statute",
        "topics": ["deemed-exports"],
        "verification": {"status": "unverified"},
    }
    args = [
        ui_arg("m0", "movant", "standing", 0.9),
        ui_arg("m1", "movant", "success", 0.9, requires={"q1": ["yes"]}, authorities=["auth1"]),
        ui_arg("o1", "opponent", "success", 0.3, attacks=["m1"], authorities=["auth2"]),
        ui_arg("m2", "movant", "harm", 0.8),
        ui_arg("o2", "opponent", "harm", 0.3),
        ui_arg("m3", "movant", "equities", 0.8),
        ui_arg("m4", "movant", "public-interest", 0.8),
    ]
    question = {
        "id": "q1",
        "text": "Is it <an> export?",
        "default": "yes",
        "elements": ["success"],
        "answers": [
            {"id": "yes", "label": "Yes", "authorities": ["auth1"]},
            {"id": "no", "label": "No"},
        ],
    }
    return case_from(
        {
            "standing": "threshold",
            "success": "likelihood-of-success",
            "harm": "irreparable-harm",
            "equities": "balance-of-equities",
            "public-interest": "public-interest",
        },
        args if arguments else [],
        names={"public-interest": "Public interest"},
        questions=[question],
        title="Toy <Corp> v. Case",
        government=True,
        filed="2026-06-23",
        sources=[{"id": "s", "kind": "news", "title": "T", "where": "w"}],
        facts=[
            {
                "id": "late",
                "statement": "L",
                "date": "2026-07-01",
                "sources": ["s"],
                "status": "reported",
            },
            {"id": "undated", "statement": "U", "sources": ["s"], "status": "alleged"},
            {
                "id": "early",
                "statement": "E",
                "date": "2026-06-01",
                "sources": ["s"],
                "status": "confirmed",
            },
        ],
        authorities=[auth, auth2],
    )


def chart_case(n_args: int = 0) -> Case:
    """The charts' toy: elements ``merits`` and ``harm``, three facts, ``n_args`` arguments.

    Argument ``a{i}`` is the movant's for even ``i`` (opponent's for odd), on ``harm`` when
    ``i`` is a multiple of 3 (else ``merits``), and each odd one attacks the one before it.
    """
    args = [
        arg(
            f"a{i}",
            "movant" if i % 2 == 0 else "opponent",
            "merits" if i % 3 else "harm",
            0.5,
            heading=f"Argument number {i} " * 3,
            body="b",
            strength_reason="r",
            attacks=[f"a{i - 1}"] if i % 2 else [],
        )
        for i in range(n_args)
    ]
    return case_from(
        {"merits": "likelihood-of-success", "harm": "irreparable-harm"},
        args,
        filed="2026-06-23",
        sources=[{"id": "s", "kind": "news", "title": "T", "where": "w"}],
        facts=[
            {
                "id": "f1",
                "statement": "Before.",
                "date": "2026-06-12",
                "sources": ["s"],
                "status": "reported",
            },
            {
                "id": "f2",
                "statement": "After.",
                "date": "2026-07-01",
                "sources": ["s"],
                "status": "disputed",
            },
            {"id": "f3", "statement": "Undated.", "sources": ["s"], "status": "alleged"},
        ],
    )
