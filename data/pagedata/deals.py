"""Deals page data: the header context, the priority-action lists and one page of the table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from data.metrics.actions import due_soon_mask
from data.metrics.days import time_to_win_days
from data.metrics.forecast import overdue_mask
from data.metrics.health import DEFAULT_TYPICAL_DAYS, deal_health
from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.metrics.priority import priority_view
from data.pagedata.common import (
    TABLE_LIMIT,
    DealRecord,
    PageContext,
    context,
    deal_records,
    missing,
)
from data.snapshots import Selection


@dataclass(frozen=True)
class DealsHeaderData:
    """The context line above the Deals table (the rows come page by page)."""

    context: PageContext


@dataclass(frozen=True)
class ActionsMissing:
    """Per indicator, the columns the import lacks to compute it."""

    cold_deals: tuple[str, ...]
    quick_wins: tuple[str, ...]
    untreated_leads: tuple[str, ...]
    overdue: tuple[str, ...]


@dataclass(frozen=True)
class ActionsData:
    """Deadlines and priority actions below the Deals table (first rows of each list)."""

    context: PageContext
    missing: ActionsMissing
    cold: tuple[DealRecord, ...]
    quick_wins: tuple[DealRecord, ...]
    untreated: tuple[DealRecord, ...]
    overdue: tuple[DealRecord, ...]
    due_soon: tuple[DealRecord, ...]
    overdue_count: int
    due_soon_count: int


@dataclass(frozen=True)
class Health:
    """Health of one open deal (``data.metrics.health``): score 0–100, band, next action."""

    score: int
    band: str
    action: str


@dataclass(frozen=True)
class TablePage:
    """One page of the Deals table, which of its rows are overdue (shown in red), and the
    health of each row (None for a closed deal).
    """

    rows: tuple[DealRecord, ...]
    overdue: tuple[bool, ...]
    total: int
    health: tuple[Health | None, ...] = ()


#: Sort keys of the table that are computed (health) rather than columns of the deals.
HEALTH_SORT = "health"


def health_of(deals: pd.DataFrame, everyone: pd.DataFrame, as_of: date,
              cold_days: int) -> pd.DataFrame:
    """``deal_health`` of ``deals`` with T (typical time-to-win) taken from ``everyone``.

    The score of a deal must not depend on which page or priority view shows it: the median
    time-to-win is the selection's, not the page's.
    """
    ttw = time_to_win_days(everyone)
    ttw = ttw[~np.isnan(ttw)]
    typical = float(np.median(ttw)) if len(ttw) else DEFAULT_TYPICAL_DAYS
    stages = deals["stage"].dropna().unique().tolist() if "stage" in deals else []
    return deal_health(deals, as_of, cold_days=cold_days,
                       typical_days={str(s): typical for s in stages})


def build(
    selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS
) -> DealsHeaderData:
    """Only the context of a selection (import, counts, currency): the Deals page header."""
    del cold_days  # every builder takes the same arguments
    return DealsHeaderData(context(selection, as_of))


def actions(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> ActionsData:
    """Priority actions and deadlines for the Deals page (the views of the Home alerts)."""
    deals, stages = selection.deals, selection.snapshot.stages

    def first(view: str) -> tuple[DealRecord, ...]:
        return deal_records(priority_view(view, deals, as_of, stages, cold_days,
                                          limit=TABLE_LIMIT))

    return ActionsData(
        context=context(selection, as_of),
        missing=missing(ActionsMissing, selection),
        cold=first("cold"),
        quick_wins=first("quick_wins"),
        untreated=first("untreated"),
        overdue=first("overdue"),
        due_soon=first("due_soon"),
        overdue_count=int(overdue_mask(deals, as_of)[0].sum()),
        due_soon_count=int(due_soon_mask(deals, as_of)[0].sum()),
    )


def table_page(
    selection: Selection,
    as_of: date,
    view: str | None,
    sort_by: list[tuple[str, bool]],
    page: int,
    page_size: int,
    cold_days: int = DEFAULT_COLD_DAYS,
) -> TablePage:
    """One page of the deals of ``view``, sorted and sliced on the server (fast at a million rows).

    ``sort_by`` holds (column, ascending) pairs; unknown columns are ignored. ``health`` sorts
    on the deal health score (closed deals, which have none, last); it is then computed for
    every deal of the view, otherwise only for the rows of the page.
    """
    subset = priority_view(view, selection.deals, as_of, selection.snapshot.stages, cold_days)
    total = len(subset)
    health = None
    if any(c == HEALTH_SORT for c, _ in sort_by):
        health = health_of(subset, selection.deals, as_of, cold_days)
        subset = subset.assign(health=health["health"].reindex(subset.index))
    known = [(c, asc) for c, asc in sort_by if c in subset.columns]
    if known:
        subset = subset.sort_values([c for c, _ in known], ascending=[a for _, a in known],
                                    na_position="last", kind="stable")
    page = max(0, page)
    window = subset.iloc[page * page_size:(page + 1) * page_size]
    late = overdue_mask(window, as_of)[0]
    if health is None:
        health = health_of(window, selection.deals, as_of, cold_days)
    by_row = health.reindex(window.index)
    cells = tuple(
        None if pd.isna(score) else Health(int(score), str(band), str(action))
        for score, band, action in zip(by_row["health"], by_row["band"], by_row["action"],
                                       strict=True)
    )
    return TablePage(deal_records(window, extra=("sector",)), tuple(bool(x) for x in late), total,
                     cells)
