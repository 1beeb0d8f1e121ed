"""Issue 12 pages on a real database (SQLite and PostgreSQL): the data manager hands the
Trends, Forecast and Segments builders the snapshots of the shown dataset, and the movement
they show equals the hand computation of tests/datalayer/test_history_snapshots.py."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine
from test_history_snapshots import _import_three

from data.filters import FilterState
from data.memo import NoCache
from data.pagedata import forecast, segments, trends
from data.snapshots import NEEDS, SnapshotManager


def _selection(engine: Engine, page: str, query: str):  # type: ignore[no-untyped-def]
    manager = SnapshotManager(engine, NoCache())
    selection = manager.selection(manager.version(), FilterState.from_query(query), NEEDS[page])
    assert selection is not None
    return selection


def _counts(data: trends.TrendsData) -> dict[str, tuple[int, float]]:
    return {m.category: (m.count, m.amount) for m in data.movement}


def test_trends_movement_between_the_dataset_snapshots(engine: Engine) -> None:
    s1, s2, s3 = _import_three(engine)
    day = date(2026, 10, 15)
    latest = trends.build(_selection(engine, "trends", ""), day)
    assert [s.import_id for s in latest.snapshots] == [s1, s2, s3]
    assert (latest.compare_from, latest.compare_to) == (s2, s3)
    assert _counts(latest) == {
        "won": (1, 1200.0), "lost": (1, 2000.0), "advanced": (1, 800.0),
        "moved_back": (0, 0.0), "pushed": (0, 0.0), "new": (0, 0.0), "removed": (0, 0.0),
    }
    overall = trends.build(_selection(engine, "trends", f"compare={s1}"), day)
    assert _counts(overall) == {
        "won": (2, 6200.0), "lost": (2, 3500.0), "advanced": (0, 0.0),
        "moved_back": (1, 3000.0), "pushed": (0, 0.0), "new": (1, 800.0),
        "removed": (1, 500.0),
    }
    assert {(d.deal_id, d.category) for d in overall.moved} == {
        ("A", "won"), ("C", "won"), ("B", "lost"), ("H", "lost"), ("D", "moved_back"),
        ("F", "new"), ("E", "removed")}
    # an earlier snapshot shown: the series stops at it (nothing from its future)
    second = trends.build(_selection(engine, "trends", f"import={s2}"), day)
    assert [s.import_id for s in second.snapshots] == [s1, s2]
    assert _counts(second)["pushed"] == (1, 2000.0)
    # time in stage: Negotiation — C and D both left it after S1 (lower bounds)
    negotiation = [r for r in latest.time_in_stage if r.stage == "Negotiation"]
    assert negotiation and negotiation[0].count == 2 and negotiation[0].is_lower_bound


def test_forecast_backtest_and_segments_read_the_series(engine: Engine) -> None:
    s1, s2, s3 = _import_three(engine)
    data = forecast.build(_selection(engine, "forecast", ""), date(2026, 10, 15))
    assert data.backtest is not None and data.backtest.snapshots == 3
    assert {r.import_id for r in data.backtest.rows} == {s1, s2}
    assert {(r.method, r.window) for r in data.backtest.summary} == {
        (m, w) for m in ("configured", "calibrated") for w in (30, 60, 90)}
    # H was lost in Qualified after being open there in S1: placed by the history
    assert data.lost_unplaced == 0
    seg = segments.build(_selection(engine, "segments", ""), date(2026, 10, 15))
    assert seg.snapshots == 3 and seg.velocity_by_stage
    assert sum(s.deals for s in seg.size_bands) == 8
