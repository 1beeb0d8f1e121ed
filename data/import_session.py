"""One import session, from the dropped bytes to the confirmed import (no Dash).

stage (``data.staging``: bytes on disk, hashed once) → :meth:`ImportSession.preview` for a
(mapping, sheet) → :meth:`ImportSession.confirm` → :meth:`ImportSession.rejected_rows`.

Within a session the file is hashed once (when staged), read once per sheet and parsed once
per (mapping, sheet); the imports of the same file are looked up once. The preview reads a
bounded sample (the first :data:`SAMPLE_BYTES` of a CSV, the first :data:`SAMPLE_ROWS` rows of
a workbook) so it answers quickly whatever the file's size; the full file is read at confirm.
The import row, its deals and the remembered mapping are written in one transaction through
``data.writes``.

Re-importing a file never replaces anything silently: the same bytes with the same mapping
and sheet are a no-op; with another mapping, :meth:`ImportSession.confirm` asks (``NEEDS_CHOICE``)
until the caller picks ``"new_version"`` or ``"replace"``.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from sqlalchemy import Engine

from data import store
from data.config import Settings
from data.export_safety import safe_csv
from data.ingest import (
    ImportRefused,
    ParsedFile,
    Related,
    join_tables,
    mapping_signature,
    parse_table,
    related_checksum,
)
from data.ingest.reader import RawTable, read_table
from data.ingest.report import REASON_HEADER, ROW_HEADER
from data.staging import StagedFile
from data.texts import N_, Text

#: Bytes of a CSV (after gzip) the preview reads; a file this size or smaller is read whole.
SAMPLE_BYTES: Final = 1 << 20
#: Worksheet rows the preview reads from a workbook larger than :data:`SAMPLE_BYTES`.
SAMPLE_ROWS: Final = 5000

Mapping = dict[str, str | None]
Progress = Callable[[int, str], None]
Reimport = Literal["ask", "new_version", "replace"]


@dataclass(frozen=True)
class Preview:
    """What the dialog shows for one (mapping, sheet).

    Attributes:
        parsed: The parsed sample (the whole file when ``complete``).
        complete: Whether the sample is the whole file (counts are then final).
        remembered: Whether the mapping is one the user confirmed before for these headers.
        identical: An import of these same bytes with this same mapping and sheet (a no-op).
        other_versions: Imports of these bytes with another mapping or sheet.
    """

    parsed: ParsedFile
    complete: bool
    remembered: bool
    identical: int | None
    other_versions: tuple[int, ...]
    size: int


@dataclass
class ImportOutcome:
    """What an import did, in the shape the CLI prints and the UI shows."""

    import_id: int | None
    created: bool
    already_imported: bool
    summary: dict[str, Any] = field(default_factory=dict)
    refused: str | None = None
    #: Imports of the same file with another mapping: the caller must choose what to do.
    needs_choice: tuple[int, ...] = ()
    replaced: int | None = None
    data_version: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The CLI's JSON: ids, counts, warnings and errors (``{row, column, message}``)."""
        summary = self.summary
        return {
            "import_id": self.import_id,
            "created": self.created,
            "already_imported": self.already_imported,
            "filename": summary.get("filename"),
            "rows_total": summary.get("rows_total", 0),
            "rows_imported": summary.get("rows_imported", 0),
            "rows_rejected": summary.get("rows_rejected", 0),
            "warnings": summary.get("warnings", []),
            "errors": summary.get("errors", []),
            "mapping": summary.get("mapping", {}),
            "encoding": summary.get("encoding"),
            "delimiter": summary.get("delimiter"),
            "refused": self.refused,
            "needs_choice": list(self.needs_choice),
            "replaced": self.replaced,
            "proposals": summary.get("proposals", []),
            "join": summary.get("join"),
            "mapping_preview": summary.get("mapping_preview"),
        }


def _mapping_key(mapping: Mapping | None) -> str:
    return json.dumps(sorted(mapping.items()) if mapping is not None else None)


