"""The KPI summary: every headline figure of one filter state as plain JSON (used by the CLI).

METRICS.md, "several currencies": "amounts in different currencies are never added together".
Counts are over all deals of ``D``; value figures over the deals in the chosen currency.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from data.metrics.actions import first_open_stage, quick_wins_mask, untreated_mask
from data.metrics.currency import counts_all_money_in, main_currency, split_currency
from data.metrics.forecast import (
    DEFAULT_WINDOWS,
    forecast_windows,
    overdue_mask,
    velocity,
    window_counts,
)
from data.metrics.marketing import source_performance
from data.metrics.numbers import amounts, known_sum, money
from data.metrics.pipeline import DEFAULT_COLD_DAYS, cold_mask, value_by_stage
from data.metrics.shared import shared_computations
from data.metrics.summary import (
    average_deal_size,
    average_won_deal_size,
    conversion_rate,
    deal_counts,
    period_comparison,
    pipeline_gross,
    pipeline_weighted,
    win_rate,
    won_revenue,
)
from data.stages import StageSetting


def to_json(value: Any) -> Any:
    """``value`` with numpy scalars turned into int/float/bool/str and NaN into None (recursive)."""
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        value = float(value)
        return None if math.isnan(value) or math.isinf(value) else value
    if value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, pd.Timestamp | date):
        return value.isoformat()
    return str(value)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(zip(frame.columns, row, strict=True)) for row in frame.itertuples(index=False)]


def kpi_summary(
    deals: pd.DataFrame,
    as_of: date,
    stages: Sequence[StageSetting],
    currency: str | None = None,
    history_rank: dict[str, int] | None = None,
    cold_days: int = DEFAULT_COLD_DAYS,
    valued: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Every headline indicator of ``deals`` as a JSON-ready dict (see METRICS.md for each).

    Counts (``deals``, win and conversion rates, forecast ``deals``, ``overdue.count``, cold,
    untreated, quick wins, stage and source counts, time-to-win, period counts) are over all of
    ``deals``; value figures (pipeline, averages, revenue, forecast values, ``overdue.gross``,
    stage and source values, period revenue) over the deals in ``currency`` (default: the main
    currency), the others being counted in ``other_currency_deals``. Untreated leads are those
    of the first open stage of ``stages``. ``history_rank`` is accepted for symmetry with
    :func:`data.metrics.pipeline.funnel_conversion`; no figure of the summary uses it.
    ``valued`` is the currency split of ``deals`` when the caller has made it already
    (:func:`~data.metrics.currency.split_currency` with ``currency``): it is not made again.

    Returns:
        Keys ``as_of, currency, other_currency_deals, deals, pipeline_gross, pipeline_weighted,
        win_rate, conversion_rate, average_deal_size, average_won_deal_size, won_revenue,
        forecast ({"30", "60", "90"}: likely, worst, best, deals, gross), overdue (count, gross),
        cold_deals, untreated_leads, quick_wins, stages, sources, time_to_win_days (mean,
        median), period``; only str/int/float/None values, unknown as None.
    """
    del history_rank  # documented above: no summary figure depends on it
    with shared_computations():
        return dict(to_json(_summary(deals, as_of, stages, currency, cold_days, valued)))


def _summary(
    deals: pd.DataFrame,
    as_of: date,
    stages: Sequence[StageSetting],
    currency: str | None,
    cold_days: int = DEFAULT_COLD_DAYS,
    valued: pd.DataFrame | None = None,
) -> dict[str, Any]:
    cur = currency if currency is not None else main_currency(deals)
    if valued is None:
        valued, other = split_currency(deals, cur)
    else:
        other = len(deals) - len(valued)
    same = valued is deals

    fc = forecast_windows(valued, as_of, DEFAULT_WINDOWS)
    fc_counts = fc["deals"].to_numpy() if same else window_counts(deals, as_of, DEFAULT_WINDOWS)
    forecast = {
        str(row.window): {
            "likely": row.likely,
            "worst": row.worst,
            "best": row.best,
            "deals": int(n),
            "gross": row.gross,
        }
        for row, n in zip(fc.itertuples(index=False), fc_counts, strict=True)
    }

    late_all, _ = overdue_mask(deals, as_of)
    late_valued = late_all if same else overdue_mask(valued, as_of)[0]

    by_stage = counts_all_money_in(
        deals, valued, lambda d: value_by_stage(d, stages), ("stage", "status"),
        sums=("gross", "weighted"),
    )
    sources = counts_all_money_in(
        deals, valued, source_performance, ("source",), sums=("won_revenue",)
    )[["source", "deals", "won", "lost", "win_rate", "won_revenue"]]

    period = period_comparison(deals, as_of)
    if not same:
        valued_period = period_comparison(valued, as_of)
        for part in ("current", "previous", "change"):
            period[part]["won_revenue"] = valued_period[part]["won_revenue"]

    ttw = velocity(deals)
    summary = {
        "as_of": as_of.isoformat(),
        "currency": cur,
        "other_currency_deals": other,
        "deals": deal_counts(deals),
        "pipeline_gross": pipeline_gross(valued),
        "pipeline_weighted": pipeline_weighted(valued),
        "win_rate": win_rate(deals),
        "conversion_rate": conversion_rate(deals),
        "average_deal_size": average_deal_size(valued),
        "average_won_deal_size": average_won_deal_size(valued),
        "won_revenue": won_revenue(valued),
        "forecast": forecast,
        "overdue": {
            "count": int(late_all.sum()),
            "gross": money(known_sum(amounts(valued), late_valued)),
        },
        "cold_deals": int(cold_mask(deals, as_of, cold_days)[0].sum()),
        "untreated_leads": int(untreated_mask(deals, as_of, first_open_stage(stages))[0].sum()),
        "quick_wins": int(quick_wins_mask(deals, as_of)[0].sum()),
        "stages": _records(by_stage),
        "sources": _records(sources),
        "time_to_win_days": {"mean": ttw["mean"], "median": ttw["median"]},
        "period": period,
    }
    return summary
