"""Deals page: the server-paged deal table, deadlines and priority actions.

The table is an AG Grid in its infinite row model: it asks the server for the page it shows
(``getRowsRequest``: first and last row, sort model) and the server answers those 25 rows and
the total (``callbacks.deals``). It sits in the page content, under an id that names the view
(filters, import, language: ``view_key``), so a new view mounts a new grid, which asks for its
first page; the same callback answers the deadlines and priority actions with it.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from data.filters import FilterState
from data.pagedata.deals import ActionsData, DealsHeaderData, Health
from layouts import colours
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import export_buttons, grid, grid_column
from layouts.formatting import Formatter
from layouts.i18n import N_
from layouts.ids import Deals
from layouts.tables import COMPACT_COLUMNS, MEDIUM_COLUMNS, deal_list_card

#: The tab of each priority view (``data.metrics.priority``), in the order shown.
VIEW_LABELS: dict[str | None, str] = {
    None: N_("All deals"),
    "overdue": N_("Overdue"),
    "due_soon": N_("Due in 30 days"),
    "cold": N_("Cold"),
    "quick_wins": N_("Quick wins"),
    "untreated": N_("Untreated leads"),
    "rotting": N_("Rotting"),
}
TABLE_COLUMNS = (
    ("deal_id", N_("Id")),
    ("name", N_("Deal")),
    ("health_text", N_("Health")),
    ("account", N_("Account")),
    ("stage", N_("Stage")),
    ("status_text", N_("Status")),
    ("amount_text", N_("Amount")),
    ("p_text", N_("Prob.")),
    ("source", N_("Source")),
    ("owner", N_("Owner")),
    ("created_text", N_("Created")),
    ("expected_close_text", N_("Expected close")),
    ("last_activity_text", N_("Last activity")),
    ("next_action", N_("Next action")),
)
#: Display column → the data column the server sorts on.
SORT_KEYS = {
    "amount_text": "amount",
    "status_text": "status",
    "p_text": "p",
    "created_text": "created_date",
    "expected_close_text": "expected_close_date",
    "last_activity_text": "last_activity_date",
    "health_text": "health",  # computed on the server (data.pagedata.deals.HEALTH_SORT)
}
#: Traffic light of the health column, by band (``data.metrics.health``: ≥ 70, 40–69, < 40).
HEALTH_COLOURS = {"good": ("#d1f0e3", "#0f6848"), "watch": ("#fdefc8", "#7a5300"),
                  "at_risk": ("#f8d7da", "#8a1c27")}


def health_cells(health: Health | None) -> dict[str, str | float | int | None]:
    """The health column's cells of one row: "● 82" with its band, and the next action."""
    if health is None:
        return {"health_text": "", "_band": "", "next_action": ""}
    return {"health_text": f"● {health.score}", "_band": health.band,
            "next_action": health.action}


#: Rows of a page of the main table (and of the server's answer to one request).
PAGE_SIZE = 25
#: Rows shown by the deadline and action cards: what they show at once, not the whole list
#: (the tabs above the table open each list in full, paged on the server).
ACTION_ROWS = {"overdue": 8, "due_soon": 8, "cold": 6, "quick_wins": 6, "untreated": 6}
#: Columns the server cannot sort on (computed for the page shown).
UNSORTED = frozenset({"next_action"})


def view_key(view: DealsHeaderData, state: FilterState, lang: str) -> str:
    """What a grid's rows depend on besides its own paging and sort: a new value, a new grid."""
    ctx = view.context
    text = "|".join((state.to_query(), str(ctx.import_ref.id), ctx.import_ref.imported_at,
                     ctx.as_of, str(ctx.total_in_import), str(ctx.selected), lang))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _cell_styles(key: str, fmt: Formatter) -> dict[str, Any]:
    """Status in its colour, health as a traffic light (``HEALTH_COLOURS``)."""
    if key == "status_text":
        return {"cellStyle": {"styleConditions": [
            {"condition": f"params.data && params.data.status == '{name}'",
             "style": {"color": colours.status_colour(name), "fontWeight": "600"}}
            for name in colours.STATUS]}}
    if key == "health_text":
        return {"cellStyle": {"styleConditions": [
            {"condition": f"params.data && params.data._band == '{band}'",
             "style": {"backgroundColor": bg, "color": fg, "fontWeight": "600",
                       "textAlign": "center"}}
            for band, (bg, fg) in HEALTH_COLOURS.items()]},
            "headerTooltip": fmt._("Deal health 0–100 (open deals): age against the typical "
                                   "time-to-win, days without activity, overdue close date, "
                                   "stage. Green ≥ 70, amber 40–69, red < 40. Click to sort.")}
    return {}


def deals_table(fmt: Formatter, key: str = "main") -> dag.AgGrid:
    """The main table; rows, paging and sorting come from the server."""
    columns = [
        grid_column(k, fmt._(label), numeric=k in ("amount_text", "p_text"), first=i == 0,
                    sortable=k not in UNSORTED, **_cell_styles(k, fmt))
        for i, (k, label) in enumerate(TABLE_COLUMNS)
    ]
    return grid(
        {"type": Deals.TABLE, "view": key},
        None,
        columns,
        lang=fmt.lang,
        options={
            "pagination": True, "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": False, "cacheBlockSize": PAGE_SIZE,
            "maxBlocksInCache": 8, "infiniteInitialRowCount": PAGE_SIZE,
            "rowSelection": {"mode": "singleRow", "checkboxes": False,
                             "enableClickSelection": True},
            "multiSortKey": "ctrl",
        },
        class_name="deals-grid",
        rowModelType="infinite",
        getRowStyle={"styleConditions": [
            {"condition": "params.data && params.data._overdue == 1",
             "style": {"color": "#b02a37", "fontWeight": "600"}}]},
    )


