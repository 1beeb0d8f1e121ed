"""The printable report: Print, the one-click PDF of the whole dashboard, filters in print.

The PDF holds every page that has data, in navbar order, each from a new page, with what the
browser shows for the URL's filters: the same rendered content (``callbacks.pages.render_page``,
memoised), the Deals table's first page and its actions. ``data.report`` writes it as HTML and
``data.report_pdf`` prints it with the server's headless Chromium, offline.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import dash
from dash import Dash, Input, Output, State, no_update
from flask import current_app
from plotly.io.json import to_json_plotly

from callbacks.context import as_of, state_from_search
from callbacks.deals import render_actions, table_page
from callbacks.exports import page_name, sent
from callbacks.pages import render_page
from data import exports, report, report_pdf
from layouts.deals import TABLE_COLUMNS
from layouts.ids import Export, Shell

log = logging.getLogger(__name__)


def wire(component: Any) -> Any:
    """A component tree (or a memo's JSON of one) in Dash's JSON wire form."""
    return json.loads(to_json_plotly(component))


def _pages() -> list[dict[str, Any]]:
    """Registered pages that have data, in navbar order."""
    found = [p for p in dash.page_registry.values() if p.get("builder") is not None]
    return sorted(found, key=lambda p: (p.get("order", 99), p["path"]))


def sections(search: str | None) -> list[report.Section]:
    """Every page with data, rendered for the filters of ``search`` (none: no import yet)."""
    out = []
    for page in _pages():
        content = render_page(page["path"], search)
        if content is None:
            return []
        parts = [wire(content)]
        if page["path"] == "/deals":
            rows, _pages_count, total = table_page(search, 0, report.TABLE_ROWS, [])
            parts.append({"type": "Div", "namespace": "dash_html_components",
                          "props": {"children": total, "className": "small text-muted"}})
            parts.append({"type": "DataTable", "namespace": "dash_table", "props": {
                "columns": [{"id": k, "name": label} for k, label in TABLE_COLUMNS],
                "data": wire(rows)}})
            parts.append(wire(render_actions(search)))
        out.append(report.Section(str(page["name"]), str(page.get("description") or ""), parts))
    return out


def pdf_report(search: str | None) -> tuple[bytes, str] | None:
    """The PDF of the whole dashboard for ``search`` and its file name; None if no data."""
    state = state_from_search(search)
    found = sections(search)
    if not found:
        return None
    day = as_of(state)
    meta = report.ReportMeta(day.isoformat(), datetime.now().strftime("%Y-%m-%d %H:%M"),
                             exports.describe_filters(state))
    document = report.document(found, meta, report.stylesheets(), report.plotly_bundle())
    return report_pdf.html_to_pdf(document), exports.file_name("crm-report", state, day, "pdf")


def fresh_connections() -> None:
    """In a background job (a forked process): never reuse the parent's pooled connections."""
    crm = current_app.extensions["crm"]
    for engine in {crm["engine"], crm["manager"].reader}:
        engine.dispose(close=False)


def register(app: Dash) -> None:
    """Register Print, the PDF download and the written-out filters on ``app``."""
    server = app.server

    @app.callback(
        Output(Export.PDF_DOWNLOAD, "data"),
        Output(Export.PDF_STATUS, "children"),
        Input(Export.PDF, "n_clicks"),
        State(Shell.URL, "search"),
        background=True,  # Chromium prints for seconds: no web thread waits for it
        running=[(Output(Export.PDF, "disabled"), True, False),
                 (Output(Export.PDF, "children"), "Building the PDF…", "PDF report")],
        prevent_initial_call=True,
    )
    def download_pdf(clicks: int | None, search: str | None) -> tuple[Any, str]:
        """Build and send the PDF report of the whole dashboard for the URL's filters."""
        if not clicks:
            return no_update, ""
        with server.app_context():
            fresh_connections()
            try:
                made = pdf_report(search)
            except report_pdf.ReportUnavailable as error:
                log.warning("PDF report unavailable: %s", error)
                return no_update, str(error)[:300]
            except Exception:  # noqa: BLE001 - logged in full, the user gets a short message
                log.exception("PDF report failed")
                return no_update, ("The PDF could not be built; the error was logged on the "
                                   "server.")
        if made is None:
            return no_update, "Nothing to report yet: import a file first."
        content, name = made
        return sent(content, name, "application/pdf"), ""

    @app.callback(
        Output(Export.PAGE_TOOLS, "style"),
        Input(Shell.URL, "pathname"),
        prevent_initial_call=True,  # a page's frame comes with it set (callbacks.pages.filled)
    )
    def page_tools(pathname: str | None) -> dict[str, str]:
        """The page-wide export only where a page has data (a new page, not a filter change)."""
        return {} if page_name(pathname) is not None else {"display": "none"}

    app.clientside_callback(  # type: ignore[no-untyped-call]  # untyped in Dash
        "function (n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
        Output(Export.PRINT, "title"),
        Input(Export.PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
