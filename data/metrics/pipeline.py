"""Pipeline-page indicators (METRICS.md, "Pipeline").

``D`` is the set of deals after the current filters; ``stages`` the effective stage settings
(:class:`data.stages.StageSetting`), whose ``order`` gives the pipeline order. Sums skip unknown
amounts; a deal whose ``p`` is unknown counts in gross figures but adds 0 to weighted ones.
In returned frames an undefined ratio or average is NaN.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd

from data.metrics.codes import (
    LOST,
    NONE_LABEL,
    OPEN,
    OTHER,
    WON,
    codes_of,
    codes_with_none,
    status_counts_by,
    status_index,
    status_masks,
)
from data.metrics.days import day_number, day_numbers, days_array, time_to_win_days
from data.metrics.groups import group_mean_median, take_sorted
from data.metrics.numbers import amounts, known_amounts, known_weighted, money_array, ratio_array
from data.metrics.shared import memo
from data.stages import StageSetting

#: METRICS.md, deal age: "... or 90 days when no deal is won yet".
DEFAULT_ROTTING_DAYS = 90.0
#: METRICS.md, cold deal: "≥ 14 days (threshold editable)".
DEFAULT_COLD_DAYS = 14

_SYNTHETIC = {"won": ("Won", 1.0), "lost": ("Lost", 0.0)}


def _stage_rows(
    deals: pd.DataFrame, stages: Sequence[StageSetting]
) -> tuple[list[tuple[str, str, float | None]], np.ndarray]:
    """Rows ``(stage, status, probability)`` in pipeline order and the row of every deal.

    Open deals go to the row of their stage; open stages missing from the settings are appended
    after the configured open stages in order of first appearance (a missing stage is
    ``"(none)"``). Won (lost) deals go to the row of their stage when it is a won (lost) stage,
    else to the first won (lost) row, created as "Won" ("Lost") when the settings have none:
    files with a status column keep the last open stage on closed deals. Deals with another
    status are in no row (-1).
    """
    return memo(deals, ("stage_rows", tuple(stages)), lambda: _compute_stage_rows(deals, stages))


def _compute_stage_rows(
    deals: pd.DataFrame, stages: Sequence[StageSetting]
) -> tuple[list[tuple[str, str, float | None]], np.ndarray]:
    codes, labels = codes_of(deals, "stage")
    width = len(labels) + 1  # slot 0 = stage unknown
    key = status_index(deals) * width + (codes + 1)  # one integer per (status, stage) pair
    present = np.bincount(key, minlength=4 * width)[: 4 * width].reshape(4, width) > 0
    code_of = {str(label): i + 1 for i, label in enumerate(labels)}
    settings = sorted(stages, key=lambda s: s.order)
    rows: list[tuple[str, str, float | None]] = []
    table = np.full((4, width), -1, dtype=np.intp)  # (status, stage slot) -> row

    for sidx, status in ((OPEN, "open"), (WON, "won"), (LOST, "lost")):
        first_row = len(rows)
        for s in settings:
            if s.status != status:
                continue
            slot = code_of.get(s.stage)
            if slot is not None and table[sidx, slot] < 0:
                table[sidx, slot] = len(rows)
            rows.append((s.stage, status, s.probability))
        unmatched = np.flatnonzero(present[sidx] & (table[sidx] < 0))
        if len(unmatched) == 0:
            continue
        if status == "open":
            first_seen = [int(np.argmax(key == sidx * width + slot)) for slot in unmatched]
            for slot in unmatched[np.argsort(first_seen, kind="stable")]:
                table[sidx, slot] = len(rows)
                rows.append((NONE_LABEL if slot == 0 else str(labels[slot - 1]), status, None))
        else:
            if len(rows) == first_row:
                label, p = _SYNTHETIC[status]
                rows.append((label, status, p))
            table[sidx, unmatched] = first_row
    return rows, table.reshape(-1)[key]


def value_by_stage(deals: pd.DataFrame, stages: Sequence[StageSetting]) -> pd.DataFrame:
    """Gross and weighted value per stage, in pipeline order.

    METRICS.md, value by stage: "gross and weighted per stage, stages in pipeline order
    (user-editable; default from the built-in order, unknown stages by their first appearance)."

    Rows: every open stage of the settings (even with no deal), open stages missing from the
    settings by first appearance, then the won and the lost stages. Open rows hold open deals
    (gross = Σ amount, weighted = Σ amount × p, unknown p adding 0); won rows hold won deals
    (gross = won revenue, weighted = gross since p = 1); lost rows hold lost deals (weighted 0).
    Won/lost deals whose stage is an open label (status column files) go to the first won/lost
    row.

    Returns:
        Columns ``stage, status, probability, count, gross, weighted``.
    """
    rows, deal_row = _stage_rows(deals, stages)
    n_rows = len(rows)
    r = deal_row + 1  # slot 0 collects the deals in no row
    count = np.bincount(r, minlength=n_rows + 1)[1:]
    gross = np.bincount(r, weights=known_amounts(deals), minlength=n_rows + 1)[1:]
    wsum = np.bincount(r, weights=known_weighted(deals), minlength=n_rows + 1)[1:]
    return pd.DataFrame(
        {
            "stage": pd.Series([row[0] for row in rows], dtype=object),
            "status": pd.Series([row[1] for row in rows], dtype=object),
            "probability": pd.Series(
                [np.nan if row[2] is None else float(row[2]) for row in rows], dtype="float64"
            ),
            "count": count.astype(np.int64),
            "gross": money_array(gross),
            "weighted": money_array(wsum),
        }
    )


def _stage_ranks(deals: pd.DataFrame, stages: Sequence[StageSetting]) -> np.ndarray:
    """The ``stage_rank`` column, or the settings' order of each deal's stage when absent."""
    if "stage_rank" in deals:
        rank = deals["stage_rank"].to_numpy()
        if np.issubdtype(rank.dtype, np.integer):
            return np.asarray(rank, dtype=np.float64)
        return np.asarray(deals["stage_rank"].to_numpy(dtype=np.float64, na_value=np.nan))
    codes, labels = codes_of(deals, "stage")
    order = {s.stage: float(s.order) for s in stages}
    lookup = np.array([order.get(str(x), np.nan) for x in labels] + [np.nan], dtype=np.float64)
    return np.asarray(lookup[codes])  # code -1 picks the trailing NaN


def funnel_conversion(
    deals: pd.DataFrame,
    stages: Sequence[StageSetting],
    history_rank: dict[str, int] | None = None,
) -> pd.DataFrame:
    """Deals that reached each open stage and the conversion from one stage to the next.

    METRICS.md, funnel conversion: "a deal has *reached* a stage if its current stage is that
    stage or a later one, or it is won; lost deals count only for stages that history (several
    imports) shows they reached. Conversion from stage k to k+1 = reached(k+1) / reached(k)."

    Stage k is the k-th open stage of the settings; "later" compares ``stage_rank`` with the
    stage's ``order`` (``stage_rank`` must be the settings' order of the deal's stage). A lost
    deal reached the stages up to the highest of ``history_rank[deal_id]`` and, when its own
    stage is an open one (files with a status column keep the stage where it was lost), its own
    rank: the current import is part of the history. Without either it reaches no stage.

    Returns:
        Columns ``stage, reached, conversion``; ``conversion`` is NaN on the first row and where
        the previous stage was reached by no deal.
    """
    open_stages = sorted((s for s in stages if s.status == "open"), key=lambda s: s.order)
    orders = np.array([s.order for s in open_stages], dtype=np.int64)
    if len(orders) == 0:
        return pd.DataFrame(
            {
                "stage": pd.Series([], dtype=object),
                "reached": pd.Series([], dtype=np.int64),
                "conversion": pd.Series([], dtype="float64"),
            }
        )
    status = status_index(deals)
    rank = _stage_ranks(deals, stages)
    top = int(orders.max()) + 1
    lowest = min(int(orders.min()), 0) - 1  # "reached nothing"
    # open: own rank; won: every stage; lost: own rank when it is an open stage (else nothing)
    lost = status == LOST
    reach = np.where(status == WON, top, rank)
    reach = np.where((status == OTHER) | (lost & ~(rank < top)), lowest, reach)
    if history_rank and lost.any():
        hist = deals["deal_id"][lost].map(history_rank)
        hist_rank = pd.to_numeric(hist, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
        reach[lost] = np.fmax(reach[lost], np.nan_to_num(hist_rank, nan=lowest))
    # reached(o) = #(reach >= o): a histogram of the (small, integer) ranks, summed from the top.
    bins = (np.clip(np.nan_to_num(reach, nan=lowest), lowest, top) - lowest).astype(np.intp)
    at_least = np.cumsum(np.bincount(bins, minlength=top - lowest + 1)[::-1])[::-1]
    reached = at_least[orders - lowest].astype(np.int64)
    conversion = np.full(len(orders), np.nan)
    conversion[1:] = ratio_array(reached[1:], reached[:-1])
    return pd.DataFrame(
        {
            "stage": pd.Series([s.stage for s in open_stages], dtype=object),
            "reached": reached,
            "conversion": conversion,
        }
    )


def _ages(deals: pd.DataFrame, as_of: date) -> np.ndarray:
    return day_number(as_of) - day_numbers(deals, "created_date")


def deal_age(deals: pd.DataFrame, as_of: date) -> pd.Series:
    """Age in days of every open deal.

    METRICS.md, deal age: "(open deals): as_of − created_date, in days". Dates are compared as
    calendar days; NaN when the creation date is unknown.

    Returns:
        Float series named ``age_days``, indexed like the open deals of ``deals``.
    """
    open_ = status_masks(deals).open
    return pd.Series(_ages(deals, as_of)[open_], index=deals.index[open_], name="age_days")


def rotting_threshold_days(deals: pd.DataFrame) -> float:
    """Age above which an open deal is rotting.

    METRICS.md, deal age: "A deal is rotting when its age exceeds twice the median time-to-win
    (see velocity), or 90 days when no deal is won yet." A won deal whose time-to-win cannot be
    measured (dates unknown) does not count: with none measurable the threshold is 90 days.
    """

    def compute() -> float:
        ttw = time_to_win_days(deals)
        ttw = ttw[~np.isnan(ttw)]
        return 2.0 * float(np.median(ttw)) if len(ttw) else DEFAULT_ROTTING_DAYS

    return memo(deals, ("rotting_threshold",), compute)


def deal_age_by_stage(
    deals: pd.DataFrame, as_of: date, stages: Sequence[StageSetting]
) -> pd.DataFrame:
    """Mean and median age of open deals per open stage, and how many are rotting.

    METRICS.md, deal age: "(open deals): as_of − created_date, in days; per stage mean and
    median. A deal is rotting when its age exceeds twice the median time-to-win (see velocity),
    or 90 days when no deal is won yet." Stages as in :func:`value_by_stage` (open rows only).

    Returns:
        Columns ``stage, count`` (open deals), ``mean_days, median_days`` (over deals with a
        known creation date; NaN if none), ``rotting``.
    """
    m = status_masks(deals)
    rows, deal_row = _stage_rows(deals, stages)
    open_rows = [i for i, row in enumerate(rows) if row[1] == "open"]  # a prefix of rows
    n_rows = len(open_rows)
    r = deal_row[m.open]
    age = _ages(deals, as_of)[m.open]
    count = np.bincount(r, minlength=n_rows)[:n_rows]
    _, mean, median = group_mean_median(age, r, n_rows)
    threshold = rotting_threshold_days(deals)
    rotting = np.bincount(r[age > threshold], minlength=n_rows)[:n_rows]
    return pd.DataFrame(
        {
            "stage": pd.Series([rows[i][0] for i in open_rows], dtype=object),
            "count": count.astype(np.int64),
            "mean_days": days_array(mean),
            "median_days": days_array(median),
            "rotting": rotting.astype(np.int64),
        }
    )


def rotting_deals(deals: pd.DataFrame, as_of: date, *, limit: int | None = None) -> pd.DataFrame:
    """Open deals whose age exceeds the rotting threshold, oldest first.

    METRICS.md, deal age: "A deal is rotting when its age exceeds twice the median time-to-win
    (see velocity), or 90 days when no deal is won yet." See :func:`rotting_threshold_days`.

    Returns:
        The deals' rows plus ``age_days``, sorted by age descending (at most ``limit`` rows).
    """
    age = _ages(deals, as_of)
    mask = status_masks(deals).open & (age > rotting_threshold_days(deals))
    return take_sorted(deals, mask, age, "age_days", age, descending=True, limit=limit)


def cold_mask(
    deals: pd.DataFrame, as_of: date, threshold_days: int = DEFAULT_COLD_DAYS
) -> tuple[np.ndarray, np.ndarray]:
    """Mask of cold deals and the days since the last activity of every deal (NaN if unknown)."""
    inactive = day_number(as_of) - day_numbers(deals, "last_activity_date")
    return status_masks(deals).open & (inactive >= threshold_days), inactive


def cold_deals(
    deals: pd.DataFrame,
    as_of: date,
    threshold_days: int = DEFAULT_COLD_DAYS,
    *,
    limit: int | None = None,
) -> pd.DataFrame:
    """Open deals without activity for ``threshold_days`` days or more, coldest first.

    METRICS.md, cold deal: "open and as_of − last_activity_date ≥ 14 days (threshold editable)."
    A deal with no last activity date is not cold (nothing to measure); old leads never worked
    on are the untreated leads of the actions page.

    Returns:
        The deals' rows plus ``days_inactive``, sorted by it descending (at most ``limit``).
    """
    mask, inactive = cold_mask(deals, as_of, threshold_days)
    return take_sorted(
        deals, mask, inactive, "days_inactive", inactive, descending=True, limit=limit
    )


def sector_totals(deals: pd.DataFrame) -> pd.DataFrame:
    """Total amount per sector.

    METRICS.md, sector analysis: "Σ amount by sector over D". Every status counts; unknown
    amounts are skipped in ``gross`` but counted in ``count``; deals without sector are grouped
    as ``"(none)"``.

    Returns:
        Columns ``sector, gross, count``, by gross descending then sector name.
    """
    codes, labels = codes_with_none(deals, "sector")
    n = len(labels)
    count = np.bincount(codes, minlength=n)[:n]
    gross = np.bincount(codes, weights=np.nan_to_num(amounts(deals)), minlength=n)[:n]
    out = pd.DataFrame(
        {
            "sector": pd.Series(labels, dtype=object).astype(str).astype(object),
            "gross": money_array(gross),
            "count": count.astype(np.int64),
        }
    )
    out = out[out["count"] > 0]
    return out.sort_values(["gross", "sector"], ascending=[False, True]).reset_index(drop=True)


def top_sectors_by_mean(deals: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` sectors with the highest mean amount.

    METRICS.md, sector analysis: "top 5 sectors by mean amount." The mean is over deals of D
    (every status) with a known amount; deals without sector are not a sector and are left out.

    Returns:
        Columns ``sector, mean_amount, count`` (deals with a known amount), by mean descending
        then sector name.
    """
    codes, labels = codes_of(deals, "sector")
    amount = amounts(deals)
    ok = (codes >= 0) & ~np.isnan(amount)
    k = len(labels)
    count = np.bincount(codes[ok], minlength=k)[:k]
    total = np.bincount(codes[ok], weights=amount[ok], minlength=k)[:k]
    keep = count > 0
    out = pd.DataFrame(
        {
            "sector": pd.Series(labels[keep], dtype=object).astype(str).astype(object),
            "mean_amount": money_array(total[keep] / count[keep]),
            "count": count[keep].astype(np.int64),
        }
    )
    out = out.sort_values(["mean_amount", "sector"], ascending=[False, True])
    return out.head(max(int(n), 0)).reset_index(drop=True)


