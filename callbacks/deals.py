"""Deals page: the server-side paged and sorted table."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from dash import Dash, Input, Output, no_update

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
from layouts.deals import SORT_KEYS
from layouts.i18n import localise
from layouts.ids import Deals, Shell
from layouts.tables import TableRow, deal_rows

#: What the table callback returns: rows, page count, total line.
TableOutput = tuple[list[TableRow], int, str]


def table_page(
    search: str | None, page: int, page_size: int, sort_by: list[dict[str, str]] | None
) -> TableOutput:
    """Rows of one page, the page count and the total line (plain function for tests)."""
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
    sort_by: list[dict[str, str]] | None,
) -> TableOutput:
    state = state_from_search(search)
    # the deals behind a movement category need the dataset's snapshots (issue 12)
    needs = Needs(series=True) if state.option("moved") else Needs()
    selection = manager().selection(version, state, needs)
    if selection is None:
        return [], 1, ""
    sort = [
        (SORT_KEYS.get(s["column_id"], s["column_id"]), s.get("direction", "asc") == "asc")
        for s in (sort_by or [])
    ]
    size = page_size or 25
    found = deals_data.table_page(
        selection, as_of(state), state.view, sort, page or 0, size,
        cold_days=cold_days(),
    )
    fmt = formatter(state)
    formatted = deal_rows(found.rows, fmt, selection.currency)
    for row, late, health in zip(formatted, found.overdue, found.health, strict=True):
        row["_overdue"] = int(late)  # data.metrics.forecast's overdue rule, shown in red
        row.update(deals_layout.health_cells(health))  # data.metrics.health, issue 12
        if row.get("next_action"):  # built in English by data.metrics.health
            row["next_action"] = localise(fmt, str(row["next_action"]))
    pages = max(1, math.ceil(found.total / size))
    label = fmt.ngettext("{n} deal", "{n} deals", found.total)
    return formatted, pages, label


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


def register(app: Dash) -> None:
    """Register the Deals table and actions callbacks on ``app``."""

    @app.callback(
        Output(Deals.ACTIONS, "children"),
        Input(Shell.URL, "search"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill_actions(search: str | None, _version: int) -> Any:
        """Deadlines and priority actions below the table."""
        try:
            return render_actions(search)
        except Exception as error:  # noqa: BLE001 - shown as a message, logged in full
            return failure(error)

    @app.callback(
        Output(Deals.TABLE, "data"),
        Output(Deals.TABLE, "page_count"),
        Output(Deals.TOTAL, "children"),
        Input(Shell.URL, "search"),
        Input(Deals.TABLE, "page_current"),
        Input(Deals.TABLE, "page_size"),
        Input(Deals.TABLE, "sort_by"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill_table(
        search: str | None,
        page: int,
        page_size: int,
        sort_by: list[dict[str, str]] | None,
        _version: int,
    ) -> TableOutput | tuple[Any, Any, str]:
        """One page of deals, sorted and sliced on the server."""
        try:
            return table_page(search, page, page_size, sort_by)
        except Exception:  # noqa: BLE001 - the page-level message covers it; keep the table
            return no_update, no_update, formatter(state_from_search(search))._(
                "The table could not be loaded; see the server log.")
