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
from layouts.components import chart_card, kpi_card
from layouts.formatting import Formatter


def _change(value: float | None, fmt: Formatter, kind: str, currency: str) -> tuple[str, str]:
    if value is None:
        return "— vs previous 30 days", "secondary"
    sign = "+" if value > 0 else ""
    if kind == "money":
        text = sign + fmt.money(value, currency, cents=False)
    elif kind == "percent":
        text = f"{sign}{fmt.number(value * 100, 1)} pts"
    else:
        text = sign + fmt.number(value)
    tone = "success" if value > 0 else "danger" if value < 0 else "secondary"
    return f"{text} vs previous 30 days", tone


def body(view: HomeData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Home page from its aggregates."""
    k = view.kpis
    cur = view.context.currency or ""
    period = k.period
    counts = k.deals
    missing = view.missing
    amount_missing = missing_text(missing.pipeline_gross)
    money_hint = amount_missing or None

    def money(value: float | None) -> str:
        return "n/a" if amount_missing else fmt.money(value, cur)

    period_missing = missing_text(missing.period_comparison)

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
            f"{sign}{fmt.money(delta, cur, cents=False)} since import #{previous.id} "
            f"({fmt.date(previous.imported_at)})",
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
                "Deals",
                fmt.number(counts.total),
                card_id="kpi-deals",
                hint=f"{fmt.number(counts.open)} open · {fmt.number(counts.won)} won · "
                f"{fmt.number(counts.lost)} lost",
                change=changed(
                    f"{fmt.number(period.current.created)} created · " + created_change[0],
                    created_change[1],
                )[0],
                change_tone=created_change[1],
            ),
            kpi_card(
                "Gross pipeline",
                money(k.pipeline_gross),
                card_id="kpi-gross",
                hint=money_hint or "Σ amount of open deals",
                change=gross_trend[0],
                change_tone=gross_trend[1],
            ),
            kpi_card(
                "Weighted pipeline",
                money(k.pipeline_weighted),
                card_id="kpi-weighted",
                hint=money_hint or "Σ amount × probability of open deals",
                change=weighted_trend[0],
                change_tone=weighted_trend[1],
            ),
            kpi_card(
                "Win rate",
                fmt.percent(k.win_rate),
                card_id="kpi-win-rate",
                hint="won / (won + lost)",
                change=changed(
                    f"{fmt.percent(period.current.win_rate)} this period · " + rate_change[0],
                    rate_change[1],
                )[0],
                change_tone=rate_change[1],
            ),
            kpi_card(
                "Conversion rate",
                fmt.percent(k.conversion_rate),
                card_id="kpi-conversion",
                hint="won / all deals",
            ),
            kpi_card(
                "Average deal size",
                money(k.average_deal_size),
                card_id="kpi-average",
                hint=money_hint or f"won deals: {fmt.money(k.average_won_deal_size, cur)}",
            ),
            kpi_card(
                "Won revenue",
                money(k.won_revenue),
                card_id="kpi-won-revenue",
                hint=money_hint or "Σ amount of won deals",
                change=changed(
                    f"{fmt.money(period.current.won_revenue, cur, cents=False)} "
                    "this period · " + revenue_change[0],
                    revenue_change[1],
                )[0],
                change_tone=revenue_change[1],
            ),
            kpi_card(
                "Deals won (30 days)",
                "n/a" if period_missing else fmt.number(period.current.won),
                card_id="kpi-won-period",
                hint=period_missing or "by close date",
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
        text = missing_text(lacking)
        content = [
            html.Div(title, className="kpi-title"),
            html.Div("n/a" if text else fmt.number(count), className=f"kpi-value text-{tone}"),
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
                "Cold deals",
                k.cold_deals,
                "cold",
                "danger",
                f"open, no activity for {view.cold_days}+ days → follow up",
                missing.cold_deals,
            ),
            alert(
                "Overdue closings",
                k.overdue.count,
                "overdue",
                "danger",
                "expected close date passed · " + fmt.money(k.overdue.gross, cur, cents=False),
                missing.overdue,
            ),
            alert(
                "Untreated leads",
                k.untreated_leads,
                "untreated",
                "warning",
                "first stage, 48 h+ old, never worked",
                missing.untreated_leads,
            ),
            alert(
                "Quick wins",
                k.quick_wins,
                "quick_wins",
                "success",
                "p ≥ 50 % and closing within 30 days",
                missing.quick_wins,
            ),
        ],
        className="g-3",
    )
    forecast_missing = missing_text(missing.forecast)
    forecast = chart_card(
        "Revenue forecast",
        None
        if forecast_missing
        else figures.forecast_range(
            k.forecast, fmt, cur, height=300, compact=True,
            link=lambda days: window_link(state, date.fromisoformat(view.context.as_of), days),
        ),
        missing=forecast_missing,
        graph_id="home-forecast-graph",
        note="Likely = Σ amount × probability of open deals expected to close in the window; "
        "worst/best = 10th/90th percentile. Details on the Forecast page.",
        height=300,
    )
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context),
            cards,
            html.H5("Priority alerts", className="section-title"),
            alerts,
            dbc.Row(
                [
                    dbc.Col(forecast, lg=7),
                    dbc.Col(
                        period_card(period, fmt, cur)
                        if not period_missing
                        else chart_card("Period comparison", None, missing=period_missing),
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
            "Deals created",
            fmt.number(prev_p.created),
            fmt.number(cur_p.created),
            _change(change.created, fmt, "count", cur),
        ),
        (
            "Deals won",
            fmt.number(prev_p.won),
            fmt.number(cur_p.won),
            _change(change.won, fmt, "count", cur),
        ),
        (
            "Won revenue",
            fmt.money(prev_p.won_revenue, cur, cents=False),
            fmt.money(cur_p.won_revenue, cur, cents=False),
            _change(change.won_revenue, fmt, "money", cur),
        ),
        (
            "Win rate (closed in period)",
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
                        html.Th("Previous", className="text-end"),
                        html.Th("Last 30 days", className="text-end"),
                        html.Th("Change", className="text-end"),
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
                                delta[0].replace(" vs previous 30 days", ""),
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
    dates = (
        f"Last 30 days: {fmt.date(cur_p.start)} – {fmt.date(cur_p.end)}; previous: "
        f"{fmt.date(prev_p.start)} – {fmt.date(prev_p.end)}. Won deals and revenue by "
        "close date."
    )
    return dbc.Card(
        [
            dbc.CardHeader("Period comparison", className="chart-title"),
            dbc.CardBody(table),
            dbc.CardFooter(dates, className="chart-note"),
        ],
        className="chart-card h-100",
    )
