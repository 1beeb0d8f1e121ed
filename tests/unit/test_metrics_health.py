"""Deal health and next action (issue 12 point 6), by hand."""

from __future__ import annotations

import pytest
from metrics_fixture import AS_OF, build_deals, deal

from data.metrics.health import deal_health

N = None
# as_of 2026-11-23; one won deal with time-to-win 30 days: T = 30 for every stage
ROWS = [
    deal(deal_id="W", stage="Gagné", status="won", created_date="2026-09-01",
         closed_date="2026-10-01"),
    # age 30, 2 days inactive, closes in 10 days, p .7
    deal(deal_id="H1", stage="Négociation", created_date="2026-10-24",
         last_activity_date="2026-11-21", expected_close_date="2026-12-03"),
    # age 90 (3 T), never worked on, 20 days overdue, p .1
    deal(deal_id="H2", stage="Prospect", created_date="2026-08-25",
         expected_close_date="2026-11-03"),
    # age 3, never worked on, no close date, p .3
    deal(deal_id="H3", stage="Qualifié", created_date="2026-11-20"),
    # same, with a close date in 27 days
    deal(deal_id="H4", stage="Qualifié", created_date="2026-11-20",
         expected_close_date="2026-12-20"),
    # age 114, 20 days inactive
    deal(deal_id="H5", stage="Qualifié", created_date="2026-08-01",
         last_activity_date="2026-11-03", expected_close_date="2027-01-01"),
    # age 114, active 3 days ago
    deal(deal_id="H6", stage="Qualifié", created_date="2026-08-01",
         last_activity_date="2026-11-20", expected_close_date="2027-01-01"),
    # age 22, active 3 days ago, closes in 39 days
    deal(deal_id="H7", stage="Qualifié", created_date="2026-11-01",
         last_activity_date="2026-11-20", expected_close_date="2027-01-01"),
]


def _by_id(table):  # type: ignore[no-untyped-def]
    return table.set_index("deal_id")


def test_scores_by_hand() -> None:
    t = _by_id(deal_health(build_deals(ROWS), AS_OF))
    assert "W" not in t.index  # open deals only
    # H1: .30·0 + .30·(2/28) + .25·0 + .15·(1 − .7) = .0664 -> 93
    assert (t.loc["H1", "health"], t.loc["H1", "band"]) == (93, "good")
    # H2: .30·1 + .30·1 (90 days since creation) + .25·(.5 + .5·20/30) + .15·.9 = .9433 -> 6
    assert (t.loc["H2", "health"], t.loc["H2", "band"]) == (6, "at_risk")
    assert t.loc["H2", "close_date_penalty"] == pytest.approx(0.8333, abs=1e-4)
    # H3: .30·(3/28) + .25·.25 (undated) + .15·.7 = .1996 -> 80
    assert t.loc["H3", "health"] == 80
    # H5: .30·1 + .30·(20/28) + .15·.7 = .6193 -> 38
    assert (t.loc["H5", "health"], t.loc["H5", "band"]) == (38, "at_risk")
    assert t["typical_days"].eq(30.0).all()


def test_next_action_rules_in_order() -> None:
    t = _by_id(deal_health(build_deals(ROWS), AS_OF))
    assert t["rule"].to_dict() == {
        "H1": "close", "H2": "update_close_date", "H3": "set_close_date",
        "H4": "first_contact", "H5": "follow_up", "H6": "requalify", "H7": "keep_going"}
    assert t.loc["H1", "action"] == "prepare the close: expected in 10 days"
    assert t.loc["H2", "action"] == "update the close date: 20 days overdue"
    assert t.loc["H3", "action"] == "set an expected close date"
    assert t.loc["H4", "action"] == "make first contact: created 3 days ago, no activity"
    assert t.loc["H5", "action"] == "follow up: 20 days without activity"
    assert t.loc["H6", "action"] == "qualify or close: 114 days old, typical win in 30 days"
    assert t.loc["H7", "action"] == "keep momentum: next step after Qualifié"


def test_typical_days_per_stage_from_the_caller() -> None:
    t = _by_id(deal_health(build_deals(ROWS), AS_OF, typical_days={"Qualifié": 200.0}))
    assert t.loc["H6", "rule"] == "keep_going" and t.loc["H6", "age_penalty"] == 0.0
    assert t.loc["H1", "typical_days"] == 30.0


def test_without_won_deals_the_default_is_45_days() -> None:
    t = _by_id(deal_health(build_deals(ROWS[1:]), AS_OF))
    assert t["typical_days"].eq(45.0).all()
    # H2, 90 days old = 2 × 45: fully aged
    assert t.loc["H2", "age_penalty"] == 1.0
