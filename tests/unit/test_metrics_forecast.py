"""Forecast windows, scenarios and velocity (expected values by hand)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from metrics_fixture import AS_OF, build_deals, by_id, deal, eur_deals, fixture_deals

from data.metrics import (
    forecast_windows,
    overdue,
    time_to_win,
    undated,
    velocity,
    velocity_by,
)


def test_forecast_windows_by_hand() -> None:
    out = forecast_windows(eur_deals(), AS_OF)
    assert list(out.columns) == ["window", "deals", "gross", "likely", "worst", "best", "method"]
    # w30: D14 (+7, 1500*.1), D04 (+10, 10000*.7), D01 (+17, 1000*.1), D07 (+30, unknown amount)
    # w60: + D05 (+50, 8000*.9); w90: + D06 (+80, 3000, p unknown -> never wins)
    assert list(out["window"]) == [30, 60, 90]
    assert list(out["deals"]) == [4, 5, 6]
    assert list(out["gross"]) == [12500.0, 20500.0, 23500.0]
    assert list(out["likely"]) == [7250.0, 14450.0, 14450.0]
    # w30 = 10000·B(.7) + 1500·B(.1) + 1000·B(.1): P(revenue = 0) = .3·.9·.9 = .243 > .1 so
    # P10 = 0; P(≤ 10000) = .3 + .7·.81 = .867 < .9 ≤ P(≤ 11000) = .867 + .7·.09 = .93 -> 11000
    # w60 adds 8000·B(.9): P(< 8000) = .03 and P(≤ 8000) = .03 + .27·.81 = .2487 -> P10 = 8000;
    # P(≤ 18000) = 1 - .63·(.19) = .8803, P(≤ 19000) = .8803 + .63·.09 = .937 -> P90 = 19000
    assert list(out["worst"]) == [0.0, 8000.0, 8000.0]
    assert list(out["best"]) == [11000.0, 19000.0, 19000.0]
    assert list(out["method"]) == ["monte_carlo"] * 3


def test_forecast_is_reproducible_and_keeps_window_order() -> None:
    a = forecast_windows(eur_deals(), AS_OF, windows=(90, 30))
    b = forecast_windows(eur_deals(), AS_OF, windows=(90, 30))
    assert list(a["window"]) == [90, 30]
    assert a.equals(b)


def test_forecast_normal_method_by_hand() -> None:
    # two deals of 1000 at p = .5: mean 1000, var = 2·1000²·.25 = 500000, sd = 707.107
    # P10 = 1000 - 1.28155·707.107 = 93.81, P90 = 1906.19
    frame = build_deals([
        deal(deal_id=str(i), expected_close_date="2026-12-01", probability=0.5)
        for i in range(2)
    ])
    out = forecast_windows(frame, AS_OF, windows=(30,), max_simulated_deals=1)
    assert out.loc[0, "method"] == "normal"
    assert out.loc[0, "worst"] == pytest.approx(93.81, abs=0.01)
    assert out.loc[0, "best"] == pytest.approx(1906.19, abs=0.01)


def test_forecast_exact_and_clipping() -> None:
    # p = 1: no uncertainty; normal approximation of a skewed set is clipped at 0 and Σ amount
    sure = build_deals([deal(expected_close_date="2026-11-23", probability=1.0)])
    out = forecast_windows(sure, AS_OF, windows=(30,))
    assert out.loc[0, ["likely", "worst", "best"]].tolist() == [1000.0, 1000.0, 1000.0]
    assert out.loc[0, "method"] == "exact"
    skewed = build_deals([deal(expected_close_date="2026-12-01", probability=0.05)])
    out = forecast_windows(skewed, AS_OF, windows=(30,), max_simulated_deals=0)
    # mean 50, sd = 1000·√(.0475) = 217.9: P10 < 0 -> 0, P90 = 329.3
    assert out.loc[0, "worst"] == 0.0
    assert out.loc[0, "best"] == pytest.approx(329.31, abs=0.01)


def test_forecast_excludes_overdue_undated_and_closed() -> None:
    frame = fixture_deals()
    out = forecast_windows(frame, AS_OF, windows=(365,))
    # open and dated from AS_OF on: D01 D04 D05 D06 D07 D11 D14 (D03 overdue, D02 undated)
    assert out.loc[0, "deals"] == 7


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.one_of(st.none(), st.floats(0, 1e6)),
            st.one_of(st.none(), st.floats(0, 1)),
            st.integers(-10, 100),
        ),
        max_size=25,
    ),
    st.integers(0, 30),
)
def test_forecast_invariants(
    rows: list[tuple[float | None, float | None, int]], max_sim: int
) -> None:
    frame = build_deals([
        deal(deal_id=str(i), amount=a, probability=p, stage="Démo",
             expected_close_date=(AS_OF + timedelta(days=d)).isoformat())
        for i, (a, p, d) in enumerate(rows)
    ])
    out = forecast_windows(frame, AS_OF, max_simulated_deals=max_sim, draws=2000)
    for r in out.itertuples():
        assert 0.0 <= r.worst <= r.likely <= r.best <= r.gross
    for col in ("deals", "gross", "likely"):
        assert out[col].is_monotonic_increasing  # windows are cumulative


def test_monte_carlo_agrees_with_normal_on_a_mid_size_set() -> None:
    rng = np.random.default_rng(7)
    n = 400
    frame = build_deals([
        deal(deal_id=str(i), amount=float(a), probability=float(p), stage="Démo",
             expected_close_date="2026-12-01")
        for i, (a, p) in enumerate(zip(rng.uniform(1000, 5000, n), rng.uniform(0.2, 0.8, n),
                                       strict=True))
    ])
    mc = forecast_windows(frame, AS_OF, windows=(30,))
    normal = forecast_windows(frame, AS_OF, windows=(30,), max_simulated_deals=0)
    assert mc.loc[0, "method"] == "monte_carlo" and normal.loc[0, "method"] == "normal"
    likely = mc.loc[0, "likely"]
    spread = normal.loc[0, "best"] - likely
    for col in ("worst", "best"):
        # within 3 % of the spread (sum of 400 bounded deals is very close to normal)
        assert abs(mc.loc[0, col] - normal.loc[0, col]) < 0.03 * spread


def test_overdue_and_undated() -> None:
    late = overdue(fixture_deals(), AS_OF)
    assert by_id(late) == ["D03"] and list(late["days_overdue"]) == [10.0]
    assert by_id(undated(fixture_deals())) == ["D02"]


def test_overdue_sorted_most_late_first() -> None:
    frame = build_deals([
        deal(deal_id="A", expected_close_date="2026-11-20"),
        deal(deal_id="B", expected_close_date="2026-11-01"),
        deal(deal_id="C", expected_close_date="2026-11-23"),  # due today: not overdue
    ])
    assert by_id(overdue(frame, AS_OF)) == ["B", "A"]
    assert by_id(overdue(frame, AS_OF, limit=1)) == ["B"]


def test_time_to_win_and_velocity() -> None:
    frame = fixture_deals()
    ttw = time_to_win(frame)
    # D08 08-01 -> closed 10-01 = 61; D09 09-01 -> expected 11-10 = 70; D12 10-01 -> 10-11 = 10
    assert dict(zip(frame.loc[ttw.index, "deal_id"], ttw, strict=True)) == {
        "D08": 61.0, "D09": 70.0, "D12": 10.0,
    }
    assert velocity(frame) == {"mean": 47.0, "median": 61.0, "count": 3}


def test_time_to_win_drops_negative_and_unknown() -> None:
    frame = build_deals([
        deal(status="won", stage="Gagné", created_date="2026-10-10", closed_date="2026-10-01"),
        deal(status="won", stage="Gagné", created_date=None, closed_date="2026-10-01"),
        deal(status="won", stage="Gagné", created_date="2026-10-01", closed_date="2026-10-01"),
    ])
    assert time_to_win(frame).tolist() == [0.0]
    assert velocity(build_deals([deal()])) == {"mean": None, "median": None, "count": 0}


def test_velocity_by_source() -> None:
    out = velocity_by(fixture_deals(), "source")
    # one measured won deal each: Referral 70, Salon 10, Web 61 (count ties -> by name)
    assert out.to_dict("list") == {
        "source": ["Referral", "Salon", "Web"], "count": [1, 1, 1],
        "mean_days": [70.0, 10.0, 61.0], "median_days": [70.0, 10.0, 61.0],
    }
    by_owner = velocity_by(fixture_deals(), "owner")
    # Alice 61, Bob 70, Carol 10
    assert list(by_owner["owner"]) == ["Alice", "Bob", "Carol"]


def test_date_with_a_time_of_day_counts_as_its_day() -> None:
    frame = build_deals([deal(expected_close_date="2026-12-23 18:30")])
    assert forecast_windows(frame, date(2026, 11, 23), windows=(30,)).loc[0, "deals"] == 1
