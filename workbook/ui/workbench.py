"""The workbench: the whole motion on one screen.

Pick or drop arguments, add your own, adjust strengths, answer the contested
questions, choose the standard, and see the outcome with its explanation, the
factor balance, the argument map, the tornado, the decisive questions and
P(granted) with its interval. Save the scenario to a file and load it back.

Every control calls a plain method (:meth:`Workbench.set_answer`,
:meth:`Workbench.set_strength`, :meth:`Workbench.drop`,
:meth:`Workbench.add_argument`, :meth:`Workbench.save`,
:meth:`Workbench.load`...) which tests and scripts call directly::

    >>> from workbook import load_case
    >>> bench = build_workbench(load_case(CASES / "legion-v-lutnick"), samples=200)
    >>> bench.result.outcome in ("granted", "denied")
    True

The workbench runs unchanged as an app: ``voila notebooks/06_workbench.ipynb``.
Whoever can reach that page can type into its file box, so the names typed
there reach only files inside the workbench's folder (the notebook's): ``..``,
absolute paths, ``~`` and links that lead out are refused.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from workbook import charts
from workbook.charts.display import setup
from workbook.engine import (
    DEFAULT_SPREAD,
    SEMANTICS,
    STANDARDS,
    Analysis,
    MonteCarlo,
    Result,
    ScenarioComparison,
    TornadoBar,
    analyse,
)
from workbook.errors import ScenarioError
from workbook.models import Argument, Case
from workbook.scenario import Scenario, rebalanced
from workbook.tables import element_summary
from workbook.ui.common import pre
from workbook.ui.decisive import decisive_html
from workbook.ui.odds import current_odds, status, sync_values
from workbook.ui.paint import paint_signal
from workbook.ui.user_input import ArgumentDraft, new_argument, strength_value
from workbook.ui.workbench_files import ScenarioActions
from workbook.vocabulary import lookup

__all__ = ["Workbench", "build_workbench", "decisive_html"]


class Workbench(ScenarioActions):
    """The widget tree (``.widget``) and the methods its controls call.

    Build it with :func:`build_workbench`. The state is a
    :class:`~workbook.scenario.Scenario` (``.scenario``); the last results are
    ``.result`` (the weighed motion) and ``.mc`` (the Monte Carlo).
    """

    app_name = "the workbench"
    decisive_size = 2
    """Largest set of changed answers searched for flips on each update (3 triples the time)."""
    whatif_iterations = 10_000
    """Cap on fixed-point passes for the tornado and tipping points of a cyclic argument graph.

    The engine's own default: each variant stops when it settles, and one that oscillates
    is settled by damped iteration, so the what-ifs need no tighter cap.
    """

    def __init__(
        self,
        case: Case,
        scenario: Scenario | None = None,
        *,
        samples: int = 10_000,
        seed: int = 0,
        folder: str | Path | None = None,
        defer: bool = False,
    ) -> None:
        setup()
        self.case = case
        self.folder = Path(folder) if folder is not None else Path.cwd()
        self.samples = samples
        self.seed = seed
        self.spread = DEFAULT_SPREAD
        self.scenario = Scenario(case=case.case.id)
        self.analysis: Analysis | None = None
        self.pinned: Scenario | None = None
        self.comparison: ScenarioComparison | None = None
        self.pending = defer and scenario is None
        self._build()
        if scenario is not None:
            self.apply(scenario)
        elif self.pending:
            self.refresh(quick=True)
            self.signal = paint_signal()
            self.signal.observe(self._on(lambda _ch: self.complete()), names="painted")
            self.busy_row.children = (*self.busy_row.children, self.signal)
        else:
            self.refresh()

    # ------------------------------------------------------------------ state

    @property
    def result(self) -> Result | None:
        """The weighed motion under the current scenario."""
        return self.analysis.result if self.analysis else None

    @property
    def mc(self) -> MonteCarlo | None:
        """The Monte Carlo under the current scenario (computed now if it was deferred)."""
        self.complete()
        return self.analysis.monte_carlo if self.analysis else None

    @property
    def tornado_rows(self) -> tuple[TornadoBar, ...]:
        """The tornado bars under the current scenario."""
        return self.analysis.tornado if self.analysis else ()

    @property
    def answers(self) -> dict[str, str]:
        """Every question's answer in use (the defaults, with the scenario's laid over them)."""
        return self.scenario.answers_for(self.case)

    @property
    def standard(self) -> str:
        """The standard's name."""
        return self.scenario.standard_for(self.case)

    @property
    def semantics(self) -> str:
        """The semantics' name."""
        return self.scenario.semantics

    # ------------------------------------------------------------------ actions

    def set_answer(self, question: str, answer: str) -> Result:
        """Answer a contested question and re-weigh."""
        self.complete()
        self.scenario = self.scenario.with_answer(self.case, question, answer)
        q = self.case.question(question)
        self._sync(self.answer_boxes[question], answer)
        self._sync(self.standard_box, self.standard)  # an answer on the standard picks it
        self.odds_status[question].value = status(self.scenario, q)
        return self.refresh()

    def set_strength(self, argument: str, value: float) -> Result:
        """Set an argument's base strength (0 to 1) and re-weigh."""
        self.complete()
        value = strength_value(value)
        self.scenario = self.scenario.with_strength(self.case, argument, value)
        self._sync(self.sliders[argument], float(value))
        return self.refresh()

    def drop(self, argument: str, dropped: bool = True) -> Result:
        """Take an argument out of play (``dropped=False`` puts it back) and re-weigh."""
        self.complete()
        self.scenario = self.scenario.with_dropped(self.case, argument, dropped)
        self._sync(self.checks[argument], not dropped)
        return self.refresh()

    def set_standard(self, standard: str) -> Result:
        """Weigh under another injunction standard (see ``workbook.engine.STANDARDS``)."""
        self.complete()
        lookup(STANDARDS, standard, "standard")
        self.scenario = self.scenario.with_standard(self.case, standard)
        self._sync(self.standard_box, standard)
        q = self.case.standard_question
        if q is not None and q.id in self.answer_boxes:  # the answer on the standard follows
            self._sync(self.answer_boxes[q.id], self.answers[q.id])
        return self.refresh()

    def set_prior(self, question: str, answer: str, value: float) -> Result:
        """Set the odds of one answer; the question's other answers rescale to keep the sum 1."""
        self.complete()
        q = self.case.question(question)
        odds = rebalanced(current_odds(self.case, self.scenario, q), answer, value)
        self.scenario = self.scenario.with_prior(self.case, question, odds)
        sync_values(self.odds_sliders[question], odds, self._sync)
        return self.refresh()

    def set_semantics(self, semantics: str) -> Result:
        """Weigh under another gradual semantics (see ``workbook.engine.SEMANTICS``)."""
        self.complete()
        lookup(SEMANTICS, semantics, "semantics")
        self.scenario = self.scenario.model_copy(update={"semantics": semantics})
        self._sync(self.semantics_box, semantics)
        return self.refresh()

    def add_argument(
        self,
        side: str,
        element: str,
        heading: str,
        strength: float = 0.5,
        *,
        attacks: Iterable[str] = (),
        supports: Iterable[str] = (),
        authorities: Iterable[str] = (),
        body: str = "",
        id: str | None = None,
        pins: Mapping[str, str] | None = None,
        facts: Iterable[str] = (),
    ) -> Argument:
        """Add the user's own argument, re-weigh, and return it.

        ``body`` is its text (the heading when empty), ``pins`` an authority's
        pin cite by its id (``{"winter": "20"}``), ``facts`` the facts it rests on.

        Raises:
            ScenarioError: the side, heading or strength is invalid, or the
                element, an attacked or supported argument, an authority or a
                fact is not in the case. Nothing is added then.

        """
        self.complete()
        draft = ArgumentDraft(
            side, element, heading, strength, attacks, supports, authorities, body, id, pins, facts
        )
        arg = new_argument(self.case, self.arguments, draft)
        self.scenario = self.scenario.with_added(self.case, arg)
        self._sync_rows()
        self.refresh()
        return arg

    def edit_argument(self, argument: str, **fields: Any) -> Argument:
        """Replace one of the user's own arguments (same id, same place), re-weigh, return it.

        ``fields`` are :meth:`add_argument`'s. The new base strength replaces any
        slider setting of the old one. Raises as :meth:`add_argument` does, and then
        nothing changes.
        """
        self.complete()
        old = lookup({a.id: a for a in self.scenario.added}, argument, "argument of your own")
        others = [a for a in self.arguments if a.id != old.id]
        arg = new_argument(self.case, others, ArgumentDraft(**fields, id=old.id))
        self.scenario = self.scenario.model_copy(
            update={
                "added": tuple(arg if a.id == old.id else a for a in self.scenario.added),
                "strengths": {k: v for k, v in self.scenario.strengths.items() if k != old.id},
            }
        )
        self._sync_rows()
        self.refresh()
        return arg

    def remove_added(self, argument: str) -> Result:
        """Delete one of the user's own arguments and re-weigh.

        Raises:
            ScenarioError: another of the user's arguments attacks or supports it
                (delete or edit that one first); nothing changes then.

        """
        self.complete()
        scenario = self.scenario.without_added(argument)
        for a in scenario.added:
            if argument in (*a.attacks, *a.supports):
                raise ScenarioError(
                    f"your argument {a.heading!r} attacks or supports this one: "
                    "edit or delete it first"
                )
        self.scenario = scenario
        self._sync_rows()
        return self.refresh()

    def apply(self, scenario: Scenario) -> Result:
        """Replace the whole state with a scenario's, and re-weigh.

        A scenario that does not fit this case raises before anything changes.
        """
        self.complete()
        scenario.check(self.case)
        self.scenario = scenario.model_copy(
            update={
                "answers": {
                    k: v
                    for k, v in sorted(scenario.answers.items())
                    if self.case.default_answers.get(k) != v
                }
            }
        )
        self._sync_rows()
        for qid, box in self.answer_boxes.items():
            self._sync(box, self.answers[qid])
        self._sync(self.standard_box, self.standard)
        self._sync(self.semantics_box, self.semantics)
        for q in self.case.questions:
            sync_values(self.odds_sliders[q.id], current_odds(self.case, scenario, q), self._sync)
            self.odds_status[q.id].value = status(self.scenario, q)
        return self.refresh()

    # ------------------------------------------------------------------ weighing

    def refresh(self, *, quick: bool = False) -> Result:
        """Analyse the scenario (one preparation for everything) and redraw every view.

        ``quick`` weighs and draws only the outcome and the factor balance, leaving
        "computing…" where the rest goes (the first paint of a deferred workbench).
        """
        self.busy.layout.visibility = "visible"
        self.busy.value = 0
        self.busy_label.value = "computing…"
        try:
            analysis = analyse(
                self.case,
                self.scenario,
                samples=0 if quick else self.samples,
                seed=self.seed,
                spread=self.spread,
                whatifs=not quick,
                decisive_size=self.decisive_size,
                max_iterations=self.whatif_iterations,
            )
            self.analysis = analysis
            self._step(3)
            self._draw(analysis)
            if not quick:
                self.summary_view.value = pre(self.summary())
            self._step(4)
        finally:
            if not quick:
                self.busy_label.value = ""
                self.busy.layout.visibility = "hidden"
        return analysis.result

    def complete(self) -> None:
        """Do what a deferred workbench left for after the first paint: rows, odds, map.

        Called when the browser reports its first paint, and before anything that
        needs the rows or the numbers; does nothing once done. The numbers are the
        same as an undeferred workbench's.
        """
        if not self.pending:
            return
        self.pending = False
        self._sync_rows()
        self.refresh()

    def summary(self) -> str:
        """The outcome and every element's strength, as plain text."""
        self.complete()
        result = self.result or self.refresh()
        lines = [charts.outcome_words(result), element_summary(result)]
        if self.mc is not None:
            low, high = self.mc.interval
            lines.append(
                f"P(granted) = {self.mc.p_granted:.3f} "
                f"(95% interval {low:.3f}-{high:.3f}, {self.mc.samples} samples)"
            )
        return "\n".join(lines)


def build_workbench(
    case: Case,
    scenario: Scenario | None = None,
    *,
    samples: int = 10_000,
    seed: int = 0,
    folder: str | Path | None = None,
    defer: bool = False,
) -> Workbench:
    """The workbench for a case, optionally starting from a saved scenario.

    Args:
        case: the case to work on.
        scenario: a starting scenario (default: the case as filed).
        samples: Monte Carlo samples per update.
        seed: Monte Carlo seed (the same seed gives the same P(granted)).
        folder: the folder that the file box's names are taken from and confined to
            (default: the current folder, which in Jupyter is the notebook's).
        defer: draw the outcome and the factor balance first, and the argument rows,
            P(granted), the tornado and the map once the browser has painted them
            (or once something asks for them), so the page shows the outcome sooner.

    """
    return Workbench(case, scenario, samples=samples, seed=seed, folder=folder, defer=defer)
