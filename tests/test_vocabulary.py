"""The palette on white: every colour passes the contrast its use needs (WCAG 2.2)."""

from __future__ import annotations

import pytest

from workbook.vocabulary import (
    EDGE_COLORS,
    FACT_STATUS_COLORS,
    NODE_COLORS,
    SIDE_COLORS,
    TEXT_COLORS,
    VERIFICATION_COLORS,
)

WORDS = 4.5
"""Normal-size text (WCAG 1.4.3)."""
MARKS = 3.0
"""Graphical objects a reader needs: bars, points, lines (WCAG 1.4.11)."""


def _luminance(color: str) -> float:
    channels = [int(color.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str = "#FFFFFF") -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    low, high = sorted((_luminance(a), _luminance(b)))
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("name", "color", "needed"),
    [
        *((f"text {k}", v, WORDS) for k, v in TEXT_COLORS.items()),
        *((f"verification badge {k}", v, WORDS) for k, v in VERIFICATION_COLORS.items()),
        *((f"side {k}", v, MARKS) for k, v in SIDE_COLORS.items()),
        *((f"fact status {k}", v, MARKS) for k, v in FACT_STATUS_COLORS.items()),
        *((f"map edge {k}", v, MARKS) for k, v in EDGE_COLORS.items()),
        *((f"map node {k}", v, MARKS) for k, v in NODE_COLORS.items()),
    ],
)
def test_each_colour_has_the_contrast_its_use_needs_on_white(name, color, needed):
    """Words reach 4.5:1 against white, chart marks 3:1."""
    assert contrast(color) >= needed, f"{name} {color}: {contrast(color):.2f}:1 < {needed}:1"


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#767676", "#FFFFFF", 4.54)],
)
def test_contrast_matches_known_ratios(a, b, ratio):
    """Black on white is 21:1, white on white 1:1, #767676 the lightest grey at 4.5:1."""
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)
