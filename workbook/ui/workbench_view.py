"""The workbench's widgets: its layout and drawing (state and actions are in workbench)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from workbook import charts
from workbook.charts.display import chart_widget, unchecked
from workbook.engine import SEMANTICS, STANDARDS, Analysis, Result
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.ui.common import ControlPanel, errors_to
from workbook.ui.decisive import decisive_html, status_words
from workbook.ui.odds import odds_controls
from workbook.ui.panels import question_controls
from workbook.verification import cite_label, cites_html

__all__ = ["WorkbenchView"]

_STEP = 0.05
_TABS = ("Arguments", "Questions", "Odds", "Add", "Standard")
"""The control tabs' titles: short, so that all five fit the controls column at 1280px."""
_MAP = 1100
"""The argument map's width: it fits the page at 1280px in Voilà (in JupyterLab, with the
file browser open, it scrolls inside its own box)."""
_GRID = "minmax(300px, 1fr) minmax(480px, 1.25fr)"
"""Controls beside results: the results column is never narrower than its 480px charts."""


def _fill(**more: str) -> widgets.Layout:
    """A layout that takes the width its column gives it, never more."""
    return widgets.Layout(width="auto", max_width="100%", **more)


class WorkbenchView(ControlPanel):
    """The widget tree of the workbench, wired to the actions its subclass defines."""

    case: Case
    scenario: Scenario

    # the actions the controls call, defined by Workbench

    @property
    def arguments(self) -> tuple[Argument, ...]:
        """The case's arguments and the user's, in that order."""
        return (*self.case.arguments, *self.scenario.added)

    set_answer: Callable[[str, str], Result]
    set_strength: Callable[[str, float], Result]
    drop: Callable[[str, bool], Result]
    set_standard: Callable[[str], Result]
    set_semantics: Callable[[str], Result]
    set_prior: Callable[[str, str, float], Result]
    add_argument: Callable[..., Argument]
    save: Callable[[str | Path], Path]
    load: Callable[[str | Path], Scenario]

    def _step(self, n: int) -> None:
        self.busy.value = n

    def _draw(self, analysis: Analysis) -> None:
        result, scenario = analysis.result, analysis.scenario
        mc, points, found = analysis.monte_carlo, analysis.tipping_points, analysis.decisive
        assert mc is not None and found is not None  # the workbench always asks for both
        names = {e.id: e.name for e in self.case.elements}
        self.outcome.value = (
            f"<h3 class='wb-outcome'>{html.escape(charts.outcome_words(result))}</h3>"
            f"<details><summary>Why</summary><p>{html.escape(result.explanation)}</p></details>"
        )
        merged = [
            f"{f.label}: {f.strength:.2f} {'met' if f.met else 'not met'} (decided as one factor)"
            for f in result.factors
            if f.merged
        ]
        self.strengths_text.value = (
            "<p>"
            + "; ".join(
                html.escape(f"{e.name}: {e.strength:.2f} {status_words(e.satisfied, e.reached)}")
                + (" <i>(settled by an answer)</i>" if e.settled is not None else "")
                for e in result.elements
            )
            + "".join(f"<br>{html.escape(m)}" for m in merged)
            + "</p>"
        )
        self.standard_note.value = _standard_note(result.standard)
        low, high = mc.interval
        self.p_text.value = (
            f"P(granted) = {mc.p_granted:.2f} "
            f"(95% interval {low:.2f}–{high:.2f}; {mc.samples:,} samples)"
        )
        sides = {a.id: a.side for a in self.arguments}
        flips = {p.argument: p.flips == "outcome" for p in points}
        plain = {**names, **{a.id: a.heading for a in self.arguments}}
        with unchecked():
            self.balance_chart.chart = charts.factor_balance(result)
            self.tornado_chart.chart = charts.tornado(
                analysis.tornado, sides=sides, flips=flips, names=plain
            )
            self.mc_chart.chart = charts.probability(mc, names=names)
            self.voi_chart.chart = charts.value_of_information(mc, self.case)
            self.map_chart.chart = charts.argument_map(self.case, result, scenario, width=_MAP)
        self.decisive.value = decisive_html(self.case, found, points)
        for a in self.arguments:
            label, reason = self.labels.get(a.id), self.reasons.get(a.id)
            if label is None or reason is None:
                continue
            if a.id in result.strengths:
                label.value, reason.value = f"→ {result.strengths[a.id]:.2f}", ""
            else:
                why = result.excluded.get(a.id, "")
                label.value = "out"
                reason.value = (
                    f"<small><i>Out of play: {html.escape(why)}</i></small>" if why else ""
                )

    # ------------------------------------------------------------------ widgets

    def _row(self, arg: Argument) -> widgets.Widget:
        check = widgets.Checkbox(
            value=arg.id not in self.scenario.dropped,
            indent=False,
            layout=widgets.Layout(width="24px"),
        )
        slider = widgets.FloatSlider(
            value=self.scenario.strengths.get(arg.id, arg.strength),
            min=0.0,
            max=1.0,
            step=_STEP,
            continuous_update=False,
            readout_format=".2f",
            layout=_fill(flex="1 1 auto", min_width="120px"),
            description="",
            style={"description_width": "0px"},
        )
        label = widgets.HTML(layout=widgets.Layout(flex="0 0 auto"))
        self.reasons[arg.id] = reason = widgets.HTML()
        check.observe(self._on(lambda ch, i=arg.id: self.drop(i, not ch["new"])), names="value")
        slider.observe(
            self._on(lambda ch, i=arg.id: self.set_strength(i, ch["new"])), names="value"
        )
        self.checks[arg.id], self.sliders[arg.id], self.labels[arg.id] = check, slider, label
        mine = " (yours)" if arg in self.scenario.added else ""
        side = "M" if arg.side == "movant" else "O"
        cites = cites_html(self.case, arg.authorities)
        title = widgets.HTML(
            f"<b>{side}</b> {html.escape(arg.heading)}<small>{html.escape(mine)}</small>"
            + (f"<br><small>{cites}</small>" if cites else ""),
        )
        row = widgets.HBox([check, slider, label], layout=widgets.Layout(align_items="center"))
        return widgets.VBox([title, row, reason], layout=widgets.Layout(margin="0 0 6px 0"))

    def _rebuild_rows(self) -> None:
        self.checks: dict[str, widgets.Checkbox] = {}
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.labels: dict[str, widgets.HTML] = {}
        self.reasons: dict[str, widgets.HTML] = {}
        children = []
        for e in self.case.elements:
            rows = [self._row(a) for a in self.arguments if a.element == e.id]
            children.append(widgets.VBox(rows or [widgets.HTML("<i>no arguments yet</i>")]))
        self.accordion.children = children
        for i, e in enumerate(self.case.elements):
            self.accordion.set_title(i, e.name)
        named = [(f"{a.side.capitalize()}: {a.heading}", a.id) for a in self.arguments]
        self.new_attacks.options = named
        self.new_supports.options = named

    def _build(self) -> None:
        self._build_status()
        self._build_choices()
        add_form = self._build_add_form()
        file_box = self._build_file_controls()
        self.accordion = widgets.Accordion()  # _rebuild_rows fills it, again on every add
        self._rebuild_rows()
        controls = self._controls(add_form, file_box)
        results = self._build_results()
        self.widget = self._layout(controls, results)

    def _build_status(self) -> None:
        """The error box, the outcome and strengths, P(granted) and the busy bar."""
        self.error = widgets.HTML()
        self.outcome = widgets.HTML()
        self.strengths_text = widgets.HTML()
        self.strengths_text.add_class("wb-strengths")
        self.p_text = widgets.Label()
        self.busy = widgets.IntProgress(
            value=0, min=0, max=4, description="", layout=widgets.Layout(width="160px")
        )
        self.busy_label = widgets.Label()

    def _build_choices(self) -> None:
        """The answer to each question, the standard and the semantics, each wired."""
        self.answer_boxes = question_controls(self.case.questions)
        for qid, box in self.answer_boxes.items():
            box.observe(self._on(lambda ch, q=qid: self.set_answer(q, ch["new"])), names="value")
        self.standard_box = widgets.Dropdown(
            options=list(STANDARDS),
            value=self.scenario.standard_for(self.case),
            description="standard",
            layout=_fill(),
        )
        self.standard_box.observe(self._on(lambda ch: self.set_standard(ch["new"])), names="value")
        self.standard_note = widgets.HTML(_standard_note(self.scenario.standard_for(self.case)))
        self.semantics_box = widgets.Dropdown(
            options=list(SEMANTICS),
            value=self.scenario.semantics,
            description="semantics",
            layout=_fill(),
        )
        self.semantics_box.observe(
            self._on(lambda ch: self.set_semantics(ch["new"])), names="value"
        )

    def _build_add_form(self) -> widgets.VBox:
        """The add-an-argument form, its button wired to ``add_argument``."""
        case = self.case
        self.new_side = widgets.ToggleButtons(
            options=["movant", "opponent"], value="movant", style={"button_width": "90px"}
        )
        self.new_element = widgets.Dropdown(
            options=[(e.name, e.id) for e in case.elements], description="element", layout=_fill()
        )
        self.new_heading = widgets.Text(
            placeholder="one-line heading", description="heading", layout=_fill()
        )
        self.new_strength = widgets.FloatSlider(
            value=0.5,
            min=0,
            max=1,
            step=_STEP,
            description="strength",
            readout_format=".2f",
            layout=_fill(),
        )
        self.new_attacks = widgets.SelectMultiple(description="attacks", rows=4, layout=_fill())
        self.new_supports = widgets.SelectMultiple(description="supports", rows=4, layout=_fill())
        self.new_authorities = widgets.SelectMultiple(
            options=[
                (cite_label(a.short or a.id, a.verification.status), a.id) for a in case.authorities
            ],
            description="authorities",
            rows=4,
            layout=_fill(),
        )
        self.add_button = add = widgets.Button(description="Add argument", button_style="primary")
        add.on_click(errors_to(self.error)(lambda _b: self._add_from_form()))
        fields = [self.new_side, self.new_element, self.new_heading, self.new_strength]
        targets = [self.new_attacks, self.new_supports, self.new_authorities]
        return widgets.VBox([*fields, *targets, add])

    def _add_from_form(self) -> Argument:
        return self.add_argument(
            self.new_side.value,
            self.new_element.value,
            self.new_heading.value,
            self.new_strength.value,
            attacks=self.new_attacks.value,
            supports=self.new_supports.value,
            authorities=self.new_authorities.value,
        )

    def _build_file_controls(self) -> widgets.VBox:
        """The standard and semantics boxes, and the scenario file with Save and Load."""
        self.path = widgets.Text(
            value=f"{self.case.case.id}.scenario.json", description="file", layout=_fill()
        )
        small = {"width": "auto"}
        self.save_button = save = widgets.Button(description="Save", icon="save", layout=small)
        self.load_button = load = widgets.Button(
            description="Load", icon="folder-open", layout=small
        )
        save.on_click(errors_to(self.error)(lambda _b: self.save(self.path.value)))
        load.on_click(errors_to(self.error)(lambda _b: self.load(self.path.value)))
        self.file_status = widgets.Label()
        return widgets.VBox(
            [
                self.standard_box,
                self.standard_note,
                self.semantics_box,
                self.path,
                widgets.HBox([save, load], layout=widgets.Layout(margin="0 0 0 90px")),
                self.file_status,
            ]
        )

    def _question_box(self) -> widgets.VBox:
        """Each question, its answer box, and the chosen answer in full (a box cuts it short)."""
        questions: list[widgets.Widget] = []
        for q in self.case.questions:
            choice = self.answer_boxes[q.id]
            chosen = widgets.HTML(_chosen(choice), layout=widgets.Layout(margin="0 0 8px 8px"))
            choice.observe(lambda _ch, c=choice, w=chosen: setattr(w, "value", _chosen(c)), "value")
            questions += [widgets.HTML(f"<b>{html.escape(q.text)}</b>"), choice, chosen]
        box = widgets.VBox(
            questions or [widgets.HTML("<i>This case file has no contested questions.</i>")]
        )
        box.add_class("wb-questions")
        return box

    def _controls(self, add_form: widgets.VBox, file_box: widgets.VBox) -> widgets.Tab:
        """The tabs on the left: arguments, questions, the add form, standard and file."""
        odds, self.odds_sliders, self.odds_status = odds_controls(self.case, self.scenario)
        for q, by_answer in self.odds_sliders.items():
            for a, slider in by_answer.items():
                slider.observe(
                    self._on(lambda ch, q=q, a=a: self.set_prior(q, a, ch["new"])), names="value"
                )
        tabs = [self.accordion, self._question_box(), odds, add_form, file_box]
        controls = widgets.Tab(children=tabs, titles=_TABS, layout=widgets.Layout(min_width="0"))
        controls.add_class("wb-tabs")
        return controls

    def _build_results(self) -> widgets.VBox:
        """The results column, empty until the first refresh.

        The outcome, P(granted) and the factor balance come first (they stay in view while
        the controls scroll), then the decisive questions, the tornado and the value of
        information.
        """
        empty = charts.tornado([])
        self.balance_chart = chart_widget(empty)
        self.tornado_chart = chart_widget(empty)
        self.mc_chart = chart_widget(empty)
        self.voi_chart = chart_widget(empty)
        self.map_chart = chart_widget(empty)
        self.decisive = widgets.HTML()
        side = widgets.VBox(
            [
                widgets.HBox([self.busy, self.busy_label]),
                self.error,
                self.outcome,
                self.p_text,
                self.balance_chart,
                self.mc_chart,
                self.strengths_text,
                widgets.HTML("<h4>Decisive questions and tipping points</h4>"),
                self.decisive,
                self.tornado_chart,
                widgets.HTML("<h4>Which open question is worth briefing hardest</h4>"),
                self.voi_chart,
            ],
            layout=widgets.Layout(min_width="0"),
        )
        side.add_class("wb-side")
        return side

    def _layout(self, controls: widgets.Tab, results: widgets.VBox) -> widgets.VBox:
        """The whole screen: a short heading, the controls beside the results, the map below.

        The results column sticks to the top of the page (or of the notebook) while the
        controls scroll, and scrolls on its own; see ``_CSS``.
        """
        case = self.case.case
        head = widgets.HTML(
            f"{_CSS}<h2>{html.escape(case.title)}</h2>"
            f"<p>{html.escape(case.motion)}. <small>A teaching and analysis aid, not legal "
            "advice. Authorities marked partly verified or unverified have not been fully "
            "checked.</small></p>"
        )
        left = widgets.VBox([controls], layout=widgets.Layout(min_width="0"))
        main = widgets.GridBox(
            [left, results], layout=widgets.Layout(grid_template_columns=_GRID, grid_gap="16px")
        )
        main.add_class("wb-main")
        map_box = widgets.VBox([self.map_chart], layout=widgets.Layout(overflow="auto hidden"))
        map_box.add_class("wb-map")
        root = widgets.VBox([head, main, widgets.HTML("<h4>Argument map</h4>"), map_box])
        root.add_class("wb-root")
        return root


