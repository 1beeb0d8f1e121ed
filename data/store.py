"""Reading and writing imports: atomic snapshots, bulk loads, stage settings, remembered mappings.

Every write happens in one transaction that also bumps ``meta.data_version``: a failure or a
killed process at any point leaves no partial import, and caches keyed by the version can never
serve a figure computed before the write. Values reach SQL only as bound parameters or through
``COPY`` (PostgreSQL) / ``executemany`` (SQLite); no cell text is ever formatted into SQL.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from sqlalchemy import Connection, Engine, delete, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from data import history
from data.canonical import (
    CANONICAL_FIELDS,
    DATE_FIELDS,
    NUMBER_FIELDS,
    TEXT_FIELDS,
    coerce_types,
)
from data.db import is_postgres
from data.schema import ImportRecord, MappingMemory, Meta, StageSettingRecord
from data.stages import StageSetting, default_stage_table, fold, is_valid_probability

DEAL_COLUMNS: tuple[str, ...] = ("import_id", "source_row", *CANONICAL_FIELDS)


@dataclass(frozen=True)
class ImportInfo:
    """What the imports list shows of one import."""

    id: int
    filename: str
    checksum: str
    imported_at: datetime
    rows_total: int
    rows_imported: int
    rows_rejected: int
    warnings_count: int
    mapping: dict[str, Any]
    #: The dataset (series of snapshots of one source) and the file's own "data as of" date.
    dataset_id: int | None = None
    data_as_of: date | None = None


@dataclass(frozen=True)
class SaveResult:
    """Outcome of :func:`save_import`: the import's id and whether it was new."""

    import_id: int
    created: bool
    data_version: int | None = None


class ParsedLike(Protocol):
    """What :func:`save_import` needs from a parsed file (``data.ingest.ParsedFile``)."""

    filename: str
    checksum: str
    file_format: str
    encoding: str | None
    delimiter: str | None
    mapping: dict[str, str | None]
    deals: pd.DataFrame
    rows_total: int
    rejections: list[Any]
    warnings: list[Any]

    def summary(self) -> dict[str, Any]:
        """JSON-able import report."""
        ...


def _bump_version(conn: Connection) -> int:
    """Increment the data version inside the caller's transaction; return the new value.

    Deleted imports past their undo delay are purged with any write (``history``).
    """
    bumped = conn.execute(
        update(Meta)
        .where(Meta.key == "data_version")
        .values(value=Meta.value + 1)
        .returning(Meta.value)
    )
    version = int(bumped.scalar_one())
    history.purge_expired(conn)
    return version


def data_version(engine: Engine) -> int:
    """The current data version: any write changes it."""
    with engine.connect() as conn:
        return int(conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar_one())


def database_id(engine: Engine) -> int:
    """The random id of this database (migration 0002): namespaces shared cache entries."""
    with engine.connect() as conn:
        return int(conn.execute(select(Meta.value).where(Meta.key == "database_id")).scalar_one())


def find_import_by_checksum(engine: Engine, checksum: str) -> int | None:
    """The id of a live import of a byte-identical file, if any (the oldest when several;
    deleted imports don't count).
    """
    found = imports_of_file(engine, checksum)
    return found[0].id if found else None


@dataclass(frozen=True)
class FileImport:
    """An import of a given file: its id, the mapping and the worksheet it was read with."""

    id: int
    mapping: dict[str, str | None]
    sheet: str | None


def _imports_of_file(conn: Connection, file_checksum: str) -> list[FileImport]:
    """Live imports whose file has this SHA-256, oldest first (deleted ones don't count).

    The first import of a file stores the file's checksum as its key; another version of the
    same file (another mapping or sheet) stores a derived key and names the file's checksum in
    its report (``file_checksum``), so the unique key still stops a concurrent duplicate.
    """
    table = ImportRecord.__table__
    rows = conn.execute(
        select(table.c.id, table.c.checksum, table.c.mapping, table.c.report)
        .where(table.c.deleted_at.is_(None))
        .order_by(table.c.id)
    ).all()
    found = []
    for row in rows:
        report = row.report or {}
        if row.checksum == file_checksum or report.get("file_checksum") == file_checksum:
            found.append(FileImport(int(row.id), dict(row.mapping or {}), report.get("sheet")))
    return found


