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
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path

import ipywidgets as widgets

from workbook import charts
from workbook.charts.display import chart_widget, setup, unchecked
from workbook.engine import (
    DEFAULT_SPREAD,
    SEMANTICS,
    STANDARDS,
    Analysis,
    MonteCarlo,
    Result,
    TornadoBar,
    analyse,
)
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.store import load_scenario, save_scenario
from workbook.tables import element_summary
from workbook.ui.common import ControlPanel, errors_to
from workbook.ui.decisive import decisive_html, status_words
from workbook.ui.panels import question_controls
from workbook.ui.user_input import new_argument, strength_value
from workbook.verification import cite_label, cites_html
from workbook.vocabulary import lookup

__all__ = ["Workbench", "build_workbench", "decisive_html"]

_STEP = 0.05
_SLIDER = widgets.Layout(width="320px")


class Workbench(ControlPanel):
    """The widget tree (``.widget``) and the methods its controls call.

    Build it with :func:`build_workbench`. The state is a
    :class:`~workbook.scenario.Scenario` (``.scenario``); the last results are
    ``.result`` (the weighed motion) and ``.mc`` (the Monte Carlo).
    """

    decisive_size = 2
    """Largest set of changed answers searched for flips on each update (3 triples the time)."""
    whatif_iterations = 10_000
    """Cap on fixed-point passes for the tornado and tipping points of a cyclic argument graph.

    The engine's own default: each variant stops when it settles, and one that oscillates
    is settled by damped iteration, so the what-ifs need no tighter cap.
    """

    def __init__(self, case: Case, scenario: Scenario | None = None, *, samples: int = 10_000,
                 seed: int = 0) -> None:
        setup()
        self.case = case
        self.samples = samples
        self.seed = seed
        self.spread = DEFAULT_SPREAD
        self.scenario = Scenario(case=case.case.id)
        self.analysis: Analysis | None = None
        self._build()
        if scenario is not None:
            self.apply(scenario)
        else:
            self.refresh()

    # ------------------------------------------------------------------ state

    @property
    def arguments(self) -> tuple[Argument, ...]:
        """The case's arguments and the user's, in that order."""
        return (*self.case.arguments, *self.scenario.added)

    @property
    def result(self) -> Result | None:
        """The weighed motion under the current scenario."""
        return self.analysis.result if self.analysis else None

    @property
    def mc(self) -> MonteCarlo | None:
        """The Monte Carlo under the current scenario."""
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
        return self.scenario.standard

    @property
    def semantics(self) -> str:
        """The semantics' name."""
        return self.scenario.semantics

    # ------------------------------------------------------------------ actions

    def set_answer(self, question: str, answer: str) -> Result:
        """Answer a contested question and re-weigh."""
        self.scenario = self.scenario.with_answer(self.case, question, answer)
        self._sync(self.answer_boxes[question], answer)
        return self.refresh()

    def set_strength(self, argument: str, value: float) -> Result:
        """Set an argument's base strength (0 to 1) and re-weigh."""
        value = strength_value(value)
        self.scenario = self.scenario.with_strength(self.case, argument, value)
        self._sync(self.sliders[argument], float(value))
        return self.refresh()

    def drop(self, argument: str, dropped: bool = True) -> Result:
        """Take an argument out of play (``dropped=False`` puts it back) and re-weigh."""
        self.scenario = self.scenario.with_dropped(self.case, argument, dropped)
        self._sync(self.checks[argument], not dropped)
        return self.refresh()

    def set_standard(self, standard: str) -> Result:
        """Weigh under another injunction standard (see ``workbook.engine.STANDARDS``)."""
        lookup(STANDARDS, standard, "standard")
        self.scenario = self.scenario.model_copy(update={"standard": standard})
        self._sync(self.standard_box, standard)
        return self.refresh()

    def set_semantics(self, semantics: str) -> Result:
        """Weigh under another gradual semantics (see ``workbook.engine.SEMANTICS``)."""
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
    ) -> Argument:
        """Add the user's own argument, re-weigh, and return it.

        Raises:
            ScenarioError: the side, heading or strength is invalid, or the
                element, an attacked or supported argument, or an authority is
                not in the case. Nothing is added then.

        """
        arg = new_argument(self.case, self.arguments, side, element, heading, strength,
                           attacks=attacks, supports=supports, authorities=authorities,
                           body=body, id=id)
        self.scenario = self.scenario.with_added(self.case, arg)
        self._rebuild_rows()
        self.refresh()
        return arg

    def remove_added(self, argument: str) -> Result:
        """Delete one of the user's own arguments and re-weigh."""
        self.scenario = self.scenario.without_added(argument)
        self._rebuild_rows()
        return self.refresh()

    def apply(self, scenario: Scenario) -> Result:
        """Replace the whole state with a scenario's, and re-weigh.

        A scenario that does not fit this case raises before anything changes.
        """
        scenario.check(self.case)
        self.scenario = scenario.model_copy(update={
            "answers": {k: v for k, v in sorted(scenario.answers.items())
                        if self.case.default_answers.get(k) != v}})
        self._rebuild_rows()
        for qid, box in self.answer_boxes.items():
            self._sync(box, self.answers[qid])
        self._sync(self.standard_box, self.standard)
        self._sync(self.semantics_box, self.semantics)
        return self.refresh()

    def save(self, path: str | Path) -> Path:
        """Save the scenario as JSON (atomically: a crash leaves the old file or the new)."""
        out = save_scenario(path, self.scenario)
        self.file_status.value = f"Saved {Path(path).name}"
        return out

    def load(self, path: str | Path) -> Scenario:
        """Load a saved scenario into the workbench.

        A file that is missing, corrupt or for another case raises an error
        (shown in the error box when the Load button was pressed) and leaves
        the current scenario as it was.
        """
        scenario = load_scenario(path)
        self.apply(scenario)
        self.file_status.value = f"Loaded {Path(path).name}"
        return scenario

    # ------------------------------------------------------------------ weighing

    def refresh(self) -> Result:
        """Analyse the scenario (one preparation for everything) and redraw every view."""
        self.busy.layout.visibility = "visible"
        self.busy.value = 0
        self.busy_label.value = "computing…"
        try:
            analysis = analyse(self.case, self.scenario, samples=self.samples, seed=self.seed,
                               spread=self.spread, decisive_size=self.decisive_size,
                               max_iterations=self.whatif_iterations)
            self.analysis = analysis
            self._step(3)
            self._draw(analysis)
            self._step(4)
        finally:
            self.busy_label.value = ""
            self.busy.layout.visibility = "hidden"
        return analysis.result

    def summary(self) -> str:
        """The outcome and every element's strength, as plain text."""
        result = self.result or self.refresh()
        lines = [charts.outcome_words(result), element_summary(result)]
        if self.mc is not None:
            low, high = self.mc.interval
            lines.append(f"P(granted) = {self.mc.p_granted:.3f} "
                         f"(95% interval {low:.3f}-{high:.3f}, {self.mc.samples} samples)")
        return "\n".join(lines)

    def _step(self, n: int) -> None:
        self.busy.value = n

    def _draw(self, analysis: Analysis) -> None:
        result, scenario = analysis.result, analysis.scenario
        mc, points, found = analysis.monte_carlo, analysis.tipping_points, analysis.decisive
        assert mc is not None and found is not None  # the workbench always asks for both
        names = {e.id: e.name for e in self.case.elements}
        self.outcome.value = (
            f"<h3 class='wb-outcome'>{html.escape(charts.outcome_words(result))}</h3>"
            f"<p>{html.escape(result.explanation)}</p>"
        )
        self.strengths_text.value = "<p>" + "; ".join(
            html.escape(f"{e.name}: {e.strength:.2f} {status_words(e.satisfied, e.reached)}")
            for e in result.elements) + "</p>"
        low, high = mc.interval
        self.p_text.value = (f"P(granted) = {mc.p_granted:.2f} "
                             f"(95% interval {low:.2f}–{high:.2f}; {mc.samples:,} samples)")
        sides = {a.id: a.side for a in self.arguments}
        flips = {p.argument: p.flips == "outcome" for p in points}
        with unchecked():
            self.balance_chart.chart = charts.factor_balance(result)
            self.tornado_chart.chart = charts.tornado(self.tornado_rows, sides=sides,
                                                      flips=flips)
            self.mc_chart.chart = charts.probability(mc, names=names)
            self.map_chart.chart = charts.argument_map(self.case, result, scenario)
        self.decisive.value = decisive_html(self.case, found, points)
        for a in self.arguments:
            label = self.labels.get(a.id)
            if label is None:
                continue
            if a.id in result.strengths:
                label.value = f"→ {result.strengths[a.id]:.2f}"
            else:
                label.value = html.escape(result.excluded.get(a.id, "out"))

    # ------------------------------------------------------------------ widgets

    def _row(self, arg: Argument) -> widgets.Widget:
        check = widgets.Checkbox(value=arg.id not in self.scenario.dropped, indent=False,
                                 layout=widgets.Layout(width="24px"))
        slider = widgets.FloatSlider(
            value=self.scenario.strengths.get(arg.id, arg.strength), min=0.0, max=1.0, step=_STEP,
            continuous_update=False, readout_format=".2f", layout=_SLIDER,
            description="", style={"description_width": "0px"},
        )
        label = widgets.HTML()
        check.observe(self._on(lambda ch, i=arg.id: self.drop(i, not ch["new"])), names="value")
        slider.observe(self._on(lambda ch, i=arg.id: self.set_strength(i, ch["new"])),
                       names="value")
        self.checks[arg.id], self.sliders[arg.id], self.labels[arg.id] = check, slider, label
        mine = " (yours)" if arg in self.scenario.added else ""
        side = "M" if arg.side == "movant" else "O"
        cites = cites_html(self.case, arg.authorities)
        title = widgets.HTML(f"<b>{side}</b> {html.escape(arg.heading)}"
                             f"<small> {html.escape(arg.id)}{html.escape(mine)}</small>"
                             + (f"<br><small>{cites}</small>" if cites else ""),
                             layout=widgets.Layout(width="100%"))
        return widgets.VBox([title, widgets.HBox([check, slider, label])])

    def _rebuild_rows(self) -> None:
        self.checks: dict[str, widgets.Checkbox] = {}
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.labels: dict[str, widgets.HTML] = {}
        children = []
        for e in self.case.elements:
            rows = [self._row(a) for a in self.arguments if a.element == e.id]
            children.append(widgets.VBox(rows or [widgets.HTML("<i>no arguments yet</i>")]))
        self.accordion.children = children
        for i, e in enumerate(self.case.elements):
            self.accordion.set_title(i, e.name)
        ids = [a.id for a in self.arguments]
        self.new_attacks.options = ids
        self.new_supports.options = ids

    def _build(self) -> None:
        case = self.case
        self.error = widgets.HTML()
        self.outcome = widgets.HTML()
        self.strengths_text = widgets.HTML()
        self.strengths_text.add_class("wb-strengths")
        self.p_text = widgets.Label()
        self.busy = widgets.IntProgress(value=0, min=0, max=4, description="",
                                        layout=widgets.Layout(width="160px"))
        self.busy_label = widgets.Label()
        self.accordion = widgets.Accordion()
        self.answer_boxes = question_controls(case.questions)
        for qid, box in self.answer_boxes.items():
            box.observe(self._on(lambda ch, q=qid: self.set_answer(q, ch["new"])), names="value")
        self.standard_box = widgets.Dropdown(options=list(STANDARDS), value=self.standard,
                                             description="standard")
        self.standard_box.observe(self._on(lambda ch: self.set_standard(ch["new"])),
                                  names="value")
        self.semantics_box = widgets.Dropdown(options=list(SEMANTICS), value=self.semantics,
                                              description="semantics")
        self.semantics_box.observe(self._on(lambda ch: self.set_semantics(ch["new"])),
                                   names="value")
        # the add-an-argument form
        self.new_side = widgets.ToggleButtons(options=["movant", "opponent"], value="movant")
        self.new_element = widgets.Dropdown(options=[(e.name, e.id) for e in case.elements],
                                            description="element")
        self.new_heading = widgets.Text(placeholder="one-line heading", description="heading")
        self.new_strength = widgets.FloatSlider(value=0.5, min=0, max=1, step=_STEP,
                                                description="strength", readout_format=".2f")
        self.new_attacks = widgets.SelectMultiple(description="attacks", rows=4)
        self.new_supports = widgets.SelectMultiple(description="supports", rows=4)
        self.new_authorities = widgets.SelectMultiple(
            options=[(cite_label(a.short or a.id, a.verification.status), a.id)
                     for a in case.authorities],
            description="authorities", rows=4)
        self.add_button = add = widgets.Button(description="Add argument", button_style="primary")
        add.on_click(errors_to(self.error)(lambda _b: self.add_argument(
            self.new_side.value, self.new_element.value, self.new_heading.value,
            self.new_strength.value, attacks=self.new_attacks.value,
            supports=self.new_supports.value, authorities=self.new_authorities.value)))
        # saving
        self.path = widgets.Text(value=f"{case.case.id}.scenario.json", description="file")
        self.save_button = save = widgets.Button(description="Save", icon="save")
        self.load_button = load = widgets.Button(description="Load", icon="folder-open")
        save.on_click(errors_to(self.error)(lambda _b: self.save(self.path.value)))
        load.on_click(errors_to(self.error)(lambda _b: self.load(self.path.value)))
        self.file_status = widgets.Label()
        self._rebuild_rows()
        questions: list[widgets.Widget] = []
        for q in case.questions:
            questions += [widgets.HTML(f"<b>{html.escape(q.text)}</b>"), self.answer_boxes[q.id]]
        question_box = widgets.VBox(questions or [
            widgets.HTML("<i>This case file has no contested questions.</i>")])
        question_box.add_class("wb-questions")
        controls = widgets.Tab(children=[
            self.accordion,
            question_box,
            widgets.VBox([self.new_side, self.new_element, self.new_heading, self.new_strength,
                          self.new_attacks, self.new_supports, self.new_authorities, add]),
            widgets.VBox([self.standard_box, self.semantics_box,
                          widgets.HBox([self.path, save, load]), self.file_status]),
        ])
        for i, title in enumerate(["Arguments", "Questions", "Add your own", "Standard & file"]):
            controls.set_title(i, title)
        empty = charts.tornado([])
        self.balance_chart = chart_widget(empty)
        self.tornado_chart = chart_widget(empty)
        self.mc_chart = chart_widget(empty)
        self.map_chart = chart_widget(empty)
        self.decisive = widgets.HTML()
        results = widgets.VBox([
            self.p_text, self.balance_chart,
            widgets.HTML("<h4>Decisive questions and tipping points</h4>"), self.decisive,
            self.tornado_chart, self.mc_chart,
        ])
        head = widgets.HTML(f"<h2>{html.escape(case.case.title)}</h2>"
                            f"<p>{html.escape(case.case.motion)}</p>"
                            "<p><small>A teaching and analysis aid, not legal advice. "
                            "Authorities marked partly verified or unverified have not been "
                            "fully checked.</small></p>")
        self.widget = widgets.VBox([
            head, widgets.HBox([self.busy, self.busy_label]), self.error, self.outcome,
            self.strengths_text,
            widgets.HBox([
                widgets.Box([controls], layout=widgets.Layout(width="44%", overflow="auto")),
                widgets.Box([results], layout=widgets.Layout(width="56%", overflow="auto")),
            ]),
            widgets.HTML("<h4>Argument map</h4>"), self.map_chart,
        ])


def build_workbench(case: Case, scenario: Scenario | None = None, *, samples: int = 10_000,
                    seed: int = 0) -> Workbench:
    """The workbench for a case, optionally starting from a saved scenario.

    Args:
        case: the case to work on.
        scenario: a starting scenario (default: the case as filed).
        samples: Monte Carlo samples per update.
        seed: Monte Carlo seed (the same seed gives the same P(granted)).

    """
    return Workbench(case, scenario, samples=samples, seed=seed)
