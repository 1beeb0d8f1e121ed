"""Table downloads (CSV, ``.xlsx``): recomputed on the server from the page's own data.

A button names a table id and a format; the filters come from the URL (``FilterState``), the
page's data from the data manager exactly as the content callback gets it, and the bytes from
the pure builders of ``data.exports``. Nothing is read back from the browser.
"""

from __future__ import annotations

import base64
import logging
from datetime import date, datetime
from typing import Any

import dash
from dash import ALL, Dash, Input, Output, State, no_update

from callbacks.context import (
    as_of,
    cold_days,
    data_version,
    formatter,
    in_page_lang,
    manager,
    state_from_search,
)
from callbacks.pages import PageSpec
from data import exports
from data.filters import FilterState
from data.snapshots import Selection
from layouts.formatting import Formatter
from layouts.i18n import Wording, localise
from layouts.ids import Export, Shell

log = logging.getLogger(__name__)

#: The ``table`` of the page-wide button: every table of the page in one workbook.
WHOLE_PAGE = "page"


def page_name(pathname: str | None) -> str | None:
    """The registered page at ``pathname`` that has data (``home`` for ``/``), else None."""
    spec = PageSpec.find(pathname)
    return None if spec is None else spec.name


def page_data(name: str, state: FilterState) -> Any:
    """The page's data for ``state``, built as the content callback builds it (None: no data)."""
    for page in dash.page_registry.values():
        if str(page["module"]).rsplit(".", 1)[-1] == name and page.get("builder"):
            build = page["builder"]
            break
    else:
        return None
    days = cold_days()

    def make(selection: Selection, when: date) -> Any:
        return build(selection, when, days)

    return manager().aggregates(data_version(), f"{name}:cold={days}", state.without_view(),
                                as_of(state), make)


def page_tables(name: str, state: FilterState) -> list[exports.Table]:
    """Every table of page ``name`` (the Deals page: its current view in full)."""
    if name == "deals":
        table = deal_list("deals-table", state)
        return [] if table is None else [table]
    builder = exports.PAGE_TABLES.get(name, exports.dataclass_tables)
    data = page_data(name, state)
    return [] if data is None else list(builder(data).values())


def deal_list(table_id: str, state: FilterState) -> exports.Table | None:
    """A deal list in full: the Deals view of the URL, or the priority view a card lists."""
    view = state.view if table_id == "deals-table" else exports.DEAL_LIST_VIEWS[table_id]
    filters = state if table_id == "deals-table" else state.without_view()
    selection = manager().selection(data_version(), filters)
    if selection is None:
        return None
    return exports.deals_table(selection, as_of(state), view, cold_days())


def table_export(table_id: str, kind: str, pathname: str | None, search: str | None,
                 fmt: Formatter | None = None) -> dict[str, Any] | None:
    """The download (``dcc.send_bytes`` dict) of a table or a whole page; None if none.

    Its header block, titles, labels and status words are in ``fmt``'s language (default: the
    URL's, else the user's); the file's own names (stages, owners…) are written as they are.
    """
    state = state_from_search(search)
    words = Wording(fmt or formatter(state))
    page = page_name(pathname)
    if table_id == WHOLE_PAGE:
        if page is None:
            return None
        tables, base = page_tables(page, state), page
    elif table_id in exports.DEAL_LIST_VIEWS:
        found = deal_list(table_id, state)
        tables, base = ([] if found is None else [found]), table_id.removesuffix("-table")
        if table_id == "deals-table" and state.view:
            base = f"deals-{state.view}"
    else:
        owner = exports.page_of(table_id)
        builder = exports.PAGE_TABLES.get(owner or "")
        data = None if owner is None or builder is None else page_data(owner, state)
        tables = [] if data is None or builder is None else [builder(data)[table_id]]
        base = table_id.removesuffix("-table")
    if not tables:
        return None
    day = as_of(state)
    # Only the Deals view is selected by ``view=``; elsewhere it is ignored, so not named.
    whole_deals = table_id == "deals-table" or (table_id == WHOLE_PAGE and page == "deals")
    keep = state if whole_deals else state.without_view()
    generated = datetime.now()
    if kind == "csv" and len(tables) == 1:
        content = exports.to_csv(tables[0], keep, day, generated, words.render, words.status)
        name = exports.file_name(base, keep, day, "csv")
        return sent(content, name, exports.CSV_TYPE)
    content = exports.to_xlsx(tables, keep, day, generated, words.render, words.status)
    return sent(content, exports.file_name(base, keep, day, "xlsx"), exports.XLSX_TYPE)


def sent(content: bytes, filename: str, media_type: str) -> dict[str, Any]:
    """What ``dcc.Download`` takes (as ``dcc.send_bytes`` builds it, typed)."""
    return {"content": base64.b64encode(content).decode(), "filename": filename,
            "base64": True, "type": media_type}


def register(app: Dash) -> None:
    """Register the table-download callback on ``app``."""
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        """function (clicks) {
            const t = window.dash_clientside.callback_context.triggered;
            if (!t || !t.length || !t[0].value) return window.dash_clientside.no_update;
            const id = JSON.parse(t[0].prop_id.slice(0, t[0].prop_id.lastIndexOf('.')));
            return {table: id.table, format: id.format, at: Date.now()};
        }""",
        Output(Export.REQUEST, "data"),
        Input({"type": Export.BUTTON, "table": ALL, "format": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Export.DOWNLOAD, "data"),
        Output(Export.ERROR, "children"),
        Input(Export.REQUEST, "data"),
        State(Shell.URL, "pathname"),
        State(Shell.URL, "search"),
        State(Shell.LANG_SHOWN, "data"),
        prevent_initial_call=True,
    )
    def download(request: dict[str, Any] | None, pathname: str | None,
                 search: str | None, lang: str | None = None) -> tuple[Any, str]:
        """Send the clicked table.

        The buttons' clicks reach the server through ``Export.REQUEST``, set in the browser on
        a real click only: Dash calls an ``ALL`` callback whenever matching buttons appear, and
        every chart and table card brings its own, so a filter change would cost a request.
        """
        if not request or not request.get("table"):
            return no_update, ""
        trigger = {"table": request["table"], "format": request.get("format")}
        fmt = formatter(in_page_lang(state_from_search(search), lang))
        try:
            found = table_export(str(trigger["table"]), str(trigger["format"]), pathname, search,
                                 fmt)
        except exports.ExportTooLarge as error:
            return no_update, localise(fmt, error.args[0])
        except Exception:  # noqa: BLE001 - logged in full, the user gets a short message
            log.exception("export of %s failed", trigger)
            return no_update, fmt._("The export could not be built; the error was logged on the "
                                    "server.")
        if found is None:
            return no_update, fmt._("Nothing to export for the current filters (no import "
                                    "selected).")
        return found, ""
