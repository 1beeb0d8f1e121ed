"""Trends page data: pipeline movement between two snapshots, weekly evolution of the pipeline
by stage, and time in stage (issue 12; METRICS.md, "Snapshots of one dataset").

The snapshots are the shown import's dataset up to it (``Selection.series``); the movement
compares the shown snapshot (L) with ``?compare=<import>`` (E), by default the snapshot before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

import pandas as pd

from data.metrics.currency import split_currency
from data.metrics.history import (
    MOVEMENTS,
    SnapshotFrame,
    movement,
    movement_summary,
    pipeline_evolution,
    stage_spells,
    time_in_stage,
)
from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.pagedata.common import PageContext, context, rows
from data.snapshots import Selection
from data.texts import N_, Text

#: Deals listed under the movement (the CLI's ``movement --deals`` lists them all).
MOVED_LIMIT: Final = 500
LABELS: Final = {"won": N_("Won"), "lost": N_("Lost"), "advanced": N_("Advanced"),
                 "moved_back": N_("Moved back"), "pushed": N_("Close date pushed"),
                 "new": N_("New"), "removed": N_("Removed")}


@dataclass(frozen=True)
class SnapshotRef:
    """One snapshot of the dataset: its import and its date."""

    import_id: int
    as_of: str
    filename: str


@dataclass(frozen=True)
class MovementCount:
    """One movement category: how many deals and their Σ amount (selected currency)."""

    category: str
    count: int
    amount: float


@dataclass(frozen=True)
class MovedDeal:
    """One deal behind a movement category."""

    deal_id: str | None
    category: str
    stage_from: str | None
    stage_to: str | None
    close_from: str | None
    close_to: str | None
    amount: float | None
    currency: str | None


@dataclass(frozen=True)
class EvolutionPoint:
    """Open pipeline of one stage in the latest snapshot of one ISO week."""

    week: str
    import_id: int
    as_of: str
    stage: str
    count: int
    gross: float
    weighted: float


@dataclass(frozen=True)
class StageTime:
    """Time in one stage (and one source when ``group`` is set)."""

    stage: str
    group: str
    count: int
    mean_days: float | None
    median_days: float | None
    lower_bounds: int
    is_lower_bound: bool


@dataclass(frozen=True)
class TrendsData:
    """Everything the Trends page shows; ``note`` says why a part is absent."""

    context: PageContext
    snapshots: tuple[SnapshotRef, ...]
    compare_from: int | None
    compare_to: int | None
    movement: tuple[MovementCount, ...]
    moved: tuple[MovedDeal, ...]
    moved_total: int
    evolution: tuple[EvolutionPoint, ...]
    time_in_stage: tuple[StageTime, ...]
    time_in_stage_by_source: tuple[StageTime, ...]
    note: str | None


def series_frames(selection: Selection, valued: bool) -> list[SnapshotFrame]:
    """The dataset's snapshots as frames: in the selection's currency, or every deal."""
    series = selection.series
    if series is None:
        return []
    return [SnapshotFrame(s.snapshot.info.id, day,
                          split_currency(s.deals, selection.currency)[0] if valued else s.deals)
            for s, day in zip(series.selections, series.dates, strict=True)]


def stage_times(selection: Selection, by: str | None = None) -> tuple[StageTime, ...]:
    """Time in stage over the dataset's snapshots (METRICS.md), per stage (and ``by``)."""
    series = selection.series
    if series is None or len(series.selections) < 2:
        return ()
    stages = list(series.stages)
    table = time_in_stage(stage_spells(series_frames(selection, False), stages), stages, by)
    table = table.rename(columns={by: "group"}) if by else table.assign(group="")
    return rows(StageTime, table)


def compared(selection: Selection) -> tuple[Selection, Selection, str | None] | None:
    """(E, L, note): the snapshot ``?compare=`` names (else the one before) and the shown one;
    None when the dataset has a single snapshot. ``note`` says when ``compare`` was ignored.
    """
    series = selection.series
    if series is None or len(series.selections) < 2:
        return None
    selections = series.selections
    later, earlier = selections[-1], selections[-2]
    wanted = selection.state.option("compare")
    if wanted is None:
        return earlier, later, None
    chosen = next((s for s in selections[:-1] if str(s.snapshot.info.id) == wanted), None)
    if chosen is None:
        return earlier, later, Text(N_("compare={value} is not an earlier snapshot of this "
                                       "dataset; comparing with #{id} instead."),
                                    value=wanted[:20], id=earlier.snapshot.info.id)
    return chosen, later, None


def moved_deals(selection: Selection, category: str) -> pd.DataFrame:
    """The shown snapshot's deals in movement ``category`` (the Deals page's ``?moved=``).

    Removed deals are not in the shown snapshot: that category selects nothing here (the
    Trends page lists them). Without an earlier snapshot nothing moved.
    """
    pair = compared(selection)
    if pair is None or category not in MOVEMENTS:
        return selection.deals.iloc[0:0]
    earlier, later, _ = pair
    series = selection.series
    assert series is not None
    moves = movement(earlier.deals, later.deals, list(series.stages))
    ids = moves.loc[moves["category"] == category, "deal_id"].to_numpy(dtype=object)
    deals = selection.deals
    return deals[deals["deal_id"].isin(ids).to_numpy(dtype=bool)]


def build(selection: Selection, as_of: date, cold_days: int = DEFAULT_COLD_DAYS) -> TrendsData:
    """Movement, evolution and time in stage over the shown dataset's snapshots."""
    del cold_days  # every builder takes the same arguments
    series = selection.series
    selections = () if series is None else series.selections
    refs = tuple(SnapshotRef(s.snapshot.info.id, day.isoformat(), s.snapshot.info.filename)
                 for s, day in zip(selections, series.dates if series else (), strict=True))
    ctx = context(selection, as_of)
    if series is None or len(selections) < 2:
        return TrendsData(ctx, refs, None, None, (), (), 0, (), (), (),
                          Text(N_("Trends need two or more snapshots (imports) of this "
                                  "dataset: import a later export of the same CRM (same "
                                  "columns) and it joins this dataset. This dataset has {n}."),
                               n=len(selections)))
    pair = compared(selection)
    assert pair is not None
    earlier, later, note = pair
    moves = movement(earlier.deals, later.deals, list(series.stages))
    summary = movement_summary(moves, selection.currency)
    summary = summary[summary["category"].isin(MOVEMENTS)]
    listed = moves[moves["category"].isin(MOVEMENTS)].copy()
    listed["_order"] = listed["category"].map({c: i for i, c in enumerate(MOVEMENTS)})
    listed = listed.sort_values(["_order", "amount"], ascending=[True, False],
                                na_position="last").drop(columns="_order")
    return TrendsData(
        context=ctx,
        snapshots=refs,
        compare_from=earlier.snapshot.info.id,
        compare_to=later.snapshot.info.id,
        movement=rows(MovementCount, summary),
        moved=rows(MovedDeal, listed.head(MOVED_LIMIT)),
        moved_total=len(listed),
        evolution=rows(EvolutionPoint, pipeline_evolution(series_frames(selection, True),
                                                          list(series.stages))),
        time_in_stage=stage_times(selection),
        time_in_stage_by_source=stage_times(selection, "source"),
        note=note,
    )
