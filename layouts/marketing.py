"""Marketing page body: per-source volume, conversion and quality; weekly inflow."""

from __future__ import annotations

from datetime import date, timedelta

import dash_bootstrap_components as dbc
from dash import html

from data.filters import FilterState
from data.pagedata.marketing import MarketingData
from layouts import figures
from layouts.common import context_line, currency_notice, deals_link, missing_text
from layouts.components import chart_card, data_table, table_card
from layouts.formatting import Formatter


def body(view: MarketingData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Marketing page from its aggregates."""
    cur = view.context.currency or ""
    miss = missing_text(view.missing.marketing, fmt)
    inflow_missing = missing_text(view.missing.inflow, fmt)
    rows = view.sources

    def source_link(source: str) -> str:
        return deals_link(state, source=(source,))

    def inflow_link(source: str, week: str) -> str:
        monday = date.fromisoformat(week[:10])
        week_only = {"date_field": "created", "date_from": max(monday, state.date_from or monday),
                     "date_to": min(monday + timedelta(days=6),
                                    state.date_to or monday + timedelta(days=6))}
        if state.date_field != "created":  # the page's close-date range stays a filter too
            week_only = {}
        return deals_link(state, **({"source": (source,)} if source else {}), **week_only)
    if miss:
        return html.Div(
            [context_line(view.context, fmt),
             chart_card(fmt._("Marketing sources"), None, missing=miss, fmt=fmt)]
        )
    table_rows = [
        {
            "source": r.source,
            "deals": fmt.number(r.deals),
            "won": fmt.number(r.won),
            "lost": fmt.number(r.lost),
            "win_rate": fmt.percent(r.win_rate),
            "conversion_rate": fmt.percent(r.conversion_rate),
            "won_revenue": fmt.money(r.won_revenue, cur),
            "mean_won": fmt.money(r.mean_won_deal_size, cur),
            "ttw": fmt.days(r.mean_time_to_win_days),
            "link": source_link(r.source),
        }
        for r in rows
    ]
    table = table_card(
        fmt._("Performance by source"),
        data_table(
            table_rows,
            (
                ("source", fmt._("Source")),
                ("deals", fmt._("Deals")),
                ("won", fmt._("Won")),
                ("lost", fmt._("Lost")),
                ("win_rate", fmt._("Win rate")),
                ("conversion_rate", fmt._("Conversion")),
                ("won_revenue", fmt._("Won revenue")),
                ("mean_won", fmt._("Mean won deal")),
                ("ttw", fmt._("Mean time-to-win")),
            ),
            table_id="marketing-source-table",
            fmt=fmt,
            link_key="link",
            page_size=15,
            numeric=(
                "deals",
                "won",
                "lost",
                "win_rate",
                "conversion_rate",
                "won_revenue",
                "mean_won",
                "ttw",
            ),
        ),
        note=fmt._("Conversion = won / deals; win rate = won / (won + lost); mean won deal "
                   "size measures lead quality."),
        fmt=fmt,
    )
    empty = None if rows else fmt._("No deal selected.")
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context, fmt),
            dbc.Row(dbc.Col(table), className="g-3 mb-3"),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            fmt._("Volume vs conversion vs quality"),
                            figures.source_quality(rows, fmt, cur, source_link) if rows else None,
                            missing=empty,
                            graph_id="marketing-quality-graph",
                            height=380,
                            fmt=fmt,
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        chart_card(
                            fmt._("Revenue by source"),
                            figures.source_revenue(rows, fmt, cur, source_link) if rows else None,
                            missing=empty,
                            graph_id="marketing-revenue-graph",
                            height=380,
                            fmt=fmt,
                        ),
                        lg=6,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                dbc.Col(
                    chart_card(
                        fmt._("Lead inflow"),
                        None
                        if inflow_missing or not view.inflow
                        else figures.inflow(view.inflow, fmt, inflow_link),
                        missing=(inflow_missing
                                 or (None if view.inflow else fmt._("No deal selected."))),
                        graph_id="marketing-inflow-graph",
                        fmt=fmt,
                    )
                ),
                className="g-3 mb-4",
            ),
        ]
    )