def imports_of_file(engine: Engine, file_checksum: str) -> list[FileImport]:
    """Imports of the file whose bytes have this SHA-256, oldest first."""
    with engine.connect() as conn:
        return _imports_of_file(conn, file_checksum)


def import_key(file_checksum: str, mapping: dict[str, str | None], sheet: str | None) -> str:
    """The unique key of one version of a file: its bytes, mapping and worksheet."""
    import hashlib
    import json

    raw = json.dumps([file_checksum, sorted(mapping.items()), sheet], ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def save_import(
    engine: Engine,
    parsed: ParsedLike,
    *,
    remember: str | None = None,
    replace: int | None = None,
    sheet: str | None = None,
    dataset_id: int | None = None,
) -> SaveResult:
    """Write one parsed file as one snapshot, atomically, with its remembered mapping.

    One transaction holds the import row, its deals, the mapping remembered under the header
    signature ``remember`` (when given), the removal of the import ``replace`` (another import
    of the same file, when given: a soft deletion, undoable like any other), the dataset the
    import joins (``dataset_id`` when the user chose one, else the dataset of the same headers:
    ``history.assign_dataset``) and the data-version bump: a failure anywhere leaves none of
    them. The same file with the same mapping and sheet is not re-added (``created=False``),
    also when a concurrent request wrote it first (the unique key decides, no IntegrityError
    escapes).
    """
    summary = parsed.summary()
    mapping = {k: v for k, v in parsed.mapping.items()}
    report = {
        "warnings": summary.get("warnings", [])[:500],
        "errors": summary.get("errors", [])[:500],
        "encoding": parsed.encoding,
        "delimiter": parsed.delimiter,
        "file_checksum": parsed.checksum,
        "sheet": sheet,
    }
    derived = import_key(parsed.checksum, mapping, sheet)
    try:
        with engine.begin() as conn:
            same_file = _imports_of_file(conn, parsed.checksum)
            for earlier in same_file:
                if earlier.mapping == mapping and earlier.sheet == sheet:
                    return SaveResult(earlier.id, created=False)
            if replace is not None:
                if replace not in {i.id for i in same_file}:
                    raise ValueError(f"import #{replace} is not an import of {parsed.filename}")
                conn.execute(update(ImportRecord).where(ImportRecord.id == replace)
                             .values(deleted_at=datetime.now(UTC)))
            others = [i for i in same_file if i.id != replace]
            key = derived if others else parsed.checksum
            import_id = conn.execute(
                insert(ImportRecord)
                .values(
                    filename=parsed.filename,
                    checksum=key,
                    imported_at=datetime.now(UTC),
                    file_format=parsed.file_format,
                    encoding=parsed.encoding,
                    delimiter=parsed.delimiter,
                    rows_total=parsed.rows_total,
                    rows_imported=len(parsed.deals),
                    rows_rejected=len(parsed.rejections),
                    warnings_count=len(parsed.warnings),
                    mapping=mapping,
                    report=report,
                )
                .returning(ImportRecord.id)
            ).scalar_one()
            if remember is not None:
                write_mapping(conn, remember, mapping)
            bulk_insert_deals(conn, import_id, parsed.deals)
            history.assign_dataset(conn, import_id, parsed, dataset_id)
            version = _bump_version(conn)
    except IntegrityError:
        # A concurrent request imported the same version first: report it, write nothing.
        with engine.connect() as conn:
            winner = conn.execute(
                select(ImportRecord.id).where(
                    ImportRecord.checksum.in_([parsed.checksum, derived]),
                    ImportRecord.deleted_at.is_(None),
                )
            ).scalars().first()
        if winner is None:
            raise
        return SaveResult(int(winner), created=False)
    return SaveResult(int(import_id), created=True, data_version=version)



def _arrow_column(deals: pd.DataFrame, name: str) -> pa.Array:
    """One canonical column as Arrow, in the type the ``deals`` table stores.

    Text stays text (a non-string cell is written as its ``str``, as before), amounts are
    rounded to the cent, dates become calendar days; NaN/NaT/None become NULL. Only a column
    that is not already in its canonical dtype is converted (``coerce_types`` would copy all).
    """
    n = len(deals)
    if name in TEXT_FIELDS:
        if name not in deals:
            return pa.nulls(n, pa.string())
        series = deals[name]
        try:
            return pa.array(series, type=pa.string(), from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            values = series.astype(object)
            return pa.array([None if pd.isna(v) else str(v) for v in values], type=pa.string())
    if name in NUMBER_FIELDS:
        if name not in deals:
            return pa.nulls(n, pa.float64())
        numbers = deals[name]
        if numbers.dtype != np.float64:
            numbers = pd.to_numeric(numbers, errors="coerce").astype("float64")
        values = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
        if name == "amount":
            values = np.round(values, 2)
        return pa.array(values, from_pandas=True)
    if name not in deals:
        return pa.nulls(n, pa.date32())
    dates = deals[name]
    if dates.dtype != np.dtype("datetime64[s]"):
        dates = pd.to_datetime(dates, errors="coerce").astype("datetime64[s]")
    stamps = pa.array(dates.to_numpy(), from_pandas=True)
    return pc.cast(pc.floor_temporal(stamps, unit="day"), pa.date32(), safe=False)


def _arrow_rows(import_id: int, deals: pd.DataFrame) -> pa.Table:
    """The deals in column order of the ``deals`` table, as an Arrow table (no pandas copy)."""
    n = len(deals)
    if "source_row" in deals:
        source_row = deals["source_row"].to_numpy(dtype=np.int64)
    else:
        source_row = np.arange(2, n + 2, dtype=np.int64)
    columns = [pa.array(np.full(n, import_id, dtype=np.int64)), pa.array(source_row)]
    columns += [_arrow_column(deals, name) for name in CANONICAL_FIELDS]
    return pa.Table.from_arrays(columns, names=list(DEAL_COLUMNS))


def bulk_insert_deals(conn: Connection, import_id: int, deals: pd.DataFrame) -> None:
    """Bulk load: ``COPY … FROM STDIN`` on PostgreSQL, one ``executemany`` on SQLite.

    Neither path copies the frame: PostgreSQL gets a CSV payload written by pyarrow's C++
    writer from an Arrow view of the columns; SQLite gets parameter tuples zipped from the
    columns' own Python objects.
    """
    if deals.empty:
        return
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, _arrow_rows(import_id, deals))
        refresh_statistics(conn)
    else:
        _executemany_rows(conn, _parameter_columns(import_id, deals))


def _copy_rows(conn: Connection, rows: pa.Table, chunk_rows: int = 50_000) -> None:
    """Stream the rows to PostgreSQL as CSV through psycopg 3's ``COPY``.

    Each chunk is written by pyarrow's CSV writer (every text value quoted, NULL as an unquoted
    empty field, which is what ``FORMAT csv`` reads back as NULL). A queued writer sends the
    chunks from a background thread, so the next chunk is encoded while the server is still
    parsing and indexing the previous one. NUL bytes cannot be stored in PostgreSQL text; the
    import engine strips them with a warning.
    """
    from psycopg.copy import QueuedLibpqWriter

    raw = conn.connection.driver_connection
    columns = ", ".join(DEAL_COLUMNS)
    statement = f"COPY deals ({columns}) FROM STDIN WITH (FORMAT csv)"
    options = pacsv.WriteOptions(include_header=False, quoting_style="needed")
    cursor = raw.cursor()  # type: ignore[union-attr]
    with cursor, cursor.copy(statement, writer=QueuedLibpqWriter(cursor)) as copy:
        for start in range(0, rows.num_rows, chunk_rows):
            buffer = io.BytesIO()
            pacsv.write_csv(rows.slice(start, chunk_rows), buffer, options)
            copy.write(buffer.getbuffer())


def refresh_statistics(conn: Connection) -> None:
    """``ANALYZE deals`` inside the writing transaction (PostgreSQL).

    Rows just loaded by ``COPY`` have no statistics until the next autovacuum: the planner then
    takes the new import for empty and picks nested loops that run for minutes (issue 9). Run
    in the import's own transaction, ANALYZE counts its rows, and the statistics commit with
    them, so no reader ever plans against an import without statistics. It samples a fixed
    number of rows (a fraction of a second, whatever the table size).
    """
    conn.execute(text("ANALYZE deals"))


def _objects(values: np.ndarray) -> list[Any]:
    """Values as a Python list with every NaN-like cell as None (what the driver binds NULL)."""
    values = np.asarray(values, dtype=object)
    unknown = pd.isna(values)
    if unknown.any():
        values = values.copy()
        values[unknown] = None
    return list(values.tolist())


def _parameter_columns(import_id: int, deals: pd.DataFrame) -> list[Sequence[Any]]:
    """The ``deals`` table's columns as Python sequences, for ``executemany`` on SQLite.

    Text cells are bound as they are, amounts rounded to the cent, dates as ISO text (the
    SQLite dialect's storage format of ``Date``); unknown values as None.
    """
    n = len(deals)
    if "source_row" in deals:
        source_row = deals["source_row"].to_numpy(dtype=np.int64).tolist()
    else:
        source_row = list(range(2, n + 2))
    columns: list[Sequence[Any]] = [[import_id] * n, source_row]
    for name in CANONICAL_FIELDS:
        if name not in deals:
            columns.append([None] * n)
        elif name in TEXT_FIELDS:
            columns.append(_objects(deals[name].to_numpy(dtype=object)))
        elif name in NUMBER_FIELDS:
            numbers = deals[name]
            if numbers.dtype != np.float64:
                numbers = pd.to_numeric(numbers, errors="coerce").astype("float64")
            values = numbers.to_numpy(dtype=np.float64, na_value=np.nan)
            columns.append(_objects(np.round(values, 2) if name == "amount" else values))
        else:
            dates = deals[name]
            if dates.dtype != np.dtype("datetime64[s]"):
                dates = pd.to_datetime(dates, errors="coerce").astype("datetime64[s]")
            # A few thousand distinct days over a million rows: format each day once.
            codes, days = pd.factorize(dates, use_na_sentinel=True)
            lookup = np.empty(len(days) + 1, dtype=object)
            lookup[:-1] = pd.DatetimeIndex(days).strftime("%Y-%m-%d").to_numpy(dtype=object)
            lookup[-1] = None
            columns.append(lookup[codes].tolist())
    return columns


def _executemany_rows(conn: Connection, columns: list[Sequence[Any]]) -> None:
    """One ``executemany`` over the rows zipped from the columns (no per-row Python code)."""
    raw = conn.connection.driver_connection
    placeholders = ", ".join("?" for _ in DEAL_COLUMNS)
    sql = f"INSERT INTO deals ({', '.join(DEAL_COLUMNS)}) VALUES ({placeholders})"
    cursor = raw.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, zip(*columns, strict=True))
    finally:
        cursor.close()


