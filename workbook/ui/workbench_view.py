"""The workbench's widgets: its layout and drawing (state and actions are in workbench)."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from workbook import charts
from workbook.charts.display import chart_widget, unchecked
from workbook.engine import SEMANTICS, STANDARDS, Analysis, Result
from workbook.models import Argument, Case
from workbook.scenario import Scenario
from workbook.ui.a11y import accessible_names
from workbook.ui.add_form import AddForm
from workbook.ui.common import ControlPanel, close_tree, errors_to
from workbook.ui.compare_view import CompareControls
from workbook.ui.decisive import decisive_html, status_words
from workbook.ui.files import FileControls
from workbook.ui.odds import odds_controls
from workbook.ui.panels import question_controls
from workbook.ui.workbench_style import CSS, chosen_html, fill_width, standard_note
from workbook.verification import cites_html

__all__ = ["WorkbenchView"]

_STEP = 0.05
_TABS = ("Arguments", "Questions", "Odds", "Add", "Standard", "Compare", "Files")
"""The control tabs' titles, short; where the column is narrower than all seven (JupyterLab
at 1280px with the file browser open) the tab bar wraps to a second row (see ``CSS``)."""
_MAP = 1100
"""The argument map's width: it fits the page at 1280px in Voilà (in JupyterLab, with the
file browser open, it scrolls inside its own box)."""
_GRID = "minmax(300px, 1fr) minmax(480px, 1.25fr)"
"""Controls beside results: the results column is never narrower than its 480px charts."""


class WorkbenchView(ControlPanel):
    """The widget tree of the workbench, wired to the actions its subclass defines."""

    case: Case
    scenario: Scenario
    pending: bool
    """Whether the rows, the Monte Carlo and the map still wait for the first paint."""

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
    edit_argument: Callable[..., Argument]
    remove_added: Callable[[str], Result]
    reset: Callable[[], Result]
    pin: Callable[[], Scenario]
    compare: Callable[..., object]
    compare_file: Callable[[str | Path], object]
    download: Callable[[str], tuple[str, bytes]]
    upload: Callable[[str, bytes], Scenario]
    save: Callable[[str | Path], Path]
    load: Callable[[str | Path], Scenario]

    def _step(self, n: int) -> None:
        self.busy.value = n

    def _draw(self, analysis: Analysis) -> None:
        """Draw the outcome and factor balance, then (if computed) everything else."""
        result = analysis.result
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
        self.standard_note.value = standard_note(result.standard)
        with unchecked():
            self.balance_chart.chart = charts.factor_balance(result)
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
        if analysis.monte_carlo is None or analysis.decisive is None:
            self.p_text.value = "P(granted): computing…"
            self.decisive.value = "<i>computing…</i>"
            self.map_note.value = "<i>computing the argument map…</i>"
            return
        self._draw_rest(analysis)

    def _draw_rest(self, analysis: Analysis) -> None:
        """P(granted), the tornado, the Monte Carlo, the value of information and the map."""
        result, scenario = analysis.result, analysis.scenario
        mc, points, found = analysis.monte_carlo, analysis.tipping_points, analysis.decisive
        assert mc is not None and found is not None  # _draw calls this only with both
        names = {e.id: e.name for e in self.case.elements}
        low, high = mc.interval
        self.p_text.value = (
            f"P(granted) = {mc.p_granted:.2f} "
            f"(95% interval {low:.2f}–{high:.2f}; {mc.samples:,} samples)"
        )
        sides = {a.id: a.side for a in self.arguments}
        flips = {p.argument: p.flips == "outcome" for p in points}
        plain = {**names, **{a.id: a.heading for a in self.arguments}}
        with unchecked():
            self.tornado_chart.chart = charts.tornado(
                analysis.tornado, sides=sides, flips=flips, names=plain
            )
            self.mc_chart.chart = charts.probability(mc, names=names)
            self.voi_chart.chart = charts.value_of_information(mc, self.case)
            self.map_chart.chart = charts.argument_map(self.case, result, scenario, width=_MAP)
        self.map_note.value = ""
        self.decisive.value = decisive_html(self.case, found, points)

    # ------------------------------------------------------------------ widgets

    def _row(self, arg: Argument) -> widgets.Widget:
        check = widgets.Checkbox(
            tooltip=f"In play: {arg.heading}",
            value=arg.id not in self.scenario.dropped,
            indent=False,
            layout=widgets.Layout(width="24px"),
        )
        slider = widgets.FloatSlider(
            tooltip=f"Strength: {arg.heading}",
            value=self.scenario.strengths.get(arg.id, arg.strength),
            min=0.0,
            max=1.0,
            step=_STEP,
            continuous_update=False,
            readout_format=".2f",
            layout=fill_width(flex="1 1 auto", min_width="120px"),
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
        """Build every argument's row, once: later changes go through :meth:`_sync_rows`."""
        self.checks: dict[str, widgets.Checkbox] = {}
        self.sliders: dict[str, widgets.FloatSlider] = {}
        self.labels: dict[str, widgets.HTML] = {}
        self.reasons: dict[str, widgets.HTML] = {}
        self.rows: dict[str, tuple[Argument, widgets.Widget]] = {}
        self.element_boxes: dict[str, widgets.VBox] = {}
        for e in self.case.elements:
            self.element_boxes[e.id] = widgets.VBox([widgets.HTML("<i>loading…</i>")])
        self.accordion.children = list(self.element_boxes.values())
        for i, e in enumerate(self.case.elements):
            self.accordion.set_title(i, e.name)
        self._sync_rows()

    def _sync_rows(self) -> None:
        """Bring the rows in line with the scenario, touching only what changed.

        The case's rows stay (their tick and slider follow the scenario); a row of the
        user's is added, replaced or removed with its argument. The accordion keeps the
        element that is open, and the pickers offer the arguments now in play.
        """
        self.form.set_arguments(self.arguments)
        self.form.show_mine(self.scenario.added, self.edit_from_list, self.remove_from_list)
        if self.pending:  # the rows come after the first paint, see Workbench.complete
            return
        current = {a.id: a for a in self.arguments}
        for aid, (arg, row) in list(self.rows.items()):
            if current.get(aid) != arg:
                del self.rows[aid]
                for table in (self.checks, self.sliders, self.labels, self.reasons):
                    table.pop(aid, None)
                close_tree(row)
        for arg in self.arguments:
            if arg.id not in self.rows:
                self.rows[arg.id] = (arg, self._row(arg))
            else:
                self._sync(self.checks[arg.id], arg.id not in self.scenario.dropped)
                self._sync(self.sliders[arg.id], self.scenario.strengths.get(arg.id, arg.strength))
        for eid, box in self.element_boxes.items():
            rows = [self.rows[a.id][1] for a in self.arguments if a.element == eid]
            if list(box.children) != rows:
                box.children = rows or [widgets.HTML("<i>no arguments yet</i>")]

    def _build(self) -> None:
        self._build_status()
        self._build_choices()
        add_form = self._build_add_form()
        file_box = self._build_file_controls()
        self.accordion = widgets.Accordion()  # _rebuild_rows fills it, _sync_rows keeps it
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
        self.busy_row = widgets.HBox([self.busy, self.busy_label])
        self.summary_view = widgets.HTML()

    def _build_choices(self) -> None:
        """The answer to each question, the standard and the semantics, each wired."""
        self.answer_boxes = question_controls(self.case.questions)
        for qid, box in self.answer_boxes.items():
            box.observe(self._on(lambda ch, q=qid: self.set_answer(q, ch["new"])), names="value")
        self.standard_box = widgets.Dropdown(
            options=list(STANDARDS),
            value=self.scenario.standard_for(self.case),
            description="standard",
            layout=fill_width(),
        )
        self.standard_box.observe(self._on(lambda ch: self.set_standard(ch["new"])), names="value")
        self.standard_note = widgets.HTML(standard_note(self.scenario.standard_for(self.case)))
        self.semantics_box = widgets.Dropdown(
            options=list(SEMANTICS),
            value=self.scenario.semantics,
            description="semantics",
            layout=fill_width(),
        )
        self.semantics_box.observe(
            self._on(lambda ch: self.set_semantics(ch["new"])), names="value"
        )

    def _build_add_form(self) -> widgets.VBox:
        """The add-an-argument form, its buttons wired to ``add_argument``/``edit_argument``."""
        self.form = form = AddForm(self.case, self.arguments)
        form.button.on_click(errors_to(form.error)(lambda _b: self._add_from_form()))
        form.cancel.on_click(errors_to(form.error)(lambda _b: form.clear()))
        return form.widget

    def _add_from_form(self) -> Argument:
        """Add (or save the edit of) the argument in the form, then empty the form."""
        draft = self.form.draft()
        if self.form.editing is not None:
            arg = self.edit_argument(self.form.editing, **draft)
            done = "Saved"
        else:
            arg = self.add_argument(**draft)
            done = "Added"
        self.form.clear()
        self.form.status.value = f"<small>{done} “{html.escape(arg.heading)}”.</small>"
        return arg

    def edit_from_list(self, argument: str) -> None:
        """Put one of the user's arguments into the form (its Edit button)."""
        self.form.fill(self.scenario.argument(self.case, argument))
        self.form.status.value = ""

    def remove_from_list(self, argument: str) -> None:
        """Delete one of the user's arguments (its Delete button)."""
        heading = self.scenario.argument(self.case, argument).heading
        self.remove_added(argument)
        if self.form.editing == argument:
            self.form.clear()
        self.form.status.value = f"<small>Deleted “{html.escape(heading)}”.</small>"

    def _build_file_controls(self) -> widgets.VBox:
        """The standard and semantics boxes (the Standard tab)."""
        return widgets.VBox([self.standard_box, self.standard_note, self.semantics_box])

    def _files(self) -> widgets.VBox:
        """The Files tab: save and load on the server, download and upload in the browser."""
        self.files = files = FileControls(f"{self.case.case.id}.scenario.json")
        self.path, self.save_button, self.load_button = files.path, files.save, files.load
        self.file_status = files.status
        files.save.on_click(errors_to(files.error)(lambda _b: self.save(files.path.value)))
        files.load.on_click(errors_to(files.error)(lambda _b: self.load(files.path.value)))
        files.prepare.on_click(
            errors_to(files.download_error)(lambda _b: self.download(files.kind.value))
        )
        files.upload.observe(errors_to(files.upload_error)(self._uploaded), names="value")
        return files.widget

    def _uploaded(self, change: dict[str, Any]) -> None:
        """Load the file just uploaded (then forget it, so the same file can come again)."""
        if not change["new"]:
            return
        item = change["new"][0]
        try:
            self.upload(item["name"], bytes(item["content"]))
        finally:
            self.files.upload.value = ()

    def _moot(self) -> widgets.VBox:
        """The Compare tab: reset, pin as A, compare with A or a file; errors shown there."""
        self.moot = moot = CompareControls(f"{self.case.case.id}.scenario.json")
        moot.reset.on_click(errors_to(moot.error)(lambda _b: self.reset()))
        moot.pin.on_click(errors_to(moot.error)(lambda _b: self.pin()))
        moot.compare.on_click(errors_to(moot.error)(lambda _b: self.compare()))
        moot.compare_file.on_click(
            errors_to(moot.error)(lambda _b: self.compare_file(moot.path.value))
        )
        return moot.widget

    def _question_box(self) -> widgets.VBox:
        """Each question, its answer box, and the chosen answer in full (a box cuts it short)."""
        questions: list[widgets.Widget] = []
        for q in self.case.questions:
            choice = self.answer_boxes[q.id]
            chosen = widgets.HTML(chosen_html(choice), layout=widgets.Layout(margin="0 0 8px 8px"))
            choice.observe(
                lambda _ch, c=choice, w=chosen: setattr(w, "value", chosen_html(c)), "value"
            )
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
        tabs = [
            self.accordion,
            self._question_box(),
            odds,
            add_form,
            file_box,
            self._moot(),
            self._files(),
        ]
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
        self.map_note = widgets.HTML()
        side = widgets.VBox(
            [
                self.busy_row,
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
        controls scroll, and scrolls on its own; see ``CSS``.
        """
        case = self.case.case
        head = widgets.HTML(
            f"{CSS}<h2>{html.escape(case.title)}</h2>"
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
        root = widgets.VBox(
            [
                head,
                main,
                widgets.HTML("<h4>Argument map</h4>"),
                self.map_note,
                map_box,
                accessible_names(),
            ]
        )
        root.add_class("wb-root")
        return root
