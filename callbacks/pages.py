"""Fill each page's content area from the URL, driven by Dash's page registry.

A page load and a new page are drawn in the pages router's own round trip: ``register`` wraps
each page's layout so that the frame the router returns already holds the content computed for
the URL (issue 16: a first view takes one callback round, not the frame and then its content).
``fill_page`` redraws the page on a new data version; a filter change is drawn by the filter
callback (``callbacks.filters``) with ``content`` in its own response.

Every page declares itself once, in ``pages/<page>.py`` (``dash.register_page`` with its
``builder`` and ``render``); this module never imports a page (Dash executes page files
itself) and reads the declarations from ``dash.page_registry``. The content depends on the
path, the query string (filters) and the data version; aggregates come memoised from the
service, so a repeated view costs a cache read. Any unexpected error is logged with its
traceback on the server and shown to the user as a short message, never as a stack trace.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, Input, Output, State, html
from dash.exceptions import MissingCallbackContextException

from callbacks.context import (
    as_of,
    data_version,
    formatter,
    manager,
    rendered,
    state_from_search,
)
from callbacks.context import cold_days as effective_cold_days
from data.filters import FilterState
from data.pagedata import Builder
from data.snapshots import Selection
from layouts.formatting import Formatter
from layouts.ids import Export, Page, Shell
from layouts.page import printed_filters
from layouts.static_html import freeze

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageSpec:
    """What the content callback needs from a page's registry entry."""

    #: The page's name (``home`` for ``pages.home``): names its memo entries and says what
    #: its aggregates need (``data.snapshots.NEEDS``).
    name: str
    build: Builder
    #: The dataclass ``build`` returns (``data.pagedata``).
    data: type
    render: Callable[[Any, FilterState, Formatter], Any]
    #: Whether the ``view=`` parameter selects the page's deals (Deals) or is dropped.
    keeps_view: bool = False

    @classmethod
    def find(cls, pathname: str | None) -> PageSpec | None:
        """The page registered at ``pathname`` with a builder, or None (Settings, 404)."""
        path = pathname or "/"
        for page in dash.page_registry.values():
            if page["path"] == path and page.get("builder") is not None:
                name = page["module"].rsplit(".", 1)[-1]
                return cls(name, page["builder"], page["data"], page["render"],
                           bool(page.get("keeps_view", False)))
        return None


def render_page(pathname: str | None, search: str | None) -> Any:
    """Components for a page and query string (the callback's body, callable in tests)."""
    spec = PageSpec.find(pathname)
    if spec is None:
        return None
    state = state_from_search(search)
    if not spec.keeps_view:
        state = state.without_view()
    cold_days = effective_cold_days()  # set on the Settings page (database)
    day = as_of(state)

    version = data_version()

    def build(selection: Selection, when: date) -> Any:
        return spec.build(selection, when, cold_days)

    def produce() -> Any:
        data = manager().aggregates(version, f"{spec.name}:cold={cold_days}", state, day, build)
        if data is None:
            return None  # the shell shows the empty state
        return html.Div([printed_filters(state, formatter(state)),
                         spec.render(data, state, formatter(state))])

    return rendered(
        version, ["page", spec.name, state.to_query(), day, cold_days, formatter(state).lang],
        produce,
    )


def failure(error: Exception, search: str | None = None) -> dbc.Alert:
    """What the user sees when something unexpected happens (details go to the server log),
    in the language of the page's query string ``search``.
    """
    log.exception("page rendering failed", exc_info=error)
    try:
        fmt = formatter(state_from_search(search))
    except Exception:  # noqa: BLE001 - the notice must not fail in turn: the message ids
        fmt = Formatter("en")
    return dbc.Alert(
        [
            html.Strong(fmt._("This view could not be computed.") + " "),
            fmt._("The error was logged on the server. Try resetting the filters; if it "
                  "persists, re-import the file or report it."),
        ],
        color="danger",
        id="page-error",
    )