_CSS = """<style>
.wb-root, .wb-main, .wb-main > .widget-box:first-child { overflow: visible !important; }
.wb-root { width: 100%; min-width: 0; container-type: inline-size; }
.wb-root .widget-html-content, .wb-root .widget-label {
  line-height: 1.4; white-space: normal; overflow-wrap: break-word; height: auto;
}
.wb-root .widget-html, .wb-root .widget-label { height: auto; }
.wb-root h2 { margin: 0 0 2px 0; }
.wb-root .wb-outcome { margin: 4px 0; }
.wb-side {
  position: sticky; top: 0; align-self: start; max-height: 100vh;
  overflow-y: auto !important; overflow-x: hidden !important;
  background: var(--jp-layout-color0, #fff); z-index: 2;
}
.wb-side > * { flex-shrink: 0; }
.jp-NotebookPanel .wb-side { max-height: calc(100vh - 130px); }
.wb-tabs .lm-TabBar-tab { flex: 0 0 auto !important; min-width: 0 !important; padding: 0 9px; }
.jp-OutputArea:has(.wb-root), .jp-OutputArea-child:has(.wb-root),
.jp-OutputArea-output:has(.wb-root), .jp-Cell-outputWrapper:has(.wb-root) {
  overflow: visible !important; min-width: 0;
}
@container (max-width: 800px) {
  .wb-main { grid-template-columns: minmax(0, 1fr) !important; }
  .wb-side { position: static; max-height: none !important; }
}
</style>"""
"""The workbench's own style: wrapped text at a normal line height (a widget's HTML otherwise
takes the 28px control height), short tabs sized to their titles, a results column that stays
in view, and one column when the notebook is narrower than 800px. Sticky positioning needs every
box between the column and the page's scroller to let its content overflow, hence the host
output area's rules."""


_NOTES = {
    "winter": "Each factor must be likely on its own (Winter v. NRDC).",
    "winter-unmerged": "Winter, with the equities and the public interest weighed apart.",
    "sliding-scale": (
        "The D.C. Circuit's sliding scale: strong factors offset weak ones, but irreparable "
        "harm is required on its own (CityFed)."
    ),
    "sliding-scale-unmerged": "Sliding scale (harm required); equities and public interest apart.",
    "sliding-scale-pure": (
        "Teaching variant: even irreparable harm can be offset. Not the Circuit's rule."
    ),
    "serious-questions": (
        "The Ninth Circuit: serious questions on the merits suffice if the hardships tip "
        "sharply, with harm and the public interest likely (Cottrell)."
    ),
}


def _chosen(box: widgets.Dropdown) -> str:
    """The answer a dropdown shows, in full and in small print."""
    return f"<small>{html.escape(str(box.label or ''))}</small>"


def _standard_note(name: str) -> str:
    """What the chosen standard does, and that the answer on the standard follows it."""
    note = _NOTES.get(name, "")
    return (
        f"<small>{html.escape(note)} Choosing a standard also sets the answer to the case's "
        "question on the standard, and answering that question picks the standard.</small>"
    )
