"""Fill each page's content area from the URL: one callback, one renderer per page.

The content depends on the path, the query string (filters) and the data version; aggregates
come memoised from the service, so a repeated view costs a cache read. Any unexpected error is
logged with its traceback on the server and shown to the user as a short message, never as a
stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, html

from callbacks.context import (
    as_of,
    formatter,
    memo_rendered,
    service,
    state_from_search,
)
from callbacks.context import cold_days as effective_cold_days
from data import views
from data.filters import FilterState
from data.formatting import Formatter
from layouts import deals, forecast, home, marketing, pipeline
from layouts.ids import Page, Shell

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    """How a page gets its aggregates and turns them into components."""

    name: str
    build: Callable[..., dict[str, Any]]
    render: Callable[[dict[str, Any], FilterState, Formatter], Any]
    keeps_view: bool = False


PAGES: dict[str, PageSpec] = {
    "/": PageSpec("home", views.home, home.body),
    "/pipeline": PageSpec("pipeline", views.pipeline, pipeline.body),
    "/marketing": PageSpec("marketing", views.marketing, marketing.body),
    "/forecast": PageSpec("forecast", views.forecast, forecast.body),
    "/deals": PageSpec("deals-header", views.header, deals.body, keeps_view=True),
}
_COLD_AWARE = {"home", "pipeline", "deals"}


def render_page(pathname: str, search: str | None) -> Any:
    """Components for a page and query string (the callback's body, callable in tests)."""
    spec = PAGES.get(pathname or "/")
    if spec is None:
        return None
    state = state_from_search(search)
    if not spec.keeps_view:
        state = state.without_view()
    build = spec.build
    cold_days = effective_cold_days()  # history: set on the Settings page (database)
    if spec.name in _COLD_AWARE:
        build = partial(build, cold_days=cold_days)
    day = as_of(state)

    def produce() -> Any:
        name = f"{spec.name}:cold={cold_days}" if spec.name in _COLD_AWARE else spec.name
        view = service().view(name, state, day, build)
        if view is None:
            return None  # the shell shows the empty state
        return spec.render(view, state, formatter(state))

    return memo_rendered(
        ["page", spec.name, state.to_query(), day, cold_days, formatter(state).lang], produce
    )


def failure(error: Exception) -> dbc.Alert:
    """What the user sees when something unexpected happens (details go to the server log)."""
    log.exception("page rendering failed", exc_info=error)
    return dbc.Alert(
        [
            html.Strong("This view could not be computed. "),
            "The error was logged on the server. Try resetting the filters; if it persists, "
            "re-import the file or report it.",
        ],
        color="danger",
        id="page-error",
    )


def register(app: Dash) -> None:
    """Register the page-content callback on ``app``."""

    @app.callback(
        Output(Page.CONTENT, "children"),
        Input(Shell.URL, "pathname"),
        Input(Shell.URL, "search"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill_page(pathname: str, search: str | None, _version: int) -> Any:
        """Recompute the visible page when the path, the filters or the data change."""
        if pathname not in PAGES:
            return None
        try:
            return render_page(pathname, search)
        except Exception as error:  # noqa: BLE001 - shown as a message, logged in full
            return failure(error)

    @app.callback(
        Output(Shell.EMPTY, "style"),
        Input(Shell.URL, "pathname"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def toggle_empty_state(pathname: str, _version: int) -> dict[str, str]:
        """Show how to get data (and the sample button) while there is no import."""
        empty = not service().imports()
        return {"display": "block" if empty and pathname != "/settings" else "none"}
