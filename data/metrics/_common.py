"""Shared vectorised helpers of the metric functions (no Dash, no row loops).

Text columns may arrive as ``object`` (the canonical contract) or as ``category`` (see
:func:`optimize_text_columns`); every helper here works on both, category being much faster on
large frames. Dates are compared as calendar days: a date column becomes "days since
1970-01-01" (float, NaN when unknown) so that differences are whole days.

Derived arrays (status masks, codes, day numbers, time-to-win) are recomputed by every metric,
which is what keeps them pure. Inside :func:`shared_computations` they are computed once per
frame instead: a page callback that draws several aggregates of the same filtered frame wraps
them in that block (the frames must not be modified inside it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any, Final, NamedTuple, TypeVar

import numpy as np
import pandas as pd

#: Label shown for a deal whose grouping value (source, sector, owner, stage) is unknown.
NONE_LABEL: Final = "(none)"

#: Text columns worth turning into ``category`` (few distinct values, grouped or compared often).
GROUPING_COLUMNS: Final = ("stage", "status", "currency", "source", "sector", "owner")

_EPOCH: Final = date(1970, 1, 1)
_NAT: Final = np.iinfo(np.int64).min
_SECONDS_PER_DAY: Final = 86_400

_T = TypeVar("_T")
_CACHE: ContextVar[dict[tuple[Any, ...], tuple[pd.DataFrame, Any]] | None] = ContextVar(
    "metrics_shared_computations", default=None
)


@contextmanager
def shared_computations() -> Iterator[None]:
    """Compute the derived arrays of each frame once within the block (nested blocks share).

    The cache holds the frames it saw (so their ids cannot be reused) and is dropped at the end
    of the outermost block; results are identical with or without it.
    """
    if _CACHE.get() is not None:
        yield
        return
    token = _CACHE.set({})
    try:
        yield
    finally:
        _CACHE.reset(token)


def memo(deals: pd.DataFrame, key: tuple[Any, ...], compute: Callable[[], _T]) -> _T:
    """``compute()``, reused for the same frame and key inside :func:`shared_computations`."""
    cache = _CACHE.get()
    if cache is None:
        return compute()
    full_key = (id(deals), *key)
    hit = cache.get(full_key)
    if hit is not None and hit[0] is deals:
        return hit[1]  # type: ignore[no-any-return]
    value = compute()
    for arr in value if isinstance(value, tuple) else (value,):
        if isinstance(arr, np.ndarray):
            arr.flags.writeable = False  # shared: a caller writing into it would be a bug
    cache[full_key] = (deals, value)
    return value


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


def codes_of(deals: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 = unknown) and the labels they index, for an object or category column."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        series = deals[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            codes = series.cat.codes.to_numpy().astype(np.intp)
            return codes, np.asarray(series.cat.categories.to_numpy(), dtype=object)
        codes, uniques = pd.factorize(series.to_numpy(dtype=object), use_na_sentinel=True)
        return codes.astype(np.intp, copy=False), np.asarray(uniques, dtype=object)

    return memo(deals, ("codes", column), compute)


def codes_with_none(deals: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """Like :func:`codes_of`, but unknown values get their own code labelled ``"(none)"``."""

    def compute() -> tuple[np.ndarray, np.ndarray]:
        codes, labels = codes_of(deals, column)
        missing = codes < 0
        if missing.any():
            codes = np.where(missing, len(labels), codes)
            labels = np.append(labels, np.array([NONE_LABEL], dtype=object))
        return codes, labels

    return memo(deals, ("codes_with_none", column), compute)


#: Values of :func:`status_index`.
OPEN, WON, LOST, OTHER = 0, 1, 2, 3


def status_index(deals: pd.DataFrame) -> np.ndarray:
    """Status of every deal as a small int: 0 open, 1 won, 2 lost, 3 other or unknown."""

    def compute() -> np.ndarray:
        codes, labels = codes_of(deals, "status")
        lut = np.full(len(labels) + 1, OTHER, dtype=np.intp)  # last slot: code -1 (unknown)
        for value, status in ((OPEN, "open"), (WON, "won"), (LOST, "lost")):
            lut[:-1][labels == status] = value
        return lut[codes]

    return memo(deals, ("status_index",), compute)


def status_masks(deals: pd.DataFrame) -> StatusMasks:
    """Open / won / lost masks of ``deals`` (a deal with another or no status is in none)."""

    def compute() -> StatusMasks:
        idx = status_index(deals)
        return StatusMasks(idx == OPEN, idx == WON, idx == LOST)

    return memo(deals, ("status",), compute)


def status_counts_by(
    deals: pd.DataFrame, codes: np.ndarray, n_groups: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Per group and status, the count (or Σ ``weights``): array of shape (4, n_groups).

    Rows follow :func:`status_index` (open, won, lost, other); one pass over the deals.
    """
    key = status_index(deals) * n_groups + codes
    flat = np.bincount(key, weights=weights, minlength=4 * n_groups)[: 4 * n_groups]
    return flat.reshape(4, n_groups)


