"""Deal health (0–100) and one rule-based next action per open deal.

**Health** = round(100 × (1 − Σ weight × penalty)), each penalty in [0, 1]:

- **age** (weight 0.30): age = as_of − created_date (METRICS.md, deal age); T = the typical
  time-to-win of the deal's stage: ``typical_days[stage]`` when the caller gives it (e.g. from
  the time in stage of several snapshots), else the median time-to-win of the won deals
  (METRICS.md, velocity), else 45 days (half the 90-day rotting default). Penalty =
  clip(age / T − 1, 0, 1): 0 up to T, 1 from 2 T on — METRICS.md's rotting threshold.
  Unknown age: 0.
- **activity** (0.30): days since last_activity_date (since created_date when the deal has no
  activity: never worked on), penalty = clip(days / (2 × cold_days), 0, 1): ½ at the cold
  threshold (METRICS.md cold deal, 14 days), 1 at twice it. Neither date known: ½.
- **close date** (0.25): overdue (METRICS.md: expected_close_date < as_of) → ½ + ½ × min(days
  overdue / 30, 1); no expected close date → ¼ (the deal is in no forecast); else 0.
- **stage** (0.15): 1 − p (the effective probability of the deal; unknown → ½): an early stage
  is a less certain deal.

Bands: ``good`` ≥ 70, ``watch`` 40–69, ``at_risk`` < 40.

**Next action**: the first rule that applies, in this order (each names its figure):

1. ``update_close_date`` — overdue: "update the close date: N days overdue".
2. ``set_close_date`` — no expected close date: "set an expected close date".
3. ``first_contact`` — no activity after creation and created ≥ 2 days ago (METRICS.md untreated
   leads use 48 hours): "make first contact: created N days ago, no activity".
4. ``follow_up`` — cold (≥ ``cold_days`` days without activity): "follow up: N days without
   activity".
5. ``requalify`` — rotting (age > 2 T): "qualify or close: N days old, typical win in T days".
6. ``close`` — p ≥ 0.5 and expected close within 30 days (METRICS.md quick win): "prepare the
   close: expected in N days".
7. ``keep_going`` — otherwise: "keep momentum: next step after <stage>".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from data.metrics.codes import codes_of, status_masks
from data.metrics.days import day_number, day_numbers, time_to_win_days
from data.metrics.history import text_values
from data.metrics.numbers import probabilities
from data.metrics.pipeline import DEFAULT_COLD_DAYS
from data.texts import N_

WEIGHTS: Final = {"age": 0.30, "activity": 0.30, "close_date": 0.25, "stage": 0.15}
DEFAULT_TYPICAL_DAYS: Final = 45.0
GOOD, WATCH = 70, 40
RULES: Final = ("update_close_date", "set_close_date", "first_contact", "follow_up",
                "requalify", "close", "keep_going")


def typical_days_per_deal(
    deals: pd.DataFrame, typical_days: Mapping[str, float] | None = None
) -> np.ndarray:
    """T of every deal: its stage's entry of ``typical_days``, else the median time-to-win."""
    ttw = time_to_win_days(deals)
    ttw = ttw[~np.isnan(ttw)]
    default = float(np.median(ttw)) if len(ttw) else DEFAULT_TYPICAL_DAYS
    out = np.full(len(deals), default)
    if typical_days:
        codes, labels = codes_of(deals, "stage")
        lookup = np.array([float(typical_days.get(x, np.nan)) for x in labels] + [np.nan])
        given = lookup[codes]
        out = np.where(np.isnan(given) | (given <= 0), out, given)
    return out


