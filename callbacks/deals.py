"""Deals page: the server-side paged and sorted table, and the actions below it.

Issue 16: a filter change is one round trip. The page's content (``draw``, its ``render``)
brings the grid's first page, the total line and the deadlines and priority actions in the
same response (a ``Deals.FIRST`` store beside the grid). In the browser, the grid's request
for its first page is answered from that store (``_ROWS``, no request) and the actions are put
below the grid (``_ACTIONS``); any other page or a sort goes to the server (``Deals.ASK``,
``fill_view``). Every callback's outputs sit in the content beside its inputs, so a new grid
mounted with the content asks nothing by itself (Dash calls a callback whose input appears
in a new layout chunk unless all its outputs are in that chunk too).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from dash import ALL, MATCH, Dash, Input, Output, State, html, no_update
from dash.exceptions import PreventUpdate

from callbacks.context import (
    as_of,
    cold_days,
    data_version,
    formatter,
    manager,
    rendered,
    state_from_search,
)
from callbacks.pages import failure
from data.filters import FilterState
from data.pagedata import deals as deals_data
from data.pagedata.deals import DealsHeaderData
from data.snapshots import Needs, Selection
from layouts import deals as deals_layout
from layouts.deals import ACTION_LISTS, PAGE_SIZE, SORT_KEYS, FirstPage
from layouts.formatting import Formatter
from layouts.i18n import localise
from layouts.ids import Deals, Shell
from layouts.tables import TableRow, deal_rows

#: What the table callback returns: rows, number of deals of the view, total line.
TableOutput = tuple[list[TableRow], int, str]
#: A sort of the table: (display column, ascending), first key first.
Sort = list[tuple[str, bool]]
#: What a row of the grid carries: its columns and what styles them (status colour, overdue
#: rows in red, the health band); the other fields of a deal are not sent.
ROW_KEYS = (*(key for key, _ in deals_layout.TABLE_COLUMNS), "status", "_overdue", "_band")
#: The most rows one request may ask for (the grid asks for ``PAGE_SIZE``).
MAX_ROWS = 100
T = TypeVar("T")


def sort_of(request: dict[str, Any]) -> Sort:
    """The grid's sort model as (column, ascending) pairs; unknown shapes are dropped."""
    out: Sort = []
    for item in request.get("sortModel") or []:
        if isinstance(item, dict) and isinstance(item.get("colId"), str):
            out.append((item["colId"], item.get("sort") != "desc"))
    return out


def table_page(search: str | None, page: int, page_size: int, sort_by: Sort) -> TableOutput:
    """Rows of one page, the view's deal count and the total line (plain function for
    tests).
    """
    state = state_from_search(search)
    parts = [
        "deals-table",
        state.to_query(),
        as_of(state),
        page,
        page_size,
        sort_by,
        cold_days(),
        formatter(state).lang,
    ]
    version = data_version()
    rows, pages, label = rendered(
        version, parts, lambda: _table_page(version, search, page, page_size, sort_by)
    )
    return rows, pages, label


def _table_page(
    version: int,
    search: str | None,
    page: int,
    page_size: int,
    sort_by: Sort,
) -> TableOutput:
    state = state_from_search(search)
    # the deals behind a movement category need the dataset's snapshots (issue 12)
    needs = Needs(series=True) if state.option("moved") else Needs()
    selection = manager().selection(version, state, needs)
    if selection is None:
        return [], 0, ""
    sort = [(SORT_KEYS.get(column, column), ascending) for column, ascending in sort_by]
    size = page_size or PAGE_SIZE
    found = deals_data.table_page(
        selection, as_of(state), state.view, sort, page or 0, size,
        cold_days=cold_days(),
    )
    fmt = formatter(state)
    formatted: list[TableRow] = []
    for row, late, health in zip(deal_rows(found.rows, fmt, selection.currency), found.overdue,
                                 found.health, strict=True):
        row["_overdue"] = int(late)  # data.metrics.forecast's overdue rule, shown in red
        row.update(deals_layout.health_cells(health))  # data.metrics.health, issue 12
        if row.get("next_action"):  # built in English by data.metrics.health
            row["next_action"] = localise(fmt, str(row["next_action"]))
        formatted.append({key: row[key] for key in ROW_KEYS if key in row})
    label = fmt.ngettext("{n} deal", "{n} deals", found.total)
    return formatted, found.total, label


def _actions(search: str | None, name: str,
             draw_view: Callable[[deals_data.ActionsData, Formatter], T]) -> T | None:
    """``draw_view`` of the deadlines and priority actions for the filters of ``search``
    (memoised under ``name``; None without data).
    """
    state = state_from_search(search).without_view()
    days = cold_days()

    def build(selection: Selection, when: date) -> deals_data.ActionsData:
        return deals_data.actions(selection, when, days)

    version = data_version()

    def produce() -> T | None:
        view = manager().aggregates(version, f"deals-actions:cold={days}", state, as_of(state),
                                    build)
        return None if view is None else draw_view(view, formatter(state))

    parts = [name, state.to_query(), as_of(state), days, formatter(state).lang]
    return rendered(version, parts, produce)


