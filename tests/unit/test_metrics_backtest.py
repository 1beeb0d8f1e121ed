"""Backtest over snapshots (issue 12 point 3), by hand."""

from __future__ import annotations

from datetime import date

from metrics_fixture import STAGES, build_deals, deal

from data.metrics.backtest import backtest, backtest_summary, history_ranks
from data.metrics.history import SnapshotFrame

N = None


def _series() -> list[SnapshotFrame]:
    s = build_deals([
        deal(deal_id="X", stage="Négociation", amount=1000.0, expected_close_date="2026-11-10"),
        deal(deal_id="Y", stage="Prospect", amount=2000.0, expected_close_date="2026-11-20"),
        deal(deal_id="Z", stage="Qualifié", amount=500.0, expected_close_date="2026-12-20"),
        deal(deal_id="W", stage="Gagné", status="won", amount=300.0, closed_date="2026-10-15"),
    ])
    l1 = build_deals([
        deal(deal_id="X", stage="Gagné", status="won", amount=1100.0, closed_date="2026-11-12"),
        deal(deal_id="Y", stage="Prospect", amount=2000.0, expected_close_date="2026-11-20"),
        deal(deal_id="Z", stage="Qualifié", amount=500.0, expected_close_date="2026-12-20"),
        deal(deal_id="W", stage="Gagné", status="won", amount=300.0, closed_date="2026-10-15"),
    ])
    l2 = build_deals([
        deal(deal_id="X", stage="Gagné", status="won", amount=1100.0, closed_date="2026-11-12"),
        deal(deal_id="Y", stage="Gagné", status="won", amount=2000.0),  # no date: 12-20
        deal(deal_id="Z", stage="Gagné", status="won", amount=500.0, closed_date="2026-11-25"),
    ])
    return [SnapshotFrame(3, date(2026, 12, 20), l2), SnapshotFrame(1, date(2026, 11, 1), s),
            SnapshotFrame(2, date(2026, 11, 15), l1)]


def test_backtest_rows_by_hand() -> None:
    rows = backtest(_series(), STAGES, (30, 60))
    got = {(r.import_id, r.window, r.method): (r.forecast, r.actual, r.signed_error, r.error,
                                               r.judged) for r in rows.itertuples()}
    # S (11-01): 30 days: X .7·1000 + Y .1·2000 = 900; won later by 12-01: X 1100, Z 500
    assert got[(1, 30, "configured")] == (900.0, 1600.0, -700.0, 700.0, True)
    # 60 days adds Z .3·500; Y won with no date counts on its snapshot's date (12-20)
    assert got[(1, 60, "configured")] == (1050.0, 3600.0, -2550.0, 2550.0, False)
    # L1 (11-15): 30 days (to 12-15): Y 200; won later: Z 500 (11-25); Y only at 12-20
    assert got[(2, 30, "configured")] == (200.0, 500.0, -300.0, 300.0, True)
    assert got[(2, 60, "configured")][:2] == (350.0, 2500.0)
    assert {k[0] for k in got} == {1, 2}
    summary = backtest_summary(rows).set_index(["method", "window"])
    assert summary.loc[("configured", 30)].tolist() == [2, 500.0, -500.0]
    assert summary.loc[("configured", 60), "snapshots"] == 0


def test_calibrated_method_uses_only_the_past() -> None:
    rows = backtest(_series(), STAGES, (30,), min_closed=1)
    got = {(r.import_id, r.method): r.forecast for r in rows.itertuples()}
    # S knows one closed deal (W, won): every stage 100 % -> X 1000 + Y 2000
    assert got[(1, "calibrated")] == 3000.0
    # L1 knows X and W won: still 100 % -> Y 2000
    assert got[(2, "calibrated")] == 2000.0
    # with the default threshold (20 closed deals) the configured values are kept
    default = backtest(_series(), STAGES, (30,))
    assert (default.loc[default["method"] == "calibrated", "forecast"].tolist()
            == default.loc[default["method"] == "configured", "forecast"].tolist())


def test_history_ranks_keep_the_furthest_open_stage() -> None:
    a = build_deals([deal(deal_id="L", stage="Négociation"), deal(deal_id="M", stage="Gagné",
                                                                 status="won")])
    b = build_deals([deal(deal_id="L", stage="Prospect"), deal(deal_id="K", stage="Qualifié")])
    ranks = history_ranks([SnapshotFrame(1, date(2026, 1, 1), a),
                           SnapshotFrame(2, date(2026, 2, 1), b)], STAGES)
    assert ranks == {"L": 2, "K": 1}


def test_a_single_snapshot_has_nothing_to_judge() -> None:
    one = _series()[1:2]
    assert backtest(one, STAGES).empty
    assert backtest_summary(backtest(one, STAGES)).empty
    assert backtest([], STAGES).empty
