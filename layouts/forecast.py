"""Forecast page body: 30/60/90-day range chart, overdue and undated deals, time-to-win."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import dash_bootstrap_components as dbc
from dash import html

from data.filters import FilterState
from data.metrics.codes import NONE_LABEL
from data.pagedata.forecast import ForecastData, GroupVelocity
from data.pagedata.home import ForecastWindow
from layouts import figures
from layouts.common import context_line, currency_notice, deals_link, missing_text, window_link
from layouts.components import chart_card, data_table, kpi_card, linked, table_card
from layouts.formatting import Formatter
from layouts.i18n import N_

#: Method names of ``data.metrics.forecast``, shown translated in the forecast table.
METHODS = (N_("monte carlo"), N_("normal"), N_("exact"))

HOW = N_(
    "How these figures are computed: a window of N days holds the open deals whose expected "
    "close date falls between today and today + N days (windows are cumulative). Likely = Σ "
    "amount × probability. Worst and best are the 10th and 90th percentiles of the revenue won "
    "when each deal closes independently with its probability: simulated (20,000 draws, fixed "
    "seed) for up to 2,000 deals, a normal approximation beyond. Overdue and undated deals are "
    "in no window; they are shown beside it. Time-to-win = close date (else expected close "
    "date) − creation date of won deals."
)


def known_groups(rows: list[GroupVelocity]) -> list[GroupVelocity]:
    """Rows of a breakdown, none when every deal falls in "(none)": the file has no such
    column (or leaves it blank), and a lone "(none)" bar would say nothing (issue 13).
    """
    return [] if all(r.group == NONE_LABEL for r in rows) else rows


def body(view: ForecastData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Forecast page from its aggregates."""
    cur = view.context.currency or ""
    miss = missing_text(view.missing.forecast, fmt)
    vel_missing = missing_text(view.missing.velocity, fmt)
    windows = view.windows

    def money(value: float | None) -> str:
        return fmt.money(value, cur)

    measures: tuple[tuple[str, Callable[[ForecastWindow], str]], ...] = (
        (fmt._("Deals"), lambda w: fmt.number(w.deals)),
        (fmt._("Σ amount"), lambda w: money(w.gross)),
        (fmt._("Worst (P10)"), lambda w: money(w.worst)),
        (fmt._("Likely"), lambda w: money(w.likely)),
        (fmt._("Best (P90)"), lambda w: money(w.best)),
        (fmt._("Method"), lambda w: fmt._(w.method.replace("_", " "))),
    )
    rows = [
        {"measure": label, **{str(w.window): text(w) for w in windows}} for label, text in measures
    ]
    window_columns = tuple((str(w.window), fmt._("{n} days", n=w.window)) for w in windows)
    v = view.velocity
    day = date.fromisoformat(view.context.as_of)

    def no_group(key: str) -> str | None:
        rows = view.velocity_by_source if key == "source" else view.velocity_by_owner
        if any(r.count for r in rows):  # won deals, all without a value: the column is absent
            return missing_text((key,), fmt)
        return fmt._("No won deal selected.")

    def won_by(key: str) -> Callable[[str], str]:
        return lambda group: deals_link(state, status=("won",), **{key: (group,)})
    side = dbc.Row(
        [
            linked(
                kpi_card(
                    fmt._("Overdue closings"),
                    fmt.number(view.overdue.count),
                    card_id="forecast-overdue",
                    hint=fmt._("{amount} · in no window",
                           amount=fmt.money(view.overdue.gross, cur)),
                ),
                deals_link(state, view="overdue"),
                "forecast-overdue-link",
            ),
            kpi_card(
                fmt._("Undated open deals"),
                fmt.number(view.undated.count),
                card_id="forecast-undated",
                hint=fmt._("{amount} · no expected close date",
                           amount=fmt.money(view.undated.gross, cur)),
            ),
            kpi_card(
                fmt._("Time-to-win (mean)"),
                fmt.days(v.mean),
                card_id="forecast-ttw-mean",
                hint=vel_missing or fmt.ngettext("{n} won deal", "{n} won deals", v.count),
            ),
            kpi_card(
                fmt._("Time-to-win (median)"),
                fmt.days(v.median),
                card_id="forecast-ttw-median",
                hint=vel_missing or fmt._("half win faster"),
            ),
        ],
        className="g-3",
    )
    by_source = known_groups([r for r in view.velocity_by_source if r.count])
    by_owner = known_groups([r for r in view.velocity_by_owner if r.count])
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context, fmt),
            side,
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            fmt._("Forecast scenarios"),
                            None if miss else figures.forecast_range(
                                windows, fmt, cur,
                                link=lambda days: window_link(state, day, days)),
                            missing=miss,
                            graph_id="forecast-range-graph",
                        ),
                        lg=7,
                    ),
                    dbc.Col(
                        table_card(
                            fmt._("Forecast table"),
                            data_table(
                                rows,
                                (("measure", ""), *window_columns),
                                table_id="forecast-table",
                                fmt=fmt,
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
                            fmt._("Time-to-win by source"),
                            figures.velocity_bars(by_source, fmt._("Source"),
                                                  fmt._("Time-to-win by source"), fmt,
                                                  won_by("source"))
                            if by_source and not vel_missing
                            else None,
                            missing=vel_missing or (None if by_source else no_group("source")),
                            graph_id="forecast-velocity-source-graph",
                        ),
                        lg=6,
                    ),
                    dbc.Col(
                        chart_card(
                            fmt._("Time-to-win by owner"),
                            figures.velocity_bars(by_owner, fmt._("Owner"),
                                                  fmt._("Time-to-win by owner"), fmt,
                                                  won_by("owner"))
                            if by_owner and not vel_missing
                            else None,
                            missing=vel_missing or (None if by_owner else no_group("owner")),
                            graph_id="forecast-velocity-owner-graph",
                        ),
                        lg=6,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.P(fmt._(HOW), className="small text-muted how-note", id="forecast-how"),
        ]
    )
