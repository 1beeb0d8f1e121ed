"""Pipeline page body: value by stage, conversion, deal age, cold deals, sectors, owners."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.filters import FilterState
from data.pagedata.pipeline import PipelineData
from layouts import figures
from layouts.common import context_line, currency_notice, deals_link, missing_text
from layouts.components import chart_card, data_table, table_card
from layouts.formatting import Formatter
from layouts.tables import deal_list_card


def body(view: PipelineData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Pipeline page from its aggregates."""
    cur = view.context.currency or ""
    lacking = view.missing
    open_stages = [r for r in view.by_stage if r.status == "open"]

    def stage_link(stage: str) -> str:
        return deals_link(state, stage=(stage,), status=("open",))

    def sector_link(sector: str) -> str:
        return deals_link(state, sector=(sector,))

    value_chart = chart_card(
        fmt._("Value by stage"),
        None
        if missing_text(lacking.value_by_stage, fmt) or not open_stages
        else figures.stage_value_bars(view.by_stage, fmt, cur, stage_link),
        missing=missing_text(lacking.value_by_stage, fmt)
        or (None if open_stages else fmt._("No open deal selected.")),
        graph_id="pipeline-stage-graph",
        note=fmt._("Weighted = Σ amount × effective probability (row's own, else the stage's)."),
        fmt=fmt,
    )
    conversion_chart = chart_card(
        fmt._("Funnel conversion"),
        None
        if missing_text(lacking.funnel, fmt) or not view.funnel
        else figures.funnel_conversion(view.funnel, fmt),
        missing=(missing_text(lacking.funnel, fmt)
                 or (None if view.funnel else fmt._("No stage to show."))),
        graph_id="pipeline-funnel-graph",
        note=fmt._("A deal reached a stage if it is in it or later, or won; lost deals count "
                   "only where earlier imports show they got."),
        fmt=fmt,
    )
    age_rows = [r for r in view.age_by_stage if r.count]
    age_chart = chart_card(
        fmt._("Deal age by stage"),
        None
        if missing_text(lacking.deal_age, fmt) or not age_rows
        else figures.age_by_stage(age_rows, view.rotting_threshold_days, fmt, stage_link),
        missing=(missing_text(lacking.deal_age, fmt)
                 or (None if age_rows else fmt._("No open deal selected."))),
        graph_id="pipeline-age-graph",
        note=html.Span([
            fmt.ngettext("{n} rotting deal: older than {days} (2 × median time-to-win).",
                         "{n} rotting deals: older than {days} (2 × median time-to-win).",
                         view.rotting_count, days=fmt.days(view.rotting_threshold_days)) + " ",
            dcc.Link(fmt._("See them in Deals →"), href=deals_link(state, view="rotting"),
                     id="pipeline-rotting-link"),
        ]),
        fmt=fmt,
    )
    cold = deal_list_card(
        html.Span([
            fmt._("Cold deals ({n}) — no activity for {days}+ days",
                  n=fmt.number(view.cold_count), days=view.cold_days),
            dcc.Link(fmt._("All in Deals →"), href=deals_link(state, view="cold"),
                     id="pipeline-cold-link", className="ms-2 small fw-normal"),
        ]),
        missing_text(lacking.cold_deals, fmt),
        view.cold,
        fmt,
        cur,
        "pipeline-cold-table",
        extra=(("days_inactive_text", fmt._("Idle days")),),
        columns=(
            ("name", fmt._("Deal")),
            ("stage", fmt._("Stage")),
            ("owner", fmt._("Owner")),
            ("amount_text", fmt._("Amount")),
        ),
    )
    sectors = chart_card(
        fmt._("Amount by sector"),
        None
        if missing_text(lacking.sector, fmt) or not view.sectors
        else figures.horizontal_amounts(
            [(r.sector, r.gross, r.count) for r in view.sectors],
            fmt._("Σ amount by sector ({currency})", currency=cur),
            fmt,
            cur,
            link=sector_link,
        ),
        missing=missing_text(lacking.sector, fmt)
        or (None if view.sectors else fmt._("No deal with an amount.")),
        graph_id="pipeline-sector-graph",
        fmt=fmt,
    )
    top = chart_card(
        fmt._("Top 5 sectors by average deal size"),
        None
        if missing_text(lacking.sector, fmt) or not view.top_sectors
        else figures.horizontal_amounts(
            [(r.sector, r.mean_amount, r.count) for r in view.top_sectors],
            fmt._("Mean amount ({currency})", currency=cur),
            fmt,
            cur,
            color=figures.GOOD,
            link=sector_link,
        ),
        missing=missing_text(lacking.sector, fmt)
        or (None if view.top_sectors else fmt._("No deal with an amount.")),
        graph_id="pipeline-top-sectors-graph",
        fmt=fmt,
    )
    owner_rows = [
        {
            "owner": r.owner,
            "open_gross": fmt.money(r.open_gross, cur),
            "open_weighted": fmt.money(r.open_weighted, cur),
            "won_revenue": fmt.money(r.won_revenue, cur),
            "won": fmt.number(r.won),
            "lost": fmt.number(r.lost),
            "win_rate": fmt.percent(r.win_rate),
            "ttw": fmt.days(r.mean_time_to_win_days),
            "deals": deals_link(state, owner=(r.owner,)),
        }
        for r in view.owners
    ]
    owners = table_card(
        fmt._("Salesperson performance"),
        html.Div(missing_text(lacking.owner, fmt), className="text-muted")
        if missing_text(lacking.owner, fmt)
        else data_table(
            owner_rows,
            (
                ("owner", fmt._("Owner")),
                ("open_gross", fmt._("Open pipeline")),
                ("open_weighted", fmt._("Weighted")),
                ("won_revenue", fmt._("Won revenue")),
                ("won", fmt._("Won")),
                ("lost", fmt._("Lost")),
                ("win_rate", fmt._("Win rate")),
                ("ttw", fmt._("Mean time-to-win")),
            ),
            table_id="pipeline-owner-table",
            fmt=fmt,
            link_key="deals",
            numeric=(
                "open_gross",
                "open_weighted",
                "won_revenue",
                "won",
                "lost",
                "win_rate",
                "ttw",
            ),
        ),
        fmt=fmt,
    )
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context, fmt),
            dbc.Row(
                [dbc.Col(value_chart, lg=6), dbc.Col(conversion_chart, lg=6)], className="g-3 mb-3"
            ),
            dbc.Row([dbc.Col(age_chart, lg=6), dbc.Col(cold, lg=6)], className="g-3 mb-3"),
            dbc.Row([dbc.Col(sectors, lg=6), dbc.Col(top, lg=6)], className="g-3 mb-3"),
            dbc.Row(dbc.Col(owners), className="g-3 mb-4"),
        ]
    )
