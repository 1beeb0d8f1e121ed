"""End-to-end import time against the bare database write of the same rows (issue #3, item 8).

Usage::

    python bench/ingest.py                                   # full run: 100k and 1M, both backends
    python bench/ingest.py --sizes 100000 --backends sqlite  # quick run
    python bench/ingest.py --repeat 1                        # one measurement per figure

For each size N a clean UTF-8 CSV of N deals is generated (``bench/_common.py``: canonical
snake_case headers, every canonical field; ids, names, accounts, six French stages including
won and lost ones, a status column, amounts with cents in EUR/USD/GBP, probabilities as
fractions, ISO dates, sources, sectors, owners, notes; about 195 bytes a row).

What is timed (median of ``--repeat`` runs, each on a freshly created and migrated database:
a scratch PostgreSQL database ``crm_bench_<random>`` dropped afterwards, or a new SQLite file
opened through ``data.db.make_engine``, i.e. WAL and ``synchronous=NORMAL``):

``import_s``
    ``data.importer.import_file(engine, csv_bytes, "deals.csv")``: checksum, parse and
    validation of the bytes (``data.ingest``), then the atomic write of the snapshot
    (``data.store.save_import``: the ``imports`` row, every deal, the data-version bump, one
    transaction, committed). ``write_s`` is the part spent in ``save_import``.

``copy_s`` (PostgreSQL baseline)
    One ``COPY deals (import_id, source_row, <16 canonical columns>) FROM STDIN WITH (FORMAT
    csv, HEADER)`` of the same CSV with two columns prepended (``import_id``: the id of an
    ``imports`` row inserted beforehand, untimed; ``source_row``: the line number), sent in
    1 MiB blocks by psycopg 3, plus the commit. Same table, same seven indexes, same server.
    No parsing, no validation: the server's own CSV reading and index maintenance only.

``executemany_s`` (SQLite baseline)
    One ``cursor.executemany("INSERT INTO deals (...) VALUES (?, ...)", rows)`` plus the commit,
    where ``rows`` is a list of tuples built before the timer starts: the file's cells as
    ``str`` (blank cells as None) with the two integers in front. Same table and indexes,
    default page cache of the connection.

The last line printed is one JSON object::

    {"postgresql": {"100000": {"import_s": ..., "copy_s": ..., "ratio": ...}, "1000000": ...},
     "sqlite": {"100000": {"import_s": ..., "executemany_s": ..., "ratio": ...}, ...}}

Targets: at 1M rows ``import_s <= 1.5 * copy_s`` and ``import_s <= 1.5 * executemany_s``.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

# Run as a script, the bench folder comes first on sys.path, where this file would shadow the
# ``callbacks`` package: put the project root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from sqlalchemy import Engine, text  # noqa: E402

from bench._common import deals_table, scratch_postgres, to_csv  # noqa: E402
from data import store  # noqa: E402
from data.db import make_engine, migrate  # noqa: E402
from data.importer import import_file  # noqa: E402
from data.store import DEAL_COLUMNS  # noqa: E402

BACKENDS = ("postgresql", "sqlite")
SIZES = (100_000, 1_000_000)
BASELINE_IMPORT_ID = 1


def _insert_import_row(engine: Engine) -> None:
    """The ``imports`` row the baseline's deals point to (foreign key); not timed."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO imports (id, filename, checksum, imported_at, file_format, "
                "rows_total, rows_imported, rows_rejected, warnings_count, mapping, report) "
                "VALUES (:i, 'baseline.csv', 'baseline', CURRENT_TIMESTAMP, 'csv', 0, 0, 0, 0, "
                "'{}', '{}')"
            ),
            {"i": BASELINE_IMPORT_ID},
        )


