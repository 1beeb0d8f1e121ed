"""Currency handling (METRICS.md, "several currencies").

"Amounts in different currencies are never added together. Value indicators are computed per
currency; the default view shows the most frequent one and says how many deals are in others."
Callers compute value indicators on the single-currency frame of :func:`split_currency` and
counts on all deals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from data.metrics.codes import codes_of


def main_currency(deals: pd.DataFrame) -> str | None:
    """The most frequent currency of ``deals``; ties go to the alphabetically first code.

    METRICS.md: "the default view shows the most frequent one". Deals with no currency are not
    counted; None when no deal has a currency (a file without a currency column).
    """
    codes, labels = codes_of(deals, "currency")
    if len(codes) == 0 or not (codes >= 0).any():
        return None
    counts = np.bincount(codes[codes >= 0], minlength=len(labels))
    best = counts.max()
    return str(min(str(label) for label, c in zip(labels, counts, strict=True) if c == best))


def split_currency(
    deals: pd.DataFrame, currency: str | None, *, include_unknown: bool = False
) -> tuple[pd.DataFrame, int]:
    """Deals in ``currency`` and the number of deals left out.

    METRICS.md: "amounts in different currencies are never added together". A deal with no
    currency is left out (and counted) unless ``include_unknown`` is set, because its amount may
    be in any currency. ``currency=None`` (no currency known at all) returns every deal and 0.
    When nothing is left out the very same frame is returned (no copy).
    """
    if currency is None:
        return deals, 0
    codes, labels = codes_of(deals, "currency")
    hit = np.flatnonzero(labels == currency)
    keep = codes == hit[0] if len(hit) else np.zeros(len(codes), dtype=bool)
    if include_unknown:
        keep |= codes < 0
    left_out = int(len(keep) - keep.sum())
    if left_out == 0:
        return deals, 0
    return deals[keep], left_out


def counts_all_money_in(
    deals: pd.DataFrame,
    valued: pd.DataFrame,
    table: Callable[[pd.DataFrame], pd.DataFrame],
    keys: Sequence[str],
    sums: Sequence[str] = (),
    means: Sequence[str] = (),
) -> pd.DataFrame:
    """A per-group table whose counts cover every deal and whose money is in one currency.

    METRICS.md: "amounts in different currencies are never added together. Value indicators are
    computed per currency". ``table`` builds the groups (by ``keys``) from a deals frame; its
    count and rate columns are taken over ``deals``, its ``sums`` and ``means`` over
    ``valued`` (the deals in the chosen currency): a group with no deal in that currency gets
    0 for a sum and NaN for a mean.
    """
    out = table(deals)
    if valued is deals or out.empty:
        return out
    money = table(valued)
    # Each group's row in ``money`` by its key values: a dict of a few dozen groups, not a
    # pandas (Multi)Index and a reindex per column (about 1 ms a table: issue 16).
    found = {key: i for i, key in enumerate(_key_tuples(money, keys))}
    if len(found) != len(money):
        raise ValueError(f"{keys}: a group appears twice in the money table")
    row = np.array([found.get(key, -1) for key in _key_tuples(out, keys)], dtype=np.int64)
    there = row >= 0

    def taken(column: str, missing: float) -> np.ndarray:
        values = money[column].to_numpy(dtype=np.float64, na_value=np.nan)
        picked = np.full(len(row), missing, dtype=np.float64)
        picked[there] = values[row[there]]
        return picked

    for column in sums:  # a group without money, or an unknown sum, counts as 0
        out[column] = np.nan_to_num(taken(column, 0.0), nan=0.0)
    for column in means:  # no money: no mean
        out[column] = taken(column, np.nan)
    return out


def _key_tuples(frame: pd.DataFrame, keys: Sequence[str]) -> list[tuple[object, ...]]:
    """Each row's values of ``keys``, as tuples (the groups of a per-group table)."""
    return list(zip(*(frame[k].tolist() for k in keys), strict=True))
