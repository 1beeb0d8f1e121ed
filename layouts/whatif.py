"""What-if page: four sliders (kept in the URL) and the forecast they give against today's."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.filters import FilterState
from data.metrics.whatif import Scenario
from data.pagedata.whatif import WhatIfData
from layouts import figures
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import chart_card, data_table, table_card
from layouts.formatting import Formatter
from layouts.i18n import N_, localise
from layouts.ids import WhatIf

#: Lever → (slider id, label, what 1.0 means).
LEVERS: dict[str, tuple[WhatIf, str]] = {
    "win_rate": (WhatIf.WIN_RATE, N_("Win rate")),
    "deal_size": (WhatIf.DEAL_SIZE, N_("Average deal size")),
    "lead_volume": (WhatIf.LEAD_VOLUME, N_("Lead volume")),
    "cycle_length": (WhatIf.CYCLE_LENGTH, N_("Sales cycle length")),
}
SLIDER_MIN, SLIDER_MAX, SLIDER_STEP = 0.5, 2.0, 0.05
HOW = N_(
    "How the scenario is computed (data.metrics.whatif): revenue of a horizon = likely revenue "
    "of the open pipeline (Σ amount × p of the deals expected to close within it; amounts × "
    "deal size, p × win rate capped at 100 %, days to close × cycle length) + revenue of deals "
    "not created yet (today's lead rate over the last 90 days × lead volume, won with the win "
    "rate after the median time-to-win × cycle length, worth the average won deal); the quarter "
    "adds what is already won in it. The baseline is every lever at ×1."
)


def _g(value: float, fmt: Formatter) -> str:
    """A multiplier as short as it can be written (``1.25``), with the locale's decimal sign."""
    return f"{value:g}".replace(".", "," if fmt.lang == "fr" else ".")


def controls(query: dict[str, Any], fmt: Formatter | None = None) -> dbc.Card:
    """One slider per lever, set from the URL (``?wr=1.1&size=1.2&leads=0.8&cycle=1.5``)."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    scenario, _ = Scenario.from_query(query)
    marks = {v: f"×{_g(v, fmt)}" for v in (0.5, 1.0, 1.5, 2.0)}
    cols = []
    for name, (slider_id, label) in LEVERS.items():
        value = float(getattr(scenario, name))
        cols.append(
            dbc.Col(
                [
                    html.Label(fmt._(label), htmlFor=slider_id, className="small fw-semibold mb-1"),
                    dcc.Slider(
                        id=slider_id,
                        min=SLIDER_MIN,
                        max=SLIDER_MAX,
                        step=SLIDER_STEP,
                        value=value,
                        marks=marks,
                        tooltip={"placement": "bottom", "always_visible": False},
                        updatemode="mouseup",
                    ),
                ],
                xs=12, md=6, lg=3, className="mb-2",
            )
        )
    return dbc.Card(
        dbc.CardBody(
            [
                dbc.Row(cols, className="g-3"),
                html.Div(
                    [
                        html.Span(fmt._("Multipliers of today's figures (×1 = as today). The "
                                        "scenario is in the address bar: copy it to share it. "),
                                  className="small text-muted"),
                        dbc.Button(fmt._("Back to today"), id=WhatIf.RESET, size="sm",
                                   color="secondary",
                                   outline=True, className="ms-2"),
                    ],
                    className="d-flex align-items-center flex-wrap mt-1",
                ),
            ]
        ),
        className="mb-3 whatif-controls",
    )


def body(view: WhatIfData, state: FilterState, fmt: Formatter) -> html.Div:
    """The scenario's forecast against the baseline, and the assumptions behind it."""
    del state
    cur = view.context.currency or ""
    miss = missing_text(view.missing.forecast, fmt)
    lever_text = " · ".join(
        f"{fmt._(label)} ×{_g(getattr(view, name), fmt)}"
        for name, (_, label) in LEVERS.items())
    rows = [
        {
            "horizon": fmt._("{n} days", n=r.horizon) if r.horizon.isdigit() else
            fmt._("This quarter (to {date})", date=fmt.date(view.quarter_end)),
            "baseline": fmt.money(r.baseline, cur),
            "scenario": fmt.money(r.scenario, cur),
            "change": ("+" if r.change > 0 else "") + fmt.money(r.change, cur),
            "pipeline": fmt.money(r.scenario_pipeline, cur),
            "new": fmt.money(r.scenario_new, cur),
            "won": fmt.money(r.won_so_far, cur) if r.horizon == "quarter" else "",
        }
        for r in view.rows
    ]
    assumptions = fmt._(
        "Today: {rate} new deals a day (last {days} days) · win rate {win_rate} · average won "
        "deal {size} · median time-to-win {ttw}.", rate=fmt.number(view.lead_rate_per_day, 1),
        days=view.lookback_days, win_rate=fmt.percent(view.base_win_rate),
        size=fmt.money(view.average_won_size, cur), ttw=fmt.days(view.time_to_win_days))
    notices = [html.Div(fmt._("Some what-if parameters were ignored: ")
                        + " ".join(localise(fmt, n) for n in view.notices),
                        className="alert alert-warning py-1 px-2 small", id="whatif-notice")
               ] if view.notices else []
    return html.Div(
        [
            context_line(view.context, fmt),
            currency_notice(view.context, fmt),
            *notices,
            html.Div(fmt._("Scenario: {levers}", levers=lever_text),
                     className="small fw-semibold mb-1",
                     id="whatif-scenario"),
            html.Div(assumptions, className="small text-muted mb-2", id="whatif-assumptions"),
            dbc.Row(
                [
                    dbc.Col(chart_card(fmt._("Scenario against baseline"),
                                       None if miss else figures.whatif_bars(view.rows, fmt, cur),
                                       missing=miss, graph_id="whatif-graph", fmt=fmt), width=12),
                    dbc.Col(table_card(fmt._("Scenario table"), data_table(
                        rows,
                        (("horizon", N_("Horizon")), ("baseline", N_("Baseline")),
                         ("scenario", N_("Scenario")), ("change", N_("Change")),
                         ("pipeline", N_("of which pipeline")),
                         ("new", N_("of which new deals")), ("won", N_("Won so far"))),
                        table_id="whatif-table", fmt=fmt,
                        numeric=("baseline", "scenario", "change", "pipeline", "new", "won"),
                    ), fmt=fmt), width=12),  # seven columns: beside the chart they scrolled
                ],
                className="g-3 mb-3",
            ),
            html.P(fmt._(HOW), className="small text-muted how-note"),
        ]
    )


