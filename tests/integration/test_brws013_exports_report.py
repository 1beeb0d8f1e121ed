"""Issue 13, points 1-2 in the browser: export a filtered Deals view to CSV and Excel and read
the files back; download the PDF report and check it has a section per page with its charts.

The deals are written here (two of them named like spreadsheet formulas); what the export
must hold is computed from that file with plain pandas.
"""

from __future__ import annotations

import csv
import io
import time
import unicodedata
from pathlib import Path

import pandas as pd
from browser_helpers import (
    DEALS_TOTAL,
    click_when_free,
    count,
    css_id,
    number,
    t,
    texts,
    wait_until,
)
from openpyxl import load_workbook
from pypdf import PdfReader

AS_OF = "2026-11-23"
FORMULA = '=HYPERLINK("http://example.invalid","open me")'
STAGES = ("Prospect", "Qualifié", "Proposition", "Négociation")
#: A deal's status as the French export writes it (by hand, not from the catalogue).
FR_STATUS = {"won": "Gagnée", "lost": "Perdue", "open": "Ouverte"}
#: Every dashboard page with data, in navbar order (Settings and the editor have none).
SECTIONS = ["Home", "Pipeline", "Trends", "Marketing", "Segments", "Forecast", "What-if",
            "Deals"]


def _deals(path: Path) -> pd.DataFrame:
    rows = []
    for i in range(24):
        rows.append({
            "deal_id": f"D-{i:02d}",
            "name": FORMULA if i == 4 else "@SUM(1+1)" if i == 7 else f"Deal {i}",
            "account": f"Account {i % 5}",
            "stage": STAGES[i % 4],
            "status": "won" if i % 7 == 0 else "lost" if i % 11 == 0 else "open",
            "amount": 1000 + 250 * i,
            "currency": "EUR",
            "source": "LinkedIn" if i % 3 else "Salon",
            "sector": "Tech" if i % 2 else "Retail",
            "owner": "Ann" if i % 2 else "Bob",
            "created_date": f"2026-{1 + i % 9:02d}-1{i % 9}",
            "expected_close_date": f"2026-{3 + i % 9:02d}-2{i % 8}",
            "closed_date": "",
            "last_activity_date": f"2026-{2 + i % 9:02d}-0{1 + i % 8}",
        })
    frame = pd.DataFrame(rows)
    frame.to_csv(path, index=False)
    return frame


def _downloaded(dash_duo, folder: Path, name: str) -> bytes:  # type: ignore[no-untyped-def]
    target = folder / name
    wait_until(dash_duo, lambda d: target.is_file() and target.stat().st_size > 0, 60,
               f"no {name} in {folder}: {sorted(p.name for p in folder.iterdir())}")
    time.sleep(0.3)  # the browser renames the file when it is complete
    return target.read_bytes()


def _pager(dash_duo) -> str:  # type: ignore[no-untyped-def]
    """The Deals grid's pager text, as the browser shows it."""
    return str(dash_duo.driver.execute_script(
        "const e = document.querySelector('.deals-grid .ag-paging-panel');"
        " return e ? e.innerText : '';"))


def test_brws013b_pager_groups_thousands_the_french_way(  # type: ignore[no-untyped-def]
        dash_duo, make_app, tmp_path: Path) -> None:
    """Issue 13 point 3: "1 à 25 sur 1 030" (narrow no-break space), never "1,030"."""
    frame = _deals(tmp_path / "small.csv")
    many = pd.concat([frame] * 43, ignore_index=True)[:1030]
    many["deal_id"] = [f"D-{i:04d}" for i in range(len(many))]
    many.to_csv(tmp_path / "many_deals.csv", index=False)
    dash_duo.start_server(make_app(files=(tmp_path / "many_deals.csv",)))
    dash_duo.driver.get(dash_duo.server_url + f"/deals?as_of={AS_OF}")
    wait_until(dash_duo, lambda d: "1\u202f030" in _pager(dash_duo), 30,
               f"no French thousands in the pager: {_pager(dash_duo)!r}")
    assert "1,030" not in _pager(dash_duo) and " sur " in _pager(dash_duo)
    assert dash_duo.get_logs() == []


#: The header text of every card of the page content that holds a drawn chart.
_CHART_TITLES = """
return Array.from(document.querySelectorAll('#page-content .chart-card'))
  .filter(card => card.querySelector('.js-plotly-plot'))
  .map(card => {
    const header = card.querySelector('.card-header');
    const span = header && header.querySelector('span');
    return ((span || header || {}).textContent || '').trim();
  });
"""