def content(pathname: str | None, search: str | None) -> Any:
    """``render_page``, or the short message of ``failure`` (what every caller shows).

    Sent with its pure-presentation parts as markup (``layouts.static_html.freeze``): the
    components a callback names stay components.
    """
    try:
        drawn = render_page(pathname, search)
        if drawn is None:
            return None
        app = dash.get_app()  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        return freeze(drawn, callback_ids(app))
    except Exception as error:  # noqa: BLE001 - shown as a message, logged in full
        return failure(error, search)


@functools.cache
def callback_ids(app: Dash) -> frozenset[str]:
    """The string ids the app's callbacks read or write (those components stay components).

    Fixed once the app is built (callbacks are registered in ``create_app``), hence kept.
    """
    ids: set[str] = set()
    for spec in [*dash._callback.GLOBAL_CALLBACK_LIST, *app._callback_list]:
        for item in [*spec.get("inputs", []), *spec.get("state", [])]:
            if isinstance(item.get("id"), str):
                ids.add(item["id"])
        for output in spec["output"].strip(".").split("..."):
            name = output.rsplit(".", 1)[0].lstrip(".")
            if not name.startswith("{"):
                ids.add(name)
    return frozenset(ids)


def page_tools_style(pathname: str | None) -> dict[str, str]:
    """The page-wide export ("All tables") shown only on a page that has data."""
    return {} if PageSpec.find(pathname) is not None else {"display": "none"}


#: The router's inputs (``dash.page_container``'s location), as ``callback_context`` names them.
_ROUTER_PATH, _ROUTER_SEARCH = "_pages_location.pathname", "_pages_location.search"


def router_url() -> tuple[str, str] | None:
    """Path and query string the pages router is drawing, inside its callback; else None
    (Dash building its validation layout, or any other caller).
    """
    try:
        inputs = dash.callback_context.inputs
    except (MissingCallbackContextException, LookupError):  # LookupError: no context yet
        return None
    if _ROUTER_PATH not in inputs:
        return None
    return str(inputs[_ROUTER_PATH] or "/"), str(inputs.get(_ROUTER_SEARCH) or "")


def filled(layout: Callable[..., Any]) -> Callable[..., Any]:
    """``layout`` (a page's frame), with its content area filled for the router's URL.

    The router calls a page's layout when the page is loaded or opened; returning the frame
    with the content (and the page-wide export shown or not) saves the round trip in which
    the callbacks of the frame's components would fill it.
    """
    if getattr(layout, "crm_filled", False):
        return layout

    @functools.wraps(layout)
    def frame(**query: Any) -> Any:
        drawn = layout(**query)
        url = router_url()
        if url is None:
            return drawn
        pathname, search = url
        try:
            drawn[Page.CONTENT].children = content(pathname, search)
            # as callbacks.report.page_tools would, in this round (it runs on new pages only)
            drawn[Export.PAGE_TOOLS].style = page_tools_style(pathname)
        except (KeyError, TypeError, AttributeError):  # not a page frame: nothing to fill
            pass
        return drawn

    frame.crm_filled = True  # type: ignore[attr-defined]
    return frame


def register(app: Dash) -> None:
    """Fill pages in the router's round; register the content callback for new data."""
    for page in dash.page_registry.values():
        if callable(page.get("layout")):
            page["layout"] = filled(page["layout"])

    @app.callback(
        Output(Page.CONTENT, "children"),
        Input(Shell.DATA_VERSION, "data"),
        State(Shell.URL, "pathname"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def fill_page(_version: int, pathname: str, search: str | None) -> Any:
        """Redraw the page for new data (an import, a deletion, a restore).

        A load and a new page come drawn in the router's frame (``filled``): this callback
        does not run when the frame appears (``prevent_initial_call``). A filter change is
        drawn by the filter callback in its own response (``callbacks.filters``).
        """
        return content(pathname, search)

    @app.callback(
        Output(Shell.EMPTY, "style"),
        Input(Shell.URL, "pathname"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def toggle_empty_state(pathname: str, _version: int) -> dict[str, str]:
        """Show how to get data (and the sample button) while there is no import."""
        empty = not manager().imports(data_version())
        return {"display": "block" if empty and pathname != "/settings" else "none"}