def list_imports(engine: Engine) -> list[ImportInfo]:
    """All live imports (not deleted), newest first."""
    with engine.connect() as conn:
        table = ImportRecord.__table__
        rows = conn.execute(
            select(table).where(table.c.deleted_at.is_(None)).order_by(table.c.id.desc())
        ).mappings().all()
    return [
        ImportInfo(
            id=r["id"],
            filename=r["filename"],
            checksum=r["checksum"],
            imported_at=r["imported_at"],
            rows_total=r["rows_total"],
            rows_imported=r["rows_imported"],
            rows_rejected=r["rows_rejected"],
            warnings_count=r["warnings_count"],
            mapping=r["mapping"],
            dataset_id=r["dataset_id"],
            data_as_of=r["data_as_of"],
        )
        for r in rows
    ]


def get_import(engine: Engine, import_id: int | None) -> ImportInfo | None:
    """One import by id, or the newest one when ``import_id`` is None."""
    imports = list_imports(engine)
    if import_id is None:
        return imports[0] if imports else None
    return next((i for i in imports if i.id == import_id), None)


def delete_import(engine: Engine, import_id: int) -> bool:
    """Delete an import: hidden at once, restorable until purged (``history.restore``).

    Its deals are removed for good ``purge_after_days`` later, by the next write
    (``history.purge_expired``). False when no live import has this id.
    """
    return history.soft_delete(engine, import_id)


_SELECT_COLUMNS = ", ".join(
    ["source_row", *["CAST(amount AS FLOAT) AS amount" if c == "amount" else c
                     for c in CANONICAL_FIELDS]]
)


def load_deals(engine: Engine, import_id: int) -> pd.DataFrame:
    """All deals of one import as a canonical frame (``source_row`` included).

    PostgreSQL streams ``COPY (SELECT …) TO STDOUT`` into pyarrow's CSV reader, about ten times
    faster than ``read_sql`` on large imports.
    """
    if is_postgres(engine):
        frame = _load_deals_copy(engine, import_id)
    else:
        with engine.connect() as conn:
            frame = pd.read_sql(
                text(f"SELECT {_SELECT_COLUMNS} FROM deals WHERE import_id = :i ORDER BY id"),
                conn,
                params={"i": import_id},
            )
    out = coerce_types(frame)
    out["source_row"] = pd.to_numeric(frame["source_row"]).astype("int64")
    return out.reset_index(drop=True)


def _load_deals_copy(engine: Engine, import_id: int) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.csv as pacsv

    query = (
        f"COPY (SELECT {_SELECT_COLUMNS} FROM deals WHERE import_id = {int(import_id)} "
        "ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER true)"
    )
    buffer = io.BytesIO()
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        with raw.cursor() as cursor, cursor.copy(query) as copy:  # type: ignore[union-attr]
            for block in copy:
                buffer.write(block)
    buffer.seek(0)
    text_columns = [c for c in CANONICAL_FIELDS if c not in ("amount", "probability")
                    and c not in DATE_FIELDS]
    types: dict[str, pa.DataType] = {c: pa.string() for c in text_columns}
    types.update({"amount": pa.float64(), "probability": pa.float64(), "source_row": pa.int64()})
    types.update({c: pa.date32() for c in DATE_FIELDS})
    table = pacsv.read_csv(
        buffer,
        convert_options=pacsv.ConvertOptions(
            column_types=types, strings_can_be_null=True, quoted_strings_can_be_null=False
        ),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
    )
    return table.to_pandas(date_as_object=False)


