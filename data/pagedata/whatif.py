"""What-if page data: the 30/60/90-day forecast and the quarter under a scenario (issue 12).

The scenario comes from the URL (``?wr=1.1&size=1.2&leads=0.8&cycle=1.5``: multipliers of the
win rate, the average deal size, the lead volume and the cycle length), so a scenario is a
link. Definitions: ``data.metrics.whatif``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.metrics.whatif import QUERY_KEYS, Scenario, what_if
from data.pagedata.common import PageContext, context, missing, rows
from data.snapshots import Selection


@dataclass(frozen=True)
class WhatIfRow:
    """One horizon (a forecast window, or the quarter): baseline against the scenario."""

    horizon: str
    days: int
    baseline: float
    scenario: float
    change: float
    baseline_pipeline: float
    scenario_pipeline: float
    baseline_new: float
    scenario_new: float
    won_so_far: float


@dataclass(frozen=True)
class WhatIfMissing:
    """Per indicator, the columns the import lacks to compute it."""

    forecast: tuple[str, ...]
    velocity: tuple[str, ...]


@dataclass(frozen=True)
class WhatIfData:
    """Everything the What-if page shows."""

    context: PageContext
    missing: WhatIfMissing
    win_rate: float
    deal_size: float
    lead_volume: float
    cycle_length: float
    rows: tuple[WhatIfRow, ...]
    lead_rate_per_day: float | None
    base_win_rate: float | None
    average_won_size: float | None
    time_to_win_days: float | None
    lookback_days: int
    quarter_start: str
    quarter_end: str
    notices: tuple[str, ...]


def scenario_of(selection: Selection) -> tuple[Scenario, list[str]]:
    """The scenario of the URL's page options (invalid values ignored with a notice)."""
    query = {key: selection.state.option(key) for key in QUERY_KEYS.values()}
    return Scenario.from_query({k: v for k, v in query.items() if v is not None})


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> WhatIfData:
    """The what-if table of the selection's deals in its currency (``data.metrics.whatif``)."""
    del cold_days  # every builder takes the same arguments
    scenario, notices = scenario_of(selection)
    table, info = what_if(selection.valued, as_of, scenario)
    return WhatIfData(
        context=context(selection, as_of),
        missing=missing(WhatIfMissing, selection),
        win_rate=scenario.win_rate,
        deal_size=scenario.deal_size,
        lead_volume=scenario.lead_volume,
        cycle_length=scenario.cycle_length,
        rows=rows(WhatIfRow, table),
        lead_rate_per_day=info["lead_rate_per_day"],
        base_win_rate=info["win_rate"],
        average_won_size=info["average_won_size"],
        time_to_win_days=info["time_to_win_days"],
        lookback_days=int(info["lookback_days"]),
        quarter_start=info["quarter"]["start"],
        quarter_end=info["quarter"]["end"],
        notices=tuple(notices),
    )
