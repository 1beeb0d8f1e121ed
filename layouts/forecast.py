"""Forecast page body: 30/60/90-day fan and table, calibrated probabilities, backtest, overdue
and undated deals, time-to-win.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from data.filters import FilterState
from data.metrics.calibration import MIN_CLOSED_DEALS
from data.pagedata.forecast import Backtest, CalibrationRow, FanWindow, ForecastData
from data.pagedata.home import ForecastWindow
from layouts import figures
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import chart_card, data_table, kpi_card, missing_message, table_card
from layouts.formatting import Formatter
from layouts.ids import Forecast

HOW = (
    "How these figures are computed: a window of N days holds the open deals whose expected "
    "close date falls between today and today + N days (windows are cumulative). Likely = Σ "
    "amount × probability. Worst and best are the 10th and 90th percentiles of the revenue won "
    "when each deal closes independently with its probability: simulated (20,000 draws, fixed "
    "seed) for up to 2,000 deals, a normal approximation beyond. Overdue and undated deals are "
    "in no window; they are shown beside it. Time-to-win = close date (else expected close "
    "date) − creation date of won deals."
)


CALIBRATION_HOW = (
    "Calibrated probability of a stage = won ÷ closed deals that reached it (won deals reached "
    "every stage; a lost deal the stages up to the one it was lost in, or the furthest stage "
    "earlier snapshots showed it in), with its 95 % Wilson interval. Below "
    f"{MIN_CLOSED_DEALS} closed deals a stage keeps its configured probability."
)


def controls(query: dict[str, object]) -> dbc.Card:
    """The switch "forecast with calibrated probabilities" (``?prob=calibrated``)."""
    return dbc.Card(
        dbc.CardBody(
            dbc.Switch(
                id=Forecast.CALIBRATED,
                label="Forecast with calibrated probabilities",
                value=query.get("prob") == "calibrated",
                className="mb-0",
            ),
            className="py-2",
        ),
        className="mb-3 forecast-controls",
    )


def method_note(fan: tuple[FanWindow, ...], fmt: Formatter) -> str:
    """How the fan was computed: Monte-Carlo with its draws, or the normal approximation."""
    methods = {w.method for w in fan}
    draws = max((w.draws for w in fan), default=0)
    parts = []
    if "monte_carlo" in methods:
        parts.append(f"Monte-Carlo simulation: {fmt.number(draws)} draws, fixed seed (each deal "
                     "won independently with its probability)")
    if "normal" in methods:
        parts.append("normal approximation (more than 2,000 deals in a window)")
    if "exact" in methods:
        parts.append("exact (no uncertain deal)")
    return "Method: " + "; ".join(parts) + "." if parts else ""


def calibration_table(rows: tuple[CalibrationRow, ...], lost_unplaced: int,
                      fmt: Formatter) -> html.Div:
    """Configured against calibrated probability per stage, with sample and interval."""
    if not rows:
        return missing_message("No open stage to calibrate.")
    table_rows = []
    for r in rows:
        interval = (f"{fmt.percent(r.low, 0)} – {fmt.percent(r.high, 0)}"
                    if r.low is not None and r.high is not None else "—")
        table_rows.append({
            "stage": r.stage,
            "configured": fmt.percent(r.configured, 0),
            "calibrated": fmt.percent(r.calibrated, 0),
            "interval": interval,
            "sample": f"{fmt.number(r.won)} won / {fmt.number(r.reached)}",
            "used": fmt.percent(r.used, 0),
            "note": (f"too few deals ({fmt.number(r.reached)} < {MIN_CLOSED_DEALS}): "
                     "configured kept") if r.too_few else "",
            "_too_few": int(r.too_few),
        })
    parts: list[Any] = [
        data_table(
            table_rows,
            (("stage", "Stage"), ("configured", "Configured"), ("calibrated", "Calibrated"),
             ("interval", "95 % interval"), ("sample", "Closed deals (sample)"),
             ("used", "Used when calibrated"), ("note", "")),
            table_id="forecast-calibration-table",
            numeric=("configured", "calibrated", "used"),
            page_size=20,
        )
    ]
    if lost_unplaced:
        parts.insert(0, html.Div(
            f"{fmt.number(lost_unplaced)} lost deal(s) have no known stage (the file only says "
            "they were lost, and no earlier snapshot shows where): they count for no stage, so "
            "the calibrated rates are optimistic. Import several snapshots of this dataset to "
            "place them.",
            className="alert alert-warning py-1 px-2 small", id="forecast-calibration-warning"))
    return html.Div(parts)


def backtest_part(backtest: Backtest | None, fmt: Formatter, currency: str) -> html.Div:
    """MAE and bias per method and window, then the rows per snapshot; or why there are none."""
    if backtest is None:
        return missing_message("Not available: the forecast needs expected close dates and "
                               "amounts.")
    if not backtest.rows:
        return html.Div(backtest.note or "", className="missing-message text-muted",
                        id="forecast-backtest-absent")
    method = {"configured": "Configured", "calibrated": "Calibrated"}
    summary = [
        {"method": method.get(s.method, s.method), "window": f"{s.window} days",
         "snapshots": fmt.number(s.snapshots), "mae": fmt.money(s.mae, currency),
         "bias": fmt.money(s.bias, currency)}
        for s in backtest.summary
    ]
    detail = [
        {"snapshot": f"#{r.import_id}", "as_of": fmt.date(r.as_of), "window": f"{r.window} days",
         "method": method.get(r.method, r.method), "forecast": fmt.money(r.forecast, currency),
         "actual": fmt.money(r.actual, currency), "error": fmt.money(r.signed_error, currency),
         "judged": "yes" if r.judged else "not yet"}
        for r in backtest.rows
    ]
    parts: list[Any] = []
    if backtest.note:
        parts.append(html.Div(backtest.note, className="small text-muted mb-2"))
    parts += [
        data_table(summary, (("method", "Method"), ("window", "Window"),
                             ("snapshots", "Snapshots judged"), ("mae", "Mean absolute error"),
                             ("bias", "Bias (mean forecast − actual)")),
                   table_id="forecast-backtest-summary", numeric=("mae", "bias"), page_size=6),
        html.Div(className="mb-2"),
        data_table(detail, (("snapshot", "Snapshot"), ("as_of", "Date"), ("window", "Window"),
                            ("method", "Method"), ("forecast", "Forecast (likely)"),
                            ("actual", "Won later"), ("error", "Error (forecast − actual)"),
                            ("judged", "Judged")),
                   table_id="forecast-backtest-table", numeric=("forecast", "actual", "error"),
                   page_size=12),
    ]
    return html.Div(parts)


def body(view: ForecastData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Forecast page from its aggregates."""
    cur = view.context.currency or ""
    miss = missing_text(view.missing.forecast)
    vel_missing = missing_text(view.missing.velocity)
    windows = view.windows

    def money(value: float | None) -> str:
        return fmt.money(value, cur)

    measures: tuple[tuple[str, Callable[[ForecastWindow], str]], ...] = (
        ("Deals", lambda w: fmt.number(w.deals)),
        ("Σ amount", lambda w: money(w.gross)),
        ("Worst (P10)", lambda w: money(w.worst)),
        ("Likely", lambda w: money(w.likely)),
        ("Best (P90)", lambda w: money(w.best)),
        ("Method", lambda w: w.method.replace("_", " ")),
    )
    rows = [
        {"measure": label, **{str(w.window): text(w) for w in windows}} for label, text in measures
    ]
    if view.fan:
        rows.insert(3, {"measure": "Median (P50)",
                        **{str(f.window): money(f.p50) for f in view.fan}})
    window_columns = tuple((str(w.window), f"{w.window} days") for w in windows)
    v = view.velocity
    side = dbc.Row(
        [
            kpi_card(
                "Overdue closings",
                fmt.number(view.overdue.count),
                card_id="forecast-overdue",
                hint=f"{fmt.money(view.overdue.gross, cur)} · in no window",
            ),
            kpi_card(
                "Undated open deals",
                fmt.number(view.undated.count),
                card_id="forecast-undated",
                hint=f"{fmt.money(view.undated.gross, cur)} · no expected close date",
            ),
            kpi_card(
                "Time-to-win (mean)",
                fmt.days(v.mean),
                card_id="forecast-ttw-mean",
                hint=vel_missing or f"{fmt.number(v.count)} won deals",
            ),
            kpi_card(
                "Time-to-win (median)",
                fmt.days(v.median),
                card_id="forecast-ttw-median",
                hint=vel_missing or "half win faster",
            ),
        ],
        className="g-3",
    )
    by_source = [r for r in view.velocity_by_source if r.count]
    by_owner = [r for r in view.velocity_by_owner if r.count]
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context),
            html.Div(
                "Forecast with the calibrated probabilities: stages with enough closed deals use "
                "their observed win rate, the others keep the configured one (table below)."
                + (f" Caution: {fmt.number(view.lost_unplaced)} lost deal(s) have no known "
                   "stage, so these rates are optimistic." if view.lost_unplaced else "")
                if view.probabilities == "calibrated" else
                "Forecast with the configured stage probabilities (Settings).",
                className="small mb-2 " + ("text-primary fw-semibold"
                                           if view.probabilities == "calibrated"
                                           else "text-muted"),
                id="forecast-probabilities",
            ),
            side,
            dbc.Row(
                [
                    dbc.Col(
                        chart_card(
                            "Forecast fan",
                            None if miss or not view.fan else figures.fan_chart(view.fan, fmt, cur),
                            missing=miss,
                            graph_id="forecast-fan-graph",
                            note=method_note(view.fan, fmt) or None,
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
                            figures.velocity_bars(by_source, "Source", "Time-to-win by source", fmt)
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
                            figures.velocity_bars(by_owner, "Owner", "Time-to-win by owner", fmt)
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
            dbc.Row(
                [
                    dbc.Col(
                        table_card(
                            "Stage probabilities: configured and calibrated",
                            calibration_table(view.calibration, view.lost_unplaced, fmt)
                            if not view.missing.funnel
                            else missing_message(missing_text(view.missing.funnel) or ""),
                            note=CALIBRATION_HOW,
                        ),
                        lg=12,
                    ),
                    dbc.Col(
                        table_card(
                            "Backtest: what past snapshots forecast against what was won",
                            backtest_part(view.backtest, fmt, cur),
                            note="Error = forecast likely − revenue won later among that "
                            "snapshot's open deals closing in the window (METRICS.md backtest); "
                            "a window is judged once a later snapshot is at least that many "
                            "days newer.",
                        ),
                        lg=12,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.P(HOW, className="small text-muted how-note", id="forecast-how"),
        ]
    )