def _csv_prefix(content: bytes, limit: int) -> bytes:
    """The first ``limit`` bytes of a text file cut after its last complete line."""
    head = content[:limit]
    if head.startswith(b"\xff\xfe") or (len(head) > 3 and head[1:2] == b"\x00"):
        cut = head.rfind(b"\n\x00")
        while cut > 0 and cut % 2:
            cut = head.rfind(b"\n\x00", 0, cut)
        return head[: cut + 2] if cut > 0 else head[: len(head) // 2 * 2]
    if head.startswith(b"\xfe\xff") or head[:1] == b"\x00":
        cut = head.rfind(b"\x00\n")
        while cut > 0 and cut % 2:
            cut = head.rfind(b"\x00\n", 0, cut)
        return head[: cut + 2] if cut > 0 else head[: len(head) // 2 * 2]
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 else head


class ImportSession:
    """The import of staged file(s) with one engine and one set of settings.

    Args:
        engine: The database.
        settings: The app's settings (default currency of amounts that carry none).
        files: The staged files: one export, or a deals export with related exports
            (companies, contacts, activities) that ``data.ingest.join`` joins onto it. Several
            files are read whole (a join needs every key); one file is previewed from a sample.
        sample_bytes: The preview's bound (tests lower it).
    """

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        files: Sequence[StagedFile],
        *,
        sample_bytes: int = SAMPLE_BYTES,
    ) -> None:
        """Hold the files; nothing is read before the first preview or confirm."""
        if not files:
            raise ValueError("an import session needs at least one file")
        self.engine = engine
        self.settings = settings
        self.files = tuple(files)
        self.sample_bytes = sample_bytes
        self._tables: dict[tuple[str | None, bool], RawTable] = {}
        self._related: dict[str | None, Related] = {}
        self._parsed: dict[tuple[str, str | None, bool], ParsedFile] = {}
        self._remembered: dict[str, Mapping | None] = {}
        self._prior: list[store.FileImport] | None = None

    @property
    def file(self) -> StagedFile:
        """The staged file being imported (the first one of related files)."""
        return self.files[0]

    @property
    def checksum(self) -> str:
        """The identity of what is imported: the file's SHA-256, or the set's (any order)."""
        if len(self.files) == 1:
            return self.file.checksum
        return related_checksum([f.checksum for f in self.files])

    @property
    def filename(self) -> str:
        """The name shown for the import (related files: "deals.csv + companies.csv")."""
        return " + ".join(f.filename for f in self.files)

    @property
    def size(self) -> int:
        """Bytes staged for the session."""
        return sum(f.size for f in self.files)

    # -- reading -------------------------------------------------------------------------------
    def _fits_sample(self) -> bool:
        return len(self.files) > 1 or self.file.size <= self.sample_bytes

    def _table(self, sheet: str | None, sample: bool) -> RawTable:
        """The file's table, read once per (sheet, sample or whole)."""
        whole = not sample or self._fits_sample()
        key = (sheet, not whole)
        if key not in self._tables:
            self._tables[key] = self._read(sheet, whole)
        return self._tables[key]

    def _read(self, sheet: str | None, whole: bool) -> RawTable:
        if whole:
            return read_table(self.file.read(), sheet=sheet)
        head = self.file.read(4)
        if head.startswith(b"PK\x03\x04"):
            return read_table(self.file.read(), sheet=sheet, max_rows=SAMPLE_ROWS)
        if head.startswith(b"\x1f\x8b"):
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                text = inflater.decompress(self.file.read(self.sample_bytes), self.sample_bytes)
            except zlib.error as error:
                raise ImportRefused(Text(
                    N_("The file looks gzip-compressed but cannot be unpacked ({error})."),
                    error=str(error))) from error
            table = read_table(_csv_prefix(text, self.sample_bytes), sheet=sheet)
            table.file_format = "csv.gz"
            return table
        return read_table(_csv_prefix(self.file.read(self.sample_bytes), self.sample_bytes),
                          sheet=sheet)

    def _joined(self, sheet: str | None) -> Related:
        """Related files read whole and joined onto the deals (once per sheet)."""
        if sheet not in self._related:
            tables: list[tuple[str, RawTable]] = []
            for staged in self.files:
                try:
                    tables.append((staged.filename, read_table(staged.read(), sheet=sheet)))
                except ImportRefused as refused:
                    raise ImportRefused(Text(N_("{file}: {reason}"), file=staged.filename,
                                             reason=refused.message),
                                        refused.issues) from refused
            self._related[sheet] = join_tables(tables)
        return self._related[sheet]

    def _recall(self, headers: list[str]) -> Mapping | None:
        signature = mapping_signature(headers)
        if signature not in self._remembered:
            self._remembered[signature] = store.recall_mapping(self.engine, signature)
        return self._remembered[signature]

    def _resolve(self, table: RawTable, mapping: Mapping | None) -> tuple[Mapping | None, bool]:
        """The user's mapping, else the one remembered for these headers, else None (automatic:
        ``data.ingest`` decides from headers and values); and whether it was remembered.
        """
        if mapping is not None:
            return mapping, False
        remembered = self._recall(table.headers)
        usable = {h: f for h, f in (remembered or {}).items() if h in set(table.headers)}
        return (usable, True) if usable else (None, False)

    def _parse(self, mapping: Mapping | None, sheet: str | None, sample: bool) -> tuple[
        ParsedFile, bool
    ]:
        related = self._joined(sheet) if len(self.files) > 1 else None
        table = related.table if related else self._table(sheet, sample)
        chosen, remembered = self._resolve(table, mapping)
        whole = not sample or self._fits_sample()
        key = (_mapping_key(chosen), sheet, not whole)
        if key not in self._parsed:
            self._parsed[key] = parse_table(
                table,
                related.label if related else self.file.filename,
                self.checksum,
                mapping=chosen,
                default_currency=self.settings.default_currency,
                preset=related.preset if related else None,
                join=related.join if related else None,
            )
        return self._parsed[key], remembered

    def parse(self, mapping: Mapping | None = None, sheet: str | None = None) -> ParsedFile:
        """The whole file parsed with ``mapping`` (None: remembered, else automatic).

        Raises:
            ImportRefused: the file cannot be imported (the message says why).
        """
        return self._parse(mapping, sheet, sample=False)[0]

    def prior_imports(self) -> list[store.FileImport]:
        """Imports of these same bytes (looked up once per session)."""
        if self._prior is None:
            self._prior = store.imports_of_file(self.engine, self.checksum)
        return self._prior

    # -- the steps -----------------------------------------------------------------------------
    def preview(self, mapping: Mapping | None = None, sheet: str | None = None) -> Preview:
        """Counts, sample rows and issues for (mapping, sheet), from a bounded sample.

        Raises:
            ImportRefused: the file cannot be imported (the message says why).
        """
        parsed, remembered = self._parse(mapping, sheet, sample=True)
        identical, others = self._versions(parsed)
        return Preview(parsed, self._fits_sample(), remembered, identical, others, self.size)

    def _versions(self, parsed: ParsedFile) -> tuple[int | None, tuple[int, ...]]:
        identical = None
        others: list[int] = []
        for prior in self.prior_imports():
            if prior.mapping == parsed.mapping and prior.sheet == parsed.sheet:
                identical = prior.id
            else:
                others.append(prior.id)
        return identical, tuple(others)

    def confirm(
        self,
        mapping: Mapping | None = None,
        sheet: str | None = None,
        *,
        reimport: Reimport = "ask",
        replace_id: int | None = None,
        progress: Progress | None = None,
    ) -> ImportOutcome:
        """Parse the whole file and write it (one transaction), or say why not.

        Args:
            mapping: The mapping the user confirmed (remembered for these headers); None for
                the remembered or automatic one (then nothing new is remembered).
            sheet: The worksheet of a workbook.
            reimport: What to do when the same file was imported with another mapping:
                ``"ask"`` writes nothing and lists those imports in ``needs_choice``;
                ``"new_version"`` adds an import; ``"replace"`` replaces ``replace_id`` (default
                the newest of them) in the same transaction.
            replace_id: The import to replace.
            progress: Called with (percent, label) as the work advances.
        """
        report = progress or (lambda _percent, _label: None)
        report(10, N_("Reading the whole file…"))
        try:
            parsed, _ = self._parse(mapping, sheet, sample=False)
        except ImportRefused as refused:
            return ImportOutcome(None, created=False, already_imported=False,
                                 summary={"filename": self.filename,
                                          "errors": [i.as_dict() for i in refused.issues],
                                          "mapping_preview": refused.preview},
                                 refused=refused.message)
        identical, others = self._versions(parsed)
        if identical is not None:
            return ImportOutcome(identical, created=False, already_imported=True,
                                 summary=parsed.summary())
        replaced = None
        if others and reimport == "ask":
            return ImportOutcome(None, created=False, already_imported=False,
                                 summary=parsed.summary(), needs_choice=others)
        if others and reimport == "replace":
            replaced = replace_id if replace_id is not None else others[-1]
        report(60, Text(N_("Writing {n} deals…"), n=len(parsed.deals)))
        from data import writes  # the write door (imports data.store, like this module)

        saved = writes.save_import(
            self.engine,
            parsed,
            remember=parsed.mapping_signature() if mapping is not None else None,
            replace=replaced,
            sheet=parsed.sheet,
        )
        report(100, N_("Done"))
        return ImportOutcome(saved.import_id, created=saved.created,
                             already_imported=not saved.created, summary=parsed.summary(),
                             replaced=replaced if saved.created else None,
                             data_version=saved.data_version)

    def rejected_rows(self, mapping: Mapping | None = None, sheet: str | None = None) -> bytes:
        """The rejected rows as the file had them, plus ``row`` and ``reason`` (a safe CSV)."""
        parsed = self.parse(mapping, sheet)
        return rejected_csv(parsed)


def rejected_csv(parsed: ParsedFile, render: Callable[[str], str] = str) -> bytes:
    """Rejected rows with the file's own headers, a ``row`` and a ``reason`` column.

    Every cell is neutralised (``data.export_safety``): the download is opened in a
    spreadsheet, where a hostile cell must not run as a formula. ``render`` words the reasons
    and the two added headers in the reader's language (default: the English of the CLI).
    """
    reasons: dict[int, list[str]] = {}
    for issue in parsed.rejections:
        if issue.row is not None:
            reasons.setdefault(issue.row, []).append(render(issue.message))
    rows: list[list[object]] = [[render(ROW_HEADER), *parsed.headers, render(REASON_HEADER)]]
    if parsed.raw is not None and reasons:
        subset = parsed.raw[parsed.raw["source_row"].isin(list(reasons))]
        for record in subset.itertuples(index=False):
            values = list(record)
            number = int(values[-1])
            rows.append([number, *values[:-1], " | ".join(reasons[number])])
    return safe_csv(rows)