def render_actions(search: str | None) -> Any:
    """Deadlines and priority actions drawn whole, for the filters of the URL (the PDF)."""
    return _actions(search, "deals-actions", deals_layout.actions)


def action_lists(search: str | None) -> dict[str, dict[str, Any]] | None:
    """Titles, rows and messages of the deadline and action cards kept below the grid."""
    return _actions(search, "deals-action-lists", deals_layout.action_lists)


def draw(view: DealsHeaderData, state: FilterState, fmt: Formatter) -> html.Div:
    """The page's ``render`` (``pages/deals.py``): the header, and the grid with its first page
    (unsorted), the total line and the actions, all memoised like the grid's own requests.
    """
    search = state.search()
    rows, total, label = table_page(search, 0, PAGE_SIZE, [])
    first = FirstPage(rows, total, label, action_lists(search))
    return deals_layout.body(view, state, fmt, first)


def view_answer(request: dict[str, Any], search: str | None) -> tuple[dict[str, Any], str]:
    """The grid's page (``getRowsResponse``) and the total line for a ``getRowsRequest``."""
    start = max(0, int(request.get("startRow") or 0))
    size = min(MAX_ROWS, max(1, int(request.get("endRow") or start + PAGE_SIZE) - start))
    rows, total, label = table_page(search, start // size, size, sort_of(request))
    return {"rowData": rows, "rowCount": total}, label


#: The grid's request for rows, in the browser: its first unsorted page came with the content
#: (``Deals.FIRST``); any other is handed to ``fill_view`` through ``Deals.ASK``.
_ROWS = """
function (request, first) {
    const noUpdate = window.dash_clientside.no_update;
    if (!request) { return [noUpdate, noUpdate]; }
    const rows = first && first.rowData;
    const sorted = (request.sortModel || []).length > 0;
    if (rows && !sorted && request.startRow === 0
        && (rows.length >= request.endRow || rows.length === first.rowCount)) {
        return [{rowData: rows.slice(0, request.endRow), rowCount: first.rowCount}, noUpdate];
    }
    return [noUpdate, {startRow: request.startRow, endRow: request.endRow,
                       sortModel: request.sortModel || [], asked: Date.now()}];
}
"""

#: The deadline and action cards below the grid (``layouts.deals.actions_frame``), given the
#: lists that came with the content: per list its title, rows, grid or message, export buttons
#: (outputs in that order, lists in ``IDS`` order, after the cards' container). The grids stay
#: mounted: a view costs five ``rowData`` updates, not five new grids.
_ACTIONS = """
function (stores) {
    const noUpdate = window.dash_clientside.no_update;
    const first = (stores || []).find(data => data);
    const lists = first && first.lists;
    if (!lists) {
        return [{display: 'none'}, ...IDS.flatMap(() => [noUpdate, noUpdate, noUpdate, noUpdate,
                                                          noUpdate, noUpdate])];
    }
    const shown = {display: 'block'}, hidden = {display: 'none'};
    return [shown, ...IDS.flatMap(id => {
        const list = lists[id] || {rows: [], message: ''};
        return [list.title || '', list.message ? noUpdate : list.rows,
                list.message ? hidden : shown, list.message || '',
                list.message ? shown : hidden, list.message ? hidden : shown];
    })];
}
""".replace("IDS", json.dumps([spec.table_id for spec in ACTION_LISTS]))


def register(app: Dash) -> None:
    """Register the Deals grid's callbacks on ``app``."""
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _ROWS,
        Output({"type": Deals.TABLE, "view": MATCH}, "getRowsResponse"),
        Output({"type": Deals.ASK, "view": MATCH}, "data"),
        Input({"type": Deals.TABLE, "view": MATCH}, "getRowsRequest"),
        State({"type": Deals.FIRST, "view": MATCH}, "data"),
        prevent_initial_call=True,
    )
    lists = [spec.table_id for spec in ACTION_LISTS]
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _ACTIONS,
        Output(Deals.ACTIONS, "style"),
        *[output for table in lists for output in (
            Output({"type": Deals.LIST_TITLE, "list": table}, "children"),
            Output(table, "rowData"),
            Output({"type": Deals.LIST_BOX, "list": table}, "style"),
            Output({"type": Deals.LIST_MESSAGE, "list": table}, "children"),
            Output({"type": Deals.LIST_MESSAGE, "list": table}, "style"),
            Output({"type": Deals.LIST_EXPORT, "list": table}, "style"),
        )],
        Input({"type": Deals.FIRST, "view": ALL}, "data"),
    )

    @app.callback(
        Output({"type": Deals.TABLE, "view": MATCH}, "getRowsResponse", allow_duplicate=True),
        Output({"type": Deals.TOTAL, "view": MATCH}, "children"),
        Input({"type": Deals.ASK, "view": MATCH}, "data"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def fill_view(request: dict[str, Any] | None, search: str | None) -> tuple[Any, Any]:
        """A page of deals that did not come with the content (another page, a sort), sorted
        and sliced on the server.
        """
        if not request:
            raise PreventUpdate
        try:
            return view_answer(request, search)
        except Exception as error:  # noqa: BLE001 - a short message; the log has the details
            text = formatter(state_from_search(search))._(
                "The table could not be loaded; see the server log.")
            return no_update, [text, failure(error, search)]
