"""Pure metric functions of the dashboard, one per indicator of METRICS.md.

Input: a canonical deals frame (``data.canonical``) plus ``p`` (effective probability, NaN when
unknown) and ``stage_rank`` (pipeline position of the deal's stage). No Dash here.
"""

from __future__ import annotations

from data.metrics.actions import (
    due_soon,
    first_open_stage,
    quick_wins,
    untreated_leads,
)
from data.metrics.availability import (
    INDICATOR_REQUIRES,
    missing_columns,
    withhold_unavailable,
)
from data.metrics.codes import NONE_LABEL, optimize_text_columns
from data.metrics.currency import counts_all_money_in, main_currency, split_currency
from data.metrics.forecast import (
    forecast_windows,
    overdue,
    time_to_win,
    undated,
    velocity,
    velocity_by,
    window_counts,
)
from data.metrics.kpis import kpi_summary, to_json
from data.metrics.marketing import inflow_by_week, source_performance
from data.metrics.pipeline import (
    cold_deals,
    deal_age,
    deal_age_by_stage,
    funnel_conversion,
    owner_performance,
    rotting_deals,
    rotting_threshold_days,
    sector_totals,
    top_sectors_by_mean,
    value_by_stage,
)
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

__all__ = [
    "INDICATOR_REQUIRES",
    "NONE_LABEL",
    "average_deal_size",
    "average_won_deal_size",
    "cold_deals",
    "conversion_rate",
    "counts_all_money_in",
    "deal_age",
    "deal_age_by_stage",
    "deal_counts",
    "due_soon",
    "first_open_stage",
    "forecast_windows",
    "funnel_conversion",
    "inflow_by_week",
    "kpi_summary",
    "main_currency",
    "missing_columns",
    "withhold_unavailable",
    "optimize_text_columns",
    "overdue",
    "owner_performance",
    "period_comparison",
    "pipeline_gross",
    "pipeline_weighted",
    "quick_wins",
    "rotting_deals",
    "rotting_threshold_days",
    "sector_totals",
    "shared_computations",
    "source_performance",
    "split_currency",
    "time_to_win",
    "to_json",
    "top_sectors_by_mean",
    "undated",
    "untreated_leads",
    "value_by_stage",
    "velocity",
    "velocity_by",
    "win_rate",
    "window_counts",
    "won_revenue",
]
