"""What-if simulator: the 30/60/90-day forecast and the quarter's revenue under a scenario.

A scenario multiplies four levers (1 = as today). Revenue of a horizon of H days is the sum of:

- **pipeline**: the likely revenue of the open deals (METRICS.md, Forecast: Σ amount × p over
  open deals with as_of ≤ expected_close_date ≤ as_of + H), where under the scenario every open
  deal's amount is × ``deal_size``, its p is × ``win_rate`` (capped at 1) and its remaining days
  to the expected close are × ``cycle_length`` (an overdue or undated deal stays out, as in the
  forecast);
- **new deals**: deals not created yet. Today's rate is ``lead_rate`` = deals created in the
  ``lookback_days`` days up to as_of / ``lookback_days``; a new deal is won with the win rate
  (METRICS.md: won / (won + lost)), is worth the average won deal size and is won the median
  time-to-win T after its creation (METRICS.md, velocity). A deal created on day t ≤ H − T is
  won within the horizon, so new revenue = lead_rate × max(0, H − T) × win rate × average won
  size, with lead_rate × ``lead_volume``, T × ``cycle_length``, win rate × ``win_rate`` (≤ 1),
  size × ``deal_size``. It is 0 when no deal is closed or no won deal is measurable.
- for the **quarter** (the calendar quarter of as_of, H = its last day − as_of): plus the revenue
  already won in the quarter (won deals whose close day — closed_date, else
  expected_close_date — lies between the quarter's first day and as_of), which no lever changes.

The baseline is the same computation with every lever at 1: its pipeline part equals the
forecast's ``likely``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from data.metrics.codes import status_masks
from data.metrics.days import close_days, day_number, day_numbers, time_to_win_days
from data.metrics.forecast import DEFAULT_WINDOWS
from data.metrics.numbers import amounts, probabilities
from data.texts import N_, Text

#: Days of deal creations that define today's lead rate.
DEFAULT_LOOKBACK_DAYS: Final = 90
#: Accepted range of every multiplier (the UI's sliders stay inside it).
MULTIPLIER_RANGE: Final = (0.0, 10.0)
#: Scenario lever → URL parameter.
QUERY_KEYS: Final = {"win_rate": "wr", "deal_size": "size", "lead_volume": "leads",
                     "cycle_length": "cycle"}


@dataclass(frozen=True)
class Scenario:
    """Multipliers of the four levers; 1.0 everywhere is today."""

    win_rate: float = 1.0
    deal_size: float = 1.0
    lead_volume: float = 1.0
    cycle_length: float = 1.0

    def __post_init__(self) -> None:
        """Refuse a multiplier outside :data:`MULTIPLIER_RANGE` (or a cycle of length 0)."""
        low, high = MULTIPLIER_RANGE
        for name, value in asdict(self).items():
            if not (isinstance(value, int | float) and low <= float(value) <= high):
                raise ValueError(f"what-if {name}: {value!r} is not a multiplier between "
                                 f"{low:g} and {high:g}")
        if self.cycle_length <= 0:
            raise ValueError("what-if cycle_length: must be more than 0")

    @classmethod
    def from_query(cls, query: Mapping[str, Any]) -> tuple[Scenario, list[str]]:
        """A scenario from URL parameters (:data:`QUERY_KEYS`), so that a scenario is a link.

        Values may be a str or a list of str (Dash passes repeated keys as lists; the last one
        counts). A value that is not a valid multiplier is ignored (1.0) with a notice.
        """
        values: dict[str, float] = {}
        notices: list[str] = []
        for name, key in QUERY_KEYS.items():
            raw = query.get(key)
            if isinstance(raw, list | tuple):
                raw = raw[-1] if raw else None
            if raw is None or raw == "":
                continue
            try:
                value = float(str(raw).replace(",", "."))
                cls(**{name: value})
            except ValueError:
                notices.append(Text(N_("what-if {key}={value} ignored: a multiplier between {low} "
                                    "and {high} is expected"), key=key, value=repr(str(raw)[:20]),
                                    low=f"{MULTIPLIER_RANGE[0]:g}",
                                    high=f"{MULTIPLIER_RANGE[1]:g}"))
                continue
            values[name] = value
        return cls(**values), notices

    def to_query(self) -> dict[str, str]:
        """URL parameters of the levers that differ from 1 (the inverse of :meth:`from_query`)."""
        return {key: f"{getattr(self, name):g}" for name, key in QUERY_KEYS.items()
                if getattr(self, name) != 1.0}


def quarter_bounds(as_of: date) -> tuple[date, date]:
    """First and last day of the calendar quarter of ``as_of``."""
    first_month = 3 * ((as_of.month - 1) // 3) + 1
    start = date(as_of.year, first_month, 1)
    end = date(as_of.year + (first_month == 10), (first_month + 2) % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def baseline_assumptions(
    deals: pd.DataFrame, as_of: date, lookback_days: int = DEFAULT_LOOKBACK_DAYS
) -> dict[str, float | None]:
    """Today's lead rate (per day), win rate, average won deal size and median time-to-win."""
    m = status_masks(deals)
    created = day_numbers(deals, "created_date")
    today = day_number(as_of)
    recent = (created > today - lookback_days) & (created <= today)
    won, lost = int(m.won.sum()), int(m.lost.sum())
    won_amounts = amounts(deals)[m.won]
    won_amounts = won_amounts[~np.isnan(won_amounts)]
    ttw = time_to_win_days(deals)
    ttw = ttw[~np.isnan(ttw)]
    return {
        "lead_rate_per_day": int(recent.sum()) / float(lookback_days),
        "win_rate": won / (won + lost) if won + lost else None,
        "average_won_size": float(won_amounts.mean()) if len(won_amounts) else None,
        "time_to_win_days": float(np.median(ttw)) if len(ttw) else None,
    }


