"""Issue 13, point 5: one colour per category on every chart, links to exactly the deals."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from data.filters import FilterState
from data.pagedata.forecast import GroupVelocity
from data.pagedata.marketing import Inflow, SourcePerformance
from layouts import colours, figures
from layouts.common import deals_link, window_link
from layouts.formatting import Formatter

EN = Formatter("en")
SOURCES = ["LinkedIn", "Website", "Referral", "Salon", "Cold call", "Partner", "Events"]


def _perf(name: str) -> SourcePerformance:
    return SourcePerformance(name, 10, 2, 1, 0.66, 0.2, 1000.0, 500.0, 30.0)


def test_the_same_source_has_the_same_colour_on_every_source_chart() -> None:
    rows = [_perf(s) for s in SOURCES]
    bubbles = figures.source_quality(rows, EN, "EUR")
    bubble = {t["name"]: t["marker"]["color"] for t in bubbles["data"]}
    revenue = figures.source_revenue(rows, EN, "EUR")["data"][0]
    bars = dict(zip(revenue["x"], revenue["marker"]["color"], strict=True))
    weekly = figures.inflow([Inflow("2026-11-02", s, 1) for s in SOURCES], EN)
    stacked = {t["name"]: t["marker"]["color"] for t in weekly["data"]}
    assert bubble == bars == stacked
    assert len(set(bubble.values())) == len(SOURCES)  # no two sources alike side by side
    # a subset (another filter, another page) keeps each colour when no slot is contested
    alone = figures.source_quality([_perf("LinkedIn")], EN, "EUR")["data"][0]["marker"]["color"]
    assert alone == colours.colour("LinkedIn")
    # case, accents and spaces do not change a category's colour
    assert colours.colour("Négociation") == colours.colour("negociation ")


def test_colours_never_repeat_within_a_chart() -> None:
    names = [f"Source {i}" for i in range(len(colours.PALETTE))]
    assert len(set(colours.colours(names).values())) == len(colours.PALETTE)


def test_statuses_have_fixed_colours() -> None:
    assert colours.status_colour("won") == colours.GOOD
    assert colours.status_colour("lost") == colours.BAD
    assert colours.status_colour("open") != colours.status_colour("won")


def test_inflow_without_any_source_draws_one_series_not_a_none_category() -> None:
    fig = figures.inflow([Inflow("2026-11-02", "(none)", 3), Inflow("2026-11-09", "(none)", 1)],
                         EN)
    (bar,) = fig["data"]
    assert bar["name"] == "New deals" and bar["y"] == [3, 1]
    assert fig["layout"]["showlegend"] is False


def test_velocity_links_open_the_won_deals_of_the_group() -> None:
    rows = [GroupVelocity("Alice", 3, 40.0, 35.0)]
    fig = figures.velocity_bars(rows, "Owner", "T", EN, lambda g: f"/deals?owner={g}")
    assert fig["data"][0]["customdata"] == ["/deals?owner=Alice"]


def _query(url: str) -> dict[str, list[str]]:
    parts = urlsplit(url)
    assert parts.path == "/deals"
    return parse_qs(parts.query)


def test_deals_link_narrows_the_page_filters_and_never_widens_them() -> None:
    state = FilterState(stage=("A", "B"), source=("Web",), view="cold")
    assert _query(deals_link(state, stage=("A",), status=("open",))) == {
        "stage": ["A"], "status": ["open"], "source": ["Web"]}
    # never a wider view than asked: the value asked for, not "any stage"
    assert _query(deals_link(state, stage=("C",)))["stage"] == ["C"]
    assert deals_link(state, source=("(none)",)) == ""  # no filter selects "no value"
    assert _query(deals_link(state, view="overdue"))["view"] == ["overdue"]


def test_window_link_is_the_forecast_window() -> None:
    query = _query(window_link(FilterState(), date(2026, 11, 30), 30))
    assert query == {"status": ["open"], "date": ["close"], "from": ["2026-11-30"],
                     "to": ["2026-12-30"]}
