"""Issue 12 figure builders: fan, what-if, movement, evolution, time in stage, segments —
typed rows in, the traces and values a reader sees out (values given by hand here)."""

from __future__ import annotations

from data.pagedata.forecast import FanWindow
from data.pagedata.segments import Segment
from data.pagedata.trends import LABELS, EvolutionPoint, MovementCount, StageTime
from data.pagedata.whatif import WhatIfRow
from layouts import figures
from layouts.formatting import Formatter

EN = Formatter("en")


def _fan() -> list[FanWindow]:
    return [FanWindow(30, 2, 3000.0, 100.0, 900.0, 2500.0, 1000.0, "monte_carlo", 20000),
            FanWindow(60, 3, 5000.0, 400.0, 1800.0, 4000.0, 2000.0, "monte_carlo", 20000)]


def test_fan_chart_band_median_and_likely() -> None:
    fig = figures.fan_chart(_fan(), EN, "EUR")
    assert [t["name"] for t in fig["data"]] == ["P10", "P10 – P90", "P50 (median)",
                                          "Likely (Σ amount × p)"]
    assert fig["data"][0]["y"] == [100.0, 400.0] and fig["data"][1]["y"] == [2500.0, 4000.0]
    assert fig["data"][1]["fill"] == "tonexty"  # the band fills from P10 up to P90
    assert fig["data"][2]["y"] == [900.0, 1800.0] and fig["data"][3]["y"] == [1000.0, 2000.0]
    assert fig["data"][0]["x"] == ["30 days", "60 days"]
    assert fig["data"][3]["text"][1] == "€2,000"
    assert "P10 €400.00 · P90 €4,000.00" in fig["data"][1]["hovertext"][1]


def test_whatif_bars_baseline_then_scenario_per_horizon() -> None:
    rows = [WhatIfRow("30", 30, 100.0, 150.0, 50.0, 100.0, 150.0, 0.0, 0.0, 0.0),
            WhatIfRow("quarter", 40, 300.0, 330.0, 30.0, 100.0, 110.0, 0.0, 20.0, 200.0)]
    fig = figures.whatif_bars(rows, EN, "EUR")
    assert [t["name"] for t in fig["data"]] == ["Baseline", "Scenario"]
    # horizontal bars: horizons on the y axis (first on top), amounts along x
    assert fig["data"][0]["y"] == ["30 days", "This quarter"]
    assert fig["data"][0]["x"] == [100.0, 300.0] and fig["data"][1]["x"] == [150.0, 330.0]
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"


def test_movement_bars_count_and_amount_per_category() -> None:
    rows = [MovementCount("won", 2, 6200.0), MovementCount("removed", 1, 500.0)]
    fig = figures.movement_bars(rows, LABELS, EN, "EUR")
    assert fig["data"][0]["y"] == ["Won", "Removed"] and fig["data"][0]["x"] == [2, 1]
    assert fig["data"][0]["text"][0].startswith("2 · €6")
    assert fig["data"][0]["marker"]["color"][0] == figures.GOOD


def test_evolution_chart_stacks_gross_by_stage_and_totals_weighted() -> None:
    points = [EvolutionPoint("2026-08-17", 1, "2026-08-20", "Prospect", 3, 2200.0, 220.0),
              EvolutionPoint("2026-08-17", 1, "2026-08-20", "Qualified", 2, 3500.0, 1050.0),
              EvolutionPoint("2026-09-07", 2, "2026-09-12", "Qualified", 1, 3000.0, 900.0)]
    fig = figures.evolution_chart(points, EN, "EUR")
    assert [t["name"] for t in fig["data"]] == ["Prospect", "Qualified", "Weighted (total)"]
    assert fig["data"][0]["y"] == [2200.0, 0.0]  # a stage absent from a week is 0 there
    assert fig["data"][1]["y"] == [3500.0, 3000.0]
    assert fig["data"][2]["y"] == [1270.0, 900.0]
    assert fig["layout"]["barmode"] == "stack"


def test_stage_time_bars_marks_lower_bounds() -> None:
    rows = [StageTime("Prospect", "", 2, 23.0, 20.0, 1, True),
            StageTime("Negotiation", "", 1, 10.0, 10.0, 0, False)]
    fig = figures.stage_time_bars(rows, EN)
    assert fig["data"][0]["x"] == ["Prospect ≥", "Negotiation"]
    assert fig["data"][0]["y"] == [23.0, 10.0] and fig["data"][1]["y"] == [20.0, 10.0]
    assert "lower bound" in fig["data"][0]["hovertext"][0]
    assert "lower bound" not in fig["data"][0]["hovertext"][1]


def test_segment_bars_won_revenue_and_win_rate_on_the_right_axis() -> None:
    rows = [Segment("≤ 5 000", 4, 1, 1, 0.5, 0.25, 3000.0, 3000.0, 2000.0, 500.0, 40.0),
            Segment("<b>x</b>", 2, 0, 0, None, 0.0, 0.0, 0.0, 100.0, 10.0, None)]
    fig = figures.segment_bars(rows, "By size", "Band", EN, "EUR")
    assert fig["data"][0]["y"] == [3000.0, 0.0] and fig["data"][1]["y"] == [0.5, None]
    assert fig["data"][1]["yaxis"] == "y2"
    assert fig["data"][0]["x"][1] == "&lt;b&gt;x&lt;/b&gt;"  # user text is escaped, never markup
