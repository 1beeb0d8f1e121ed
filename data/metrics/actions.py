"""Priority actions (METRICS.md, "Deals and priority actions").

Every function returns the deals' own rows plus one computed column, sorted for the page, at
most ``limit`` rows when given (only those rows are copied).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from data.metrics.codes import codes_of, status_masks
from data.metrics.days import day_number, day_numbers
from data.metrics.groups import take_sorted
from data.metrics.numbers import amounts, probabilities
from data.stages import StageSetting


def _days_left(deals: pd.DataFrame, as_of: date) -> np.ndarray:
    return day_numbers(deals, "expected_close_date") - day_number(as_of)


def due_soon_mask(
    deals: pd.DataFrame, as_of: date, days: int = 30
) -> tuple[np.ndarray, np.ndarray]:
    """Mask of the deals due soon, and days left before every deal's expected close date."""
    left = _days_left(deals, as_of)
    return status_masks(deals).open & (left >= 0) & (left <= days), left


def due_soon(
    deals: pd.DataFrame, as_of: date, days: int = 30, *, limit: int | None = None
) -> pd.DataFrame:
    """Open deals expected to close in the next ``days`` days, soonest first.

    METRICS.md: "Due soon: open and as_of ≤ expected_close_date ≤ as_of + 30 days."

    Returns:
        The deals' rows plus ``days_left`` (expected_close_date − as_of), ascending.
    """
    mask, left = due_soon_mask(deals, as_of, days)
    return take_sorted(deals, mask, left, "days_left", left, descending=False, limit=limit)


def quick_wins_mask(
    deals: pd.DataFrame, as_of: date, min_p: float = 0.5, days: int = 30
) -> tuple[np.ndarray, np.ndarray]:
    """Mask of the quick wins, and the expected value amount × p of every deal."""
    due, _ = due_soon_mask(deals, as_of, days)
    p = probabilities(deals)
    return due & (p >= min_p), amounts(deals) * p


def quick_wins(
    deals: pd.DataFrame,
    as_of: date,
    min_p: float = 0.5,
    days: int = 30,
    *,
    limit: int | None = None,
) -> pd.DataFrame:
    """Likely deals closing soon, by expected value.

    METRICS.md, quick wins: "open deals with p ≥ 0.5 and expected_close_date within the next 30
    days, by amount × p descending." "Within the next 30 days" is the due-soon window
    (as_of ≤ expected_close_date ≤ as_of + 30); a deal with unknown p is not a quick win; one
    with an unknown amount is listed last (expected value NaN).

    Returns:
        The deals' rows plus ``expected_value`` (amount × p), descending.
    """
    mask, value = quick_wins_mask(deals, as_of, min_p, days)
    return take_sorted(deals, mask, value, "expected_value", value, descending=True, limit=limit)


def first_open_stage(stages: Sequence[StageSetting]) -> str | None:
    """The first open stage of the pipeline (lowest ``order``), None when there is none."""
    open_stages = [s for s in stages if s.status == "open"]
    return min(open_stages, key=lambda s: s.order).stage if open_stages else None


def untreated_mask(
    deals: pd.DataFrame, as_of: date, first_stage: str | None, hours: int = 48
) -> tuple[np.ndarray, np.ndarray]:
    """Mask of the untreated leads, and the days since every deal's creation."""
    created = day_numbers(deals, "created_date")
    waiting = day_number(as_of) - created
    if first_stage is None:
        return np.zeros(len(deals), dtype=bool), waiting
    codes, labels = codes_of(deals, "stage")
    hit = np.flatnonzero(labels == first_stage)
    in_first = codes == hit[0] if len(hit) else np.zeros(len(codes), dtype=bool)
    activity = day_numbers(deals, "last_activity_date")
    no_activity = np.isnan(activity) | (activity <= created)
    old_enough = waiting >= math.ceil(hours / 24)
    return status_masks(deals).open & in_first & old_enough & no_activity, waiting


def untreated_leads(
    deals: pd.DataFrame,
    as_of: date,
    first_stage: str | None,
    hours: int = 48,
    *,
    limit: int | None = None,
) -> pd.DataFrame:
    """New leads nobody has worked on, oldest first.

    METRICS.md, untreated leads: "open deals in the first pipeline stage, created at least 48
    hours before as_of, with no activity after creation (last_activity_date empty or not after
    created_date)." Dates have day precision, so "48 hours before as_of" is created_date ≤
    as_of − ⌈hours / 24⌉ days; a deal with an unknown creation date is not listed. See
    :func:`first_open_stage` for ``first_stage``.

    Returns:
        The deals' rows plus ``days_waiting`` (as_of − created_date), descending.
    """
    mask, waiting = untreated_mask(deals, as_of, first_stage, hours)
    return take_sorted(deals, mask, waiting, "days_waiting", waiting, descending=True, limit=limit)
