"""Issue 13 (points 3–5): phones and tablets, one visual language, French and English.

At 390 px no page scrolls sideways and the filters live in an off-canvas panel opened from the
navbar, whose button counts the active filters.
"""

from __future__ import annotations

from browser_helpers import (
    BACKGROUND_TIMEOUT,
    DEALS_TOTAL,
    FILES,
    PAGE_TIMEOUT,
    PAGES,
    click_when_free,
    close_modal,
    deals_total,
    drop_file,
    kept_text,
    pick,
    plain,
    t,
    wait_for_page,
    wait_for_url,
    wait_until,
)

_WIDTHS = """
const e = document.documentElement;
return [e.scrollWidth, e.clientWidth];
"""
#: Elements whose right edge passes the viewport (what a failure names).
_OVERFLOWING = """
const w = document.documentElement.clientWidth;
return Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > w + 1 && e.getClientRects().length)
  .slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className);
"""


def _phone(dash_duo) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.set_window_size(390, 844)
    width = dash_duo.driver.execute_script("return window.innerWidth;")
    assert width <= 400, f"the window is {width} px wide, not a phone's 390"


def test_brws013_no_page_scrolls_sideways_at_390(dash_duo, make_app) -> None:
    """Every page of the nav (read from the registry: pages added later are checked too)."""
    import time

    import dash

    dash_duo.start_server(make_app(sample=True))
    paths = sorted(p["path"] for p in dash.page_registry.values())
    assert {path for path, _ in PAGES} <= set(paths)
    _phone(dash_duo)
    for path in paths:
        dash_duo.driver.get(dash_duo.server_url + path)
        dash_duo.wait_for_element(".page-title", timeout=PAGE_TIMEOUT)
        dash_duo._wait_for_callbacks()
        time.sleep(1)  # charts draw after their callback
        scroll, client = dash_duo.driver.execute_script(_WIDTHS)
        assert scroll <= client, (path, scroll, client,
                                  dash_duo.driver.execute_script(_OVERFLOWING))
    assert dash_duo.get_logs() == []


def test_brws013_filters_off_canvas_with_count_at_390(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    _phone(dash_duo)
    wait_for_page(dash_duo, "Home")
    panel = dash_duo.find_element("#shell-filters-panel")
    assert not panel.is_displayed(), "the filters cover the page before being asked for"
    assert not dash_duo.find_element("#shell-nav-collapse").is_displayed()
    # the KPI cards stack: one per row, each as wide as the page body
    lefts = dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.kpi-card'),"
        " e => e.getBoundingClientRect().left);")
    assert len(lefts) >= 4 and len(set(round(x) for x in lefts)) == 1, lefts
    click_when_free(dash_duo, "#shell-filters-open")
    wait_until(dash_duo, lambda d: panel.is_displayed(), 5, "the filter panel did not open")
    pick(dash_duo, "filter-status", t("Open"))
    pick(dash_duo, "filter-status", t("Won"))
    wait_for_url(dash_duo, lambda url: "status=open" in url and "status=won" in url)
    click_when_free(dash_duo, "#shell-filters-close")
    wait_until(dash_duo, lambda d: not panel.is_displayed(), 5, "the filter panel stayed open")
    wait_until(dash_duo,
               lambda d: plain(d.find_element("css selector", "#shell-filters-count").text) == "2",
               PAGE_TIMEOUT, "the Filters button does not count the two statuses")
    # the collapsed links open from the toggler and close after a link is followed
    click_when_free(dash_duo, "#shell-nav-toggle")
    nav = dash_duo.find_element("#shell-nav-collapse")
    wait_until(dash_duo, lambda d: nav.is_displayed(), 5, "the nav did not open")
    click_when_free(dash_duo, "#shell-nav-collapse a[href^='/pipeline']")
    wait_for_page(dash_duo, "Pipeline")
    wait_until(dash_duo, lambda d: not nav.is_displayed(), 5, "the nav stayed open")
    assert dash_duo.get_logs() == []


def _expected_source_count(source: str) -> int:
    """Deals of ``source`` in the sample, counted with plain pandas from the sample's bytes."""
    import io
    from datetime import date

    import pandas as pd

    from data.sample import sample_csv_bytes

    frame = pd.read_csv(io.BytesIO(sample_csv_bytes(date.today())))
    return int((frame["source"] == source).sum())


