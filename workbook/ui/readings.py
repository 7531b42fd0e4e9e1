"""Show a case's readings in a notebook, or a generic text where the case has none.

``ui.reading(CASE_PATH, "03", "standing")`` displays the reading the case folder
gives for notebook 03's standing section. A case without one gets a short,
case-neutral explanation built from the case file (the element's name, who bears
its burden) and never another case's story. ``ui.readings_note(CASE_PATH, "03")``
says whether the citations in that notebook's readings are backed by the case
file, and which are only partly verified.
"""

from __future__ import annotations

from pathlib import Path

from IPython.display import Markdown

from workbook.casefile.load import load_case
from workbook.casefile.readings import Reading, cited_in, find_reading, load_readings
from workbook.models import Case
from workbook.vocabulary import STATUS_WORDS

__all__ = ["generic_text", "reading", "readings_note", "readings_of"]

_TOPICS = {
    "case": "{case_line}",
    "after-filing": (
        "A motion is decided on the facts as they stand when the court rules. The dated facts "
        "after the complaint are listed above; ask which of them change an element, and how."
    ),
    "law": (
        "The table above lists the case file's authorities on this topic, with their "
        "verification status. Read each one's recorded proposition, then the source itself."
    ),
}


def _case_line(case: Case) -> str:
    info = case.case
    lines = [f"*{info.title}*, {info.court}. {info.motion}."]
    if info.summary:
        lines.append(info.summary)
    if info.status == "decided" and info.outcome:
        lines.append(f"**Decided.** {info.outcome}")
    elif info.status == "pending":
        lines.append("The motion is **pending**: the case file records no ruling on it.")
    return "\n\n".join(lines)


def generic_text(case: Case, section: str) -> str:
    """A case-neutral text for a section the case has no reading for."""
    elements = {e.id: e for e in case.elements}
    if section in elements:
        e = elements[section]
        who = (
            "the opponent, who asserts it, bears the burden: a tie goes to the movant"
            if e.burden == "opponent"
            else "the movant bears the burden: a tie (exactly 0.5) is not enough"
        )
        kind = "a threshold question" if e.role == "threshold" else f"the factor {e.role}"
        text = f"**{e.name}** is {kind}; {who}."
        return text + (f" {e.description}" if e.description else "")
    template = _TOPICS.get(section)
    if template is None:
        return "*This case file has no reading for this section.*"
    return template.format(case_line=_case_line(case))


def reading(case_path: str | Path, notebook: str, section: str) -> Markdown:
    """The case's reading for one notebook section, or the generic text (as Markdown)."""
    found: Reading | None = find_reading(load_readings(case_path), notebook, section)
    if found is not None:
        title = f"**{found.title}.** " if found.title else ""
        return Markdown(title + found.text)  # type: ignore[no-untyped-call]
    return Markdown(generic_text(load_case(case_path), section))  # type: ignore[no-untyped-call]


def readings_note(case_path: str | Path, notebook: str) -> str:
    """Whether the citations in one notebook's readings are in the case file, and how well."""
    case = load_case(case_path)
    cited = [c for r in readings_of(case_path, notebook) for c in cited_in(case, r.text)]
    if not cited:
        return "The readings for this notebook cite no authority of the case file."
    shown = {text: (auth, ok) for text, auth, ok in cited}
    bad = [t for t, (auth, ok) in shown.items() if auth is None or not ok]
    if bad:
        lines = [
            f"{len(bad)} of the {len(shown)} citations above are not backed by this case "
            "file (unknown authority, or a page its record does not give): " + "; ".join(bad)
        ]
    else:
        lines = [f"All {len(shown)} citations above are to authorities in the case file."]
    for status in ("unverified", "partly-verified"):
        names = sorted({t for t, (a, _) in shown.items() if a and a.verification.status == status})
        if names:
            lines.append(
                f"{STATUS_WORDS[status].capitalize()} (read the verification record "
                f"before relying on them): {'; '.join(names)}"
            )
    return "\n".join(lines)


def readings_of(case_path: str | Path, notebook: str) -> tuple[Reading, ...]:
    """The case's readings for one notebook, in file order."""
    return tuple(r for r in load_readings(case_path) if r.notebook == notebook)
