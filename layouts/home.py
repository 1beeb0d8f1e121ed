"""Home page body: KPI cards with period change, alerts linking to the Deals page, forecast."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.filters import FilterState
from data.pagedata.home import HomeData, Period
from layouts import figures
from layouts.common import context_line, currency_notice, missing_text, window_link
from layouts.components import card_header, chart_card, kpi_card
from layouts.formatting import Formatter


def _change(value: float | None, fmt: Formatter, kind: str, currency: str) -> tuple[str, str]:
    if value is None:
        return fmt._("— vs previous 30 days"), "secondary"
    sign = "+" if value > 0 else ""
    if kind == "money":
        text = sign + fmt.money(value, currency, cents=False)
    elif kind == "percent":
        text = fmt._("{value} pts", value=sign + fmt.number(value * 100, 1))
    else:
        text = sign + fmt.number(value)
    tone = "success" if value > 0 else "danger" if value < 0 else "secondary"
    return fmt._("{change} vs previous 30 days", change=text), tone


def body(view: HomeData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Home page from its aggregates."""
    k = view.kpis
    cur = view.context.currency or ""
    period = k.period
    counts = k.deals
    missing = view.missing
    amount_missing = missing_text(missing.pipeline_gross, fmt)
    money_hint = amount_missing or None

    def money(value: float | None) -> str:
        return fmt._("n/a") if amount_missing else fmt.money(value, cur)

    period_missing = missing_text(missing.period_comparison, fmt)

    def changed(text: str, tone: str) -> tuple[str | None, str]:
        # METRICS.md: an indicator whose columns are missing is not shown (never as 0).
        return (None, "secondary") if period_missing else (text, tone)

    previous = view.previous_import

    def trend(now: float | None, before: float | None) -> tuple[str | None, str]:
        """Change of an open-pipeline figure since the previous import (same filters)."""
        if previous is None or amount_missing or now is None or before is None:
            return None, "secondary"
        delta = round(now - before, 2)
        tone = "success" if delta > 0 else "danger" if delta < 0 else "secondary"
        sign = "+" if delta > 0 else ""
        return (
            fmt._("{change} since import #{id} ({date})",
                  change=sign + fmt.money(delta, cur, cents=False), id=previous.id,
                  date=fmt.date(previous.imported_at)),
            tone,
        )

    created_change = _change(period.change.created, fmt, "count", cur)
    revenue_change = _change(period.change.won_revenue, fmt, "money", cur)
    rate_change = _change(period.change.win_rate, fmt, "percent", cur)
    won_change = _change(period.change.won, fmt, "count", cur)
    gross_trend = trend(k.pipeline_gross, previous.pipeline_gross if previous else None)
    weighted_trend = trend(k.pipeline_weighted, previous.pipeline_weighted if previous else None)
    cards = dbc.Row(
        [
            kpi_card(
                fmt._("Deals"),
                fmt.number(counts.total),
                card_id="kpi-deals",
                hint=fmt._("{open} open · {won} won · {lost} lost", open=fmt.number(counts.open),
                           won=fmt.number(counts.won), lost=fmt.number(counts.lost)),
                change=changed(
                    fmt._("{n} created", n=fmt.number(period.current.created)) + " · "
                    + created_change[0],
                    created_change[1],
                )[0],
                change_tone=created_change[1],
            ),
            kpi_card(
                fmt._("Gross pipeline"),
                money(k.pipeline_gross),
                card_id="kpi-gross",
                hint=money_hint or fmt._("Σ amount of open deals"),
                change=gross_trend[0],
                change_tone=gross_trend[1],
            ),
            kpi_card(
                fmt._("Weighted pipeline"),
                money(k.pipeline_weighted),
                card_id="kpi-weighted",
                hint=money_hint or fmt._("Σ amount × probability of open deals"),
                change=weighted_trend[0],
                change_tone=weighted_trend[1],
            ),
            kpi_card(
                fmt._("Win rate"),
                fmt.percent(k.win_rate),
                card_id="kpi-win-rate",
                hint=fmt._("won / (won + lost)"),
                change=changed(
                    fmt._("{value} this period", value=fmt.percent(period.current.win_rate))
                    + " · " + rate_change[0],
                    rate_change[1],
                )[0],
                change_tone=rate_change[1],
            ),
            kpi_card(
                fmt._("Conversion rate"),
                fmt.percent(k.conversion_rate),
                card_id="kpi-conversion",
                hint=fmt._("won / all deals"),
            ),
            kpi_card(
                fmt._("Average deal size"),
                money(k.average_deal_size),
                card_id="kpi-average",
                hint=money_hint
                or fmt._("won deals: {value}", value=fmt.money(k.average_won_deal_size, cur)),
            ),
            kpi_card(
                fmt._("Won revenue"),
                money(k.won_revenue),
                card_id="kpi-won-revenue",
                hint=money_hint or fmt._("Σ amount of won deals"),
                change=changed(
                    fmt._("{value} this period",
                          value=fmt.money(period.current.won_revenue, cur, cents=False))
                    + " · " + revenue_change[0],
                    revenue_change[1],
                )[0],
                change_tone=revenue_change[1],
            ),
            kpi_card(
                fmt._("Deals won (30 days)"),
                fmt._("n/a") if period_missing else fmt.number(period.current.won),
                card_id="kpi-won-period",
                hint=period_missing or fmt._("by close date"),
                change=changed(*won_change)[0],
                change_tone=won_change[1],
            ),
        ],
        className="g-3",
    )
    base = state.without_view()

    def alert(
        title: str,
        count: int | None,
        view_name: str,
        tone: str,
        explain: str,
        lacking: tuple[str, ...],
    ) -> dbc.Col:
        target = f"/deals{replace(base, view=view_name).search()}"
        text = missing_text(lacking, fmt)
        content = [
            html.Div(title, className="kpi-title"),
            html.Div(fmt._("n/a") if text else fmt.number(count),
                     className=f"kpi-value text-{tone}"),
            html.Div(text or explain, className="kpi-hint"),
        ]
        card = dbc.Card(dbc.CardBody(content), className=f"alert-card border-{tone} h-100")
        link = (
            card
            if text
            else dcc.Link(
                card, href=target, id=f"alert-{view_name}", className="text-decoration-none"
            )
        )
        return dbc.Col(link, xs=12, md=6, lg=3, className="mb-3")

    alerts = dbc.Row(
        [
            alert(
                fmt._("Cold deals"),
                k.cold_deals,
                "cold",
                "danger",
                fmt._("open, no activity for {days}+ days → follow up", days=view.cold_days),
                missing.cold_deals,
            ),
            alert(
                fmt._("Overdue closings"),
                k.overdue.count,
                "overdue",
                "danger",
                fmt._("expected close date passed · {amount}",
                      amount=fmt.money(k.overdue.gross, cur, cents=False)),
                missing.overdue,
            ),
            alert(
                fmt._("Untreated leads"),
                k.untreated_leads,
                "untreated",
                "warning",
                fmt._("first stage, 48 h+ old, never worked"),
                missing.untreated_leads,
            ),
            alert(
                fmt._("Quick wins"),
                k.quick_wins,
                "quick_wins",
                "success",
                fmt._("p ≥ 50 % and closing within 30 days"),
                missing.quick_wins,
            ),
        ],
        className="g-3",
    )
    forecast_missing = missing_text(missing.forecast, fmt)
    forecast = chart_card(
        fmt._("Revenue forecast"),
        None
        if forecast_missing
        else figures.forecast_range(
            k.forecast, fmt, cur, height=300, compact=True,
            link=lambda days: window_link(state, date.fromisoformat(view.context.as_of), days),
        ),
        missing=forecast_missing,
        graph_id="home-forecast-graph",
        note=fmt._("Likely = Σ amount × probability of open deals expected to close in the "
                   "window; worst/best = 10th/90th percentile. Details on the Forecast page."),
        height=300,
        fmt=fmt,
    )
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context, fmt),
            cards,
            html.H5(fmt._("Priority alerts"), className="section-title"),
            alerts,
            dbc.Row(
                [
                    dbc.Col(forecast, lg=7),
                    dbc.Col(
                        period_card(period, fmt, cur)
                        if not period_missing
                        else chart_card(fmt._("Period comparison"), None,
                                        missing=period_missing, fmt=fmt),
                        lg=5,
                    ),
                ],
                className="g-3 mb-4",
            ),
        ]
    )


