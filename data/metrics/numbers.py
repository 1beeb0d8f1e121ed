"""Amounts, probabilities and ratios as numpy arrays; money rounded to the cent.

Unknown values are NaN in arrays; sums skip them (METRICS.md: unknown amounts are skipped).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from data.metrics.shared import memo


def amounts(deals: pd.DataFrame) -> np.ndarray:
    """Amounts as float64, NaN when unknown."""
    return np.asarray(deals["amount"].to_numpy(dtype=np.float64, na_value=np.nan))


def probabilities(deals: pd.DataFrame) -> np.ndarray:
    """Effective probability ``p`` as float64, NaN when unknown (all NaN without the column)."""
    if "p" not in deals:
        return np.full(len(deals), np.nan)
    return np.asarray(deals["p"].to_numpy(dtype=np.float64, na_value=np.nan))


def known_amounts(deals: pd.DataFrame) -> np.ndarray:
    """Amounts with unknown ones as 0 (for sums that skip them)."""
    return memo(deals, ("amount0",), lambda: np.nan_to_num(amounts(deals)))


def known_weighted(deals: pd.DataFrame) -> np.ndarray:
    """Amount × p with an unknown amount or p as 0 (for weighted sums)."""
    return memo(deals, ("weighted0",), lambda: np.nan_to_num(amounts(deals) * probabilities(deals)))


def known_sum(values: np.ndarray, mask: np.ndarray | None = None) -> float:
    """Σ of the known (non-NaN) values, optionally within ``mask``."""
    if mask is not None:
        values = values[mask]
    return float(np.nansum(values)) if len(values) else 0.0


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
