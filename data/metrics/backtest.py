"""Backtest of the forecast over snapshots of one dataset, per probability method.

METRICS.md, backtest error: "for a past snapshot S and window N, |forecast likely of S for N −
revenue actually won by later snapshots among S's deals with close dates in that window|;
report the mean absolute error and the bias (mean signed error) over the snapshots old enough
to judge."

Reading used here, stated once:

- *forecast likely of S for N*: :func:`data.metrics.forecast.forecast_windows` ``likely`` of
  S's deals at ``as_of = S's date``, with the configured probabilities (``configured``) or the
  calibrated ones (``calibrated``: :func:`data.metrics.calibration.calibrated_probabilities`
  computed from S and the snapshots before it only — no look-ahead).
- *revenue actually won by later snapshots among S's deals*: every deal open in S that a later
  snapshot shows won, taken at the first such snapshot: its amount there, counted when its close
  day (``closed_date``, else ``expected_close_date``, else the date of that snapshot) lies in
  ``[S's date, S's date + N]``.
- *old enough to judge*: the newest snapshot is at least N days after S.
- signed error = forecast − actual (a positive bias means over-forecasting).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import numpy as np
import pandas as pd

from data.metrics.calibration import (
    MIN_CLOSED_DEALS,
    calibrated_probabilities,
    deal_stage_ranks,
    with_calibrated_p,
)
from data.metrics.codes import OPEN, WON, status_index
from data.metrics.days import close_days, day_number
from data.metrics.forecast import DEFAULT_WINDOWS, forecast_windows
from data.metrics.history import SnapshotFrame
from data.metrics.numbers import amounts
from data.stages import StageSetting

METHODS: Final = ("configured", "calibrated")


def history_ranks(
    earlier: Sequence[SnapshotFrame], stages: Sequence[StageSetting]
) -> dict[str, int]:
    """deal_id → furthest open-stage position any of the ``earlier`` snapshots shows it in.

    The history METRICS.md's "reached" needs for lost deals (same as
    ``data.store.history_ranks``, computed from frames already in memory).
    """
    ids, ranks = [], []
    for snap in earlier:
        d = snap.deals
        rank = deal_stage_ranks(d, stages)
        keep = (status_index(d) == OPEN) & ~np.isnan(rank) & d["deal_id"].notna().to_numpy()
        ids.append(d["deal_id"].to_numpy(dtype=object)[keep])
        ranks.append(rank[keep])
    if not ids:
        return {}
    codes, uniques = pd.factorize(np.concatenate(ids))
    best = np.full(len(uniques), -np.inf)
    np.maximum.at(best, codes, np.concatenate(ranks))
    return dict(zip(uniques.tolist(), best.astype(np.int64).tolist(), strict=True))


def _won_later(later: Sequence[SnapshotFrame]) -> tuple[pd.Index, np.ndarray, np.ndarray]:
    """First snapshot showing each deal won: its ids (object index), amount and close day there."""
    ids, amount, day = [], [], []
    for snap in later:
        d = snap.deals
        won = (status_index(d) == WON) & d["deal_id"].notna().to_numpy()
        close = close_days(d)[won]
        ids.append(d["deal_id"].to_numpy(dtype=object)[won])
        amount.append(amounts(d)[won])
        day.append(np.where(np.isnan(close), float(day_number(snap.as_of)), close))
    if not ids:
        return pd.Index([], dtype=object), np.array([]), np.array([])
    all_ids = np.concatenate(ids)
    _, first = np.unique(pd.factorize(all_ids)[0], return_index=True)  # earliest snapshot
    return (pd.Index(all_ids[first], dtype=object), np.concatenate(amount)[first],
            np.concatenate(day)[first])


def backtest(
    snapshots: Sequence[SnapshotFrame],
    stages: Sequence[StageSetting],
    windows: Sequence[int] = DEFAULT_WINDOWS,
    *,
    min_closed: int = MIN_CLOSED_DEALS,
) -> pd.DataFrame:
    """Forecast against actual won revenue for every snapshot but the newest, window and method.

    See the module docstring for the definition. Snapshots are taken in date order; their
    deals carry ``p`` (effective probability) and are in one currency. The newest snapshot has
    nothing after it and gets no row.

    Returns:
        Columns ``import_id, as_of, window, method, forecast, actual, signed_error, error,
        judged``.
    """
    ordered = sorted(snapshots, key=lambda s: (s.as_of, s.import_id))
    rows = []
    newest = day_number(ordered[-1].as_of) if ordered else 0
    for i, snap in enumerate(ordered[:-1]):
        start = day_number(snap.as_of)
        d = snap.deals
        open_ids = pd.Index(d["deal_id"].to_numpy(dtype=object)[status_index(d) == OPEN],
                            dtype=object)
        won_ids, won_amount, won_day = _won_later(ordered[i + 1:])
        was_open = won_ids.isin(open_ids)
        day, amount = won_day[was_open], np.nan_to_num(won_amount[was_open])
        calibration = calibrated_probabilities(
            d, stages, history_ranks(ordered[:i], stages), min_closed=min_closed
        )
        frames = {"configured": d, "calibrated": with_calibrated_p(d, calibration)}
        for method in METHODS:
            fc = forecast_windows(frames[method], snap.as_of, windows, draws=1)
            for row in fc.itertuples(index=False):
                n = int(row.window)
                actual = float(amount[(day >= start) & (day <= start + n)].sum())
                signed = float(row.likely) - actual
                rows.append((snap.import_id, snap.as_of.isoformat(), n, method,
                             float(row.likely), round(actual, 2), round(signed, 2),
                             round(abs(signed), 2), newest >= start + n))
    return pd.DataFrame(
        rows,
        columns=["import_id", "as_of", "window", "method", "forecast", "actual",
                 "signed_error", "error", "judged"],
    )


def backtest_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Mean absolute error and bias per method and window, over the judged snapshots only.

    METRICS.md: "report the mean absolute error and the bias (mean signed error) over the
    snapshots old enough to judge". ``snapshots`` is how many were judged (MAE and bias are NaN
    when none).

    Returns:
        Columns ``method, window, snapshots, mae, bias``.
    """
    judged = results[results["judged"].astype(bool)]
    rows = []
    for method in METHODS:
        for n in sorted(results["window"].unique()):
            part = judged[(judged["method"] == method) & (judged["window"] == n)]
            k = len(part)
            rows.append((method, int(n), k,
                         round(float(part["error"].mean()), 2) if k else np.nan,
                         round(float(part["signed_error"].mean()), 2) if k else np.nan))
    return pd.DataFrame(rows, columns=["method", "window", "snapshots", "mae", "bias"])
