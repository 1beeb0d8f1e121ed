"""Every page loads in headless Chromium with no browser console error (empty and with data)."""

from __future__ import annotations

import pytest
from browser_helpers import t

from data.config import Settings

#: At least these pages; any page declared in pages/ is visited too (read from the registry).
KNOWN = {"/", "/pipeline", "/marketing", "/forecast", "/deals", "/settings"}


@pytest.fixture
def sqlite_settings(tmp_path) -> Settings:
    from data.config import load_settings

    return load_settings(database_url=f"sqlite:///{tmp_path / 'ui.sqlite3'}",
                         cache_dir=str(tmp_path / "cache"), redis_url=None)


def test_brws001_every_page_loads_empty_then_with_sample(dash_duo, sqlite_settings) -> None:
    import dash

    from app import create_app

    app = create_app(sqlite_settings)
    pages = [(p["path"], p["name"], p.get("builder") is not None)
             for p in dash.page_registry.values()]
    assert {path for path, _, _ in pages} >= KNOWN
    dash_duo.start_server(app)
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)
    dash_duo.find_element("#home-load-sample").click()
    dash_duo.wait_for_element("#kpi-deals", timeout=20)
    assert dash_duo.find_element("#kpi-deals").text.replace("\u202f", " ") == "2 000"
    for path, title, has_content in pages:
        dash_duo.server_url  # noqa: B018 - keeps the same server
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_text_to_equal(".page-title", t(title), timeout=10)
        if has_content:
            dash_duo.wait_for_element("#context-line", timeout=20)
        elif path == "/settings":
            dash_duo.wait_for_element("#settings-stages", timeout=20)
    assert dash_duo.get_logs() == []
