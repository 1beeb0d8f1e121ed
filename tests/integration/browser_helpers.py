"""Helpers the browser tests share: text normalisation, Dash 4 dropdowns, the import dialog.

Dash 4's ``dcc.Dropdown`` renders a ``<button id=...>`` showing the value in ``#<id>-value``;
clicking it opens a popover (``.dash-dropdown-content``) with a search box
(``.dash-dropdown-search``) and options (``.dash-dropdown-option``, a checkbox for a multi
dropdown). The popover stays open after a pick in a multi dropdown: Escape closes it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from selenium.common.exceptions import (
    ElementClickInterceptedException,
    StaleElementReferenceException,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from layouts.formatting import Formatter

FILES = Path(__file__).parent / "files"
#: The browser is French (tests/conftest.py): the interface speaks the French catalogue.
FR = Formatter("fr")


def t(message: str, **values: object) -> str:
    """``message`` (an English catalogue id) as the French interface shows it."""
    return FR._(message, **values)


def kept_text(n: int) -> str:
    """The import preview's "N rows will be imported" badge, as the French dialog says it."""
    return FR.ngettext("{n} row will be imported", "{n} rows will be imported", n)


def imported_text(n: int, import_id: int, rejected: int | None = None) -> str:
    """The start of the import outcome ("Imported N deals as import #I · R rejected"), in
    French: what a ``wait_for_contains_text`` looks for."""
    text = FR._("Imported {n} deals as import #{id}{replaced} · {rejected} rejected · "
                "{warnings} warnings.", n=FR.number(n), id=import_id, replaced="",
                rejected="\0" if rejected is None else FR.number(rejected), warnings="\0")
    return text.split("\0")[0].rstrip(" ·")


def deals_total(n: int) -> str:
    """The Deals page's total line for ``n`` deals ("2 000 affaires")."""
    return plain(FR.ngettext("{n} deal", "{n} deals", n))
CORPUS = Path(__file__).parent.parent / "corpus"

#: Every page of the navbar: path, navbar label, page title.
PAGES = [("/", "Home"), ("/pipeline", "Pipeline"), ("/marketing", "Marketing"),
         ("/forecast", "Forecast"), ("/deals", "Deals"), ("/settings", "Settings")]

#: Scroll an element to the middle of the window at once (Bootstrap's ``scroll-behavior:
#: smooth`` would animate it, and a click during the animation lands beside the element).
CENTER = "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'});"

BACKGROUND_TIMEOUT = 30  # background callbacks fork a process through the DiskcacheManager
PAGE_TIMEOUT = 20


def plain(text: str) -> str:
    """Text with every kind of space (narrow no-break, no-break) turned into a plain space."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def number(text: str) -> float:
    """The first French-formatted number in ``text`` ("17 734,56 €" → 17734.56)."""
    match = re.search(r"-?\d[\d\s\u00a0\u202f]*(?:,\d+)?", text)
    assert match, f"no number in {text!r}"
    return float(re.sub(r"[\s\u00a0\u202f]", "", match.group()).replace(",", "."))


def css_id(component_id: str | dict[str, str]) -> str:
    """CSS selector of a component id; a dict id is the JSON Dash puts in the DOM."""
    if isinstance(component_id, dict):
        dom_id = json.dumps(component_id, sort_keys=True, separators=(",", ":"),
                            ensure_ascii=False)
        return "[id='" + dom_id.replace("'", "\\'") + "']"
    return f"#{component_id}"


def count(dash_duo, selector: str) -> int:  # type: ignore[no-untyped-def]
    """How many elements match ``selector`` right now.

    dash_duo's driver has a 2 s implicit wait, so ``find_elements`` of something absent
    costs 2 s; a script lookup answers at once (use it to assert absence or to poll).
    """
    return int(dash_duo.driver.execute_script(
        "return document.querySelectorAll(arguments[0]).length;", selector))


def texts(dash_duo, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Plain text of every element matching ``selector``, read in one script call."""
    found = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0]), e => e.textContent);",
        selector)
    return [plain(t) for t in found]


#: The Deals page's grid (its id names the view: ``layouts.deals.view_key``).
DEALS_GRID = ".deals-grid"
#: The total line above it ("1 234 affaires").
DEALS_TOTAL = ".deals-total"

_GRID_COLUMN = """
const rows = {};
for (const row of document.querySelectorAll(arguments[0] + ' .ag-row')) {
  const cell = row.querySelector('.ag-cell[col-id="' + arguments[1] + '"]');
  if (cell) { rows[Number(row.getAttribute('row-index'))] = cell.textContent; }
}
return Object.keys(rows).map(Number).sort((a, b) => a - b).map(k => rows[k]);
"""


