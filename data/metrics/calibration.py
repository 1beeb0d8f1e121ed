"""Calibrated stage probabilities: how often deals that reached a stage were actually won.

METRICS.md, funnel conversion: "a deal has *reached* a stage if its current stage is that stage
or a later one, or it is won; lost deals count only for stages that history (several imports)
shows they reached." The calibrated probability of an open stage is the share of the *closed*
deals that reached it and were won. With several snapshots of one dataset the stage transitions
observed between them enter through ``history_rank`` (the furthest open stage every lost deal
was seen in while open), exactly as in the funnel.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Final

import numpy as np
import pandas as pd

from data.metrics.codes import LOST, WON, codes_of, status_index
from data.stages import StageSetting, fold

#: Closed deals a stage needs before its calibrated probability replaces the configured one.
#: With 20 deals the 95 % Wilson interval around 50 % is still about ±20 points; below that
#: the configured value is kept and the row is flagged ``too_few``.
MIN_CLOSED_DEALS: Final = 20
#: z-score of the two-sided 95 % interval.
Z95: Final = 1.959963984540054


def wilson_interval(successes: int, trials: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval of a proportion ``successes / trials`` (None when ``trials`` = 0).

    Unlike the normal approximation it stays inside [0, 1] and is sensible for 0 % and 100 %.
    """
    if trials <= 0:
        return None
    n, p = float(trials), successes / float(trials)
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def stage_rank_by_key(stages: Sequence[StageSetting]) -> dict[str, int]:
    """Folded open-stage label → position in the pipeline order (``StageSetting.order``)."""
    return {fold(s.stage): int(s.order) for s in stages if s.status == "open"}


def deal_stage_ranks(deals: pd.DataFrame, stages: Sequence[StageSetting]) -> np.ndarray:
    """Pipeline position of every deal's stage when it is an open stage of ``stages``, else NaN.

    Labels are compared folded (case, accents, spaces), so two imports spelling a stage
    differently still agree; one lookup per distinct label.
    """
    rank = stage_rank_by_key(stages)
    codes, labels = codes_of(deals, "stage")
    lookup = np.array([rank.get(fold(x), np.nan) for x in labels] + [np.nan], dtype=np.float64)
    return np.asarray(lookup[codes])


def calibrated_probabilities(
    deals: pd.DataFrame,
    stages: Sequence[StageSetting],
    history_rank: Mapping[str, int] | None = None,
    *,
    min_closed: int = MIN_CLOSED_DEALS,
    z: float = Z95,
) -> pd.DataFrame:
    """Per open stage, the share of closed deals that reached it and were won.

    Definition: over the closed deals of ``deals`` (won or lost), ``reached`` = those that
    reached the stage (METRICS.md "reached": won deals reached every stage; a lost deal reached
    the stages up to its own stage when that is an open stage — files with a status column keep
    it — and up to ``history_rank[deal_id]``, the furthest open stage earlier snapshots showed
    it in; otherwise none), ``won`` = the won ones among them, ``calibrated = won / reached``
    with its Wilson interval ``low``–``high`` (95 %). When ``reached < min_closed`` the row is
    ``too_few`` and ``used`` keeps the configured probability; otherwise ``used`` is the
    calibrated one. ``lost_unplaced`` (same on every row) counts lost deals with no known stage:
    they count nowhere, so many of them make the rates optimistic — import several snapshots.

    Returns:
        Columns ``stage, configured, calibrated, reached, won, low, high, too_few, used,
        lost_unplaced``, open stages in pipeline order; NaN where undefined.
    """
    open_stages = sorted((s for s in stages if s.status == "open"), key=lambda s: s.order)
    status = status_index(deals)
    won_mask, lost_mask = status == WON, status == LOST
    reach = deal_stage_ranks(deals, stages)
    if history_rank and lost_mask.any():
        keys = pd.Index(np.asarray(list(history_rank), dtype=object), dtype=object)
        values = np.append(np.asarray(list(history_rank.values()), dtype=np.float64), np.nan)
        pos = keys.get_indexer(pd.Index(deals["deal_id"].to_numpy(dtype=object), dtype=object))
        reach = np.fmax(reach, values[pos])  # pos -1 picks the trailing NaN
    lost_reach = reach[lost_mask]
    lost_known = lost_reach[~np.isnan(lost_reach)]
    n_won = int(won_mask.sum())
    orders = np.array([s.order for s in open_stages], dtype=np.float64)
    # lost deals that reached stage o: reach >= o (a sort, then one search per stage)
    lost_sorted = np.sort(lost_known)
    lost_reached = len(lost_sorted) - np.searchsorted(lost_sorted, orders, side="left")
    reached = n_won + lost_reached
    rows = []
    for s, n in zip(open_stages, reached, strict=True):
        n = int(n)
        interval = wilson_interval(n_won, n, z)
        rate = n_won / n if n else math.nan
        configured = math.nan if s.probability is None else float(s.probability)
        too_few = n < min_closed
        rows.append(
            (s.stage, configured, rate, n, n_won if n else 0,
             interval[0] if interval else math.nan, interval[1] if interval else math.nan,
             too_few, configured if too_few else rate)
        )
    out = pd.DataFrame(
        rows,
        columns=["stage", "configured", "calibrated", "reached", "won", "low", "high",
                 "too_few", "used"],
    )
    out["lost_unplaced"] = int(lost_mask.sum()) - len(lost_known)
    return out.astype({"reached": np.int64, "won": np.int64, "too_few": bool,
                       "lost_unplaced": np.int64})


def with_calibrated_p(deals: pd.DataFrame, calibration: pd.DataFrame) -> pd.DataFrame:
    """``deals`` with ``p`` of every open deal replaced by its stage's calibrated probability.

    Only stages with enough closed deals (``too_few`` False) are replaced; other deals keep
    their effective probability (configured, or the row's own). Won stay 1, lost 0. The input
    frame is not modified.
    """
    keep = calibration[~calibration["too_few"]]
    by_key = {fold(s): float(p) for s, p in zip(keep["stage"], keep["used"], strict=True)}
    out = deals.copy(deep=False)
    p = deals["p"].to_numpy(dtype=np.float64, na_value=np.nan).copy() if "p" in deals else (
        np.full(len(deals), np.nan))
    if by_key:
        codes, labels = codes_of(deals, "stage")
        lookup = np.array([by_key.get(fold(x), np.nan) for x in labels] + [np.nan])
        new = lookup[codes]
        replace = (status_index(deals) == 0) & ~np.isnan(new)
        p[replace] = new[replace]
    out["p"] = p
    return out


def calibration_records(calibration: pd.DataFrame) -> list[dict[str, object]]:
    """The CLI/JSON form: per stage ``stage, configured, calibrated, reached, won, low, high``
    plus ``too_few`` and ``used`` (unknown values as None).
    """
    records: list[dict[str, object]] = []
    for row in calibration.itertuples(index=False):
        records.append(
            {
                "stage": row.stage,
                "configured": _num(row.configured),
                "calibrated": _num(row.calibrated),
                "reached": int(row.reached),
                "won": int(row.won),
                "low": _num(row.low),
                "high": _num(row.high),
                "too_few": bool(row.too_few),
                "used": _num(row.used),
            }
        )
    return records


def _num(value: float) -> float | None:
    value = float(value)
    return None if math.isnan(value) else round(value, 4)
