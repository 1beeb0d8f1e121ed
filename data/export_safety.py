"""Spreadsheet-safe cells for every CSV/XLSX the app writes (OWASP "CSV injection").

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a
formula by Excel, LibreOffice and Google Sheets, so a hostile export could run
``=HYPERLINK(…)`` or ``+cmd|' /C calc'!A0`` on the machine of whoever opens the download.
Such cells get a leading apostrophe (OWASP's advice): the spreadsheet shows the text as
written. Plain signed numbers ("-1200", "+33,5") are left alone: they are not formulas.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Final

FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
_FIRST: Final = frozenset(p[0] for p in FORMULA_PREFIXES)
_PLAIN_NUMBER: Final = re.compile(r"[+-]?\d[\d .,\u00a0\u202f]*(?:[eE][+-]?\d+)?")


def neutralise_cell(value: object) -> object:
    """The value a spreadsheet will show as text: formula-like text gets a leading ``'``.

    Non-text values (numbers, None) are returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def safe_csv(rows: Iterable[Sequence[object]]) -> bytes:
    """Rows as CSV bytes for a download: every cell neutralised, UTF-8 with BOM, CRLF.

    The BOM makes Excel open accents correctly on a double click.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        # Only text can be a formula: the test on the first character spares a call per cell.
        writer.writerow([neutralise_cell(cell) if isinstance(cell, str) and cell[:1] in _FIRST
                         else cell for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
