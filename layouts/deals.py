"""Deals page: the server-paged deal table, deadlines and priority actions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.dash_table.DataTable import DataTable

from data.filters import FilterState
from data.pagedata.deals import ActionsData, DealsHeaderData
from layouts import colours
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import FONT
from layouts.formatting import Formatter
from layouts.ids import Deals
from layouts.tables import COMPACT_COLUMNS, MEDIUM_COLUMNS, deal_list_card

#: The tab of each priority view (``data.metrics.priority``), in the order shown.
VIEW_LABELS: dict[str | None, str] = {
    None: "All deals",
    "overdue": "Overdue",
    "due_soon": "Due in 30 days",
    "cold": "Cold",
    "quick_wins": "Quick wins",
    "untreated": "Untreated leads",
    "rotting": "Rotting",
}
TABLE_COLUMNS = (
    ("deal_id", "Id"),
    ("name", "Deal"),
    ("account", "Account"),
    ("stage", "Stage"),
    ("status", "Status"),
    ("amount_text", "Amount"),
    ("p_text", "Prob."),
    ("source", "Source"),
    ("owner", "Owner"),
    ("created_text", "Created"),
    ("expected_close_text", "Expected close"),
    ("last_activity_text", "Last activity"),
)
#: Display column → the data column the server sorts on.
SORT_KEYS = {
    "amount_text": "amount",
    "p_text": "p",
    "created_text": "created_date",
    "expected_close_text": "expected_close_date",
    "last_activity_text": "last_activity_date",
}


def deals_table() -> DataTable:
    """The main table; rows, paging and sorting come from the server."""
    return DataTable(
        id=Deals.TABLE,
        columns=[{"name": label, "id": key} for key, label in TABLE_COLUMNS],
        data=[],
        page_current=0,
        page_size=25,
        page_action="custom",
        sort_action="custom",
        sort_mode="multi",
        sort_by=[],
        style_table={"overflowX": "auto"},
        style_cell={
            "fontFamily": FONT,
            "fontSize": "0.85rem",
            "padding": "4px 8px",
            "textAlign": "left",
            "maxWidth": "240px",
            "overflow": "hidden",
            "textOverflow": "ellipsis",
        },
        style_header={"fontWeight": "600", "backgroundColor": "#f4f6f9"},
        style_data_conditional=[
            {"if": {"filter_query": "{_overdue} = 1"}, "color": "#b02a37", "fontWeight": "600"},
            {"if": {"column_id": "amount_text"}, "textAlign": "right"},
            *[
                {"if": {"column_id": "status", "filter_query": f"{{status}} = {name}"},
                 "color": colours.status_colour(name), "fontWeight": "600"}
                for name in colours.STATUS
            ],
        ],
    )


def static() -> list[Any]:
    """What the Deals page always holds: the total line, the table, the actions container."""
    return [
        html.Div(id=Deals.TOTAL, className="small text-muted mb-1"),
        dbc.Card(dbc.CardBody(deals_table()), className="chart-card mb-3"),
        html.Div(id=Deals.ACTIONS),
    ]


def body(view: DealsHeaderData, state: FilterState, fmt: Formatter) -> html.Div:
    """Context and the priority-action tabs above the table."""
    tabs = dbc.Nav(
        [
            dbc.NavItem(
                dcc.Link(
                    label,
                    href=f"/deals{replace(state, view=key).search()}",
                    className="nav-link" + (" active" if state.view == key else ""),
                    id=f"deals-view-{key or 'all'}",
                )
            )
            for key, label in VIEW_LABELS.items()
        ],
        pills=True,
        className="mb-2 deals-views",
    )
    return html.Div([context_line(view.context, fmt), currency_notice(view.context), tabs])


def actions(view: ActionsData, fmt: Formatter) -> html.Div:
    """Deadlines and priority actions below the table."""
    cur = view.context.currency or ""
    lacking = view.missing
    deadlines = dbc.Row(
        [
            dbc.Col(
                deal_list_card(
                    f"Overdue closings ({fmt.number(view.overdue_count)})",
                    missing_text(lacking.overdue),
                    view.overdue,
                    fmt,
                    cur,
                    "deals-overdue-table",
                    extra=(("days_overdue_text", "Days late"),),
                    red_key="days_overdue",
                    columns=MEDIUM_COLUMNS,
                ),
                lg=6,
            ),
            dbc.Col(
                deal_list_card(
                    f"Due in the next 30 days ({fmt.number(view.due_soon_count)})",
                    missing_text(lacking.overdue),
                    view.due_soon,
                    fmt,
                    cur,
                    "deals-due-table",
                    extra=(("days_left_text", "Days left"),),
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
                    "Cold deals to follow up",
                    missing_text(lacking.cold_deals),
                    view.cold,
                    fmt,
                    cur,
                    "deals-cold-table",
                    extra=(("days_inactive_text", "Idle days"),),
                    page_size=6,
                    columns=COMPACT_COLUMNS,
                ),
                lg=4,
            ),
            dbc.Col(
                deal_list_card(
                    "Quick wins",
                    missing_text(lacking.quick_wins),
                    view.quick_wins,
                    fmt,
                    cur,
                    "deals-quick-table",
                    extra=(("expected_value_text", "Amount × p"),),
                    page_size=6,
                    columns=COMPACT_COLUMNS[:2],
                ),
                lg=4,
            ),
            dbc.Col(
                deal_list_card(
                    "Untreated leads (48 h+)",
                    missing_text(lacking.untreated_leads),
                    view.untreated,
                    fmt,
                    cur,
                    "deals-untreated-table",
                    extra=(("created_text", "Created"),),
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
            html.H5("Deadlines", className="section-title"),
            deadlines,
            html.H5("Priority actions", className="section-title"),
            actions,
        ]
    )
