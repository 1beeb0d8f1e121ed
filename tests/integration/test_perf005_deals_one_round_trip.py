"""Issue 16, Deals: a filter change is one round trip, its grids filled from that response.

The content of a filter change brings the grid's first page, the total line and the deadline
and action lists (``callbacks.deals.draw``); the grid's request for its first page is answered
in the browser, and the five list grids below it stay mounted and take their new rows. Only
another page or a sort asks the server for rows. The requests are counted with the script of
``test_perf001_redraw_once`` (every ``_dash-update-component`` call with its output).
"""

from __future__ import annotations

import re

from browser_helpers import (
    DEALS_TOTAL,
    PAGE_TIMEOUT,
    click_when_free,
    deals_total,
    grid_column,
    number,
    pick,
    plain,
    wait_for_page,
    wait_until,
)
from test_perf001_redraw_once import COUNT_AFTERPLOT, SETTLED

GRID = ".deals-grid"
OVERDUE = "#deals-overdue-table"


def _settle(dash_duo) -> None:  # type: ignore[no-untyped-def]
    wait_until(dash_duo, lambda d: d.execute_script(SETTLED), PAGE_TIMEOUT, "never settled")


def _calls(dash_duo) -> list[str]:  # type: ignore[no-untyped-def]
    return [c["output"] for c in dash_duo.driver.execute_script("return window.__calls;")]


def _reset(dash_duo) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.execute_script("window.__calls = []; window.__posts = 0;")


def _pager(dash_duo) -> list[int]:  # type: ignore[no-untyped-def]
    """The numbers of the grid's pager: first row, last row, row count ("1 à 25 sur 1 338")."""
    text = dash_duo.find_element(f"{GRID} .ag-paging-row-summary-panel").text
    return [int(re.sub(r"\D", "", n)) for n in re.findall(r"\d[\d\s\u00a0\u202f]*", text)]


def _rows_asked(dash_duo) -> int:  # type: ignore[no-untyped-def]
    """Server requests for rows of the grid since the last ``_reset``."""
    return len([o for o in _calls(dash_duo) if "getRowsResponse" in o])


def _wait_rows(dash_duo, stages: set[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The grid's stage column once it shows 25 rows of ``stages`` only."""
    def shown(_driver) -> list[str] | None:  # type: ignore[no-untyped-def]
        column = grid_column(dash_duo, GRID, "stage")
        return column if len(column) == 25 and set(column) <= stages else None

    return list(wait_until(dash_duo, shown, PAGE_TIMEOUT, f"grid never showed {stages}"))


def test_perf005_deals_filter_change_is_one_round_trip(dash_duo, make_app) -> None:
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": COUNT_AFTERPLOT})
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/deals")
    wait_for_page(dash_duo, "Deals")
    _settle(dash_duo)
    dash_duo.wait_for_element(f"{GRID} .ag-row[row-index='24']", timeout=PAGE_TIMEOUT)
    first = _calls(dash_duo)
    # the first view: the grid's rows and the lists came with the page, not asked after it
    assert not [o for o in first if "getRowsResponse" in o or "deals-list" in o], first
    assert plain(dash_duo.find_element(DEALS_TOTAL).text) == deals_total(2000)
    assert _pager(dash_duo) == [1, 25, 2000]
    assert grid_column(dash_duo, OVERDUE, "name"), "the overdue list has no rows"

    for picked in (["Proposition"], ["Proposition", "Négociation"]):
        _reset(dash_duo)
        pick(dash_duo, "filter-stage", picked[-1])
        _wait_rows(dash_duo, set(picked))
        _settle(dash_duo)
        calls = _calls(dash_duo)
        filters = [o for o in calls if o.startswith("..shell-url.search")]
        assert len(filters) == 1, calls
        # nothing else asked the server: no rows, no lists, no total, and the editor's
        # callback on the grid's selection no longer runs for a new grid
        assert calls == filters, calls
        assert len(dash_duo.driver.find_elements("css selector", GRID)) == 1
        total = number(dash_duo.find_element(DEALS_TOTAL).text)
        assert plain(dash_duo.find_element(DEALS_TOTAL).text) == deals_total(int(total))
        assert _pager(dash_duo) == [1, 25, total]
        assert total < 2000
        # the lists below the grid were given the view's deals (overdue: the picked stages)
        assert set(grid_column(dash_duo, OVERDUE, "stage")) <= set(picked)

    # Another page and a sort still ask the server, one request each.
    _reset(dash_duo)
    click_when_free(dash_duo, f"{GRID} .ag-paging-button[data-ref='btNext']")
    wait_until(dash_duo, lambda d: _pager(dash_duo)[:2] == [26, 50]
               and len(grid_column(dash_duo, GRID, "stage")) == 25, PAGE_TIMEOUT,
               "page 2 never showed")
    _settle(dash_duo)
    assert _rows_asked(dash_duo) == 1, _calls(dash_duo)

    _reset(dash_duo)
    click_when_free(dash_duo, f"{GRID} .ag-header-cell[col-id='amount_text'] "
                              ".ag-header-cell-label")
    def sorted_shown(_driver) -> bool:  # type: ignore[no-untyped-def]
        cells = grid_column(dash_duo, GRID, "amount_text")
        if len(cells) != 25 or not all(cells):
            return False
        amounts = [number(a) for a in cells]
        return amounts == sorted(amounts)

    wait_until(dash_duo, sorted_shown, PAGE_TIMEOUT, "the sort never showed")
    _settle(dash_duo)
    assert _rows_asked(dash_duo) == 1, _calls(dash_duo)
    assert dash_duo.get_logs() == []