_CLICK_BAR = """
const graph = document.getElementById(arguments[0]);
const labels = Array.from(graph.querySelectorAll('g.xtick text'), t => t.textContent);
const index = labels.indexOf(arguments[1]);
const bars = graph.querySelectorAll('g.trace.bars')[0].querySelectorAll('g.point path');
return index < 0 ? null : bars[index];
"""


def test_brws013_clicking_a_bar_opens_the_deals_of_that_bar(dash_duo, make_app) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    source = "Recommandation"
    expected = _expected_source_count(source)
    assert expected > 0
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + "/marketing")
    wait_for_page(dash_duo, "Marketing")
    bar = wait_until(dash_duo, lambda d: d.execute_script(_CLICK_BAR, "marketing-revenue-graph",
                                                          source),
                     PAGE_TIMEOUT, f"no {source} bar on the revenue chart")
    ActionChains(dash_duo.driver).move_to_element(bar).click().perform()
    url = wait_for_url(dash_duo, lambda u: "/deals?" in u)
    assert url.endswith(f"/deals?source={source}"), url
    wait_for_page(dash_duo, "Deals")
    dash_duo.wait_for_element(DEALS_TOTAL, timeout=PAGE_TIMEOUT)
    wait_until(dash_duo,
               lambda d: plain(d.find_element("css selector", DEALS_TOTAL).text)
               == deals_total(expected),
               PAGE_TIMEOUT, f"Deals does not show the {expected} deals of {source}")
    assert dash_duo.get_logs() == []


def test_brws013_pipeline_and_forecast_alerts_link_to_their_deals(dash_duo, make_app) -> None:
    dash_duo.start_server(make_app(sample=True))
    for path, title, link, view in (
        ("/pipeline", "Pipeline", "#pipeline-cold-link", "cold"),
        ("/forecast", "Forecast", "#forecast-overdue-link", "overdue"),
    ):
        dash_duo.driver.get(dash_duo.server_url + path)
        wait_for_page(dash_duo, title)
        click_when_free(dash_duo, link)
        url = wait_for_url(dash_duo, lambda u: "/deals?" in u)
        assert url.endswith(f"/deals?view={view}"), url
        wait_for_page(dash_duo, "Deals")
        assert "active" in dash_duo.find_element(f"#deals-view-{view}").get_attribute("class")
    assert dash_duo.get_logs() == []


#: Visible text of the page (text nodes whose element is rendered) and input placeholders;
#: ``arguments[0]`` (optional) is a selector whose text is left out.
_VISIBLE_TEXT = """
const out = [], skip = arguments[0];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, el = node.parentElement;
  if (!el || !node.textContent.trim()) continue;
  if (el.closest('script, style, .modal:not(.show)')) continue;
  if (skip && el.closest(skip)) continue;
  if (!el.getClientRects().length) continue;
  out.push(node.textContent);
}
document.querySelectorAll('input[placeholder], textarea[placeholder]').forEach(
  i => { if (i.getClientRects().length) out.push(i.placeholder); });
return out;
"""
#: Text of the charts only (axis titles, legends, annotations drawn by Plotly in SVG).
_CHART_TEXT = """
return Array.from(document.querySelectorAll('.js-plotly-plot svg text'),
                  t => t.textContent).filter(t => t.trim());
"""

#: Every page of the navbar with its title, and what shows that its content has arrived.
ALL_PAGES = [
    ("/", "Home", "#context-line"), ("/pipeline", "Pipeline", "#context-line"),
    ("/marketing", "Marketing", "#context-line"), ("/forecast", "Forecast", "#context-line"),
    ("/deals", "Deals", "#context-line"), ("/trends", "Trends", "#trends-movement-title"),
    ("/segments", "Segments", "#context-line"), ("/what-if", "What-if", "#whatif-scenario"),
    ("/edit", "Editor", "#edit-kpi-open"),
    ("/settings", "Settings", "#settings-stages .ag-row .ag-cell[col-id='stage']"),
]
#: Pages whose charts carry the most texts of their own (legends, axes, hovers): their SVG text
#: is also read on its own below, since the page scan reads what is visible as a whole.
CHART_PAGES = ("/trends", "/segments", "/what-if")


