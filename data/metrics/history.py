"""Snapshots of one dataset: pipeline movement, weekly evolution and time in stage.

METRICS.md, "Snapshots of one dataset (history)": two imports of the same source, an earlier E
and a later L; a deal is matched by ``deal_id``. Stages are compared in the pipeline order of
one stage table covering every snapshot (labels folded: case, accents and spaces never make a
stage change). A deal without ``deal_id`` cannot be matched and is left out (counted as
``unmatched``); when an id appears twice in one snapshot its first row is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np
import pandas as pd

from data.metrics._common import (
    LOST,
    NONE_LABEL,
    OPEN,
    WON,
    amounts,
    day_number,
    day_numbers,
    probabilities,
    status_index,
)
from data.metrics.calibration import deal_stage_ranks
from data.stages import StageSetting, fold

#: Movement categories, in the order they are tested (METRICS.md: "the first that applies").
MOVEMENTS: Final = ("won", "lost", "advanced", "moved_back", "pushed", "new", "removed")


@dataclass(frozen=True)
class SnapshotFrame:
    """One snapshot of a dataset: its id (the import), its date and its deals."""

    import_id: int
    as_of: date
    deals: pd.DataFrame


def _first_by_id(deals: pd.DataFrame) -> pd.DataFrame:
    """Rows with a deal id, the first row of each id, indexed by ``deal_id``."""
    ids = deals["deal_id"]
    keep = ids.notna().to_numpy() & ~ids.duplicated().to_numpy()
    return deals[keep].set_index("deal_id")


def movement(
    earlier: pd.DataFrame,
    later: pd.DataFrame,
    stages: Sequence[StageSetting],
) -> pd.DataFrame:
    """The movement category of every deal between an earlier and a later snapshot.

    METRICS.md, movement: "each deal in exactly one category, the first that applies in this
    order: **won** (open in E, won in L), **lost** (open in E, lost in L), **advanced** (open in
    both, later stage in the pipeline order in L), **moved back** (open in both, earlier stage),
    **pushed** (open in both, same stage, expected_close_date later in L), **new** (in L only),
    **removed** (in E only); anything else is unchanged. Amounts: L's amount, E's for removed."
    A stage outside the open stages of ``stages`` has no position: such a deal is neither
    advanced nor moved back. An unknown close date is never "later".

    Returns:
        One row per matched deal id: ``deal_id, category`` (one of :data:`MOVEMENTS` or
        ``"unchanged"``), ``stage_from, stage_to, close_from, close_to, amount, currency``.
    """
    e, l_ = _first_by_id(earlier), _first_by_id(later)
    ids = e.index.union(l_.index, sort=False)
    e_pos = e.index.get_indexer(ids)
    l_pos = l_.index.get_indexer(ids)
    in_e, in_l = e_pos >= 0, l_pos >= 0

    def take(values: np.ndarray, pos: np.ndarray, fill: object = np.nan) -> np.ndarray:
        out = np.full(len(pos), fill, dtype=values.dtype if fill is np.nan else object)
        out[pos >= 0] = values[pos[pos >= 0]]
        return out

    st_e = take(status_index(e).astype(np.float64), e_pos)
    st_l = take(status_index(l_).astype(np.float64), l_pos)
    rk_e = take(deal_stage_ranks(e, stages), e_pos)
    rk_l = take(deal_stage_ranks(l_, stages), l_pos)
    cl_e = take(day_numbers(e, "expected_close_date"), e_pos)
    cl_l = take(day_numbers(l_, "expected_close_date"), l_pos)
    key_e = take(_fold_keys(e), e_pos, None)
    key_l = take(_fold_keys(l_), l_pos, None)
    both_open = in_e & in_l & (st_e == OPEN) & (st_l == OPEN)
    open_e = in_e & (st_e == OPEN)
    conditions = [
        open_e & in_l & (st_l == WON),
        open_e & in_l & (st_l == LOST),
        both_open & (rk_l > rk_e),
        both_open & (rk_l < rk_e),
        both_open & (key_e == key_l) & (cl_l > cl_e),
        in_l & ~in_e,
        in_e & ~in_l,
    ]
    category = np.select(conditions, list(MOVEMENTS), default="unchanged")
    amount = np.where(in_l, take(amounts(l_), l_pos), take(amounts(e), e_pos))
    currency = np.where(in_l, take(l_["currency"].to_numpy(dtype=object), l_pos, None),
                        take(e["currency"].to_numpy(dtype=object), e_pos, None))
    return pd.DataFrame(
        {
            "deal_id": np.asarray(ids, dtype=object),
            "category": category.astype(object),
            "stage_from": take(e["stage"].to_numpy(dtype=object), e_pos, None),
            "stage_to": take(l_["stage"].to_numpy(dtype=object), l_pos, None),
            "close_from": _iso_days(cl_e),
            "close_to": _iso_days(cl_l),
            "amount": amount,
            "currency": currency,
        }
    )


def _fold_keys(deals: pd.DataFrame) -> np.ndarray:
    """Folded stage label of every deal (one ``fold`` per distinct label)."""
    codes, labels = pd.factorize(deals["stage"].to_numpy(dtype=object), use_na_sentinel=True)
    return np.array([fold(x) for x in labels] + [""], dtype=object)[codes]


def _iso_days(days: np.ndarray) -> np.ndarray:
    out = np.full(len(days), None, dtype=object)
    known = ~np.isnan(days)
    out[known] = (np.datetime64("1970-01-01") + days[known].astype("timedelta64[D]")).astype(str)
    return out


def movement_summary(moves: pd.DataFrame, currency: str | None = None) -> pd.DataFrame:
    """Count and amount per movement category (every category, in :data:`MOVEMENTS` order).

    ``count`` is over every deal of the category; ``amount`` sums the known amounts of the
    deals in ``currency`` (all deals when None; amounts in different currencies are never
    added together — METRICS.md).

    Returns:
        Columns ``category, count, amount``.
    """
    names = [*MOVEMENTS, "unchanged"]
    cat = pd.Categorical(moves["category"], categories=names)
    codes = np.asarray(cat.codes, dtype=np.intp)
    amount = np.nan_to_num(moves["amount"].to_numpy(dtype=np.float64, na_value=np.nan))
    if currency is not None:
        amount = np.where(moves["currency"].to_numpy(dtype=object) == currency, amount, 0.0)
    count = np.bincount(codes, minlength=len(names))
    total = np.bincount(codes, weights=amount, minlength=len(names))
    return pd.DataFrame(
        {"category": names, "count": count.astype(np.int64), "amount": np.round(total, 2)}
    )


def _stage_labels(deals: pd.DataFrame, stages: Sequence[StageSetting]) -> np.ndarray:
    """Every deal's stage as the label of ``stages`` with the same folded key (else its own)."""
    label_of = {fold(s.stage): s.stage for s in stages}
    codes, labels = pd.factorize(deals["stage"].to_numpy(dtype=object), use_na_sentinel=True)
    lookup = np.array([label_of.get(fold(x), str(x)) for x in labels] + [NONE_LABEL],
                      dtype=object)
    return lookup[codes]


