"""What-if simulator (issue 12 point 5), by hand."""

from __future__ import annotations

from datetime import date

import pytest
from metrics_fixture import AS_OF, build_deals, deal

from data.metrics.forecast import forecast_windows
from data.metrics.whatif import Scenario, quarter_bounds, what_if

# as_of 2026-11-23; quarter 2026-10-01 .. 2026-12-31 (38 days left)
ROWS = [
    deal(deal_id="A", stage="Négociation", amount=1000.0, created_date="2026-11-01",
         expected_close_date="2026-12-03"),  # p .7, +10 days
    deal(deal_id="B", stage="Prospect", amount=2000.0, created_date="2026-09-01",
         expected_close_date="2027-01-12"),  # p .1, +50 days
    deal(deal_id="C", stage="Qualifié", amount=900.0, created_date="2026-05-01",
         expected_close_date="2026-11-01"),  # overdue: in no window
    deal(deal_id="W1", stage="Gagné", status="won", amount=4000.0, created_date="2026-10-24",
         closed_date="2026-11-13"),  # time-to-win 20, won in the quarter
    deal(deal_id="W2", stage="Gagné", status="won", amount=2000.0, created_date="2026-06-01",
         closed_date="2026-07-01"),  # time-to-win 30
    deal(deal_id="L1", stage="Perdu", status="lost", amount=100.0, created_date="2026-11-01"),
]
# created in the 90 days up to as_of: A, B, W1, L1 -> 4/90 a day; win rate 2/3; average won
# size 3000; median time-to-win 25 days


def test_quarter_bounds() -> None:
    assert quarter_bounds(date(2026, 11, 23)) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_bounds(date(2026, 1, 1)) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds(date(2026, 6, 30)) == (date(2026, 4, 1), date(2026, 6, 30))


def test_baseline_by_hand_and_equal_to_the_forecast() -> None:
    deals = build_deals(ROWS)
    table, info = what_if(deals, AS_OF, Scenario())
    t = table.set_index("horizon")
    assert info["lead_rate_per_day"] == pytest.approx(4 / 90)
    assert (info["win_rate"], info["average_won_size"], info["time_to_win_days"]) == (
        pytest.approx(2 / 3), 3000.0, 25.0)
    assert t["baseline_pipeline"].tolist()[:3] == forecast_windows(deals, AS_OF)["likely"].tolist()
    assert t["baseline_pipeline"].tolist() == [700.0, 900.0, 900.0, 700.0]
    # new deals: 4/90 × (H − 25) × 2/3 × 3000
    assert t["baseline_new"].tolist() == pytest.approx(
        [444.44, 3111.11, 5777.78, 1155.56], abs=0.01)
    assert t.loc["quarter", "won_so_far"] == 4000.0 and t.loc["quarter", "days"] == 38
    assert t.loc["quarter", "baseline"] == pytest.approx(700 + 1155.56 + 4000, abs=0.01)
    assert (t["scenario"] == t["baseline"]).all() and (t["change"] == 0).all()


def test_scenario_by_hand() -> None:
    scenario = Scenario(win_rate=1.5, deal_size=2.0, lead_volume=0.5, cycle_length=2.0)
    table, info = what_if(build_deals(ROWS), AS_OF, scenario)
    t = table.set_index("horizon")
    # A: 20 days, p min(1.05, 1), 2000; B: 100 days (out of every horizon)
    assert t["scenario_pipeline"].tolist() == [2000.0, 2000.0, 2000.0, 2000.0]
    # new: 2/90 a day × (H − 50) × min(2/3 × 1.5, 1) × 6000
    assert t["scenario_new"].tolist() == pytest.approx([0.0, 1333.33, 5333.33, 0.0], abs=0.01)
    assert t.loc["quarter", "scenario"] == 6000.0
    assert t.loc["90", "change"] == pytest.approx(7333.33 - 6677.78, abs=0.02)
    assert info["scenario"] == {"win_rate": 1.5, "deal_size": 2.0, "lead_volume": 0.5,
                                "cycle_length": 2.0}


def test_no_closed_deal_means_no_new_deal_revenue() -> None:
    table, info = what_if(build_deals(ROWS[:3]), AS_OF, Scenario(lead_volume=3.0))
    assert info["win_rate"] is None
    assert (table["scenario_new"] == 0).all() and (table["baseline_new"] == 0).all()


@pytest.mark.parametrize("bad", [{"win_rate": -1.0}, {"deal_size": 11.0},
                                 {"cycle_length": 0.0}, {"lead_volume": float("nan")}])
def test_bad_multipliers_are_refused(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="what-if"):
        Scenario(**bad)


def test_scenario_url_round_trip() -> None:
    scenario = Scenario(win_rate=1.2, deal_size=0.9, lead_volume=1.0, cycle_length=0.75)
    assert scenario.to_query() == {"wr": "1.2", "size": "0.9", "cycle": "0.75"}
    again, notices = Scenario.from_query(scenario.to_query())
    assert again == scenario and notices == []
    parsed, notices = Scenario.from_query({"wr": ["2", "1,5"], "size": "abc", "cycle": "0",
                                           "leads": "-3"})
    assert parsed == Scenario(win_rate=1.5)
    assert len(notices) == 3 and all("ignored" in n for n in notices)
    assert Scenario.from_query({}) == (Scenario(), [])