def _chunks(message: str) -> list[str]:
    """The fixed parts of a catalogue message (between its ``{fields}``), long enough to be
    telling (short ones such as "Id" or "p" are the same word in both languages)."""
    import re

    return [c.strip(" ·:;,.()") for c in re.split(r"\{[^}]*\}|<br>", message)
            if len(c.strip(" ·:;,.()")) >= 8]


def _catalogue() -> list[tuple[str, str]]:
    """(English, French) pairs of the French catalogue, plural forms included."""
    from layouts.i18n import translations

    pairs: list[tuple[str, str]] = []
    for key, french in translations("fr")._catalog.items():  # type: ignore[attr-defined]
        english = key[0] if isinstance(key, tuple) else key
        if english:
            pairs.append((english, french))
    return pairs


def _foreign() -> dict[str, set[str]]:
    """Per language, the catalogue's fixed parts of the *other* language that tell it apart."""
    pairs = _catalogue()
    assert len(pairs) > 400, "the French catalogue is missing or nearly empty"
    english = {c for e, f in pairs for c in _chunks(e)}
    french = {c for e, f in pairs for c in _chunks(f)}
    # a part found in the other language too (a name such as "Monte-Carlo") tells nothing
    return {"fr": {c for c in english if not any(c in f for f in french)},
            "en": {c for c in french if not any(c in e for e in english)}}


def _seen(dash_duo, foreign: set[str], skip: str | None = None) -> list[str]:  # type: ignore[no-untyped-def]
    text = "\n".join(plain(t) for t in dash_duo.driver.execute_script(_VISIBLE_TEXT, skip))
    return sorted(c for c in foreign if plain(c) in text)


def _keep_a_pipeline(dash_duo) -> None:  # type: ignore[no-untyped-def]
    """Continue the sample in the editor, so Editor shows its KPIs, table and reminders."""
    dash_duo.driver.get(f"{dash_duo.server_url}/edit")
    dash_duo.wait_for_element("#edit-new-name", timeout=PAGE_TIMEOUT).send_keys("Pipeline")
    click_when_free(dash_duo, "#edit-continue-import")
    dash_duo.wait_for_element("#edit-kpi-open", timeout=PAGE_TIMEOUT)


def test_brws013_french_and_english_pages_hold_no_text_of_the_other(dash_duo, make_app) -> None:
    """Every page of the nav in both languages: no fixed part of a catalogue message of the
    other language is visible (titles, tables, hints, buttons, notices, placeholders, charts
    included), and the page title is in the page's language."""
    foreign = _foreign()
    dash_duo.start_server(make_app(sample=True))
    # the editor last: once a pipeline is kept in the app it is the newest dataset, and Trends
    # would have a single snapshot to show
    visits = [(lang, page) for page in ALL_PAGES for lang in ("fr", "en")
              if page[0] != "/edit"]
    visits += [(lang, page) for page in ALL_PAGES for lang in ("fr", "en") if page[0] == "/edit"]
    for lang, (path, title, ready) in visits:
        if path == "/edit" and lang == "fr":
            _keep_a_pipeline(dash_duo)
        # on Home, a bad parameter: the URL notice is checked in the page's language too
        bad = "&status=maybe&from=2026-13-45" if path == "/" else ""
        dash_duo.driver.get(f"{dash_duo.server_url}{path}?lang={lang}{bad}")
        dash_duo.wait_for_element(ready, timeout=PAGE_TIMEOUT)
        if bad:
            dash_duo.wait_for_element("#url-notice", timeout=PAGE_TIMEOUT)
        dash_duo._wait_for_callbacks()
        seen = _seen(dash_duo, foreign[lang])
        assert not seen, (lang, path, seen[:10])
        # and the page is in its own language: its title from the catalogue
        expected = title if lang == "en" else t(title)
        assert plain(dash_duo.find_element(".page-title").text) == expected
    assert dash_duo.get_logs() == []


