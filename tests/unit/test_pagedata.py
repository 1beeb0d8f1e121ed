"""Typed page data (``data.pagedata``): every builder on the hand-written fixture, the JSON
round trip a memo relies on, and values that the pages show, checked against the fixture."""

from __future__ import annotations

import json
from dataclasses import FrozenInstanceError
from datetime import UTC, datetime
from typing import Any

import pytest
from metrics_fixture import AS_OF, STAGES, fixture_deals

from data.canonical import CANONICAL_FIELDS
from data.filters import FilterState
from data.pagedata import data_class, deals, forecast, home, marketing, pipeline, settings
from data.pagedata.common import DealRecord
from data.pagedata.jsonable import from_jsonable, to_jsonable
from data.snapshots import Selection, Snapshot, select_in
from data.store import ImportInfo

BUILDERS = {
    "home": home.build,
    "pipeline": pipeline.build,
    "marketing": marketing.build,
    "forecast": forecast.build,
    "deals": deals.build,
    "actions": deals.actions,
    "settings": settings.build,
}


def _selection(state: FilterState | None = None) -> Selection:
    info = ImportInfo(7, "deals.csv", "abc", datetime(2026, 11, 20, 9, 30, tzinfo=UTC), 14, 14,
                      0, 0, {c: c for c in CANONICAL_FIELDS})
    snapshot = Snapshot.of(info, fixture_deals(), list(STAGES), frozenset(CANONICAL_FIELDS))
    return select_in(snapshot, state or FilterState())


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_page_data_round_trips_through_json(name: str) -> None:
    data = BUILDERS[name](_selection(), AS_OF, 14)
    wire = json.loads(json.dumps(to_jsonable(data), allow_nan=False))
    assert from_jsonable(type(data), wire) == data
    assert data_class(BUILDERS[name]) is type(data)


def test_page_data_is_frozen() -> None:
    data = home.build(_selection(), AS_OF)
    with pytest.raises(FrozenInstanceError):
        data.cold_days = 3  # type: ignore[misc]


def test_from_jsonable_rejects_an_unknown_field() -> None:
    with pytest.raises(TypeError):
        from_jsonable(DealRecord, {"deal_id": "D01", "nme": "typo"})


def test_from_jsonable_rebuilds_nested_tuples_and_floats() -> None:
    wire: dict[str, Any] = {"count": 2, "gross": 10}
    from data.pagedata.common import CountAmount

    rebuilt = from_jsonable(CountAmount, wire)
    assert rebuilt == CountAmount(2, 10.0) and isinstance(rebuilt.gross, float)
    windows = from_jsonable(
        forecast.ForecastData, to_jsonable(forecast.build(_selection(), AS_OF))
    ).windows
    assert isinstance(windows, tuple) and [w.window for w in windows] == [30, 60, 90]


def test_context_names_the_import_and_the_currency_split() -> None:
    ctx = pipeline.build(_selection(), AS_OF).context
    assert (ctx.import_ref.id, ctx.import_ref.filename) == (7, "deals.csv")
    assert ctx.import_ref.imported_at == "2026-11-20T09:30:00+00:00"
    # the fixture: 14 deals, 12 EUR and 2 USD (METRICS.md: the most frequent currency)
    assert (ctx.total_in_import, ctx.selected, ctx.currency) == (14, 14, "EUR")
    assert (ctx.currencies, ctx.other_currency_deals) == (("EUR", "USD"), 2)
    assert ctx.as_of == "2026-11-23" and ctx.requested_import is None


def test_home_data_carries_the_kpis() -> None:
    data = home.build(_selection(), AS_OF)
    from data import metrics

    selection = _selection()
    summary = metrics.kpi_summary(selection.deals, AS_OF, STAGES, currency="EUR")
    assert data.kpis.pipeline_gross == summary["pipeline_gross"]
    assert data.kpis.deals.total == 14
    assert [w.window for w in data.kpis.forecast] == [30, 60, 90]
    assert data.kpis.forecast[0].likely == summary["forecast"]["30"]["likely"]
    assert data.previous_import is None  # one import only
    assert data.missing.cold_deals == ()


def test_deals_table_page_marks_overdue_rows_with_the_forecast_rule() -> None:
    """D03 (open, expected close 2026-11-13) is the only overdue open deal of its page."""
    page = deals.table_page(_selection(), AS_OF, None, [("deal_id", True)], 0, 5)
    assert page.total == 14
    assert [r.deal_id for r in page.rows] == ["D01", "D02", "D03", "D04", "D05"]
    assert page.overdue == (False, False, True, False, False)


def test_deals_table_page_of_a_priority_view_sorts_and_slices() -> None:
    from data import metrics

    selection = _selection()
    cold = metrics.cold_deals(selection.deals, AS_OF)
    page = deals.table_page(selection, AS_OF, "cold", [("amount", False)], 0, 2)
    assert page.total == len(cold) and len(page.rows) == min(2, len(cold))
    amounts = [r.amount for r in page.rows]
    assert amounts == sorted(amounts, reverse=True)
    assert all(r.days_inactive is not None and r.days_inactive >= 14 for r in page.rows)
