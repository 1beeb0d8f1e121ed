"""The priority views (``data.metrics.priority``): each Home alert counts exactly the deals the
Deals page lists for the same view, on the hand-written fixture."""

from __future__ import annotations

import pytest
from metrics_fixture import AS_OF, STAGES, by_id, fixture_deals

from data import metrics
from data.metrics.priority import PRIORITY_VIEWS, priority_view

ALERTS = {"cold": "cold_deals", "untreated": "untreated_leads", "quick_wins": "quick_wins"}


@pytest.mark.parametrize("view", sorted(ALERTS))
def test_home_alert_counts_the_listed_deals(view: str) -> None:
    deals = fixture_deals()
    summary = metrics.kpi_summary(deals, AS_OF, STAGES)
    assert len(priority_view(view, deals, AS_OF, STAGES)) == summary[ALERTS[view]]


def test_overdue_view_is_the_forecast_rule() -> None:
    deals = fixture_deals()
    summary = metrics.kpi_summary(deals, AS_OF, STAGES)
    listed = priority_view("overdue", deals, AS_OF, STAGES)
    assert len(listed) == summary["overdue"]["count"]
    assert by_id(listed) == by_id(metrics.overdue(deals, AS_OF))
    assert (listed["expected_close_date"].dt.date < AS_OF).all()
    assert (listed["status"] == "open").all()


def test_views_take_the_cold_threshold_and_a_limit() -> None:
    deals = fixture_deals()
    lenient = priority_view("cold", deals, AS_OF, STAGES, cold_days=1)
    strict = priority_view("cold", deals, AS_OF, STAGES, cold_days=14)
    assert len(lenient) > len(strict) > 0
    assert len(priority_view("cold", deals, AS_OF, STAGES, cold_days=1, limit=1)) == 1


def test_no_view_or_an_unknown_one_is_every_deal() -> None:
    deals = fixture_deals()
    assert priority_view(None, deals, AS_OF, STAGES) is deals
    assert priority_view("nope", deals, AS_OF, STAGES) is deals
    assert set(PRIORITY_VIEWS) == {"cold", "overdue", "untreated", "quick_wins", "due_soon",
                                   "rotting"}
