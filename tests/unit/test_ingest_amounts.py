"""Every amount a person writes (issue #8, point 6), exact up to the documented maximum."""

from __future__ import annotations

import pandas as pd
import pytest

from data.ingest import parse_upload
from data.ingest.values import AMOUNT_MAX, parse_amounts


@pytest.mark.parametrize(
    ("raw", "expected", "currency"),
    [
        ("€ 1.234,56", 1234.56, "EUR"),
        ("1\u202f234,56 €", 1234.56, "EUR"),  # narrow no-break space
        ("1\u00a0234,56\u00a0€", 1234.56, "EUR"),  # no-break space
        ("1\u2009234,56 €", 1234.56, "EUR"),  # thin space
        ("1 234,56 €", 1234.56, "EUR"),
        ("1.234.567,89 €", 1234567.89, "EUR"),
        ("EUR 12,50", 12.5, "EUR"),
        ("12,50 EUR", 12.5, "EUR"),
        ("1.5e3", 1500.0, None),
        ("2E+04", 20000.0, None),
        ("1,5e3", 1500.0, None),
        ("$1,234,567.89", 1234567.89, "USD"),
        ("USD 1,234.50", 1234.5, "USD"),
        ("1'234'567.50 CHF", 1234567.5, "CHF"),
        ("CHF 1’234.50", 1234.5, "CHF"),
        ("£12", 12.0, "GBP"),
        ("9999999999999.99", 9999999999999.99, None),
    ],
)
def test_every_written_amount(raw: str, expected: float, currency: str | None) -> None:
    parsed = parse_amounts(pd.Series([raw], dtype="str"), "fr")
    assert not parsed.invalid.iloc[0], raw
    assert parsed.values.iloc[0] == pytest.approx(expected, abs=1e-9), raw
    assert parsed.currency.iloc[0] == currency


def test_amount_forms_in_one_column_follow_one_decimal_mark() -> None:
    column = pd.Series(["€ 1.234,56", "1 234,56 €", "1.234.567,89 €", "EUR 12,50", "1.5e3"])
    parsed = parse_amounts(column, "en")
    assert parsed.decimal == ","
    assert parsed.values.tolist() == pytest.approx([1234.56, 1234.56, 1234567.89, 12.5, 1500.0])
    assert not parsed.invalid.any()


def test_amount_above_the_maximum_rejects_the_row_with_its_reason() -> None:
    content = (
        b"stage,amount\nProspect,99999999999999999999.99\nWon,9999999999999.99\n"
        b"Lost,1e400\n"
    )
    parsed = parse_upload(content, "x.csv")
    assert parsed.deals["amount"].tolist() == [AMOUNT_MAX]
    assert sorted(i.row for i in parsed.rejections) == [2, 4]
    assert "largest amount kept exactly" in parsed.rejections[0].message
    assert "9 999 999 999 999.99" in parsed.rejections[0].message


def test_exact_to_the_cent_up_to_the_maximum() -> None:
    from decimal import Decimal

    texts = ["9999999999999.99", "1234567890123.45", "0.07", "100000000000.01"]
    values = parse_amounts(pd.Series(texts), "en").values
    for text, value in zip(texts, values, strict=True):
        assert Decimal(repr(round(value, 2))) == Decimal(text)
