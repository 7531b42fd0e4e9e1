"""The logic sweep and the checks on declared effects: each kind of contradiction, planted."""

from __future__ import annotations

import pytest
import yaml
from conftest import QUESTION, ROLES, arg, case_from, default_arguments, make_case

from workbook import load_case
from workbook.__main__ import main
from workbook.casefile.load import check_case
from workbook.engine.factors import Decision
from workbook.engine.sweep import sweep
from workbook.errors import ContradictionError
from workbook.paths import CASES

SETTLES_HARM = {
    "id": "s",
    "text": "Is the harm irreparable as a matter of law?",
    "default": "open",
    "answers": [
        {"id": "open", "label": "Open"},
        {"id": "met", "label": "Yes", "settles": [{"element": "harm", "met": True}]},
        {"id": "not", "label": "No", "settles": [{"element": "harm", "met": False}]},
    ],
}


def kinds(report) -> set[str]:
    return {c.kind for c in report.contradictions}


@pytest.mark.parametrize("name", ["legion-v-lutnick", "tiktok-v-trump"])
def test_both_shipped_cases_sweep_clean(name):
    report = sweep(load_case(CASES / name))
    assert report.ok, [str(c) for c in report.contradictions[:5]]
    assert report.scenarios > 50


def test_a_settlement_both_ways_is_reported():
    other = {
        **QUESTION,
        "id": "t",
        "answers": [
            {"id": "yes", "label": "Yes"},
            {"id": "no", "label": "No", "settles": [{"element": "harm", "met": True}]},
        ],
    }
    case = make_case(questions=[QUESTION, SETTLES_HARM, other])  # 'not' and 'no' can hold together
    found = [c for c in sweep(case).contradictions if c.kind == "settled-both-ways"]
    assert found and found[0].answers == {"s": "not", "t": "no"}
    assert "harm is settled both ways" in found[0].message


def test_a_standard_that_ignores_settlements_and_requirements_is_reported():
    """Planted: a standard that always grants, whatever is settled or weak."""

    def always(scores, merge):
        ids = {s.id: True for s in scores}
        return Decision(True, scores[0].id, "granted", ids, ids)

    weak = [a for a in default_arguments() if a["id"] != "ha-1"] + [
        arg("ha-9", "opponent", "harm", 0.9)
    ]
    case = make_case(weak, questions=[QUESTION, SETTLES_HARM])
    report = sweep(case, standards={"always": always})
    assert {"settled-ignored", "grant-without-required"} <= kinds(report)
    ignored = [c for c in report.contradictions if c.kind == "settled-ignored"]
    assert ignored[0].answers == {"s": "not"} and "Harm is settled as not met" in ignored[0].message


def test_only_the_standards_the_question_on_it_offers_are_swept():
    """A case with a question on the standard is swept under the standards its answers apply."""
    on_standard = {
        "id": "std",
        "text": "Does the sliding scale survive Winter?",
        "default": "no",
        "answers": [
            {"id": "no", "label": "No", "standards": ["winter"]},
            {"id": "yes", "label": "Yes", "standards": ["sliding-scale"]},
        ],
    }
    case = make_case(questions=[QUESTION, on_standard])
    report = sweep(case)
    assert not [c for c in report.contradictions if c.kind == "standard-vs-answer"]
    # two standards, each under every single and pair of answer changes
    assert report.scenarios == 2 * sweep(case, standards={"winter": "winter"}).scenarios
    # asked for by name, an unoffered standard is weighed, and the clash is reported
    forced = sweep(case, standards={"winter-unmerged": "winter-unmerged"})
    assert {c.kind for c in forced.contradictions} == {"standard-vs-answer"}


def test_an_argument_resting_on_a_denied_fact_is_reported():
    question = {
        **QUESTION,
        "answers": [
            {"id": "yes", "label": "Yes"},
            {"id": "no", "label": "No", "denies": ["f1"]},
        ],
    }
    args = [*default_arguments(), arg("eq-9", "movant", "equities", 0.6, facts=["f1"])]
    sections = {
        "sources": [{"id": "s1", "kind": "news", "title": "T", "where": "x"}],
        "facts": [
            {"id": "f1", "statement": "It happened.", "sources": ["s1"], "status": "reported"}
        ],
    }
    case = case_from(ROLES, args, questions=[question], **sections)
    found = [c for c in sweep(case).contradictions if c.kind == "premise-denied"]
    assert found and found[0].answers == {"q": "no"} and "'eq-9'" in found[0].message


def write_case(tmp_path, questions, arguments=None, routes=None):
    """A toy case folder on disk (so `check` reads it as a user's file)."""
    data = {
        "case": {
            "id": "toy",
            "title": "T",
            "court": "D.D.C.",
            "motion": "PI",
            "movant": "p",
            "opponent": "d",
        },
        "parties": [
            {"id": "p", "name": "P", "role": "plaintiff"},
            {"id": "d", "name": "D", "role": "defendant"},
        ],
        "elements": [{"id": "harm", "name": "Harm", "role": "irreparable-harm"}],
        "questions": questions,
        "arguments": arguments or [],
    }
    if routes:
        data["routes"] = routes
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return tmp_path


CONTRADICTIONS = [
    (
        "one answer settles an element both ways",
        [
            {
                **QUESTION,
                "answers": [
                    {
                        "id": "yes",
                        "label": "Y",
                        "settles": [
                            {"element": "harm", "met": True},
                            {"element": "harm", "met": False},
                        ],
                    },
                    {"id": "no", "label": "N"},
                ],
            }
        ],
        None,
        "settle element 'harm' both ways",
    ),
    (
        "two questions' answers settle it both ways and can hold together",
        [
            SETTLES_HARM,
            {
                **QUESTION,
                "id": "t",
                "answers": [
                    {"id": "yes", "label": "Y", "settles": [{"element": "harm", "met": True}]},
                    {"id": "no", "label": "N"},
                ],
            },
        ],
        None,
        "can hold together but settle element 'harm' both ways",
    ),
    (
        "an argument requires the answer that closes its own route",
        [
            {
                **QUESTION,
                "answers": [
                    {"id": "yes", "label": "Y", "closes": ["r"]},
                    {"id": "no", "label": "N"},
                ],
            }
        ],
        [{**arg("a1", "movant", "harm", 0.6, requires={"q": ["yes"]}), "route": "r"}],
        "could never be in play",
    ),
    (
        "a question on the standard with an answer that names none",
        [
            {
                **QUESTION,
                "answers": [
                    {"id": "yes", "label": "Y", "standards": ["winter"]},
                    {"id": "no", "label": "N"},
                ],
            }
        ],
        None,
        "names no standard",
    ),
]


@pytest.mark.parametrize(("what", "questions", "arguments", "words"), CONTRADICTIONS)
def test_check_refuses_declared_effects_that_contradict(
    tmp_path, what, questions, arguments, words
):
    routes = [{"id": "r", "name": "Route", "element": "harm"}]
    report = check_case(write_case(tmp_path, questions, arguments, routes))
    problems = [p for p in report.problems if isinstance(p, ContradictionError)]
    assert problems, what
    assert words in str(problems[0]) and problems[0].line, what


def test_the_sweep_on_the_command_line(capsys):
    assert main(["check", "--sweep", "-q", str(CASES / "tiktok-v-trump")]) == 0
    assert "0 contradictions" in capsys.readouterr().out
