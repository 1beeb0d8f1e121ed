"""Import engine: an uploaded file's bytes to canonical deals plus a report (issue #3).

Pure Python/pandas (no Dash): the storage layer and the UI call :func:`parse_upload`, show
``ParsedFile.summary()`` and store ``ParsedFile.deals``. The steps live in small modules:
``reader`` (bytes → table of strings), ``words``/``profiles``/``mapping``/``headers`` (column
roles from header words and value profiles), ``proposals`` (what is missing), ``join``
(related files onto the deals), ``values`` (numbers, percentages, dates), ``validate``
(canonical frame, rejections, warnings), ``report`` (results).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from typing import Any

from data.ingest.headers import apply_user_mapping, auto_mapping, mapping_choices
from data.ingest.join import join_related, pick_deals_table
from data.ingest.labels import field_label
from data.ingest.mapping import ColumnDecision, decide_columns
from data.ingest.proposals import propose_missing
from data.ingest.reader import RawTable, read_table
from data.ingest.report import ImportRefused, Issue, ParsedFile, mapping_signature
from data.ingest.validate import build_deals
from data.texts import N_, Text

__all__ = [
    "ImportRefused",
    "Issue",
    "ParsedFile",
    "Related",
    "auto_mapping",
    "join_tables",
    "mapping_choices",
    "mapping_signature",
    "parse_related",
    "parse_table",
    "parse_upload",
    "preview_mapping",
    "related_checksum",
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
            or no usable row. In the last two cases ``preview`` holds the headers, the mapping,
            the candidates per column and sample rows, for the mapping editor.
    """
    checksum = checksum or hashlib.sha256(content).hexdigest()
    table = read_table(content, sheet=sheet)
    return parse_table(
        table, filename, checksum, mapping=mapping, locale=locale,
        default_currency=default_currency,
    )


def parse_table(
    table: RawTable,
    filename: str,
    checksum: str,
    *,
    mapping: dict[str, str | None] | None = None,
    locale: str | None = None,
    default_currency: str = "EUR",
    preset: dict[str, str | None] | None = None,
    join: dict[str, Any] | None = None,
) -> ParsedFile:
    """Map and validate a table already read (one file, or deals with related files joined).

    ``preset`` fixes the field of some columns before the user's ``mapping`` applies (the
    columns a join added carry the field they were joined for).
    """
    decisions = decide_columns(table.headers, {h: table.frame[h] for h in table.headers})
    if preset:
        decisions = [_preset(d, preset[d.header]) if d.header in preset else d
                     for d in decisions]
    chosen = apply_user_mapping(table.headers, mapping, decisions=decisions)
    columns = column_report(decisions, chosen, mapping)
    proposals = propose_missing(decisions, chosen)
    try:
        outcome = build_deals(table, chosen, locale=locale, default_currency=default_currency)
    except ImportRefused as refused:
        if refused.preview is None:
            refused.preview = {
                "filename": filename,
                "headers": list(table.headers),
                "mapping": dict(chosen),
                "columns": columns,
                "proposals": [p.as_dict() for p in proposals],
                "sample_rows": table.frame.head(5).to_dict(orient="records"),
                "join": join,
            }
        raise
    chosen = {**chosen, **outcome.remapped}
    raw = table.frame.copy()
    raw["source_row"] = table.source_rows
    proposal_warnings = [Issue(p.message, column=p.header) for p in proposals]
    proposal_warnings += [
        Issue(Text(N_('The mapping names a column "{header}" that this file does not have; it '
                      "was not used. The file's columns are: {headers}."), header=header,
                   headers=", ".join(table.headers)), column=header)
        for header in (mapping or {}) if header not in table.headers
    ]
    proposal_warnings += _repeated_header_warnings(table.headers, chosen)
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
        warnings=table.warnings + proposal_warnings + outcome.warnings,
        rows_total=len(table.frame),
        raw=raw,
        columns=columns,
        proposals=[p.as_dict() for p in proposals],
        join=join,
    )


def _repeated_header_warnings(
    headers: list[str], chosen: dict[str, str | None]
) -> list[Issue]:
    """A header the file repeats: say which copy is imported (the reader suffixed the others).

    ``reader.unique_headers`` keys the second "Amount" as "Amount (2)"; when that copy maps to
    nothing, its values would be dropped without a word.
    """
    issues = []
    for header in headers:
        match = re.fullmatch(r"(.+) \((\d+)\)", header)
        if not match or match.group(1) not in headers or chosen.get(header):
            continue
        first = match.group(1)
        used = chosen.get(first)
        said = (Text(N_("the first one is imported as {field}"), field=Text(field_label(used)))
                if used else Text(N_("the first one is not imported either")))
        issues.append(Issue(
            Text(N_('The file has more than one column named "{first}": {said}; the copy shown '
                    'as "{header}" is not imported. If it holds the right values, choose it in '
                    'the mapping (or rename the columns in the file).'), first=first, said=said,
                 header=header), column=header))
    return issues


def _took(field: str, header: str) -> str:
    return f'{field_label(field)} from "{header}"'


