"""Every metric on an empty frame and on a one-deal frame: no error, sensible empties."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest
from metrics_fixture import AS_OF, STAGES, build_deals, deal

from data import metrics as m

CALLS: dict[str, Callable[[pd.DataFrame], Any]] = {
    "deal_counts": m.deal_counts,
    "pipeline_gross": m.pipeline_gross,
    "pipeline_weighted": m.pipeline_weighted,
    "win_rate": m.win_rate,
    "conversion_rate": m.conversion_rate,
    "average_deal_size": m.average_deal_size,
    "average_won_deal_size": m.average_won_deal_size,
    "won_revenue": m.won_revenue,
    "period_comparison": lambda d: m.period_comparison(d, AS_OF),
    "main_currency": m.main_currency,
    "split_currency": lambda d: m.split_currency(d, "EUR"),
    "value_by_stage": lambda d: m.value_by_stage(d, STAGES),
    "funnel_conversion": lambda d: m.funnel_conversion(d, STAGES, {"x": 1}),
    "deal_age": lambda d: m.deal_age(d, AS_OF),
    "deal_age_by_stage": lambda d: m.deal_age_by_stage(d, AS_OF, STAGES),
    "rotting_threshold_days": m.rotting_threshold_days,
    "rotting_deals": lambda d: m.rotting_deals(d, AS_OF),
    "cold_deals": lambda d: m.cold_deals(d, AS_OF),
    "sector_totals": m.sector_totals,
    "top_sectors_by_mean": m.top_sectors_by_mean,
    "owner_performance": m.owner_performance,
    "source_performance": m.source_performance,
    "inflow_by_week": m.inflow_by_week,
    "forecast_windows": lambda d: m.forecast_windows(d, AS_OF),
    "overdue": lambda d: m.overdue(d, AS_OF),
    "undated": m.undated,
    "time_to_win": m.time_to_win,
    "velocity": m.velocity,
    "velocity_by": lambda d: m.velocity_by(d, "owner"),
    "due_soon": lambda d: m.due_soon(d, AS_OF),
    "quick_wins": lambda d: m.quick_wins(d, AS_OF),
    "untreated_leads": lambda d: m.untreated_leads(d, AS_OF, "Prospect"),
    "kpi_summary": lambda d: m.kpi_summary(d, AS_OF, STAGES),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_empty_frame(name: str) -> None:
    CALLS[name](build_deals([]))


@pytest.mark.parametrize("name", sorted(CALLS))
def test_one_deal(name: str) -> None:
    CALLS[name](build_deals([deal(created_date="2026-11-01", expected_close_date="2026-12-01",
                                  last_activity_date="2026-11-02", source="Web")]))


def test_empty_values() -> None:
    empty = build_deals([])
    assert m.deal_counts(empty) == {"total": 0, "open": 0, "won": 0, "lost": 0}
    assert (m.pipeline_gross(empty), m.pipeline_weighted(empty), m.won_revenue(empty)) == (
        0.0, 0.0, 0.0,
    )
    assert m.win_rate(empty) is None and m.conversion_rate(empty) is None
    assert m.average_deal_size(empty) is None and m.main_currency(empty) is None
    assert m.rotting_threshold_days(empty) == 90.0
    fc = m.forecast_windows(empty, AS_OF)
    assert list(fc["deals"]) == [0, 0, 0] and list(fc["best"]) == [0.0, 0.0, 0.0]
    assert list(m.value_by_stage(empty, STAGES)["count"]) == [0] * 6
    assert list(m.funnel_conversion(empty, STAGES)["reached"]) == [0] * 4
    k = m.kpi_summary(empty, AS_OF, STAGES)
    json.dumps(k, allow_nan=False)
    assert k["currency"] is None and k["win_rate"] is None and k["stages"][0]["count"] == 0


def test_one_deal_values() -> None:
    one = build_deals([deal(expected_close_date="2026-12-01", probability=0.5)])
    assert m.pipeline_weighted(one) == 500.0
    fc = m.forecast_windows(one, AS_OF, windows=(30,))
    # one deal of 1000 at p .5: P10 = 0, P90 = 1000
    assert fc.loc[0, ["deals", "gross", "likely", "worst", "best"]].tolist() == [
        1, 1000.0, 500.0, 0.0, 1000.0,
    ]


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, pd.DataFrame | pd.Series):
        return bool(a.equals(b))
    if isinstance(a, tuple):
        return all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_shared_computations_give_the_same_results() -> None:
    from metrics_fixture import fixture_deals

    frame = fixture_deals()
    plain = {name: call(frame) for name, call in CALLS.items()}
    with m.shared_computations():
        shared = {name: call(frame) for name, call in CALLS.items()}
        again = {name: call(frame) for name, call in CALLS.items()}  # served from the cache
        fast = m.optimize_text_columns(frame)
        categorical = {name: call(fast) for name, call in CALLS.items()}
    for name in CALLS:
        assert _same(plain[name], shared[name]), name
        assert _same(plain[name], again[name]), name
        if name != "split_currency":  # the returned frame keeps its category dtypes
            result = categorical[name]
            if isinstance(result, pd.DataFrame) and "stage" in result and name in (
                "cold_deals", "rotting_deals", "overdue", "undated", "due_soon", "quick_wins",
                "untreated_leads",
            ):
                assert list(result["deal_id"]) == list(plain[name]["deal_id"]), name
            else:
                assert _same(plain[name], result), name
