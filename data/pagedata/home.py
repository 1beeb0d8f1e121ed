"""Home page data: KPI cards, period comparison, alert counts, a compact forecast, the trend
since the previous import. Every figure comes from ``data.metrics.kpi_summary`` (METRICS.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data import metrics
from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.pagedata.common import CountAmount, PageContext, context, missing
from data.pagedata.jsonable import from_jsonable
from data.snapshots import Selection


@dataclass(frozen=True)
class DealCounts:
    """Deals per status (METRICS.md deal count)."""

    total: int
    open: int
    won: int
    lost: int


@dataclass(frozen=True)
class ForecastWindow:
    """One forecast window (METRICS.md forecast): likely, worst and best revenue."""

    window: int
    deals: int
    gross: float
    likely: float
    worst: float | None
    best: float | None
    method: str = ""


@dataclass(frozen=True)
class PeriodFigures:
    """One period of the period comparison."""

    start: str
    end: str
    created: int
    won: int
    won_revenue: float
    win_rate: float | None


@dataclass(frozen=True)
class PeriodChange:
    """Current period minus the previous one (None when either side is unknown)."""

    created: float | None
    won: float | None
    won_revenue: float | None
    win_rate: float | None


@dataclass(frozen=True)
class Period:
    """METRICS.md period comparison."""

    current: PeriodFigures
    previous: PeriodFigures
    change: PeriodChange


@dataclass(frozen=True)
class HomeKpis:
    """The headline indicators of the Home cards and alerts."""

    deals: DealCounts
    pipeline_gross: float | None
    pipeline_weighted: float | None
    win_rate: float | None
    conversion_rate: float | None
    average_deal_size: float | None
    average_won_deal_size: float | None
    won_revenue: float | None
    forecast: tuple[ForecastWindow, ...]
    overdue: CountAmount
    cold_deals: int | None
    untreated_leads: int | None
    quick_wins: int | None
    period: Period


@dataclass(frozen=True)
class HomeMissing:
    """Per indicator, the columns the import lacks to compute it (METRICS.md availability)."""

    pipeline_gross: tuple[str, ...]
    period_comparison: tuple[str, ...]
    cold_deals: tuple[str, ...]
    overdue: tuple[str, ...]
    untreated_leads: tuple[str, ...]
    forecast: tuple[str, ...]
    quick_wins: tuple[str, ...]


@dataclass(frozen=True)
class PreviousImport:
    """The same filters on the import before this one: how the open pipeline moved."""

    id: int
    filename: str
    imported_at: str
    deals: int
    pipeline_gross: float
    pipeline_weighted: float


@dataclass(frozen=True)
class HomeData:
    """Everything the Home page shows."""

    context: PageContext
    kpis: HomeKpis
    missing: HomeMissing
    cold_days: int
    previous_import: PreviousImport | None


_KPI_KEYS = ("deals", "pipeline_gross", "pipeline_weighted", "win_rate", "conversion_rate",
             "average_deal_size", "average_won_deal_size", "won_revenue", "overdue",
             "cold_deals", "untreated_leads", "quick_wins", "period")


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> HomeData:
    """KPI cards, period comparison, alert counts and a compact forecast."""
    summary = metrics.kpi_summary(selection.deals, as_of, selection.snapshot.stages,
                                  currency=selection.currency, cold_days=cold_days,
                                  valued=selection.valued)  # the service's split, not redone
    forecast = [{"window": int(w), **v} for w, v in summary["forecast"].items()]
    kpis = from_jsonable(HomeKpis, {**{k: summary[k] for k in _KPI_KEYS}, "forecast": forecast})
    return HomeData(context(selection, as_of), kpis, missing(HomeMissing, selection), cold_days,
                    previous_import(selection))


def previous_import(selection: Selection) -> PreviousImport | None:
    """The same filters on the import before this one: how the open pipeline moved.

    Imports are snapshots of the CRM at different dates, so comparing them shows the trend of
    what is at stake (METRICS.md gross and weighted pipeline, same currency).
    """
    before = selection.previous  # the same filters and currency (data.snapshots)
    if before is None:
        return None
    previous = before.snapshot
    valued = before.valued if before.currency == selection.currency else before.valued.iloc[:0]
    return PreviousImport(
        id=previous.info.id,
        filename=previous.info.filename,
        imported_at=previous.info.imported_at.isoformat(),
        deals=len(before.deals),
        pipeline_gross=metrics.pipeline_gross(valued),
        pipeline_weighted=metrics.pipeline_weighted(valued),
    )