def static(lang: str) -> list[Any]:
    """What the Deals page always holds below its content: the actions container."""
    del lang  # the actions come in the language of the view that asks for them
    return [html.Div(id=Deals.ACTIONS)]


def table_block(view: DealsHeaderData, state: FilterState, fmt: Formatter) -> list[Any]:
    """The total line with the export buttons, then the grid of this view."""
    key = view_key(view, state, fmt.lang)
    return [
        html.Div(
            [html.Div(id={"type": Deals.TOTAL, "view": key}, className="deals-total small "
                      "text-muted"),
             export_buttons(Deals.TABLE, fmt._("every deal of this view"), fmt=fmt)],
            className="d-flex justify-content-between align-items-center mb-1",
        ),
        dbc.Card(dbc.CardBody(deals_table(fmt, key)), className="chart-card mb-3"),
    ]


def body(view: DealsHeaderData, state: FilterState, fmt: Formatter) -> html.Div:
    """Context and the priority-action tabs above the table."""
    tabs = dbc.Nav(
        [
            dbc.NavItem(
                dcc.Link(
                    fmt._(label),
                    href=f"/deals{replace(state, view=key).with_options(moved=None).search()}",
                    className="nav-link" + (" active" if state.view == key and not view.moved
                                            else ""),
                    id=f"deals-view-{key or 'all'}",
                )
            )
            for key, label in VIEW_LABELS.items()
        ],
        pills=True,
        className="mb-2 deals-views",
    )
    parts: list[Any] = [context_line(view.context, fmt), currency_notice(view.context, fmt), tabs]
    if view.moved:
        from data.pagedata.trends import LABELS

        back = state.with_options(moved=None)
        moved = LABELS.get(view.moved, view.moved)  # Trends names them (English only yet)
        since = (fmt._("Showing the deals that moved ({category}) since snapshot #{id}.",
                       category=moved, id=view.compare) if view.compare else
                 fmt._("Showing the deals that moved ({category}) since the previous snapshot.",
                       category=moved))
        parts.append(html.Div(
            [since + " ",
             dcc.Link(fmt._("Back to Trends"), href=f"/trends{back.search()}"), " · ",
             dcc.Link(fmt._("All deals"),
                      href=f"/deals{back.with_options(compare=None).search()}")],
            className="alert alert-info py-1 px-2 small", id="deals-moved"))
    return html.Div([*parts, *table_block(view, state, fmt)])


def actions(view: ActionsData, fmt: Formatter) -> html.Div:
    """Deadlines and priority actions below the table: the first rows of each list (its tab
    above the table shows it all), so the answer stays small.
    """
    cur = view.context.currency or ""
    lacking = view.missing
    deadlines = dbc.Row(
        [
            dbc.Col(
                deal_list_card(
                    fmt._("Overdue closings ({n})", n=fmt.number(view.overdue_count)),
                    missing_text(lacking.overdue, fmt),
                    view.overdue[:ACTION_ROWS["overdue"]],
                    fmt,
                    cur,
                    "deals-overdue-table",
                    extra=(("days_overdue_text", N_("Days late")),),
                    red_key="days_overdue",
                    columns=MEDIUM_COLUMNS,
                ),
                lg=6,
            ),
            dbc.Col(
                deal_list_card(
                    fmt._("Due in the next 30 days ({n})", n=fmt.number(view.due_soon_count)),
                    missing_text(lacking.overdue, fmt),
                    view.due_soon[:ACTION_ROWS["due_soon"]],
                    fmt,
                    cur,
                    "deals-due-table",
                    extra=(("days_left_text", N_("Days left")),),
                    columns=MEDIUM_COLUMNS,
                ),
                lg=6,
            ),
        ],
        className="g-3 mb-3",
    )
    actions = dbc.Row(
        [
            dbc.Col(
                deal_list_card(
                    fmt._("Cold deals to follow up"),
                    missing_text(lacking.cold_deals, fmt),
                    view.cold[:ACTION_ROWS["cold"]],
                    fmt,
                    cur,
                    "deals-cold-table",
                    extra=(("days_inactive_text", N_("Idle days")),),
                    page_size=6,
                    columns=COMPACT_COLUMNS,
                ),
                lg=4,
            ),
            dbc.Col(
                deal_list_card(
                    fmt._("Quick wins"),
                    missing_text(lacking.quick_wins, fmt),
                    view.quick_wins[:ACTION_ROWS["quick_wins"]],
                    fmt,
                    cur,
                    "deals-quick-table",
                    extra=(("expected_value_text", N_("Amount × p")),),
                    page_size=6,
                    columns=COMPACT_COLUMNS[:2],
                ),
                lg=4,
            ),
            dbc.Col(
                deal_list_card(
                    fmt._("Untreated leads (48 h+)"),
                    missing_text(lacking.untreated_leads, fmt),
                    view.untreated[:ACTION_ROWS["untreated"]],
                    fmt,
                    cur,
                    "deals-untreated-table",
                    extra=(("created_text", N_("Created")),),
                    page_size=6,
                    columns=COMPACT_COLUMNS[:2],
                ),
                lg=4,
            ),
        ],
        className="g-3 mb-4",
    )
    return html.Div(
        [
            html.H5(fmt._("Deadlines"), className="section-title"),
            deadlines,
            html.H5(fmt._("Priority actions"), className="section-title"),
            actions,
        ]
    )
