"""Issue 15 point 4 in the browser: the app works under its Content-Security-Policy.

The policy allows scripts from the app's own origin only (no ``'unsafe-inline'``, no hash, no
nonce): the index page has no inline script left, every page renders with data, a file drop
(the clientside size check, then the background preview) and the import go through, and
Chromium logs no console error — a CSP violation would be one.
"""

from __future__ import annotations

import re
import urllib.request

from browser_helpers import (
    BACKGROUND_TIMEOUT,
    FILES,
    drop_file,
    imported_text,
    wait_for_confirm_enabled,
)

PAGES = ("/", "/pipeline", "/marketing", "/forecast", "/deals", "/settings")


def test_sec001_pages_and_import_under_the_csp(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    with urllib.request.urlopen(dash_duo.server_url + "/") as response:  # noqa: S310 - local
        csp = response.headers["Content-Security-Policy"]
        html = response.read().decode()
    assert "script-src 'self';" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert "frame-ancestors 'none'" in csp
    inline = [m for m in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL)
              if "src=" not in m[0] and "application/json" not in m[0]]
    assert inline == []
    for path in PAGES:
        dash_duo.driver.get(dash_duo.server_url + path)
        if path == "/settings":
            dash_duo.wait_for_element("#settings-stages", timeout=20)
        else:
            dash_duo.wait_for_element("#context-line", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/")
    dash_duo.wait_for_element("#kpi-deals", timeout=20)
    drop_file(dash_duo, FILES / "fr_semicolon_cp1252.csv")
    wait_for_confirm_enabled(dash_duo)
    dash_duo.find_element("#import-confirm").click()
    dash_duo.wait_for_contains_text("#import-outcome", imported_text(5, 1).split(" n°")[0],
                                    timeout=BACKGROUND_TIMEOUT)
    assert dash_duo.get_logs() == []


def test_sec002_login_then_callbacks_carry_the_csrf_token(dash_duo, make_app, ui_settings
                                                          ) -> None:
    """With the login on, the renderer's callbacks (POSTs) pass the CSRF check."""
    from dataclasses import replace

    from app import create_app
    from data import writes
    from data.db import make_engine

    make_app(sample=True)  # the data and schema, through the usual path
    engine = make_engine(ui_settings.database_url)
    writes.add_user(engine, "ann", "correct horse battery staple")
    engine.dispose()
    dash_duo.start_server(create_app(replace(ui_settings, auth="on")), navigate=False)
    dash_duo.driver.get(dash_duo.server.url + "/")
    dash_duo.wait_for_element("#login-submit", timeout=10)  # redirected to the login
    dash_duo.find_element("#name").send_keys("ann")
    dash_duo.find_element("#password").send_keys("correct horse battery staple")
    dash_duo.find_element("#login-submit").click()
    dash_duo.wait_for_element("#kpi-deals", timeout=20)
    dash_duo.driver.get(dash_duo.server.url + "/deals")
    dash_duo.wait_for_element("#context-line", timeout=20)
    assert dash_duo.get_logs() == []
