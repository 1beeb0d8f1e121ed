"""Issue 14 in the browser: add a deal through the form, log a call, the cold list and KPIs follow.

The expected message for a bad amount is the importer's own message for a file whose "Amount"
column holds the same text (computed here through ``parse_upload``, not the editor).
"""

from __future__ import annotations

from datetime import date, timedelta

from data.ingest import parse_upload
from layouts.ids import Edit
from tests.integration.browser_helpers import (
    click_when_free,
    css_id,
    number,
    plain,
    t,
    texts,
    wait_for_plain_text,
    wait_for_url,
    wait_until,
)

TODAY = date.today()


def _field(name: str) -> str:
    return css_id({"field": name, "type": Edit.FIELD})


def _type(dash_duo, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    element = dash_duo.find_element(selector)
    element.clear()
    element.send_keys(text)


def _set_date(dash_duo, selector: str, day: date) -> None:  # type: ignore[no-untyped-def]
    """A date input filled the way React sees a user's pick (the native setter + an event)."""
    dash_duo.driver.execute_script(
        "const el = document.querySelector(arguments[0]);"
        "const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
        "set.call(el, arguments[1]); el.dispatchEvent(new Event('input', {bubbles: true}));"
        "el.dispatchEvent(new Event('change', {bubbles: true}));",
        selector, day.isoformat())


def test_edit001_add_a_deal_log_a_call_it_leaves_the_cold_list(dash_duo, make_app) -> None:
    app = make_app()
    dash_duo.start_server(app)
    dash_duo.driver.get(dash_duo.server_url + "/edit")
    dash_duo.wait_for_element(f"#{Edit.START}", timeout=20)
    _type(dash_duo, f"#{Edit.AUTHOR}", "Léa <b>Martin</b>")
    _type(dash_duo, f"#{Edit.NEW_NAME}", "My pipeline")
    click_when_free(dash_duo, f"#{Edit.START}")
    wait_for_url(dash_duo, lambda url: "dataset=1" in url)
    wait_for_plain_text(dash_duo, "#edit-kpi-open", "0")
    gross_before = number(texts(dash_duo, "#edit-kpi-gross")[0])
    assert gross_before == 0

    click_when_free(dash_duo, f"#{Edit.NEW}")
    dash_duo.wait_for_element(_field("name"), timeout=10)
    wait_until(dash_duo, lambda d: d.find_element("css selector", _field("name")).is_displayed(),
               10, "the deal panel did not open")
    _type(dash_duo, _field("name"), "Acme <i>renewal</i>")
    _type(dash_duo, _field("stage"), "Négociation")
    _type(dash_duo, _field("amount"), "12abc")
    _set_date(dash_duo, _field("created_date"), TODAY - timedelta(days=40))
    _set_date(dash_duo, _field("last_activity_date"), TODAY - timedelta(days=30))
    click_when_free(dash_duo, f"#{Edit.SAVE}")

    parsed = parse_upload(b"Stage,Amount\nProspect,12abc\nProspect,5\n", "f.csv")
    reason = next(i.message for i in parsed.rejections if i.column == "Amount")
    # the importer's own reason, in the page's language, naming the form's label (issue 13.3)
    expected = t(reason.template, **{**reason.values, "header": t("Amount")})
    feedback = css_id({"field": "amount", "type": Edit.FEEDBACK})
    wait_for_plain_text(dash_duo, feedback, expected)
    assert "is-invalid" in dash_duo.find_element(_field("amount")).get_attribute("class")
    assert "is-invalid" not in dash_duo.find_element(_field("name")).get_attribute("class")
    assert texts(dash_duo, "#edit-kpi-open") == ["0"]  # nothing was written

    _type(dash_duo, _field("amount"), "1 500")
    click_when_free(dash_duo, f"#{Edit.SAVE}")
    wait_until(dash_duo, lambda d: "ajoutée" in plain(d.find_element("css selector",
                                                                    f"#{Edit.MESSAGE}").text),
               20, "the deal was not added")
    assert "is-invalid" not in dash_duo.find_element(_field("amount")).get_attribute("class")
    wait_for_plain_text(dash_duo, "#edit-kpi-open", "1")
    wait_until(dash_duo, lambda d: number(texts(dash_duo, "#edit-kpi-gross")[0]) == 1500, 20,
               "the gross pipeline did not become 1 500")
    cold = "#edit-reminders-cold"
    wait_until(dash_duo, lambda d: any("Acme <i>renewal</i>" in t for t in texts(dash_duo, cold)),
               20, "the new deal (last activity 30 days ago) is not in the cold list")
    # the name is text: no <i> element was made from it
    assert dash_duo.driver.execute_script(
        "return document.querySelectorAll('#edit-reminders-cold i').length;") == 0

    _type(dash_duo, f"#{Edit.ACT_TEXT}", "Called: budget approved\nnext step <b>demo</b>")
    click_when_free(dash_duo, f"#{Edit.LOG}")
    wait_for_plain_text(dash_duo, f"#{Edit.ACT_MESSAGE}", t("{kind} logged.", kind=t("Call")))
    wait_until(dash_duo, lambda d: not texts(dash_duo, cold), 20,
               "the deal stayed in the cold list after the call")
    wait_until(dash_duo, lambda d: any("next step <b>demo</b>" in t
                                       for t in texts(dash_duo, f"#{Edit.TIMELINE}")),
               20, "the call is not in the timeline")
    line = plain(" ".join(texts(dash_duo, f"#{Edit.TIMELINE}")))
    assert f"Léa <b>Martin</b> {t('created the deal')}" in line
    # the Home page shows the same pipeline's figures
    dash_duo.driver.get(dash_duo.server_url + "/?dataset=1")
    wait_until(dash_duo, lambda d: texts(dash_duo, "#kpi-gross")
               and number(texts(dash_duo, "#kpi-gross")[0]) == 1500, 20,
               "Home does not show the new deal")
    assert dash_duo.get_logs() == []
