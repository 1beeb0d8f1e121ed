"""Issue 5: filters live in the URL — set in the bar, kept across pages, shared as a link,
restored by the browser's back button; garbage parameters are ignored with a notice."""

from __future__ import annotations

from datetime import date

from browser_helpers import (
    click_nav,
    context_counts,
    count,
    dropdown_value,
    pick,
    plain,
    t,
    wait_for_page,
    wait_for_url,
    wait_until,
)

from data.sample import generate_sample


def _expected(source: str, status: str | None = None) -> int:
    """Deals of the sample with that source (and status), counted from the generator itself."""
    deals = generate_sample(date.today())
    mask = deals["source"] == source
    if status:
        mask &= deals["status"] == status
    return int(mask.sum())


def _source_table(dash_duo) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """Rows of the Marketing "Performance by source" table as lists of cell texts."""
    # AG Grid: a row's cells are in its pinned and centre parts (same row-index), in column order
    rows = dash_duo.driver.execute_script(
        "const grid = document.getElementById('marketing-source-table');"
        "if (!grid) return [];"
        "const rows = {};"
        "for (const row of grid.querySelectorAll('.ag-row')) {"
        "  const i = Number(row.getAttribute('row-index'));"
        "  for (const cell of row.querySelectorAll('.ag-cell')) {"
        "    (rows[i] = rows[i] || []).push("
        "      [Number(cell.getAttribute('aria-colindex')), cell.textContent]); } }"
        "return Object.keys(rows).map(Number).sort((a, b) => a - b)"
        "  .map(i => rows[i].sort((a, b) => a[0] - b[0]).map(c => c[1]));")
    return [[plain(c) for c in row] for row in rows]


def _wait_counts(dash_duo, selected: int, total: int = 2000) -> None:  # type: ignore[no-untyped-def]
    try:
        wait_until(dash_duo, lambda d: context_counts(dash_duo) == (selected, total), 20,
                   f"context line never showed {selected} of {total} deals selected")
    except Exception:
        raise AssertionError(f"{dash_duo.driver.current_url}: "
                             f"{dash_duo.find_element('#context-line').text}") from None


def test_brws009_filter_set_in_bar_kept_across_pages_links_and_back(dash_duo, make_app) -> None:
    linkedin, linkedin_won = _expected("LinkedIn"), _expected("LinkedIn", "won")
    assert 0 < linkedin_won < linkedin < 2000
    dash_duo.start_server(make_app(sample=True))
    base = dash_duo.server_url
    dash_duo.driver.get(base + "/pipeline")
    wait_for_page(dash_duo, "Pipeline")
    _wait_counts(dash_duo, 2000)

    # A filter chosen in the bar writes the query string and narrows the page.
    pick(dash_duo, "filter-source", "LinkedIn")
    wait_for_url(dash_duo, lambda u: u == base + "/pipeline?source=LinkedIn")
    _wait_counts(dash_duo, linkedin)

    # The navbar link carries it to Marketing: URL, widget and numbers agree.
    click_nav(dash_duo, "Marketing")
    wait_for_url(dash_duo, lambda u: u == base + "/marketing?source=LinkedIn")
    wait_for_page(dash_duo, "Marketing")
    _wait_counts(dash_duo, linkedin)
    assert dropdown_value(dash_duo, "filter-source") == "LinkedIn"
    table = _source_table(dash_duo)
    # Only the LinkedIn row. (Its "Deals" cell counts main-currency deals only: see report.)
    assert [row[0] for row in table] == ["LinkedIn"], table
    context = plain(dash_duo.find_element("#context-line").text)

    # The same link in a fresh session (no cookies, new window) shows the same view.
    shared = dash_duo.driver.current_url
    first_window = dash_duo.driver.current_window_handle
    dash_duo.driver.delete_all_cookies()
    dash_duo.driver.switch_to.new_window("window")
    dash_duo.driver.get(shared)
    wait_for_page(dash_duo, "Marketing")
    _wait_counts(dash_duo, linkedin)
    assert plain(dash_duo.find_element("#context-line").text) == context
    assert _source_table(dash_duo) == table
    wait_until(dash_duo, lambda d: dropdown_value(dash_duo, "filter-source") == "LinkedIn", 10,
               "the shared link did not fill the Source filter")
    assert dash_duo.get_logs() == []
    dash_duo.driver.close()
    dash_duo.driver.switch_to.window(first_window)

    # One more filter, then back: each step of the history restores its own filters.
    pick(dash_duo, "filter-status", t("Won"))
    wait_for_url(dash_duo, lambda u: u == base + "/marketing?status=won&source=LinkedIn")
    _wait_counts(dash_duo, linkedin_won)
    dash_duo.driver.back()
    wait_for_url(dash_duo, lambda u: u == base + "/marketing?source=LinkedIn")
    _wait_counts(dash_duo, linkedin)
    wait_until(dash_duo, lambda d: dropdown_value(dash_duo, "filter-status") == t("Status"), 10,
               "back did not clear the Status filter")
    assert dropdown_value(dash_duo, "filter-source") == "LinkedIn"
    dash_duo.driver.back()
    wait_for_url(dash_duo, lambda u: u == base + "/pipeline?source=LinkedIn")
    wait_for_page(dash_duo, "Pipeline")
    _wait_counts(dash_duo, linkedin)
    assert dash_duo.get_logs() == []


def test_brws010_garbage_parameters_load_with_a_notice(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    base = dash_duo.server_url
    dash_duo.driver.get(base + "/pipeline?foo=bar&from=notadate&status=weird")
    wait_for_page(dash_duo, "Pipeline")
    dash_duo.wait_for_element("#url-notice", timeout=10)
    notice = plain(dash_duo.find_element("#url-notice").text)
    for part in (t("Ignored unknown filter “{key}”.", key="foo"),
                 t("Ignored {key}=“{value}”: expected YYYY-MM-DD.", key="from", value="notadate"),
                 t("Ignored status “{value}” (open, won or lost).", value="weird")):
        assert plain(part) in notice, notice
    _wait_counts(dash_duo, 2000)  # every bad part ignored: the unfiltered view
    assert dropdown_value(dash_duo, "filter-status") == t("Status")
    assert count(dash_duo, "#page-error") == 0
    assert count(dash_duo, "#callback-error") == 0

    # Reset gives a clean link and the notice goes away.
    dash_duo.find_element("#filter-reset").click()
    wait_for_url(dash_duo, lambda u: u == base + "/pipeline")
    wait_until(dash_duo, lambda d: not count(dash_duo, "#url-notice"), 10,
               "the notice stayed after Reset")
    _wait_counts(dash_duo, 2000)
    assert dash_duo.get_logs() == []