def period_card(period: Period, fmt: Formatter, cur: str) -> dbc.Card:
    """METRICS.md period comparison: the 30 days ending today against the 30 days before."""
    cur_p, prev_p, change = period.current, period.previous, period.change
    rows = [
        (
            fmt._("Deals created"),
            fmt.number(prev_p.created),
            fmt.number(cur_p.created),
            _change(change.created, fmt, "count", cur),
        ),
        (
            fmt._("Deals won"),
            fmt.number(prev_p.won),
            fmt.number(cur_p.won),
            _change(change.won, fmt, "count", cur),
        ),
        (
            fmt._("Won revenue"),
            fmt.money(prev_p.won_revenue, cur, cents=False),
            fmt.money(cur_p.won_revenue, cur, cents=False),
            _change(change.won_revenue, fmt, "money", cur),
        ),
        (
            fmt._("Win rate (closed in period)"),
            fmt.percent(prev_p.win_rate),
            fmt.percent(cur_p.win_rate),
            _change(change.win_rate, fmt, "percent", cur),
        ),
    ]
    table = dbc.Table(
        [
            html.Thead(
                html.Tr(
                    [
                        html.Th(""),
                        html.Th(fmt._("Previous"), className="text-end"),
                        html.Th(fmt._("Last 30 days"), className="text-end"),
                        html.Th(fmt._("Change"), className="text-end"),
                    ]
                )
            ),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(label),
                            html.Td(before, className="text-end"),
                            html.Td(now, className="text-end fw-semibold"),
                            html.Td(
                                delta[0].replace(fmt._("{change} vs previous 30 days",
                                                       change=""), "").strip(),
                                className=f"text-end text-{delta[1]}",
                            ),
                        ]
                    )
                    for label, before, now, delta in rows
                ]
            ),
        ],
        size="sm",
        responsive=True,
        className="period-table mb-0",
        id="home-period-table",
    )
    dates = fmt._(
        "Last 30 days: {start} – {end}; previous: {previous_start} – {previous_end}. Won deals "
        "and revenue by close date.",
        start=fmt.date(cur_p.start), end=fmt.date(cur_p.end),
        previous_start=fmt.date(prev_p.start), previous_end=fmt.date(prev_p.end),
    )
    return dbc.Card(
        [
            card_header(fmt._("Period comparison"), "home-period-table"),
            dbc.CardBody(table),
            dbc.CardFooter(dates, className="chart-note"),
        ],
        className="chart-card h-100",
    )
