"""Every metric on an empty frame and on a one-deal frame, against values computed by hand."""

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


#: Every metric's result reduced to plain values: a deal list to its ids and computed column, a
#: table to its columns, a scalar or dict to JSON (NaN → None).
DEAL_INPUT = frozenset(build_deals([]).columns)


def summary(result: Any) -> Any:
    if isinstance(result, pd.DataFrame):
        columns = list(result.columns)
        if "deal_id" in result:
            columns = ["deal_id", *[c for c in result.columns if c not in DEAL_INPUT]]
        return {c: m.to_json(result[c].tolist()) for c in columns}
    if isinstance(result, pd.Series):
        return m.to_json(result.tolist())
    if isinstance(result, tuple):
        return [summary(x) for x in result]
    return m.to_json(result)


#: No deal: counts 0, sums 0.0, ratios and means unknown (None), tables with their rows of
#: zeros where the rows come from the stage table, empty lists elsewhere. The rotting threshold
#: is 90 days without any won deal (METRICS.md deal age); the period bounds follow from as_of
#: 2026-11-23 (30 days ending at as_of, then the 30 before).
EMPTY_EXPECTED: dict[str, Any] = {
    "average_deal_size": None,
    "average_won_deal_size": None,
    "cold_deals": {"deal_id": [], "days_inactive": []},
    "conversion_rate": None,
    "deal_age": [],
    "deal_age_by_stage": {
        "stage": ["Prospect", "Qualifié", "Négociation", "Démo"],
        "count": [0, 0, 0, 0],
        "mean_days": [None, None, None, None],
        "median_days": [None, None, None, None],
        "rotting": [0, 0, 0, 0],
    },
    "deal_counts": {"total": 0, "open": 0, "won": 0, "lost": 0},
    "due_soon": {"deal_id": [], "days_left": []},
    "forecast_windows": {
        "window": [30, 60, 90],
        "deals": [0, 0, 0],
        "gross": [0.0, 0.0, 0.0],
        "likely": [0.0, 0.0, 0.0],
        "worst": [0.0, 0.0, 0.0],
        "best": [0.0, 0.0, 0.0],
        "method": ["exact", "exact", "exact"],
    },
    "funnel_conversion": {
        "stage": ["Prospect", "Qualifié", "Négociation", "Démo"],
        "reached": [0, 0, 0, 0],
        "conversion": [None, None, None, None],
    },
    "inflow_by_week": {"week": [], "source": [], "deals": []},
    "main_currency": None,
    "overdue": {"deal_id": [], "days_overdue": []},
    "owner_performance": {
        "owner": [],
        "open_gross": [],
        "open_weighted": [],
        "won_revenue": [],
        "won": [],
        "lost": [],
        "win_rate": [],
        "mean_time_to_win_days": [],
    },
    "period_comparison": {
        "current": {
            "start": "2026-10-25",
            "end": "2026-11-23",
            "created": 0,
            "won": 0,
            "won_revenue": 0.0,
            "win_rate": None,
        },
        "previous": {
            "start": "2026-09-25",
            "end": "2026-10-24",
            "created": 0,
            "won": 0,
            "won_revenue": 0.0,
            "win_rate": None,
        },
        "change": {"created": 0, "won": 0, "won_revenue": 0.0, "win_rate": None},
    },
    "pipeline_gross": 0.0,
    "pipeline_weighted": 0.0,
    "quick_wins": {"deal_id": [], "expected_value": []},
    "rotting_deals": {"deal_id": [], "age_days": []},
    "rotting_threshold_days": 90.0,
    "sector_totals": {"sector": [], "gross": [], "count": []},
    "source_performance": {
        "source": [],
        "deals": [],
        "won": [],
        "lost": [],
        "win_rate": [],
        "conversion_rate": [],
        "won_revenue": [],
        "mean_won_deal_size": [],
        "mean_time_to_win_days": [],
    },
    "split_currency": [{"deal_id": []}, 0],
    "time_to_win": [],
    "top_sectors_by_mean": {"sector": [], "mean_amount": [], "count": []},
    "undated": {"deal_id": []},
    "untreated_leads": {"deal_id": [], "days_waiting": []},
    "value_by_stage": {
        "stage": ["Prospect", "Qualifié", "Négociation", "Démo", "Gagné", "Perdu"],
        "status": ["open", "open", "open", "open", "won", "lost"],
        "probability": [0.1, 0.3, 0.7, None, 1.0, 0.0],
        "count": [0, 0, 0, 0, 0, 0],
        "gross": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "weighted": [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    },
    "velocity": {"mean": None, "median": None, "count": 0},
    "velocity_by": {"owner": [], "count": [], "mean_days": [], "median_days": []},
    "win_rate": None,
    "won_revenue": 0.0,
}

#: One open Prospect deal (p 0.10, 1000 EUR, source Web, no sector/owner) created 2026-11-01,
#: last activity 2026-11-02, expected close 2026-12-01; as_of 2026-11-23. By hand: gross 1000,
#: weighted 1000 × 0.1 = 100; win rate unknown (nothing closed), conversion 0 / 1 = 0; age
#: 22 days; idle 21 days ≥ 14 → cold; closes in 8 days → due soon and in every window (likely
#: 100, P10 0, P90 1000: the deal is won in 10 % of the draws); not overdue, not a quick win
#: (p < 0.5), not untreated (worked the day after creation); created in the current period;
#: ISO week of 2026-11-01 (a Sunday) starts Monday 2026-10-26; unknown sector/owner show as
#: "(none)" and are left out of the top sectors; funnel: Qualifié reached by 0 of 1 → 0.0.
ONE_EXPECTED: dict[str, Any] = {
    "average_deal_size": 1000.0,
    "average_won_deal_size": None,
    "cold_deals": {"deal_id": ["X"], "days_inactive": [21.0]},
    "conversion_rate": 0.0,
    "deal_age": [22.0],
    "deal_age_by_stage": {
        "stage": ["Prospect", "Qualifié", "Négociation", "Démo"],
        "count": [1, 0, 0, 0],
        "mean_days": [22.0, None, None, None],
        "median_days": [22.0, None, None, None],
        "rotting": [0, 0, 0, 0],
    },
    "deal_counts": {"total": 1, "open": 1, "won": 0, "lost": 0},
    "due_soon": {"deal_id": ["X"], "days_left": [8.0]},
    "forecast_windows": {
        "window": [30, 60, 90],
        "deals": [1, 1, 1],
        "gross": [1000.0, 1000.0, 1000.0],
        "likely": [100.0, 100.0, 100.0],
        "worst": [0.0, 0.0, 0.0],
        "best": [1000.0, 1000.0, 1000.0],
        "method": ["monte_carlo", "monte_carlo", "monte_carlo"],
    },
    "funnel_conversion": {
        "stage": ["Prospect", "Qualifié", "Négociation", "Démo"],
        "reached": [1, 0, 0, 0],
        "conversion": [None, 0.0, None, None],
    },
    "inflow_by_week": {"week": ["2026-10-26T00:00:00"], "source": ["Web"], "deals": [1]},
    "main_currency": "EUR",
    "overdue": {"deal_id": [], "days_overdue": []},
    "owner_performance": {
        "owner": ["(none)"],
        "open_gross": [1000.0],
        "open_weighted": [100.0],
        "won_revenue": [0.0],
        "won": [0],
        "lost": [0],
        "win_rate": [None],
        "mean_time_to_win_days": [None],
    },
    "period_comparison": {
        "current": {
            "start": "2026-10-25",
            "end": "2026-11-23",
            "created": 1,
            "won": 0,
            "won_revenue": 0.0,
            "win_rate": None,
        },
        "previous": {
            "start": "2026-09-25",
            "end": "2026-10-24",
            "created": 0,
            "won": 0,
            "won_revenue": 0.0,
            "win_rate": None,
        },
        "change": {"created": 1, "won": 0, "won_revenue": 0.0, "win_rate": None},
    },
    "pipeline_gross": 1000.0,
    "pipeline_weighted": 100.0,
    "quick_wins": {"deal_id": [], "expected_value": []},
    "rotting_deals": {"deal_id": [], "age_days": []},
    "rotting_threshold_days": 90.0,
    "sector_totals": {"sector": ["(none)"], "gross": [1000.0], "count": [1]},
    "source_performance": {
        "source": ["Web"],
        "deals": [1],
        "won": [0],
        "lost": [0],
        "win_rate": [None],
        "conversion_rate": [0.0],
        "won_revenue": [0.0],
        "mean_won_deal_size": [None],
        "mean_time_to_win_days": [None],
    },
    "split_currency": [{"deal_id": ["X"]}, 0],
    "time_to_win": [],
    "top_sectors_by_mean": {"sector": [], "mean_amount": [], "count": []},
    "undated": {"deal_id": []},
    "untreated_leads": {"deal_id": [], "days_waiting": []},
    "value_by_stage": {
        "stage": ["Prospect", "Qualifié", "Négociation", "Démo", "Gagné", "Perdu"],
        "status": ["open", "open", "open", "open", "won", "lost"],
        "probability": [0.1, 0.3, 0.7, None, 1.0, 0.0],
        "count": [1, 0, 0, 0, 0, 0],
        "gross": [1000.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        "weighted": [100.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    },
    "velocity": {"mean": None, "median": None, "count": 0},
    "velocity_by": {"owner": [], "count": [], "mean_days": [], "median_days": []},
    "win_rate": None,
    "won_revenue": 0.0,
}


def _one_deal() -> pd.DataFrame:
    return build_deals(
        [
            deal(
                created_date="2026-11-01",
                expected_close_date="2026-12-01",
                last_activity_date="2026-11-02",
                source="Web",
            )
        ]
    )


@pytest.mark.parametrize("name", sorted(set(CALLS) - {"kpi_summary"}))
def test_empty_frame(name: str) -> None:
    assert summary(CALLS[name](build_deals([]))) == EMPTY_EXPECTED[name]


@pytest.mark.parametrize("name", sorted(set(CALLS) - {"kpi_summary"}))
def test_one_deal(name: str) -> None:
    assert summary(CALLS[name](_one_deal())) == ONE_EXPECTED[name]


def test_kpi_summary_of_one_deal() -> None:
    k = m.kpi_summary(_one_deal(), AS_OF, STAGES)
    json.dumps(k, allow_nan=False)
    assert (k["currency"], k["other_currency_deals"]) == ("EUR", 0)
    assert k["deals"] == {"total": 1, "open": 1, "won": 0, "lost": 0}
    assert (k["pipeline_gross"], k["pipeline_weighted"], k["won_revenue"]) == (1000.0, 100.0, 0.0)
    assert (k["win_rate"], k["conversion_rate"], k["average_deal_size"]) == (None, 0.0, 1000.0)
    assert k["forecast"]["30"] == {
        "likely": 100.0,
        "worst": 0.0,
        "best": 1000.0,
        "deals": 1,
        "gross": 1000.0,
    }
    assert k["overdue"] == {"count": 0, "gross": 0.0}
    assert (k["cold_deals"], k["untreated_leads"], k["quick_wins"]) == (1, 0, 0)
    assert k["stages"][0] == {
        "stage": "Prospect",
        "status": "open",
        "probability": 0.1,
        "count": 1,
        "gross": 1000.0,
        "weighted": 100.0,
    }
    assert k["sources"] == [
        {"source": "Web", "deals": 1, "won": 0, "lost": 0, "win_rate": None, "won_revenue": 0.0}
    ]
    assert k["period"]["change"] == {"created": 1, "won": 0, "won_revenue": 0.0, "win_rate": None}


def test_empty_values() -> None:
    empty = build_deals([])
    assert m.deal_counts(empty) == {"total": 0, "open": 0, "won": 0, "lost": 0}
    assert (m.pipeline_gross(empty), m.pipeline_weighted(empty), m.won_revenue(empty)) == (
        0.0,
        0.0,
        0.0,
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
        1,
        1000.0,
        500.0,
        0.0,
        1000.0,
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
            if (
                isinstance(result, pd.DataFrame)
                and "stage" in result
                and name
                in (
                    "cold_deals",
                    "rotting_deals",
                    "overdue",
                    "undated",
                    "due_soon",
                    "quick_wins",
                    "untreated_leads",
                )
            ):
                assert list(result["deal_id"]) == list(plain[name]["deal_id"]), name
            else:
                assert _same(plain[name], result), name