def known_amounts(deals: pd.DataFrame) -> np.ndarray:
    """Amounts with unknown ones as 0 (for sums that skip them)."""
    return memo(deals, ("amount0",), lambda: np.nan_to_num(amounts(deals)))


def known_weighted(deals: pd.DataFrame) -> np.ndarray:
    """Amount × p with an unknown amount or p as 0 (for weighted sums)."""
    return memo(deals, ("weighted0",), lambda: np.nan_to_num(amounts(deals) * probabilities(deals)))


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
            return out
        if not np.issubdtype(arr.dtype, np.datetime64):
            arr = pd.to_datetime(deals[column], errors="coerce").to_numpy()
        days = arr.astype("datetime64[D]")
        out = days.astype(np.int64).astype(np.float64)
        out[np.isnat(days)] = np.nan
        return out

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
        return ttw

    return memo(deals, ("ttw",), compute)


def group_mean_median(
    values: np.ndarray, groups: np.ndarray, n_groups: int, *, median: bool = True
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count of known values, mean and median per group id in ``range(n_groups)`` (NaN if none).

    The median is only computed when asked (it needs a sort); otherwise it is all NaN.
    """
    known = ~np.isnan(values)
    v, g = values[known], groups[known]
    count = np.bincount(g, minlength=n_groups)[:n_groups]
    total = np.bincount(g, weights=v, minlength=n_groups)[:n_groups]
    mean = ratio_array(total, count)
    med = np.full(n_groups, np.nan)
    if median and len(v):
        med = _group_median(v, g, n_groups, count)
    return count, mean, med


def _group_median(v: np.ndarray, g: np.ndarray, n_groups: int, count: np.ndarray) -> np.ndarray:
    """Median per group; whole-day values use a per-group histogram instead of a sort."""
    lo, hi = float(v.min()), float(v.max())
    span = int(hi - lo) + 1
    if span * n_groups > 20_000_000 or not np.array_equal(v, np.floor(v)):
        out = np.full(n_groups, np.nan)
        by_group = pd.Series(v).groupby(g).median()
        out[by_group.index.to_numpy()] = by_group.to_numpy()
        return out
    hist = np.bincount(g * span + (v - lo).astype(np.intp), minlength=n_groups * span)
    cum = np.cumsum(hist.reshape(n_groups, span), axis=1)
    out = np.full(n_groups, np.nan)
    for k in np.flatnonzero(count):
        c = int(count[k])
        low = np.searchsorted(cum[k], (c - 1) // 2, side="right")  # 0-based middle ranks
        high = np.searchsorted(cum[k], c // 2, side="right")
        out[k] = lo + (low + high) / 2.0
    return out


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
    k = np.where(np.isnan(k), np.inf, -k if descending else k)  # unknown keys last
    if limit is not None and 0 < int(limit) < len(k):
        # keep only the candidates up to the limit-th key (ties included, for a stable order)
        kth = np.partition(k, int(limit) - 1)[int(limit) - 1]
        keep = k <= kth
        idx, k = idx[keep], k[keep]
    order = np.argsort(k, kind="stable")
    if limit is not None:
        order = order[: max(int(limit), 0)]
    rows = idx[order]
    return deals.iloc[rows].assign(**{column: values[rows]})
