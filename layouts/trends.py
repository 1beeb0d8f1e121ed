"""Trends page body: movement between two snapshots, weekly evolution, time in stage."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.filters import FilterState
from data.pagedata.trends import LABELS, TrendsData
from layouts import figures
from layouts.common import context_line, currency_notice
from layouts.components import chart_card, data_table, missing_message, table_card
from layouts.formatting import Formatter
from layouts.i18n import N_, localise

HOW = N_(
    "Movement (METRICS.md): each deal matched by its id between the earlier snapshot E and the "
    "shown one L falls in the first category that applies: won, lost (open in E), advanced or "
    "moved back (open in both, later or earlier stage), close date pushed (same stage, later "
    "expected close), new (in L only), removed (in E only). Amounts are L's (E's for removed). "
    "Evolution: open pipeline by stage in the latest snapshot of each week. Time in stage: days "
    "between the first snapshot showing a stage and the first one not showing it; ≥ marks a "
    "lower bound (the stage was entered before the first snapshot)."
)


def compare_links(view: TrendsData, state: FilterState, fmt: Formatter) -> html.Div:
    """One link per earlier snapshot: the movement from it to the shown one (``?compare=``)."""
    links = [
        dbc.NavItem(dcc.Link(
            fmt._("since #{id} ({date})", id=s.import_id, date=fmt.date(s.as_of)),
            href=f"/trends{state.with_options(compare=str(s.import_id)).search()}",
            className="nav-link py-1" + (" active" if s.import_id == view.compare_from else ""),
            id=f"trends-compare-{s.import_id}",
        ))
        for s in view.snapshots[:-1]
    ]
    return html.Div([html.Span(fmt._("Compare the shown snapshot with: "), className="small me-2"),
                     dbc.Nav(links[::-1], pills=True, className="d-inline-flex flex-wrap")],
                    className="d-flex align-items-center flex-wrap mb-2")


def body(view: TrendsData, state: FilterState, fmt: Formatter) -> html.Div:
    """Compose the Trends page."""
    cur = view.context.currency or ""
    head: list[Any] = [context_line(view.context, fmt), currency_notice(view.context, fmt)]
    if view.compare_from is None:
        return html.Div([*head, missing_message(localise(fmt, view.note or "")),
                         html.Div(id="trends-absent")])
    if view.note:
        head.append(html.Div(localise(fmt, view.note),
                             className="alert alert-warning py-1 px-2 small"))
    head.append(compare_links(view, state, fmt))
    frm = next(s for s in view.snapshots if s.import_id == view.compare_from)
    to = next(s for s in view.snapshots if s.import_id == view.compare_to)
    counts = [
        {"category": fmt._(LABELS[m.category]), "count": fmt.number(m.count),
         "amount": fmt.money(m.amount, cur)}
        for m in view.movement
    ]
    moved = [
        {"category": fmt._(LABELS.get(d.category, d.category)), "deal_id": d.deal_id or "",
         "stage": f"{d.stage_from or '—'} → {d.stage_to or '—'}",
         "close": (f"{fmt.date(d.close_from)} → {fmt.date(d.close_to)}"
                   if d.category == "pushed" else fmt.date(d.close_to or d.close_from)),
         "amount": fmt.money(d.amount, d.currency or cur)}
        for d in view.moved
    ]
    listed = (fmt._("{shown} of {total} deals listed; `python -m data movement --deals` gives "
                    "them all.", shown=fmt.number(len(view.moved)),
                    total=fmt.number(view.moved_total))
              if view.moved_total > len(view.moved) else None)
    by_source = [r for r in view.time_in_stage_by_source if r.count]
    pinned = replace(state, import_id=view.compare_to).with_options(
        compare=str(view.compare_from))
    open_links: list[Any] = [html.Span(fmt._("Open in Deals: "), className="small me-1")]
    for m in view.movement:
        if m.category == "removed" or not m.count:
            continue  # removed deals are not in the shown snapshot (listed below)
        open_links += [dcc.Link(f"{fmt._(LABELS[m.category])} ({fmt.number(m.count)})",
                                href=f"/deals{pinned.with_options(moved=m.category).search()}",
                                id=f"trends-open-{m.category}", className="small me-2")]
    return html.Div(
        [
            *head,
            html.H5(fmt._("Movement from #{from_id} ({from_date}) to #{to_id} ({to_date})",
                          from_id=frm.import_id, from_date=fmt.date(frm.as_of),
                          to_id=to.import_id, to_date=fmt.date(to.as_of)),
                    className="section-title",
                    id="trends-movement-title"),
            dbc.Row(
                [
                    dbc.Col(chart_card(fmt._("Pipeline movement"),
                                       figures.movement_bars(
                                           view.movement,
                                           {k: fmt._(v) for k, v in LABELS.items()}, fmt, cur),
                                       graph_id="trends-movement-graph", fmt=fmt), lg=6),
                    dbc.Col(table_card(fmt._("Movement by category"), html.Div([data_table(
                        counts, (("category", N_("Category")), ("count", N_("Deals")),
                                 ("amount", N_("Amount"))),
                        table_id="trends-movement-table", fmt=fmt, numeric=("count", "amount")),
                        html.Div(open_links, className="mt-2")]), fmt=fmt), lg=6),
                ],
                className="g-3 mb-3",
            ),
            table_card(fmt._("The deals behind each category"), data_table(
                moved, (("category", N_("Category")), ("deal_id", N_("Deal id")),
                        ("stage", N_("Stage")), ("close", N_("Expected close")),
                        ("amount", N_("Amount"))),
                table_id="trends-moved-table", fmt=fmt, numeric=("amount",), page_size=15),
                note=listed, fmt=fmt),
            html.H5(fmt._("Evolution"), className="section-title mt-3"),
            chart_card(fmt._("Open pipeline by stage, week by week"),
                       figures.evolution_chart(view.evolution, fmt, cur) if view.evolution
                       else None, graph_id="trends-evolution-graph", height=400, fmt=fmt),
            html.H5(fmt._("Time in stage"), className="section-title mt-3"),
            dbc.Row(
                [
                    dbc.Col(chart_card(fmt._("Time in stage"),
                                       figures.stage_time_bars(view.time_in_stage, fmt,
                                                               fmt._("Time in stage"))
                                       if view.time_in_stage else None,
                                       missing=None if view.time_in_stage else
                                       fmt._("No deal was seen leaving a stage between "
                                             "the snapshots."),
                                       graph_id="trends-stage-time-graph", fmt=fmt), lg=6),
                    dbc.Col(table_card(fmt._("Time in stage by source"), data_table(
                        [{"stage": r.stage + (" (≥)" if r.is_lower_bound else ""),
                          "source": r.group, "count": fmt.number(r.count),
                          "mean": fmt.days(r.mean_days), "median": fmt.days(r.median_days)}
                         for r in by_source],
                        (("stage", N_("Stage")), ("source", N_("Source")), ("count", N_("Deals")),
                         ("mean", N_("Mean")), ("median", N_("Median"))),
                        table_id="trends-stage-time-source", fmt=fmt, numeric=("count", "mean",
                                                                               "median"),
                    ), fmt=fmt), lg=6),
                ],
                className="g-3 mb-3",
            ),
            html.P(fmt._(HOW), className="small text-muted how-note"),
        ]
    )



