"""Issue 4: charts render with data, Home alerts open the matching Deals subset, and a stage
probability edited on Settings changes the weighted pipeline on Home."""

from __future__ import annotations

import pytest
from browser_helpers import (
    DEALS_TOTAL,
    FILES,
    PAGE_TIMEOUT,
    click_nav,
    count,
    deals_total,
    grid_column,
    number,
    plain,
    t,
    wait_for_page,
    wait_for_plain_text,
    wait_for_url,
    wait_until,
)
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

GRAPHS = {
    ("/", "Home"): ["home-forecast-graph"],
    ("/pipeline", "Pipeline"): ["pipeline-stage-graph", "pipeline-funnel-graph",
                                "pipeline-age-graph", "pipeline-sector-graph",
                                "pipeline-top-sectors-graph"],
    ("/marketing", "Marketing"): ["marketing-quality-graph", "marketing-revenue-graph",
                                  "marketing-inflow-graph"],
    ("/forecast", "Forecast"): ["forecast-fan-graph", "forecast-velocity-source-graph",
                                "forecast-velocity-owner-graph"],
    ("/segments", "Segments"): ["segments-size-graph", "segments-sector-graph",
                                "segments-source-graph", "segments-owner-graph"],
    ("/what-if", "What-if"): ["whatif-graph"],
}
# Plotted marks: bar/funnel/scatter traces ("g.trace") or pie slices, counted in one script call
# so a re-render between two lookups cannot make the count stale.
_MARKS = """
const graph = document.getElementById(arguments[0]);
if (!graph || !graph.querySelector('.js-plotly-plot .main-svg')) return -1;
return graph.querySelectorAll('.main-svg g.trace, .main-svg g.slice').length;
"""


def test_brws006_every_chart_renders_with_data(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    for (path, title), graph_ids in GRAPHS.items():
        dash_duo.driver.get(dash_duo.server_url + path)
        wait_for_page(dash_duo, title)
        for graph_id in graph_ids:
            wait_until(dash_duo,
                       lambda d, g=graph_id: d.execute_script(_MARKS, g) > 0,
                       PAGE_TIMEOUT, f"{graph_id} has no rendered plot with data on {path}")
        assert count(dash_duo, "#page-error") == 0
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("view", ["cold", "overdue", "untreated"])
def test_brws007_home_alert_opens_exactly_those_deals(dash_duo, make_app, view) -> None:
    dash_duo.start_server(make_app(sample=True))
    card = f"#alert-{view} .kpi-value"
    dash_duo.wait_for_element(card, timeout=PAGE_TIMEOUT)
    count = int(number(dash_duo.find_element(card).text))
    assert count > 0, f"the sample should have {view} deals"

    dash_duo.find_element(f"#alert-{view}").click()
    url = wait_for_url(dash_duo, lambda u: "/deals?" in u)
    assert url == f"{dash_duo.server_url}/deals?view={view}"
    wait_for_page(dash_duo, "Deals")
    wait_for_plain_text(dash_duo, DEALS_TOTAL, deals_total(count))
    assert "active" in dash_duo.find_element(f"#deals-view-{view}").get_attribute("class")
    # The subset belongs to the Deals page only: the navbar link leads back to every deal.
    click_nav(dash_duo, "Deals")
    wait_for_plain_text(dash_duo, DEALS_TOTAL, deals_total(2000))
    assert dash_duo.get_logs() == []


def _stage_cell(dash_duo, stage: str, column: str):  # type: ignore[no-untyped-def]
    """The cell of ``column`` in the row of ``stage`` of the Settings stage table."""
    stages = grid_column(dash_duo, "#settings-stages", "stage")
    assert stage in stages, stages
    row = stages.index(stage)
    return dash_duo.find_element(
        f"#settings-stages .ag-row[row-index='{row}'] .ag-cell[col-id='{column}']")


def test_brws008_stage_probability_changes_weighted_pipeline(dash_duo, make_app) -> None:
    """canonical_12.csv has no probability column, so each open deal weighs its stage's:
    Prospect 1 000 + 2 000 at 10 %, Qualifié 5 000 at 30 %, Négociation 10 000 at 70 %
    = 8 800 €; Négociation at 45 % gives 300 + 1 500 + 4 500 = 6 300 €."""
    dash_duo.start_server(make_app(files=(FILES / "canonical_12.csv",)))
    wait_for_plain_text(dash_duo, "#kpi-weighted", "8 800,00 €")
    assert plain(dash_duo.find_element("#kpi-gross").text) == "18 000,00 €"

    click_nav(dash_duo, "Settings")
    wait_for_page(dash_duo, "Settings")
    cell = _stage_cell(dash_duo, "Négociation", "probability")
    assert plain(cell.text) == "70"
    cell.click()  # one click edits (the grid's singleClickEdit)
    dash_duo.wait_for_element("#settings-stages .ag-cell-inline-editing input", timeout=5)
    # Select the value, type the new one, Enter commits (as a user does).
    ActionChains(dash_duo.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL) \
        .send_keys("45", Keys.ENTER).perform()
    wait_until(dash_duo,
               lambda d: plain(_stage_cell(dash_duo, "Négociation", "probability")
                               .get_attribute("textContent")) == "45",
               5, "the edited probability was not kept in the table")
    dash_duo.find_element("#settings-save").click()
    dash_duo.wait_for_contains_text("#settings-saved", t("Saved: every weighted figure now uses "
                                                          "these probabilities."),
                                    timeout=PAGE_TIMEOUT)
    wait_until(dash_duo,
               lambda d: plain(_stage_cell(dash_duo, "Négociation", "source").text)
               == t("your setting"), PAGE_TIMEOUT, "the stage table did not reload the setting")

    click_nav(dash_duo, "Home")
    wait_for_plain_text(dash_duo, "#kpi-weighted", "6 300,00 €")
    assert plain(dash_duo.find_element("#kpi-gross").text) == "18 000,00 €"  # gross unchanged
    assert dash_duo.get_logs() == []
