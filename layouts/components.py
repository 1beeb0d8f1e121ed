"""Reusable widgets: KPI card, chart card, empty states, tables. They only compose components.

Every piece of user data goes in as a string child or a grid cell (Dash and AG Grid render both
as text), never as Markdown or HTML, so a cell holding ``<script>`` or ``javascript:`` stays text.

Tables are AG Grid (``dash-ag-grid``; ``dash_table.DataTable`` is deprecated in Dash 4). Under
the app's CSP (``script-src 'self'``, no ``unsafe-eval``) grids use no JavaScript function
strings that AG Grid would compile (``rowClassRules`` strings); the style conditions below are
read by dash-ag-grid's own expression parser, and the theme's CSS is injected by AG Grid itself
(``style-src 'unsafe-inline'``), nothing from a CDN.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from babel.numbers import get_decimal_symbol, get_group_symbol
from dash import dcc, html

from data.exports import CHART_TABLES, EXPORTABLE
from layouts.formatting import Formatter
from layouts.i18n import translations
from layouts.ids import Export, Page

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
GRAPH_CONFIG: dcc.Graph.Config = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}


def kpi_card(
    title: str,
    value: str,
    *,
    hint: str | None = None,
    change: str | None = None,
    change_tone: str = "secondary",
    card_id: str | None = None,
) -> dbc.Col:
    """One KPI: title, big value, optional change against the previous period and a hint."""
    body = [
        html.Div(title, className="kpi-title"),
        html.Div(value, className="kpi-value", id=card_id or f"kpi-{_slug(title)}"),
    ]
    if change:
        body.append(html.Div(change, className=f"kpi-change text-{change_tone}"))
    if hint:
        body.append(html.Div(hint, className="kpi-hint"))
    return dbc.Col(
        dbc.Card(dbc.CardBody(body), className="kpi-card h-100"),
        xs=12,
        sm=6,
        lg=3,
        className="mb-3",
    )


def linked(col: dbc.Col, href: str, link_id: str) -> dbc.Col:
    """A KPI card (its column) that opens ``href`` — the Deals view of the deals it counts."""
    if href:
        col.children = dcc.Link(col.children, href=href, id=link_id,
                                className="text-decoration-none kpi-link")
    return col


def chart_card(
    title: str,
    figure: dict[str, Any] | None,
    *,
    note: Any = None,
    missing: str | None = None,
    graph_id: str | None = None,
    height: int = 360,
    fmt: Formatter | None = None,
) -> dbc.Card:
    """A titled card holding one chart, or the message saying which column would enable it.

    The chart's box is as high as the figure's own layout says (``height`` when it says
    nothing): a box of another height made dcc.Graph resize, i.e. draw again, every new chart
    right after its first drawing (issue 16, no double drawing).
    """
    if missing or figure is None:
        empty = (fmt or Formatter("en"))._("No data for the current filters.")
        content: Any = missing_message(missing or empty)
    else:
        name = graph_id or f"graph-{_slug(title)}"
        own = figure["layout"].get("height")
        # A pattern id lets one callback open the Deals view of a clicked bar on any page
        # (``callbacks.shell``); the wrapper keeps the plain id tests and styles know.
        content = html.Div(
            dcc.Graph(
                figure=figure,
                config=GRAPH_CONFIG,
                id={"type": Page.GRAPH, "name": name},
                style={"height": f"{int(own) if own else height}px"},
            ),
            id=name,
            className="graph-box",
        )
    exported = CHART_TABLES.get(graph_id or "") if not missing and figure is not None else None
    children = [card_header(title, exported, fmt), dbc.CardBody(content)]
    if note:
        children.append(dbc.CardFooter(note, className="chart-note"))
    return dbc.Card(children, className="chart-card h-100")


def table_card(title: Any, table: Any, *, note: str | None = None,
               fmt: Formatter | None = None) -> dbc.Card:
    """A titled card around a table (or a message); a known table gets its export buttons."""
    table_id = getattr(table, "id", None)
    exported = table_id if isinstance(table_id, str) and table_id in EXPORTABLE else None
    children = [card_header(title, exported, fmt), dbc.CardBody(table)]
    if note:
        children.append(dbc.CardFooter(note, className="chart-note"))
    return dbc.Card(children, className="chart-card h-100")


def card_header(title: Any, table_id: str | None,
                fmt: Formatter | None = None) -> dbc.CardHeader:
    """A card's title, with CSV/Excel buttons for ``table_id`` (a ``data.exports`` table)."""
    if table_id is None:
        return dbc.CardHeader(title, className="chart-title")
    return dbc.CardHeader(
        html.Div([html.Span(title), export_buttons(table_id, fmt=fmt)],
                 className="d-flex justify-content-between align-items-center gap-2"),
        className="chart-title",
    )


