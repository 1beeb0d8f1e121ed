"""Issue 12 page data: the Forecast additions (calibration, switch, fan, backtest note), the
What-if, Trends and Segments builders, and the Deals health cells — on the hand-written
fixture, values checked against plain pandas or by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import numpy as np
import pandas as pd
import pytest
from metrics_fixture import AS_OF, STAGES, fixture_deals

from data.canonical import CANONICAL_FIELDS
from data.filters import FilterState
from data.pagedata import data_class, deals, forecast, segments, trends, whatif
from data.pagedata.jsonable import from_jsonable, to_jsonable
from data.snapshots import Selection, SeriesData, Snapshot, select_in
from data.store import ImportInfo

BUILDERS = {"forecast": forecast.build, "whatif": whatif.build, "trends": trends.build,
            "segments": segments.build}


def _info(import_id: int, day: date) -> ImportInfo:
    return ImportInfo(import_id, f"deals{import_id}.csv", str(import_id),
                      datetime(day.year, day.month, day.day, 9, tzinfo=UTC), 14, 14, 0, 0,
                      {c: c for c in CANONICAL_FIELDS}, dataset_id=1)


def _selection(query: str = "", frame: pd.DataFrame | None = None) -> Selection:
    snapshot = Snapshot.of(_info(7, AS_OF), fixture_deals() if frame is None else frame,
                           list(STAGES), frozenset(CANONICAL_FIELDS))
    return select_in(snapshot, FilterState.from_query(query))


def _two_snapshots(query: str = "") -> Selection:
    """The fixture as the newest snapshot, and an earlier one where D11 (Négociation now) was
    a Prospect and D01 did not exist yet: by hand, one advanced and one new deal."""
    later = fixture_deals()
    earlier = later.copy()
    earlier.loc[earlier["deal_id"] == "D11", "stage"] = "Prospect"
    earlier = earlier[earlier["deal_id"] != "D01"]
    old = select_in(Snapshot.of(_info(6, date(2026, 11, 9)), earlier, list(STAGES),
                                frozenset(CANONICAL_FIELDS)), FilterState())
    shown = _selection(query, later)
    shown.series = SeriesData((old, shown), tuple(STAGES), (date(2026, 11, 9), AS_OF))
    return shown


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_page_data_round_trips_through_json(name: str) -> None:
    for selection in (_selection(), _two_snapshots()):
        data = BUILDERS[name](selection, AS_OF, 14)
        wire = json.loads(json.dumps(to_jsonable(data), allow_nan=False))
        assert from_jsonable(type(data), wire) == data
        assert data_class(BUILDERS[name]) is type(data)


def test_forecast_calibration_rows_and_switch() -> None:
    d = fixture_deals()
    won = int((d["status"] == "won").sum())
    plain = forecast.build(_selection(), AS_OF)
    assert plain.probabilities == "configured"
    assert [r.stage for r in plain.calibration] == [s.stage for s in STAGES if s.status == "open"]
    first = plain.calibration[0]
    assert first.won == won and first.too_few  # a 14-deal fixture is below 20 closed deals
    assert first.used == first.configured
    # the switch only changes the forecast where a stage has enough closed deals: not here
    switched = forecast.build(_selection("prob=calibrated"), AS_OF)
    assert switched.probabilities == "calibrated"
    assert [w.likely for w in switched.windows] == [w.likely for w in plain.windows]
    assert forecast.probabilities_option("nonsense") == "configured"


def test_forecast_calibrated_switch_uses_observed_rates_with_enough_deals() -> None:
    """40 closed deals of a stage-only pipeline: 30 won, 10 lost in Qualifié → calibrated
    Prospect = Qualifié = 30/40; open Prospect deals are then forecast at 0.75, not 0.10."""
    today = AS_OF
    rows = ([(f"W{i}", "Gagné", "won", 100.0) for i in range(30)]
            + [(f"L{i}", "Qualifié", "lost", 100.0) for i in range(10)]
            + [("O1", "Prospect", "open", 1000.0), ("O2", "Prospect", "open", 3000.0)])
    frame = fixture_deals().iloc[0:0]
    built = pd.DataFrame({"deal_id": [r[0] for r in rows], "stage": [r[1] for r in rows],
                          "status": [r[2] for r in rows], "amount": [r[3] for r in rows],
                          "currency": "EUR"})
    built["expected_close_date"] = pd.Timestamp(today) + pd.Timedelta(days=10)
    frame = pd.concat([frame, built], ignore_index=True)
    frame["p"] = np.where(frame["status"] == "won", 1.0,
                          np.where(frame["status"] == "lost", 0.0, 0.1))
    shown = forecast.build(_selection("prob=calibrated", frame), today)
    prospect = shown.calibration[0]
    assert (prospect.reached, prospect.won, prospect.too_few) == (40, 30, False)
    assert prospect.calibrated == pytest.approx(0.75)
    assert shown.windows[0].likely == pytest.approx(4000 * 0.75)
    configured = forecast.build(_selection("", frame), today)
    assert configured.windows[0].likely == pytest.approx(4000 * 0.10)


def test_forecast_fan_and_backtest_note() -> None:
    data = forecast.build(_selection(), AS_OF)
    assert [f.window for f in data.fan] == [30, 60, 90]
    for f, w in zip(data.fan, data.windows, strict=True):
        assert f.p10 == w.worst and f.p90 == w.best and f.likely == w.likely
        assert f.p10 <= f.p50 <= f.p90
    assert data.backtest is not None and data.backtest.rows == ()
    assert "two or more snapshots" in (data.backtest.note or "")
    two = forecast.build(_two_snapshots(), AS_OF).backtest
    assert two is not None and two.snapshots == 2
    assert {r.method for r in two.rows} == {"configured", "calibrated"}
    assert {r.import_id for r in two.rows} == {6}  # the newest snapshot has nothing after it


def test_whatif_scenario_from_the_url_and_its_notices() -> None:
    data = whatif.build(_selection("size=2&wr=oops"), AS_OF)
    assert (data.deal_size, data.win_rate) == (2.0, 1.0)
    assert data.notices and "wr=" in data.notices[0]
    assert [r.horizon for r in data.rows] == ["30", "60", "90", "quarter"]
    for r in data.rows:
        # deal size scales pipeline and new deals alike; the quarter's won deals stay
        assert r.scenario - r.won_so_far == pytest.approx(2 * (r.baseline - r.won_so_far))
    assert whatif.build(_selection(), AS_OF).rows[0].change == 0


def test_trends_without_and_with_a_second_snapshot() -> None:
    alone = trends.build(_selection(), AS_OF)
    assert alone.compare_from is None and "two or more snapshots" in (alone.note or "")
    data = trends.build(_two_snapshots(), AS_OF)
    assert (data.compare_from, data.compare_to) == (6, 7)
    counts = {m.category: m.count for m in data.movement}
    assert counts == {"won": 0, "lost": 0, "advanced": 1, "moved_back": 0, "pushed": 0,
                      "new": 1, "removed": 0}
    assert {(d.deal_id, d.category) for d in data.moved} == {("D11", "advanced"),
                                                            ("D01", "new")}
    bad = trends.build(_two_snapshots("compare=99"), AS_OF)
    assert bad.compare_from == 6 and "compare=99" in (bad.note or "")
    assert {p.import_id for p in data.evolution} == {6, 7}


def test_segments_bands_cover_every_deal_in_the_currency() -> None:
    selection = _selection()
    data = segments.build(selection, AS_OF)
    assert sum(s.deals for s in data.size_bands) == len(selection.valued)
    assert sum(s.deals for s in data.sectors) == len(selection.valued)
    won = selection.valued[selection.valued["status"] == "won"]["amount"].sum()
    assert sum(s.won_revenue for s in data.sectors) == pytest.approx(won)
    assert data.velocity_by_stage == () and data.snapshots == 0


def test_deals_table_health_cells_and_sort() -> None:
    selection = _selection()
    page = deals.table_page(selection, AS_OF, None, [("health", True)], 0, 50)
    scores = [h.score for h in page.health if h is not None]
    assert scores == sorted(scores) and len(scores) == int((selection.deals["status"]
                                                            == "open").sum())
    assert page.health[-1] is None  # closed deals have no health: last
    by_id = deals.table_page(selection, AS_OF, None, [], 0, 50)
    same = {r.deal_id: h for r, h in zip(by_id.rows, by_id.health, strict=True)}
    # a deal's health does not depend on the order or the page that shows it
    assert all(same[r.deal_id] == h for r, h in zip(page.rows, page.health, strict=True))
    small = deals.table_page(selection, AS_OF, None, [], 0, 3)
    assert all(h == same[r.deal_id] for r, h in zip(small.rows, small.health, strict=True))


def test_filter_state_keeps_page_options() -> None:
    state = FilterState.from_query("stage=Prospect&wr=1.2&prob=calibrated&compare=3")
    assert state.option("wr") == "1.2" and state.option("prob") == "calibrated"
    assert FilterState.from_query(state.to_query()) == state
    assert state.is_default() is False and replace(state, stage=()).is_default()
    assert state.with_options(wr=None).option("wr") is None
    with pytest.raises(KeyError):
        state.with_options(nope="1")