def stage_settings(engine: Engine, stages_in_order: Iterable[str]) -> list[StageSetting]:
    """The effective stage table of an import: built-in defaults overlaid by the user's edits.

    Probabilities and positions the user set (stored by folded label) win over the defaults;
    stages are then sorted by position (user's where set) so the pipeline order is editable.
    """
    defaults = default_stage_table(stages_in_order)
    with engine.connect() as conn:
        rows = conn.execute(select(StageSettingRecord.__table__)).all()
        saved = {r.stage_key: r for r in rows}
    merged: list[tuple[float, StageSetting]] = []
    for setting in defaults:
        record = saved.get(fold(setting.stage))
        probability, position, user = setting.probability, float(setting.order), False
        if record is not None and setting.status == "open":
            if record.probability is not None:
                probability, user = record.probability, True
            if record.position is not None:
                position, user = record.position - 0.5, True
        merged.append((position, StageSetting(setting.stage, setting.status, probability,
                                              setting.order, user)))
    merged.sort(key=lambda item: (item[1].status != "open", item[0], item[1].order))
    return [StageSetting(s.stage, s.status, s.probability, rank, s.user_defined)
            for rank, (_, s) in enumerate(merged)]


def set_stage_setting(
    engine: Engine, label: str, probability: float | None, position: int | None = None
) -> None:
    """Save a stage's probability (0–1) and position; bumps the data version."""
    set_stage_settings(engine, [(label, probability, position)])


def set_stage_settings(
    engine: Engine, settings: Sequence[tuple[str, float | None, int | None]]
) -> None:
    """Save several stages' (label, probability 0–1, position) in one transaction.

    All or nothing: a bad probability anywhere raises ValueError before anything is written.
    """
    for label, probability, _position in settings:
        if not is_valid_probability(probability):
            raise ValueError(f"{label}: probability {probability!r} is outside 0–1")
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for label, probability, position in settings:
            key = fold(label)
            conn.execute(delete(StageSettingRecord).where(StageSettingRecord.stage_key == key))
            conn.execute(insert(StageSettingRecord).values(
                stage_key=key, label=label, probability=probability, position=position,
                updated_at=now))
        _bump_version(conn)