def _revenue(
    deals: pd.DataFrame,
    as_of: date,
    horizons: Sequence[int],
    scenario: Scenario,
    assumptions: dict[str, float | None],
) -> tuple[np.ndarray, np.ndarray]:
    """Pipeline and new-deal revenue of each horizon under ``scenario``."""
    m = status_masks(deals)
    offset = day_numbers(deals, "expected_close_date") - day_number(as_of)
    keep = m.open & (offset >= 0)
    days = offset[keep] * scenario.cycle_length
    a = np.nan_to_num(amounts(deals)[keep]) * scenario.deal_size
    p = np.minimum(np.nan_to_num(probabilities(deals)[keep]) * scenario.win_rate, 1.0)
    value = a * p
    h = np.asarray(horizons, dtype=np.float64)
    # Σ value over days <= h for every horizon: one sort, one cumulative sum
    order = np.argsort(days, kind="stable")
    cum = np.concatenate([[0.0], np.cumsum(value[order])])
    pipeline = cum[np.searchsorted(days[order], h, side="right")]
    rate, wr = assumptions["lead_rate_per_day"], assumptions["win_rate"]
    size, ttw = assumptions["average_won_size"], assumptions["time_to_win_days"]
    if not rate or wr is None or size is None or ttw is None:
        return pipeline, np.zeros(len(h))
    won_window = np.maximum(0.0, h - ttw * scenario.cycle_length)
    new = (rate * scenario.lead_volume) * won_window * min(wr * scenario.win_rate, 1.0) * (
        size * scenario.deal_size)
    return pipeline, new


def what_if(
    deals: pd.DataFrame,
    as_of: date,
    scenario: Scenario,
    windows: Sequence[int] = DEFAULT_WINDOWS,
    *,
    lookback_days: int = DEFAULT_LOOKBACK_DAYS,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The scenario against the baseline for each forecast window and the current quarter.

    See the module docstring for the definition. ``deals`` are in one currency.

    Returns:
        A frame with columns ``horizon`` ("30", "60", "90", "quarter"), ``days``, ``baseline``,
        ``scenario``, ``change`` (scenario − baseline), ``baseline_pipeline``,
        ``scenario_pipeline``, ``baseline_new``, ``scenario_new``, ``won_so_far`` (quarter
        only, else 0); and the assumptions (today's rates, the scenario, the quarter's bounds).
    """
    start, end = quarter_bounds(as_of)
    horizons = [int(w) for w in windows] + [(end - as_of).days]
    assumptions = baseline_assumptions(deals, as_of, lookback_days)
    base_pipe, base_new = _revenue(deals, as_of, horizons, Scenario(), assumptions)
    sc_pipe, sc_new = _revenue(deals, as_of, horizons, scenario, assumptions)
    close = close_days(deals)
    in_quarter = status_masks(deals).won & (close >= day_number(start)) & (
        close <= day_number(as_of))
    won_so_far = float(np.nansum(amounts(deals)[in_quarter]))
    so_far = np.zeros(len(horizons))
    so_far[-1] = won_so_far
    baseline = base_pipe + base_new + so_far
    scenario_total = sc_pipe + sc_new + so_far
    table = pd.DataFrame(
        {
            "horizon": [str(w) for w in windows] + ["quarter"],
            "days": np.asarray(horizons, dtype=np.int64),
            "baseline": np.round(baseline, 2),
            "scenario": np.round(scenario_total, 2),
            "change": np.round(scenario_total - baseline, 2),
            "baseline_pipeline": np.round(base_pipe, 2),
            "scenario_pipeline": np.round(sc_pipe, 2),
            "baseline_new": np.round(base_new, 2),
            "scenario_new": np.round(sc_new, 2),
            "won_so_far": np.round(so_far, 2),
        }
    )
    info: dict[str, Any] = {
        **assumptions,
        "lookback_days": lookback_days,
        "scenario": asdict(scenario),
        "quarter": {"start": start.isoformat(), "end": end.isoformat()},
    }
    return table, info
