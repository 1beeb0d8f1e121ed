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
        "Value by stage",
        None
        if missing_text(lacking.value_by_stage) or not open_stages
        else figures.stage_value_bars(view.by_stage, fmt, cur, stage_link),
        missing=missing_text(lacking.value_by_stage)
        or (None if open_stages else "No open deal selected."),
        graph_id="pipeline-stage-graph",
        note="Weighted = Σ amount × effective probability (row's own, else the stage's).",
    )
    conversion_chart = chart_card(
        "Funnel conversion",
        None
        if missing_text(lacking.funnel) or not view.funnel
        else figures.funnel_conversion(view.funnel, fmt),
        missing=missing_text(lacking.funnel) or (None if view.funnel else "No stage to show."),
        graph_id="pipeline-funnel-graph",
        note="A deal reached a stage if it is in it or later, or won; lost deals count only "
        "where earlier imports show they got.",
    )
    age_rows = [r for r in view.age_by_stage if r.count]
    age_chart = chart_card(
        "Deal age by stage",
        None
        if missing_text(lacking.deal_age) or not age_rows
        else figures.age_by_stage(age_rows, view.rotting_threshold_days, fmt, stage_link),
        missing=missing_text(lacking.deal_age) or (None if age_rows else "No open deal selected."),
        graph_id="pipeline-age-graph",
        note=html.Span([
            f"{fmt.number(view.rotting_count)} rotting deal(s): older than "
            f"{fmt.days(view.rotting_threshold_days)} (2 × median time-to-win). ",
            dcc.Link("See them in Deals →", href=deals_link(state, view="rotting"),
                     id="pipeline-rotting-link"),
        ]),
    )
    cold = deal_list_card(
        html.Span([
            f"Cold deals ({fmt.number(view.cold_count)}) — no activity for {view.cold_days}+ days",
            dcc.Link("All in Deals →", href=deals_link(state, view="cold"),
                     id="pipeline-cold-link", className="ms-2 small fw-normal"),
        ]),
        missing_text(lacking.cold_deals),
        view.cold,
        fmt,
        cur,
        "pipeline-cold-table",
        extra=(("days_inactive_text", "Idle days"),),
        columns=(
            ("name", "Deal"),
            ("stage", "Stage"),
            ("owner", "Owner"),
            ("amount_text", "Amount"),
        ),
    )
    sectors = chart_card(
        "Amount by sector",
        None
        if missing_text(lacking.sector) or not view.sectors
        else figures.horizontal_amounts(
            [(r.sector, r.gross, r.count) for r in view.sectors],
            f"Σ amount by sector ({cur})",
            fmt,
            cur,
            link=sector_link,
        ),
        missing=missing_text(lacking.sector)
        or (None if view.sectors else "No deal with an amount."),
        graph_id="pipeline-sector-graph",
    )
    top = chart_card(
        "Top 5 sectors by average deal size",
        None
        if missing_text(lacking.sector) or not view.top_sectors
        else figures.horizontal_amounts(
            [(r.sector, r.mean_amount, r.count) for r in view.top_sectors],
            f"Mean amount ({cur})",
            fmt,
            cur,
            color=figures.GOOD,
            link=sector_link,
        ),
        missing=missing_text(lacking.sector)
        or (None if view.top_sectors else "No deal with an amount."),
        graph_id="pipeline-top-sectors-graph",
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
        "Salesperson performance",
        html.Div(missing_text(lacking.owner), className="text-muted")
        if missing_text(lacking.owner)
        else data_table(
            owner_rows,
            (
                ("owner", "Owner"),
                ("open_gross", "Open pipeline"),
                ("open_weighted", "Weighted"),
                ("won_revenue", "Won revenue"),
                ("won", "Won"),
                ("lost", "Lost"),
                ("win_rate", "Win rate"),
                ("ttw", "Mean time-to-win"),
            ),
            table_id="pipeline-owner-table",
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
    )
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context),
            dbc.Row(
                [dbc.Col(value_chart, lg=6), dbc.Col(conversion_chart, lg=6)], className="g-3 mb-3"
            ),
            dbc.Row([dbc.Col(age_chart, lg=6), dbc.Col(cold, lg=6)], className="g-3 mb-3"),
            dbc.Row([dbc.Col(sectors, lg=6), dbc.Col(top, lg=6)], className="g-3 mb-3"),
            dbc.Row(dbc.Col(owners), className="g-3 mb-4"),
        ]
    )
