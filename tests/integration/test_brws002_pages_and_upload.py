"""Issue 2: every page through the navbar, empty then with data; a clean CSV through the dialog."""

from __future__ import annotations

from browser_helpers import (
    BACKGROUND_TIMEOUT,
    FILES,
    PAGES,
    click_nav,
    close_modal,
    context_counts,
    count,
    drop_file,
    imported_text,
    kept_text,
    plain,
    t,
    wait_for_confirm_enabled,
    wait_for_page,
    wait_for_plain_text,
    wait_for_url,
)

from data.sample import HISTORY_DAYS


def test_brws002_navbar_visits_every_page_empty_then_with_sample(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app())
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)
    for path, title in PAGES:
        click_nav(dash_duo, title)
        wait_for_url(dash_duo, lambda url, p=path: url.split("?")[0] == dash_duo.server_url + p)
        wait_for_page(dash_duo, title, with_data=False)
        empty = dash_duo.find_element("#shell-empty")
        # The empty state invites an import everywhere but on Settings.
        dash_duo.wait_for_style_to_equal(
            "#shell-empty", "display", "none" if path == "/settings" else "block", timeout=10)
        assert empty.is_displayed() is (path != "/settings")
        assert count(dash_duo, "#page-error") == 0

    click_nav(dash_duo, "Home")
    dash_duo.wait_for_element("#home-load-sample", timeout=10).click()
    wait_for_plain_text(dash_duo, "#kpi-deals", "2 000", timeout=BACKGROUND_TIMEOUT)
    for path, title in PAGES:
        click_nav(dash_duo, title)
        wait_for_url(dash_duo, lambda url, p=path: url.split("?")[0] == dash_duo.server_url + p)
        wait_for_page(dash_duo, title)
        dash_duo.wait_for_style_to_equal("#shell-empty", "display", "none", timeout=10)
        if path != "/settings":
            assert context_counts(dash_duo) == (2000, 2000)
        assert count(dash_duo, "#page-error") == 0
    assert dash_duo.get_logs() == []


def test_brws003_upload_canonical_csv_changes_home_kpis(dash_duo, make_app) -> None:
    """The 12 hand-written deals: 4 open (18 000 € gross, 8 800 € weighted), 4 won, 4 lost."""
    dash_duo.start_server(make_app(sample=True))
    wait_for_plain_text(dash_duo, "#kpi-deals", "2 000")

    drop_file(dash_duo, FILES / "canonical_12.csv")
    dash_duo.wait_for_text_to_equal("#import-kept", kept_text(12),
                                    timeout=BACKGROUND_TIMEOUT)
    assert dash_duo.find_element("#import-rejected").text == t("{n} rejected", n=0)
    assert t("Separator: {name}", name=t("comma")) in dash_duo.find_element("#import-facts").text
    wait_for_confirm_enabled(dash_duo)
    dash_duo.find_element("#import-confirm").click()
    new_id = len(HISTORY_DAYS) + 1  # after the sample's snapshots
    dash_duo.wait_for_contains_text("#import-outcome", imported_text(12, new_id, 0),
                                    timeout=BACKGROUND_TIMEOUT)
    wait_for_confirm_enabled(dash_duo, enabled=False)  # the same file cannot go in twice
    close_modal(dash_duo)

    # The newest import is the one every page shows by default.
    dash_duo.wait_for_text_to_equal("#kpi-deals", "12", timeout=20)
    assert plain(dash_duo.find_element("#kpi-gross").text) == "18 000,00 €"
    assert plain(dash_duo.find_element("#kpi-weighted").text) == "8 800,00 €"
    assert plain(dash_duo.find_element("#kpi-win-rate").text) == "50,0 %"
    assert f"Import #{new_id} · canonical_12.csv · 12 affaires sélectionnées sur 12" in plain(
        dash_duo.find_element("#context-line").text)
    assert dash_duo.get_logs() == []