def reset_stage_settings(engine: Engine) -> None:
    """Forget every user stage setting (back to built-in defaults)."""
    with engine.begin() as conn:
        conn.execute(delete(StageSettingRecord))
        _bump_version(conn)


def remember_mapping(engine: Engine, signature: str, mapping: dict[str, str | None]) -> None:
    """Store a confirmed mapping under the header signature of its file."""
    with engine.begin() as conn:
        write_mapping(conn, signature, mapping)


def write_mapping(conn: Connection, signature: str, mapping: dict[str, str | None]) -> None:
    """Upsert a confirmed mapping inside the caller's transaction (safe under concurrency)."""
    values = {"signature": signature, "mapping": mapping, "updated_at": datetime.now(UTC)}
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as upsert
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert  # type: ignore[assignment]
    statement = upsert(MappingMemory).values(**values)
    conn.execute(statement.on_conflict_do_update(
        index_elements=[MappingMemory.signature],
        set_={"mapping": statement.excluded.mapping, "updated_at": statement.excluded.updated_at},
    ))


def recall_mapping(engine: Engine, signature: str) -> dict[str, str | None] | None:
    """The mapping last confirmed for files with these headers, if any."""
    with engine.connect() as conn:
        found = conn.execute(
            select(MappingMemory.mapping).where(MappingMemory.signature == signature)
        ).scalar_one_or_none()
    return dict(found) if found is not None else None


def history_ranks(
    engine: Engine, import_id: int, lost_ids: Sequence[str], rank_of: dict[str, int]
) -> dict[str, int]:
    """For lost deals, the furthest open stage earlier imports show they reached.

    METRICS.md (funnel): "lost deals count only for stages that history (several imports) shows
    they reached". Returns deal_id → highest stage rank seen while the deal was open.
    """
    if not lost_ids:
        return {}
    folded = {fold(stage): rank for stage, rank in rank_of.items()}
    best: dict[str, int] = {}
    with engine.connect() as conn:
        for deal_id, stage in _history_rows(conn, import_id, list(lost_ids)):
            rank = folded.get(fold(stage))
            if rank is not None and rank > best.get(deal_id, -1):
                best[deal_id] = rank
    return best


def history_query(
    conn: Connection, import_id: int, lost_ids: list[str]
) -> tuple[str, dict[str, Any]]:
    """SQL and parameters of the open rows of earlier imports for some deal ids.

    The lost deals of the current import are known in memory, so the query looks them up by
    ``(import_id, deal_id)`` index instead of joining the table with itself: its plan does not
    depend on how well the planner estimates a self-join on a freshly loaded import.
    """
    # Only earlier live snapshots of the same dataset are its history (issue 10, point 3).
    same_dataset = (
        "SELECT deal_id, stage FROM deals WHERE import_id < :cur AND status = 'open' "
        "AND import_id IN (SELECT id FROM imports WHERE deleted_at IS NULL AND "
        "dataset_id = (SELECT dataset_id FROM imports WHERE id = :cur)) "
    )
    if conn.dialect.name == "postgresql":
        return same_dataset + "AND deal_id = ANY(:ids)", {"cur": import_id, "ids": lost_ids}
    return (
        same_dataset + "AND deal_id IN (SELECT value FROM json_each(:ids))",
        {"cur": import_id, "ids": json.dumps(lost_ids)},
    )


def _history_rows(conn: Connection, import_id: int, lost_ids: list[str]) -> Any:
    sql, params = history_query(conn, import_id, lost_ids)
    return conn.execute(text(sql), params)


def distinct_values(
    engine: Engine, import_id: int, columns: Sequence[str]
) -> dict[str, list[str]]:
    """Sorted distinct non-empty values of some deal columns in one import."""
    allowed = {"status", "stage", "source", "sector", "owner", "currency"}
    out: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for column in columns:
            if column not in allowed:
                raise ValueError(f"not a filterable column: {column}")
            rows = conn.execute(
                text(f"SELECT DISTINCT {column} FROM deals WHERE import_id = :i "
                     f"AND {column} IS NOT NULL"),
                {"i": import_id},
            )
            out[column] = sorted(str(r[0]) for r in rows)
    return out
