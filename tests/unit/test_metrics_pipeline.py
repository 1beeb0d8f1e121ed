"""Pipeline indicators on the hand-written fixture (expected values by hand)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from metrics_fixture import AS_OF, STAGES, build_deals, by_id, deal, eur_deals, fixture_deals

from data.metrics import (
    cold_deals,
    deal_age,
    deal_age_by_stage,
    funnel_conversion,
    owner_performance,
    rotting_deals,
    rotting_threshold_days,
    sector_totals,
    top_sectors_by_mean,
    value_by_stage,
)
from data.stages import StageSetting, default_stage_table


def test_value_by_stage_eur() -> None:
    out = value_by_stage(eur_deals(), STAGES)
    assert list(out.columns) == ["stage", "status", "probability", "count", "gross", "weighted"]
    assert list(out["stage"]) == ["Prospect", "Qualifié", "Négociation", "Démo", "Gagné", "Perdu"]
    assert list(out["status"]) == ["open"] * 4 + ["won", "lost"]
    # Prospect D01 1000, D02 2000, D14 1500 -> 4500; weighted 100 + 200 + 150 = 450
    # Qualifié D03 5000, D07 unknown -> 5000; weighted 1500
    # Négociation D04 10000*.7 + D05 8000*.9 -> 18000; 7000 + 7200 = 14200
    # Démo D06 3000, p unknown -> weighted 0
    # Gagné D08 4000 + D09 6000 (p = 1); Perdu D10 7000 + D13 unknown (p = 0)
    assert list(out["count"]) == [3, 2, 2, 1, 2, 2]
    assert list(out["gross"]) == [4500.0, 5000.0, 18000.0, 3000.0, 10000.0, 7000.0]
    assert list(out["weighted"]) == [450.0, 1500.0, 14200.0, 0.0, 10000.0, 0.0]
    probs = out["probability"].tolist()
    assert probs[:3] == [0.1, 0.3, 0.7] and math.isnan(probs[3]) and probs[4:] == [1.0, 0.0]


def test_value_by_stage_keeps_empty_stages_and_appends_unknown_ones() -> None:
    frame = build_deals([
        deal(deal_id="A", stage="Atelier", amount=100.0, probability=0.5),
        deal(deal_id="B", stage=None, amount=50.0),
        deal(deal_id="C", stage="Négociation", status="won", amount=70.0),  # status column file
    ])
    out = value_by_stage(frame, STAGES)
    # all 4 configured open stages, then Atelier and (none) by first appearance, Gagné, Perdu
    assert list(out["stage"]) == [
        "Prospect", "Qualifié", "Négociation", "Démo", "Atelier", "(none)", "Gagné", "Perdu",
    ]
    assert list(out["count"]) == [0, 0, 0, 0, 1, 1, 1, 0]
    assert list(out["weighted"]) == [0, 0, 0, 0, 50.0, 0, 70.0, 0]  # B: p unknown


def test_value_by_stage_synthetic_won_row() -> None:
    stages = default_stage_table(["Prospect"])
    frame = build_deals([deal(status="won", amount=10.0)], stages)
    out = value_by_stage(frame, stages)
    assert list(out["stage"]) == ["Prospect", "Won"]
    assert list(out["gross"]) == [0.0, 10.0]


def test_funnel_without_history() -> None:
    out = funnel_conversion(fixture_deals(), STAGES)
    # open ranks: D01 D02 D14 = 0, D03 D07 = 1, D04 D05 D11 = 2, D06 = 3; won D08 D09 D12 reach
    # every stage; lost D10 D13 sit in Perdu: no history, so they reach nothing
    assert list(out["stage"]) == ["Prospect", "Qualifié", "Négociation", "Démo"]
    assert list(out["reached"]) == [12, 9, 7, 4]
    conv = out["conversion"].tolist()
    assert math.isnan(conv[0])
    assert conv[1:] == pytest.approx([9 / 12, 7 / 9, 4 / 7])


def test_funnel_with_history() -> None:
    out = funnel_conversion(fixture_deals(), STAGES, history_rank={"D10": 2, "D13": 0})
    # D10 adds to Prospect, Qualifié, Négociation; D13 to Prospect only
    assert list(out["reached"]) == [14, 10, 8, 4]
    assert out["conversion"].tolist()[1:] == pytest.approx([10 / 14, 8 / 10, 4 / 8])


def test_funnel_lost_in_an_open_stage_counts_up_to_it() -> None:
    frame = build_deals([
        deal(deal_id="L", stage="Qualifié", status="lost"),
        deal(deal_id="O", stage="Prospect"),
    ])
    out = funnel_conversion(frame, STAGES)
    assert list(out["reached"]) == [2, 1, 0, 0]
    conv = out["conversion"].tolist()
    assert conv[1] == 0.5 and conv[2] == 0.0 and math.isnan(conv[3])  # 0/1, then 0/0


def test_funnel_without_open_stage() -> None:
    stages = [StageSetting("Gagné", "won", 1.0, 0)]
    assert funnel_conversion(fixture_deals(), stages).empty


def test_deal_age_and_rotting() -> None:
    frame = fixture_deals()
    ages = deal_age(frame, AS_OF)
    # created 11-01, 11-22, 09-01, 10-01, 06-01, 11-10, 10-15, 10-20, 11-15
    assert dict(zip(frame.loc[ages.index, "deal_id"], ages, strict=True)) == {
        "D01": 22, "D02": 1, "D03": 83, "D04": 53, "D05": 175, "D06": 13, "D07": 39,
        "D11": 34, "D14": 8,
    }
    # time-to-win 61, 70, 10 -> median 61 -> threshold 122: only D05 (175)
    assert rotting_threshold_days(frame) == 122.0
    rot = rotting_deals(frame, AS_OF)
    assert by_id(rot) == ["D05"] and list(rot["age_days"]) == [175.0]


def test_rotting_default_without_won_deal() -> None:
    frame = build_deals([deal(created_date="2026-08-01"), deal(created_date="2026-10-01")])
    assert rotting_threshold_days(frame) == 90.0
    assert len(rotting_deals(frame, AS_OF)) == 1  # 114 days > 90; 53 days is not


def test_deal_age_by_stage() -> None:
    out = deal_age_by_stage(fixture_deals(), AS_OF, STAGES)
    assert list(out["stage"]) == ["Prospect", "Qualifié", "Négociation", "Démo"]
    assert list(out["count"]) == [3, 2, 3, 1]
    # Prospect 22, 1, 8: mean 31/3, median 8; Qualifié 83, 39; Négociation 53, 175, 34: mean
    # 262/3, median 53; Démo 13
    assert list(out["mean_days"]) == [10.33, 61.0, 87.33, 13.0]
    assert list(out["median_days"]) == [8.0, 61.0, 53.0, 13.0]
    assert list(out["rotting"]) == [0, 0, 1, 0]


def test_cold_deals() -> None:
    out = cold_deals(fixture_deals(), AS_OF)
    # D03 22 days, D07 18, D05 exactly 14; D01/D02 have no activity date: not cold
    assert by_id(out) == ["D03", "D07", "D05"]
    assert list(out["days_inactive"]) == [22.0, 18.0, 14.0]
    assert by_id(cold_deals(fixture_deals(), AS_OF, threshold_days=20)) == ["D03"]
    assert by_id(cold_deals(fixture_deals(), AS_OF, limit=1)) == ["D03"]


def test_sector_totals() -> None:
    out = sector_totals(fixture_deals())
    # Tech 1000+5000+10000+4000+50000+9000 (+D13 unknown) = 79000 over 7 deals
    # Finance 8000+3000+6000 = 17000 (3); Retail 2000+7000+1500 (+D07 unknown) = 10500 (4)
    assert out.to_dict("list") == {
        "sector": ["Tech", "Finance", "Retail"],
        "gross": [79000.0, 17000.0, 10500.0],
        "count": [7, 3, 4],
    }


def test_sector_totals_none_label() -> None:
    out = sector_totals(build_deals([deal(sector=None, amount=5.0), deal(sector="A")]))
    assert out.to_dict("list") == {"sector": ["A", "(none)"], "gross": [1000.0, 5.0],
                                   "count": [1, 1]}


def test_top_sectors_by_mean() -> None:
    out = top_sectors_by_mean(eur_deals(), n=2)
    # Finance 17000/3 = 5666.67; Tech (1000+5000+10000+4000)/4 = 5000; Retail 10500/3 = 3500
    assert out.to_dict("list") == {
        "sector": ["Finance", "Tech"], "mean_amount": [5666.67, 5000.0], "count": [3, 4],
    }
    assert len(top_sectors_by_mean(eur_deals())) == 3


def test_owner_performance() -> None:
    out = owner_performance(eur_deals())
    # Bob: open D02 2000 + D04 10000 + D14 1500 (+D07 unknown) = 13500, weighted
    # 200 + 7000 + 150 = 7350; won D09 6000 (70 days); lost none
    # Alice: open D01 1000 + D03 5000 + D05 8000 = 14000, weighted 100 + 1500 + 7200 = 8800;
    # won D08 4000 (61 days); lost D10, D13
    # (none): D06 3000, p unknown
    assert list(out["owner"]) == ["Bob", "Alice", "(none)"]
    assert list(out["open_gross"]) == [13500.0, 14000.0, 3000.0]
    assert list(out["open_weighted"]) == [7350.0, 8800.0, 0.0]
    assert list(out["won_revenue"]) == [6000.0, 4000.0, 0.0]
    assert list(out["won"]) == [1, 1, 0]
    assert list(out["lost"]) == [0, 2, 0]
    rates = out["win_rate"].tolist()
    assert rates[:2] == pytest.approx([1.0, 1 / 3]) and math.isnan(rates[2])
    ttw = out["mean_time_to_win_days"].tolist()
    assert ttw[:2] == [70.0, 61.0] and math.isnan(ttw[2])


def test_pipeline_frames_on_categorical_input_match() -> None:
    from data.metrics import optimize_text_columns

    frame = fixture_deals()
    fast = optimize_text_columns(frame)
    for fn in (sector_totals, owner_performance):
        pd.testing.assert_frame_equal(fn(frame), fn(fast))
    pd.testing.assert_frame_equal(value_by_stage(frame, STAGES), value_by_stage(fast, STAGES))
    pd.testing.assert_frame_equal(
        deal_age_by_stage(frame, AS_OF, STAGES), deal_age_by_stage(fast, AS_OF, STAGES)
    )
    pd.testing.assert_frame_equal(funnel_conversion(frame, STAGES),
                                  funnel_conversion(fast, STAGES))
    assert np.array_equal(cold_deals(frame, AS_OF).index, cold_deals(fast, AS_OF).index)
