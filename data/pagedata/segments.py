"""Segments page data: performance by deal-size band and by sector; velocity by stage, source
and owner (issue 12, point 7). Definitions: ``data.metrics.segments`` (METRICS.md's win rate,
conversion, won revenue, pipeline and velocity per segment).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.metrics.segments import sector_performance, size_band_performance
from data.pagedata.common import PageContext, context, missing, rows
from data.pagedata.forecast import GroupVelocity, _by_group
from data.pagedata.trends import StageTime, stage_times
from data.snapshots import Selection


@dataclass(frozen=True)
class Segment:
    """Performance of one segment (a deal-size band or a sector)."""

    segment: str
    deals: int
    won: int
    lost: int
    win_rate: float | None
    conversion_rate: float | None
    won_revenue: float
    mean_won_size: float
    open_gross: float
    open_weighted: float
    mean_time_to_win_days: float | None


@dataclass(frozen=True)
class SegmentsMissing:
    """Per indicator, the columns the import lacks to compute it."""

    sector: tuple[str, ...]
    velocity: tuple[str, ...]
    average_deal_size: tuple[str, ...]


@dataclass(frozen=True)
class SegmentsData:
    """Everything the Segments page shows."""

    context: PageContext
    missing: SegmentsMissing
    size_bands: tuple[Segment, ...]
    sectors: tuple[Segment, ...]
    velocity_by_stage: tuple[StageTime, ...]
    velocity_by_source: tuple[GroupVelocity, ...]
    velocity_by_owner: tuple[GroupVelocity, ...]
    snapshots: int


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> SegmentsData:
    """Segments of the selection's deals in its currency; velocity by stage from the series."""
    del cold_days  # every builder takes the same arguments
    lacking = missing(SegmentsMissing, selection)
    valued = selection.valued
    bands = size_band_performance(valued).rename(columns={"band": "segment"})
    sectors = sector_performance(valued).rename(columns={"sector": "segment"})
    series = selection.series
    return SegmentsData(
        context=context(selection, as_of),
        missing=lacking,
        size_bands=() if lacking.average_deal_size else rows(Segment, bands),
        sectors=() if lacking.sector else rows(Segment, sectors),
        velocity_by_stage=stage_times(selection),
        velocity_by_source=_by_group(selection, "source"),
        velocity_by_owner=_by_group(selection, "owner"),
        snapshots=0 if series is None else len(series.selections),
    )