def parse_related(
    files: list[tuple[bytes, str]],
    *,
    mapping: dict[str, str | None] | None = None,
    sheet: str | None = None,
    locale: str | None = None,
    default_currency: str = "EUR",
) -> ParsedFile:
    """Parse several related exports as one import: the deals file, plus what the other files
    (companies, contacts, activities, accounts) add to each deal (see :mod:`data.ingest.join`).

    One file alone is exactly :func:`parse_upload`. The checksum of several files is the
    SHA-256 of their sorted checksums, so the same set of files is recognised again. ``mapping``
    applies to the joined table's headers (the added columns are named "Header [file]").

    Raises:
        ImportRefused: As :func:`parse_upload`; a file that cannot be read names itself.
    """
    if len(files) == 1:
        content, name = files[0]
        return parse_upload(content, name, mapping=mapping, sheet=sheet, locale=locale,
                            default_currency=default_currency)
    tables: list[tuple[str, RawTable]] = []
    digests: list[str] = []
    for content, name in files:
        digests.append(hashlib.sha256(content).hexdigest())
        try:
            tables.append((name, read_table(content, sheet=sheet)))
        except ImportRefused as refused:
            raise ImportRefused(Text(N_("{file}: {reason}"), file=name, reason=refused.message),
                                refused.issues) from refused
    related = join_tables(tables)
    return parse_table(related.table, related.label, related_checksum(digests),
                       mapping=mapping, locale=locale, default_currency=default_currency,
                       preset=related.preset, join=related.join)


def related_checksum(digests: list[str]) -> str:
    """The identity of a set of files: SHA-256 of their sorted SHA-256s (order-independent)."""
    return hashlib.sha256("".join(sorted(digests)).encode()).hexdigest()


@dataclass(frozen=True)
class Related:
    """Several exports read as one table: the deals with what the other files lend them."""

    table: RawTable
    label: str
    preset: dict[str, str | None]
    join: dict[str, Any]


def join_tables(tables: list[tuple[str, RawTable]]) -> Related:
    """Join related tables (name, table) onto the one that holds the deals, with a report.

    The deals table is found from the data (``join.pick_deals_table``); every other table is
    joined on the key it shares with the deals (``join.join_related``) and reported with its
    matched/unmatched counts, also as warnings of the joined table.
    """
    main = pick_deals_table(tables)
    deals_name, deals = tables[main]
    others = [t for i, t in enumerate(tables) if i != main]
    automatic = {d.header: d.field for d in decide_columns(
        deals.headers, {h: deals.frame[h] for h in deals.headers})}
    joined, preset, report = join_related(deals, others, automatic)
    join = {"deals_file": deals_name, "files": [j.as_dict() for j in report]}
    warnings = [
        Issue(
            f"{j.filename}: joined on {j.deals_key} = {j.file_key} ({j.key_kind}); "
            f"{j.matched} deal(s) matched, {j.unmatched} not"
            + (f"; took {', '.join(_took(k, v) for k, v in j.fields.items())}"
               if j.fields else "")
            + (f" ({j.note})" if j.note else "") + "."
            if j.deals_key else f"{j.filename}: not joined ({j.note}).",
        )
        for j in report
    ]
    joined.warnings = joined.warnings + warnings
    label = " + ".join([deals_name, *(name for name, _t in others)])
    return Related(joined, label, preset, join)


def _preset(decision: ColumnDecision, field: str | None) -> ColumnDecision:
    return replace(decision, field=field, confidence=1.0 if field else 0.0, reason="join")


def column_report(
    decisions: list[ColumnDecision],
    chosen: dict[str, str | None],
    user: dict[str, str | None] | None,
) -> list[dict[str, Any]]:
    """Per column: the field in use, who chose it, the mapper's confidence and candidates."""
    report: list[dict[str, Any]] = []
    for decision in decisions:
        entry = decision.as_dict()
        entry["auto_field"] = decision.field
        entry["field"] = chosen.get(decision.header)
        if user and decision.header in user:
            entry["chosen_by"] = "user"
            if entry["field"] != decision.field:
                entry["confidence"] = 1.0 if entry["field"] else 0.0
        else:
            entry["chosen_by"] = "auto"
            if entry["field"] != decision.field:  # the user took this field for another column
                entry["confidence"] = 0.0
                entry["reason"] = "its field was given to another column"
        report.append(entry)
    return report


def preview_mapping(content: bytes, filename: str, sheet: str | None = None) -> dict[str, Any]:
    """What the mapping editor needs, without validating rows: headers, automatic mapping,
    per-column confidence and candidates, proposals for missing fields and 5 sample rows.

    Raises:
        ImportRefused: The file cannot be read as a table at all (binary, empty...).
    """
    table = read_table(content, sheet=sheet)
    decisions = decide_columns(table.headers, {h: table.frame[h] for h in table.headers})
    chosen = {d.header: d.field for d in decisions}
    return {
        "filename": filename,
        "headers": list(table.headers),
        "mapping": chosen,
        "columns": column_report(decisions, chosen, None),
        "proposals": [p.as_dict() for p in propose_missing(decisions, chosen)],
        "sample_rows": table.frame.head(5).to_dict(orient="records"),
    }
