"""Column-wise value parsing: one decision per column, never per cell."""

from __future__ import annotations

import pandas as pd
import pytest

from data.ingest.reader import sniff_delimiter
from data.ingest.values import date_evidence, parse_amounts, parse_dates, parse_percent


def _s(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1 234,56 €", 1234.56),
        ("12.500,00", 12500.0),
        ("1'234.50 CHF", 1234.5),
        ("$1,234.56", 1234.56),
        ("1\u202f234,5", 1234.5),
        ("EUR 99", 99.0),
        ("1.234.567", 1234567.0),
    ],
)
def test_amount_formats(raw: str, expected: float) -> None:
    result = parse_amounts(_s(raw), "en")
    assert result.values.iloc[0] == pytest.approx(expected)
    assert not result.invalid.iloc[0]


def test_ambiguous_grouping_follows_the_column() -> None:
    assert parse_amounts(_s("1,234", "5,50"), "en").values.tolist() == [1.234, 5.5]
    assert parse_amounts(_s("1,234", "5.50"), "fr").values.tolist() == [1234.0, 5.5]


def test_amount_currency_detected() -> None:
    result = parse_amounts(_s("€5", "5 USD", "£1", "7"), "en")
    assert result.currency.tolist() == ["EUR", "USD", "GBP", None]


def test_percent_column_rule() -> None:
    fractions, _ = parse_percent(_s("0.7", "0,25", ""))
    assert fractions.iloc[:2].tolist() == [0.7, 0.25]
    percents, _ = parse_percent(_s("70", "0.5", "100"))
    assert percents.tolist() == [0.7, 0.005, 1.0]


def test_date_order_is_decided_per_column() -> None:
    assert date_evidence(_s("13/02/2026", "03/02/2026")) == "DMY"
    assert date_evidence(_s("02/13/2026", "03/02/2026")) == "MDY"
    assert date_evidence(_s("03/02/2026", "04/05/2026")) is None
    assert date_evidence(_s("03.02.2026")) == "DMY"
    parsed = parse_dates(_s("13/02/2026", "03/02/2026"), "DMY")
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist() == ["2026-02-13", "2026-02-03"]


def test_dates_with_time_and_invalid() -> None:
    parsed = parse_dates(_s("2026-01-05T10:00:00Z", "2026-1-5", "yesterday", ""), "DMY")
    assert parsed.values.iloc[0] == pd.Timestamp("2026-01-05")
    assert parsed.values.iloc[1] == pd.Timestamp("2026-01-05")
    assert parsed.invalid.tolist() == [False, False, True, False]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a;b;c\n1;2,5;3\n4;5,5;6\n", ";"),
        ("Title only\na\tb\n1\t2\n3\t4\n", "\t"),
        ('a,b\n"x;y",1\n"z;w",2\n', ","),
        ("a|b|c\n1|2|3\n", "|"),
    ],
)
def test_delimiter_from_consistency(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter
