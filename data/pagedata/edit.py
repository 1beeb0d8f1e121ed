"""The Pipeline editor's data (issue 14): the pipeline's deals, its KPIs, what needs attention.

Computed from the same selection every page uses (the pipeline's current state is an import)
with the METRICS.md functions of ``data.metrics``; the lists are ``data.reminders``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from data import metrics, reminders
from data.pagedata.common import DealRecord, deal_records
from data.snapshots import Selection

#: Deals listed in the editor's table (the filter bar's search narrows a large pipeline).
EDITOR_ROWS = 500


@dataclass(frozen=True)
class EditKpis:
    """The figures shown above the editor's table (selected currency)."""

    open_deals: int
    pipeline_gross: float
    pipeline_weighted: float
    won_revenue: float


@dataclass(frozen=True)
class EditData:
    """What the editor shows of one pipeline's current state."""

    dataset_id: int | None
    import_id: int
    currency: str | None
    as_of: str
    total: int
    deals: tuple[DealRecord, ...]
    kpis: EditKpis
    attention: dict[str, list[reminders.Reminder]] = field(default_factory=dict)
    stages: tuple[str, ...] = ()


def build(selection: Selection, as_of: date, cold_days: int) -> EditData:
    """The editor's data for a selection of a pipeline's current state."""
    deals = selection.deals
    valued = selection.valued
    lists = reminders.attention_lists(deals, as_of, selection.snapshot.stages, cold_days)
    newest_first = deals.iloc[::-1].head(EDITOR_ROWS)
    counts = metrics.deal_counts(deals)
    return EditData(
        dataset_id=selection.snapshot.info.dataset_id,
        import_id=selection.snapshot.info.id,
        currency=selection.currency,
        as_of=as_of.isoformat(),
        total=len(deals),
        deals=deal_records(newest_first),
        kpis=EditKpis(counts["open"], metrics.pipeline_gross(valued),
                      metrics.pipeline_weighted(valued), metrics.won_revenue(valued)),
        attention={k: reminders.as_reminders(k, frame) for k, frame in lists.items()},
        stages=tuple(s.stage for s in selection.snapshot.stages),
    )
