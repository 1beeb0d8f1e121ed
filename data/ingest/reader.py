"""Bytes to a table of strings: format, encoding, delimiter, header row, footer rows.

The reader knows nothing about deals: it only finds the real table in the file (skipping title
lines above it and total/footer lines below it) and keeps each row's line number in the
original file, so every later message can point at the line the user sees in their editor.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
import sys
import zlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from data.ingest.report import ImportRefused, Issue, shorten
from data.texts import N_, Text

csv.field_size_limit(sys.maxsize)

DELIMITERS: Final = (",", ";", "\t", "|")
#: Lines sniffed for the delimiter and the header: enough to see past title rows and to judge
#: the consistency of field counts.
SAMPLE_LINES: Final = 200
SAMPLE_CHARS: Final = 1 << 20

_MAGIC: Final = (
    (b"\x89PNG", N_("a PNG image")),
    (b"%PDF", N_("a PDF document")),
    (b"GIF8", N_("a GIF image")),
    (b"\xff\xd8\xff", N_("a JPEG image")),
    (b"\xd0\xcf\x11\xe0", N_("an old Excel .xls (or other OLE) file: save it as .xlsx or CSV")),
    (b"Rar!", N_("a RAR archive")),
    (b"7z\xbc\xaf", N_("a 7-Zip archive")),
    (b"\x7fELF", N_("an executable program")),
    (b"MZ", N_("a Windows program")),
)
_CONTENT_BYTE_RE: Final = re.compile(rb"[^ \t\r\n\x00]")
_FOOTER_RE: Final = re.compile(
    r"^\s*(grand\s+totals?|totals?|sous[-\s]total|sum|summe|gesamt|gesamtsumme|somme|"
    r"confidential|copyright|\(c\)|©|generated|exported|export|rapport|report|"
    r"salesforce\.com|powered by|page \d|nombre|anzahl|count|records?)\b",
    re.IGNORECASE,
)


@dataclass
class RawTable:
    """The table found in a file, all cells as stripped strings.

    Attributes:
        frame: Data rows only, columns are the (deduplicated) headers, all ``str``.
        source_rows: 1-based line (CSV) or sheet row (xlsx) of each data row.
        headers: Header texts as written (made unique with " (2)" when repeated).
        header_row: 1-based line of the header.
        extra_fields: source row -> count of fields beyond the header (such rows are rejected).
    """

    frame: pd.DataFrame
    source_rows: np.ndarray
    headers: list[str]
    header_row: int
    file_format: str
    encoding: str | None
    delimiter: str | None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    extra_fields: dict[int, int] = field(default_factory=dict)


def read_table(content: bytes, sheet: str | None = None, max_rows: int | None = None) -> RawTable:
    """Find the table in an upload (CSV, gzip-compressed CSV or xlsx).

    ``max_rows`` bounds the worksheet rows read from a workbook (the import preview's sample).

    Raises:
        ImportRefused: Empty, binary, unreadable or header-only files.
    """
    file_format = "csv"
    if content[:2] == b"\x1f\x8b":
        try:
            content = gzip.decompress(content)
        except (OSError, EOFError, zlib.error) as exc:
            raise ImportRefused(Text(
                N_("The file looks gzip-compressed but cannot be unpacked ({error})."),
                error=str(exc))) from exc
        file_format = "csv.gz"
    if _CONTENT_BYTE_RE.search(content) is None:  # only blanks: no copy of a large file
        raise ImportRefused(Text(N_("The file is empty: there is nothing to import.")))
    if content[:4] == b"PK\x03\x04":
        return _read_xlsx(content, sheet, max_rows)
    for magic, what in _MAGIC:
        if content.startswith(magic):
            raise ImportRefused(Text(N_("This is {what}, not a CSV or Excel file of deals."),
                                     what=Text(what)))
    text, encoding = _decode(content)
    # In UTF-8 and the single-byte code pages, NUL and CR are the bytes 0 and 13 and nothing
    # else: the checks run on the bytes (memchr) rather than on the decoded text.
    single_units = not encoding.startswith("utf-16")
    warnings: list[Issue] = []
    if (b"\x00" in content) if single_units else ("\x00" in text):
        text, nul_issue = _strip_nul(text)
        warnings.append(nul_issue)
    if (b"\r" in content) if single_units else ("\r" in text):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if re.fullmatch(r'[\s,;|"]*', text[:SAMPLE_CHARS]) and re.fullmatch(r'[\s,;|"]*', text):
        raise ImportRefused(Text(
            N_("The file contains only blank lines or delimiters: there is nothing to import.")
        ))
    delimiter = sniff_delimiter(text)
    # The text is still the file's own UTF-8 bytes when nothing was decoded differently or
    # cleaned: pyarrow can then read those bytes without a costly re-encoding.
    untouched = encoding == "utf-8" and not warnings and b"\r" not in content
    table = _read_csv_text(text, delimiter, content if untouched else None)
    table.file_format = file_format
    table.encoding = encoding
    table.warnings = warnings + table.warnings
    return table


def _decode(content: bytes) -> tuple[str, str]:
    """Decode with the BOM when there is one, else UTF-8, else Windows-1252.

    UTF-16 without a BOM is recognised by its NUL bytes on alternate positions. A file that is
    mostly control characters once decoded is binary and refused.
    """
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", errors="replace"), "utf-16"
    head = content[:4096]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > len(head) // 3 and even == 0:
            return _check_text(content.decode("utf-16-le", errors="replace"), "utf-16-le")
        if even > len(head) // 3 and odd == 0:
            return _check_text(content.decode("utf-16-be", errors="replace"), "utf-16-be")
    try:
        return _check_text(content.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return _check_text(content.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return _check_text(content.decode("latin-1"), "latin-1")


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    if sample and controls > max(8, len(sample) // 100):
        raise ImportRefused(Text(
            N_("This file is binary, not text: {controls} control characters in its first "
               "{n} characters. Upload a CSV or .xlsx export of your deals."),
            controls=controls, n=len(sample)))
    return text, encoding


def _strip_nul(text: str) -> tuple[str, Issue]:
    count = text.count("\x00")
    line = text.count("\n", 0, text.index("\x00")) + 1
    return text.replace("\x00", ""), Issue(
        Text(N_("Removed {count} NUL character(s) (invisible \\0 bytes), first on line "
                "{line}; check that line's values."), count=count, line=line),
        row=line,
    )


def _sample(text: str) -> str:
    end = 0
    for _ in range(SAMPLE_LINES):
        nxt = text.find("\n", end)
        if nxt < 0 or nxt > SAMPLE_CHARS:
            return text if nxt < 0 else text[:end]
        end = nxt + 1
    return text[:end]


def sniff_delimiter(text: str) -> str:
    """Pick the delimiter whose field count is the most consistent over the sample lines.

    Judging all sampled lines rather than the first one keeps title lines and decimal commas
    ("1 234,56" in a semicolon file) from fooling the choice.
    """
    sample = _sample(text)
    best = (",", -1.0, 0)
    for delimiter in DELIMITERS:
        counts = [
            len(record)
            for record in csv.reader(io.StringIO(sample), delimiter=delimiter)
            if any(cell.strip() for cell in record)
        ]
        if not counts:
            continue
        mode, hits = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = hits / len(counts)
        if (score, mode) > (best[1], best[2]):
            best = (delimiter, score, mode)
    return best[0]


def _records_with_lines(text: str, delimiter: str) -> tuple[list[list[str]], list[int]]:
    """All records with the line each starts on (quoted newlines make records span lines)."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records: list[list[str]] = []
    lines: list[int] = []
    previous_end = 0
    for record in reader:
        if record:
            records.append(record)
            lines.append(previous_end + 1)
        previous_end = reader.line_num
    return records, lines


def find_header(records: list[list[str]]) -> int:
    """Index of the header among the first records: the first row as wide as the table.

    Title rows ("Rapport des opportunités", "Exported on ...") have a single non-empty cell;
    the header is the first row whose non-empty cells reach half the table's usual width.
    """
    widths = [sum(1 for c in r if c.strip()) for r in records[:SAMPLE_LINES]]
    wide = [w for w in widths if w >= 2]
    if not wide:
        return next((i for i, w in enumerate(widths) if w), 0)
    usual = Counter(wide).most_common(1)[0][0]
    return next(i for i, w in enumerate(widths) if w >= max(2, (usual + 1) // 2))


def unique_headers(cells: list[str]) -> list[str]:
    """Header texts as written, made unique so that each can key the mapping."""
    headers: list[str] = []
    seen: Counter[str] = Counter()
    for position, cell in enumerate(cells, start=1):
        name = cell.strip().lstrip("\ufeff") or f"(column {position})"
        seen[name] += 1
        headers.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return headers


def _read_csv_text(text: str, delimiter: str, utf8: bytes | None = None) -> RawTable:
    sample_records, sample_lines = _records_with_lines(_sample(text), delimiter)
    if not any(cell.strip() for record in sample_records for cell in record):
        raise ImportRefused(
            Text(N_("The file contains only blank lines: there is nothing to import.")))
    header_index = find_header(sample_records)
    header_line = sample_lines[header_index]
    headers = unique_headers(sample_records[header_index])
    fast = _read_fast(text, delimiter, header_line, len(headers), utf8)
    if fast is not None:
        frame, rows = fast
        extra: dict[int, int] = {}
    else:
        frame, rows, extra = _read_slow(text, delimiter, header_line, len(headers))
    frame.columns = headers
    return _finish(frame, rows, headers, header_line, "csv", None, delimiter, extra)


def _read_fast(
    text: str, delimiter: str, header_line: int, width: int, utf8: bytes | None
) -> tuple[pd.DataFrame, np.ndarray] | None:
    """Vectorised parsers (pyarrow, then pandas' C parser); None when the careful path is needed.

    The row count is checked against the line count: if they differ, a quoted value spans
    several lines and only the csv module can say on which line each row starts.
    """
    if utf8 is not None:  # the same characters as ``text``: count on the bytes, faster
        total_lines = utf8.count(b"\n") + (0 if utf8.endswith(b"\n") else 1)
        no_blank_line = b"\n\n" not in utf8 and not utf8.startswith(b"\n")
    else:
        total_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
        no_blank_line = "\n\n" not in text and not text.startswith("\n")
    expected = total_lines - header_line
    frame = None
    if no_blank_line:
        frame = _read_pyarrow(utf8 or text.encode("utf-8"), delimiter, header_line, width)
    if frame is None or len(frame) != expected:
        frame = _read_pandas(text, delimiter, header_line, width)
    if frame is None or len(frame) != expected:
        return None
    rows = np.arange(header_line + 1, header_line + 1 + len(frame), dtype=np.int64)
    return frame, rows


def _read_pyarrow(data: bytes, delimiter: str, header_line: int, width: int) -> pd.DataFrame | None:
    import pyarrow as pa
    import pyarrow.csv as pv

    names = [str(i) for i in range(width)]
    try:
        table = pv.read_csv(
            io.BytesIO(data),
            read_options=pv.ReadOptions(skip_rows=header_line, column_names=names),
            parse_options=pv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, ValueError):
        return None
    frame = table.to_pandas()
    frame.columns = range(width)
    return frame


def _read_pandas(text: str, delimiter: str, header_line: int, width: int) -> pd.DataFrame | None:
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            skiprows=header_line,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=False,
            engine="c",
            quotechar='"',
        )
    except (pd.errors.ParserError, ValueError):
        return None
    if frame.shape[1] > width:
        return None
    for position in range(frame.shape[1], width):
        frame[position] = ""
    frame.columns = range(width)
    return frame


def _read_slow(
    text: str, delimiter: str, header_line: int, width: int
) -> tuple[pd.DataFrame, np.ndarray, dict[int, int]]:
    """Python's csv module, tracking the start line of every record and ragged rows."""
    records, lines = _records_with_lines(text, delimiter)
    kept: list[list[str]] = []
    rows: list[int] = []
    extra: dict[int, int] = {}
    for record, line in zip(records, lines, strict=True):
        if line <= header_line:
            continue
        if len(record) > width:
            if any(cell.strip() for cell in record[width:]):
                extra[line] = len(record) - width
            record = record[:width]
        elif len(record) < width:
            record = record + [""] * (width - len(record))
        kept.append(record)
        rows.append(line)
    frame = pd.DataFrame(kept, columns=range(width), dtype=str) if kept else pd.DataFrame(
        {i: pd.Series([], dtype=str) for i in range(width)}
    )
    return frame, np.asarray(rows, dtype=np.int64), extra


def _finish(
    frame: pd.DataFrame,
    rows: np.ndarray,
    headers: list[str],
    header_line: int,
    file_format: str,
    encoding: str | None,
    delimiter: str | None,
    extra: dict[int, int],
    sheet: str | None = None,
    sheets: list[str] | None = None,
) -> RawTable:
    """Strip cells, drop blank rows and footer rows, refuse a header-only table."""
    for column in frame.columns:
        frame[column] = frame[column].astype("str").str.strip()
    filled = np.zeros(len(frame), dtype=np.int64)
    for column in frame.columns:
        filled += (frame[column] != "").to_numpy()
    keep = filled > 0
    if not keep.all():
        frame, rows, filled = frame[keep], rows[keep], filled[keep]
    warnings: list[Issue] = []
    frame, rows, filled = _drop_repeated_headers(frame, rows, filled, headers, warnings)
    frame, rows, filled = _drop_subtotals(frame, rows, filled, warnings)
    footer = _footer_length(frame, filled, len(headers))
    if footer:
        first = frame.iloc[len(frame) - footer]
        text = next((c for c in first if c), "")
        warnings.append(
            Issue(
                Text(N_('Ignored {n} total/footer line(s) after the data, starting with '
                        '"{value}".'), n=footer, value=shorten(text)),
                row=int(rows[len(frame) - footer]),
                value=shorten(text),
            )
        )
        frame, rows = frame.iloc[: len(frame) - footer], rows[: len(rows) - footer]
    if frame.empty:
        raise ImportRefused(
            Text(N_("The file has a header on line {line} but no data rows below it. "
                    "Headers found: {headers}."), line=header_line, headers=", ".join(headers)),
            [Issue(Text(N_("Header only: no data rows.")), row=header_line)],
        )
    frame = frame.reset_index(drop=True)
    return RawTable(
        frame, rows, headers, header_line, file_format, encoding, delimiter, sheet,
        sheets or [], warnings, extra,
    )


def _drop_repeated_headers(
    frame: pd.DataFrame,
    rows: np.ndarray,
    filled: np.ndarray,
    headers: list[str],
    warnings: list[Issue],
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Drop the header lines a file repeats inside its data, and the group titles above them.

    Exports by group (a monday.com board, a report grouped by region or stage) repeat the
    header under each group's title line: "Closed Won" alone on a line, then "Name, Owner,
    Stage…" again. A line whose filled cells all equal their column's header is such a repeat
    (at least half of the headers present); a line with only its first cell filled right above
    one is that group's title. Neither is a deal: they are skipped and counted in a warning
    rather than rejected one by one.
    """
    if len(headers) < 2 or frame.empty:
        return frame, rows, filled
    # A header the reader suffixed ("Close Date (2)") repeats as its plain text.
    names = [re.sub(r" \(\d+\)$", "", h).strip().casefold() for h in headers]
    cells = frame.to_numpy(dtype=object)
    same = np.zeros(len(frame), dtype=np.int64)
    for index, column in enumerate(frame.columns):
        text = frame[column].str.casefold().to_numpy(dtype=object)
        same += (text == names[index]) & (frame[column] != "").to_numpy()
    repeated = (same == filled) & (filled >= max(2, (len(headers) + 1) // 2))
    if not repeated.any():
        return frame, rows, filled
    titles = np.zeros(len(frame), dtype=bool)
    for position in np.flatnonzero(repeated):
        above = position - 1
        if above >= 0 and filled[above] == 1 and cells[above][0] != "" and not repeated[above]:
            titles[above] = True
    drop = repeated | titles
    line = int(rows[np.flatnonzero(drop)[0]])
    if titles.any():
        examples = ", ".join(f'"{shorten(str(cells[i][0]))}"' for i in np.flatnonzero(titles)[:3])
        said = Text(N_("Skipped {n} line(s) repeating the header and {titles} group title "
                       "line(s) above them ({examples}), first on line {line}: they are not "
                       "deals."), n=int(repeated.sum()), titles=int(titles.sum()),
                    examples=examples, line=line)
    else:
        said = Text(N_("Skipped {n} line(s) repeating the header, first on line {line}: they "
                       "are not deals."), n=int(repeated.sum()), line=line)
    warnings.append(Issue(said, row=line))
    keep = ~drop
    return frame[keep], rows[keep], filled[keep]


_SUBTOTAL_RE: Final = re.compile(
    r"^\s*(sub[-\s]?totals?|sous[-\s]totaux?|sous[-\s]total|zwischensumme|teilsumme|"
    r"zwischensummen|totals?|summe|somme|gesamt)\b",
    re.IGNORECASE,
)


def _drop_subtotals(
    frame: pd.DataFrame, rows: np.ndarray, filled: np.ndarray, warnings: list[Issue]
) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """Drop the subtotal lines of a grouped report (Salesforce "Subtotal", "Zwischensumme")
    that sit between the groups: a line whose first cell is such a word and which
    fills at most half of the columns is a sum of the deals above, not a deal. Lines at the
    end are the footer's business (:func:`_footer_length`).
    """
    width = frame.shape[1]
    if frame.empty or width < 3:
        return frame, rows, filled
    firsts = frame.iloc[:, 0]
    matched = firsts.str.match(_SUBTOTAL_RE).to_numpy(dtype=bool)
    drop = matched & (filled <= max(2, width // 2))
    # Leave the trailing block to the footer rule (it reports totals and footers together).
    trailing = len(drop)
    while trailing > 0 and drop[trailing - 1]:
        trailing -= 1
    drop[trailing:] = False
    if not drop.any():
        return frame, rows, filled
    first = int(np.flatnonzero(drop)[0])
    warnings.append(Issue(
        Text(N_('Skipped {n} subtotal/total line(s) inside the data, first on line {line} '
                '("{value}"): they sum deals already counted.'), n=int(drop.sum()),
             line=int(rows[first]), value=shorten(str(firsts.iloc[first]))),
        row=int(rows[first])))
    keep = ~drop
    return frame[keep], rows[keep], filled[keep]


def _footer_length(frame: pd.DataFrame, filled: np.ndarray, width: int) -> int:
    """How many rows at the end are totals or report footers rather than deals."""
    count = 0
    for position in range(len(frame) - 1, max(-1, len(frame) - 31), -1):
        cells = frame.iloc[position]
        first = next((c for c in cells if c), "")
        lone = filled[position] == 1 and width >= 3 and first == cells.iloc[0]
        few = filled[position] <= max(2, width // 2)
        if (_FOOTER_RE.match(first) and few) or lone:
            count += 1
        else:
            break
    return count


def _cell_text(value: object) -> str:
    """An xlsx cached value as text: dates ISO, integral floats without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _read_xlsx(content: bytes, sheet: str | None, max_rows: int | None = None) -> RawTable:
    """Cached cell values (never formula text) of the chosen or first non-empty sheet."""
    import openpyxl  # local: only xlsx uploads pay for it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a corrupt zip
        raise ImportRefused(Text(
            N_("This file is a zip archive but not a readable .xlsx workbook ({error})."),
            error=type(exc).__name__)) from exc
    try:
        names = list(workbook.sheetnames)
        if sheet is not None and sheet not in names:
            raise ImportRefused(Text(
                N_('No sheet named "{sheet}" in this workbook; sheets: {sheets}.'),
                sheet=sheet, sheets=", ".join(names)))
        candidates = [sheet] if sheet is not None else names
        chosen, records = None, []
        for name in candidates:
            rows = [
                [_cell_text(v) for v in values]
                for values in workbook[name].iter_rows(max_row=max_rows, values_only=True)
            ]
            if sum(1 for r in rows if any(c.strip() for c in r)) >= 1:
                chosen, records = name, rows
                break
        if chosen is None:
            raise ImportRefused(Text(N_("Every sheet of this workbook is empty ({sheets})."),
                                     sheets=", ".join(names)))
    finally:
        workbook.close()
    numbered = [(i, r) for i, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    header_index = find_header([r for _, r in numbered])
    header_line, header_cells = numbered[header_index]
    while header_cells and not header_cells[-1].strip():
        header_cells = header_cells[:-1]
    headers = unique_headers(header_cells)
    width = len(headers)
    data = [(i, (r + [""] * width)[:width]) for i, r in numbered[header_index + 1 :]]
    frame = pd.DataFrame([r for _, r in data], columns=range(width), dtype=str) if data else (
        pd.DataFrame({i: pd.Series([], dtype=str) for i in range(width)})
    )
    frame.columns = headers
    row_numbers = np.asarray([i for i, _ in data], dtype=np.int64)
    return _finish(frame, row_numbers, headers, header_line, "xlsx", None, None, {}, chosen, names)
