"""Marketing page data: per-source volume, conversion and quality; weekly inflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data import metrics
from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.pagedata.common import PageContext, context, missing, rows
from data.snapshots import Selection


@dataclass(frozen=True)
class SourcePerformance:
    """One source: volume, conversion and lead quality (METRICS.md marketing)."""

    source: str
    deals: int
    won: int
    lost: int
    win_rate: float | None
    conversion_rate: float | None
    won_revenue: float
    mean_won_deal_size: float | None
    mean_time_to_win_days: float | None


@dataclass(frozen=True)
class Inflow:
    """New deals of one source in one ISO week."""

    week: str
    source: str
    deals: int


@dataclass(frozen=True)
class MarketingMissing:
    """Per indicator, the columns the import lacks to compute it."""

    marketing: tuple[str, ...]
    inflow: tuple[str, ...]


@dataclass(frozen=True)
class MarketingData:
    """Everything the Marketing page shows."""

    context: PageContext
    missing: MarketingMissing
    sources: tuple[SourcePerformance, ...]
    inflow: tuple[Inflow, ...]


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> MarketingData:
    """Per-source volume, conversion and quality; weekly inflow.

    Counts and rates are over all filtered deals; won revenue and mean won deal size over the
    deals in the selected currency (METRICS.md, several currencies), as on Home.
    """
    del cold_days  # every builder takes the same arguments; no marketing figure uses it
    sources = metrics.counts_all_money_in(
        selection.deals, selection.valued, metrics.source_performance, ("source",),
        sums=("won_revenue",), means=("mean_won_deal_size",),
    )
    return MarketingData(
        context=context(selection, as_of),
        missing=missing(MarketingMissing, selection),
        sources=rows(SourcePerformance, sources),
        inflow=rows(Inflow, metrics.inflow_by_week(selection.deals)),
    )
