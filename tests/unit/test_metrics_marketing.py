"""Marketing indicators on the hand-written fixture (expected values by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from metrics_fixture import fixture_deals

from data.metrics import inflow_by_week, source_performance


def test_source_performance() -> None:
    out = source_performance(fixture_deals())
    assert list(out.columns) == [
        "source", "deals", "won", "lost", "win_rate", "conversion_rate", "won_revenue",
        "mean_won_deal_size", "mean_time_to_win_days",
    ]
    # Web: D01 D03 D05 D08 D10 D13 -> won D08 (4000, 61 days), lost D10 D13
    # Salon: D02 D07 D12 D14 -> won D12 (9000 USD, 10 days)
    # Referral: D04 D09 D11 -> won D09 (6000, 70 days)
    # (none): D06
    assert list(out["source"]) == ["Web", "Salon", "Referral", "(none)"]
    assert list(out["deals"]) == [6, 4, 3, 1]
    assert list(out["won"]) == [1, 1, 1, 0]
    assert list(out["lost"]) == [2, 0, 0, 0]
    rates = out["win_rate"].tolist()
    assert rates[:3] == pytest.approx([1 / 3, 1.0, 1.0]) and math.isnan(rates[3])
    assert out["conversion_rate"].tolist() == pytest.approx([1 / 6, 1 / 4, 1 / 3, 0.0])
    assert list(out["won_revenue"]) == [4000.0, 9000.0, 6000.0, 0.0]
    sizes = out["mean_won_deal_size"].tolist()
    assert sizes[:3] == [4000.0, 9000.0, 6000.0] and math.isnan(sizes[3])
    ttw = out["mean_time_to_win_days"].tolist()
    assert ttw[:3] == [61.0, 10.0, 70.0] and math.isnan(ttw[3])


def test_inflow_by_week() -> None:
    out = inflow_by_week(fixture_deals())
    assert list(out.columns) == ["week", "source", "deals"]
    assert out["deals"].sum() == 14
    # Mondays: D04 (Referral) and D12 (Salon) created Thu 2026-10-01 -> week of 2026-09-28;
    # D06 (no source) Tue 11-10 and D14 (Salon) Sun 11-15 -> week of 2026-11-09
    rows = {(w.date().isoformat(), s): n for w, s, n in out.itertuples(index=False)}
    assert rows[("2026-09-28", "Referral")] == 1
    assert rows[("2026-09-28", "Salon")] == 1
    assert rows[("2026-11-09", "(none)")] == 1
    assert rows[("2026-11-09", "Salon")] == 1
    assert rows[("2026-06-01", "Web")] == 1  # D05, a Monday, is its own week start
    assert len(rows) == 14
    assert out["week"].is_monotonic_increasing
    assert (out["week"].dt.day_of_week == 0).all()


def test_inflow_counts_several_deals_in_a_week() -> None:
    from metrics_fixture import build_deals, deal

    frame = build_deals([
        deal(created_date="2026-11-16", source="Web"),  # Monday
        deal(created_date="2026-11-22", source="Web"),  # Sunday, same ISO week
        deal(created_date=None, source="Web"),  # unknown date: left out
    ])
    out = inflow_by_week(frame)
    assert out.to_dict("list") == {
        "week": [pd.Timestamp("2026-11-16")], "source": ["Web"], "deals": [2],
    }
