"""Snapshots of one dataset: pipeline movement, weekly evolution and time in stage.

METRICS.md, "Snapshots of one dataset (history)": two imports of the same source, an earlier E
and a later L; a deal is matched by ``deal_id``. Stages are compared in the pipeline order of
one stage table covering every snapshot (labels folded: case, accents and spaces never make a
stage change). A deal without ``deal_id`` cannot be matched and is left out; when an id
appears twice in one snapshot its first row is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

import numpy as np
import pandas as pd

from data.metrics.calibration import deal_stage_ranks
from data.metrics.codes import LOST, NONE_LABEL, OPEN, WON, codes_of, status_index
from data.metrics.days import day_number, day_numbers
from data.metrics.numbers import amounts, probabilities
from data.stages import StageSetting, fold

#: Movement categories, in the order they are tested (METRICS.md: "the first that applies").
MOVEMENTS: Final = ("won", "lost", "advanced", "moved_back", "pushed", "new", "removed")


def text_values(deals: pd.DataFrame, column: str) -> np.ndarray:
    """A text column as Python objects (None when unknown), cheap for ``category`` columns.

    A category column of Arrow strings (how the app holds grouping columns) converts slowly
    with ``to_numpy``; spreading its few labels with the codes is ~10× faster.
    """
    codes, labels = codes_of(deals, column)
    lookup = np.empty(len(labels) + 1, dtype=object)
    lookup[:-1] = labels
    lookup[-1] = None
    return np.asarray(lookup[codes])


@dataclass(frozen=True)
class SnapshotFrame:
    """One snapshot of a dataset: its id (the import), its date and its deals."""

    import_id: int
    as_of: date
    deals: pd.DataFrame


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
        ``"unchanged"``), ``stage_from, stage_to, close_from, close_to`` (expected close dates,
        ``datetime64[D]``), ``amount, currency``.
    """
    e, l_ = earlier, later
    e_ids = e["deal_id"].to_numpy(dtype=object)
    l_ids = l_["deal_id"].to_numpy(dtype=object)
    codes, uniques = pd.factorize(np.concatenate([e_ids, l_ids]), use_na_sentinel=True)
    n = len(uniques)
    e_pos = _first_position(codes[: len(e_ids)], n)
    l_pos = _first_position(codes[len(e_ids):], n)
    in_e, in_l = e_pos >= 0, l_pos >= 0

    def take(values: np.ndarray, pos: np.ndarray) -> np.ndarray:
        if values.dtype == object:
            out = np.full(len(pos), None, dtype=object)
        else:
            out = np.full(len(pos), np.nan, dtype=np.float64)
        out[pos >= 0] = values[pos[pos >= 0]]
        return out

    st_e = take(status_index(e).astype(np.float64), e_pos)
    st_l = take(status_index(l_).astype(np.float64), l_pos)
    rk_e = take(deal_stage_ranks(e, stages), e_pos)
    rk_l = take(deal_stage_ranks(l_, stages), l_pos)
    cl_e = take(day_numbers(e, "expected_close_date"), e_pos)
    cl_l = take(day_numbers(l_, "expected_close_date"), l_pos)
    fold_e, fold_l = _fold_codes(e, l_)
    key_e = take(fold_e.astype(np.float64), e_pos)
    key_l = take(fold_l.astype(np.float64), l_pos)
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
    names = np.array([*MOVEMENTS, "unchanged"], dtype=object)
    category = names[np.select(conditions, list(range(len(MOVEMENTS))), default=len(MOVEMENTS))]
    amount = np.where(in_l, take(amounts(l_), l_pos), take(amounts(e), e_pos))
    currency = np.where(in_l, take(text_values(l_, "currency"), l_pos),
                        take(text_values(e, "currency"), e_pos))
    return pd.DataFrame(
        {
            "deal_id": pd.Series(np.asarray(uniques, dtype=object), dtype=object),
            "category": pd.Series(category, dtype=object),
            "stage_from": pd.Series(take(text_values(e, "stage"), e_pos), dtype=object),
            "stage_to": pd.Series(take(text_values(l_, "stage"), l_pos), dtype=object),
            "close_from": _dates(cl_e),
            "close_to": _dates(cl_l),
            "amount": amount,
            "currency": pd.Series(currency, dtype=object),
        }
    )


def _first_position(codes: np.ndarray, n: int) -> np.ndarray:
    """Row of the first occurrence of each id code in ``range(n)`` (-1 when absent).

    Unknown ids (code -1) are skipped; assigning in reverse order lets the first row win.
    """
    out = np.full(n, -1, dtype=np.intp)
    rows = np.flatnonzero(codes >= 0)[::-1]
    out[codes[rows]] = rows
    return out


