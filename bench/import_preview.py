"""How long the import dialog's preview takes, by file size (issue 9: bounded uploads).

    python bench/import_preview.py [--rows 1000000 200000]

For each size it writes a generated CSV export, stages it (hash + write to the staging
directory, what a drop costs once the bytes reached the server) and times
``ImportSession.preview`` (a bounded sample) and, for reference, ``parse`` of the whole file
(what confirm does). Prints one line per size; the preview must stay flat as files grow.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import deals_table, to_csv  # noqa: E402
from data.config import load_settings  # noqa: E402
from data.db import make_engine, migrate  # noqa: E402
from data.import_session import ImportSession  # noqa: E402
from data.staging import stage_bytes  # noqa: E402


def main() -> None:
    """Time staging, preview and the whole parse for each size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 200_000, 1_000_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        settings = load_settings(database_url=f"sqlite:///{scratch}/bench.sqlite3",
                                 cache_dir=f"{scratch}/cache", redis_url=None)
        engine = make_engine(settings.database_url)
        migrate(engine)
        print(f"{'rows':>9} {'MB':>7} {'stage s':>8} {'preview s':>10} {'whole parse s':>14}")
        for rows in args.rows:
            content = to_csv(deals_table(rows, date(2026, 11, 23), 7))
            started = time.perf_counter()
            staged = stage_bytes(Path(scratch) / "uploads", content, "deals.csv", 2**40)
            staging = time.perf_counter() - started
            del content
            session = ImportSession(engine, settings, [staged])
            started = time.perf_counter()
            preview = session.preview()
            previewing = time.perf_counter() - started
            started = time.perf_counter()
            whole = session.parse()
            parsing = time.perf_counter() - started
            assert len(whole.deals) + whole.rows_rejected == rows
            assert preview.complete == (staged.size <= session.sample_bytes)
            print(f"{rows:>9} {staged.size / 2**20:>7.1f} {staging:>8.2f} {previewing:>10.2f} "
                  f"{parsing:>14.2f}")


if __name__ == "__main__":
    main()