def pipeline_evolution(
    snapshots: Sequence[SnapshotFrame], stages: Sequence[StageSetting]
) -> pd.DataFrame:
    """Weekly gross and weighted open pipeline by stage across snapshots.

    METRICS.md: gross pipeline = Σ amount over open deals, weighted = Σ amount × p (unknown p
    adds 0). Each ISO week (Monday date) shows its latest snapshot; stages are the open stages
    of ``stages`` in pipeline order (every stage on every week, 0 when empty), then open stages
    missing from them. Callers pass frames in one currency (see ``split_currency``).

    Returns:
        Columns ``week, import_id, as_of, stage, count, gross, weighted``.
    """
    latest: dict[date, SnapshotFrame] = {}
    for snap in sorted(snapshots, key=lambda s: (s.as_of, s.import_id)):
        latest[snap.as_of - timedelta(days=snap.as_of.weekday())] = snap
    order = [s.stage for s in sorted(stages, key=lambda s: s.order) if s.status == "open"]
    parts = []
    for week, snap in sorted(latest.items()):
        d = snap.deals
        open_ = status_index(d) == OPEN
        label = _stage_labels(d, stages)[open_]
        frame = pd.DataFrame(
            {"stage": label, "count": 1, "gross": np.nan_to_num(amounts(d)[open_]),
             "weighted": np.nan_to_num(amounts(d)[open_] * probabilities(d)[open_])}
        )
        sums = frame.groupby("stage", sort=False).sum()
        extra = [s for s in sums.index if s not in order]
        sums = sums.reindex(order + extra, fill_value=0)
        parts.append(
            pd.DataFrame(
                {
                    "week": week.isoformat(),
                    "import_id": snap.import_id,
                    "as_of": snap.as_of.isoformat(),
                    "stage": sums.index.to_numpy(dtype=object),
                    "count": sums["count"].to_numpy(dtype=np.int64),
                    "gross": np.round(sums["gross"].to_numpy(dtype=np.float64), 2),
                    "weighted": np.round(sums["weighted"].to_numpy(dtype=np.float64), 2),
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["week", "import_id", "as_of", "stage", "count", "gross",
                                     "weighted"])
    return pd.concat(parts, ignore_index=True)


def stage_spells(
    snapshots: Sequence[SnapshotFrame], stages: Sequence[StageSetting]
) -> pd.DataFrame:
    """Time in stage of every deal and open stage observed to end.

    METRICS.md, time in stage: "for deals seen in a stage in one snapshot and in another stage
    (or closed) in a later one, the days between the first snapshot showing the stage and the
    first not showing it (a lower bound when the stage was entered before the first snapshot:
    say so)." Snapshots are taken in date order; a snapshot where the deal is absent shows
    nothing about it (skipped). Only the first spell of a deal in a stage counts; a spell still
    running in the deal's last snapshot (or ended by its removal) has no measured time.
    ``lower_bound`` is True when the stage is shown by the first snapshot of the series.

    Returns:
        Columns ``deal_id, stage, source, owner, entered, left, days, lower_bound`` (source and
        owner as in the snapshot where the spell starts, ``"(none)"`` when unknown).
    """
    ordered = sorted(snapshots, key=lambda s: (s.as_of, s.import_id))
    if len(ordered) < 2:
        return pd.DataFrame(columns=["deal_id", "stage", "source", "owner", "entered", "left",
                                     "days", "lower_bound"])
    parts = []
    for i, snap in enumerate(ordered):
        d = _first_by_id(snap.deals)
        status = status_index(d)
        label = _stage_labels(d, stages)
        # state: the open stage's label, or the closed status (anything not open ends a spell)
        state = np.where(status == OPEN, label, np.where(status == WON, "\x00won", "\x00closed"))
        parts.append(
            pd.DataFrame(
                {
                    "deal_id": d.index.to_numpy(dtype=object),
                    "snap": i,
                    "day": day_number(snap.as_of),
                    "state": state.astype(object),
                    "open": status == OPEN,
                    "source": d["source"].fillna(NONE_LABEL).to_numpy(dtype=object),
                    "owner": d["owner"].fillna(NONE_LABEL).to_numpy(dtype=object),
                }
            )
        )
    rows = pd.concat(parts, ignore_index=True).sort_values(["deal_id", "snap"], kind="stable")
    deal = rows["deal_id"].to_numpy(dtype=object)
    state = rows["state"].to_numpy(dtype=object)
    same_deal_next = np.append(deal[1:] == deal[:-1], False)
    run_start = np.ones(len(rows), dtype=bool)
    run_start[1:] = (deal[1:] != deal[:-1]) | (state[1:] != state[:-1])
    run_id = np.cumsum(run_start) - 1
    # the row after a run's last row ends the run when it belongs to the same deal
    last_of_run = np.append(run_start[1:], True)
    ends = last_of_run & same_deal_next
    end_day = np.full(run_id.max() + 1, np.nan)
    day = rows["day"].to_numpy(dtype=np.float64)
    next_day = np.append(day[1:], np.nan)
    end_day[run_id[ends]] = next_day[ends]
    starts = rows[run_start & rows["open"].to_numpy()].assign(
        left=end_day[run_id[run_start & rows["open"].to_numpy()]]
    )
    # first spell of each (deal, stage) only
    starts = starts.drop_duplicates(["deal_id", "state"], keep="first")
    starts = starts[~np.isnan(starts["left"].to_numpy())]
    entered = starts["day"].to_numpy(dtype=np.float64)
    left = starts["left"].to_numpy(dtype=np.float64)
    return pd.DataFrame(
        {
            "deal_id": starts["deal_id"].to_numpy(dtype=object),
            "stage": starts["state"].to_numpy(dtype=object),
            "source": starts["source"].to_numpy(dtype=object),
            "owner": starts["owner"].to_numpy(dtype=object),
            "entered": _iso_days(entered),
            "left": _iso_days(left),
            "days": left - entered,
            "lower_bound": (starts["snap"].to_numpy() == 0),
        }
    ).reset_index(drop=True)


def time_in_stage(
    spells: pd.DataFrame, stages: Sequence[StageSetting], by: str | None = None
) -> pd.DataFrame:
    """Mean and median time in stage per open stage (and per ``by``: ``source`` or ``owner``).

    From :func:`stage_spells` (METRICS.md, time in stage). ``lower_bounds`` counts the spells
    that started before the first snapshot: when it is not 0 the figures are lower bounds
    (``is_lower_bound``), as METRICS.md asks to say.

    Returns:
        Columns ``stage`` (pipeline order), ``<by>`` when given, ``count, mean_days,
        median_days, lower_bounds, is_lower_bound``.
    """
    keys = ["stage"] if by is None else ["stage", by]
    columns = [*keys, "count", "mean_days", "median_days", "lower_bounds", "is_lower_bound"]
    if spells.empty:
        return pd.DataFrame(columns=columns)
    grouped = spells.groupby(keys, sort=False)
    out = grouped["days"].agg(count="count", mean_days="mean", median_days="median")
    out["lower_bounds"] = grouped["lower_bound"].sum().astype(np.int64)
    out = out.reset_index()
    out["is_lower_bound"] = out["lower_bounds"] > 0
    rank = {s.stage: s.order for s in stages}
    out["_rank"] = out["stage"].map(rank).fillna(10**9)
    out = out.sort_values(["_rank", *keys[1:]]).drop(columns="_rank")
    out["mean_days"] = out["mean_days"].round(2)
    out["median_days"] = out["median_days"].round(2)
    return out[columns].reset_index(drop=True)