def owner_performance(deals: pd.DataFrame) -> pd.DataFrame:
    """Per-salesperson performance.

    METRICS.md, salesperson performance: "per owner: open gross and weighted pipeline, won
    revenue, win rate, mean time-to-win." Deals without owner are grouped as ``"(none)"``; win
    rate is won / (won + lost) (NaN when the owner closed nothing); time-to-win as in
    :func:`data.metrics.forecast.time_to_win`.

    Returns:
        Columns ``owner, open_gross, open_weighted, won_revenue, won, lost, win_rate,
        mean_time_to_win_days``, by won revenue, then open gross descending, then owner.
    """
    codes, labels = codes_with_none(deals, "owner")
    n = len(labels)
    counts = status_counts_by(deals, codes, n)
    money_by = status_counts_by(deals, codes, n, known_amounts(deals))
    weighted = status_counts_by(deals, codes, n, known_weighted(deals))
    won, lost = counts[WON], counts[LOST]
    _, mean_ttw, _ = group_mean_median(time_to_win_days(deals), codes, n, median=False)
    out = pd.DataFrame(
        {
            "owner": pd.Series(labels, dtype=object).astype(str).astype(object),
            "open_gross": money_array(money_by[OPEN]),
            "open_weighted": money_array(weighted[OPEN]),
            "won_revenue": money_array(money_by[WON]),
            "won": won.astype(np.int64),
            "lost": lost.astype(np.int64),
            "win_rate": ratio_array(won, won + lost),
            "mean_time_to_win_days": days_array(mean_ttw),
        }
    )
    out = out[counts.sum(axis=0) > 0]
    return out.sort_values(
        ["won_revenue", "open_gross", "owner"], ascending=[False, False, True]
    ).reset_index(drop=True)
