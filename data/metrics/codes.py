"""Text columns as integer codes, and the status of every deal (open, won, lost).

Text columns may arrive as ``object`` (the canonical contract) or as ``category`` (see
:func:`optimize_text_columns`); every helper here works on both, category being much faster on
large frames.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import numpy as np
import pandas as pd

from data.metrics.shared import memo

#: Label shown for a deal whose grouping value (source, sector, owner, stage) is unknown.
NONE_LABEL: Final = "(none)"
#: Text columns worth turning into ``category`` (few distinct values, grouped or compared often).
GROUPING_COLUMNS: Final = ("stage", "status", "currency", "source", "sector", "owner")


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


class StatusMasks(NamedTuple):
    """Boolean masks (numpy) of open, won and lost deals."""

    open: np.ndarray
    won: np.ndarray
    lost: np.ndarray


def status_index(deals: pd.DataFrame) -> np.ndarray:
    """Status of every deal as a small int: 0 open, 1 won, 2 lost, 3 other or unknown."""

    def compute() -> np.ndarray:
        codes, labels = codes_of(deals, "status")
        lut = np.full(len(labels) + 1, OTHER, dtype=np.intp)  # last slot: code -1 (unknown)
        for value, status in ((OPEN, "open"), (WON, "won"), (LOST, "lost")):
            lut[:-1][labels == status] = value
        return np.asarray(lut[codes])

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