def export_buttons(table_id: str, label: str = "", fmt: Formatter | None = None) -> html.Div:
    """CSV and Excel download buttons for one table (``callbacks.exports`` answers them);
    ``label`` names what is downloaded when it is more than "this table" (already worded).
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids

    def button(kind: str, text: str) -> dbc.Button:
        return dbc.Button(
            text,
            id={"type": Export.BUTTON, "table": table_id, "format": kind},
            size="sm",
            color="link",
            className="export-button py-0 px-1",
            title=fmt._("Download {what} as {format} (current filters)",
                        what=label or fmt._("this table"), format=text),
        )

    return html.Div([button("csv", "CSV"), button("xlsx", "Excel")],
                    className="export-buttons d-print-none text-nowrap")


def missing_message(text: str) -> html.Div:
    """Short explanation in place of an indicator (missing column, empty filter result)."""
    return html.Div(text, className="missing-message text-muted")


def _grid_words(c: Any) -> dict[str, str]:  # Babel's NullTranslations (its pgettext is untyped)
    """AG Grid's own words (pager, overlays) by ``localeText`` key, context "grid" (short words
    such as "to" and "of" mean something else elsewhere). English sets them too: the grid's
    default says "No Rows To Show".
    """
    return {
        "page": c.pgettext("grid", "Page"), "to": c.pgettext("grid", "to"),
        "of": c.pgettext("grid", "of"), "more": c.pgettext("grid", "more"),
        "next": c.pgettext("grid", "Next"), "previous": c.pgettext("grid", "Previous"),
        "first": c.pgettext("grid", "First"), "last": c.pgettext("grid", "Last"),
        "pageLastRowUnknown": "?",
        "noRowsToShow": c.pgettext("grid", "No rows to show"),
        "loadingOoo": c.pgettext("grid", "Loading…"),
        "pageSizeSelectorLabel": c.pgettext("grid", "Rows per page:"),
        "ariaPageSizeSelectorLabel": c.pgettext("grid", "Rows per page"),
    }


def grid_locale(lang: str) -> dict[str, str]:
    """AG Grid's ``localeText`` in ``lang``: its words from the catalogue and the locale's
    digit grouping, so the French pager reads "1 à 25 sur 2 000", not "2,000".
    """
    return dict(_grid_locale(lang))


@lru_cache(maxsize=8)
def _grid_locale(lang: str) -> tuple[tuple[str, str], ...]:
    """:func:`grid_locale`, built once per language (every grid of every page asks)."""
    words = _grid_words(translations(lang))
    locale = Formatter(lang).locale
    words["thousandSeparator"] = get_group_symbol(locale)
    words["decimalSeparator"] = get_decimal_symbol(locale)
    return tuple(words.items())


#: Red, bold rows (overdue deals, late rows of a list); ``params.data`` is absent while a row
#: of a server-paged grid loads.
RED_ROW = {"color": "#b02a37", "fontWeight": "600"}


def red_rows(key: str) -> dict[str, Any]:
    """``getRowStyle`` of a grid: rows whose ``key`` is 1 in red."""
    return {"styleConditions": [{"condition": f"params.data && params.data.{key} == 1",
                                 "style": RED_ROW}]}


#: The narrowest column of a grid (``defaultColDef``), in CSS pixels.
GRID_MIN_WIDTH = 105


def grid_column(key: str, label: str, *, numeric: bool = False, first: bool = False,
                **extra: Any) -> dict[str, Any]:
    """One column: its header text, right-aligned numbers, the first one frozen on the left
    (it names the row: on a phone it stays in view while the others scroll under it).
    """
    column: dict[str, Any] = {"field": key, "headerName": label, "tooltipField": key}
    if numeric:  # an amount such as "24 515,79 €" is shown whole, never cut
        column.update(type="rightAligned", minWidth=125)
    if first:
        column.update(pinned="left", minWidth=150)
    widest = header_word_width(label)  # "Responsable" wraps between words, never inside one
    if widest > column.get("minWidth", GRID_MIN_WIDTH):
        column["minWidth"] = widest
    column.update(extra)
    return column


def header_word_width(label: str) -> int:
    """Pixels a column needs so that the longest word of its header fits on one line: about
    8 px a character of the bold 13.5 px header, plus the cell's padding and sort arrow.
    """
    longest = max((len(word) for word in str(label).split()), default=0)
    return longest * 8 + 36


def grid(
    grid_id: Any,
    rows: Sequence[dict[str, Any]] | None,
    columns: list[dict[str, Any]],
    *,
    lang: str,
    page_size: int | None = None,
    options: dict[str, Any] | None = None,
    class_name: str = "",
    **props: Any,
) -> dag.AgGrid:
    """An AG Grid as every table of the app is: read-only, columns sized to fit the card (a
    minimum width each, then the card scrolls sideways), paged by ``page_size`` rows when there
    are more, its own height (no inner scroll bar), in the page's language.
    """
    grid_options: dict[str, Any] = {
        "domLayout": "autoHeight",
        "suppressCellFocus": True,
        "suppressMovableColumns": True,
        "enableCellTextSelection": True,
        "tooltipShowDelay": 400,
        "localeText": grid_locale(lang),
    }
    if page_size is not None and (rows is None or len(rows) > page_size):
        grid_options.update(pagination=True, paginationPageSize=page_size,
                            paginationPageSizeSelector=False)
    grid_options.update(options or {})
    if rows is not None:
        props["rowData"] = list(rows)
    return dag.AgGrid(
        id=grid_id,
        columnDefs=columns,
        defaultColDef={"sortable": False, "resizable": True, "minWidth": GRID_MIN_WIDTH,
                       "suppressHeaderMenuButton": True,
                       # a long header ("Chiffre d'affaires gagné") wraps instead of being cut
                       "wrapHeaderText": True, "autoHeaderHeight": True},
        columnSize="responsiveSizeToFit",
        dashGridOptions=grid_options,
        className=f"crm-grid {class_name}".strip(),
        style={"height": None, "width": "100%"},
        **props,
    )


def grid_columns(columns: Sequence[tuple[str, str]], fmt: Formatter,
                 numeric: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The column definitions of a read-only grid: labels in ``fmt``'s language, the first
    column pinned, ``numeric`` ones right-aligned (``grid_column``).
    """
    return [grid_column(key, fmt._(label), numeric=key in numeric, first=i == 0)
            for i, (key, label) in enumerate(columns)]


