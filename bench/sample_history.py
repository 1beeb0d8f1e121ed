"""How long "Load sample data" takes: the sample history imported through the import path.

Usage::

    python bench/sample_history.py                       # SQLite, 3 runs
    python bench/sample_history.py --backends sqlite,postgresql --repeat 1

What is timed (median of ``--repeat`` runs, each on a freshly migrated database): ``generate_s``,
building the snapshots (``data.sample.sample_history``); ``load_s``, what the button does
(``data.sample.load_sample_history`` with ``data.importer.import_file``: generation, then each
snapshot parsed and written, oldest first); ``single_s``, one import of the newest export alone
(what the button did before the history), for comparison. The last line printed is one JSON
object ``{backend: {"snapshots": n, "generate_s": …, "load_s": …, "single_s": …}}``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import scratch_postgres  # noqa: E402

from data.db import make_engine, migrate  # noqa: E402
from data.importer import import_file  # noqa: E402
from data.sample import (  # noqa: E402
    HISTORY_DAYS,
    load_sample_history,
    sample_csv_bytes,
    sample_history,
)


@contextmanager
def _database(backend: str) -> Iterator[str]:
    if backend == "postgresql":
        with scratch_postgres("crm_bench_sample") as url:
            yield url
    else:
        with tempfile.TemporaryDirectory(prefix="crm-bench-sample-") as directory:
            yield f"sqlite:///{Path(directory) / 'bench.sqlite3'}"


def _timed(backend: str, work: Callable[[Any], object]) -> float:
    with _database(backend) as url:
        engine = make_engine(url)
        migrate(engine)
        try:
            start = time.perf_counter()
            work(engine)
            return time.perf_counter() - start
        finally:
            engine.dispose()


def _load(engine: Any, today: date) -> object:
    return load_sample_history(lambda content, name: import_file(engine, content, name), today)


def _single(engine: Any, today: date) -> object:
    return import_file(engine, sample_csv_bytes(today), "sample-deals.csv")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    today = date.today()
    result: dict[str, dict[str, float | int]] = {}
    for backend in args.backends.split(","):
        generate, load, single = [], [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            sample_history(today)
            generate.append(time.perf_counter() - start)
            load.append(_timed(backend, lambda engine: _load(engine, today)))
            single.append(_timed(backend, lambda engine: _single(engine, today)))
        result[backend] = {"snapshots": len(HISTORY_DAYS),
                           "generate_s": round(statistics.median(generate), 3),
                           "load_s": round(statistics.median(load), 3),
                           "single_s": round(statistics.median(single), 3)}
        print(backend, result[backend], flush=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
