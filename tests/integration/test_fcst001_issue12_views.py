"""Issue 12 views in the browser: the forecast fan, the calibration switch, the what-if
sliders (figure and URL), the health column's sort, the movement of a 2-snapshot dataset."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from browser_helpers import (
    DEALS_GRID,
    DEALS_TOTAL,
    PAGE_TIMEOUT,
    count,
    grid_cell,
    grid_column,
    number,
    plain,
    wait_for_page,
    wait_for_url,
    wait_until,
)
from selenium.webdriver.common.action_chains import ActionChains

from data.sample import sample_csv_bytes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "datalayer"))
from test_history_snapshots import HEADER, S1, S2  # noqa: E402  (the hand-computed snapshots)

#: Traces drawn in a graph (bars, scatter), counted in one script call.
_TRACES = """
const graph = document.getElementById(arguments[0]);
if (!graph || !graph.querySelector('.js-plotly-plot .main-svg')) return -1;
return graph.querySelectorAll('.main-svg g.trace').length;
"""
#: The y values of one trace of a graph's figure, as Plotly holds them.
_Y = """
const plot = document.querySelector('#' + arguments[0] + ' .js-plotly-plot');
return plot && plot.data && plot.data[arguments[1]] ? Array.from(plot.data[arguments[1]].y) : null;
"""
#: The amounts of a horizontal bar chart (the What-if bars: horizons on y, amounts along x).
_X = _Y.replace("].y)", "].x)")


def _cell(dash_duo, table: str, row: str, column: str) -> str:  # type: ignore[no-untyped-def]
    """Text of the cell in ``column`` of the row whose first cell reads ``row``."""
    # AG Grid: the pinned first column's cells sit in rows of their own, same row-index.
    script = """
    const grid = document.getElementById(arguments[0]);
    if (!grid) return null;
    for (const first of grid.querySelectorAll(
        '.ag-cell[col-id="measure"], .ag-cell[col-id="category"]')) {
      if (first.innerText.trim() !== arguments[1]) continue;
      const index = first.closest('.ag-row').getAttribute('row-index');
      const cell = grid.querySelector('.ag-row[row-index="' + index + '"] .ag-cell[col-id="'
                                      + arguments[2] + '"]');
      return cell ? cell.innerText : null;
    }
    return null;
    """
    return plain(dash_duo.driver.execute_script(script, table, row, column) or "")


def test_fcst001_fan_chart_is_drawn_with_its_method(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/forecast?lang=en")
    wait_for_page(dash_duo, "Forecast")
    wait_until(dash_duo, lambda d: d.execute_script(_TRACES, "forecast-fan-graph") >= 4,
               PAGE_TIMEOUT, "the fan chart has no P10/P90/P50/likely traces")
    p10 = dash_duo.driver.execute_script(_Y, "forecast-fan-graph", 0)
    p90 = dash_duo.driver.execute_script(_Y, "forecast-fan-graph", 1)
    p50 = dash_duo.driver.execute_script(_Y, "forecast-fan-graph", 2)
    assert len(p10) == 3 and all(a <= b <= c for a, b, c in zip(p10, p50, p90, strict=True))
    assert p90[-1] > p10[-1] > 0  # the sample's 90-day window is uncertain, not empty
    note = plain(dash_duo.find_element("#forecast-fan-graph").find_element(
        "xpath", "ancestor::div[contains(@class,'card')]").text)
    assert "Monte-Carlo simulation: 20,000 draws" in note
    assert count(dash_duo, "#page-error") == 0
    assert dash_duo.get_logs() == []


def test_fcst002_calibration_switch_changes_the_forecast(dash_duo, make_app, tmp_path) -> None:
    """The sample's newest export alone: its lost deals all sit in "Perdu" with no earlier
    snapshot, so they reach no open stage and every stage's calibrated probability is
    won / won = 100 % (checked in the table), and the calibrated likely revenue of a window is
    its Σ amount. (The sample history would place them: ``make_app(sample=True)`` loads it.)"""
    path = tmp_path / "sample-deals.csv"
    path.write_bytes(sample_csv_bytes(date.today()))
    dash_duo.start_server(make_app(files=(path,)))
    dash_duo.driver.get(dash_duo.server_url + "/forecast?lang=en")
    wait_for_page(dash_duo, "Forecast")
    dash_duo.wait_for_element("#forecast-calibration-table", timeout=PAGE_TIMEOUT)
    calibrated = grid_column(dash_duo, "#forecast-calibration-table", "calibrated")
    assert calibrated and set(calibrated) == {"100%"}
    likely = _cell(dash_duo, "forecast-table", "Likely", "30")
    gross = _cell(dash_duo, "forecast-table", "Σ amount", "30")
    assert likely != gross  # configured probabilities are below 100 %
    dash_duo.find_element("#forecast-calibrated-switch").click()
    url = wait_for_url(dash_duo, lambda u: "prob=calibrated" in u)
    assert parse_qs(urlparse(url).query)["lang"] == ["en"]  # the filters stay
    wait_until(dash_duo, lambda d: _cell(dash_duo, "forecast-table", "Likely", "30") == gross,
               PAGE_TIMEOUT, "the calibrated likely revenue is not the window's Σ amount")
    assert "calibrated probabilities" in plain(dash_duo.find_element(
        "#forecast-probabilities").text)
    dash_duo.find_element("#forecast-calibrated-switch").click()
    wait_for_url(dash_duo, lambda u: "prob=" not in u)
    wait_until(dash_duo, lambda d: _cell(dash_duo, "forecast-table", "Likely", "30") == likely,
               PAGE_TIMEOUT, "switching back did not restore the configured forecast")
    assert dash_duo.get_logs() == []


def test_fcst003_whatif_slider_changes_the_figure_and_the_url(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/what-if?lang=en")
    wait_for_page(dash_duo, "What-if")
    wait_until(dash_duo, lambda d: d.execute_script(_TRACES, "whatif-graph") == 2,
               PAGE_TIMEOUT, "the what-if figure is not drawn")
    baseline = dash_duo.driver.execute_script(_X, "whatif-graph", 0)
    assert dash_duo.driver.execute_script(_X, "whatif-graph", 1) == baseline  # levers at ×1
    mark = [m for m in dash_duo.find_elements("#whatif-deal-size .dash-slider-mark")
            if m.text == "×1.5"][0]
    ActionChains(dash_duo.driver).move_to_element(mark).click().perform()
    url = wait_for_url(dash_duo, lambda u: "size=" in u)
    size = float(parse_qs(urlparse(url).query)["size"][0])
    assert 1.3 <= size <= 1.7

    def scaled(driver) -> bool:  # type: ignore[no-untyped-def]
        now = driver.execute_script(_X, "whatif-graph", 1)
        # every revenue part but the quarter's already-won deals scales with the deal size
        return bool(now) and all(abs(s - b * size) <= 0.02 * b * size + 1
                                 for s, b in zip(now[:3], baseline[:3], strict=True))

    wait_until(dash_duo, scaled, PAGE_TIMEOUT, "the scenario bars are not baseline × size")
    assert dash_duo.driver.execute_script(_X, "whatif-graph", 0) == baseline
    assert f"Average deal size ×{size:g}" in plain(dash_duo.find_element("#whatif-scenario").text)
    # the link is the scenario: opening it again shows the same
    dash_duo.driver.get(url)
    wait_for_page(dash_duo, "What-if")
    wait_until(dash_duo, scaled, PAGE_TIMEOUT, "the link did not restore the scenario")
    # back to today: the levers leave the URL, the sliders return to ×1, the bars to baseline
    dash_duo.find_element("#whatif-reset").click()
    wait_for_url(dash_duo, lambda u: "size=" not in u)
    wait_until(dash_duo, lambda d: d.execute_script(_X, "whatif-graph", 1) == baseline,
               PAGE_TIMEOUT, "the scenario did not return to the baseline")
    thumb = dash_duo.find_element("#whatif-deal-size [role='slider']")
    wait_until(dash_duo, lambda d: thumb.get_attribute("aria-valuenow") == "1", PAGE_TIMEOUT,
               "the deal-size slider did not return to ×1")
    assert dash_duo.get_logs() == []


def test_fcst004_health_column_sorts_on_the_server(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/deals?lang=en&status=open")
    wait_for_page(dash_duo, "Deals")
    dash_duo.wait_for_element(grid_cell(DEALS_GRID, "health_text"), timeout=PAGE_TIMEOUT)
    header = f"{DEALS_GRID} .ag-header-cell[col-id='health_text'] .ag-header-cell-label"

    def scores() -> list[int]:
        cells = grid_column(dash_duo, DEALS_GRID, "health_text")
        return [int(re.sub(r"\D", "", c)) for c in cells if re.search(r"\d", c)]

    wait_until(dash_duo, lambda d: len(scores()) == 25, PAGE_TIMEOUT, "no first page of 25")
    first = scores()
    assert len(first) == 25 and first != sorted(first)  # by id, the scores are unordered
    dash_duo.find_element(header).click()
    wait_until(dash_duo, lambda d: len(scores()) == 25 and scores() == sorted(scores())
               and scores() != first,
               PAGE_TIMEOUT, "the health column did not sort ascending")
    lowest = scores()
    assert all(0 <= s <= 100 for s in lowest)
    # the last column: scroll the grid to it (AG Grid draws the columns in view only)
    scroll = ("for (const v of document.querySelectorAll(arguments[0] + ' .ag-center-cols-"
              "viewport,' + arguments[0] + ' .ag-body-horizontal-scroll-viewport')) {"
              " v.scrollLeft = arguments[1]; }")
    dash_duo.driver.execute_script(scroll, DEALS_GRID, 100_000)
    wait_until(dash_duo, lambda d: len(grid_column(dash_duo, DEALS_GRID, "next_action")) == 25
               and all(grid_column(dash_duo, DEALS_GRID, "next_action")), PAGE_TIMEOUT,
               "an open deal has no next action")  # every open deal has one
    dash_duo.driver.execute_script(scroll, DEALS_GRID, 0)
    dash_duo.find_element(header).click()
    wait_until(dash_duo, lambda d: len(scores()) == 25
               and scores() == sorted(scores(), reverse=True),
               PAGE_TIMEOUT, "the health column did not sort descending")
    assert min(scores()) >= max(lowest)
    assert dash_duo.get_logs() == []


def test_fcst005_movement_of_two_snapshots(dash_duo, make_app, tmp_path) -> None:
    """S1 → S2 of tests/datalayer/test_history_snapshots.py: by hand, one deal per category —
    A advanced (1 000), B pushed (2 000), C won (5 000), D moved back (3 000), E removed
    (500, its S1 amount), F new (800), H lost (1 500); G and I unchanged."""
    files = []
    for k, rows in enumerate((S1, S2), start=1):
        path = tmp_path / f"deals_s{k}.csv"
        path.write_text(HEADER + "\n".join(rows) + "\n")
        files.append(path)
    dash_duo.start_server(make_app(files=tuple(files)))
    dash_duo.driver.get(dash_duo.server_url + "/trends?lang=en")
    wait_for_page(dash_duo, "Trends")
    dash_duo.wait_for_element("#trends-movement-table", timeout=PAGE_TIMEOUT)
    expected = {"Won": "€5,000.00", "Lost": "€1,500.00", "Advanced": "€1,000.00",
                "Moved back": "€3,000.00", "Close date pushed": "€2,000.00", "New": "€800.00",
                "Removed": "€500.00"}
    for label, amount in expected.items():
        assert _cell(dash_duo, "trends-movement-table", label, "count") == "1", label
        assert _cell(dash_duo, "trends-movement-table", label, "amount") == amount, label
    moved = dict(zip(grid_column(dash_duo, "#trends-moved-table", "deal_id"),
                     grid_column(dash_duo, "#trends-moved-table", "category"), strict=True))
    assert moved == {"C": "Won", "H": "Lost", "A": "Advanced", "D": "Moved back",
                     "B": "Close date pushed", "F": "New", "E": "Removed"}
    wait_until(dash_duo, lambda d: d.execute_script(_TRACES, "trends-movement-graph") > 0,
               PAGE_TIMEOUT, "the movement chart is not drawn")
    wait_until(dash_duo, lambda d: d.execute_script(_TRACES, "trends-evolution-graph") > 0,
               PAGE_TIMEOUT, "the evolution chart is not drawn")
    # each category opens the Deals table on exactly its deals
    dash_duo.find_element("#trends-open-moved_back").click()
    wait_for_page(dash_duo, "Deals")
    dash_duo.wait_for_element("#deals-moved", timeout=PAGE_TIMEOUT)
    wait_until(dash_duo, lambda d: grid_column(dash_duo, DEALS_GRID, "deal_id") == ["D"],
        PAGE_TIMEOUT, "the Deals table does not show exactly the moved-back deal")
    assert number(dash_duo.find_element(DEALS_TOTAL).text) == 1
    assert "moved=moved_back" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []
