"""Segments page body: performance by deal-size band and by sector, velocity by stage, source
and owner.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from data.filters import FilterState
from data.metrics.segments import UNKNOWN_BAND
from data.pagedata.segments import Segment, SegmentsData
from layouts import figures
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import chart_card, data_table, table_card
from layouts.formatting import Formatter
from layouts.i18n import N_

HOW = N_(
    "Per segment (data.metrics.segments, METRICS.md definitions): deals, win rate = won ÷ (won + "
    "lost), conversion = won ÷ deals, won revenue, mean won deal, open gross and weighted "
    "pipeline, mean time-to-win. Size bands are the quartiles of the known amounts. Velocity by "
    "stage is the time in stage between snapshots (Trends); by source and owner the time-to-win."
)


def segment_table(rows: tuple[Segment, ...], first: str, table_id: str, fmt: Formatter,
                  currency: str) -> Any:
    """The segment figures as a table."""
    return data_table(
        [{"segment": r.segment, "deals": fmt.number(r.deals), "win_rate": fmt.percent(r.win_rate),
          "conversion": fmt.percent(r.conversion_rate), "won": fmt.money(r.won_revenue, currency),
          "mean_won": fmt.money(r.mean_won_size, currency),
          "open": fmt.money(r.open_gross, currency),
          "weighted": fmt.money(r.open_weighted, currency),
          "ttw": fmt.days(r.mean_time_to_win_days)} for r in rows],
        (("segment", first), ("deals", N_("Deals")), ("win_rate", N_("Win rate")),
         ("conversion", N_("Conversion")), ("won", N_("Won revenue")),
         ("mean_won", N_("Mean won deal")), ("open", N_("Open pipeline")),
         ("weighted", N_("Weighted")), ("ttw", N_("Mean time-to-win"))),
        table_id=table_id, fmt=fmt,
        numeric=("deals", "win_rate", "conversion", "won", "mean_won", "open", "weighted", "ttw"),
    )


def _named(rows: tuple[Segment, ...], fmt: Formatter) -> tuple[Segment, ...]:
    """The segments with the band of unknown amounts named in the page's language (the other
    names are the user's or amounts: never translated).
    """
    return tuple(replace(r, segment=fmt._(r.segment)) if r.segment == UNKNOWN_BAND else r
                 for r in rows)


def body(view: SegmentsData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Segments page."""
    del state
    # The chart leaves out the band of unknown amounts: its won revenue is 0 by construction, an
    # empty bar that read as "these deals won nothing" (issue 13); the table keeps it.
    known_bands = tuple(r for r in view.size_bands if r.segment != UNKNOWN_BAND)
    view = replace(view, size_bands=_named(view.size_bands, fmt))
    cur = view.context.currency or ""
    size_missing = missing_text(view.missing.average_deal_size, fmt)
    sector_missing = missing_text(view.missing.sector, fmt)
    vel_missing = missing_text(view.missing.velocity, fmt)
    by_source = [r for r in view.velocity_by_source if r.count]
    by_owner = [r for r in view.velocity_by_owner if r.count]
    stage_note = None if view.velocity_by_stage else fmt._(
        "Velocity by stage needs two or more snapshots of this dataset (time in stage is "
        "measured between them); it has {n}.", n=fmt.number(view.snapshots))
    no_won = fmt._("No won deal selected.")
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context, fmt),
            dbc.Row(
                [
                    dbc.Col(chart_card(
                        fmt._("By deal size (quartiles of amount)"),
                        figures.segment_bars(known_bands, fmt._("Performance by deal size"),
                                             fmt._("Deal-size band"), fmt, cur)
                        if known_bands else None,
                        missing=size_missing, graph_id="segments-size-graph", fmt=fmt), lg=6),
                    dbc.Col(chart_card(
                        fmt._("By sector"),
                        figures.segment_bars(view.sectors, fmt._("Performance by sector"),
                                             fmt._("Sector"), fmt, cur) if view.sectors else None,
                        missing=sector_missing, graph_id="segments-sector-graph", fmt=fmt), lg=6),
                ],
                className="g-3 mb-3",
            ),
            table_card(fmt._("Deal-size bands"), segment_table(view.size_bands, N_("Band"),
                                                        "segments-size-table", fmt, cur)
                       if not size_missing else html.Div(size_missing), fmt=fmt),
            html.Div(className="mb-3"),
            table_card(fmt._("Sectors"), segment_table(view.sectors, N_("Sector"),
                                                "segments-sector-table",
                                                fmt, cur)
                       if not sector_missing else html.Div(sector_missing), fmt=fmt),
            html.H5(fmt._("Velocity"), className="section-title mt-3"),
            dbc.Row(
                [
                    dbc.Col(chart_card(
                        fmt._("By stage (time in stage)"),
                        figures.stage_time_bars(view.velocity_by_stage, fmt, fmt._("Time in stage"))
                        if view.velocity_by_stage else None,
                        missing=stage_note, graph_id="segments-stage-graph", fmt=fmt), lg=4),
                    dbc.Col(chart_card(
                        fmt._("By source (time-to-win)"),
                        figures.velocity_bars(by_source, fmt._("Source"),
                                              fmt._("Time-to-win by source"), fmt)
                        if by_source and not vel_missing else None,
                        missing=vel_missing or (None if by_source else no_won),
                        graph_id="segments-source-graph", fmt=fmt), lg=4),
                    dbc.Col(chart_card(
                        fmt._("By owner (time-to-win)"),
                        figures.velocity_bars(by_owner, fmt._("Owner"),
                                              fmt._("Time-to-win by owner"), fmt)
                        if by_owner and not vel_missing else None,
                        missing=vel_missing or (None if by_owner else no_won),
                        graph_id="segments-owner-graph", fmt=fmt), lg=4),
                ],
                className="g-3 mb-3",
            ),
            html.P(fmt._(HOW), className="small text-muted how-note"),
        ]
    )
