"""The CLI's KPI summary and the indicator availability table (expected values by hand)."""

from __future__ import annotations

import json
import math

import pytest
from metrics_fixture import AS_OF, STAGES, fixture_deals

from data.metrics import INDICATOR_REQUIRES, kpi_summary, missing_columns, optimize_text_columns

KEYS = [
    "as_of", "currency", "other_currency_deals", "deals", "pipeline_gross", "pipeline_weighted",
    "win_rate", "conversion_rate", "average_deal_size", "average_won_deal_size", "won_revenue",
    "forecast", "overdue", "cold_deals", "untreated_leads", "quick_wins", "stages", "sources",
    "time_to_win_days", "period",
]


def _only_json_types(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _only_json_types(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_only_json_types(v) for v in value)
    if isinstance(value, float):
        return not math.isnan(value)
    return value is None or type(value) in (int, str, bool)


def test_kpi_summary_by_hand() -> None:
    k = kpi_summary(fixture_deals(), AS_OF, STAGES)
    assert list(k) == KEYS
    assert _only_json_types(k)
    json.dumps(k, allow_nan=False)
    assert (k["as_of"], k["currency"], k["other_currency_deals"]) == ("2026-11-23", "EUR", 2)
    # counts over all 14 deals, values over the 12 EUR ones (see test_metrics_summary)
    assert k["deals"] == {"total": 14, "open": 9, "won": 3, "lost": 2}
    assert (k["pipeline_gross"], k["pipeline_weighted"]) == (30500.0, 16150.0)
    assert k["win_rate"] == pytest.approx(0.6)
    assert k["conversion_rate"] == pytest.approx(3 / 14)
    assert (k["average_deal_size"], k["average_won_deal_size"], k["won_revenue"]) == (
        4750.0, 5000.0, 10000.0,
    )
    # forecast values in EUR; deal counts include D11 (USD, +20 days) in every window
    assert k["forecast"] == {
        "30": {"likely": 7250.0, "worst": 0.0, "best": 11000.0, "deals": 5, "gross": 12500.0},
        "60": {"likely": 14450.0, "worst": 8000.0, "best": 19000.0, "deals": 6, "gross": 20500.0},
        "90": {"likely": 14450.0, "worst": 8000.0, "best": 19000.0, "deals": 7, "gross": 23500.0},
    }
    assert k["overdue"] == {"count": 1, "gross": 5000.0}
    assert (k["cold_deals"], k["untreated_leads"], k["quick_wins"]) == (3, 2, 2)
    # stage counts include D11 (Négociation) and D12 (Gagné); values are EUR only
    assert k["stages"][2] == {"stage": "Négociation", "status": "open", "probability": 0.7,
                              "count": 3, "gross": 18000.0, "weighted": 14200.0}
    assert k["stages"][3]["probability"] is None  # Démo: unknown p
    assert k["stages"][4] == {"stage": "Gagné", "status": "won", "probability": 1.0,
                              "count": 3, "gross": 10000.0, "weighted": 10000.0}
    assert [s["count"] for s in k["stages"]] == [3, 2, 3, 1, 3, 2]
    # sources: counts over all deals, won revenue in EUR (Salon's only win is D12 in USD)
    assert [(s["source"], s["deals"], s["won"], s["lost"], s["won_revenue"])
            for s in k["sources"]] == [
        ("Web", 6, 1, 2, 4000.0), ("Salon", 4, 1, 0, 0.0), ("Referral", 3, 1, 0, 6000.0),
        ("(none)", 1, 0, 0, 0.0),
    ]
    assert k["sources"][3]["win_rate"] is None
    assert k["time_to_win_days"] == {"mean": 47.0, "median": 61.0}
    # period counts over all deals; revenue in EUR: previous = D08 4000 only
    assert k["period"]["current"]["won_revenue"] == 6000.0
    assert k["period"]["previous"]["won_revenue"] == 4000.0
    assert k["period"]["previous"]["won"] == 2
    assert k["period"]["change"]["won_revenue"] == 2000.0


def test_kpi_summary_other_currency_and_categorical_input() -> None:
    frame = fixture_deals()
    usd = kpi_summary(frame, AS_OF, STAGES, currency="USD")
    # USD: open D11 50000 (p .7), won D12 9000
    assert (usd["currency"], usd["other_currency_deals"]) == ("USD", 12)
    assert (usd["pipeline_gross"], usd["pipeline_weighted"], usd["won_revenue"]) == (
        50000.0, 35000.0, 9000.0,
    )
    assert usd["deals"]["total"] == 14
    assert kpi_summary(optimize_text_columns(frame), AS_OF, STAGES) == kpi_summary(
        frame, AS_OF, STAGES
    )


def test_missing_columns() -> None:
    assert missing_columns({"amount", "stage"}, "forecast") == ["expected_close_date"]
    assert missing_columns({"created_date"}, "velocity") == ["closed_date|expected_close_date"]
    assert missing_columns({"created_date", "expected_close_date"}, "velocity") == []
    assert missing_columns(set(), "cold_deals") == ["last_activity_date"]
    assert missing_columns(set(), "deal_counts") == []
    with pytest.raises(KeyError):
        missing_columns(set(), "no_such_indicator")


def test_availability_table_names_only_canonical_columns() -> None:
    from data.canonical import CANONICAL_FIELDS

    for needs in INDICATOR_REQUIRES.values():
        for need in needs:
            assert set(need.split("|")) <= set(CANONICAL_FIELDS)
