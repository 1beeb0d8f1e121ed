"""Segment performance: by deal-size band (quartiles or the user's bands) and by sector.

Per segment, with METRICS.md's definitions: ``deals`` (|D| of the segment), ``won``, ``lost``,
``win_rate`` = won / (won + lost) (NaN when nothing closed), ``conversion_rate`` = won / deals,
``won_revenue`` = Σ amount of won deals, ``mean_won_size``, ``open_gross`` = Σ amount of open
deals, ``open_weighted`` = Σ amount × p of open deals, ``mean_time_to_win_days`` (velocity).
Velocity by source and owner is :func:`data.metrics.forecast.velocity_by`; by stage it is the
time in stage of :mod:`data.metrics.history` (it needs several snapshots).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from data.metrics.codes import LOST, OPEN, WON, codes_with_none, status_counts_by
from data.metrics.days import days_array, time_to_win_days
from data.metrics.groups import group_mean_median
from data.metrics.numbers import amounts, known_amounts, known_weighted, money_array, ratio_array
from data.texts import N_

UNKNOWN_BAND = N_("(amount unknown)")


def size_band_edges(deals: pd.DataFrame) -> list[float]:
    """The quartiles of the known amounts of ``deals`` (every status), distinct, ascending."""
    a = amounts(deals)
    a = a[~np.isnan(a)]
    if len(a) == 0:
        return []
    return [float(x) for x in np.unique(np.quantile(a, [0.25, 0.5, 0.75]))]


def _band_labels(edges: Sequence[float]) -> list[str]:
    def fmt(x: float) -> str:
        return f"{x:,.0f}".replace(",", " ")

    if not edges:
        return ["all"]
    labels = [f"≤ {fmt(edges[0])}"]
    labels += [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    return labels + [f"> {fmt(edges[-1])}"]


def segment_table(deals: pd.DataFrame, codes: np.ndarray, labels: Sequence[str],
                  name: str) -> pd.DataFrame:
    """Performance per segment given every deal's segment code (``0 … len(labels) − 1``)."""
    n = len(labels)
    counts = status_counts_by(deals, codes, n)
    money_by = status_counts_by(deals, codes, n, known_amounts(deals))
    weighted = status_counts_by(deals, codes, n, known_weighted(deals))
    _, mean_ttw, _ = group_mean_median(time_to_win_days(deals), codes, n, median=False)
    total = counts.sum(axis=0)
    return pd.DataFrame(
        {
            name: pd.Series(list(labels), dtype=object),
            "deals": total.astype(np.int64),
            "won": counts[WON].astype(np.int64),
            "lost": counts[LOST].astype(np.int64),
            "win_rate": ratio_array(counts[WON], counts[WON] + counts[LOST]),
            "conversion_rate": ratio_array(counts[WON], total),
            "won_revenue": money_array(money_by[WON]),
            "mean_won_size": money_array(np.nan_to_num(ratio_array(money_by[WON], counts[WON]))),
            "open_gross": money_array(money_by[OPEN]),
            "open_weighted": money_array(weighted[OPEN]),
            "mean_time_to_win_days": days_array(mean_ttw),
        }
    )


def size_band_performance(
    deals: pd.DataFrame, edges: Sequence[float] | None = None
) -> pd.DataFrame:
    """Performance per deal-size band.

    Bands: ``edges`` (ascending upper bounds set by the user) or, by default, the quartiles of
    the known amounts (:func:`size_band_edges`). A deal falls in the first band whose upper
    bound is ≥ its amount (``≤ e1``, ``e1 – e2`` meaning e1 < amount ≤ e2, …, ``> ek``); deals
    with an unknown amount form the last band, ``(amount unknown)``, when there are any.
    ``mean_won_size`` is 0 where nothing is won. The deals are in one currency.

    Returns:
        Columns ``band`` then the segment columns of the module docstring.
    """
    cuts = sorted({float(e) for e in edges}) if edges is not None else size_band_edges(deals)
    a = amounts(deals)
    labels = _band_labels(cuts)
    codes = np.searchsorted(np.asarray(cuts, dtype=np.float64), a, side="left").astype(np.intp)
    unknown = np.isnan(a)
    if unknown.any():
        codes[unknown] = len(labels)
        labels = [*labels, UNKNOWN_BAND]
    return segment_table(deals, codes, labels, "band")


def sector_performance(deals: pd.DataFrame) -> pd.DataFrame:
    """Performance per sector (deals without one as ``"(none)"``), by won revenue descending."""
    codes, labels = codes_with_none(deals, "sector")
    out = segment_table(deals, codes, [str(x) for x in labels], "sector")
    out = out[out["deals"] > 0]
    return out.sort_values(["won_revenue", "deals", "sector"],
                           ascending=[False, False, True]).reset_index(drop=True)
