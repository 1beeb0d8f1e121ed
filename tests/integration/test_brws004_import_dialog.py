"""Issue 3: a French cp1252 semicolon export through the dialog; a file dropped twice; refusals.

``files/fr_semicolon_cp1252.csv`` (hand-written, cp1252, CRLF) has 6 deals: Prospect 1 234,56 €,
Négociation 12 500,00 €, Gagné 3 000,50 €, Perdu 850 €, Qualifié 4 000 € and a Proposition whose
Montant is "à définir" (rejected while Montant is mapped to the amount).
"""

from __future__ import annotations

from browser_helpers import (
    BACKGROUND_TIMEOUT,
    CORPUS,
    FILES,
    close_modal,
    count,
    drop_file,
    dropdown_options,
    dropdown_value,
    grid_cell,
    imported_text,
    kept_text,
    pick,
    plain,
    sample_columns,
    t,
    wait_for_confirm_enabled,
    wait_until,
)

FRENCH = FILES / "fr_semicolon_cp1252.csv"
EXPECTED_MAPPING = {
    "Nom du deal": t("Deal name"), "Étape": t("Stage"), "Montant": t("Amount"),
    "Source": t("Source"), "Date de création": t("Created date"),
    "Date de clôture prévue": t("Expected close date"), "Commercial": t("Owner"),
}


def mapping(header: str) -> dict[str, str]:
    return {"header": header, "type": "import-mapping"}


def wait_counts(dash_duo, kept: int, rejected: int) -> None:  # type: ignore[no-untyped-def]
    dash_duo.wait_for_text_to_equal("#import-kept", kept_text(kept), timeout=10)
    dash_duo.wait_for_text_to_equal("#import-rejected", t("{n} rejected", n=rejected),
                                    timeout=10)


def test_brws004_french_file_preview_remap_confirm_then_already(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app())
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)

    drop_file(dash_duo, FRENCH)
    dash_duo.wait_for_element("#import-kept", timeout=BACKGROUND_TIMEOUT)
    facts = dash_duo.find_element("#import-facts").text
    assert t("Encoding: {name}", name="cp1252") in facts, facts
    assert t("Separator: {name}", name=t("semicolon")) in facts, facts
    wait_counts(dash_duo, 5, 1)
    assert "à définir" in dash_duo.find_element("#import-errors").text
    assert {h: dropdown_value(dash_duo, mapping(h)) for h in EXPECTED_MAPPING} == EXPECTED_MAPPING
    assert sample_columns(dash_duo)[:4] == [t("Deal name"), t("Stage"),
                                            t("Status (open/won/lost)"), t("Amount")]
    assert t("Owner") in sample_columns(dash_duo)
    # French amounts parsed to the cent (first sample row: "1 234,56 €").
    dash_duo.wait_for_text_to_equal(grid_cell("#import-sample", "amount"), "1234.56")
    dash_duo.driver.save_screenshot("/tmp/preview.png")
    wait_for_confirm_enabled(dash_duo)

    # Ignoring Montant keeps the "à définir" row and drops the Amount column of the sample…
    pick(dash_duo, mapping("Montant"), t("— ignore —"))
    wait_counts(dash_duo, 6, 0)
    assert t("Amount") not in sample_columns(dash_duo)
    # …mapping it back rejects it again; ignoring Commercial removes the Owner column only.
    pick(dash_duo, mapping("Montant"), t("Amount"))
    wait_counts(dash_duo, 5, 1)
    pick(dash_duo, mapping("Commercial"), t("— ignore —"))
    wait_until(dash_duo, lambda d: t("Owner") not in sample_columns(dash_duo), 10,
               "the sample kept its Owner column")
    wait_counts(dash_duo, 5, 1)
    assert t("Amount") in sample_columns(dash_duo)
    assert dropdown_value(dash_duo, mapping("Commercial")) == t("— ignore —")

    wait_for_confirm_enabled(dash_duo)
    dash_duo.find_element("#import-confirm").click()
    dash_duo.wait_for_contains_text("#import-outcome", imported_text(5, 1, 1),
                                    timeout=BACKGROUND_TIMEOUT)
    assert dash_duo.find_element("#import-rejected-button").is_displayed()
    close_modal(dash_duo)

    # Open: Prospect 1 234,56 + Négociation 12 500 + Qualifié 4 000; won 1, lost 1.
    dash_duo.wait_for_text_to_equal("#kpi-deals", "5", timeout=20)
    assert plain(dash_duo.find_element("#kpi-gross").text) == "17 734,56 €"
    assert plain(dash_duo.find_element("#kpi-win-rate").text) == "50,0 %"
    assert plain(dash_duo.find_element("#kpi-won-revenue").text) == "3 000,50 €"
    # The edited mapping is what was imported: sources came in, owners did not.
    assert dropdown_options(dash_duo, "filter-source") == ["Recommandation", "Salon", "Web"]
    assert dropdown_options(dash_duo, "filter-owner") == []

    # The same bytes again (same page, same dialog): recognised before anything is written.
    drop_file(dash_duo, FRENCH)
    dash_duo.wait_for_contains_text("#import-already", "déjà importé (import n°1)",
                                    timeout=BACKGROUND_TIMEOUT)
    remembered = t("Using the mapping you confirmed last time for these headers.")
    assert remembered in dash_duo.find_element("#import-preview").text
    assert dropdown_value(dash_duo, mapping("Commercial")) == t("— ignore —")
    wait_for_confirm_enabled(dash_duo, enabled=False)
    assert count(dash_duo, "#import-outcome") == 0  # the previous "Done." is gone
    close_modal(dash_duo)
    assert dash_duo.find_element("#kpi-deals").text == "5"
    assert dash_duo.get_logs() == []


def test_brws005_refused_files_show_a_clear_message(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app())
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)

    drop_file(dash_duo, CORPUS / "binary.png")
    dash_duo.wait_for_text_to_equal("#import-refused",
                                    t("This is {what}, not a CSV or Excel file of deals.",
                                      what=t("a PNG image")),
                                    timeout=BACKGROUND_TIMEOUT)
    wait_for_confirm_enabled(dash_duo, enabled=False)

    drop_file(dash_duo, FILES / "empty.csv")
    dash_duo.wait_for_text_to_equal("#import-refused",
                                    t("The file is empty: there is nothing to import."),
                                    timeout=BACKGROUND_TIMEOUT)
    wait_for_confirm_enabled(dash_duo, enabled=False)
    text = dash_duo.find_element("#import-preview").text
    assert "Traceback" not in text and "Error" not in text
    assert count(dash_duo, "#import-kept") == 0
    close_modal(dash_duo)
    dash_duo.wait_for_text_to_equal("h4", t("No deals yet"), timeout=10)
    assert dash_duo.get_logs() == []
