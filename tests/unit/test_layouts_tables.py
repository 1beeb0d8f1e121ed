"""Deal lists as table rows (``layouts.tables``): formatted text columns in the user's locale."""

from __future__ import annotations

from data.pagedata.common import DealRecord
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
    assert [r["_red"] for r in table.data] == [1, 0]
    assert deal_list([], Formatter("fr"), "EUR", "t").children == (
        "Rien à afficher pour les filtres actuels."  # in the formatter's language
    )
