"""What an import produces: the parsed file, its issues, and the refusal of a whole file.

These classes are the contract between the import engine and the storage/UI layers: every
problem found in a file becomes an :class:`Issue` that quotes the offending value and its line,
so the user can fix the file without guessing.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from data.stages import fold
from data.texts import N_

#: Headers the rejected-rows CSV adds before and after the file's own columns.
ROW_HEADER = N_("row")
REASON_HEADER = N_("reason")

#: Display limit for quoted values: a 1 MB cell must not flood the report.
VALUE_DISPLAY_LIMIT = 80


def shorten(value: object, limit: int = VALUE_DISPLAY_LIMIT) -> str:
    """Truncate a raw value for display, marking the cut so the user knows it was longer."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Issue:
    """One rejection, warning or fatal error, located in the original file.

    Attributes:
        message: Human and specific: what, where, how to fix; quotes the offending value.
        row: 1-based line in the original file (header line counts; sheet row for xlsx).
        column: The file's own header text.
        value: The offending raw value, truncated for display.
    """

    message: str
    row: int | None = None
    column: str | None = None
    value: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form used by the report and the UI tables."""
        return {
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "value": self.value,
        }


class ImportRefused(Exception):
    """The whole file is refused; ``issues`` say why and ``str(e)`` is the clear message.

    ``preview`` is set when the file was read but could not be mapped (no stage or status
    column): it holds what the mapping editor needs to let the user pick the column —
    ``headers``, ``mapping`` (header → field or None), ``columns`` (per column: confidence,
    reason, candidates, what the values look like), ``proposals`` and ``sample_rows``.
    """

    def __init__(
        self,
        message: str,
        issues: list[Issue] | None = None,
        preview: dict[str, Any] | None = None,
    ) -> None:
        """Keep the message and the issues (one issue holding the message when none given)."""
        super().__init__(message)
        #: The message as given: a ``data.texts.Text`` keeps its id for the page's language
        #: (``str(e)`` is plain English, for the CLI and the logs).
        self.message: str = message
        self.issues: list[Issue] = issues if issues is not None else [Issue(message)]
        self.preview: dict[str, Any] | None = preview


def mapping_signature(headers: list[str]) -> str:
    """Stable key for a header list: the folded headers, hashed, order kept.

    Two exports of the same CRM report fold to the same signature even when a BOM, case or
    accent differs, so a confirmed mapping can be reused on the next upload.
    """
    folded = [fold(h) for h in headers]
    return hashlib.sha256(json.dumps(folded, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass
class ParsedFile:
    """A file turned into canonical deals, with everything the user needs to trust it."""

    filename: str
    checksum: str
    file_format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    sheets: list[str]
    header_row: int
    headers: list[str]
    mapping: dict[str, str | None]
    locale_hint: str
    date_orders: dict[str, str]
    deals: pd.DataFrame
    rejections: list[Issue]
    warnings: list[Issue]
    rows_total: int
    #: The data rows as read (str cells, file headers as columns, plus ``source_row``); used to
    #: give back rejected rows exactly as they were.
    raw: pd.DataFrame | None = field(default=None, repr=False)
    #: Per column: the mapper's confidence, reason, candidates and what the values look like.
    columns: list[dict[str, Any]] = field(default_factory=list)
    #: Unmapped indicator fields with a candidate column (see ``data.ingest.proposals``).
    proposals: list[dict[str, Any]] = field(default_factory=list)
    #: When several related files were joined: what was joined on what (``data.ingest.join``).
    join: dict[str, Any] | None = None

    @property
    def rows_imported(self) -> int:
        """Number of canonical deals produced."""
        return len(self.deals)

    @property
    def rows_rejected(self) -> int:
        """Number of distinct file rows rejected (a row may carry several issues)."""
        return len({issue.row for issue in self.rejections if issue.row is not None})

    def summary(self) -> dict[str, Any]:
        """JSON-able report of the import for the UI and the import log."""
        return {
            "filename": self.filename,
            "checksum": self.checksum,
            "format": self.file_format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "sheet": self.sheet,
            "sheets": list(self.sheets),
            "header_row": self.header_row,
            "mapping": dict(self.mapping),
            "locale_hint": self.locale_hint,
            "date_orders": dict(self.date_orders),
            "rows_total": self.rows_total,
            "rows_imported": self.rows_imported,
            "rows_rejected": self.rows_rejected,
            "warnings": [w.as_dict() for w in self.warnings],
            "errors": [e.as_dict() for e in self.rejections],
            "columns": list(self.columns),
            "proposals": list(self.proposals),
            "join": self.join,
        }

    def rejected_csv(self, render: Callable[[str], str] = str) -> bytes:
        """Rejected rows as they were in the file, plus ``row`` and ``reason`` columns.

        UTF-8 with a BOM so that Excel opens accents correctly on a double click. ``render``
        words the reasons and those two headers (a page passes its language; default English).
        """
        reasons: dict[int, list[str]] = {}
        for issue in self.rejections:
            if issue.row is not None:
                reasons.setdefault(issue.row, []).append(render(issue.message))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([render(ROW_HEADER), *self.headers, render(REASON_HEADER)])
        if self.raw is not None and reasons:
            subset = self.raw[self.raw["source_row"].isin(list(reasons))]
            for record in subset.itertuples(index=False):
                values = list(record)
                row_number = int(values[-1])
                writer.writerow([row_number, *values[:-1], " | ".join(reasons[row_number])])
        return ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def mapping_signature(self) -> str:
        """Key under which a confirmed mapping for these headers is remembered."""
        return mapping_signature(self.headers)
