"""Issue 16: the AG Grid bundle is evaluated only where a grid is drawn.

Home (the one page without a grid) does not list it among its scripts; a grid page opened first
lists it; a grid reached by in-app navigation from Home is drawn once ``assets/lazybundles.js``
has loaded the bundle, on loopback and on a slow emulated link (the response that brings the
grid waits for the script, so Dash never meets an unknown namespace).
"""

from __future__ import annotations

import pytest
from browser_helpers import (
    DEALS_GRID,
    PAGE_TIMEOUT,
    click_nav,
    grid_cell,
    grid_column,
    wait_for_page,
    wait_until,
)

GRID_SCRIPTS = """return Array.from(document.scripts, s => s.src)
  .filter(src => src.includes('/dash_ag_grid/'));"""
#: 20 Mbit/s down and up, 40 ms round trip (bench/browser.py's link), then 2 Mbit/s: a slow
#: bundle must still arrive before the grid is drawn.
LINKS = {"loopback": None,
         "slow": {"offline": False, "latency": 40, "downloadThroughput": 2e6 / 8,
                  "uploadThroughput": 2e6 / 8}}


def _grid_scripts(dash_duo) -> list[str]:  # type: ignore[no-untyped-def]
    return list(dash_duo.driver.execute_script(GRID_SCRIPTS))


def test_perf004_home_has_no_grid_bundle(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/")
    wait_for_page(dash_duo, "Home")
    assert _grid_scripts(dash_duo) == []
    # only the stand-in that carries the grid's props for Dash's check of the callbacks
    assert dash_duo.driver.execute_script("return window.dash_ag_grid.__crmStandIn;") is True
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(("path", "title", "grid"), [
    ("/deals", "Deals", DEALS_GRID),
    ("/settings", "Settings", "#settings-stages"),
])
def test_perf004_grid_page_opened_first(dash_duo, make_app, path: str, title: str,
                                        grid: str) -> None:
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_page(dash_duo, title)
    assert len(_grid_scripts(dash_duo)) == 1  # listed up front, not loaded a second time
    wait_until(dash_duo, lambda d: any(grid_column(dash_duo, grid, "stage")), PAGE_TIMEOUT,
               f"the {title} grid stayed empty")
    assert dash_duo.get_logs() == []


@pytest.mark.parametrize("link", sorted(LINKS))
@pytest.mark.parametrize(("title", "grid"), [
    ("Deals", DEALS_GRID),
    ("Settings", "#settings-stages"),
])
def test_perf004_grid_reached_by_navigation(dash_duo, make_app, link: str, title: str,
                                            grid: str) -> None:
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/")
    wait_for_page(dash_duo, "Home")
    assert _grid_scripts(dash_duo) == []
    if LINKS[link] is not None:
        dash_duo.driver.execute_cdp_cmd("Network.enable", {})
        dash_duo.driver.execute_cdp_cmd("Network.emulateNetworkConditions", LINKS[link])
    click_nav(dash_duo, title)
    wait_for_page(dash_duo, title)
    dash_duo.wait_for_element(grid_cell(grid, "stage"), timeout=PAGE_TIMEOUT)
    wait_until(dash_duo, lambda d: any(grid_column(dash_duo, grid, "stage")), PAGE_TIMEOUT,
               f"the {title} grid stayed empty")
    assert len(_grid_scripts(dash_duo)) == 1  # loaded once, by the first response naming it
    assert dash_duo.driver.execute_script("return window.dash_ag_grid.__crmStandIn;") is None
    # back to Home and again to the grid: nothing loaded twice, the grid drawn again
    click_nav(dash_duo, "Home")
    wait_for_page(dash_duo, "Home")
    click_nav(dash_duo, title)
    wait_for_page(dash_duo, title)
    dash_duo.wait_for_element(grid_cell(grid, "stage"), timeout=PAGE_TIMEOUT)
    assert len(_grid_scripts(dash_duo)) == 1
    assert dash_duo.get_logs() == []
