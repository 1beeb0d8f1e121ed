"""Settings page data: the effective stage table with deal counts per stage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.pagedata.common import PageContext, context
from data.snapshots import Selection


@dataclass(frozen=True)
class StageRow:
    """One stage: its status, effective probability, position and number of deals."""

    stage: str
    status: str
    probability: float | None
    order: int
    user_defined: bool
    count: int


@dataclass(frozen=True)
class SettingsData:
    """The stage table of the Settings page."""

    context: PageContext
    stages: tuple[StageRow, ...]


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> SettingsData:
    """The effective stage table with deal counts per stage."""
    del cold_days  # every builder takes the same arguments
    counts = selection.snapshot.deals["stage"].value_counts()
    return SettingsData(
        context=context(selection, as_of),
        stages=tuple(
            StageRow(s.stage, s.status, s.probability, s.order, s.user_defined,
                     int(counts.get(s.stage, 0)))
            for s in selection.snapshot.stages
        ),
    )