def grid_cell(grid: str, column: str) -> str:
    """CSS selector of the cells of ``column`` in the AG Grid ``grid`` (a CSS selector)."""
    return f"{grid} .ag-row .ag-cell[col-id='{column}']"


def grid_column(dash_duo, grid: str, column: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Plain texts of ``column`` in the rows the grid shows, in row order (AG Grid keeps a
    pinned column's cells in rows of their own, and the DOM order of rows is not the
    display order after a sort: the ``row-index`` is).
    """
    return [plain(t) for t in dash_duo.driver.execute_script(_GRID_COLUMN, grid, column)]


def grid_headers(dash_duo, grid: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Header texts of an AG Grid, left to right (pinned columns first)."""
    return texts(dash_duo, f"{grid} .ag-header-cell .ag-header-cell-text")


def wait_until(dash_duo, condition, timeout: float, message: str):  # type: ignore[no-untyped-def]
    """Wait for ``condition(driver)`` to be truthy; fail with ``message`` (and what was seen)."""
    return WebDriverWait(dash_duo.driver, timeout, poll_frequency=0.1,
                         ignored_exceptions=(StaleElementReferenceException,)).until(
        condition, message
    )


def click_when_free(dash_duo, selector: str, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Scroll ``selector`` to the middle of the window and click it once nothing covers it.

    A Bootstrap modal fades in and out (its backdrop stays ~0.3 s after ``.show`` goes), so a
    click right after a dialog opens or closes can land on the backdrop: a user would wait and
    click again, and so does this (only on an intercepted click; any other error fails).
    """
    def clicked(driver) -> bool:  # type: ignore[no-untyped-def]
        element = driver.find_element(By.CSS_SELECTOR, selector)
        driver.execute_script(CENTER, element)
        try:
            element.click()
        except ElementClickInterceptedException:
            return False
        return True

    WebDriverWait(dash_duo.driver, timeout, poll_frequency=0.2,
                  ignored_exceptions=(StaleElementReferenceException,)).until(
        clicked, f"{selector} stayed covered for {timeout} s")


def wait_for_plain_text(dash_duo, selector: str, expected: str,  # type: ignore[no-untyped-def]
                        timeout: float = 20) -> None:
    """Wait until the element's text equals ``expected``, spaces of every kind made plain.

    French numbers use narrow no-break spaces ("2 000") and no-break spaces ("… €"), which
    WebDriver reports inconsistently; comparing plain text keeps the assertion on the digits.
    """
    seen: list[str] = []

    def matches(driver) -> bool:  # type: ignore[no-untyped-def]
        found = driver.find_elements(By.CSS_SELECTOR, selector)
        seen[:] = [plain(found[0].text)] if found else []
        return bool(found) and seen[0] == plain(expected)

    wait_until(dash_duo, matches, timeout,
               f"{selector}: expected {plain(expected)!r}, found {seen[0] if seen else None!r}")


def wait_for_url(dash_duo, predicate, timeout: float = PAGE_TIMEOUT) -> str:  # type: ignore[no-untyped-def]
    """Wait until the browser's URL satisfies ``predicate``; return it."""
    wait_until(dash_duo, lambda d: predicate(d.current_url), timeout,
               "URL never matched")
    return dash_duo.driver.current_url


def dropdown_value(dash_duo, component_id: str | dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """The text a Dash 4 dropdown shows as its value (placeholder when empty)."""
    return plain(dash_duo.find_element(css_id(component_id)).text)


def open_dropdown(dash_duo, component_id: str | dict[str, str]):  # type: ignore[no-untyped-def]
    """Open a Dash 4 dropdown; return its popover element."""
    button = dash_duo.find_element(css_id(component_id))
    if button.get_attribute("aria-expanded") != "true":
        # a dropdown low on a long page: in the middle of the window, as a user would scroll
        dash_duo.driver.execute_script(CENTER, button)
        button.click()
    wait_until(dash_duo, lambda d: button.get_attribute("aria-expanded") == "true", 5,
               f"dropdown {component_id} did not open")
    return dash_duo.find_element(".dash-dropdown-content")


def close_dropdown(dash_duo, component_id: str | dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """Close an open Dash 4 dropdown with Escape (what a keyboard user does)."""
    button = dash_duo.find_element(css_id(component_id))
    dash_duo.find_element(".dash-dropdown-search").send_keys(Keys.ESCAPE)
    wait_until(dash_duo, lambda d: button.get_attribute("aria-expanded") != "true", 5,
               f"dropdown {component_id} did not close")


def dropdown_options(dash_duo, component_id: str | dict[str, str]) -> list[str]:  # type: ignore[no-untyped-def]
    """The option labels a dropdown offers (opens and closes it)."""
    open_dropdown(dash_duo, component_id)
    labels = texts(dash_duo, ".dash-dropdown-content .dash-dropdown-option")
    close_dropdown(dash_duo, component_id)
    return labels


def pick(dash_duo, component_id: str | dict[str, str], label: str) -> None:  # type: ignore[no-untyped-def]
    """Choose the option ``label`` like a user: open, type in the search box, click it.

    A single dropdown closes itself on a pick; a multi dropdown is closed with Escape.
    """
    popover = open_dropdown(dash_duo, component_id)
    search = popover.find_element(By.CSS_SELECTOR, ".dash-dropdown-search")
    search.send_keys(label)
    options = [o for o in popover.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")
               if plain(o.text) == label]
    assert options, f"no option {label!r} in {component_id}"
    options[0].click()
    # Read in one script: the pick's own callback may re-render the dropdown (a stale element).
    expanded = dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]);"
        " return e ? e.getAttribute('aria-expanded') : null;", css_id(component_id))
    if expanded == "true":
        close_dropdown(dash_duo, component_id)


def click_nav(dash_duo, label: str) -> None:  # type: ignore[no-untyped-def]
    """Click a navbar link by its label (the navbar is at the top of the page: scroll up)."""
    link = dash_duo.driver.find_element(
        By.XPATH, f"//nav//a[contains(@class,'nav-link') and normalize-space()='{t(label)}']")
    dash_duo.driver.execute_script(CENTER, link)
    link.click()


def wait_for_page(dash_duo, title: str, with_data: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Wait for a page's title and, with data, its content (context line or stage table)."""
    # French (the browser's language) unless the test asked for lang=en in the URL
    shown = "const e = document.querySelector('.page-title'); return e ? e.textContent : '';"
    wait_until(dash_duo, lambda d: plain(d.execute_script(shown)) in (t(title), title),
               PAGE_TIMEOUT, f"the page {title} did not show")
    if not with_data:
        return
    if title == "Settings":
        dash_duo.wait_for_element(grid_cell("#settings-stages", "stage"),
                                  timeout=PAGE_TIMEOUT)
    else:
        dash_duo.wait_for_element("#context-line", timeout=PAGE_TIMEOUT)
    if title == "Deals":  # the grid asks for its first page once drawn: wait for the answer
        wait_until(dash_duo, lambda d: any(c.isdigit() for c in "".join(texts(dash_duo,
                                                                              DEALS_TOTAL))),
                   PAGE_TIMEOUT, "the Deals table never loaded")


def context_counts(dash_duo) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(selected, total) from the context line "… · N of M deals selected · …"."""
    text = plain(dash_duo.find_element("#context-line").text)
    match = re.search(r"([\d ]+) affaires sélectionnées sur ([\d ]+)", text)
    assert match, text
    return int(match.group(1).replace(" ", "")), int(match.group(2).replace(" ", ""))


def drop_file(dash_duo, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Open the import dialog (when closed) and choose ``path`` in the upload's file input."""
    if not count(dash_duo, ".modal.show #import-upload"):
        dash_duo.find_element("#import-open").click()
    dash_duo.wait_for_element(".modal.show #import-upload input[type=file]", timeout=5)
    chooser = dash_duo.find_element("#import-upload input[type=file]")
    # What a click on the zone does before opening the file dialog (dcc.Upload's ``open``):
    # clear the input, so choosing the same file again is a change too.
    dash_duo.driver.execute_script("arguments[0].value = null;", chooser)
    chooser.send_keys(str(path))


def wait_for_confirm_enabled(dash_duo, enabled: bool = True) -> None:  # type: ignore[no-untyped-def]
    """Wait for the Import button to be enabled (or disabled)."""
    button = dash_duo.find_element("#import-confirm")
    wait_until(dash_duo, lambda d: button.is_enabled() == enabled, BACKGROUND_TIMEOUT,
               f"Import button never became {'enabled' if enabled else 'disabled'}")


def close_modal(dash_duo) -> None:  # type: ignore[no-untyped-def]
    """Close the import dialog with Cancel and wait until it is gone."""
    dash_duo.find_element("#import-cancel").click()
    wait_until(dash_duo, lambda d: not count(dash_duo, ".modal.show #import-upload"), 5,
               "import dialog did not close")


def sample_columns(dash_duo) -> list[str]:  # type: ignore[no-untyped-def]
    """Header labels of the "First parsed rows" table of the preview."""
    # One script call reads every label at once: the preview may be re-rendered meanwhile.
    return grid_headers(dash_duo, "#import-sample")
