"""What `check` warns about (wrong-way links, loose ends) and refuses (a bare threshold)."""

from __future__ import annotations

import copy

import pytest
import yaml

from workbook.casefile.load import check_case
from workbook.casefile.new import _TEMPLATE  # the template a new case starts from


def base() -> dict:
    text = _TEMPLATE.format(schema="x", folder="x", id="t", title='"T"', court='"C"')
    return yaml.safe_load(text)


def write(tmp_path, data):
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return check_case(tmp_path)


def supports_other_side(d):
    d["arguments"][0]["supports"] = ["o-success-example"]


def attacks_own_side(d):
    d["arguments"].append({**copy.deepcopy(d["arguments"][0]), "id": "m-2"})
    d["arguments"][1]["requires"] = {}
    d["arguments"][-1]["attacks"] = ["m-standing-example"]


def quote_from_elsewhere(d):
    d["sources"].append({"id": "news", "kind": "news", "title": "N", "where": "n"})
    d["facts"][0]["quote"] = {"text": "words", "speaker": "P", "source": "news"}


def unused_authority(d):
    d["authorities"].append({**copy.deepcopy(d["authorities"][0]), "id": "spare"})


def unused_source(d):
    d["sources"].append({"id": "spare-source", "kind": "news", "title": "N", "where": "n"})


def bare_threshold(d):
    d["elements"].insert(1, {"id": "mootness", "name": "Mootness", "role": "threshold"})


WARNINGS = [
    (supports_other_side, "supports 'o-success-example', an argument of the other side"),
    (attacks_own_side, "attacks 'm-standing-example', an argument of its own side"),
    (quote_from_elsewhere, "quotes source 'news', which is not among its sources"),
    (unused_authority, "authority 'spare' is cited by no argument"),
    (unused_source, "source 'spare-source' supports no fact"),
]


@pytest.mark.parametrize(("plant", "words"), WARNINGS)
def test_check_warns_with_file_line_and_key(tmp_path, plant, words):
    data = base()
    plant(data)
    report = write(tmp_path, data)
    assert report.ok, [str(p) for p in report.problems]
    found = [w for w in report.warnings if words in str(w)]
    assert found and found[0].line and found[0].key


def test_the_template_has_none_of_these(tmp_path):
    report = write(tmp_path, base())
    assert not [w for w in report.warnings if "other side" in str(w) or "own side" in str(w)]


def test_a_threshold_with_no_argument_is_refused(tmp_path):
    data = base()
    bare_threshold(data)
    report = write(tmp_path, data)
    assert not report.ok
    assert "threshold 'mootness' has no argument" in str(report.problems[0])


def test_an_unquoted_number_where_text_belongs_is_read_as_text(tmp_path):
    """`pin: 297` and `pinpoint: 297` are text, as an author means them."""
    data = base()
    data["authorities"][0]["pinpoint"] = 20
    data["arguments"][0]["authorities"] = [{"id": "winter", "pin": 20}]
    report = write(tmp_path, data)
    assert report.ok, [str(p) for p in report.problems]
    assert report.case is not None
    assert report.case.authority("winter").pinpoint == "20"
    assert report.case.arguments[0].authorities[0].pin == "20"
