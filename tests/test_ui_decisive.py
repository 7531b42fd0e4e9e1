"""What would flip the motion, in words: headings and element names, never ids."""

from __future__ import annotations

from conftest import ui_case

from workbook.engine import analyse
from workbook.ui.decisive import decisive_html


def test_flips_are_named_by_heading_and_element_name():
    case = ui_case()
    a = analyse(case, samples=0)
    text = decisive_html(case, a.decisive, a.tipping_points)
    assert a.decisive is not None and a.decisive.minimal  # answering q1 'no' flips it
    assert "(then decided on " in text and "deciding: " not in text
    flips = [p for p in a.tipping_points if p.flips == "outcome"]
    assert flips and "“Heading " in text and "the motion would be denied" in text
    for p in flips:
        assert f"<b>{p.argument}</b>" not in text
