"""Deal lists as table rows (``layouts.tables``): formatted text columns in the user's locale."""

from __future__ import annotations

from dash_ag_grid import AgGrid

from data.pagedata.common import DealRecord
from layouts.components import data_table
from layouts.formatting import Formatter
from layouts.tables import deal_list, deal_rows


def test_deal_rows_format_money_dates_and_the_computed_column() -> None:
    record = DealRecord(deal_id="D1", name="Acme", amount=1234.5, currency="USD", p=0.7,
                        created_date="2026-11-01T00:00:00", expected_close_date="2026-12-01",
                        days_overdue=3.0)
    (row,) = deal_rows([record], Formatter("en"), "EUR")
    assert row["amount_text"] == "US$1,234.50"  # the deal's own currency wins
    assert row["p_text"] == "70%"
    assert (row["created_text"], row["expected_close_text"]) == ("01/11/2026", "01/12/2026")
    assert row["last_activity_text"] == "—"  # unknown, never blank or 0
    assert row["days_overdue_text"] == "3"
    assert "days_left_text" not in row and "account" not in row  # unknown fields left out


def test_deal_list_marks_rows_of_the_red_key() -> None:
    rows = [DealRecord(deal_id="A", days_overdue=2.0), DealRecord(deal_id="B", days_overdue=0.0)]
    table = deal_list(rows, Formatter("fr"), "EUR", "t", red_key="days_overdue")
    assert isinstance(table, AgGrid)
    assert [r["_red"] for r in table.rowData] == [1, 0]
    (rule,) = table.getRowStyle["styleConditions"]
    assert rule["condition"] == "params.data && params.data._red == 1"
    assert deal_list([], Formatter("fr"), "EUR", "t").children == (
        "Rien à afficher pour les filtres actuels."  # in the formatter's language
    )


def test_deal_list_is_a_grid_with_translated_headers_a_frozen_first_column_and_paging() -> None:
    rows = [DealRecord(deal_id=str(i), name=f"Deal {i}", amount=10.0 * i) for i in range(12)]
    table = deal_list(rows, Formatter("fr"), "EUR", "t", page_size=5)
    headers = [c["headerName"] for c in table.columnDefs]
    assert headers == ["Affaire", "Étape", "Responsable", "Montant", "Clôture prévue"]
    first, *others = table.columnDefs
    assert first["pinned"] == "left" and not any(c.get("pinned") for c in others)
    amount = next(c for c in table.columnDefs if c["field"] == "amount_text")
    assert amount["type"] == "rightAligned"
    options = table.dashGridOptions
    assert (options["pagination"], options["paginationPageSize"]) == (True, 5)
    assert options["localeText"]["of"] == "sur"  # AG Grid's own words in the page's language
    assert table.columnSize == "responsiveSizeToFit"
    few = deal_list(rows[:3], Formatter("en"), "EUR", "t", page_size=5)
    assert "pagination" not in few.dashGridOptions
    # English sets the grid's words too (its own default says "No Rows To Show")
    assert few.dashGridOptions["localeText"]["noRowsToShow"] == "No rows to show"


def test_link_column_is_markdown_built_by_the_app() -> None:
    table = data_table([{"stage": "<b>x</b>", "deals": "/deals?stage=x"}, {"stage": "y"}],
                       (("stage", "Stage"),), table_id="t", link_key="deals",
                       fmt=Formatter("en"))
    assert isinstance(table, AgGrid)
    assert [r["deals"] for r in table.rowData] == ["[Deals →](</deals?stage=x>)", ""]
    assert table.rowData[0]["stage"] == "<b>x</b>"  # user text stays a plain text cell
    link = table.columnDefs[-1]
    assert link["cellRenderer"] == "markdown" and "cellRenderer" not in table.columnDefs[0]
