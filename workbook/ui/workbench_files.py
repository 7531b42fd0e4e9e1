"""The workbench's moot-court and file actions: reset, compare, save, load, download, upload.

A mixin of :class:`~workbook.ui.workbench.Workbench`, kept apart to keep each module short;
each method is documented where it is defined and called by the controls of the Compare and
Files tabs, or directly by tests and scripts.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from workbook import charts
from workbook.engine import Analysis, Result, ScenarioComparison, compare_scenarios
from workbook.errors import ScenarioError
from workbook.scenario import Scenario
from workbook.store import confined_path, load_scenario, save_scenario
from workbook.ui.common import download_link
from workbook.ui.compare_view import comparison_html
from workbook.ui.files import download_file, read_upload
from workbook.ui.workbench_view import WorkbenchView

__all__ = ["ScenarioActions"]


class ScenarioActions(WorkbenchView):
    """Reset, pin and compare scenarios; save, load, download and upload them."""

    folder: Path
    whatif_iterations: int
    pinned: Scenario | None
    comparison: ScenarioComparison | None
    analysis: Analysis | None
    apply: Callable[[Scenario], Result]

    def reset(self) -> Result:
        """Go back to the case file's defaults, and re-weigh.

        The answers, odds, standard and strengths become the case file's, and the user's
        own arguments are removed. The semantics stays as chosen (it is a way of weighing,
        not part of a scenario's claim); a pinned scenario stays pinned, to compare with.
        """
        result = self.apply(Scenario(case=self.case.case.id, semantics=self.scenario.semantics))
        self.moot.status.value = "<small>Reset to the case file's defaults.</small>"
        return result

    def pin(self) -> Scenario:
        """Remember the scenario on screen as A, to compare later ones with it."""
        self.pinned = self.scenario
        outcome = charts.outcome_words(self.analysis.result) if self.analysis else ""
        self.moot.status.value = f"<small>Pinned as A: {html.escape(outcome)}</small>"
        return self.pinned

    def compare(self, other: Scenario | None = None) -> ScenarioComparison:
        """Compare A (the pinned scenario, or ``other``) with the scenario on screen (B).

        Raises:
            ScenarioError: nothing is pinned and no other scenario is given, or it does
                not fit the case.

        """
        a = other if other is not None else self.pinned
        if a is None:
            raise ScenarioError("pin a scenario as A first (or compare with a saved file)")
        a.check(self.case)
        diff = compare_scenarios(self.case, a, self.scenario, max_iterations=self.whatif_iterations)
        self.comparison = diff
        self.moot.table.value = comparison_html(diff, ("A", "B (on screen)"))
        return diff

    def compare_file(self, path: str | Path) -> ScenarioComparison:
        """Compare a saved scenario (a name inside the workbench's folder, as A) with B."""
        target = confined_path(self.folder, path)
        diff = self.compare(load_scenario(target))
        self.moot.status.value = f"<small>A is {html.escape(target.name)}.</small>"
        return diff

    def download(self, kind: str) -> tuple[str, bytes]:
        """Make a file of the scenario on screen for the browser to save; show its link.

        ``kind`` is one of :data:`workbook.ui.files.DOWNLOADS` (the scenario, a brief
        outline for either side in Markdown or Word, the argument graph as AIF or Argdown).
        Returns the file's name and bytes.
        """
        name, data = download_file(self.case, self.scenario, kind)
        self.files.link.value = download_link(data, name) + f" <small>({len(data):,} bytes)</small>"
        return name, data

    def upload(self, name: str, content: bytes) -> Scenario:
        """Load a scenario file uploaded from the browser, with a file's checks.

        A file that is too large, corrupt or for another case raises an error (shown
        beside the upload button) and leaves the current scenario as it was.
        """
        self.files.upload_status.value = ""
        scenario = read_upload(name, content)
        try:
            self.apply(scenario)
        except ScenarioError as exc:  # say which file, as a file's own errors do
            raise ScenarioError(f"{Path(name).name}: {exc}") from None
        self.files.upload_status.value = f"<small>Loaded {html.escape(name)}</small>"
        return scenario

    def save(self, path: str | Path) -> Path:
        """Save the scenario as JSON (atomically: a crash leaves the old file or the new).

        ``path`` is a name inside the workbench's folder; a name that leads out of it
        (``..``, absolute, ``~``, a link) raises :class:`~workbook.errors.UnsafePathError`.
        """
        out = save_scenario(confined_path(self.folder, path, write=True), self.scenario)
        self.file_status.value = f"Saved {out.name}"
        return out

    def load(self, path: str | Path) -> Scenario:
        """Load a saved scenario, named inside the workbench's folder, into the workbench.

        A file that is missing, corrupt, not a regular file or for another case,
        or a name that leads out of the folder, raises an error (shown in the
        error box when the Load button was pressed) and leaves the current
        scenario as it was.
        """
        target = confined_path(self.folder, path)
        scenario = load_scenario(target)
        self.apply(scenario)
        self.file_status.value = f"Loaded {target.name}"
        return scenario
