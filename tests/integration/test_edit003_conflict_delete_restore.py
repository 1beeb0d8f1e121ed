"""Issue 14 in the browser: a save on a deal someone changed meanwhile is refused and says so;
a deleted deal is listed and restored.

The deal panel slides in (a CSS transition) after its values are filled: a click on one of its
buttons during the slide lands where the button was and is lost without an error (no request,
no message). Under load the slide lasts long enough to catch the test's click, so every click in
the panel waits for the panel to stand still (``_panel_settled``).
"""

from __future__ import annotations

from selenium.common.exceptions import TimeoutException

from data import entry
from data.db import make_engine
from data.writes import add_deal, create_pipeline, edit_deal
from layouts.ids import Edit
from tests.integration.browser_helpers import (
    click_when_free,
    css_id,
    grid_cell,
    grid_column,
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


def _panel_settled(dash_duo) -> None:  # type: ignore[no-untyped-def]
    """Wait until the deal panel is open and no transition moves it (its buttons stay put)."""
    wait_until(dash_duo, lambda d: d.execute_script(
        "const p = document.querySelector('.offcanvas.show');"
        "return p !== null && p.getAnimations({subtree: true}).length === 0;"),
        20, "the deal panel did not finish opening")


def _wait_message(dash_duo, word: str, failure: str) -> None:  # type: ignore[no-untyped-def]
    """Wait for ``word`` in the panel's message; on failure say what the message was."""
    try:
        wait_until(dash_duo, lambda d: word in _message(dash_duo), 20, failure)
    except TimeoutException:
        raise AssertionError(f"{failure}; the message read {_message(dash_duo)!r}") from None


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
    cell = grid_cell(f"#{Edit.TABLE}", "name")
    wait_until(dash_duo, lambda d: grid_column(dash_duo, f"#{Edit.TABLE}", "name") == ["Globex"],
               20, "no deal listed")
    click_when_free(dash_duo, cell)
    amount = css_id({"field": "amount", "type": Edit.FIELD})
    wait_until(dash_duo, lambda d: d.find_element("css selector", amount)
               .get_attribute("value") == "100.00", 20, "the deal did not open")

    # Tom saves first, from elsewhere
    edit_deal(engine, dataset, added.deal_id, {"amount": "250"}, added.row_version, "Tom")
    _panel_settled(dash_duo)
    field = dash_duo.find_element(amount)
    field.clear()
    field.send_keys("300")
    click_when_free(dash_duo, f"#{Edit.SAVE}")
    # the conflict in the page's language (issue 13.3), with who changed the deal
    conflict = t("Deal {id} was changed by {author} on {date} at {time} since you opened it: "
                 "your changes were not saved. Reload the deal to see the new values, then "
                 "apply your changes again.", id=added.deal_id, author="Tom", date="\0",
                 time="\0").split("\0")
    _wait_message(dash_duo, conflict[0], "no conflict message")
    assert _message(dash_duo).endswith(conflict[-1]), _message(dash_duo)
    assert "not saved" not in _message(dash_duo) and "changed by" not in _message(dash_duo)
    deal = entry.get_deal(engine, dataset, added.deal_id)
    assert deal is not None and str(deal["amount"]) == "250.00"  # Tom's value kept

    # reopen (the new values), delete, restore
    _close_panel(dash_duo)
    click_when_free(dash_duo, cell)
    wait_until(dash_duo, lambda d: d.find_element("css selector", amount)
               .get_attribute("value") == "250.00", 20, "the deal did not reopen")
    _panel_settled(dash_duo)
    click_when_free(dash_duo, f"#{Edit.DELETE}")
    _wait_message(dash_duo, t("Deal {id} deleted: restore it from “Deleted deals”.",
                              id=added.deal_id), "not deleted")
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
