"""Pipeline page data: value by stage, funnel, deal age, cold deals, sectors, owners."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data import metrics
from data.metrics.pipeline import DEFAULT_COLD_DAYS, cold_mask
from data.pagedata.common import (
    TABLE_LIMIT,
    DealRecord,
    PageContext,
    context,
    deal_records,
    missing,
    rows,
)
from data.snapshots import Selection


@dataclass(frozen=True)
class StageValue:
    """Deals and value of one stage (METRICS.md value by stage)."""

    stage: str
    status: str
    probability: float | None
    count: int
    gross: float
    weighted: float


@dataclass(frozen=True)
class FunnelStep:
    """Deals that reached a stage, and the conversion from the previous one."""

    stage: str
    reached: int
    conversion: float | None


@dataclass(frozen=True)
class StageAge:
    """Age of the open deals of one stage (METRICS.md deal age)."""

    stage: str
    count: int
    mean_days: float | None
    median_days: float | None
    rotting: int


@dataclass(frozen=True)
class SectorTotal:
    """Σ amount of one sector."""

    sector: str
    gross: float
    count: int


@dataclass(frozen=True)
class SectorMean:
    """Mean amount of one sector (top sectors by average deal size)."""

    sector: str
    mean_amount: float | None
    count: int


@dataclass(frozen=True)
class OwnerPerformance:
    """One salesperson's pipeline, wins and time-to-win."""

    owner: str
    open_gross: float
    open_weighted: float
    won_revenue: float
    won: int
    lost: int
    win_rate: float | None
    mean_time_to_win_days: float | None


@dataclass(frozen=True)
class PipelineMissing:
    """Per indicator, the columns the import lacks to compute it."""

    value_by_stage: tuple[str, ...]
    funnel: tuple[str, ...]
    deal_age: tuple[str, ...]
    cold_deals: tuple[str, ...]
    sector: tuple[str, ...]
    owner: tuple[str, ...]


@dataclass(frozen=True)
class PipelineData:
    """Everything the Pipeline page shows."""

    context: PageContext
    missing: PipelineMissing
    by_stage: tuple[StageValue, ...]
    funnel: tuple[FunnelStep, ...]
    age_by_stage: tuple[StageAge, ...]
    rotting_threshold_days: float | None
    rotting_count: int
    cold_days: int
    cold_count: int
    cold: tuple[DealRecord, ...]
    sectors: tuple[SectorTotal, ...]
    top_sectors: tuple[SectorMean, ...]
    owners: tuple[OwnerPerformance, ...]


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> PipelineData:
    """Value by stage, funnel, deal age, cold deals, sectors, owners.

    Counts over all filtered deals, money over the deals in the selected currency
    (``metrics.counts_all_money_in``, METRICS.md "several currencies").
    """
    deals, valued = selection.deals, selection.valued
    stages = selection.snapshot.stages
    history = selection.history
    age_by_stage = metrics.deal_age_by_stage(deals, as_of, stages)
    return PipelineData(
        context=context(selection, as_of),
        missing=missing(PipelineMissing, selection),
        by_stage=rows(StageValue, metrics.counts_all_money_in(
            deals, valued, lambda d: metrics.value_by_stage(d, stages), ("stage", "status"),
            sums=("gross", "weighted"))),
        funnel=rows(FunnelStep, metrics.funnel_conversion(deals, stages, history)),
        age_by_stage=rows(StageAge, age_by_stage),
        rotting_threshold_days=metrics.rotting_threshold_days(deals),
        rotting_count=int(age_by_stage["rotting"].sum()),
        cold_days=cold_days,
        cold_count=int(cold_mask(deals, as_of, cold_days)[0].sum()),
        cold=deal_records(metrics.cold_deals(deals, as_of, cold_days, limit=TABLE_LIMIT)),
        sectors=rows(SectorTotal, metrics.counts_all_money_in(
            deals, valued, metrics.sector_totals, ("sector",), sums=("gross",)
        ).sort_values("gross", ascending=False, kind="stable")),
        top_sectors=rows(SectorMean, metrics.top_sectors_by_mean(valued)),
        owners=rows(OwnerPerformance, metrics.counts_all_money_in(
            deals, valued, metrics.owner_performance, ("owner",),
            sums=("open_gross", "open_weighted", "won_revenue"))),
    )
