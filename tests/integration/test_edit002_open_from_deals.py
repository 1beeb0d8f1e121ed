"""Issue 14, point 3: a row of the Deals table opens the deal's panel in the editor.

Only for a pipeline kept in the app; an imported dataset's rows stay read-only (no navigation).
"""

from __future__ import annotations

from urllib.parse import unquote

from data import entry
from data.db import make_engine
from data.writes import create_pipeline
from layouts.ids import Edit
from tests.integration.browser_helpers import (
    DEALS_GRID,
    click_when_free,
    css_id,
    grid_cell,
    grid_column,
    plain,
    wait_for_url,
    wait_until,
)

NAME_CELL = grid_cell(DEALS_GRID, "name")


def _first_row_name(dash_duo) -> str:  # type: ignore[no-untyped-def]
    wait_until(dash_duo, lambda d: any(grid_column(dash_duo, DEALS_GRID, "name")), 30,
               "the Deals table stayed empty")
    return grid_column(dash_duo, DEALS_GRID, "name")[0]


def test_edit002_a_deals_row_opens_the_deal_in_the_editor(dash_duo, make_app,
                                                           ui_settings) -> None:
    app = make_app(sample=True)
    engine = make_engine(ui_settings.database_url)
    try:
        kept = create_pipeline(engine, "Kept", from_import=1)
    finally:
        engine.dispose()
    dash_duo.start_server(app)

    dash_duo.driver.get(dash_duo.server_url + "/deals?dataset=1")  # imported: read-only
    _first_row_name(dash_duo)
    click_when_free(dash_duo, NAME_CELL)
    dash_duo.driver.implicitly_wait(0)
    wait_until(dash_duo, lambda d: "/deals" in d.current_url, 5, "left the Deals page")

    dash_duo.driver.get(dash_duo.server_url + f"/deals?dataset={kept}")
    _first_row_name(dash_duo)
    click_when_free(dash_duo, NAME_CELL)
    url = wait_for_url(dash_duo, lambda u: "/edit" in u and "#deal=" in u)
    assert f"dataset={kept}" in url
    deal_id = unquote(url.split("#deal=", 1)[1])
    engine = make_engine(ui_settings.database_url)
    try:
        deal = entry.get_deal(engine, kept, deal_id)
    finally:
        engine.dispose()
    assert deal is not None
    name = deal["name"]
    field = css_id({"field": "name", "type": Edit.FIELD})
    wait_until(dash_duo, lambda d: plain(d.find_element("css selector", field)
                                         .get_attribute("value") or "") == name, 30,
               "the deal's panel did not open with its name")
    assert dash_duo.find_element(field).is_displayed()
    assert dash_duo.get_logs() == []
