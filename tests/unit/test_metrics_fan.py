"""Forecast fan (issue 12 point 2): P10/P50/P90 on the forecast's own simulation."""

from __future__ import annotations

import pytest
from metrics_fixture import AS_OF, build_deals, deal, eur_deals

from data.metrics.fan import fan_json, forecast_fan
from data.metrics.forecast import forecast_windows


def _two_deals():  # type: ignore[no-untyped-def]
    # Qualifié p .3, 3000 in 10 days; Négociation p .7, 800 in 20 days. Outcomes of the 30-day
    # window: 0 (.7·.3 = 21 %), 800 (.7·.7 = 49 %), 3000 (9 %), 3800 (21 %).
    return build_deals([
        deal(deal_id="D", stage="Qualifié", amount=3000.0, expected_close_date="2026-12-03"),
        deal(deal_id="F", stage="Négociation", amount=800.0, expected_close_date="2026-12-13"),
    ])


def test_fan_percentiles_by_hand() -> None:
    fan = forecast_fan(_two_deals(), AS_OF, (30,))
    row = fan.iloc[0]
    assert (row["p10"], row["p50"], row["p90"], row["likely"]) == (0.0, 800.0, 3800.0, 1460.0)
    assert (row["method"], row["draws"], row["deals"], row["gross"]) == (
        "monte_carlo", 20000, 2, 3800.0)


def test_fan_agrees_with_the_forecast() -> None:
    deals = eur_deals()
    fan = forecast_fan(deals, AS_OF)
    base = forecast_windows(deals, AS_OF)
    assert fan["p10"].tolist() == base["worst"].tolist()
    assert fan["p90"].tolist() == base["best"].tolist()
    assert fan["likely"].tolist() == base["likely"].tolist()
    assert (fan["p10"] <= fan["p50"]).all() and (fan["p50"] <= fan["p90"]).all()
    assert set(fan_json(fan)) == {"30", "60", "90"}


def test_normal_and_exact_methods_have_the_mean_as_median() -> None:
    deals = _two_deals()
    normal = forecast_fan(deals, AS_OF, (30,), max_simulated_deals=0).iloc[0]
    assert normal["method"] == "normal" and normal["draws"] == 0
    assert normal["p50"] == pytest.approx(1460.0)
    certain = build_deals([deal(deal_id="C", stage="Prospect", probability=1.0, amount=500.0,
                                expected_close_date="2026-11-30")])
    exact = forecast_fan(certain, AS_OF, (30,)).iloc[0]
    assert exact["method"] == "exact"
    assert (exact["p10"], exact["p50"], exact["p90"]) == (500.0, 500.0, 500.0)
