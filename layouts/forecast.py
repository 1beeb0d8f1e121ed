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
from data.metrics.codes import NONE_LABEL
from data.pagedata.forecast import (
    Backtest,
    CalibrationRow,
    FanWindow,
    ForecastData,
    GroupVelocity,
)
from data.pagedata.home import ForecastWindow
from layouts import figures
from layouts.common import context_line, currency_notice, deals_link, missing_text
from layouts.components import (
    chart_card,
    data_table,
    kpi_card,
    linked,
    missing_message,
    table_card,
)
from layouts.formatting import Formatter
from layouts.i18n import N_
from layouts.ids import Forecast

#: Method names of ``data.metrics.forecast``, shown translated in the forecast table.
METHODS = (N_("monte carlo"), N_("normal"), N_("exact"))
#: The note ``data.pagedata.forecast.backtest_of`` gives when no window can be judged yet.
BACKTEST_PROVISIONAL = N_(
    "No snapshot is old enough to judge yet: a window of N days is judged once a later "
    "snapshot is at least N days newer. The rows below are provisional.")

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


CALIBRATION_HOW = N_(
    "Calibrated probability of a stage = won ÷ closed deals that reached it (won deals reached "
    "every stage; a lost deal the stages up to the one it was lost in, or the furthest stage "
    "earlier snapshots showed it in), with its 95 % Wilson interval. Below "
    "{minimum} closed deals a stage keeps its configured probability."
)


