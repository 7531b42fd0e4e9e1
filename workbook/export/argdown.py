"""Argdown out: the scenario's argument graph as text Argdown tools read.

Each element is a statement ``[element-id]``, each argument an ``<argument-id>``
with its heading and body, and relations are listed under what they point at:
``+ <a>`` (a supports this), ``- <a>`` (a attacks this). Arguments out of play
are left out and listed, with the reason, as comments at the top.
"""

from __future__ import annotations

import json

from workbook.export.escape import argdown_text
from workbook.export.interchange import in_play
from workbook.models import Case
from workbook.scenario import Scenario

__all__ = ["export_argdown"]


def export_argdown(case: Case, scenario: Scenario | None = None) -> str:
    """The scenario's argument graph in Argdown, one section per element."""
    scenario = scenario or Scenario(case=case.case.id)
    arguments, out = in_play(case, scenario)
    present = {a.id for a in arguments}
    incoming: dict[str, list[tuple[str, str]]] = {a.id: [] for a in arguments}
    for arg in arguments:
        for rel, sign in (("supports", "+"), ("attacks", "-")):
            for target in getattr(arg, rel):
                if target in incoming:
                    incoming[target].append((sign, arg.id))
    info = case.case
    lines = [
        "===",
        f"title: {json.dumps(argdown_text(info.title))}",
        f"subTitle: {json.dumps(argdown_text(info.motion))}",
        "===",
        "",
    ]
    if out:  # Argdown comments: what the answers or the user left out, and why
        lines += [f"// out of play: {a}: {argdown_text(why)}" for a, why in out.items()]
        lines.append("")
    for el in case.elements:
        mine = [a for a in arguments if a.element == el.id]
        lines += [
            f"# {argdown_text(el.name)}",
            "",
            f"[{el.id}]: The movant has shown: {argdown_text(el.name)}.",
        ]
        lines += [f"  {'+' if a.side == 'movant' else '-'} <{a.id}>" for a in mine]
        lines.append("")
        for arg in mine:
            lines.append(
                f"<{arg.id}>: {argdown_text(arg.heading)}. {argdown_text(arg.body)} #{arg.side}"
            )
            lines += [
                f"  {sign} <{source}>" for sign, source in incoming[arg.id] if source in present
            ]
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
