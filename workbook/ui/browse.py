"""Readable tables for the reading notebooks: wrapped, left-aligned, searchable, sortable.

A :class:`TableBrowser` shows a DataFrame one page at a time as an HTML table
whose text wraps and reads left to right; a search box, dropdown filters, a
sort order and page buttons choose the rows. Each row may carry an expandable
part (a ``<details>`` element: click the main cell to open it) for what would
crowd the table, such as a fact's note or an authority's verification record.

Sorting, filtering and searching read the frame's plain-text columns; a
column may be *shown* from another column holding ready-made, escaped HTML
(links, badges); such columns' names start with ``_``, and search skips
them. Everything else is escaped here. The methods the controls call
(``set_filter``, ``set_search``, ``sort_by``, ``go``) are plain methods tests
call directly.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from workbook.errors import UnknownNameError
from workbook.tables import ANY, choices, filter_rows
from workbook.ui.common import error_box, errors_to

__all__ = [
    "TABLE_CSS",
    "Column",
    "TableBrowser",
    "build_table_browser",
    "rows_html",
    "table_html",
]

TABLE_CSS = """<style>
.wb-browse .widget-html-content { white-space: normal; line-height: 1.4; height: auto; }
.wb-browse .widget-html { height: auto; }
table.wb-records { border-collapse: collapse; width: 100%; max-width: 100%; font-size: 13px;
  table-layout: auto; color: #000; }
table.wb-records th, table.wb-records td { text-align: left !important; vertical-align: top;
  padding: 4px 8px; white-space: normal; overflow-wrap: break-word; border-bottom: 1px solid #ccc; }
table.wb-records th { background: #f3f3f3; font-weight: 600; }
table.wb-records summary { cursor: pointer; }
table.wb-records summary::marker { color: #0072B2; }
table.wb-records details[open] > summary { margin-bottom: 4px; }
table.wb-records .wb-more { background: #f7f7f7; border-left: 3px solid #0072B2;
  padding: 4px 8px; margin: 2px 0; overflow-wrap: anywhere; }
table.wb-records a { color: #0060A0; text-decoration: underline; }
</style>"""
"""The tables' style: left-aligned, wrapped text (JupyterLab right-aligns and a widget's HTML
otherwise keeps to one 28px line), a grey header, and the opened part set off by a blue rule."""


@dataclass(frozen=True)
class Column:
    """One shown column: the frame column it sorts and searches by, and how it is shown.

    Attributes:
        name: the frame's column (plain text).
        title: the header (default: the name).
        width: a CSS width for the column, e.g. ``"7em"`` (default: as the text needs).
        html: a frame column holding escaped HTML to show instead of ``name``'s text.

    """

    name: str
    title: str = ""
    width: str = ""
    html: str = ""


def _cell(row: Mapping[str, object], column: Column) -> str:
    if column.html:
        return str(row.get(column.html, "") or "")
    value = row.get(column.name, "")
    return (
        ""
        if value is None or (isinstance(value, float) and math.isnan(value))
        else (html.escape(str(value)))
    )


def _width(column: Column) -> str:
    return f' style="width:{html.escape(column.width)}"' if column.width else ""


def rows_html(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    details: str = "",
    main: str = "",
    caption: str = "",
) -> str:
    """Rows as a wrapped, left-aligned HTML table.

    Args:
        frame: the rows.
        columns: the columns to show, in order.
        details: a frame column of escaped HTML shown when a row is opened
            (rows where it is empty do not open).
        main: the column whose cell opens the row (default: the last).
        caption: a caption read out by screen readers and shown above.

    """
    if not columns:
        return ""
    opener = main or columns[-1].name
    head = "".join(
        f'<th scope="col"{_width(c)}>{html.escape(c.title or c.name)}</th>' for c in columns
    )
    body = []
    for row in frame.to_dict("records"):
        cells = []
        for c in columns:
            text = _cell(row, c)
            more = str(row.get(details, "") or "") if details and c.name == opener else ""
            if more:
                text = (
                    f'<details><summary>{text}</summary><div class="wb-more">{more}</div></details>'
                )
            cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption style='text-align:left'>{html.escape(caption)}</caption>" if caption else ""
    return (
        f'<table class="wb-records">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def table_html(frame: pd.DataFrame, *, caption: str = "", empty: str = "") -> HTML:
    """A whole DataFrame as a readable table for a notebook (every column, escaped).

    ``empty`` is said instead when the frame has no rows.
    """
    if frame.empty and empty:
        return HTML(f"<p><i>{html.escape(empty)}</i></p>")  # type: ignore[no-untyped-call]
    cols = [Column(str(c)) for c in frame.columns if not str(c).startswith("_")]
    return HTML(TABLE_CSS + rows_html(frame, cols, caption=caption))  # type: ignore[no-untyped-call]


@dataclass
class TableBrowser:
    """A table shown a page at a time, with search, filters and sort (see the module doc)."""

    frame: pd.DataFrame
    columns: tuple[Column, ...]
    search: widgets.Text
    filters: dict[str, widgets.Dropdown]
    sort: widgets.Dropdown
    order: widgets.ToggleButtons
    pager: tuple[widgets.Button, widgets.Button]
    count: widgets.Label
    page_label: widgets.Label
    body: widgets.HTML
    error: widgets.HTML
    widget: widgets.VBox
    noun: str = "rows"
    details: str = ""
    main: str = ""
    filter_columns: dict[str, str] = field(default_factory=dict)
    page_size: int = 10
    page: int = 0
    matched: pd.DataFrame = field(default_factory=pd.DataFrame)
    shown: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def pages(self) -> int:
        """How many pages the matching rows fill (at least one)."""
        return max(1, math.ceil(len(self.matched) / self.page_size))

    def set_filter(self, **values: str) -> pd.DataFrame:
        """Set some filters by name and return every matching row (all pages)."""
        for name, value in values.items():
            if name not in self.filters:
                raise UnknownNameError(
                    f"no filter {name!r}; filters are: {', '.join(self.filters) or '(none)'}"
                )
            box = self.filters[name]
            if value not in box.options:
                raise UnknownNameError(
                    f"{value!r} is not a {name} in this table; "
                    f"choose one of: {', '.join(map(str, box.options))}"
                )
            box.value = value  # fires refresh through the observer
        return self.refresh()

    def set_search(self, text: str) -> pd.DataFrame:
        """Keep the rows whose text contains ``text`` (any case); return them."""
        self.search.value = text
        return self.refresh()

    def sort_by(self, column: str, descending: bool = False) -> pd.DataFrame:
        """Sort by one column's text (empty cells last); return the matching rows."""
        names = [value for _, value in self.sort.options]
        if column not in names:
            raise UnknownNameError(f"cannot sort by {column!r}; choose one of: {', '.join(names)}")
        self.sort.value = column
        self.order.value = "descending" if descending else "ascending"
        return self.refresh()

    def go(self, page: int) -> pd.DataFrame:
        """Show page ``page`` (from 0; clamped to the pages there are); return its rows."""
        self.page = min(max(0, page), self.pages - 1)
        self._draw()
        return self.shown

    def refresh(self, _change: object = None) -> pd.DataFrame:
        """Apply search, filters and sort, go back to the first page; return the matches."""
        picked = {self.filter_columns[n]: str(b.value) for n, b in self.filters.items()}
        rows = filter_rows(self.frame, picked, text=str(self.search.value))
        key = str(self.sort.value)
        if key and key in rows.columns:
            blank = rows[key].isna() | (rows[key].astype(str) == "")
            numbers = pd.to_numeric(rows[key].where(~blank), errors="coerce")
            numeric = bool(numbers[~blank].notna().all())
            text = numbers if numeric else rows[key].astype(str).str.lower()
            rows = rows.assign(_blank=blank, _key=text).sort_values(
                ["_blank", "_key"],
                ascending=[True, self.order.value != "descending"],
                kind="stable",
            )
            rows = rows.drop(columns=["_blank", "_key"]).reset_index(drop=True)
        self.matched = rows
        self.page = 0
        self._draw()
        return self.matched

    def _draw(self) -> None:
        start = self.page * self.page_size
        self.shown = self.matched.iloc[start : start + self.page_size]
        self.body.value = rows_html(self.shown, self.columns, details=self.details, main=self.main)
        self.count.value = f"{len(self.matched)} of {len(self.frame)} {self.noun}"
        self.page_label.value = f"page {self.page + 1} of {self.pages}"
        self.pager[0].disabled = self.page == 0
        self.pager[1].disabled = self.page >= self.pages - 1


def build_table_browser(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    *,
    filters: Mapping[str, str] | None = None,
    sort: str = "",
    details: str = "",
    main: str = "",
    noun: str = "rows",
    page_size: int = 10,
) -> TableBrowser:
    """A :class:`TableBrowser` over ``frame``.

    Args:
        frame: plain-text rows (and any HTML columns the ``columns`` name).
        columns: what to show.
        filters: filter name -> frame column (comma-separated values are split).
        sort: the column sorted by at first (default: the frame's own order).
        details: a column of escaped HTML each row opens to show.
        main: the column whose cell opens the row (default: the last shown).
        noun: what a row is, for the count ("12 of 40 facts").
        page_size: rows a page.

    """
    filter_columns = dict(filters or {})
    boxes = {
        name: widgets.Dropdown(
            options=choices(frame, col),
            value=ANY,
            description=name,
            layout=widgets.Layout(width="220px"),
        )
        for name, col in filter_columns.items()
    }
    search = widgets.Text(
        placeholder="words in any column",
        description="search",
        continuous_update=False,
        layout=widgets.Layout(width="270px"),
    )
    sort_box = widgets.Dropdown(
        options=[("(as listed)", ""), *((c.title or c.name, c.name) for c in columns)],
        value=sort,
        description="sort by",
        layout=widgets.Layout(width="220px"),
    )
    order = widgets.ToggleButtons(
        options=["ascending", "descending"],
        value="ascending",
        style={"button_width": "100px"},
    )
    back = widgets.Button(description="◀ previous", layout=widgets.Layout(width="110px"))
    ahead = widgets.Button(description="next ▶", layout=widgets.Layout(width="110px"))
    count, page_label, body, error = widgets.Label(), widgets.Label(), widgets.HTML(), error_box()
    wrap = widgets.Layout(flex_flow="row wrap", align_items="center")
    box = widgets.VBox(
        [
            widgets.HTML(TABLE_CSS),
            widgets.HBox([search, *boxes.values(), sort_box, order], layout=wrap),
            widgets.HBox([count, back, page_label, ahead], layout=wrap),
            error,
            body,
        ]
    )
    box.add_class("wb-browse")
    browser = TableBrowser(
        frame=frame.reset_index(drop=True),
        columns=tuple(columns),
        search=search,
        filters=boxes,
        sort=sort_box,
        order=order,
        pager=(back, ahead),
        count=count,
        page_label=page_label,
        body=body,
        error=error,
        widget=box,
        noun=noun,
        details=details,
        main=main,
        filter_columns=filter_columns,
        page_size=max(1, page_size),
    )
    on_change = errors_to(error)(browser.refresh)
    for control in (search, sort_box, order, *boxes.values()):
        control.observe(on_change, names="value")
    back.on_click(errors_to(error)(lambda _b: browser.go(browser.page - 1)))
    ahead.on_click(errors_to(error)(lambda _b: browser.go(browser.page + 1)))
    browser.refresh()
    return browser
