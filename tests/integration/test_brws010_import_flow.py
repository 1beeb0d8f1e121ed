"""Issue 10/9 in the browser: rejected-rows download, the actions after an import, re-import
with a changed mapping (new version or replacement, never silent), and an oversized upload.

``files/fr_semicolon_cp1252.csv`` has 6 deals, one of which ("Proposition", Montant "à définir")
is rejected while Montant is mapped to the amount.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from browser_helpers import (
    BACKGROUND_TIMEOUT,
    FILES,
    count,
    drop_file,
    imported_text,
    pick,
    t,
    wait_for_confirm_enabled,
    wait_until,
)
from selenium.webdriver.common.by import By

FRENCH = FILES / "fr_semicolon_cp1252.csv"


def mapping(header: str) -> dict[str, str]:
    return {"header": header, "type": "import-mapping"}


def confirm(dash_duo, expected: str) -> None:  # type: ignore[no-untyped-def]
    wait_for_confirm_enabled(dash_duo)
    dash_duo.find_element("#import-confirm").click()
    dash_duo.wait_for_contains_text("#import-outcome", expected, timeout=BACKGROUND_TIMEOUT)


def visible(dash_duo, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]);"
        "return !!e && e.offsetParent !== null;", selector))


def test_brws010_rejected_rows_download_and_after_import_actions(
    dash_duo, make_app, tmp_path: Path
) -> None:
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    dash_duo.start_server(make_app())
    dash_duo.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)

    drop_file(dash_duo, FRENCH)
    dash_duo.wait_for_text_to_equal("#import-rejected", t("{n} rejected", n=1),
                                    timeout=BACKGROUND_TIMEOUT)
    # Issues name the column as the file does ("Montant"), never an internal field name.
    errors = dash_duo.find_element("#import-errors").text
    assert "Montant" in errors and "amount" not in errors.lower().replace("amounts", "")
    assert not visible(dash_duo, "#import-open-dashboard")
    confirm(dash_duo, imported_text(5, 1, 1))
    assert visible(dash_duo, "#import-open-dashboard") and visible(dash_duo, "#import-another")

    dash_duo.find_element("#import-rejected-button").click()
    target = downloads / "fr_semicolon_cp1252-rejected.csv"
    wait_until(dash_duo, lambda d: target.is_file() and target.stat().st_size > 0, 20,
               f"no download in {downloads}: {list(downloads.iterdir())}")
    time.sleep(0.3)  # the browser renames the file when it is complete
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"))))
    # the file's own headers as written; the added columns in the page's language
    assert rows[0] == [t("row"), "Nom du deal", "Étape", "Montant", "Source", "Date de création",
                       "Date de clôture prévue", "Commercial", t("reason")]
    assert t("reason") != "reason"  # the browser is French: the test can tell the two apart
    assert len(rows) == 2 and rows[1][2] == "Proposition" and rows[1][3] == "à définir"
    assert "Montant" in rows[1][-1]
    assert count(dash_duo, "#callback-error") == 0

    # "Import another file" gives a fresh dialog; "Open the dashboard" closes it on Home.
    dash_duo.find_element("#import-another").click()
    wait_until(dash_duo, lambda d: count(dash_duo, "#import-outcome") == 0, 10,
               "the previous result stayed")
    assert not visible(dash_duo, "#import-open-dashboard")
    assert count(dash_duo, ".modal.show #import-upload") == 1
    sample = tmp_path / "later.csv"
    from data.sample import sample_csv_bytes

    sample.write_bytes(sample_csv_bytes(date.today(), n=40))
    drop_file(dash_duo, sample)
    confirm(dash_duo, imported_text(40, 2))
    dash_duo.find_element("#import-open-dashboard").click()
    wait_until(dash_duo, lambda d: not count(dash_duo, ".modal.show #import-upload"), 10,
               "the dialog stayed open")
    dash_duo.wait_for_text_to_equal("#kpi-deals", "40", timeout=20)
    assert dash_duo.get_logs() == []


def test_brws011_reimport_with_a_changed_mapping(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app())
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)
    drop_file(dash_duo, FRENCH)
    confirm(dash_duo, imported_text(5, 1))
    dash_duo.find_element("#import-another").click()

    # Same bytes, same mapping: a no-op.
    drop_file(dash_duo, FRENCH)
    dash_duo.wait_for_contains_text("#import-already", "déjà importé (import n°1)",
                                    timeout=BACKGROUND_TIMEOUT)
    wait_for_confirm_enabled(dash_duo, enabled=False)
    # Another mapping: the dialog offers a new version or a replacement, never both silently.
    pick(dash_duo, mapping("Commercial"), t("— ignore —"))
    dash_duo.wait_for_contains_text("#import-reimport-choice", "déjà été importé avec une autre "
                                    "correspondance de colonnes (import #1)", timeout=10)
    assert count(dash_duo, "#import-already") == 0
    confirm(dash_duo, "choisissez ci-dessus entre l’importer comme nouvelle version ou le "
                     "remplacer")
    dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., '"
        + t("Import as a new version (keep import #{id})", id=1) + "')]").click()
    confirm(dash_duo, imported_text(5, 2))
    dash_duo.find_element("#import-another").click()

    # The remembered mapping (Commercial ignored) makes the same drop a no-op of import #2;
    # ignoring Source as well and choosing "Replace" replaces #2, and only #2.
    drop_file(dash_duo, FRENCH)
    dash_duo.wait_for_contains_text("#import-already", "déjà importé (import n°2)",
                                    timeout=BACKGROUND_TIMEOUT)
    pick(dash_duo, mapping("Source"), t("— ignore —"))
    dash_duo.wait_for_element("#import-reimport-choice", timeout=10)
    dash_duo.driver.find_element(
        By.XPATH, "//label[contains(., '" + t("Replace import #{id} with this one", id=2)
        + "')]").click()
    confirm(dash_duo, t(" (replacing import #{id})", id=2).strip())
    dash_duo.find_element("#import-open-dashboard").click()
    dash_duo.wait_for_text_to_equal("#kpi-deals", "5", timeout=20)
    dash_duo.driver.get(dash_duo.server_url + "/settings")
    dash_duo.wait_for_element("#settings-imports", timeout=20)
    deleted = dash_duo.find_element("#settings-deleted-list").text
    listed = t("#{id} {filename} · deleted {date} ", id=2, filename="fr_semicolon_cp1252.csv",
               date="").split(" · ")[0]
    assert listed in deleted, deleted  # replaced: undoable like a deletion
    imports_text = dash_duo.find_element("#settings-imports").text
    live = imports_text.replace(deleted, "")
    assert live.count("fr_semicolon_cp1252.csv") == 2, imports_text  # #1 and the replacement
    assert dash_duo.get_logs() == []


def test_brws012_oversized_upload_gets_a_clear_message(
    dash_duo, ui_settings, tmp_path: Path
) -> None:
    from app import create_app
    from data.sample import sample_csv_bytes

    small = replace(ui_settings, max_upload_mb=0.01)  # 10 KiB
    big = tmp_path / "big-export.csv"
    big.write_bytes(sample_csv_bytes(date.today(), n=300))
    assert big.stat().st_size > 0.01 * 2**20
    dash_duo.start_server(create_app(small))
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)
    drop_file(dash_duo, big)
    # the browser's own check, worded from the catalogue in the page's language (issue 13.3)
    dash_duo.wait_for_contains_text("#import-upload-error", "big-export.csv fait", timeout=10)
    message = dash_duo.find_element("#import-upload-error").text
    before, after = t("{file} is {size} MB, above the {limit} MB upload limit. Export fewer "
                      "columns or a shorter period, or compress it as .csv.gz (the "
                      "administrator can raise MAX_UPLOAD_MB).", file="big-export.csv",
                      size="\0", limit="0.01").split("\0")
    assert message.startswith(before) and message.endswith(after), message
    assert "above the" not in message and "MAX_UPLOAD_MB" in message
    assert count(dash_duo, "#import-kept") == 0
    wait_for_confirm_enabled(dash_duo, enabled=False)
    uploads = Path(small.cache_dir).parent / "uploads"
    assert not uploads.exists() or not any(uploads.glob("*.upload"))
    # A file within the limit still goes through.
    drop_file(dash_duo, FILES / "fr_semicolon_cp1252.csv")
    dash_duo.wait_for_text_to_equal("#import-rejected", t("{n} rejected", n=1),
                                    timeout=BACKGROUND_TIMEOUT)
    assert dash_duo.find_element("#import-upload-error").text == ""
    assert dash_duo.get_logs() == []


def test_brws013_closing_the_dialog_cancels_the_running_import(
    dash_duo, make_app, ui_settings, tmp_path: Path
) -> None:
    """Cancel during the import: nothing is written, even long after; then the same file,
    not cancelled, imports in less time than the test waited (so the wait proves something)."""
    from data.db import make_engine
    from data.store import list_imports

    lines = ["deal_id,stage,amount,created_date\n"]
    lines += [f"D{i},{('Prospect', 'Won', 'Lost')[i % 3]},{i % 977}.50,2026-0{i % 9 + 1}-11\n"
              for i in range(120_000)]
    big = tmp_path / "big-export.csv"
    big.write_text("".join(lines))
    engine = make_engine(ui_settings.database_url)
    dash_duo.start_server(make_app())
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)
    drop_file(dash_duo, big)
    dash_duo.wait_for_element("#import-partial", timeout=BACKGROUND_TIMEOUT)  # a sample only
    wait_for_confirm_enabled(dash_duo)
    dash_duo.find_element("#import-confirm").click()
    # The whole-file phases are "Reading the whole file…" then "Writing N deals…"; the progress
    # poll can miss the first on a fast machine, so either one means the import is running.
    wait_until(dash_duo, lambda d: any(phase in dash_duo.find_element("#import-progress").text
                                       for phase in ("fichier entier", "Écriture")),
               BACKGROUND_TIMEOUT, "the import never started")
    dash_duo.find_element("#import-cancel").click()
    wait_until(dash_duo, lambda d: not count(dash_duo, ".modal.show #import-upload"), 10,
               "the dialog stayed open")
    waited = 45.0
    deadline = time.monotonic() + waited
    while time.monotonic() < deadline:
        assert list_imports(engine) == [], "the cancelled import was written"
        time.sleep(1)

    drop_file(dash_duo, big)
    dash_duo.wait_for_element("#import-partial", timeout=BACKGROUND_TIMEOUT)
    wait_for_confirm_enabled(dash_duo)
    started = time.monotonic()
    dash_duo.find_element("#import-confirm").click()
    dash_duo.wait_for_contains_text("#import-outcome", imported_text(120_000, 1).split(" n°")[0],
                                    timeout=waited)
    assert time.monotonic() - started < waited
    assert [i.rows_imported for i in list_imports(engine)] == [120_000]
    engine.dispose()