def controls(query: dict[str, object], lang: str = "fr") -> dbc.Card:
    """The switch "forecast with calibrated probabilities" (``?prob=calibrated``)."""
    fmt = Formatter(lang)
    return dbc.Card(
        dbc.CardBody(
            dbc.Switch(
                id=Forecast.CALIBRATED,
                label=fmt._("Forecast with calibrated probabilities"),
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
        parts.append(fmt._("Monte-Carlo simulation: {draws} draws, fixed seed (each deal won "
                           "independently with its probability)", draws=fmt.number(draws)))
    if "normal" in methods:
        parts.append(fmt._("normal approximation (more than 2,000 deals in a window)"))
    if "exact" in methods:
        parts.append(fmt._("exact (no uncertain deal)"))
    return fmt._("Method: {methods}.", methods="; ".join(parts)) if parts else ""


def calibration_table(rows: tuple[CalibrationRow, ...], lost_unplaced: int,
                      fmt: Formatter) -> html.Div:
    """Configured against calibrated probability per stage, with sample and interval."""
    if not rows:
        return missing_message(fmt._("No open stage to calibrate."))
    table_rows = []
    for r in rows:
        interval = (f"{fmt.percent(r.low, 0)} – {fmt.percent(r.high, 0)}"
                    if r.low is not None and r.high is not None else "—")
        table_rows.append({
            "stage": r.stage,
            "configured": fmt.percent(r.configured, 0),
            "calibrated": fmt.percent(r.calibrated, 0),
            "interval": interval,
            "sample": fmt._("{won} won / {reached}", won=fmt.number(r.won),
                            reached=fmt.number(r.reached)),
            "used": fmt.percent(r.used, 0),
            "note": fmt._("too few deals ({n} < {minimum}): configured kept",
                          n=fmt.number(r.reached), minimum=MIN_CLOSED_DEALS)
            if r.too_few else "",
            "_too_few": int(r.too_few),
        })
    parts: list[Any] = [
        data_table(
            table_rows,
            (("stage", N_("Stage")), ("configured", N_("Configured")),
             ("calibrated", N_("Calibrated")), ("interval", N_("95 % interval")),
             ("sample", N_("Closed deals (sample)")), ("used", N_("Used when calibrated")),
             ("note", "")),
            table_id="forecast-calibration-table",
            fmt=fmt,
            numeric=("configured", "calibrated", "used"),
            page_size=20,
        )
    ]
    if lost_unplaced:
        parts.insert(0, html.Div(
            fmt.ngettext(
                "{n} lost deal has no known stage (the file only says it was lost, and no "
                "earlier snapshot shows where): it counts for no stage, so the calibrated rates "
                "are optimistic. Import several snapshots of this dataset to place it.",
                "{n} lost deals have no known stage (the file only says they were lost, and no "
                "earlier snapshot shows where): they count for no stage, so the calibrated rates "
                "are optimistic. Import several snapshots of this dataset to place them.",
                lost_unplaced),
            className="alert alert-warning py-1 px-2 small", id="forecast-calibration-warning"))
    return html.Div(parts)


def backtest_part(backtest: Backtest | None, fmt: Formatter, currency: str) -> html.Div:
    """MAE and bias per method and window, then the rows per snapshot; or why there are none."""
    if backtest is None:
        return missing_message(fmt._("Not available: the forecast needs expected close dates "
                                     "and amounts."))
    if not backtest.rows:
        absent = (fmt._("A backtest needs two or more snapshots (imports) of this dataset: "
                        "import a later export of the same CRM to compare what was forecast "
                        "with what was won. This dataset has {n}.", n=backtest.snapshots)
                  if backtest.snapshots < 2 else fmt._(backtest.note or ""))
        return html.Div(absent, className="missing-message text-muted",
                        id="forecast-backtest-absent")
    method = {"configured": fmt._("Configured"), "calibrated": fmt._("Calibrated")}
    summary = [
        {"method": method.get(s.method, s.method), "window": fmt._("{n} days", n=s.window),
         "snapshots": fmt.number(s.snapshots), "mae": fmt.money(s.mae, currency),
         "bias": fmt.money(s.bias, currency)}
        for s in backtest.summary
    ]
    detail = [
        {"snapshot": f"#{r.import_id}", "as_of": fmt.date(r.as_of),
         "window": fmt._("{n} days", n=r.window),
         "method": method.get(r.method, r.method), "forecast": fmt.money(r.forecast, currency),
         "actual": fmt.money(r.actual, currency), "error": fmt.money(r.signed_error, currency),
         "judged": fmt._("yes") if r.judged else fmt._("not yet")}
        for r in backtest.rows
    ]
    parts: list[Any] = []
    if backtest.note:
        parts.append(html.Div(fmt._(backtest.note), className="small text-muted mb-2"))
    parts += [
        data_table(summary, (("method", N_("Method")), ("window", N_("Window")),
                             ("snapshots", N_("Snapshots judged")),
                             ("mae", N_("Mean absolute error")),
                             ("bias", N_("Bias (mean forecast − actual)"))),
                   table_id="forecast-backtest-summary", fmt=fmt, numeric=("mae", "bias"),
                   page_size=6),
        html.Div(className="mb-2"),
        data_table(detail, (("snapshot", N_("Snapshot")), ("as_of", N_("Date")),
                            ("window", N_("Window")), ("method", N_("Method")),
                            ("forecast", N_("Forecast (likely)")), ("actual", N_("Won later")),
                            ("error", N_("Error (forecast − actual)")), ("judged", N_("Judged"))),
                   table_id="forecast-backtest-table", fmt=fmt,
                   numeric=("forecast", "actual", "error"),
                   page_size=12),
    ]
    return html.Div(parts)


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
    if view.fan:
        rows.insert(3, {"measure": fmt._("Median (P50)"),
                        **{str(f.window): money(f.p50) for f in view.fan}})
    window_columns = tuple((str(w.window), fmt._("{n} days", n=w.window)) for w in windows)
    v = view.velocity

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
            html.Div(
                fmt._("Forecast with the calibrated probabilities: stages with enough closed "
                      "deals use their observed win rate, the others keep the configured one "
                      "(table below).")
                + (" " + fmt.ngettext(
                    "Caution: {n} lost deal has no known stage, so these rates are optimistic.",
                    "Caution: {n} lost deals have no known stage, so these rates are optimistic.",
                    view.lost_unplaced) if view.lost_unplaced else "")
                if view.probabilities == "calibrated" else
                fmt._("Forecast with the configured stage probabilities (Settings)."),
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
                            fmt._("Forecast fan"),
                            None if miss or not view.fan else figures.fan_chart(view.fan, fmt, cur),
                            missing=miss,
                            graph_id="forecast-fan-graph",
                            note=method_note(view.fan, fmt) or None,
                            fmt=fmt,
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
                            fmt=fmt,
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
                            fmt=fmt,
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
                            fmt=fmt,
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
                            fmt._("Stage probabilities: configured and calibrated"),
                            calibration_table(view.calibration, view.lost_unplaced, fmt)
                            if not view.missing.funnel
                            else missing_message(missing_text(view.missing.funnel, fmt) or ""),
                            note=fmt._(CALIBRATION_HOW, minimum=MIN_CLOSED_DEALS),
                            fmt=fmt,
                        ),
                        lg=12,
                    ),
                    dbc.Col(
                        table_card(
                            fmt._("Backtest: what past snapshots forecast against what was won"),
                            backtest_part(view.backtest, fmt, cur),
                            note=fmt._(
                                "Error = forecast likely − revenue won later among that "
                                "snapshot's open deals closing in the window (METRICS.md "
                                "backtest); a window is judged once a later snapshot is at "
                                "least that many days newer."),
                            fmt=fmt,
                        ),
                        lg=12,
                    ),
                ],
                className="g-3 mb-3",
            ),
            html.P(fmt._(HOW), className="small text-muted how-note", id="forecast-how"),
        ]
    )
