"""Deals page: the server-side paged and sorted table, and the actions below it.

One callback answers the grid's request for a page (``getRowsRequest``: rows, sort model): the
25 rows it shows, the total line and, for a new view's first page, the deadlines and priority
actions (issue 11/12 target: one round trip per Deals view besides the content).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
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
from data.pagedata import deals as deals_data
from data.snapshots import Needs, Selection
from layouts import deals as deals_layout
from layouts.deals import PAGE_SIZE, SORT_KEYS
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


def render_actions(search: str | None) -> Any:
    """Deadlines and priority actions for the filters of the URL (plain function for tests)."""
    state = state_from_search(search).without_view()
    days = cold_days()

    def build(selection: Selection, when: date) -> deals_data.ActionsData:
        return deals_data.actions(selection, when, days)

    version = data_version()

    def produce() -> Any:
        view = manager().aggregates(version, f"deals-actions:cold={days}", state, as_of(state),
                                    build)
        return None if view is None else deals_layout.actions(view, formatter(state))

    parts = ["deals-actions", state.to_query(), as_of(state), days, formatter(state).lang]
    return rendered(version, parts, produce)


def view_answer(request: dict[str, Any], search: str | None) -> tuple[Any, str, Any]:
    """The grid's page, the total line and (first page of a view) the actions."""
    start = max(0, int(request.get("startRow") or 0))
    size = min(MAX_ROWS, max(1, int(request.get("endRow") or start + PAGE_SIZE) - start))
    sort = sort_of(request)
    rows, total, label = table_page(search, start // size, size, sort)
    first = start == 0 and not sort  # a new view's grid: its first request
    return ({"rowData": rows, "rowCount": total}, label,
            render_actions(search) if first else no_update)


def register(app: Dash) -> None:
    """Register the Deals view callback on ``app``."""

    @app.callback(
        Output({"type": Deals.TABLE, "view": ALL}, "getRowsResponse"),
        Output({"type": Deals.TOTAL, "view": ALL}, "children"),
        Output(Deals.ACTIONS, "children"),
        Input({"type": Deals.TABLE, "view": ALL}, "getRowsRequest"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def fill_view(requests: list[dict[str, Any] | None],
                  search: str | None) -> tuple[list[Any], list[Any], Any]:
        """One page of deals, sorted and sliced on the server, with the view's actions."""
        ids = [item["id"] for item in ctx.inputs_list[0]]
        asked = [i for i, r in enumerate(requests) if r and ids[i] == ctx.triggered_id]
        if not asked:
            raise PreventUpdate
        index = asked[0]
        grids: list[Any] = [no_update] * len(requests)
        totals: list[Any] = [no_update] * len(requests)
        try:
            grids[index], totals[index], shown = view_answer(requests[index] or {}, search)
        except Exception as error:  # noqa: BLE001 - a short message; the log has the details
            totals[index] = formatter(state_from_search(search))._(
                "The table could not be loaded; see the server log.")
            return grids, totals, failure(error, search)
        return grids, totals, shown
