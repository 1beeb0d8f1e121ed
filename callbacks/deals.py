"""Deals page: the server-side paged and sorted table."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

from dash import Dash, Input, Output, no_update

from callbacks.context import (
    as_of,
    formatter,
    manager,
    rendered,
    settings,
    state_from_search,
)
from callbacks.pages import failure
from data import views
from layouts import deals as deals_layout
from layouts.deals import SORT_KEYS
from layouts.ids import Deals, Shell
from layouts.tables import deal_rows


def table_page(
    search: str | None, page: int, page_size: int, sort_by: list[dict[str, str]] | None
) -> tuple[list[dict[str, Any]], int, str]:
    """Rows of one page, the page count and the total line (plain function for tests)."""
    state = state_from_search(search)
    parts = [
        "deals-table",
        state.to_query(),
        as_of(state),
        page,
        page_size,
        sort_by,
        settings().cold_days,
        formatter(state).lang,
    ]
    version = manager().version()
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
) -> tuple[list[dict[str, Any]], int, str]:
    state = state_from_search(search)
    selection = manager().selection(version, state)
    if selection is None:
        return [], 1, ""
    sort = [
        {
            "column_id": SORT_KEYS.get(s["column_id"], s["column_id"]),
            "direction": s.get("direction", "asc"),
        }
        for s in (sort_by or [])
    ]
    rows, total = views.deals_page(
        selection,
        as_of(state),
        state.view,
        sort,
        page or 0,
        page_size or 25,
        cold_days=settings().cold_days,
    )
    fmt = formatter(state)
    formatted = deal_rows(rows, fmt, selection.currency)
    for row in formatted:
        row["_overdue"] = (
            1
            if (
                row.get("status") == "open"
                and row.get("expected_close_date")
                and row["expected_close_date"] < as_of(state).isoformat()
            )
            else 0
        )
    pages = max(1, math.ceil(total / (page_size or 25)))
    label = f"{fmt.number(total)} deal(s)"
    return formatted, pages, label


def render_actions(search: str | None) -> Any:
    """Deadlines and priority actions for the filters of the URL (plain function for tests)."""
    state = state_from_search(search).without_view()
    cold_days = settings().cold_days
    build = partial(views.actions, cold_days=cold_days)

    version = manager().version()

    def produce() -> Any:
        view = manager().aggregates(version, f"deals:cold={cold_days}", state, as_of(state),
                                    build)
        return None if view is None else deals_layout.actions(view, formatter(state))

    parts = ["deals-actions", state.to_query(), as_of(state), cold_days, formatter(state).lang]
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
    ) -> tuple:
        """One page of deals, sorted and sliced on the server."""
        try:
            return table_page(search, page, page_size, sort_by)
        except Exception:  # noqa: BLE001 - the page-level message covers it; keep the table
            return no_update, no_update, "The table could not be loaded; see the server log."
