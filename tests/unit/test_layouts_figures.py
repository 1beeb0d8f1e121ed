"""Figure builders (``layouts.figures``): typed aggregates in, the expected traces and values
out (plain figure dicts, as plotly.js reads them), formatted in the user's locale."""

from __future__ import annotations

import pytest

from data.pagedata.forecast import GroupVelocity
from data.pagedata.home import ForecastWindow
from data.pagedata.marketing import Inflow, SourcePerformance
from data.pagedata.pipeline import FunnelStep, StageAge, StageValue
from layouts import figures
from layouts.formatting import Formatter

FR, EN = Formatter("fr"), Formatter("en")


def _source(name: str, deals: int, won: int, conversion: float, revenue: float,
            mean: float | None) -> SourcePerformance:
    return SourcePerformance(name, deals, won, 0, 1.0 if won else None, conversion, revenue,
                             mean, None)


def test_stage_value_bars_group_gross_and_weighted_per_open_stage() -> None:
    rows = [
        StageValue("Prospect", "open", 0.1, 3, 3000.0, 300.0),
        StageValue("Négociation", "open", 0.7, 1, 1000.0, 700.0),
        StageValue("Gagné", "won", 1.0, 2, 5000.0, 5000.0),
    ]
    fig = figures.stage_value_bars(rows, EN, "EUR", lambda stage: f"/deals?stage={stage}")
    weighted, gross = fig["data"]
    layout = fig["layout"]
    assert (weighted["name"], gross["name"]) == ("Weighted", "Gross")
    assert {t["type"] for t in fig["data"]} == {"bar"} and layout["barmode"] == "group"
    assert {t["orientation"] for t in fig["data"]} == {"h"}
    # the first stage on top (a horizontal axis draws its first category at the bottom);
    # the won stage is left out
    assert gross["y"] == ["Négociation", "Prospect"]
    assert gross["x"] == [1000.0, 3000.0] and weighted["x"] == [700.0, 300.0]
    assert "3 deals" in gross["hovertext"][1]
    assert gross["customdata"] == ["/deals?stage=Négociation", "/deals?stage=Prospect"]
    assert layout["meta"]["title"] == "Open pipeline by stage (EUR)"
    assert "title" not in layout  # the card header titles the chart
    assert layout["legend"]["y"] > 1 and layout["legend"]["yanchor"] == "bottom"  # above
    assert layout["legend"]["traceorder"] == "reversed"  # the chart's own legend key kept


def test_funnel_conversion_labels_each_bar_with_its_conversion() -> None:
    rows = [FunnelStep("Prospect", 10, None), FunnelStep("Qualifié", 4, 0.4)]
    fig = figures.funnel_conversion(rows, FR)
    (bar,) = fig["data"]
    # horizontal, first stage on top: stages on y, counts along x
    assert bar["y"] == ["Prospect", "Qualifié"] and bar["x"] == [10, 4]
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert bar["text"] == ["10", "4 · 40 %"]
    assert fig["layout"]["separators"] == ", "


def test_age_by_stage_draws_mean_median_and_the_rotting_line() -> None:
    rows = [StageAge("Prospect", 2, 30.5, 30.5, 1)]
    fig = figures.age_by_stage(rows, 90.0, EN)
    assert [t["name"] for t in fig["data"]] == ["Mean age", "Median age"]
    assert fig["data"][0]["y"] == [30.5]
    assert "1 rotting" in fig["data"][0]["hovertext"][0]
    (line,) = fig["layout"]["shapes"]
    assert (line["y0"], line["y1"]) == (90.0, 90.0) and line["xref"] == "x domain"
    (label,) = fig["layout"]["annotations"]
    assert label["text"] == "rotting after 90 d" and label["y"] == 90.0
    assert "shapes" not in figures.age_by_stage(rows, None, EN)["layout"]


def test_horizontal_amounts_puts_the_first_bar_on_top() -> None:
    fig = figures.horizontal_amounts([("Tech", 500.0, 2), ("Retail", None, 1)], "T", EN, "USD")
    (bar,) = fig["data"]
    assert bar["orientation"] == "h"
    assert bar["y"] == ["Retail", "Tech"] and bar["x"] == [0, 500.0]
    assert bar["hovertext"][1] == "Tech: US$500.00 · 2 deals"
    assert "customdata" not in bar  # no link: no click target