def deal_health(
    deals: pd.DataFrame,
    as_of: date,
    *,
    cold_days: int = DEFAULT_COLD_DAYS,
    typical_days: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Health score, band and next action of every open deal (see the module docstring).

    Returns:
        The open deals' ``deal_id, name, stage, amount`` plus ``health`` (int 0–100), ``band``,
        ``age_days, typical_days, days_inactive, days_overdue`` (NaN when unknown or not
        overdue), the four penalties (``age_penalty``, ``activity_penalty``,
        ``close_date_penalty``, ``stage_penalty``), ``rule`` (one of :data:`RULES`) and
        ``action`` (the sentence), indexed like ``deals``; sort by ``health`` for the table.
    """
    open_ = status_masks(deals).open
    d = deals[open_]
    today = day_number(as_of)
    created = day_numbers(deals, "created_date")[open_]
    activity = day_numbers(deals, "last_activity_date")[open_]
    close = day_numbers(deals, "expected_close_date")[open_]
    p = probabilities(deals)[open_]
    typical = typical_days_per_deal(deals, typical_days)[open_]

    age = today - created
    inactive = today - np.where(np.isnan(activity), created, activity)
    never_worked = np.isnan(activity) | (activity <= created)
    overdue = today - close
    is_overdue = overdue > 0
    undated = np.isnan(close)

    age_pen = np.nan_to_num(np.clip(age / typical - 1.0, 0.0, 1.0), nan=0.0)
    act_pen = np.where(np.isnan(inactive), 0.5,
                       np.clip(np.nan_to_num(inactive) / (2.0 * cold_days), 0.0, 1.0))
    close_pen = np.where(is_overdue, 0.5 + 0.5 * np.minimum(np.nan_to_num(overdue) / 30.0, 1.0),
                         np.where(undated, 0.25, 0.0))
    stage_pen = np.where(np.isnan(p), 0.5, 1.0 - np.clip(np.nan_to_num(p), 0.0, 1.0))
    penalty = (WEIGHTS["age"] * age_pen + WEIGHTS["activity"] * act_pen
               + WEIGHTS["close_date"] * close_pen + WEIGHTS["stage"] * stage_pen)
    health = np.rint(100.0 * (1.0 - penalty)).astype(np.int64)
    band = np.where(health >= GOOD, "good", np.where(health >= WATCH, "watch", "at_risk"))

    days_to_close = close - today
    conditions = [
        is_overdue,
        undated,
        never_worked & (age >= 2),
        inactive >= cold_days,
        age > 2.0 * typical,
        (np.nan_to_num(p) >= 0.5) & (days_to_close >= 0) & (days_to_close <= 30),
    ]
    rule_index = np.select(conditions, list(range(len(conditions))), default=len(conditions))
    rule = np.asarray(RULES, dtype=object)[rule_index]
    action = _sentences(rule_index, overdue, age, inactive, typical, days_to_close,
                        text_values(d, "stage"))
    def _text(values: np.ndarray) -> pd.Series:
        # kept as Python objects: pandas 3 would convert the column to Arrow strings (slower)
        return pd.Series(values, dtype=object, index=d.index)

    return pd.DataFrame(
        {
            "deal_id": _text(d["deal_id"].to_numpy(dtype=object)),
            "name": _text(d["name"].to_numpy(dtype=object)),
            "stage": _text(text_values(d, "stage")),
            "amount": d["amount"].to_numpy(dtype=np.float64),
            "health": health,
            "band": _text(band.astype(object)),
            "age_days": age,
            "typical_days": np.round(typical, 2),
            "days_inactive": inactive,
            "days_overdue": np.where(is_overdue, overdue, np.nan),
            "age_penalty": np.round(age_pen, 4),
            "activity_penalty": np.round(act_pen, 4),
            "close_date_penalty": np.round(close_pen, 4),
            "stage_penalty": np.round(stage_pen, 4),
            "rule": _text(rule),
            "action": _text(action),
        },
        index=d.index,
    )




def _n(values: np.ndarray) -> np.ndarray:
    """Whole numbers as text (``"?"`` when unknown), one conversion per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    text = np.array([f"{int(round(v))}" for v in uniques] + ["?"], dtype=object)
    return np.asarray(text[codes])


#: The action sentences :func:`_sentences` writes, as catalogue ids (translated where shown).
ACTION_TEXTS: Final = (
    N_("update the close date: {n} days overdue"),
    N_("set an expected close date"),
    N_("make first contact: created {n} days ago, no activity"),
    N_("follow up: {n} days without activity"),
    N_("qualify or close: {n} days old, typical win in {typical} days"),
    N_("prepare the close: expected in {n} days"),
    N_("keep momentum: next step after {stage}"),
)


def _sentences(
    rule: np.ndarray,
    overdue: np.ndarray,
    age: np.ndarray,
    inactive: np.ndarray,
    typical: np.ndarray,
    to_close: np.ndarray,
    stage: np.ndarray,
) -> np.ndarray:
    """The action sentence of every deal, built column-wise (no per-row Python code)."""
    out = np.full(len(rule), "", dtype=object)
    parts = {
        0: ("update the close date: ", _n(overdue), " days overdue"),
        2: ("make first contact: created ", _n(age), " days ago, no activity"),
        3: ("follow up: ", _n(inactive), " days without activity"),
        4: ("qualify or close: ", _n(age), " days old, typical win in ",),
        5: ("prepare the close: expected in ", _n(to_close), " days"),
    }
    for k, (head, figure, *tail) in parts.items():
        sel = rule == k
        if sel.any():
            out[sel] = head + figure[sel] + (tail[0] if tail else "")
    sel = rule == 4
    if sel.any():
        out[sel] = out[sel] + _n(typical)[sel] + " days"
    out[rule == 1] = "set an expected close date"
    sel = rule == 6
    if sel.any():
        labels = np.where(pd.isna(stage[sel]), "(none)", stage[sel].astype(str)).astype(object)
        out[sel] = "keep momentum: next step after " + labels
    return out
