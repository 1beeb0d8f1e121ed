"""Issue 10 points 5-7 in a real browser: the analysis date in the filter bar and the URL, an old
public-dataset-like file analysed as of its own date, delete → confirm → undo on Settings, a
link to a deleted import that says so, and the cold-deal threshold edited in the app."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pandas as pd
from browser_helpers import (
    PAGE_TIMEOUT,
    click_nav,
    click_when_free,
    count,
    dropdown_options,
    number,
    pick,
    plain,
    t,
    wait_for_page,
    wait_for_url,
    wait_until,
)
from selenium.webdriver.common.keys import Keys

from data import history, store
from data.db import make_engine
from data.sample import HISTORY_DAYS, generate_sample

#: Headers and stages as in a public CRM sample dataset (opportunities of 2016-2017).
OLD_PUBLIC = (
    "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
    "1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n"
    "Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Won,2016-10-25,2017-03-11,4514\n"
    "EC4QE1BX,Darcel Schlecht,MG Special,Cancity,Engaging,2016-10-25,2017-04-02,\n"
    "MV1LWRNH,Moses Frase,GTX Basic,Codehow,Prospecting,2016-10-25,2017-05-20,\n"
    "PE84CX4O,Zane Levy,GTX Basic,Hatfire,Lost,2016-10-25,2017-03-07,0\n"
)


def _overdue(day: date) -> int:
    """Open sample deals whose expected close is before ``day`` (METRICS.md), from pandas."""
    deals = generate_sample(date.today())
    closes = pd.to_datetime(deals["expected_close_date"], errors="coerce")
    return int(((deals["status"] == "open") & (closes < pd.Timestamp(day))).sum())


def _kpi(dash_duo, card: str) -> int:  # type: ignore[no-untyped-def]
    return int(number(dash_duo.find_element(f"#{card}").text))


def _type_as_of(dash_duo, day: date) -> None:  # type: ignore[no-untyped-def]
    box = dash_duo.find_element("#filter-as-of")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(day.strftime("%d/%m/%Y"))
    box.send_keys(Keys.ENTER)


def test_brws011_analysis_date_changes_forecast_and_survives_a_link(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    base = dash_duo.server_url
    dash_duo.driver.get(base + "/forecast")
    wait_for_page(dash_duo, "Forecast")
    today = date.today()
    later = today + timedelta(days=75)
    assert _overdue(later) != _overdue(today), "the sample should close deals in 75 days"
    wait_until(dash_duo, lambda d: _kpi(dash_duo, "forecast-overdue") == _overdue(today),
               PAGE_TIMEOUT, "overdue count as of today")
    assert plain(dash_duo.find_element("#filter-as-of").get_attribute("placeholder")) == (
        today.strftime("%d/%m/%Y"))

    _type_as_of(dash_duo, later)
    url = wait_for_url(dash_duo, lambda u: f"as_of={later.isoformat()}" in u)
    wait_until(dash_duo, lambda d: _kpi(dash_duo, "forecast-overdue") == _overdue(later),
               PAGE_TIMEOUT, "the Forecast did not follow the analysis date")
    assert later.strftime("%d/%m/%Y") in plain(dash_duo.find_element("#context-line").text)

    # Another page keeps it; a copied link opens with the same date in the control.
    click_nav(dash_duo, "Home")
    wait_for_url(dash_duo, lambda u: f"/?as_of={later.isoformat()}" in u)
    dash_duo.driver.get("about:blank")
    dash_duo.driver.get(url)
    wait_for_page(dash_duo, "Forecast")
    wait_until(dash_duo, lambda d: _kpi(dash_duo, "forecast-overdue") == _overdue(later),
               PAGE_TIMEOUT, "the copied link lost the analysis date")
    assert dash_duo.find_element("#filter-as-of").get_attribute("value") == (
        later.strftime("%d/%m/%Y"))
    assert f"as_of={later.isoformat()}" in dash_duo.driver.current_url
    assert dash_duo.get_logs() == []


def test_brws012_old_public_dataset_opens_with_its_own_as_of(
    dash_duo, make_app, tmp_path: Path
) -> None:
    path = tmp_path / "sales_pipeline.csv"
    path.write_text(OLD_PUBLIC, encoding="utf-8")
    dash_duo.start_server(make_app(files=(path,)))
    wait_for_page(dash_duo, "Home")
    latest = date(2017, 3, 11)  # the file's latest close date
    wait_until(dash_duo, lambda d: t("Data as of {date}", date="11/03/2017") in plain(
        dash_duo.find_element("#as-of-note").text), PAGE_TIMEOUT, "no 'Data as of' note")
    assert t("as of {date}", date="11/03/2017") in plain(
        dash_duo.find_element("#context-line").text)
    assert "as_of" not in dash_duo.driver.current_url  # a default, not a URL parameter
    for title in ("Pipeline", "Forecast"):
        click_nav(dash_duo, title)
        wait_for_page(dash_duo, title)
        wait_until(dash_duo, lambda d: t("as of {date}", date="11/03/2017") in plain(
            dash_duo.find_element("#context-line").text), PAGE_TIMEOUT,
            f"{title}: not as of the file")
        assert t("Data as of {date}", date="11/03/2017") in plain(
            dash_duo.find_element("#as-of-note").text)
    # As of its own date, neither open deal (closing in April and May 2017) is overdue.
    assert latest < date(2017, 4, 2)
    wait_until(dash_duo, lambda d: _kpi(dash_duo, "forecast-overdue") == 0, PAGE_TIMEOUT,
               "open deals shown overdue: the file was analysed as of today")
    assert dash_duo.get_logs() == []


def _import_rows(dash_duo) -> int:  # type: ignore[no-untyped-def]
    return count(dash_duo, ".imports-table tbody tr")


def test_brws013_delete_asks_then_undo_restores(dash_duo, make_app, ui_settings) -> None:
    dash_duo.start_server(make_app(sample=True))
    engine = make_engine(ui_settings.database_url)
    all_ids = [i.id for i in store.list_imports(engine)]  # the sample's snapshots
    assert len(all_ids) == len(HISTORY_DAYS)
    info = max(store.list_imports(engine), key=lambda i: i.id)  # the newest snapshot
    others = [i for i in all_ids if i != info.id]
    dash_duo.driver.get(dash_duo.server_url + "/settings")
    wait_for_page(dash_duo, "Settings")
    delete = f"[id='{{\"import\":{info.id},\"type\":\"settings-delete-import\"}}']"
    dash_duo.wait_for_element(delete, timeout=PAGE_TIMEOUT)

    # Cancel: nothing happens.
    click_when_free(dash_duo, delete)
    dash_duo.wait_for_element(".modal.show #settings-delete-yes", timeout=5)
    dash_duo.wait_for_contains_text("#settings-delete-confirm-text", info.filename, timeout=5)
    click_when_free(dash_duo, "#settings-delete-no")
    wait_until(dash_duo, lambda d: not count(dash_duo, ".modal.show"), 5, "dialog stayed open")
    assert [i.id for i in store.list_imports(engine)] == all_ids

    # Confirm: gone from the list and from every page, with an Undo.
    click_when_free(dash_duo, delete)
    dash_duo.wait_for_element(".modal.show #settings-delete-yes", timeout=5)
    click_when_free(dash_duo, "#settings-delete-yes")
    dash_duo.wait_for_contains_text("#settings-deleted-message",
                                    t("Import #{id} deleted.", id=info.id),
                                    timeout=PAGE_TIMEOUT)
    assert [i.id for i in store.list_imports(engine)] == others
    wait_until(dash_duo, lambda d: _import_rows(dash_duo) == len(others), PAGE_TIMEOUT,
               "the deleted import is still listed")
    assert info.filename in plain(dash_duo.find_element("#settings-deleted-list").text)

    click_when_free(dash_duo, "#settings-undo")
    dash_duo.wait_for_contains_text("#settings-deleted-message",
                                    t("Import #{id} restored.", id=info.id), timeout=PAGE_TIMEOUT)
    assert [i.id for i in store.list_imports(engine)] == all_ids
    wait_until(dash_duo, lambda d: _import_rows(dash_duo) == len(all_ids), PAGE_TIMEOUT,
               "the restored import is not listed")
    engine.dispose()
    assert dash_duo.get_logs() == []


def test_brws014_link_to_a_deleted_import_says_so(dash_duo, make_app, ui_settings) -> None:
    dash_duo.start_server(make_app(sample=True))
    engine = make_engine(ui_settings.database_url)
    newest, previous, *_ = store.list_imports(engine)  # newest first: the sample's snapshots
    assert store.delete_import(engine, newest.id)
    engine.dispose()
    dash_duo.driver.get(dash_duo.server_url + f"/pipeline?import={newest.id}")
    dash_duo.wait_for_element("#deleted-import-notice", timeout=PAGE_TIMEOUT)
    notice = plain(dash_duo.find_element("#deleted-import-notice").text)
    assert t("Import #{id} ({filename}) was deleted on {date}.", id=newest.id,
             filename=newest.filename, date="")[:-1] in notice
    assert t("It can still be restored in") in notice
    # the previous snapshot of the same dataset is shown, and the notice says so
    assert plain(t("Showing #{id} {filename} instead.", id=previous.id,
                   filename=previous.filename)) in notice

    # With every snapshot deleted, no other file is shown in its place.
    engine = make_engine(ui_settings.database_url)
    for info in store.list_imports(engine):
        assert store.delete_import(engine, info.id)
    engine.dispose()
    dash_duo.driver.get("about:blank")
    dash_duo.driver.get(dash_duo.server_url + f"/pipeline?import={newest.id}")
    dash_duo.wait_for_element("#deleted-import-notice", timeout=PAGE_TIMEOUT)
    notice = plain(dash_duo.find_element("#deleted-import-notice").text)
    assert t("Import #{id} ({filename}) was deleted on {date}.", id=newest.id,
             filename=newest.filename, date="")[:-1] in notice
    assert plain(t("Showing #{id} {filename} instead.", id=0, filename="")).split("#")[0] \
        not in notice
    assert count(dash_duo, "#context-line") == 0
    assert dash_duo.get_logs() == []


def test_brws015_cold_threshold_is_edited_in_the_app(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    card = "#alert-cold .kpi-value"
    dash_duo.wait_for_element(card, timeout=PAGE_TIMEOUT)
    before = int(number(dash_duo.find_element(card).text))
    click_nav(dash_duo, "Settings")
    wait_for_page(dash_duo, "Settings")
    field = dash_duo.find_element("#settings-cold-days")
    wait_until(dash_duo, lambda d: field.get_attribute("value") == "14", PAGE_TIMEOUT,
               "the default threshold is not shown")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("60")
    click_when_free(dash_duo, "#settings-save-thresholds")
    dash_duo.wait_for_contains_text("#settings-thresholds-saved", t("Saved: cold deals and the "
                                    "undo delay now use these thresholds."), timeout=PAGE_TIMEOUT)
    click_nav(dash_duo, "Home")
    dash_duo.wait_for_element(card, timeout=PAGE_TIMEOUT)
    wait_until(dash_duo, lambda d: int(number(d.find_element(By_CSS, card).text)) < before,
               PAGE_TIMEOUT, "a longer threshold should leave fewer cold deals")
    assert dash_duo.get_logs() == []


By_CSS = "css selector"


def test_brws016_user_groups_two_files_into_one_dataset(
    dash_duo, make_app, ui_settings, tmp_path: Path
) -> None:
    first = tmp_path / "crm-january.csv"
    first.write_text("deal_id,name,stage,amount\nA1,Alpha,Prospect,100\n", encoding="utf-8")
    second = tmp_path / "crm-february.csv"  # another header set: a dataset of its own
    second.write_text("deal_id,title,stage,amount\nA1,Alpha,Qualifié,100\n", encoding="utf-8")
    dash_duo.start_server(make_app(files=(first, second)))
    engine = make_engine(ui_settings.database_url)
    older, newer = sorted(i.id for i in store.list_imports(engine))
    assert history.dataset_of(engine, older) != history.dataset_of(engine, newer)
    dash_duo.driver.get(dash_duo.server_url + "/settings")
    wait_for_page(dash_duo, "Settings")
    choice_id = {"import": newer, "type": "settings-move-import"}
    dash_duo.wait_for_element(f"[id='{{\"import\":{newer},\"type\":\"settings-move-import\"}}']",
                              timeout=PAGE_TIMEOUT)
    target = history.dataset_of(engine, older)  # the move leaves the older import where it is
    pick(dash_duo, choice_id, "crm-january")
    dash_duo.wait_for_contains_text("#settings-deleted-message",
                                    t("Import #{id} is now in dataset #{dataset}.", id=newer,
                                      dataset=target),
                                    timeout=PAGE_TIMEOUT)
    assert history.dataset_of(engine, newer) == target
    assert history.imports_of_dataset(engine, target or 0) == [older, newer]
    engine.dispose()
    assert dash_duo.get_logs() == []


def test_brws017_filter_bar_picks_dataset_and_snapshot(
    dash_duo, make_app, ui_settings, tmp_path: Path
) -> None:
    jan = tmp_path / "pipe-january.csv"
    jan.write_text("deal_id,name,stage,amount\nA1,Alpha,Prospect,100\nA2,Beta,Prospect,5\n",
                   encoding="utf-8")
    feb = tmp_path / "pipe-february.csv"  # same headers: the next snapshot of the same dataset
    feb.write_text("deal_id,name,stage,amount\nA1,Alpha,Qualifié,100\n", encoding="utf-8")
    other = tmp_path / "other-source.csv"
    other.write_text("deal_id,title,stage\nZ1,Zed,Prospect\n", encoding="utf-8")
    dash_duo.start_server(make_app(files=(jan, feb, other)))
    engine = make_engine(ui_settings.database_url)
    ids = {i.filename: i.id for i in store.list_imports(engine)}
    pipe = history.dataset_of(engine, ids["pipe-january.csv"])
    engine.dispose()
    base = dash_duo.server_url
    dash_duo.driver.get(base + "/pipeline")
    wait_for_page(dash_duo, "Pipeline")
    # default: the newest snapshot of the most recently imported dataset
    dash_duo.wait_for_contains_text("#context-line", "other-source.csv", timeout=PAGE_TIMEOUT)

    pick(dash_duo, "filter-dataset", "pipe-january · 2 instantanés")
    wait_for_url(dash_duo, lambda u: u.endswith(f"/pipeline?dataset={pipe}"))
    dash_duo.wait_for_contains_text("#context-line", "pipe-february.csv", timeout=PAGE_TIMEOUT)
    labels = dropdown_options(dash_duo, "filter-import")
    assert len(labels) == 2 and all("pipe-" in label for label in labels), labels
    january = next(label for label in labels if "pipe-january.csv" in label)
    pick(dash_duo, "filter-import", january)
    wait_for_url(dash_duo, lambda u: f"import={ids['pipe-january.csv']}" in u
                 and f"dataset={pipe}" in u)
    dash_duo.wait_for_contains_text("#context-line", "pipe-january.csv", timeout=PAGE_TIMEOUT)
    assert dash_duo.get_logs() == []
