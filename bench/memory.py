"""Memory per worker and first view of a new process at a million deals (issue 9, item 5).

Usage::

    python bench/memory.py                      # 1,000,000 deals, 2 workers, PostgreSQL
    python bench/memory.py --rows 100000 --workers 3

N generated deals (``bench/_common.py``) are imported with ``data.importer.import_file`` into a
scratch PostgreSQL database (dropped at the end). Then, as after an upload, one process builds
the app on a fresh cache directory and calls ``warm`` (which writes the import's shared Arrow
copy). Then ``--workers`` new processes are started on that cache directory, one after the
other, as gunicorn's workers would be; each builds its app (``app.create_app``) and serves
what a browser asks on a first visit of Home — the filter bar and the Home content callbacks,
POSTed through Flask's test client — then every other page and a few filter changes. All
worker processes stay alive until each has been measured, so the shared pages are shared.

Figures per worker: ``first_view_ms`` (filter bar + Home, app already built), ``app_build_ms``,
``rss_mb`` after the first view and after every page (``steady``), and ``pss_mb``/``uss_mb``
(``/proc/<pid>/smaps_rollup``: proportional and unique set size; the mapped import counted once
per host). ``warm_ms`` is the time ``warm`` took. Targets at 1M: ≤ 600 MB RSS per worker after
the first view, first view ≤ 2 s. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench import _common  # noqa: E402

PAGES = ("/pipeline", "/marketing", "/forecast", "/deals")
FILTERS = ("?source=LinkedIn", "?stage=Proposition&owner=Sarah%20Bernard", "?q=Atlas")


def _mb(value: float) -> float:
    return round(value / 2**20, 1)


def memory(pid: int) -> dict[str, float]:
    """RSS, PSS and USS of a process in MB."""
    import psutil

    info = psutil.Process(pid).memory_full_info()
    return {"rss_mb": _mb(info.rss), "pss_mb": _mb(getattr(info, "pss", 0)),
            "uss_mb": _mb(info.uss)}


def child(database_url: str, cache_dir: str, warm_id: int | None, index: int = 0) -> None:
    """A worker-like process: build the app, serve the first view, report, wait, go on."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["CACHE_DIR"] = cache_dir
    from bench import callbacks as bench_callbacks
    from data import store
    from data.db import make_engine

    start = time.perf_counter()
    app = bench_callbacks.build_app(database_url, {"redis_url": None, "cache_dir": cache_dir})
    built = time.perf_counter() - start
    if warm_id is not None:
        start = time.perf_counter()
        app.server.extensions["crm"]["manager"].warm(warm_id)
        print(json.dumps({"warm_ms": round((time.perf_counter() - start) * 1000)}), flush=True)
        return
    client = bench_callbacks.Client(app)
    engine = make_engine(database_url)
    version = store.data_version(engine)
    engine.dispose()
    # Each worker asks for views no other worker asked for (another reference date, other
    # filters): its first view and its pages are computed, not read from the shared cache.
    first_search = f"?as_of=2026-11-{10 + index:02d}"
    start = time.perf_counter()
    client.filter_bar(first_search, version)
    client.content("/", first_search, version)
    first = time.perf_counter() - start
    report = {"app_build_ms": round(built * 1000), "first_view_ms": round(first * 1000),
              "after_first_view": memory(os.getpid()), "response_bytes": dict(client.sizes)}
    print(json.dumps(report), flush=True)
    sys.stdin.readline()  # the parent measures the others first
    for path in PAGES:
        client.page(path, first_search, version)
    for search in FILTERS:
        for path in ("/", *PAGES):
            client.page(path, f"{search}&as_of=2026-11-{10 + index:02d}", version)
    print(json.dumps({"steady": memory(os.getpid())}), flush=True)
    sys.stdin.readline()


def _spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, __file__, *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def _line(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        raise SystemExit(f"child {process.pid} exited with {process.wait()}")
    return dict(json.loads(line))


def run(rows: int, workers: int) -> dict[str, Any]:
    """Import, warm, then measure ``workers`` worker-like processes."""
    from data.db import make_engine, migrate
    from data.importer import import_file

    with _common.scratch_postgres() as url, tempfile.TemporaryDirectory() as cache_dir:
        engine = make_engine(url)
        migrate(engine)
        start = time.perf_counter()
        outcome = import_file(engine, _common.canonical_csv(rows), f"deals-{rows}.csv")
        engine.dispose()
        assert outcome.import_id is not None
        print(f"{rows:,} deals imported in {time.perf_counter() - start:.1f} s", flush=True)
        warm = _spawn("--child", url, cache_dir, "--warm", str(outcome.import_id))
        warmed = _line(warm)
        warm.wait()
        print(f"warm (shared Arrow copy written): {warmed['warm_ms']} ms", flush=True)
        processes, reports = [], []
        try:
            for index in range(workers):
                process = _spawn("--child", url, cache_dir, "--index", str(index))
                processes.append(process)
                report = _line(process)
                report["pid"] = process.pid
                reports.append(report)
                m = report["after_first_view"]
                print(f"worker {index + 1}: app {report['app_build_ms']} ms, first view "
                      f"{report['first_view_ms']} ms, RSS {m['rss_mb']} MB "
                      f"(PSS {m['pss_mb']}, USS {m['uss_mb']})", flush=True)
            for process, report in zip(processes, reports, strict=True):
                assert process.stdin is not None
                process.stdin.write("\n")
                process.stdin.flush()
                report.update(_line(process))
            for index, report in enumerate(reports):
                report["all_alive"] = memory(report["pid"])
                m = report["all_alive"]
                print(f"worker {index + 1} after every page and filters: RSS {m['rss_mb']} MB "
                      f"(PSS {m['pss_mb']}, USS {m['uss_mb']})", flush=True)
        finally:
            for process in processes:
                if process.poll() is None:
                    assert process.stdin is not None
                    process.stdin.write("\n")
                    process.stdin.flush()
                    process.wait(timeout=30)
    return {"rows": rows, "warm_ms": warmed["warm_ms"], "workers": reports,
            "max_rss_after_first_view_mb": max(r["after_first_view"]["rss_mb"]
                                               for r in reports),
            "max_rss_steady_mb": max(r["all_alive"]["rss_mb"] for r in reports),
            "max_first_view_ms": max(r["first_view_ms"] for r in reports)}


def main() -> None:
    """Parse the arguments and run (or be a child)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", nargs=2, metavar=("DATABASE_URL", "CACHE_DIR"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--warm", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.warm, args.index)
        return
    result = run(args.rows, args.workers)
    ok = result["max_rss_after_first_view_mb"] <= 600 and result["max_first_view_ms"] <= 2000
    print("targets (≤ 600 MB RSS after the first view, first view ≤ 2 s): "
          + ("met" if ok else "NOT MET"))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
