"""Issue 14 in the browser: a save on a deal someone changed meanwhile is refused and says so;
a deleted deal is listed and restored.
"""

from __future__ import annotations

from data import entry
from data.db import make_engine
from data.writes import add_deal, create_pipeline, edit_deal
from layouts.ids import Edit
from tests.integration.browser_helpers import (
    click_when_free,
    css_id,
    plain,
    t,
    texts,
    wait_until,
)


def _close_panel(dash_duo) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.execute_script("document.querySelector('.offcanvas .btn-close').click();")
    wait_until(dash_duo, lambda d: not d.execute_script(
        "return document.querySelector('.offcanvas.show, .offcanvas-backdrop') !== null;"),
        10, "the panel did not close")


def _message(dash_duo) -> str:  # type: ignore[no-untyped-def]
    found = texts(dash_duo, f"#{Edit.MESSAGE}")
    return found[0] if found else ""


def test_edit003_conflict_is_refused_then_delete_and_restore(dash_duo, make_app,
                                                              ui_settings) -> None:
    app = make_app()
    engine = make_engine(ui_settings.database_url)
    dataset = create_pipeline(engine, "Team")
    added = add_deal(engine, dataset, {"name": "Globex", "stage": "Prospect", "amount": "100"},
                     "Tom")
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + f"/edit?dataset={dataset}")
    dash_duo.wait_for_element(f"#{Edit.AUTHOR}", timeout=20).send_keys("Léa")
    cell = f"#{Edit.TABLE} td[data-dash-column='name']"
    wait_until(dash_duo, lambda d: texts(dash_duo, cell) == ["Globex"], 20, "no deal listed")
    click_when_free(dash_duo, cell)
    amount = css_id({"field": "amount", "type": Edit.FIELD})
    wait_until(dash_duo, lambda d: d.find_element("css selector", amount)
               .get_attribute("value") == "100.00", 20, "the deal did not open")

    # Tom saves first, from elsewhere
    edit_deal(engine, dataset, added.deal_id, {"amount": "250"}, added.row_version, "Tom")
    field = dash_duo.find_element(amount)
    field.clear()
    field.send_keys("300")
    click_when_free(dash_duo, f"#{Edit.SAVE}")
    wait_until(dash_duo, lambda d: "not saved" in _message(dash_duo), 20, "no conflict message")
    assert "changed by Tom" in _message(dash_duo)
    deal = entry.get_deal(engine, dataset, added.deal_id)
    assert deal is not None and str(deal["amount"]) == "250.00"  # Tom's value kept

    # reopen (the new values), delete, restore
    _close_panel(dash_duo)
    click_when_free(dash_duo, cell)
    wait_until(dash_duo, lambda d: d.find_element("css selector", amount)
               .get_attribute("value") == "250.00", 20, "the deal did not reopen")
    click_when_free(dash_duo, f"#{Edit.DELETE}")
    deleted = t("Deal {id} deleted: restore it from “Deleted deals”.", id=added.deal_id)
    wait_until(dash_duo, lambda d: deleted in _message(dash_duo), 20, "not deleted")
    _close_panel(dash_duo)
    wait_until(dash_duo, lambda d: texts(dash_duo, cell) == [], 20, "still listed")
    restore = css_id({"deal": added.deal_id, "type": Edit.RESTORE})
    click_when_free(dash_duo, restore)
    wait_until(dash_duo, lambda d: texts(dash_duo, cell) == ["Globex"], 20, "not restored")
    assert t("Deal {id} restored.", id=added.deal_id) in plain(
        dash_duo.find_element(f"#{Edit.RESTORED}").text)
    actions = [r["action"] for r in entry.audit_rows(engine, dataset)]
    assert actions[-2:] == ["delete", "restore"]
    assert {r["author"] for r in entry.audit_rows(engine, dataset)
            if r["action"] in ("delete", "restore")} == {"Léa"}
    engine.dispose()
    assert dash_duo.get_logs() == []
