"""Formula neutralisation (OWASP CSV injection) of every cell the app writes to CSV/XLSX."""

from __future__ import annotations

import csv
import io

import pytest

from data.export_safety import neutralise_cell, safe_csv


@pytest.mark.parametrize(
    "cell",
    ["=HYPERLINK(\"http://x\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)",
     "\tdata", "\r=1+1", "=1", "-", "+", "@"],
)
def test_formula_like_cells_get_a_leading_apostrophe(cell: str) -> None:
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-1200", "+33,5", "-1 234,56", "1e5", "Acme", "", "a=b"])
def test_plain_text_and_signed_numbers_are_unchanged(cell: str) -> None:
    assert neutralise_cell(cell) == cell


def test_non_text_values_are_unchanged() -> None:
    assert neutralise_cell(12) == 12
    assert neutralise_cell(None) is None


def test_safe_csv_neutralises_every_cell_and_reads_back() -> None:
    data = safe_csv([["row", "name", "reason"], [2, "=HYPERLINK(\"x\")", "@bad"],
                     [3, "-50", "ok"]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["row", "name", "reason"], ["2", "'=HYPERLINK(\"x\")", "'@bad"],
                    ["3", "-50", "ok"]]
