"""Deals page data: the header context, the priority-action lists and one page of the table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data.metrics.actions import due_soon_mask
from data.metrics.forecast import overdue_mask
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
class TablePage:
    """One page of the Deals table, and which of its rows are overdue (shown in red)."""

    rows: tuple[DealRecord, ...]
    overdue: tuple[bool, ...]
    total: int


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

    ``sort_by`` holds (column, ascending) pairs; unknown columns are ignored.
    """
    subset = priority_view(view, selection.deals, as_of, selection.snapshot.stages, cold_days)
    total = len(subset)
    known = [(c, asc) for c, asc in sort_by if c in subset.columns]
    if known:
        subset = subset.sort_values([c for c, _ in known], ascending=[a for _, a in known],
                                    na_position="last", kind="stable")
    page = max(0, page)
    window = subset.iloc[page * page_size:(page + 1) * page_size]
    late = overdue_mask(window, as_of)[0]
    return TablePage(deal_records(window, extra=("sector",)), tuple(bool(x) for x in late), total)
