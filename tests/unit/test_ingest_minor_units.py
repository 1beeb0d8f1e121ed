"""Amounts written in minor units (Close's ``value`` in cents) are read in currency units when
the file itself shows the scale: a sibling column with currency marks equal to amount / 100."""

from __future__ import annotations

from data.ingest import parse_upload

CLOSE = (
    b"id,lead_name,status_label,status_type,confidence,value,value_currency,value_formatted,"
    b"value_period,date_created,date_won,user_name\n"
    b'oppo_1,Acme Inc,Active,active,50,190000,USD,"$1,900",one_time,2026-01-05,,Jane Doe\n'
    b'oppo_2,Beta LLC,Won,won,100,250050,USD,"$2,500.50",one_time,2026-01-06,2026-02-01,Jo Roe\n'
    b"oppo_3,Gamma Co,Lost,lost,0,99900,USD,$999,one_time,2026-01-07,,Jane Doe\n"
    b'oppo_4,Delta SA,Demo Scheduled,active,20,500000,USD,"$5,000",one_time,2026-01-08,,Jo Roe\n'
)


def test_close_value_in_cents_is_read_in_dollars() -> None:
    parsed = parse_upload(CLOSE, "close_opportunities.csv")
    assert parsed.mapping["value"] == "amount" and parsed.mapping["value_formatted"] is None
    assert parsed.deals["amount"].tolist() == [1900.0, 2500.5, 999.0, 5000.0]
    (said,) = [w.message for w in parsed.warnings if "cents" in w.message]
    assert '"value_formatted"' in said and "100" in said


def _amounts(content: str) -> list[float]:
    return parse_upload(content.encode(), "x.csv").deals["amount"].tolist()


def test_a_formatted_copy_in_units_changes_nothing() -> None:
    assert _amounts("Stage,Amount,Shown\nProspect,1900,\"$1,900\"\nWon,2500,\"$2,500\"\n"
                    "Lost,999,$999\n") == [1900.0, 2500.0, 999.0]


def test_a_plain_number_column_that_happens_to_match_proves_nothing() -> None:
    assert _amounts("Stage,Amount,Units\nProspect,1900,19\nWon,2500,25\nLost,900,9\n") == [
        1900.0, 2500.0, 900.0]


def test_a_sibling_that_agrees_on_too_few_rows_proves_nothing() -> None:
    assert _amounts("Stage,Amount,Shown\nProspect,1900,$19\nWon,2500,$300\nLost,900,$100\n"
                    "Won,800,$700\n") == [1900.0, 2500.0, 900.0, 800.0]
