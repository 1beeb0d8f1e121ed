"""Deals page: the server-paged deal table, deadlines and priority actions."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.dash_table.DataTable import DataTable

from data.filters import FilterState
from data.pagedata.deals import ActionsData, DealsHeaderData, Health
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import FONT, export_buttons
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
    ("health_text", "Health"),
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
    ("next_action", "Next action"),
)
#: Display column → the data column the server sorts on.
SORT_KEYS = {
    "amount_text": "amount",
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
                {"if": {"filter_query": f'{{_band}} = "{band}"', "column_id": "health_text"},
                 "backgroundColor": bg, "color": fg, "fontWeight": "600", "textAlign": "center"}
                for band, (bg, fg) in HEALTH_COLOURS.items()
            ],
        ],
        tooltip_header={"health_text": "Deal health 0–100 (open deals): age against the typical "
                        "time-to-win, days without activity, overdue close date, stage. Green "
                        "≥ 70, amber 40–69, red < 40. Click to sort."},
    )


def static() -> list[Any]:
    """What the Deals page always holds: the total line, the table, the actions container."""
    return [
        html.Div(
            [html.Div(id=Deals.TOTAL, className="small text-muted"),
             export_buttons(Deals.TABLE, "every deal of this view")],
            className="d-flex justify-content-between align-items-center mb-1",
        ),
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
    parts: list[Any] = [context_line(view.context, fmt), currency_notice(view.context), tabs]
    if view.moved:
        from data.pagedata.trends import LABELS

        back = state.with_options(moved=None)
        parts.append(html.Div(
            [f"Showing the deals that moved: {LABELS.get(view.moved, view.moved)}"
             + (f" since snapshot #{view.compare}" if view.compare else
                " since the previous snapshot") + ". ",
             dcc.Link("Back to Trends", href=f"/trends{back.search()}"), " · ",
             dcc.Link("All deals", href=f"/deals{back.with_options(compare=None).search()}")],
            className="alert alert-info py-1 px-2 small", id="deals-moved"))
    return html.Div(parts)


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
