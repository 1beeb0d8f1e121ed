"""The printable report: Print, the one-click PDF of the whole dashboard, filters in print.

The PDF holds every page that has data, in navbar order, each from a new page, with what the
browser shows for the URL's filters: the same rendered content (``callbacks.pages.render_page``,
memoised), the Deals grid's first page written in (``fill_deals``) and its actions.
``data.report`` writes it as HTML and ``data.report_pdf`` prints it with the server's headless
Chromium, offline.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

import dash
from dash import Dash, Input, Output, State, no_update
from plotly.io.json import to_json_plotly

from callbacks.context import as_of, formatter, in_page_lang, state_from_search
from callbacks.deals import render_actions, table_page
from callbacks.exports import sent
from callbacks.jobs import run_job
from callbacks.pages import page_tools_style, render_page
from data import exports, report, report_pdf
from data.filters import FilterState
from layouts.formatting import Formatter
from layouts.i18n import Wording, localise
from layouts.ids import Deals, Export, Shell

log = logging.getLogger(__name__)


def wire(component: Any) -> Any:
    """A component tree (or a memo's JSON of one) in Dash's JSON wire form."""
    return json.loads(to_json_plotly(component))


def fill_deals(node: Any, rows: list[Any], total: str) -> None:
    """Write the Deals grid's first page and its total line into the content's wire form (on
    screen the grid asks the server for them: ``callbacks.deals``).
    """
    if isinstance(node, list):
        for child in node:
            fill_deals(child, rows, total)
        return
    if not isinstance(node, dict):
        return
    props = node.get("props") or {}
    ident = props.get("id")
    if isinstance(ident, dict) and ident.get("type") == Deals.TABLE:
        props["rowData"] = rows
    elif isinstance(ident, dict) and ident.get("type") == Deals.TOTAL:
        props["children"] = total
    fill_deals(props.get("children"), rows, total)


def _pages() -> list[dict[str, Any]]:
    """Registered pages that have data, in navbar order."""
    found = [p for p in dash.page_registry.values() if p.get("builder") is not None]
    return sorted(found, key=lambda p: (p.get("order", 99), p["path"]))


def sections(search: str | None) -> list[report.Section]:
    """Every page with data, rendered for the filters of ``search`` (none: no import yet)."""
    out = []
    fmt = formatter(state_from_search(search))
    for page in _pages():
        content = render_page(page["path"], search)
        if content is None:
            return []
        parts = [wire(content)]
        if page["path"] == "/deals":
            rows, _count, total = table_page(search, 0, report.TABLE_ROWS, [])
            fill_deals(parts[0], wire(rows), total)
            parts.append(wire(render_actions(search)))
        out.append(report.Section(fmt._(str(page["name"])),
                                  fmt._(str(page.get("description") or "")), parts))
    return out


def filter_lines(state: FilterState, fmt: Formatter) -> list[tuple[str, str]]:
    """The report's filters in ``fmt``'s language: labels and status words translated, the
    file's names (a stage called "Won") exactly as the file writes them.
    """
    words = Wording(fmt)
    return exports.describe_filters(state, words.status, words.render)


def pdf_report(search: str | None) -> tuple[bytes, str] | None:
    """The PDF of the whole dashboard for ``search`` and its file name; None if no data."""
    state = state_from_search(search)
    found = sections(search)
    if not found:
        return None
    day = as_of(state)
    fmt = formatter(state)
    now = datetime.now()
    meta = report.ReportMeta(
        fmt.date(day), f"{fmt.date(now.date())} {now:%H:%M}",
        filter_lines(state, fmt),
        lang=fmt.lang, words={text: fmt._(text) for text in report.TEXTS})
    document = report.document(found, meta, report.stylesheets(), report.plotly_bundle())
    return report_pdf.html_to_pdf(document), exports.file_name("crm-report", state, day, "pdf")


def register(app: Dash) -> None:
    """Register Print, the PDF download and the written-out filters on ``app``."""
    server = app.server

    @app.callback(
        Output(Export.PDF_DOWNLOAD, "data"),
        Output(Export.PDF_STATUS, "children"),
        Input(Export.PDF, "n_clicks"),
        State(Shell.URL, "search"),
        State(Shell.LANG_SHOWN, "data"),
        background=True,  # Chromium prints for seconds: no web thread waits for it
        running=[(Output(Export.PDF, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def download_pdf(clicks: int | None, search: str | None,
                     lang: str | None = None) -> tuple[Any, str]:
        """Build and send the PDF report of the whole dashboard for the URL's filters, in the
        language of the page it was asked from (a background job has no request to ask).
        """
        if not clicks:
            return no_update, ""
        state = state_from_search(search)
        shown = in_page_lang(state, lang)
        if shown is not state:  # the page's language, kept in the report's URL
            state, search = shown, f"?{shown.to_query()}"
        fmt = formatter(state)

        def build() -> tuple[Any, str]:
            made = pdf_report(search)
            if made is None:
                return no_update, fmt._("Nothing to report yet: import a file first.")
            content, name = made
            return sent(content, name, "application/pdf"), ""

        return run_job(server, build, lambda text: (no_update, localise(fmt, text)),
                       what="PDF report",
                       message=fmt._("The PDF could not be built; the error was logged on the "
                                     "server."),
                       expected=(report_pdf.ReportUnavailable,))

    @app.callback(
        Output(Export.PAGE_TOOLS, "style"),
        Input(Shell.URL, "pathname"),
        prevent_initial_call=True,  # a page's frame comes with it set (callbacks.pages.filled)
    )
    def page_tools(pathname: str | None) -> dict[str, str]:
        """The page-wide export only where a page has data (a new page, not a filter change)."""
        return page_tools_style(pathname)

    app.clientside_callback(  # type: ignore[no-untyped-call]  # untyped in Dash
        "function (n) { if (n) { window.print(); } return window.dash_clientside.no_update; }",
        Output(Export.PRINT, "title"),
        Input(Export.PRINT, "n_clicks"),
        prevent_initial_call=True,
    )
