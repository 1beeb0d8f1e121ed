"""Import engine: an uploaded file's bytes to canonical deals plus a report (issue #3).

Pure Python/pandas (no Dash): the storage layer and the UI call :func:`parse_upload`, show
``ParsedFile.summary()`` and store ``ParsedFile.deals``. The steps live in small modules:
``reader`` (bytes → table of strings), ``headers`` (column mapping), ``values`` (numbers,
percentages, dates), ``validate`` (canonical frame, rejections, warnings), ``report`` (results).
"""

from __future__ import annotations

import hashlib

from data.ingest.headers import apply_user_mapping, auto_mapping, mapping_choices
from data.ingest.reader import read_table
from data.ingest.report import ImportRefused, Issue, ParsedFile, mapping_signature
from data.ingest.validate import build_deals

__all__ = [
    "ImportRefused",
    "Issue",
    "ParsedFile",
    "auto_mapping",
    "mapping_choices",
    "mapping_signature",
    "parse_upload",
]


def parse_upload(
    content: bytes,
    filename: str,
    *,
    mapping: dict[str, str | None] | None = None,
    sheet: str | None = None,
    locale: str | None = None,
    default_currency: str = "EUR",
    checksum: str | None = None,
) -> ParsedFile:
    """Parse an uploaded CSV / gzip CSV / xlsx into canonical deals and a report.

    Args:
        content: The raw bytes of the upload (format is sniffed; the filename is only shown).
        filename: Original file name, kept for the report.
        mapping: Header → field (or None to ignore) chosen by the user; overrides the automatic
            mapping entirely for the headers it names.
        sheet: Workbook sheet to read; default the first sheet with data.
        locale: "fr", "de", "en", "en-US"...: how to read ambiguous numbers and dates; default
            guessed from the headers and the delimiter.
        default_currency: Currency of amounts that carry none and of files without any.
        checksum: SHA-256 hex digest of ``content`` when the caller already computed it.

    Raises:
        ImportRefused: Binary, empty or header-only file, no stage/status column after mapping,
            or no usable row.
    """
    checksum = checksum or hashlib.sha256(content).hexdigest()
    table = read_table(content, sheet=sheet)
    chosen = apply_user_mapping(table.headers, mapping, table.frame)
    outcome = build_deals(table, chosen, locale=locale, default_currency=default_currency)
    raw = table.frame.copy()
    raw["source_row"] = table.source_rows
    return ParsedFile(
        filename=filename,
        checksum=checksum,
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        sheet=table.sheet,
        sheets=table.sheets,
        header_row=table.header_row,
        headers=table.headers,
        mapping=chosen,
        locale_hint=outcome.locale_hint,
        date_orders=outcome.date_orders,
        deals=outcome.deals,
        rejections=outcome.rejections,
        warnings=table.warnings + outcome.warnings,
        rows_total=len(table.frame),
        raw=raw,
    )
