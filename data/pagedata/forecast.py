"""Forecast page data: 30/60/90-day scenarios and fan, calibrated probabilities, backtest,
overdue and undated deals, time-to-win.

Issue 12: ``?prob=calibrated`` forecasts with the calibrated probabilities
(``data.metrics.calibration``) instead of the configured ones; the fan and the scenarios
then use them, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data import metrics
from data.metrics.backtest import backtest, backtest_summary
from data.metrics.calibration import calibrated_probabilities, with_calibrated_p
from data.metrics.currency import split_currency
from data.metrics.fan import forecast_fan
from data.metrics.forecast import DEFAULT_DRAWS, overdue_mask
from data.metrics.history import SnapshotFrame
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
    funnel: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalibrationRow:
    """One open stage: configured against calibrated probability (``data.metrics.calibration``)."""

    stage: str
    configured: float | None
    calibrated: float | None
    reached: int
    won: int
    low: float | None
    high: float | None
    too_few: bool
    used: float | None


@dataclass(frozen=True)
class FanWindow:
    """One forecast window of the fan (``data.metrics.fan``): P10, P50, P90 and likely."""

    window: int
    deals: int
    gross: float
    p10: float
    p50: float
    p90: float
    likely: float
    method: str
    draws: int


@dataclass(frozen=True)
class BacktestRow:
    """One past snapshot and window: forecast per method against what was won later."""

    import_id: int
    as_of: str
    window: int
    method: str
    forecast: float
    actual: float
    signed_error: float
    error: float
    judged: bool


@dataclass(frozen=True)
class BacktestSummary:
    """Mean absolute error and bias of one method and window over the judged snapshots."""

    method: str
    window: int
    snapshots: int
    mae: float | None
    bias: float | None


@dataclass(frozen=True)
class Backtest:
    """The backtest of the dataset's snapshots, or why there is none (``note``)."""

    snapshots: int
    rows: tuple[BacktestRow, ...]
    summary: tuple[BacktestSummary, ...]
    note: str | None


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
    #: "configured" or "calibrated": the probabilities the windows and the fan use.
    probabilities: str = "configured"
    calibration: tuple[CalibrationRow, ...] = ()
    #: Lost deals with no known stage (they count for no stage: see the calibration).
    lost_unplaced: int = 0
    fan: tuple[FanWindow, ...] = ()
    draws: int = DEFAULT_DRAWS
    backtest: Backtest | None = None


def probabilities_option(value: str | None) -> str:
    """``?prob=`` of the URL: "calibrated", else the configured probabilities."""
    return "calibrated" if value == "calibrated" else "configured"


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> ForecastData:
    """30/60/90-day scenarios and fan, calibration, backtest, overdue and undated, time-to-win.

    Deal counts are over all filtered deals (as on Home); amounts over the selected currency.
    """
    del cold_days  # every builder takes the same arguments; no forecast figure uses it
    valued, deals = selection.valued, selection.deals
    lacking = missing(ForecastMissing, selection)
    stages = selection.snapshot.stages
    calibration = None
    if not lacking.funnel:
        calibration = calibrated_probabilities(deals, stages, selection.history)
    method = probabilities_option(selection.state.option("prob"))
    if method == "calibrated" and calibration is not None:
        valued = with_calibrated_p(valued, calibration)
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
        probabilities=method,
        calibration=() if calibration is None else rows(
            CalibrationRow, calibration.drop(columns="lost_unplaced")),
        lost_unplaced=(int(calibration["lost_unplaced"].iloc[0])
                       if calibration is not None and len(calibration) else 0),
        fan=() if lacking.forecast else rows(FanWindow, forecast_fan(valued, as_of)),
        backtest=None if lacking.forecast else backtest_of(selection),
    )


def backtest_of(selection: Selection) -> Backtest:
    """Backtest over the snapshots of the shown dataset up to the shown one (METRICS.md)."""
    series = selection.series
    count = 0 if series is None else len(series.selections)
    if series is None or count < 2:
        return Backtest(count, (), (), "A backtest needs two or more snapshots (imports) of "
                        "this dataset: import a later export of the same CRM to compare what "
                        f"was forecast with what was won. This dataset has {count}.")
    frames = [SnapshotFrame(s.snapshot.info.id, day,
                            split_currency(s.deals, selection.currency)[0])
              for s, day in zip(series.selections, series.dates, strict=True)]
    results = backtest(frames, list(series.stages))
    summary = backtest_summary(results)
    judged = bool(results["judged"].any()) if len(results) else False
    note = None if judged else (
        "No snapshot is old enough to judge yet: a window of N days is judged once a later "
        "snapshot is at least N days newer. The rows below are provisional.")
    return Backtest(count, rows(BacktestRow, results), rows(BacktestSummary, summary), note)


def _by_group(selection: Selection, column: str) -> tuple[GroupVelocity, ...]:
    frame = metrics.velocity_by(selection.deals, column).rename(columns={column: "group"})
    return rows(GroupVelocity, frame)
