"""Per-group statistics and top-N lists over numpy arrays (no row loops)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.metrics.numbers import ratio_array


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
