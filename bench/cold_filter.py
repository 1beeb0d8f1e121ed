"""Server time of a cold stage-filter change, per page, without a browser (issue #16).

Usage::

    python bench/cold_filter.py                         # 10k and 100k deals, SQLite
    python bench/cold_filter.py --sizes 10000 --runs 8 --profile /pipeline
    python bench/cold_filter.py --backend postgresql

What ``bench/browser.py`` does on the server, measured in-process: N generated deals
(``bench/_common.py``) imported once into a fresh database, an app from ``app.create_app``
with a FileSystemCache in a temporary folder, Home served once (the import's frame is in the
process). Then, per page, the stage filter's clicks of the browser bench (A, B, A, B: the
selections [A], [A, B], [B], [] in turn) are POSTed to the filter-bar callback
(``callbacks.filters.sync_filters``, triggered by ``filter-stage.value``) with Flask's test
client: the request the browser sends, whose response carries the page's new content.

``cold``
    The cache folder's files are deleted before each click (``clear_server_cache`` of the
    browser bench): the page's aggregates and rendering are recomputed; the process keeps the
    import's frame and its snapshot, as a running server does.
``warm``
    The same clicks again, cache kept: a version query and a cache read.

``--profile PAGE``: cProfile of that page's cold clicks, the project's functions by cumulative
time. Medians in ms; the last line is one JSON object ``{"10000": {"/": {"cold": …,
"warm": …, "bytes": …}, …}, "load": "…"}``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

# As deployed (gunicorn.conf.py): one BLAS thread, set before numpy loads. With OpenBLAS's own
# threads the forecast's product spins for a core on a busy machine (a cold Home 5x slower).
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench import _common  # noqa: E402
from bench.callbacks import Client, build_app, cache_settings, database  # noqa: E402
from data import store  # noqa: E402
from data.db import make_engine, migrate  # noqa: E402
from data.filters import FilterState  # noqa: E402
from data.importer import import_file  # noqa: E402

PAGES = ("/", "/pipeline", "/marketing", "/forecast", "/segments")
STAGE_A, STAGE_B = "Proposition", "Négociation"
#: The selections after each click of the browser bench's A, B, A, B sequence.
CLICKS: tuple[tuple[str, ...], ...] = ((STAGE_A,), (STAGE_A, STAGE_B), (STAGE_B,), ())
BAR = "..shell-url.search...filter-status.value"


def clear_cache(folder: str) -> None:
    """Delete the files of the cache folder (as ``bench/browser.py`` does before a click)."""
    for entry in os.scandir(folder):
        if entry.is_file():
            os.remove(entry.path)


def click(client: Client, path: str, before: tuple[str, ...], after: tuple[str, ...],
          version: int) -> tuple[float, int]:
    """One stage-filter change on ``path``: the filter-bar request; seconds and bytes."""
    search = FilterState(stage=before).search()
    values = {"shell-url.search": search, "shell-url.pathname": path,
              "filter-stage.value": list(after), "filter-date-field.value": "created",
              "shell-data-version.data": version,
              "shell-rendered.data": {"path": path, "search": search}}
    return client.post(client.key(BAR), values, ["filter-stage.value"], path)


def page_runs(client: Client, path: str, version: int, cache_dir: str, runs: int,
              profile: cProfile.Profile | None = None) -> dict[str, float]:
    """Median cold and warm ms of ``runs`` clicks on ``path`` (cycling through CLICKS)."""
    cold: list[float] = []
    warm: list[float] = []
    size = 0
    for i in range(runs):
        before, after = CLICKS[(i - 1) % len(CLICKS)], CLICKS[i % len(CLICKS)]
        clear_cache(cache_dir)
        if profile is not None:
            profile.enable()
        elapsed, size = click(client, path, before, after, version)
        if profile is not None:
            profile.disable()
        cold.append(elapsed * 1000)
        warm.append(click(client, path, before, after, version)[0] * 1000)
    return {"cold": round(statistics.median(cold), 1), "warm": round(statistics.median(warm), 1),
            "cold_min": round(min(cold), 1), "bytes": size}


class HttpClient(Client):
    """``Client``'s requests sent over HTTP to a served app (bodies from a local app's map)."""

    def __init__(self, app: Any, base: str) -> None:
        """Build bodies from ``app``; send them to ``base``."""
        super().__init__(app)
        self.base = base

    def send(self, key: str, body: dict[str, Any], label: str) -> tuple[float, int]:
        """POST one callback body to the server: seconds and response bytes."""
        request = urllib.request.Request(f"{self.base}/_dash-update-component",
                                         data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        start = time.perf_counter()
        with urllib.request.urlopen(request) as response:
            data = response.read()
        elapsed = time.perf_counter() - start
        if b"page-error" in data or b"callback-error" in data:
            raise SystemExit(f"{key}: the app reported an error: {data[:300]!r}")
        return elapsed, len(data)


def run_served(rows: int, runs: int, pages: tuple[str, ...]) -> dict[str, Any]:
    """As :func:`run_size`, against ``bench/browser.py``'s gunicorn server (HTTP, 2 workers)."""
    from bench.browser import serve

    with serve(rows) as served:
        url = f"sqlite:///{served.cache_dir.parent / 'bench.sqlite3'}"
        version = store.data_version(make_engine(url))
        with cache_settings("filesystem") as cache:
            client = HttpClient(build_app(url, cache), served.base)
        for _ in range(4):  # both workers have served every page, as after the first views
            for path in pages:
                client.content(path, "", version)
        out: dict[str, Any] = {}
        for path in pages:
            out[path] = page_runs(client, path, version, str(served.cache_dir), runs)
            f = out[path]
            print(f"  {rows:>7} {path:<11} cold {f['cold']:6.1f} ms (min {f['cold_min']:6.1f})"
                  f"  warm {f['warm']:5.1f} ms  {f['bytes'] / 1024:6.1f} KB (gunicorn)",
                  flush=True)
    return out


