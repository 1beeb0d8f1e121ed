"""Home-page indicators (METRICS.md, "Home and general").

``D`` is the set of deals after the current filters. Sums skip deals whose amount is unknown.
A deal whose effective probability ``p`` is unknown (NaN) counts in gross figures but adds 0 to
weighted ones. Money is rounded to the cent; an undefined ratio or average is None.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from data.metrics.codes import status_masks
from data.metrics.days import close_days, day_number, day_numbers, day_to_iso
from data.metrics.numbers import amounts, known_sum, money, probabilities, ratio


def deal_counts(deals: pd.DataFrame) -> dict[str, int]:
    """Deal count per status.

    METRICS.md, deal count: "|D|, and per status."

    Returns:
        ``{"total", "open", "won", "lost"}``.
    """
    m = status_masks(deals)
    return {
        "total": len(deals),
        "open": int(m.open.sum()),
        "won": int(m.won.sum()),
        "lost": int(m.lost.sum()),
    }


def pipeline_gross(deals: pd.DataFrame) -> float:
    """Gross pipeline.

    METRICS.md, gross pipeline: "Σ amount over open deals in D." Unknown amounts are skipped.
    """
    return money(known_sum(amounts(deals), status_masks(deals).open))


def pipeline_weighted(deals: pd.DataFrame) -> float:
    """Weighted pipeline.

    METRICS.md, weighted pipeline: "Σ amount × p over open deals in D." A deal whose ``p`` is
    unknown adds 0 (it still counts in the gross pipeline); unknown amounts are skipped.
    """
    open_ = status_masks(deals).open
    return money(known_sum(amounts(deals)[open_] * probabilities(deals)[open_]))


def win_rate(deals: pd.DataFrame) -> float | None:
    """Win rate.

    METRICS.md, win rate: "won / (won + lost) in D; shown as "—" when no deal is closed."

    Returns:
        The rate in [0, 1], or None when no deal is closed.
    """
    m = status_masks(deals)
    won = int(m.won.sum())
    return ratio(won, won + int(m.lost.sum()))


def conversion_rate(deals: pd.DataFrame) -> float | None:
    """Conversion rate.

    METRICS.md, conversion rate (seed 000's "taux de conversion"): "won / |D|."

    Returns:
        The rate in [0, 1], or None when ``D`` is empty.
    """
    return ratio(int(status_masks(deals).won.sum()), len(deals))


def _mean_amount(values: np.ndarray) -> float | None:
    known = values[~np.isnan(values)]
    return money(known.mean()) if len(known) else None


def average_deal_size(deals: pd.DataFrame) -> float | None:
    """Average deal size.

    METRICS.md, average deal size (seed 000's "panier moyen"): "mean amount over D." Deals with
    an unknown amount are left out of the mean; None when no amount is known.
    """
    return _mean_amount(amounts(deals))


def average_won_deal_size(deals: pd.DataFrame) -> float | None:
    """Average won deal size.

    METRICS.md: "average won deal size: mean amount over won deals." Unknown amounts are left
    out; None when no won deal has a known amount.
    """
    return _mean_amount(amounts(deals)[status_masks(deals).won])


def won_revenue(deals: pd.DataFrame) -> float:
    """Won revenue.

    METRICS.md, won revenue: "Σ amount over won deals in D." Unknown amounts are skipped.
    """
    return money(known_sum(amounts(deals), status_masks(deals).won))


def period_comparison(deals: pd.DataFrame, as_of: date, days: int = 30) -> dict[str, Any]:
    """Current period versus the previous one of equal length.

    METRICS.md, period comparison: "a period (default: the 30 days ending at as_of) and the
    previous period of equal length; per period: deals created, deals won and their revenue (by
    close date), win rate of deals closed in the period; shown as value and change."

    The current period is ``[as_of − days + 1, as_of]`` (both ends included), the previous one
    the ``days`` days before it. A closed deal's close date is its ``closed_date``, else its
    ``expected_close_date`` (exports often leave the close date empty and keep the expected one
    on won/lost deals); the same rule applies to lost deals so that the win rate is not biased.

    Returns:
        ``{"current": P, "previous": P, "change": C}`` with P = ``{start, end (ISO), created,
        won, won_revenue, win_rate}`` and C = ``{created, won, won_revenue, win_rate}`` (current
        minus previous; the win-rate change is None when either side is unknown).
    """
    m = status_masks(deals)
    created = day_numbers(deals, "created_date")
    closed = close_days(deals)
    amount = amounts(deals)
    end = day_number(as_of)

    def one(start: int, stop: int) -> dict[str, Any]:
        in_created = (created >= start) & (created <= stop)
        in_closed = (closed >= start) & (closed <= stop)
        won = m.won & in_closed
        n_won = int(won.sum())
        return {
            "start": day_to_iso(start),
            "end": day_to_iso(stop),
            "created": int(in_created.sum()),
            "won": n_won,
            "won_revenue": money(known_sum(amount, won)),
            "win_rate": ratio(n_won, n_won + int((m.lost & in_closed).sum())),
        }

    current = one(end - days + 1, end)
    previous = one(end - 2 * days + 1, end - days)
    rate_change = (
        None
        if current["win_rate"] is None or previous["win_rate"] is None
        else current["win_rate"] - previous["win_rate"]
    )
    return {
        "current": current,
        "previous": previous,
        "change": {
            "created": current["created"] - previous["created"],
            "won": current["won"] - previous["won"],
            "won_revenue": money(current["won_revenue"] - previous["won_revenue"]),
            "win_rate": rate_change,
        },
    }
