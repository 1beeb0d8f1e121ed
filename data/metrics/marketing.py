"""Marketing-page indicators (METRICS.md, "Marketing").

Deals without a source are grouped as ``"(none)"`` so that the totals add up to |D|. Sums skip
unknown amounts; in returned frames an undefined ratio or average is NaN.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from data.metrics.codes import LOST, WON, codes_with_none, status_counts_by
from data.metrics.days import day_numbers, days_array, time_to_win_days
from data.metrics.groups import group_mean_median
from data.metrics.numbers import amounts, known_amounts, money_array, ratio_array


def source_performance(deals: pd.DataFrame) -> pd.DataFrame:
    """Lead volume and quality per source.

    METRICS.md, Marketing: "Per source: deals (leads), won, lost, win rate, conversion rate
    (won / deals), won revenue, mean won deal size (quality), mean time-to-win." Win rate is
    won / (won + lost); mean won deal size is over won deals with a known amount; time-to-win
    as in :func:`data.metrics.forecast.time_to_win`.

    Returns:
        Columns ``source, deals, won, lost, win_rate, conversion_rate, won_revenue,
        mean_won_deal_size, mean_time_to_win_days``, by deals descending then source name.
    """
    codes, labels = codes_with_none(deals, "source")
    n = len(labels)
    counts = status_counts_by(deals, codes, n)
    count, won, lost = counts.sum(axis=0), counts[WON], counts[LOST]
    known = (~np.isnan(amounts(deals))).astype(np.float64)
    revenue = status_counts_by(deals, codes, n, known_amounts(deals))[WON]
    n_known = status_counts_by(deals, codes, n, known)[WON]  # won deals with a known amount
    _, mean_ttw, _ = group_mean_median(time_to_win_days(deals), codes, n, median=False)
    out = pd.DataFrame(
        {
            "source": pd.Series(labels, dtype=object).astype(str).astype(object),
            "deals": count.astype(np.int64),
            "won": won.astype(np.int64),
            "lost": lost.astype(np.int64),
            "win_rate": ratio_array(won, won + lost),
            "conversion_rate": ratio_array(won, count),
            "won_revenue": money_array(revenue),
            "mean_won_deal_size": money_array(ratio_array(revenue, n_known)),
            "mean_time_to_win_days": days_array(mean_ttw),
        }
    )
    out["mean_won_deal_size"] = out["mean_won_deal_size"].where(n_known > 0)
    out = out[count > 0]
    return out.sort_values(["deals", "source"], ascending=[False, True]).reset_index(drop=True)


def inflow_by_week(deals: pd.DataFrame) -> pd.DataFrame:
    """New deals per ISO week and source.

    METRICS.md, inflow: "deals created per ISO week, per source." A week is named by its Monday;
    deals with an unknown creation date are left out; weeks without a new deal have no row;
    deals without a source are ``"(none)"``.

    Returns:
        Columns ``week`` (Monday, datetime64), ``source``, ``deals``, by week then source.
    """
    created = day_numbers(deals, "created_date")
    known = ~np.isnan(created)
    days = created[known].astype(np.int64)
    monday = days - (days + 3) % 7  # 1970-01-01 was a Thursday
    codes, labels = codes_with_none(deals, "source")
    codes = codes[known]
    if len(days) == 0:
        return pd.DataFrame(
            {
                "week": pd.Series([], dtype="datetime64[s]"),
                "source": pd.Series([], dtype=object),
                "deals": pd.Series([], dtype=np.int64),
            }
        )
    first = int(monday.min())
    n_src = len(labels)
    key = ((monday - first) // 7) * n_src + codes
    n_keys = int(key.max()) + 1
    if n_keys <= 50_000_000:  # a histogram: no sort of the deals
        counts = np.bincount(key, minlength=n_keys)
        uniq = np.flatnonzero(counts)
        counts = counts[uniq]
    else:
        uniq, counts = np.unique(key, return_counts=True)
    weeks = first + (uniq // n_src) * 7
    src = labels[uniq % n_src]
    out = pd.DataFrame(
        {
            "week": pd.Series(weeks.astype("datetime64[D]").astype("datetime64[s]")),
            "source": pd.Series(src, dtype=object).astype(str).astype(object),
            "deals": counts.astype(np.int64),
        }
    )
    return out.sort_values(["week", "source"]).reset_index(drop=True)