def test_source_quality_sizes_bubbles_by_mean_won_deal() -> None:
    rows = [_source("Web", 10, 2, 0.2, 4000.0, 2000.0), _source("Salon", 2, 1, 0.5, 5000.0,
                                                                  5000.0)]
    fig = figures.source_quality(rows, EN, "EUR")
    assert [t["name"] for t in fig["data"]] == ["Web", "Salon"]
    assert [(t["x"][0], t["y"][0]) for t in fig["data"]] == [(10, 0.2), (2, 0.5)]
    assert fig["data"][1]["marker"]["size"] == 60  # the biggest mean: 14 + 46
    assert fig["data"][0]["marker"]["size"] == pytest.approx(32.4)  # 14 + 46 × 2000 / 5000
    assert fig["layout"]["yaxis"]["tickformat"] == ".0%"


def test_source_revenue_has_revenue_bars_and_mean_markers() -> None:
    rows = [_source("Web", 10, 2, 0.2, 4000.0, 2000.0), _source("<b>x</b>", 1, 0, 0.0, 0.0, None)]
    fig = figures.source_revenue(rows, EN, "EUR")
    assert [t["type"] for t in fig["data"]] == ["bar", "scatter"]
    assert fig["data"][0]["y"] == [4000.0, 0]
    assert fig["data"][1]["y"] == [2000.0, None]
    assert fig["data"][0]["x"][1] == "&lt;b&gt;x&lt;/b&gt;"  # user text is escaped
    assert fig["data"][1]["yaxis"] == "y2"
    right = fig["layout"]["yaxis2"]  # the second axis on the right, in the common look
    assert right["side"] == "right" and right["gridcolor"] == figures.AXIS["gridcolor"]


def test_inflow_stacks_one_trace_per_source_with_zeros_for_missing_weeks() -> None:
    rows = [Inflow("2026-11-02", "Web", 3), Inflow("2026-11-09", "Web", 1),
            Inflow("2026-11-09", "Salon", 2)]
    fig = figures.inflow(rows, EN)
    assert [t["name"] for t in fig["data"]] == ["Salon", "Web"]
    assert fig["data"][0]["y"] == [0, 2] and fig["data"][1]["y"] == [3, 1]
    assert fig["data"][0]["x"] == ["2026-11-02", "2026-11-09"]
    assert fig["layout"]["barmode"] == "stack"


def test_forecast_range_floats_worst_to_best_with_likely_markers() -> None:
    rows = [ForecastWindow(30, 2, 2000.0, 700.0, 100.0, 1500.0),
            ForecastWindow(60, 3, 3000.0, 1200.0, None, 2500.0)]
    fig = figures.forecast_range(rows, EN, "EUR")
    band, likely = fig["data"]
    assert band["x"] == ["30 days", "60 days"]
    assert band["base"] == [100.0, 0] and band["y"] == [1400.0, 2500.0]
    assert likely["y"] == [700.0, 1200.0]
    assert "2 deals" in likely["hovertext"][0]
    compact = figures.forecast_range(rows, EN, "EUR", compact=True)
    assert compact["layout"]["meta"]["title"] == "Forecast 30/60/90"


def test_velocity_bars_show_mean_and_median_per_group() -> None:
    rows = [GroupVelocity("Alice", 3, 40.0, 35.0), GroupVelocity("Bob", 1, 12.0, 12.0)]
    fig = figures.velocity_bars(rows, "Owner", "Time-to-win by owner", FR)
    assert [t["name"] for t in fig["data"]] == ["Moyenne", "Médiane"]  # French
    assert fig["data"][0]["y"] == [40.0, 12.0] and fig["data"][1]["y"] == [35.0, 12.0]
    assert fig["layout"]["xaxis"]["title"]["text"] == "Owner"
    assert "40 j" in fig["data"][0]["hovertext"][0]