def _fold_codes(a: pd.DataFrame, b: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of the folded stage labels of two frames, comparable between them."""
    ka, kb = _fold_keys(a), _fold_keys(b)
    codes, _ = pd.factorize(np.concatenate([ka, kb]))
    return codes[: len(ka)], codes[len(ka):]


def _dates(days: np.ndarray) -> np.ndarray:
    """Day numbers as ``datetime64[D]`` (NaT when unknown)."""
    out = np.full(len(days), np.datetime64("NaT"), dtype="datetime64[D]")
    known = ~np.isnan(days)
    out[known] = days[known].astype(np.int64).astype("datetime64[D]")
    return out


def _fold_keys(deals: pd.DataFrame) -> np.ndarray:
    """Folded stage label of every deal (one ``fold`` per distinct label)."""
    codes, labels = codes_of(deals, "stage")
    return np.asarray(np.array([fold(x) for x in labels] + [""], dtype=object)[codes])


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
    codes, labels = codes_of(deals, "stage")
    lookup = np.array([label_of.get(fold(x), str(x)) for x in labels] + [NONE_LABEL],
                      dtype=object)
    return np.asarray(lookup[codes])


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
    label_of = {fold(s.stage): s.stage for s in stages}
    parts = []
    for week, snap in sorted(latest.items()):
        d = snap.deals
        open_ = status_index(d) == OPEN
        codes, raw = codes_of(d, "stage")
        names = [label_of.get(fold(x), str(x)) for x in raw] + [NONE_LABEL]
        slot = np.where(codes < 0, len(raw), codes)[open_]  # per distinct label, then merged
        a = amounts(d)[open_]
        count = np.bincount(slot, minlength=len(names))
        gross = np.bincount(slot, weights=np.nan_to_num(a), minlength=len(names))
        weighted = np.bincount(slot, weights=np.nan_to_num(a * probabilities(d)[open_]),
                               minlength=len(names))
        totals: dict[str, list[float]] = {name: [0, 0.0, 0.0] for name in order}
        for k, name in enumerate(names):
            if count[k]:
                row = totals.setdefault(name, [0, 0.0, 0.0])
                row[0] += int(count[k])
                row[1] += float(gross[k])
                row[2] += float(weighted[k])
        sums = pd.DataFrame.from_dict(totals, orient="index",
                                      columns=["count", "gross", "weighted"])
        parts.append(
            pd.DataFrame(
                {
                    "week": week.isoformat(),
                    "import_id": snap.import_id,
                    "as_of": snap.as_of.isoformat(),
                    "stage": pd.Series(sums.index.to_numpy(dtype=object), dtype=object),
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
    columns = ["deal_id", "stage", "source", "owner", "entered", "left", "days", "lower_bound"]
    if len(ordered) < 2:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    ids, snap, day, label, is_open, source, owner = [], [], [], [], [], [], []
    for i, frame in enumerate(ordered):
        d = frame.deals
        status = status_index(d)
        ids.append(d["deal_id"].to_numpy(dtype=object))
        snap.append(np.full(len(d), i))
        day.append(np.full(len(d), float(day_number(frame.as_of))))
        label.append(_stage_labels(d, stages))
        # anything that is not an open stage (won, lost, other) ends a spell
        is_open.append(status == OPEN)
        source.append(text_values(d, "source"))
        owner.append(text_values(d, "owner"))
    all_ids = np.concatenate(ids)
    deal_code, _ = pd.factorize(all_ids, use_na_sentinel=True)
    opened = np.concatenate(is_open)
    label_code, labels = pd.factorize(np.concatenate(label))
    state = np.where(opened, label_code, -2)
    snap_all, day_all = np.concatenate(snap), np.concatenate(day)
    order = np.lexsort((snap_all, deal_code))  # stable: a repeated id keeps its first row
    order = order[deal_code[order] >= 0]  # no id: cannot be matched
    repeat = np.zeros(len(order), dtype=bool)
    repeat[1:] = (deal_code[order][1:] == deal_code[order][:-1]) & (
        snap_all[order][1:] == snap_all[order][:-1])
    order = order[~repeat]
    if len(order) == 0:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in columns})
    deal_s, state_s, day_s, open_s = deal_code[order], state[order], day_all[order], opened[order]
    same_deal_next = np.append(deal_s[1:] == deal_s[:-1], False)
    run_start = np.ones(len(order), dtype=bool)
    run_start[1:] = (deal_s[1:] != deal_s[:-1]) | (state_s[1:] != state_s[:-1])
    run_id = np.cumsum(run_start) - 1
    # the row after a run's last row ends the run when it belongs to the same deal
    last_of_run = np.append(run_start[1:], True)
    ends = last_of_run & same_deal_next
    end_day = np.full(int(run_id[-1]) + 1, np.nan)
    end_day[run_id[ends]] = np.append(day_s[1:], np.nan)[ends]
    starts = np.flatnonzero(run_start & open_s)
    # first spell of each (deal, stage) only: rows are sorted by deal then snapshot
    key = deal_s[starts].astype(np.int64) * (len(labels) + 1) + state_s[starts]
    _, first = np.unique(key, return_index=True)
    starts = np.sort(starts[first])
    left = end_day[run_id[starts]]
    starts, left = starts[~np.isnan(left)], left[~np.isnan(left)]
    rows = order[starts]
    entered = day_all[rows]

    def text(values: list[np.ndarray]) -> pd.Series:
        out = np.concatenate(values)[rows]
        return pd.Series(np.where(pd.isna(out), NONE_LABEL, out), dtype=object)

    return pd.DataFrame(
        {
            "deal_id": pd.Series(all_ids[rows], dtype=object),
            "stage": pd.Series(np.asarray(labels, dtype=object)[label_code[rows]], dtype=object),
            "source": text(source),
            "owner": text(owner),
            "entered": _dates(entered),
            "left": _dates(left),
            "days": left - entered,
            "lower_bound": snap_all[rows] == 0,
        }
    )


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
