"""Priority actions on the hand-written fixture (expected values by hand)."""

from __future__ import annotations

from metrics_fixture import AS_OF, STAGES, build_deals, by_id, deal, eur_deals, fixture_deals

from data.metrics import due_soon, first_open_stage, quick_wins, untreated_leads


def test_due_soon() -> None:
    out = due_soon(fixture_deals(), AS_OF)
    # D14 +7, D04 +10, D01 +17, D11 +20, D07 +30 (boundary included)
    assert by_id(out) == ["D14", "D04", "D01", "D11", "D07"]
    assert list(out["days_left"]) == [7.0, 10.0, 17.0, 20.0, 30.0]


def test_quick_wins() -> None:
    out = quick_wins(fixture_deals(), AS_OF)
    # p ≥ .5 and due within 30 days: D11 50000·.7 = 35000, D04 10000·.7 = 7000
    # (D05 p .9 is due in 50 days; D07 p .3)
    assert by_id(out) == ["D11", "D04"]
    assert list(out["expected_value"]) == [35000.0, 7000.0]
    assert by_id(quick_wins(eur_deals(), AS_OF)) == ["D04"]
    assert by_id(quick_wins(fixture_deals(), AS_OF, min_p=0.8)) == []


def test_quick_wins_unknown_amount_last() -> None:
    frame = build_deals([
        deal(deal_id="A", amount=None, probability=0.9, expected_close_date="2026-11-25"),
        deal(deal_id="B", amount=10.0, probability=0.9, expected_close_date="2026-11-25"),
    ])
    assert by_id(quick_wins(frame, AS_OF)) == ["B", "A"]


def test_untreated_leads() -> None:
    first = first_open_stage(STAGES)
    assert first == "Prospect"
    out = untreated_leads(fixture_deals(), AS_OF, first)
    # D01 created 11-01, no activity (22 days); D14 created 11-15, activity on 11-15 only (8)
    # D02 created 11-22: only 1 day old
    assert by_id(out) == ["D01", "D14"]
    assert list(out["days_waiting"]) == [22.0, 8.0]


def test_untreated_leads_boundaries() -> None:
    frame = build_deals([
        deal(deal_id="two_days", created_date="2026-11-21"),
        deal(deal_id="one_day", created_date="2026-11-22"),
        deal(deal_id="worked", created_date="2026-11-01", last_activity_date="2026-11-02"),
        deal(deal_id="no_date", created_date=None),
        deal(deal_id="later_stage", stage="Qualifié", created_date="2026-11-01"),
        deal(deal_id="closed", status="lost", created_date="2026-11-01"),
    ])
    assert by_id(untreated_leads(frame, AS_OF, "Prospect")) == ["two_days"]
    assert by_id(untreated_leads(frame, AS_OF, "Prospect", hours=24)) == ["two_days", "one_day"]
    assert untreated_leads(frame, AS_OF, None).empty
    assert first_open_stage([]) is None
