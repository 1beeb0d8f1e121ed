"""Server time of the PDF report and of the exports (issue 13), per deal count.

Usage::

    python bench/report.py                       # 10k and 100k deals, SQLite
    python bench/report.py --sizes 10000 --repeat 1

For each size N, N generated deals (``bench/_common.py``) are imported into a temporary SQLite
file and an app is built on it (FileSystemCache in a temporary directory). Inside a request
context, as the callbacks run them:

``pdf_cold_s``
    ``callbacks.report.pdf_report`` for an analysis date never asked before: every page
    computed and rendered, the HTML written, Chromium started and printing.
``pdf_warm_s``
    The same again: the rendered pages come from the cache; Chromium's start and print remain.
``deals_csv_s`` / ``deals_xlsx_s``
    The Deals view with no filter (all N deals) as CSV and as ``.xlsx``.
``page_xlsx_s``
    Every table of the Pipeline page as one workbook.

Prints one JSON line per size (median over ``--repeat``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

_HERE = Path(__file__).resolve().parent
# Run as a script, the bench folder comes first on sys.path, where bench/callbacks.py would
# shadow the app's callbacks package: put the project root there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from app import create_app  # noqa: E402
from bench._common import canonical_csv  # noqa: E402
from data.config import load_settings  # noqa: E402
from data.importer import import_file  # noqa: E402

AS_OF = date(2026, 11, 23)


def measure(size: int, repeat: int) -> dict[str, object]:
    """The figures of one size (see the module docstring)."""
    from callbacks import exports, report

    with tempfile.TemporaryDirectory(prefix="crm-bench-report-") as work:
        folder = Path(work)
        settings = load_settings(database_url=f"sqlite:///{folder / 'bench.sqlite3'}",
                                 cache_dir=str(folder / "cache"), redis_url=None)
        app = create_app(settings)
        import_file(app.server.extensions["crm"]["engine"], canonical_csv(size, AS_OF),
                    "bench.csv")
        figures: dict[str, list[float]] = {k: [] for k in (
            "pdf_cold_s", "pdf_warm_s", "deals_csv_s", "deals_xlsx_s", "page_xlsx_s")}
        pdf_bytes = 0
        for r in range(repeat):
            # Another analysis date each time: nothing of it is cached yet (cold).
            search = f"?as_of={(AS_OF - timedelta(days=r)).isoformat()}"
            for key in ("pdf_cold_s", "pdf_warm_s"):
                with app.server.test_request_context():
                    start = time.perf_counter()
                    made = report.pdf_report(search)
                    figures[key].append(time.perf_counter() - start)
                    pdf_bytes = len(made[0]) if made else 0
            for key, table, kind, path in (("deals_csv_s", "deals-table", "csv", "/deals"),
                                           ("deals_xlsx_s", "deals-table", "xlsx", "/deals"),
                                           ("page_xlsx_s", "page", "xlsx", "/pipeline")):
                with app.server.test_request_context():
                    start = time.perf_counter()
                    exports.table_export(table, kind, path, search)
                    figures[key].append(time.perf_counter() - start)
        out: dict[str, object] = {"deals": size, "pdf_kb": round(pdf_bytes / 1024)}
        out.update({k: round(statistics.median(v), 2) for k, v in figures.items()})
        return out


def main() -> None:
    """Parse the arguments and print one JSON line per size."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        print(json.dumps(measure(size, args.repeat)), flush=True)


if __name__ == "__main__":
    main()
