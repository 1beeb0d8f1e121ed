"""Forecast page body: 30/60/90-day range chart, overdue and undated deals, time-to-win."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from data.filters import FilterState
from data.formatting import Formatter
from layouts import figures
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import chart_card, data_table, kpi_card, table_card

HOW = (
    "How these figures are computed: a window of N days holds the open deals whose expected "
    "close date falls between today and today + N days (windows are cumulative). Likely = Σ "
    "amount × probability. Worst and best are the 10th and 90th percentiles of the revenue won "
    "when each deal closes independently with its probability: simulated (20,000 draws, fixed "
    "seed) for up to 2,000 deals, a normal approximation beyond. Overdue and undated deals are "
    "in no window; they are shown beside it. Time-to-win = close date (else expected close "
    "date) − creation date of won deals."
)


def body(view: dict[str, Any], state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Forecast page from its aggregates."""
    cur = view["currency"] or ""
    miss = missing_text(view["missing"]["forecast"])
    vel_missing = missing_text(view["missing"]["velocity"])
    windows = view["windows"]
    measures = (
        ("deals", "Deals", fmt.number),
        ("gross", "Σ amount", None),
        ("worst", "Worst (P10)", None),
        ("likely", "Likely", None),
        ("best", "Best (P90)", None),
    )
    rows = [
        {
            "measure": label,
            **{str(w["window"]): (fn(w[key]) if fn else fmt.money(w[key], cur)) for w in windows},
        }
        for key, label, fn in measures
    ]
    rows.append(
        {
            "measure": "Method",
            **{str(w["window"]): str(w.get("method", "")).replace("_", " ") for w in windows},
        }
    )
    window_columns = tuple((str(w["window"]), f"{w['window']} days") for w in windows)
    v = view["velocity"]
    side = dbc.Row(
        [
            kpi_card(
                "Overdue closings",
                fmt.number(view["overdue"]["count"]),
                card_id="forecast-overdue",
                hint=f"{fmt.money(view['overdue']['gross'], cur)} · in no window",
            ),
            kpi_card(
                "Undated open deals",
                fmt.number(view["undated"]["count"]),
                card_id="forecast-undated",
                hint=f"{fmt.money(view['undated']['gross'], cur)} · no expected close date",
            ),
            kpi_card(
                "Time-to-win (mean)",
                fmt.days(v.get("mean")),
                card_id="forecast-ttw-mean",
                hint=vel_missing or f"{fmt.number(v.get('count'))} won deals",
            ),
            kpi_card(
                "Time-to-win (median)",
                fmt.days(v.get("median")),
                card_id="forecast-ttw-median",
                hint=vel_missing or "half win faster",
            ),
        ],
        className="g-3",
    )
    by_source = [r for r in view["velocity_by_source"] if r["count"]]
    by_owner = [r for r in view["velocity_by_owner"] if r["count"]]
    return html.Div(
        [
            context_line(view, fmt),
            currency_notice(view),
            side,
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            "Forecast scenarios",
                            None if miss else figures.forecast_range(windows, fmt, cur),
                            missing=miss,
                            graph_id="forecast-range-graph",
                        ),
                        lg=7,
                    ),
                    dbc.Col(
                        table_card(
                            "Forecast table",
                            data_table(
                                rows,
                                (("measure", ""), *window_columns),
                                table_id="forecast-table",
                                numeric=tuple(k for k, _ in window_columns),
                            ),
                        ),
                        lg=5,
                    ),
                ],
                className="g-3 mb-3",
            ),
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            "Time-to-win by source",
                            figures.velocity_bars(by_source, "source", "Time-to-win by source", fmt)
                            if by_source and not vel_missing
                            else None,
                            missing=vel_missing or (None if by_source else "No won deal selected."),
                            graph_id="forecast-velocity-source-graph",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        chart_card(
                            "Time-to-win by owner",
                            figures.velocity_bars(by_owner, "owner", "Time-to-win by owner", fmt)
                            if by_owner and not vel_missing
                            else None,
                            missing=vel_missing or (None if by_owner else "No won deal selected."),
                            graph_id="forecast-velocity-owner-graph",
                        ),
                        lg=6,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.P(HOW, className="small text-muted how-note", id="forecast-how"),
        ]
    )
