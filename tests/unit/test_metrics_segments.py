"""Segments (issue 12 point 7): deal-size bands and sectors, by hand."""

from __future__ import annotations

import math

from metrics_fixture import build_deals, deal

from data.metrics.segments import (
    UNKNOWN_BAND,
    sector_performance,
    size_band_edges,
    size_band_performance,
)

ROWS = [
    deal(deal_id="a", amount=100.0, stage="Gagné", status="won", created_date="2026-01-01",
         closed_date="2026-01-11", sector="Tech"),
    deal(deal_id="b", amount=200.0, stage="Perdu", status="lost", sector="Tech"),
    deal(deal_id="c", amount=300.0, stage="Prospect", sector="Retail"),  # p .1
    deal(deal_id="d", amount=400.0, stage="Gagné", status="won", created_date="2026-01-01",
         closed_date="2026-01-21", sector="Retail"),
    deal(deal_id="e", amount=500.0, stage="Négociation", sector=None),  # p .7
    deal(deal_id="f", amount=None, stage="Prospect", sector="Tech"),
]


def test_quartile_bands_by_hand() -> None:
    deals = build_deals(ROWS)
    assert size_band_edges(deals) == [200.0, 300.0, 400.0]
    t = size_band_performance(deals).set_index("band")
    assert t.index.tolist() == ["≤ 200", "200 – 300", "300 – 400", "> 400", UNKNOWN_BAND]
    assert t["deals"].tolist() == [2, 1, 1, 1, 1]
    assert (t.loc["≤ 200", "won"], t.loc["≤ 200", "lost"], t.loc["≤ 200", "win_rate"]) == (
        1, 1, 0.5)
    assert t.loc["≤ 200", "mean_time_to_win_days"] == 10.0
    assert (t.loc["200 – 300", "open_gross"], t.loc["200 – 300", "open_weighted"]) == (300.0, 30.0)
    assert math.isnan(t.loc["200 – 300", "win_rate"])
    assert (t.loc["300 – 400", "won_revenue"], t.loc["300 – 400", "conversion_rate"]) == (
        400.0, 1.0)
    assert (t.loc["> 400", "open_gross"], t.loc["> 400", "open_weighted"]) == (500.0, 350.0)
    assert t.loc[UNKNOWN_BAND, "open_gross"] == 0.0


def test_user_bands() -> None:
    t = size_band_performance(build_deals(ROWS[:5]), edges=[250.0]).set_index("band")
    assert t.index.tolist() == ["≤ 250", "> 250"]
    assert t["deals"].tolist() == [2, 3]
    assert t["won_revenue"].tolist() == [100.0, 400.0]


def test_sector_performance() -> None:
    t = sector_performance(build_deals(ROWS)).set_index("sector")
    assert t.index.tolist() == ["Retail", "Tech", "(none)"]
    assert t.loc["Tech", "deals"] == 3 and t.loc["Tech", "win_rate"] == 0.5
    assert t.loc["(none)", "open_weighted"] == 350.0
