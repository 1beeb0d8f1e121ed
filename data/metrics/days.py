"""Dates as calendar days, and the durations measured in days (time-to-win).

A date column becomes "days since 1970-01-01" (float, NaN when unknown) so that differences are
whole days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from data.metrics.codes import status_masks
from data.metrics.shared import memo

_EPOCH: Final = date(1970, 1, 1)
_NAT: Final = np.iinfo(np.int64).min
_SECONDS_PER_DAY: Final = 86_400


def day_numbers(deals: pd.DataFrame, column: str) -> np.ndarray:
    """Calendar day of every date of ``column`` (days since 1970-01-01), NaN when unknown.

    A date with a time of day counts as its calendar day.
    """

    def compute() -> np.ndarray:
        arr = deals[column].to_numpy()
        if arr.dtype == np.dtype("datetime64[s]"):  # the canonical dtype: integer arithmetic
            seconds = arr.view(np.int64)
            out = np.floor_divide(seconds, _SECONDS_PER_DAY).astype(np.float64)
            out[seconds == _NAT] = np.nan
            return np.asarray(out)
        if not np.issubdtype(arr.dtype, np.datetime64):
            arr = pd.to_datetime(deals[column], errors="coerce").to_numpy()
        days = arr.astype("datetime64[D]")
        out = days.astype(np.int64).astype(np.float64)
        out[np.isnat(days)] = np.nan
        return np.asarray(out)

    return memo(deals, ("days", column), compute)


def day_number(value: date) -> int:
    """Calendar day of ``value`` (days since 1970-01-01)."""
    if isinstance(value, pd.Timestamp | np.datetime64):
        value = pd.Timestamp(value).date()
    elif hasattr(value, "date") and callable(value.date):  # datetime.datetime
        value = value.date()
    return (value - _EPOCH).days


def day_to_iso(day: int) -> str:
    """ISO string of a calendar day number."""
    return date.fromordinal(_EPOCH.toordinal() + int(day)).isoformat()


def days_value(value: float | None) -> float | None:
    """A number of days rounded to 2 decimals, None when unknown."""
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, 2) + 0.0


def days_array(values: Iterable[float]) -> np.ndarray:
    """Days of a small aggregated array rounded like :func:`days_value` (NaN kept)."""
    return np.array(
        [np.nan if v is None or v != v else round(float(v), 2) + 0.0 for v in values],
        dtype=np.float64,
    )


def close_days(deals: pd.DataFrame) -> np.ndarray:
    """Close day of every deal: ``closed_date``, else ``expected_close_date`` (NaN if neither)."""

    def compute() -> np.ndarray:
        closed = day_numbers(deals, "closed_date")
        return np.where(np.isnan(closed), day_numbers(deals, "expected_close_date"), closed)

    return memo(deals, ("close_days",), compute)


def time_to_win_days(deals: pd.DataFrame) -> np.ndarray:
    """Per-deal time-to-win in days (NaN for deals that are not won or cannot be measured).

    METRICS.md, velocity: "for won deals, (closed_date, else expected_close_date) − created_date
    in days". Negative durations (closed before created: a data error) are unknown (NaN).
    """

    def compute() -> np.ndarray:
        ttw = close_days(deals) - day_numbers(deals, "created_date")
        ttw[~status_masks(deals).won | (ttw < 0)] = np.nan
        return np.asarray(ttw)

    return memo(deals, ("ttw",), compute)