def test_brws013_import_preview_holds_no_text_of_the_other_language(dash_duo, make_app) -> None:
    """The import dialog and a file's preview (facts, counts, mapping, sample), both languages;
    the file is canonical_12.csv, whose headers are field names in neither language."""
    foreign = _foreign()
    dash_duo.start_server(make_app(sample=True))
    for lang, kept in (("fr", kept_text(12)), ("en", "12 rows will be imported")):
        dash_duo.driver.get(f"{dash_duo.server_url}/?lang={lang}")
        dash_duo.wait_for_element("#context-line", timeout=PAGE_TIMEOUT)
        drop_file(dash_duo, FILES / "canonical_12.csv")
        dash_duo.wait_for_text_to_equal("#import-kept", plain(kept), timeout=BACKGROUND_TIMEOUT)
        seen = _seen(dash_duo, foreign[lang])
        assert not seen, (lang, seen[:10])
        close_modal(dash_duo)
    assert dash_duo.get_logs() == []


def test_brws013_charts_of_trends_segments_whatif_speak_french(dash_duo, make_app) -> None:
    from translations.fr import FR

    english = {e.replace("({currency})", "").strip() for e in FR
               if e in _CHART_TEXTS}
    dash_duo.start_server(make_app(sample=True))
    for path, _title, ready in ALL_PAGES:
        if path not in CHART_PAGES:
            continue
        dash_duo.driver.get(f"{dash_duo.server_url}{path}?lang=fr")
        dash_duo.wait_for_element(ready, timeout=PAGE_TIMEOUT)
        dash_duo.wait_for_element(".js-plotly-plot svg text", timeout=PAGE_TIMEOUT)
        text = "\n".join(dash_duo.driver.execute_script(_CHART_TEXT))
        assert not [e for e in english if e in text], (path, text[:300])


#: English chart texts (legends and axis titles) the French charts must not show.
_CHART_TEXTS = {"Weighted (total)", "Open pipeline ({currency})", "Days in stage",
                        "Revenue ({currency})", "Baseline", "Scenario", "Won revenue",
                        "Win rate", "Mean", "Median", "This quarter", "Deals"}


def test_brws013_import_errors_speak_the_page_language(dash_duo, make_app, tmp_path) -> None:
    """A file with bad rows (rejected-row reasons, warnings) and a refused file, dropped in
    French then in English: the dialog words the engine's messages in the page's language and
    keeps the file's own column names."""
    foreign = _foreign()
    bad = tmp_path / "bad_rows.csv"
    bad.write_text("Deal,Stage,Amount,Close date\n"
                   "A,Prospect,100,2026-01-31\n"
                   "B,Won,abc,2026-01-15\n"
                   "C,Lost,-5,2026-03-01\n"
                   "D,Prospect,200,2026-02-30\n", encoding="utf-8")
    dash_duo.start_server(make_app(sample=True))
    for lang in ("fr", "en"):
        say = t if lang == "fr" else (lambda m, **v: m.format(**v) if v else m)
        dash_duo.driver.get(f"{dash_duo.server_url}/?lang={lang}")
        dash_duo.wait_for_element("#context-line", timeout=PAGE_TIMEOUT)
        drop_file(dash_duo, bad)
        dash_duo.wait_for_text_to_equal("#import-rejected", plain(say("{n} rejected", n=3)),
                                        timeout=BACKGROUND_TIMEOUT)
        reason = plain(say('{header} "{value}" is not a number: expected e.g. 1234.56 or '
                           '1 234,56 €.', header="Amount", value="abc"))
        wait_until(dash_duo, lambda d, shown=reason: shown in plain(
            d.find_element("css selector", "#import-preview").text), 20,
            f"no rejected-row reason in {lang}")
        seen = _seen(dash_duo, foreign[lang])
        assert not seen, (lang, "rows", seen[:10])

        drop_file(dash_duo, FILES / "empty.csv")
        dash_duo.wait_for_text_to_equal(
            "#import-refused", say("The file is empty: there is nothing to import."),
            timeout=BACKGROUND_TIMEOUT)
        seen = _seen(dash_duo, foreign[lang])
        assert not seen, (lang, "refused", seen[:10])
        close_modal(dash_duo)
    assert dash_duo.get_logs() == []