def _count_deals(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM deals")).scalar_one())


def time_import(engine: Engine, content: bytes, rows: int) -> tuple[float, float]:
    """Seconds of ``import_file`` end to end, and of its ``save_import`` part."""
    spent: list[float] = []
    save_import = store.save_import

    def timed_save(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return save_import(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    store.save_import = timed_save  # type: ignore[assignment]
    try:
        gc.collect()
        start = time.perf_counter()
        outcome = import_file(engine, content, "deals.csv")
        elapsed = time.perf_counter() - start
    finally:
        store.save_import = save_import  # type: ignore[assignment]
    if not outcome.created or outcome.summary.get("rows_imported") != rows:
        raise SystemExit(f"import failed: {outcome.as_json()['errors'][:3]} {outcome.refused}")
    if _count_deals(engine) != rows:
        raise SystemExit("import wrote a different number of rows")
    return elapsed, sum(spent)


def time_copy(engine: Engine, baseline_csv: bytes, rows: int) -> float:
    """Seconds of the plain ``COPY … FROM STDIN WITH (FORMAT csv, HEADER)`` and its commit."""
    _insert_import_row(engine)
    statement = f"COPY deals ({', '.join(DEAL_COLUMNS)}) FROM STDIN WITH (FORMAT csv, HEADER)"
    block = 1 << 20
    view = memoryview(baseline_csv)
    raw = engine.raw_connection()
    try:
        gc.collect()
        start = time.perf_counter()
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor, cursor.copy(statement) as copy:
            for offset in range(0, len(view), block):
                copy.write(view[offset : offset + block])
        raw.commit()
        elapsed = time.perf_counter() - start
    finally:
        raw.close()
    if _count_deals(engine) != rows:
        raise SystemExit("COPY wrote a different number of rows")
    return elapsed


def time_executemany(engine: Engine, table: pa.Table) -> float:
    """Seconds of one bare ``executemany`` of pre-built tuples and its commit.

    The tuples are built before the timer starts and freed right after: a million tuples
    kept alive would slow every later garbage collection of the process (the import's too).
    """
    _insert_import_row(engine)
    sql = (f"INSERT INTO deals ({', '.join(DEAL_COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in DEAL_COLUMNS)})")
    columns = _with_ids(table).to_pydict()
    tuples = list(zip(*(columns[c] for c in DEAL_COLUMNS), strict=True))
    del columns
    raw = engine.raw_connection()
    try:
        gc.collect()
        start = time.perf_counter()
        cursor = raw.driver_connection.cursor()  # type: ignore[union-attr]
        cursor.executemany(sql, tuples)
        cursor.close()
        raw.commit()
        elapsed = time.perf_counter() - start
    finally:
        raw.close()
    rows = len(tuples)
    del tuples
    gc.collect()
    if _count_deals(engine) != rows:
        raise SystemExit("executemany wrote a different number of rows")
    return elapsed


def _with_ids(table: pa.Table) -> pa.Table:
    """The generated rows with ``import_id`` and ``source_row`` in front (baseline file)."""
    n = table.num_rows
    table = table.add_column(0, "source_row", pa.array(np.arange(2, n + 2, dtype=np.int64)))
    return table.add_column(0, "import_id",
                            pa.array(np.full(n, BASELINE_IMPORT_ID, dtype=np.int64)))


def _fresh_postgres(measure: Callable[[Engine], float | tuple[float, float]]) -> Any:
    with scratch_postgres() as url:
        engine = make_engine(url)
        try:
            migrate(engine)
            return measure(engine)
        finally:
            engine.dispose()


def _fresh_sqlite(measure: Callable[[Engine], float | tuple[float, float]]) -> Any:
    with tempfile.TemporaryDirectory(prefix="crm_bench_") as folder:
        engine = make_engine(f"sqlite:///{folder}/bench.sqlite3")
        try:
            migrate(engine)
            return measure(engine)
        finally:
            engine.dispose()


def run_size(rows: int, backends: list[str], repeat: int) -> dict[str, dict[str, float]]:
    """Every figure of one size, on the asked backends."""
    table = deals_table(rows, today=date.today())
    content = to_csv(table)
    print(f"\n{rows:,} rows, CSV of {len(content) / 1e6:.1f} MB", flush=True)
    results: dict[str, dict[str, float]] = {}
    for backend in backends:
        fresh = _fresh_postgres if backend == "postgresql" else _fresh_sqlite
        if backend == "postgresql":
            baseline_csv = to_csv(_with_ids(table))
            baseline_key = "copy_s"

            def baseline(engine: Engine, data: bytes = baseline_csv) -> float:
                return time_copy(engine, data, rows)
        else:
            baseline_key = "executemany_s"

            def baseline(engine: Engine) -> float:
                return time_executemany(engine, table)

        imports, writes, bases = [], [], []
        for run in range(repeat):
            # Alternate the order so that a slow phase of the machine hits both sides.
            first_import = run % 2 == 0
            if not first_import:
                bases.append(fresh(baseline))
            total, write = fresh(lambda engine: time_import(engine, content, rows))
            imports.append(total)
            writes.append(write)
            if first_import:
                bases.append(fresh(baseline))
            print(f"  {backend:<10} run {run + 1}: import {total:6.2f} s (write {write:5.2f} s)"
                  f"   {baseline_key[:-2]} {bases[-1]:6.2f} s", flush=True)
        import_s = statistics.median(imports)
        base_s = statistics.median(bases)
        results[backend] = {
            "import_s": round(import_s, 3),
            baseline_key: round(base_s, 3),
            "ratio": round(import_s / base_s, 3),
            "write_s": round(statistics.median(writes), 3),
            "parse_s": round(import_s - statistics.median(writes), 3),
        }
        print(f"  {backend:<10} median: import {import_s:.2f} s, {baseline_key[:-2]} "
              f"{base_s:.2f} s, ratio {import_s / base_s:.2f}", flush=True)
    return results


def main(argv: list[str] | None = None) -> None:
    """Run the asked sizes and backends, print the table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated row counts (default: 100000,1000000)")
    parser.add_argument("--backends", default=",".join(BACKENDS),
                        help="comma-separated: postgresql, sqlite (default: both)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per figure, the median is reported (default: 3)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    unknown = set(backends) - set(BACKENDS)
    if unknown:
        parser.error(f"unknown backend(s): {', '.join(sorted(unknown))}")
    out: dict[str, dict[str, dict[str, float]]] = {b: {} for b in backends}
    for rows in sizes:
        for backend, figures in run_size(rows, backends, max(1, args.repeat)).items():
            out[backend][str(rows)] = figures
    print(json.dumps(out))


if __name__ == "__main__":
    main()
