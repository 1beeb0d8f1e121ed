"""Forecast page data: 30/60/90-day scenarios, overdue and undated deals, time-to-win."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data import metrics
from data.metrics.forecast import overdue_mask
from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.pagedata.common import CountAmount, PageContext, context, missing, rows
from data.pagedata.home import ForecastWindow
from data.snapshots import Selection


@dataclass(frozen=True)
class Velocity:
    """Time-to-win of the won deals (METRICS.md velocity)."""

    mean: float | None
    median: float | None
    count: int


@dataclass(frozen=True)
class GroupVelocity:
    """Time-to-win of the won deals of one source or owner (``group``)."""

    group: str
    count: int
    mean_days: float | None
    median_days: float | None


@dataclass(frozen=True)
class ForecastMissing:
    """Per indicator, the columns the import lacks to compute it."""

    forecast: tuple[str, ...]
    velocity: tuple[str, ...]


@dataclass(frozen=True)
class ForecastData:
    """Everything the Forecast page shows."""

    context: PageContext
    missing: ForecastMissing
    windows: tuple[ForecastWindow, ...]
    overdue: CountAmount
    undated: CountAmount
    velocity: Velocity
    velocity_by_source: tuple[GroupVelocity, ...]
    velocity_by_owner: tuple[GroupVelocity, ...]


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> ForecastData:
    """30/60/90-day scenarios, overdue and undated deals, time-to-win.

    Deal counts are over all filtered deals (as on Home); amounts over the selected currency.
    """
    del cold_days  # every builder takes the same arguments; no forecast figure uses it
    valued, deals = selection.valued, selection.deals
    windows = metrics.forecast_windows(valued, as_of)
    windows["deals"] = metrics.window_counts(deals, as_of, tuple(windows["window"]))
    return ForecastData(
        context=context(selection, as_of),
        missing=missing(ForecastMissing, selection),
        windows=rows(ForecastWindow, windows),
        overdue=CountAmount(int(overdue_mask(deals, as_of)[0].sum()),
                            metrics.pipeline_gross(metrics.overdue(valued, as_of))),
        undated=CountAmount(len(metrics.undated(deals)),
                            metrics.pipeline_gross(metrics.undated(valued))),
        velocity=Velocity(**metrics.to_json(metrics.velocity(deals))),
        velocity_by_source=_by_group(selection, "source"),
        velocity_by_owner=_by_group(selection, "owner"),
    )


def _by_group(selection: Selection, column: str) -> tuple[GroupVelocity, ...]:
    frame = metrics.velocity_by(selection.deals, column).rename(columns={column: "group"})
    return rows(GroupVelocity, frame)
