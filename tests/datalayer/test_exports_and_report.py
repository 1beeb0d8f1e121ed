"""Issue 13 on SQLite and PostgreSQL: exports recomputed on the server from the page data, and
the PDF report of the whole dashboard (one section per page, each from a new page).

Expectations come from the sample CSV read with plain pandas, not from ``data.metrics``.
"""

from __future__ import annotations

import base64
import csv
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from app import create_app
from callbacks import exports as export_callbacks
from callbacks import report as report_callbacks
from data.importer import import_file
from data.report_pdf import chromium_path
from data.sample import sample_csv_bytes

AS_OF = date(2026, 11, 23)
N = 300


def _table_rows(sent: dict[str, object]) -> list[list[str]]:
    content = base64.b64decode(str(sent["content"]))
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return rows[rows.index([]) + 2:]  # after the header block and the column labels


def test_deals_export_is_the_filtered_view(app_settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(app_settings)
    raw = sample_csv_bytes(AS_OF, n=N)
    import_file(app.server.extensions["crm"]["engine"], raw, "sample.csv")
    sample = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    source = sample["source"].value_counts().index[0]
    expected = sample[(sample["source"] == source) & (sample["status"] == "open")]
    # English labels (no lang= and no browser would be APP_LOCALE's French; see test_exports)
    search = f"?source={source}&status=open&as_of={AS_OF.isoformat()}&lang=en"
    with app.server.test_request_context():
        sent = export_callbacks.table_export("deals-table", "csv", "/deals", search)
        book = export_callbacks.table_export("page", "xlsx", "/pipeline", search)
    assert sent is not None and book is not None
    assert sent["filename"] == f"deals_status-open_source-{source}_as-of-2026-11-23.csv"
    rows = _table_rows(sent)
    assert len(rows) == len(expected)
    assert sorted(r[0] for r in rows) == sorted(expected["deal_id"])
    workbook = load_workbook(io.BytesIO(base64.b64decode(str(book["content"]))))
    assert len(workbook.sheetnames) == 6  # every table of the Pipeline page
    # Value by stage: Σ amount of the open deals of each stage, in the main currency.
    money = expected[expected["currency"] == sample["currency"].value_counts().idxmax()]
    gross = pd.to_numeric(money["amount"].replace("", None)).groupby(money["stage"]).sum()
    cells = list(workbook["Value by stage"].iter_rows(values_only=True))
    labels = cells.index(("Stage", "Status", "Probability", "Deals", "Σ amount", "Weighted"))
    found = {row[0]: row[4] for row in cells[labels + 1:] if row[1] == "Open"}
    assert set(found) == set(gross.index)
    for stage, amount in found.items():
        assert isinstance(amount, float | int) and amount == pytest.approx(gross[stage])


@pytest.mark.skipif(chromium_path() is None, reason="the PDF report needs Chromium")
def test_pdf_has_a_section_per_page(app_settings) -> None:  # type: ignore[no-untyped-def]
    app = create_app(app_settings)
    import_file(app.server.extensions["crm"]["engine"], sample_csv_bytes(AS_OF, n=N),
                "sample.csv")
    with app.server.test_request_context():
        made = report_callbacks.pdf_report(f"?as_of={AS_OF.isoformat()}")
    assert made is not None
    content, name = made
    assert name == "crm-report_as-of-2026-11-23.pdf"
    pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages]
    # no lang= and no browser: the report speaks APP_LOCALE (French by default)
    from layouts.formatting import Formatter

    fr = Formatter("fr")
    brand = fr._("CRM Dashboard").upper() + "\n"
    # NFKC: the PDF's text keeps typographic ligatures ("ﬀ" in "Affaires") as single letters
    import unicodedata

    starts = [unicodedata.normalize("NFKC", text).split("\n")[1] for text in pages
              if text.startswith(brand)]
    assert starts == [fr._(p) for p in ("Home", "Pipeline", "Trends", "Marketing", "Segments",
                                        "Forecast", "What-if", "Deals")]


def test_report_writes_the_deals_grid_first_page_in(app_settings) -> None:  # type: ignore[no-untyped-def]
    """On screen the Deals grid asks the server for its rows; in the report they are written
    into the grid (``callbacks.report.fill_deals``), with the total line, as a plain table."""
    from data import report

    app = create_app(app_settings)
    raw = sample_csv_bytes(AS_OF, n=N)
    import_file(app.server.extensions["crm"]["engine"], raw, "sample.csv")
    sample = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    search = f"?status=open&as_of={AS_OF.isoformat()}&lang=en"
    with app.server.test_request_context():
        sections = report_callbacks.sections(search)
    (deals,) = [s for s in sections if s.title == "Deals"]
    html = report.document([deals], report.ReportMeta("2026-11-23", "now", ()), (), "")
    opened = int((sample["status"] == "open").sum())
    assert f"{opened} deals" in html  # the total line of the grid
    body = html.split('<table class="table table-sm report-table">', 1)[1].split("</table>")[0]
    assert "<th>Id</th><th>Deal</th><th>Health</th>" in body  # the grid's columns
    assert body.count("<tr>") == 1 + report.TABLE_ROWS  # header + its first page (15 rows)