def run_size(rows: int, backend: str, runs: int, profile_page: str | None,
             pages: tuple[str, ...]) -> dict[str, Any]:
    """Every page's figures at ``rows`` deals."""
    with database(backend) as url:
        engine = make_engine(url)
        migrate(engine)
        outcome = import_file(engine, _common.canonical_csv(rows), f"deals-{rows}.csv")
        assert outcome.created, outcome.as_json()
        version = store.data_version(engine)
        engine.dispose()
        with cache_settings("filesystem") as cache:
            client = Client(build_app(url, cache))
            client.content("/", "", version)  # the import's frame is in the process
            for path in pages:  # each page once (imports, first-call costs), as after a load
                client.content(path, "", version)
            out: dict[str, Any] = {}
            for path in pages:
                profile = cProfile.Profile() if path == profile_page else None
                out[path] = page_runs(client, path, version, cache["cache_dir"], runs, profile)
                f = out[path]
                print(f"  {rows:>7} {path:<11} cold {f['cold']:6.1f} ms (min {f['cold_min']:6.1f})"
                      f"  warm {f['warm']:5.1f} ms  {f['bytes'] / 1024:6.1f} KB", flush=True)
                if profile is not None:
                    text = io.StringIO()
                    stats = pstats.Stats(profile, stream=text).sort_stats("cumulative")
                    stats.print_stats(r"/work/|pandas/core/(frame|groupby)|plotly|json", 45)
                    print(text.getvalue()[-9000:])
    return out


def main(argv: list[str] | None = None) -> None:
    """Run the sizes; print a line per page and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--runs", type=int, default=8, help="clicks per page (median)")
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    parser.add_argument("--profile", default=None, help="cProfile this page's cold clicks")
    parser.add_argument("--server", choices=("inprocess", "gunicorn"), default="inprocess",
                        help="gunicorn: bench/browser.py's server, requests over HTTP (SQLite)")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    start = time.perf_counter()
    for rows in (int(s) for s in args.sizes.split(",")):
        if args.server == "gunicorn":
            results[str(rows)] = run_served(rows, args.runs, tuple(args.pages))
        else:
            results[str(rows)] = run_size(rows, args.backend, args.runs, args.profile,
                                          tuple(args.pages))
    results["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results["backend"] = args.backend
    print(f"  ({time.perf_counter() - start:.0f} s, load {results['load']})")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
