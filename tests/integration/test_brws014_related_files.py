"""Issue 8 (points 3 and 5) in the browser: several related exports dropped at once are joined
in one preview (key, matched / unmatched, fields lent) and imported together; a suggested
column is taken with one click; a file without a stage column opens the mapping editor.

``files/related_deals.csv`` holds 5 deals whose "Company" names 4 companies (Delta Ltd is not in
the companies file); ``files/related_companies.csv`` gives the "Industry" of Acme Corp
(Software), Beta GmbH (Manufacturing), Gamma SA (Retail) and of a company without deals.
``files/no_stage_column.csv`` keeps its stages under "Bucket" with labels no CRM uses.
"""

from __future__ import annotations

import os
from pathlib import Path

from browser_helpers import (
    BACKGROUND_TIMEOUT,
    FILES,
    FR,
    close_modal,
    count,
    dropdown_options,
    dropdown_value,
    imported_text,
    kept_text,
    pick,
    plain,
    t,
    wait_for_confirm_enabled,
    wait_until,
)

DEALS = FILES / "related_deals.csv"
COMPANIES = FILES / "related_companies.csv"
NO_STAGE = FILES / "no_stage_column.csv"


def mapping(header: str) -> dict[str, str]:
    return {"header": header, "type": "import-mapping"}


def drop_files(dash_duo, paths: list[Path]) -> None:  # type: ignore[no-untyped-def]
    """Open the import dialog and choose several files at once in the upload's file input."""
    if not count(dash_duo, ".modal.show #import-upload"):
        dash_duo.find_element("#import-open").click()
    dash_duo.wait_for_element(".modal.show #import-upload input[type=file]", timeout=5)
    chooser = dash_duo.find_element("#import-upload input[type=file]")
    assert chooser.get_attribute("multiple") is not None
    dash_duo.driver.execute_script("arguments[0].value = null;", chooser)
    chooser.send_keys("\n".join(str(p) for p in paths))


def screenshot(dash_duo, name: str) -> None:  # type: ignore[no-untyped-def]
    """With UI_SCREENSHOT_DIR set: the dialog at 1440 px, top and scrolled to the bottom."""
    folder = os.environ.get("UI_SCREENSHOT_DIR")
    if not folder:
        return
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo.driver.save_screenshot(str(Path(folder) / f"import-{name}-1440.png"))
    body = dash_duo.find_element(".modal.show .modal-body")
    dash_duo.driver.execute_script("arguments[0].scrollTop = arguments[0].scrollHeight;", body)
    dash_duo.driver.save_screenshot(str(Path(folder) / f"import-{name}-1440-bottom.png"))
    dash_duo.driver.execute_script("arguments[0].scrollTop = 0;", body)


def confirm(dash_duo, expected: str) -> None:  # type: ignore[no-untyped-def]
    wait_for_confirm_enabled(dash_duo)
    dash_duo.find_element("#import-confirm").click()
    dash_duo.wait_for_contains_text("#import-outcome", expected, timeout=BACKGROUND_TIMEOUT)


def test_brws014_two_related_files_join_then_import(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app())
    dash_duo.driver.set_window_size(1440, 1000)
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)

    drop_files(dash_duo, [COMPANIES, DEALS])
    dash_duo.wait_for_element("#import-join", timeout=BACKGROUND_TIMEOUT)
    join = plain(dash_duo.find_element("#import-join").text)
    assert t("Deals from ") + "related_deals.csv" in join, join
    assert "related_companies.csv: “Company” = “Company name”" in join, join
    assert plain(dash_duo.find_element("#import-join .join-matched").text) == plain(
        FR.ngettext("{n} deal matched", "{n} deals matched", 4))
    assert plain(dash_duo.find_element("#import-join .join-unmatched").text) == t("{n} not", n=1)
    assert plain(t(" · lends ") + t("{field} (from {column})", field=t("Sector"),
                                             column="“Industry”")) in join, join
    dash_duo.wait_for_text_to_equal("#import-kept", kept_text(5), timeout=10)
    assert dropdown_value(dash_duo, mapping("Industry [related_companies.csv]")) == t("Sector")
    assert "related_deals.csv + related_companies.csv" in dash_duo.find_element(
        "#import-facts").text

    # The suggestion: "Last Modified Date" could be the last activity; one click takes it.
    proposals = plain(dash_duo.find_element("#import-proposals").text)
    assert plain(t("Map {column} as {field} to enable: {figures}", column="“Last Modified Date”",
                   field=t("Last activity date"), figures=t("cold deals"))) in proposals
    assert dropdown_value(dash_duo, mapping("Last Modified Date")) == t("— ignore —")
    screenshot(dash_duo, "two-files")
    dash_duo.find_element("#import-proposals button").click()
    wait_until(dash_duo,
               lambda d: dropdown_value(dash_duo, mapping("Last Modified Date"))
               == t("Last activity date"), 10, "Use it did not set the dropdown")
    wait_until(dash_duo, lambda d: not count(dash_duo, "#import-proposals"), 10,
               "the suggestion stayed after it was used")
    dash_duo.wait_for_element("#import-join", timeout=10)  # the re-preview keeps the join

    confirm(dash_duo, imported_text(5, 1, 0))
    close_modal(dash_duo)
    dash_duo.wait_for_text_to_equal("#kpi-deals", "5", timeout=20)
    # The sector came from the companies file.
    assert dropdown_options(dash_duo, "filter-sector") == ["Manufacturing", "Retail", "Software"]
    assert dash_duo.get_logs() == []


def test_brws015_no_stage_column_opens_the_editor(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app())
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)

    drop_files(dash_duo, [NO_STAGE])
    dash_duo.wait_for_contains_text("#import-refused",
                                    t('No stage or status column found, and one of them is '
                                      'required. Headers found: {headers}. Name a column '
                                      '"Stage"/"Étape"/"Phase" or "Status"/"Statut", or pick '
                                      'one in the column mapping.', headers="\0")
                                    .split("\0")[0],
                                    timeout=BACKGROUND_TIMEOUT)
    dash_duo.wait_for_element("#import-editor", timeout=5)
    assert "Lead-in" in dash_duo.find_element("#import-raw-sample").text
    assert t("values look like {kind}", kind=t("stage names")) in dash_duo.find_element(
        "#import-editor").text
    assert dropdown_value(dash_duo, mapping("Value EUR")) == t("Amount")
    wait_for_confirm_enabled(dash_duo, enabled=False)
    screenshot(dash_duo, "no-stage-editor")

    pick(dash_duo, mapping("Bucket"), t("Stage"))
    dash_duo.wait_for_text_to_equal("#import-kept", kept_text(5),
                                    timeout=BACKGROUND_TIMEOUT)
    assert count(dash_duo, "#import-refused") == 0
    assert dropdown_value(dash_duo, mapping("Bucket")) == t("Stage")
    confirm(dash_duo, imported_text(5, 1))
    close_modal(dash_duo)
    dash_duo.wait_for_text_to_equal("#kpi-deals", "5", timeout=20)
    assert dash_duo.get_logs() == []
