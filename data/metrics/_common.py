"""Shared vectorised helpers of the metric functions (no Dash, no row loops).

Text columns may arrive as ``object`` (the canonical contract) or as ``category`` (see
:func:`optimize_text_columns`); every helper here works on both, category being much faster on
large frames. Dates are compared as calendar days: a date column becomes "days since
1970-01-01" (float, NaN when unknown) so that differences are whole days.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date
from typing import Final, NamedTuple

import numpy as np
import pandas as pd

#: Label shown for a deal whose grouping value (source, sector, owner, stage) is unknown.
NONE_LABEL: Final = "(none)"

#: Text columns worth turning into ``category`` (few distinct values, grouped or compared often).
GROUPING_COLUMNS: Final = ("stage", "status", "currency", "source", "sector", "owner")

_EPOCH: Final = date(1970, 1, 1)


class StatusMasks(NamedTuple):
    """Boolean masks (numpy) of open, won and lost deals."""

    open: np.ndarray
    won: np.ndarray
    lost: np.ndarray


def optimize_text_columns(deals: pd.DataFrame) -> pd.DataFrame:
    """Return a copy whose grouping columns (status, stage, source, ...) are ``category``.

    Results of every metric are identical on the original and on the returned frame; only the
    speed differs (a category compares and groups on integer codes). Apply it once where the
    deals are loaded: row filters keep the dtype.
    """
    out = deals.copy()
    for name in GROUPING_COLUMNS:
        if name in out and not isinstance(out[name].dtype, pd.CategoricalDtype):
            out[name] = out[name].astype("category")
    return out


def codes_of(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 = unknown) and the labels they index, for an object or category column."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.intp)
        labels = np.asarray(series.cat.categories.to_numpy(), dtype=object)
        return codes, labels
    codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
    return codes.astype(np.intp), np.asarray(uniques, dtype=object)


def codes_with_none(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`codes_of`, but unknown values get their own code labelled ``"(none)"``."""
    codes, labels = codes_of(series)
    missing = codes < 0
    if missing.any():
        codes = np.where(missing, len(labels), codes)
        labels = np.append(labels, np.array([NONE_LABEL], dtype=object))
    return codes, labels


def status_masks(deals: pd.DataFrame) -> StatusMasks:
    """Open / won / lost masks of ``deals`` (a deal with another or no status is in none)."""
    codes, labels = codes_of(deals["status"])
    masks = []
    for status in ("open", "won", "lost"):
        hit = np.flatnonzero(labels == status)
        if len(hit) == 0:
            masks.append(np.zeros(len(codes), dtype=bool))
        else:
            masks.append(codes == hit[0])
    return StatusMasks(*masks)


def amounts(deals: pd.DataFrame) -> np.ndarray:
    """Amounts as float64, NaN when unknown."""
    return deals["amount"].to_numpy(dtype=np.float64, na_value=np.nan)


def probabilities(deals: pd.DataFrame) -> np.ndarray:
    """Effective probability ``p`` as float64, NaN when unknown (all NaN without the column)."""
    if "p" not in deals:
        return np.full(len(deals), np.nan)
    return deals["p"].to_numpy(dtype=np.float64, na_value=np.nan)


def known_sum(values: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Σ of the known (non-NaN) values, optionally within ``mask``."""
    if mask is not None:
        values = values[mask]
    return float(np.nansum(values)) if len(values) else 0.0


def day_numbers(series: pd.Series) -> np.ndarray:
    """Calendar day of every date (days since 1970-01-01) as float64, NaN when unknown."""
    arr = series.to_numpy()
    if not np.issubdtype(arr.dtype, np.datetime64):
        arr = pd.to_datetime(series, errors="coerce").to_numpy()
    days = arr.astype("datetime64[D]")
    out = days.astype(np.int64).astype(np.float64)
    out[np.isnat(days)] = np.nan
    return out


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


def money(value: float | None) -> float:
    """A money figure rounded to the cent (``round(x, 2)``) as a Python float; NaN/None → 0.0."""
    if value is None:
        return 0.0
    value = float(value)
    if math.isnan(value):
        return 0.0
    return round(value, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def money_array(values: Iterable[float]) -> np.ndarray:
    """Money figures of a (small, aggregated) array rounded to the cent like :func:`money`."""
    return np.array([money(v) for v in values], dtype=np.float64)


def ratio(numerator: float, denominator: float) -> float | None:
    """``numerator / denominator`` as a float, or None when the denominator is 0."""
    if not denominator:
        return None
    return float(numerator) / float(denominator)


def ratio_array(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """Element-wise ratio, NaN where the denominator is 0 (frames keep NaN for unknown)."""
    num = np.asarray(numerator, dtype=np.float64)
    den = np.asarray(denominator, dtype=np.float64)
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


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


def time_to_win_days(deals: pd.DataFrame, won: np.ndarray | None = None) -> np.ndarray:
    """Per-deal time-to-win in days (NaN for deals that are not won or cannot be measured).

    METRICS.md, velocity: "for won deals, (closed_date, else expected_close_date) − created_date
    in days". Negative durations (closed before created: a data error) are unknown (NaN).
    """
    if won is None:
        won = status_masks(deals).won
    closed = day_numbers(deals["closed_date"])
    expected = day_numbers(deals["expected_close_date"])
    end = np.where(np.isnan(closed), expected, closed)
    ttw = end - day_numbers(deals["created_date"])
    ttw[~won] = np.nan
    ttw[ttw < 0] = np.nan
    return ttw


def group_mean_median(
    values: np.ndarray, groups: np.ndarray, n_groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count of known values, mean and median per group id in ``range(n_groups)`` (NaN if none)."""
    known = ~np.isnan(values)
    v, g = values[known], groups[known]
    count = np.bincount(g, minlength=n_groups)[:n_groups]
    total = np.bincount(g, weights=v, minlength=n_groups)[:n_groups]
    mean = ratio_array(total, count)
    median = np.full(n_groups, np.nan)
    if len(v):
        med = pd.Series(v).groupby(g).median()
        median[med.index.to_numpy()] = med.to_numpy()
    return count, mean, median


def take_sorted(
    deals: pd.DataFrame,
    mask: np.ndarray,
    key: np.ndarray,
    column: str,
    values: np.ndarray,
    *,
    descending: bool,
    limit: int | None,
) -> pd.DataFrame:
    """Rows of ``deals`` under ``mask`` sorted by ``key`` (stable, NaN last), plus ``column``.

    Only the rows kept (``limit``) are copied, so a top-N list of a million deals stays cheap.
    """
    idx = np.flatnonzero(mask)
    k = key[idx]
    nan_last = np.isnan(k)
    k = np.where(nan_last, 0.0, -k if descending else k)
    order = np.lexsort((k, nan_last))
    if limit is not None:
        order = order[: max(int(limit), 0)]
    rows = idx[order]
    return deals.iloc[rows].assign(**{column: values[rows]})