def data_table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    *,
    table_id: str,
    page_size: int = 10,
    red_rows_key: str | None = None,
    numeric: Sequence[str] = (),
    link_key: str | None = None,
    fmt: Formatter | None = None,
) -> dag.AgGrid | html.Div:
    """A read-only grid paged in the browser; ``red_rows_key`` highlights rows whose value is 1.

    ``link_key`` names a column of Deals URLs (``layouts.common.deals_link``): it is shown as
    a link to the deals the row stands for (fixed link text; the URL is built by the app, so
    the Markdown cell carries no user text, and Markdown HTML stays off).
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if not rows:
        return missing_message(fmt._("Nothing to show for the current filters."))
    spec = grid_columns(columns, fmt, numeric)
    table_data: list[dict[str, Any]] = list(rows)
    if link_key:
        table_data = [
            {**row, link_key: f"[{fmt._('Deals →')}](<{row[link_key]}>)" if row.get(link_key)
             else ""}
            for row in rows
        ]
        spec.append({"field": link_key, "headerName": "", "cellRenderer": "markdown",
                     "cellRendererParams": {"linkTarget": "_self"}, "minWidth": 90})
    extra: dict[str, Any] = {}
    if red_rows_key:
        extra["getRowStyle"] = red_rows(red_rows_key)
    return grid(table_id, table_data, spec, lang=fmt.lang, page_size=page_size, **extra)


def page_header(title: str, subtitle: str | None = None) -> html.Div:
    """Page title with an optional one-line explanation."""
    parts: list[Any] = [html.H2(title, className="page-title")]
    if subtitle:
        parts.append(html.P(subtitle, className="page-subtitle text-muted"))
    return html.Div(parts, className="page-header")


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower()).strip("-")
