"""A page's declaration and its frame: title, explanation and the content area callbacks fill."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from flask import current_app, has_request_context, request

from data.exports import describe_filters
from data.filters import FilterState
from data.pagedata import data_class
from data.snapshots import Selection
from layouts.components import page_header
from layouts.formatting import Formatter
from layouts.i18n import Wording, negotiate, supported
from layouts.ids import Export, Page

_D = TypeVar("_D")


def register_page(
    module: str,
    *,
    path: str,
    name: str,
    title: str,
    order: int,
    subtitle: str,
    builder: Callable[[Selection, date, int], _D] | None = None,
    render: Callable[[_D, FilterState, Formatter], Any] | None = None,
    keeps_view: bool = False,
) -> None:
    """Declare a page in ``dash.page_registry`` (call it from ``pages/<page>.py``).

    ``builder`` computes the page's data (a frozen dataclass of ``data.pagedata``) and
    ``render`` draws it (``layouts/<page>.py``); the type variable makes mypy check that one
    takes what the other returns (kept as ``data``: what a memo's JSON is turned back
    into). The nav and the content callback read these entries;
    ``keeps_view`` lets ``?view=`` select the page's deals (Deals). Extra keyword arguments
    of ``dash.register_page`` are kept in the registry as they are.
    """
    dash.register_page(  # type: ignore[no-untyped-call]
        module,
        path=path,
        name=name,
        title=title,
        order=order,
        description=subtitle,
        builder=builder,
        data=None if builder is None else data_class(builder),
        render=render,
        keeps_view=keeps_view,
    )


def page_lang(query: dict[str, Any]) -> str:
    """The language of a page being laid out: ``lang=`` of its URL, else the user's (the
    navbar's cookie, the browser's ``Accept-Language``, else ``APP_LOCALE``).

    Dash calls ``layout(**query)`` inside a request; the same rule as
    ``callbacks.context.user_lang`` (kept there for callbacks), read from that request.
    """
    asked = query.get("lang")
    chosen = supported(asked if isinstance(asked, str) else None)
    if chosen:
        return chosen
    if not has_request_context():
        return "fr"
    picked = supported(request.cookies.get("crm_lang"))
    if picked:
        return picked
    default = current_app.extensions["crm"]["settings"].locale
    return negotiate(request.headers.get("Accept-Language"), default)


def page_frame(title: str, subtitle: str, *static: Any, controls: Any = None,
               lang: str = "fr", tools: bool = True) -> html.Div:
    """Header, the page's own ``controls`` (switches, sliders: their state is in the URL), a
    loading-wrapped content area (filled from the URL by one callback), then the page's static
    components (tables whose rows come from their own callbacks).

    ``title`` and ``subtitle`` are catalogue ids (``N_`` in ``pages/``), shown in ``lang``.
    ``tools=False`` hides Print / PDF / Excel on a page that is no dashboard (Settings).
    """
    fmt = Formatter(lang)
    return html.Div(
        [
            page_header(fmt._(title), fmt._(subtitle)),
            report_tools(fmt, shown=tools),
            *([] if controls is None else [controls]),
            dcc.Loading(
                html.Div(id=Page.CONTENT, className="page-content"),
                type="default",
                delay_show=300,
                overlay_style={"visibility": "visible", "opacity": 0.5},
            ),
            *static,
        ],
        className="page-frame",
    )


def report_tools(fmt: Formatter | None = None, shown: bool = True) -> html.Div:
    """Print, the PDF of the whole dashboard, this page's tables as one workbook (in print
    the page's content writes its filters out instead: ``printed_filters``).
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return html.Div(
        [
            html.Div(
                [
                    dbc.Button(fmt._("Print"), id=Export.PRINT, size="sm", color="secondary",
                               outline=True, title=fmt._("Print this page (A4 layout)")),
                    dbc.Button(fmt._("PDF report"), id=Export.PDF, size="sm", color="secondary",
                               outline=True,
                               title=fmt._("Every dashboard page with its charts, for the "
                                           "current filters, as one PDF")),
                    html.Span(
                        dbc.Button(fmt._("All tables (Excel)"),
                                   id={"type": Export.BUTTON, "table": "page", "format": "xlsx"},
                                   size="sm", color="secondary", outline=True,
                                   title=fmt._("Every table of this page, a sheet each, in "
                                               "one Excel workbook (current filters)")),
                        id=Export.PAGE_TOOLS, className="page-export"),
                    html.Span(id=Export.PDF_STATUS, className="small text-muted"),
                    html.Span(id=Export.ERROR, className="small text-danger"),
                ],
                className="report-tools d-print-none "
                + ("d-flex flex-wrap align-items-center gap-2" if shown else "d-none"),
            ),
            dcc.Store(id=Export.REQUEST),
            dcc.Download(id=Export.DOWNLOAD),
            dcc.Download(id=Export.PDF_DOWNLOAD),
        ],
        className="report-bar mb-2",
    )


def printed_filters(state: FilterState, fmt: Formatter | None = None) -> html.Dl:
    """The filters written out, shown in print only: part of the page's content, so a filter
    change draws it in the same response as the page (issue 16: one round trip).
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    items: list[Any] = []
    words = Wording(fmt)
    for label, value in describe_filters(state, words.status, words.render):
        items.extend([html.Dt(label), html.Dd(value)])  # a stage named "Won" stays "Won"
    return html.Dl(items, id=Export.FILTERS, className="print-filters d-none d-print-grid")