def test_brws013_export_filtered_view_and_pdf_report(dash_duo, make_app,  # type: ignore[no-untyped-def]
                                                     tmp_path: Path) -> None:
    deals = _deals(tmp_path / "formula_deals.csv")
    expected = deals[deals["source"] == "LinkedIn"]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    dash_duo.start_server(make_app(files=(tmp_path / "formula_deals.csv",)))
    dash_duo.driver.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    query = f"?source=LinkedIn&as_of={AS_OF}"
    dash_duo.driver.get(dash_duo.server_url + "/deals" + query)
    wait_until(dash_duo, lambda d: any(c.isdigit() for c in (texts(dash_duo, DEALS_TOTAL)
                                                              or [""])[0]), 30,
               "the Deals table never loaded")  # "N affaires" or "N deals": the browser's language
    assert number(texts(dash_duo, DEALS_TOTAL)[0]) == len(expected)
    # AG Grid's own pager speaks the page's language too ("1 à 16 sur 16", not "1 to 16 of 16")
    wait_until(dash_duo, lambda d: " sur " in _pager(dash_duo), 20,
               f"the pager is not French: {_pager(dash_duo)!r}")
    assert " of " not in _pager(dash_duo) and " to " not in _pager(dash_duo)

    # In print: no navbar, filter bar or buttons; the filters written out instead.
    dash_duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = dash_duo.driver.execute_script(
        "const s = q => { const e = document.querySelector(q);"
        " return e ? getComputedStyle(e).display : 'absent'; };"
        "return [s('.navbar'), s('.filter-bar'), s('.report-tools'), s('.export-buttons'),"
        " s('#export-filters')];")
    assert shown == ["none", "none", "none", "none", "grid"], shown
    assert texts(dash_duo, "#export-filters") == ["SourceLinkedIn"]
    dash_duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # CSV: header block, then exactly the filtered deals, formula-like names neutralised.
    click_when_free(dash_duo, css_id({"format": "csv", "table": "deals-table",
                                      "type": "export-button"}))
    content = _downloaded(dash_duo, downloads, "deals_source-LinkedIn_as-of-2026-11-23.csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    blank = rows.index([])
    # in the page's language (French here): header block, labels and status words
    assert rows[0] == [t("CRM Dashboard export"), t("All deals")]
    assert [t("Analysis date"), AS_OF] in rows[:blank]
    assert [t("Source"), "LinkedIn"] in rows[:blank]
    header, data = rows[blank + 1], rows[blank + 2:]
    assert len(data) == len(expected)
    assert {"Deal", "Amount", "Status"}.isdisjoint(header), header
    by_id = {r[header.index(t("Id"))]: r for r in data}
    assert set(by_id) == set(expected["deal_id"])
    assert by_id["D-04"][header.index(t("Deal"))] == "'" + FORMULA
    assert by_id["D-07"][header.index(t("Deal"))] == "'@SUM(1+1)"
    french_statuses = {FR_STATUS[s] for s in expected["status"]}
    assert {r[header.index(t("Status"))] for r in data} == french_statuses

    # Excel: the same rows, the amount a number, the formula stored as text.
    click_when_free(dash_duo, css_id({"format": "xlsx", "table": "deals-table",
                                      "type": "export-button"}))
    content = _downloaded(dash_duo, downloads, "deals_source-LinkedIn_as-of-2026-11-23.xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet is not None
    cells = list(sheet.iter_rows())
    assert [c.value for c in cells[0]][:2] == [t("CRM Dashboard export"), t("All deals")]
    start = next(i for i, row in enumerate(cells) if row and row[0].value == t("Id"))
    labels = [c.value for c in cells[start]]
    table = [row for row in cells[start + 1:] if row and row[0].value is not None]
    assert len(table) == len(expected)
    formula_row = next(r for r in table if r[0].value == "D-04")
    amount = formula_row[labels.index(t("Amount"))]
    assert amount.data_type == "n" and amount.value == 1000 + 250 * 4
    name = formula_row[labels.index(t("Deal"))]
    assert name.data_type == "s" and name.value == "'" + FORMULA

    # The charts the browser draws on each page, to find again in the PDF.
    titles: dict[str, list[str]] = {}
    for path, page in (("/", "Home"), ("/pipeline", "Pipeline"), ("/marketing", "Marketing"),
                       ("/forecast", "Forecast")):
        dash_duo.driver.get(dash_duo.server_url + path + query)
        wait_until(dash_duo, lambda d: count(dash_duo, "#page-content .js-plotly-plot") > 0,
                   30, f"no chart on {page}")
        # a chart's title is its card's header (the figure draws none since issue 13, point 5)
        titles[page] = [t for t in dash_duo.driver.execute_script(_CHART_TITLES) if t]
        if page == "Pipeline":  # every table of the page, a sheet each
            click_when_free(dash_duo, css_id({"format": "xlsx", "table": "page",
                                              "type": "export-button"}))
            content = _downloaded(dash_duo, downloads,
                                  "pipeline_source-LinkedIn_as-of-2026-11-23.xlsx")
            sheets = ("Value by stage", "Funnel conversion", "Deal age by stage",
                      "Amount by sector", "Top sectors by average deal size",
                      "Salesperson performance")  # French sheet names, 31 characters at most
            assert load_workbook(io.BytesIO(content)).sheetnames == [
                t(title)[:31].strip() for title in sheets]
    assert all(titles.values())

    click_when_free(dash_duo, "#export-pdf")
    content = _downloaded(dash_duo, downloads, "crm-report_source-LinkedIn_as-of-2026-11-23.pdf")
    # NFKC: the PDF's text keeps typographic ligatures ("ﬀ" in "affaires") as single letters
    pages = [unicodedata.normalize("NFKC", p.extract_text() or "")
             for p in PdfReader(io.BytesIO(content)).pages]
    # the report speaks the language of the page it was asked from (French here)
    brand = t("CRM Dashboard").upper() + "\n"
    starts = [i for i, text in enumerate(pages) if text.startswith(brand)]
    assert [pages[i].split("\n")[1] for i in starts] == [t(s) for s in SECTIONS]
    for page, first, end in zip(SECTIONS, starts, [*starts[1:], len(pages)], strict=True):
        section = " ".join(" ".join(pages[first:end]).split())
        for title in titles.get(page, []):
            assert title in section, f"chart {title!r} of {page} not in the PDF"
        assert "LinkedIn" in section  # the filters written out
    assert dash_duo.get_logs() == []
