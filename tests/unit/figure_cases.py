"""Representative inputs of every figure builder of ``layouts.figures`` (for
``test_layouts_figures_json.py``): both languages, with and without links, unknown values,
markup in user text, empty inputs, many categories.

``CASES`` maps a case name to a function of the figures module; ``figures_golden.json`` holds
what each case gave when the builders made ``go.Figure`` objects (``fig.to_plotly_json()``
through Plotly's JSON encoder), the browser's input.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from data.pagedata.forecast import FanWindow, GroupVelocity
from data.pagedata.home import ForecastWindow
from data.pagedata.marketing import Inflow, SourcePerformance
from data.pagedata.pipeline import FunnelStep, StageAge, StageValue
from data.pagedata.segments import Segment
from data.pagedata.trends import LABELS, EvolutionPoint, MovementCount, StageTime
from data.pagedata.whatif import WhatIfRow
from layouts.formatting import Formatter

GOLDEN = Path(__file__).with_name("figures_golden.json")
FR, EN = Formatter("fr"), Formatter("en")


def link(value: str) -> str:
    """A Deals URL for a category."""
    return f"/deals?x={value}"


def link2(source: str, week: str) -> str:
    """A Deals URL for a source and a week."""
    return f"/deals?source={source}&week={week}"


def window_link(days: int) -> str:
    """A Deals URL for a forecast window."""
    return f"/deals?window={days}"


def _perf(name: str, deals: int, won: int, conversion: float | None, revenue: float,
          mean: float | None) -> SourcePerformance:
    return SourcePerformance(name, deals, won, 1, 0.5 if won else None, conversion, revenue,
                             mean, 12.5)


STAGES = [
    StageValue("Prospect", "open", 0.1, 3, 3000.0, 300.0),
    StageValue("Négociation", "open", 0.7, 1, 1000.5, 700.35),
    StageValue("<b>Q</b>", "open", None, 0, 0.0, 0.0),
    StageValue("Gagné", "won", 1.0, 2, 5000.0, 5000.0),
]
FUNNEL = [FunnelStep("Prospect", 10, None), FunnelStep("Qualifié", 4, 0.4),
          FunnelStep("Gagné", 1, 0.25)]
AGES = [StageAge("Prospect", 2, 30.5, 30.0, 1), StageAge("Qualifié", 1, None, None, 0)]
SOURCES = [_perf("Web", 10, 2, 0.2, 4000.0, 2000.0), _perf("Salon", 2, 1, 0.5, 5000.0, 5000.0),
           _perf("<i>x</i>", 1, 0, None, 0.0, None)]
INFLOW = [Inflow("2026-11-02", "Web", 3), Inflow("2026-11-09", "Web", 1),
          Inflow("2026-11-09", "Salon", 2), Inflow("2026-11-16", "(none)", 4)]
WINDOWS = [ForecastWindow(30, 2, 2000.0, 700.0, 100.0, 1500.0, "monte_carlo"),
           ForecastWindow(60, 3, 3000.0, 1200.0, None, 2500.0, "normal"),
           ForecastWindow(90, 0, 0.0, 0.0, 0.0, 0.0, "exact")]
VELOCITY = [GroupVelocity("Alice", 3, 40.0, 35.0), GroupVelocity("<b>Bob</b>", 1, 12.5, None)]
FAN = [FanWindow(30, 2, 3000.0, 100.0, 900.0, 2500.0, 1000.0, "monte_carlo", 20000),
       FanWindow(60, 3, 5000.0, 400.0, 1800.0, 4000.0, 2000.0, "normal", 0)]
WHATIF = [WhatIfRow("30", 30, 100.0, 150.0, 50.0, 100.0, 150.0, 0.0, 0.0, 0.0),
          WhatIfRow("quarter", 40, 300.0, 330.0, 30.0, 100.0, 110.0, 0.0, 20.0, 200.0)]
MOVES = [MovementCount("won", 2, 6200.0), MovementCount("removed", 1, 500.0),
         MovementCount("pushed", 0, 0.0), MovementCount("other", 1, 1.0)]
EVOLUTION = [EvolutionPoint("2026-08-17", 1, "2026-08-20", "Prospect", 3, 2200.0, 220.0),
             EvolutionPoint("2026-08-17", 1, "2026-08-20", "Qualified", 2, 3500.0, 1050.0),
             EvolutionPoint("2026-09-07", 2, "2026-09-12", "<b>Q</b>", 1, 3000.0, 900.0)]
STAGE_TIMES = [StageTime("Prospect", "", 2, 23.0, 20.0, 1, True),
               StageTime("Negotiation", "", 1, 10.0, None, 0, False)]
SEGMENTS = [Segment("≤ 5 000", 4, 1, 1, 0.5, 0.25, 3000.0, 3000.0, 2000.0, 500.0, 40.0),
            Segment("<b>x</b>", 2, 0, 0, None, 0.0, 0.0, 0.0, 100.0, 10.0, None)]
MANY = [(f"Secteur {i}", float(i * 1000) if i % 3 else None, i) for i in range(14)]

Case = Callable[[ModuleType], Any]
CASES: dict[str, Case] = {
    "stage_value_bars": lambda f: f.stage_value_bars(STAGES, EN, "EUR", link),
    "stage_value_bars_fr_nolink": lambda f: f.stage_value_bars(STAGES, FR, "USD"),
    "stage_value_bars_empty": lambda f: f.stage_value_bars([], EN, "EUR"),
    "funnel_conversion": lambda f: f.funnel_conversion(FUNNEL, FR),
    "funnel_conversion_en": lambda f: f.funnel_conversion(FUNNEL, EN),
    "age_by_stage": lambda f: f.age_by_stage(AGES, 90.0, EN, link),
    "age_by_stage_fr_nothreshold": lambda f: f.age_by_stage(AGES, None, FR),
    "horizontal_amounts": lambda f: f.horizontal_amounts(MANY, "Sectors", FR, "EUR"),
    "horizontal_amounts_palette_link": lambda f: f.horizontal_amounts(
        MANY[:3], "T", EN, "USD", color=None, link=link),
    "horizontal_amounts_good": lambda f: f.horizontal_amounts(
        [("Won", 5.0, 1)], "W", EN, "EUR", color=f.GOOD),
    "source_quality": lambda f: f.source_quality(SOURCES, EN, "EUR", link),
    "source_quality_fr_zero": lambda f: f.source_quality(
        [_perf("A", 1, 0, 0.0, 0.0, None)], FR, "EUR"),
    "source_revenue": lambda f: f.source_revenue(SOURCES, FR, "EUR", link),
    "source_revenue_en": lambda f: f.source_revenue(SOURCES, EN, "GBP"),
    "inflow": lambda f: f.inflow(INFLOW, EN, link2),
    "inflow_fr": lambda f: f.inflow(INFLOW, FR),
    "inflow_unsplit": lambda f: f.inflow(
        [Inflow("2026-11-02", "(none)", 3), Inflow("2026-11-09", "(none)", 1)], EN, link2),
    "forecast_range": lambda f: f.forecast_range(WINDOWS, EN, "EUR", link=window_link),
    "forecast_range_compact_fr": lambda f: f.forecast_range(WINDOWS, FR, "EUR", height=260,
                                                            compact=True),
    "velocity_bars": lambda f: f.velocity_bars(VELOCITY, "Owner", "By owner", FR, link),
    "velocity_bars_en": lambda f: f.velocity_bars(VELOCITY, "Source", "By source", EN),
    "fan_chart": lambda f: f.fan_chart(FAN, EN, "EUR"),
    "fan_chart_fr": lambda f: f.fan_chart(FAN, FR, "EUR"),
    "whatif_bars": lambda f: f.whatif_bars(WHATIF, EN, "EUR"),
    "movement_bars": lambda f: f.movement_bars(MOVES, LABELS, FR, "EUR"),
    "evolution_chart": lambda f: f.evolution_chart(EVOLUTION, EN, "EUR"),
    "evolution_chart_empty": lambda f: f.evolution_chart([], FR, "EUR"),
    "stage_time_bars": lambda f: f.stage_time_bars(STAGE_TIMES, EN),
    "stage_time_bars_title": lambda f: f.stage_time_bars(STAGE_TIMES, FR, "Temps"),
    "segment_bars": lambda f: f.segment_bars(SEGMENTS, "By size", "Band", EN, "EUR"),
    "segment_bars_fr": lambda f: f.segment_bars(SEGMENTS, "Taille", "Tranche", FR, "EUR"),
}
