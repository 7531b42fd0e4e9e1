"""The workbench's form for an argument of one's own, and the list of the user's arguments.

The form holds no state of the scenario: it reads what the user typed
(:meth:`AddForm.draft`), is emptied after an add (:meth:`AddForm.clear`), is
filled with an argument to edit (:meth:`AddForm.fill`), and lists the user's
arguments with an Edit and a Delete button each (:meth:`AddForm.show_mine`).
The pickers for what the argument attacks or supports, its authorities and
its facts list them by heading, name or statement, and filter as one types.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from workbook.errors import ScenarioError
from workbook.models import Argument, Case
from workbook.ui.common import close_tree, errors_to
from workbook.ui.user_input import argument_choices, authority_choices, fact_choices, pin_cites
from workbook.ui.workbench_style import field_heading, fill_width, picker

__all__ = ["AddForm"]

_STEP = 0.05


class AddForm:
    """The add-an-argument form (``.widget``); the workbench wires its buttons."""

    def __init__(self, case: Case, arguments: Sequence[Argument]) -> None:
        self.case = case
        self.editing: str | None = None
        """The id of the user's argument being edited, or None when adding."""
        self.authorities = authority_choices(case)
        self.facts = fact_choices(case)
        self.targets = argument_choices(arguments)
        self.side = widgets.ToggleButtons(
            options=["movant", "opponent"], value="movant", style={"button_width": "90px"}
        )
        self.element = widgets.Dropdown(
            options=[(e.name, e.id) for e in case.elements],
            description="element",
            layout=fill_width(),
        )
        self.heading = widgets.Text(
            placeholder="one line saying what it argues", description="heading", layout=fill_width()
        )
        self.text = widgets.Textarea(
            placeholder="the argument itself, in your own words",
            description="text",
            layout=fill_width(height="90px"),
        )
        self.strength = widgets.FloatSlider(
            value=0.5,
            min=0,
            max=1,
            step=_STEP,
            description="strength",
            readout_format=".2f",
            layout=fill_width(),
        )
        self.attacks = picker("type to find an argument it rebuts", self.targets)
        self.supports = picker("type to find an argument it reinforces", self.targets)
        self.cites = picker("type to find an authority", self.authorities)
        self.pins = widgets.Text(
            placeholder="pages, in the authorities' order: 20; 434-35",
            description="pin cites",
            layout=fill_width(),
        )
        self.linked = picker("type to find a fact it rests on", self.facts)
        self.button = widgets.Button(description="Add argument", button_style="primary")
        self.cancel = widgets.Button(description="Cancel edit", layout={"display": "none"})
        self.error = widgets.HTML()
        self.status = widgets.HTML()
        self.mine = widgets.VBox()
        self.widget = widgets.VBox(
            [
                self.side,
                self.element,
                self.heading,
                self.text,
                self.strength,
                field_heading("Attacks"),
                self.attacks,
                field_heading("Supports"),
                self.supports,
                field_heading("Authorities"),
                self.cites,
                self.pins,
                field_heading("Facts"),
                self.linked,
                widgets.HBox([self.button, self.cancel]),
                self.error,
                self.status,
                widgets.HTML("<h4>Your arguments</h4>"),
                self.mine,
            ]
        )
        self.widget.add_class("wb-add")

    # ------------------------------------------------------------------ reading

    def draft(self) -> dict[str, Any]:
        """What the user typed, as ``add_argument``'s keyword arguments (ids, not labels).

        Raises:
            ScenarioError: the text is empty, or there are more pin cites than authorities.

        """
        if not self.text.value.strip():
            raise ScenarioError("write the argument's text (what it argues, in your own words)")
        cites = [self.authorities[t] for t in self.cites.value]
        return {
            "side": self.side.value,
            "element": self.element.value,
            "heading": self.heading.value,
            "strength": self.strength.value,
            "body": self.text.value.strip(),
            "attacks": [self.targets[t] for t in self.attacks.value],
            "supports": [self.targets[t] for t in self.supports.value],
            "authorities": cites,
            "pins": pin_cites(cites, self.pins.value),
            "facts": [self.facts[t] for t in self.linked.value],
        }

    # ------------------------------------------------------------------ writing

    def clear(self) -> None:
        """Empty the form (after an add or an edit), keeping the side and element."""
        self.heading.value = self.text.value = self.pins.value = ""
        self.strength.value = 0.5
        for box in (self.attacks, self.supports, self.cites, self.linked):
            box.value = []
        self.editing = None
        self.button.description = "Add argument"
        self.cancel.layout.display = "none"

    def fill(self, arg: Argument) -> None:
        """Put one of the user's arguments into the form to edit it."""
        by_id = {v: k for k, v in self.targets.items()}
        cite_names = {v: k for k, v in self.authorities.items()}
        fact_names = {v: k for k, v in self.facts.items()}
        self.side.value, self.element.value = arg.side, arg.element
        self.heading.value, self.text.value = arg.heading, arg.body
        self.strength.value = arg.strength
        self.attacks.value = [by_id[i] for i in arg.attacks if i in by_id]
        self.supports.value = [by_id[i] for i in arg.supports if i in by_id]
        self.cites.value = [cite_names[c.id] for c in arg.authorities]
        self.pins.value = "; ".join(c.pin for c in arg.authorities).strip("; ")
        self.linked.value = [fact_names[f] for f in arg.facts if f in fact_names]
        self.editing = arg.id
        self.button.description = "Save changes"
        self.cancel.layout.display = None

    def set_arguments(self, arguments: Sequence[Argument]) -> None:
        """Offer these arguments as targets (the case's and the user's, after a change)."""
        self.targets = argument_choices(arguments)
        tags = list(self.targets)
        for box in (self.attacks, self.supports):
            box.value = [t for t in box.value if t in self.targets]
            box.allowed_tags = tags

    def show_mine(
        self,
        added: Sequence[Argument],
        edit: Callable[[str], object],
        delete: Callable[[str], object],
    ) -> None:
        """List the user's arguments, each with Edit and Delete (errors shown by the form)."""
        for old in self.mine.children:
            close_tree(old)
        names = {e.id: e.name for e in self.case.elements}
        rows: list[widgets.Widget] = []
        for arg in added:
            edit_button = widgets.Button(
                description="Edit", icon="pencil", layout={"width": "auto"}
            )
            delete_button = widgets.Button(
                description="Delete", icon="trash", layout={"width": "auto"}
            )
            edit_button.on_click(errors_to(self.error)(lambda _b, i=arg.id: edit(i)))
            delete_button.on_click(errors_to(self.error)(lambda _b, i=arg.id: delete(i)))
            text = widgets.HTML(
                f"<b>{html.escape(arg.side.capitalize())}</b> on "
                f"{html.escape(names.get(arg.element, arg.element))}: {html.escape(arg.heading)}",
                layout=widgets.Layout(flex="1 1 auto", min_width="0"),
            )
            rows.append(
                widgets.HBox(
                    [text, edit_button, delete_button], layout=widgets.Layout(align_items="center")
                )
            )
        self.mine.children = rows or [widgets.HTML("<i>None yet.</i>")]
