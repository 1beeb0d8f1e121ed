"""Calibrated stage probabilities (issue 12 point 1), on hand-computed deals."""

from __future__ import annotations

import math

import numpy as np
import pytest
from metrics_fixture import STAGES, build_deals, deal

from data.metrics.calibration import (
    calibrated_probabilities,
    calibration_records,
    wilson_interval,
    with_calibrated_p,
)

# STAGES: Prospect (order 0, p .1), Qualifié (1, .3), Négociation (2, .7), Démo (3, unknown p)
ROWS = [
    deal(deal_id="W1", stage="Gagné", status="won"),
    deal(deal_id="W2", stage="Gagné", status="won"),
    deal(deal_id="W3", stage="Négociation", status="won"),  # status column file: stage kept
    deal(deal_id="L1", stage="Qualifié", status="lost"),  # lost where it stood: reached 0..1
    deal(deal_id="L2", stage="Perdu", status="lost"),  # only history can place it
    deal(deal_id="O1", stage="Prospect", status="open", amount=1000.0),
    deal(deal_id="O2", stage="Démo", status="open", amount=2000.0),
]


def test_wilson_interval_by_hand() -> None:
    low, high = wilson_interval(3, 5) or (0, 0)
    # centre (0.6 + 1.96²/10) / (1 + 1.96²/5) = 0.5566; half 1.96·√(.048 + .0384) / 1.7683 = 0.3258
    assert (low, high) == (pytest.approx(0.2307, abs=1e-4), pytest.approx(0.8824, abs=1e-4))
    low, high = wilson_interval(0, 10) or (1, 1)
    assert low == 0.0 and high == pytest.approx(3.8415 / 13.8415, abs=1e-4)
    assert wilson_interval(0, 0) is None


def test_reached_and_won_per_stage_with_history() -> None:
    deals = build_deals(ROWS)
    table = calibrated_probabilities(deals, STAGES, {"L2": 2, "O1": 0}, min_closed=4)
    assert table["stage"].tolist() == ["Prospect", "Qualifié", "Négociation", "Démo"]
    # won: 3 everywhere; L1 reached 0 and 1; L2 (history: Négociation) reached 0, 1, 2
    assert table["reached"].tolist() == [5, 5, 4, 3]
    assert table["won"].tolist() == [3, 3, 3, 3]
    assert table["calibrated"].tolist() == pytest.approx([0.6, 0.6, 0.75, 1.0])
    assert table["too_few"].tolist() == [False, False, False, True]
    used = table["used"].tolist()
    assert used[:3] == pytest.approx([0.6, 0.6, 0.75]) and math.isnan(used[3])  # Démo: no p
    assert table["configured"].tolist()[:3] == pytest.approx([0.1, 0.3, 0.7])
    assert (table["lost_unplaced"] == 0).all()
    low, high = wilson_interval(3, 4) or (0, 0)
    assert table.loc[2, "low"] == pytest.approx(low) and table.loc[2, "high"] == pytest.approx(high)


def test_without_history_a_lost_deal_with_a_closed_stage_counts_nowhere() -> None:
    table = calibrated_probabilities(build_deals(ROWS), STAGES)
    assert table["reached"].tolist() == [4, 4, 3, 3]
    assert (table["lost_unplaced"] == 1).all()
    # default threshold (20 closed deals): every stage keeps its configured value
    assert table["too_few"].all()
    assert table["used"].tolist()[:3] == pytest.approx([0.1, 0.3, 0.7])


def test_no_closed_deal_gives_undefined_rates() -> None:
    table = calibrated_probabilities(build_deals(ROWS[5:]), STAGES)
    assert table["reached"].tolist() == [0, 0, 0, 0]
    assert table["calibrated"].isna().all() and table["low"].isna().all()
    records = calibration_records(table)
    assert records[0] == {"stage": "Prospect", "configured": 0.1, "calibrated": None,
                          "reached": 0, "won": 0, "low": None, "high": None, "too_few": True,
                          "used": 0.1}


def test_forecast_with_calibrated_p_replaces_only_trusted_stages() -> None:
    deals = build_deals(ROWS)
    table = calibrated_probabilities(deals, STAGES, {"L2": 2}, min_closed=4)
    out = with_calibrated_p(deals, table)
    p = dict(zip(out["deal_id"], out["p"], strict=True))
    assert p["O1"] == pytest.approx(0.6)  # Prospect calibrated on 5 closed deals
    assert np.isnan(p["O2"])  # Démo: 3 closed deals < 4, configured (unknown) kept
    assert (p["W1"], p["L1"]) == (1.0, 0.0)
    assert np.isnan(deals.loc[deals["deal_id"] == "O2", "p"]).all()  # input untouched
    assert deals.loc[deals["deal_id"] == "O1", "p"].iloc[0] == pytest.approx(0.1)
