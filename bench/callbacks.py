"""Server time of a filter change, per page, against the pandas floor (issue #5, item 5).

Usage::

    python bench/callbacks.py                               # 10k, 100k, 1M on PostgreSQL
    python bench/callbacks.py --sizes 100000 --repeat 5     # quick run
    python bench/callbacks.py --backend sqlite --cache redis

For each size N, N generated deals (``bench/_common.py``) are imported with
``data.importer.import_file`` into a fresh database (a scratch PostgreSQL database
``crm_bench_<random>``, dropped at the end, or a temporary SQLite file), then an app is built
with ``app.create_app(settings)`` on that database, with a FileSystemCache in a temporary
directory (default) or Redis (``--cache redis``, keys under a unique prefix, deleted at the
end). Requests are POSTed to ``/_dash-update-component`` with Flask's test client, with the
body the browser sends (built from ``app.callback_map``), so that the work measured includes
Dash's own argument handling and JSON serialisation and the response size is the real one.

A filter change on a page is what the browser asks after the URL's query string changed:

* Home, Pipeline, Marketing, Forecast: the content callback (``page-content.children`` from
  ``shell-url.pathname``, ``shell-url.search``, ``shell-data-version.data``);
* Deals: the content callback, then the view callback the new grid's request for its first
  page calls (``getRowsRequest`` rows 0–25, no sort → the grid's rows, ``deals-total`` and
  ``deals-actions.children``); the two are summed.
* Issue 12: Trends, Segments and What-if (content callback, like Home), Forecast with the
  calibrated probabilities (``?prob=calibrated``), What-if with a scenario in the URL, and
  ``/deals:health``, the Deals page with its table sorted by deal health (health computed
  for every deal of the view: the content, then the grid's request for its first page
  sorted by health, which answers rows and total, not the actions a sort leaves as they are).
  Each size is imported ``--snapshots`` times (default 2: the second a perturbed export of the
  same deals, same columns, hence the same dataset), so the pages that read the dataset's
  snapshots (Trends, Forecast's backtest, Segments' velocity by stage) do their real work; every
  page shows the newest snapshot.

Figures (milliseconds, median over ``--repeat`` repetitions):

``cold_ms``
    A filter state never requested before (repetition ``r`` on page ``p`` selects one source and
    all owners but one, a combination no other request used), in an app process that has already
    served a page: the import's frame is in memory, the page's aggregates for that state are
    not cached anywhere. The service reads the data version (one small query), misses the
    cache, filters the frame, computes the aggregates, stores them, and the page renders.
``warm_ms``
    The same request again at once: data-version query, one cache read, rendering.
``first_load_ms``
    A new process (``subprocess``) with an empty cache, building its app and serving the Home
    page: the filter-bar callback triggered by the URL (options read from the database) plus
    the Home content callback, which loads the whole import from the database.
``floor_ms``
    The same aggregates computed directly in pandas in this process: the import's canonical
    frame in memory (``store.load_deals`` + ``service.prepare``), the state applied and the
    currency split done by ``service.select_in``, then the ``data.pagedata`` builder(s) of the
    page (Deals: ``deals.actions`` and ``deals.table_page``). No cache, no database, no Dash, no
    rendering.
``max_response_bytes``
    The largest response body of every callback requested (the filter bar with all options,
    each page's content, the Deals actions and table).

The headline keys of each size are the worst page's: ``cold_ms``, ``warm_ms``, ``floor_ms``
(each a max over pages); per-page figures are under ``pages``. ``load_ms`` is one
``store.load_deals`` of the import. The last line printed is one JSON object
``{"10000": {...}, "100000": {...}, "1000000": {...}}``.

Targets: at 100k cold within 2x the floor and warm under 15 ms (each page); at 1M cold under
1.5 s; no response over 200 KB.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

# Run as a script, the bench folder comes first on sys.path, where this file would shadow the
# ``callbacks`` package: put the project root there instead.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]
sys.path.insert(0, str(_HERE.parent))

from bench import _common  # noqa: E402

# The app module builds a default app on import: point it at throw-away storage first.
_SCRATCH = Path(tempfile.mkdtemp(prefix="crm_bench_cb_"))
atexit.register(shutil.rmtree, _SCRATCH, ignore_errors=True)
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_SCRATCH / 'default.sqlite3'}")
os.environ.setdefault("CACHE_DIR", str(_SCRATCH / "default-cache"))

from sqlalchemy import Engine  # noqa: E402

from data import history, store  # noqa: E402
from data.canonical import CANONICAL_FIELDS  # noqa: E402
from data.config import Settings, load_settings  # noqa: E402
from data.db import make_engine, migrate  # noqa: E402
from data.filters import FilterState  # noqa: E402
from data.importer import import_file  # noqa: E402
from data.metrics import optimize_text_columns, shared_computations  # noqa: E402
from data.pagedata import (  # noqa: E402
    deals,
    forecast,
    home,
    marketing,
    pipeline,
    segments,
    trends,
    whatif,
)
from data.snapshots import SeriesData, Snapshot, prepare, select_in  # noqa: E402
from data.stages import fold  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
PAGES = ("/", "/pipeline", "/marketing", "/forecast", "/deals", "/trends", "/segments",
         "/what-if", "/forecast:calibrated", "/what-if:scenario", "/deals:health")
BUILDERS: dict[str, Callable[..., Any]] = {
    "/": home.build, "/pipeline": pipeline.build, "/marketing": marketing.build,
    "/forecast": forecast.build, "/deals": deals.actions, "/trends": trends.build,
    "/segments": segments.build, "/what-if": whatif.build,
    "/forecast:calibrated": forecast.build, "/what-if:scenario": whatif.build,
    "/deals:health": deals.actions,
}
#: Pages whose builder reads the dataset's snapshots (``data.snapshots.NEEDS``).
SERIES_PAGES = ("/forecast", "/trends", "/segments", "/forecast:calibrated")
#: Page options a variant adds to the URL, and the table sort of ``/deals:health``.
VARIANT_OPTIONS = {"/forecast:calibrated": {"prob": "calibrated"},
                   "/what-if:scenario": {"wr": "1.2", "size": "0.9", "leads": "1.5",
                                         "cycle": "1.3"}}
HEALTH_SORT = [{"colId": "health_text", "sort": "asc"}]
CONTENT = "page-content.children"
#: The Deals view callback (``callbacks.deals.fill_view``): its outputs start with the grid's.
VIEW = '..{"type":"deals-table","view":["ALL"]}.getRowsResponse'
#: The grid's id in the content names the view; the server does not read it.
GRID = {"type": "deals-table", "view": "bench"}
TOTAL = {"type": "deals-total", "view": "bench"}
MAX_RESPONSE = 200 * 1024


# -- requests as the browser sends them ----------------------------------------------------------
class Client:
    """POSTs callback requests to one app, building each body from ``app.callback_map``."""

    def __init__(self, app: Any) -> None:
        """Keep the app and a Flask test client."""
        from dash._utils import split_callback_id

        self.app = app
        self.client = app.server.test_client()
        self.split = split_callback_id
        self.sizes: dict[str, int] = {}

    def key(self, starts: str) -> str:
        """The callback-map key of the callback whose outputs start with ``starts``."""
        return next(k for k in self.app.callback_map if k.startswith(starts))

    def post(self, key: str, values: dict[str, Any], changed: list[str],
             label: str = "") -> tuple[float, int]:
        """One request: seconds and response bytes (every input not given is None)."""
        spec = self.app.callback_map[key]

        def items(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [{"id": str(e["id"]), "property": e["property"],
                     "value": values.get(f"{e['id']}.{e['property']}")} for e in entries]

        outputs = self.split(key)
        if isinstance(outputs, dict):
            outputs = {"id": str(outputs["id"]), "property": outputs["property"].split("@")[0]}
        else:
            outputs = [{"id": str(o["id"]), "property": o["property"].split("@")[0]}
                       for o in outputs]
        body = {"output": key, "outputs": outputs, "inputs": items(spec["inputs"]),
                "state": items(spec.get("state", [])), "changedPropIds": changed}
        return self.send(key, body, label)

    def send(self, key: str, body: dict[str, Any], label: str) -> tuple[float, int]:
        """POST one callback body: seconds and response bytes."""
        start = time.perf_counter()
        response = self.client.post("/_dash-update-component", json=body)
        elapsed = time.perf_counter() - start
        if response.status_code not in (200, 204):
            raise SystemExit(f"{key}: HTTP {response.status_code}: {response.data[:300]!r}")
        size = len(response.data)
        name = f"{key.split('@')[0].strip('.')[:40]} {label}".strip()
        self.sizes[name] = max(self.sizes.get(name, 0), size)
        if b"page-error" in response.data or b"callback-error" in response.data:
            raise SystemExit(f"{key}: the app reported an error: {response.data[:300]!r}")
        return elapsed, size

    def content(self, path: str, search: str, version: int) -> tuple[float, int]:
        """The page-content callback for a path and query string."""
        return self.post(CONTENT, {"shell-url.pathname": path, "shell-url.search": search,
                                   "shell-data-version.data": version}, ["shell-url.search"],
                         path)

    def deals_extra(self, search: str, version: int,
                    sort_by: list[dict[str, str]] | None = None) -> tuple[float, int]:
        """The Deals view callback for the grid's first page (its rows, total and actions)."""
        del version  # the grid asks for rows; the callback reads the version itself
        key = self.key(VIEW)
        request = {"startRow": 0, "endRow": 25, "sortModel": sort_by or [], "filterModel": {}}
        body = {
            "output": key,
            "outputs": [[{"id": GRID, "property": "getRowsResponse"}],
                        [{"id": TOTAL, "property": "children"}],
                        {"id": "deals-actions", "property": "children"}],
            "inputs": [[{"id": GRID, "property": "getRowsRequest", "value": request}]],
            "state": [{"id": "shell-url", "property": "search", "value": search}],
            "changedPropIds": [json.dumps(GRID, sort_keys=True, separators=(",", ":"))
                               + ".getRowsRequest"],
        }
        return self.send(key, body, "")

    def filter_bar(self, search: str, version: int) -> tuple[float, int]:
        """The filter-bar callback as on a page load (URL trigger: every option is sent)."""
        key = self.key("..shell-url.search...filter-status.value")
        return self.post(key, {"shell-url.search": search, "shell-data-version.data": version,
                               "filter-date-field.value": "created"}, ["shell-url.search"])

    def page(self, path: str, search: str, version: int) -> float:
        """Every callback of a filter change on ``path`` (``/page:variant``); seconds."""
        base = path.split(":", 1)[0]
        elapsed, _ = self.content(base, search, version)
        if base == "/deals":
            sort = HEALTH_SORT if path == "/deals:health" else None
            elapsed += self.deals_extra(search, version, sort)[0]
        return elapsed


def cold_state(page_index: int, repetition: int) -> FilterState:
    """A filter state no other (page, repetition) uses: one source, every owner but one
    (plus the page options of a variant such as ``/forecast:calibrated``).
    """
    unique = repetition * len(PAGES) + page_index
    source = _common.SOURCES[unique % len(_common.SOURCES)]
    left_out = _common.OWNERS[(unique // len(_common.SOURCES)) % len(_common.OWNERS)]
    owners = tuple(sorted(o for o in _common.OWNERS if o != left_out))
    if unique >= len(_common.SOURCES) * len(_common.OWNERS):
        raise SystemExit("too many repetitions for unique filter states")
    state = FilterState.from_query({"source": [source], "owner": list(owners)})
    return state.with_options(**VARIANT_OPTIONS.get(PAGES[page_index], {}))


def perturbed_csv(rows: int) -> bytes:
    """An earlier export of the same deals: a quarter of the open ones one stage back, a tenth
    of the won and lost ones still open, a twentieth not created yet (movement to measure).
    """
    import numpy as np
    import pyarrow as pa

    table = _common.deals_table(rows)
    n = table.num_rows
    rng = np.random.default_rng(11)
    status = np.asarray(table.column("status").to_pylist(), dtype=object)
    stage = np.asarray(table.column("stage").to_pylist(), dtype=object)
    open_stages = list(_common.STAGES[:4])
    back = (status == "open") & (rng.random(n) < 0.25)
    stage[back] = [open_stages[max(0, open_stages.index(s) - 1)] for s in stage[back]]
    reopened = (status != "open") & (rng.random(n) < 0.10)
    stage[reopened] = "Négociation"
    status[reopened] = "open"
    table = table.set_column(table.schema.get_field_index("stage"), "stage",
                             pa.array(stage.tolist(), type=pa.string()))
    table = table.set_column(table.schema.get_field_index("status"), "status",
                             pa.array(status.tolist(), type=pa.string()))
    return _common.to_csv(table.filter(pa.array(rng.random(n) >= 0.05)))


# -- environment -------------------------------------------------------------------------------
@contextmanager
def database(backend: str) -> Iterator[str]:
    """A fresh, migrated database URL on the asked backend (removed on exit)."""
    if backend == "postgresql":
        with _common.scratch_postgres() as url:
            yield url
    else:
        with tempfile.TemporaryDirectory(prefix="crm_bench_") as folder:
            yield f"sqlite:///{folder}/bench.sqlite3"


@contextmanager
def cache_settings(kind: str) -> Iterator[dict[str, Any]]:
    """Settings overrides for an empty cache: a new FileSystemCache folder or a Redis prefix."""
    if kind == "redis":
        prefix = f"crm-bench-{uuid.uuid4().hex[:8]}:"
        with tempfile.TemporaryDirectory(prefix="crm_bench_cache_") as folder:
            yield {"redis_url": "redis://127.0.0.1:6379/0", "cache_dir": folder,
                   "_prefix": prefix}
        import redis

        client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
        keys = list(client.scan_iter(f"{prefix}*"))
        if keys:
            client.delete(*keys)
    else:
        with tempfile.TemporaryDirectory(prefix="crm_bench_cache_") as folder:
            yield {"redis_url": None, "cache_dir": folder}


def build_app(database_url: str, cache: dict[str, Any]) -> Any:
    """``app.create_app`` on the database and cache (Redis keys under the bench's prefix)."""
    import app as app_module

    overrides = {k: v for k, v in cache.items() if not k.startswith("_")}
    settings: Settings = load_settings(database_url=database_url, **overrides)
    prefix = cache.get("_prefix")
    if prefix:
        original = app_module._cache_config

        def with_prefix(s: Settings) -> dict[str, object]:
            return {**original(s), "CACHE_KEY_PREFIX": prefix}

        app_module._cache_config = with_prefix  # type: ignore[assignment]
        try:
            return app_module.create_app(settings)
        finally:
            app_module._cache_config = original  # type: ignore[assignment]
    return app_module.create_app(settings)


# -- the measures --------------------------------------------------------------------------------
def floor_ms(engine: Engine, import_ids: list[int], states: dict[str, list[FilterState]],
             as_of: date, cold_days: int) -> tuple[dict[str, dict[str, float]], float]:
    """Per page, the median ms of the pandas-only computation; and one ``load_deals`` in ms.

    ``floor_ms`` runs the builders on the canonical frame as ``store.load_deals`` returns it;
    ``floor_opt_ms`` on the frame the service keeps (grouping columns as ``category``) inside
    ``shared_computations``: the same work without any of the service's overhead.
    """
    import_id = import_ids[-1]  # the pages show the newest snapshot
    start = time.perf_counter()
    frame = store.load_deals(engine, import_id)
    load = (time.perf_counter() - start) * 1000
    info = store.get_import(engine, import_id)
    assert info is not None
    stages = store.stage_settings(engine, frame["stage"].dropna().unique().tolist())
    present = frozenset(v for v in info.mapping.values() if v in CANONICAL_FIELDS)
    snapshots = {
        "floor_ms": Snapshot.of(info, prepare(frame, stages), stages,
                                present | {"stage", "status"}),
        "floor_opt_ms": Snapshot.of(info, prepare(optimize_text_columns(frame), stages), stages,
                                    present | {"stage", "status"}),
    }
    # the earlier snapshots of the dataset, and one stage table over all (data.snapshots)
    earlier: dict[str, list[Snapshot]] = {key: [] for key in snapshots}
    labels = {fold(s.stage): s.stage for s in stages}
    for other in import_ids[:-1]:
        other_frame = store.load_deals(engine, other)
        other_info = store.get_import(engine, other)
        assert other_info is not None
        other_stages = store.stage_settings(engine,
                                            other_frame["stage"].dropna().unique().tolist())
        for s in other_stages:
            labels.setdefault(fold(s.stage), s.stage)
        earlier["floor_ms"].append(Snapshot.of(other_info, prepare(other_frame, other_stages),
                                               other_stages, present | {"stage", "status"}))
        earlier["floor_opt_ms"].append(Snapshot.of(
            other_info, prepare(optimize_text_columns(other_frame), other_stages),
            other_stages, present | {"stage", "status"}))
    all_stages = tuple(store.stage_settings(engine, list(labels.values())))
    out: dict[str, dict[str, float]] = {}
    for path, path_states in states.items():
        out[path] = {}
        for key, snapshot in snapshots.items():
            timings = []
            for state in path_states:
                state = state if path.startswith("/deals") else state.without_view()
                start = time.perf_counter()
                with shared_computations() if key == "floor_opt_ms" else nullcontext():
                    selection = select_in(snapshot, state)
                    if path in SERIES_PAGES:
                        same = replace(state, currency=selection.currency)
                        series = [*(select_in(s, same) for s in earlier[key]), selection]
                        selection.series = SeriesData(
                            tuple(series), all_stages,
                            tuple(history.default_as_of(s.snapshot.info,
                                                        s.snapshot.info.imported_at.date())
                                  for s in series))
                    build = BUILDERS[path]
                    if path.startswith(("/pipeline", "/deals")):
                        build(selection, as_of, cold_days=cold_days)
                    else:
                        build(selection, as_of)
                    if path.startswith("/deals"):
                        sort = [("health", True)] if path == "/deals:health" else []
                        deals.table_page(selection, as_of, state.view, sort, 0, 25,
                                         cold_days=cold_days)
                timings.append((time.perf_counter() - start) * 1000)
            out[path][key] = statistics.median(timings)
    return out, load


class DataTimer:
    """Time spent in the data manager's ``aggregates`` and ``selection`` (outermost call)."""

    def __init__(self, service: Any) -> None:
        """Wrap the two methods on this service instance."""
        self.total = 0.0
        self.depth = 0
        for name in ("aggregates", "selection"):
            setattr(service, name, self._wrap(getattr(service, name)))

    def _wrap(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.total += time.perf_counter() - start

        return timed


def serve_pages(client: Client, version: int, repeat: int) -> dict[str, dict[str, float]]:
    """Cold then warm filter changes on every page; median ms per page.

    ``*_data_ms`` is the part spent in the service (version query, cache, selection,
    aggregates); the rest is rendering the components and Dash's request handling.
    """
    timer = DataTimer(client.app.server.extensions["crm"]["manager"])
    out: dict[str, dict[str, float]] = {}
    for index, path in enumerate(PAGES):
        runs: dict[str, list[float]] = {k: [] for k in ("cold", "warm", "cold_d", "warm_d")}
        for repetition in range(repeat):
            search = cold_state(index, repetition).search()
            for kind in ("cold", "warm"):
                timer.total = 0.0
                runs[kind].append(client.page(path, search, version) * 1000)
                runs[f"{kind}_d"].append(timer.total * 1000)
        out[path] = {"cold_ms": statistics.median(runs["cold"]),
                     "warm_ms": statistics.median(runs["warm"]),
                     "cold_data_ms": statistics.median(runs["cold_d"]),
                     "warm_data_ms": statistics.median(runs["warm_d"])}
    return out


def first_load(database_url: str, cache_kind: str) -> dict[str, float]:
    """Home in a new process with an empty cache (see :func:`child_first_load`)."""
    with cache_settings(cache_kind) as cache:
        command = [sys.executable, __file__, "--child-first-load", database_url,
                   "--cache-json", json.dumps(cache)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"first-load child failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def child_first_load(database_url: str, cache: dict[str, Any]) -> None:
    """In the new process: build the app, serve the filter bar and Home; print the ms."""
    start = time.perf_counter()
    app = build_app(database_url, cache)
    built = time.perf_counter() - start
    client = Client(app)
    version = store.data_version(make_engine(database_url))
    bar, bar_size = client.filter_bar("", version)
    home, home_size = client.content("/", "", version)
    print(json.dumps({"first_load_ms": round((bar + home) * 1000, 1),
                      "first_load_filter_bar_ms": round(bar * 1000, 1),
                      "first_load_home_ms": round(home * 1000, 1),
                      "app_build_ms": round(built * 1000, 1),
                      "filter_bar_bytes": bar_size, "home_bytes": home_size}))


def run_size(rows: int, backend: str, cache_kind: str, repeat: int,
             snapshots: int = 2) -> dict[str, Any]:
    """Every figure of one size."""
    print(f"\n{rows:,} deals on {backend}, {cache_kind} cache, {snapshots} snapshot(s)",
          flush=True)
    with database(backend) as url:
        engine = make_engine(url)
        migrate(engine)
        import_ids = []
        for k in range(snapshots):  # earlier snapshots first; the last is the canonical file
            content = (_common.canonical_csv(rows) if k == snapshots - 1
                       else perturbed_csv(rows))
            start = time.perf_counter()
            outcome = import_file(engine, content, f"deals-{rows}-{k}.csv")
            assert outcome.created and outcome.import_id is not None
            import_ids.append(outcome.import_id)
            print(f"  imported snapshot {k + 1} in {time.perf_counter() - start:.1f} s",
                  flush=True)
        version = store.data_version(engine)
        first = first_load(url, cache_kind)
        print(f"  first load (new process, empty cache): {first['first_load_ms']:.0f} ms "
              f"(filter bar {first['first_load_filter_bar_ms']:.0f}, "
              f"home {first['first_load_home_ms']:.0f})", flush=True)
        with cache_settings(cache_kind) as cache:
            app = build_app(url, cache)
            client = Client(app)
            client.filter_bar("", version)
            client.content("/", "", version)  # the process has served a page: frame in memory
            pages = serve_pages(client, version, repeat)
        states = {path: [cold_state(i, r) for r in range(repeat)]
                  for i, path in enumerate(PAGES)}
        settings_cold = load_settings(database_url=url).cold_days
        floors, load = floor_ms(engine, import_ids, states, date.today(), settings_cold)
        engine.dispose()
    for path in PAGES:
        figures = pages[path]
        figures.update(floors[path])
        figures["cold_over_floor"] = figures["cold_ms"] / figures["floor_ms"]
        f = figures
        print(f"  {path:<20} cold {f['cold_ms']:7.1f} ms (data {f['cold_data_ms']:6.1f})"
              f"  warm {figures['warm_ms']:6.1f} ms (data {figures['warm_data_ms']:5.1f})"
              f"  floor {figures['floor_ms']:7.1f} ms  cold/floor "
              f"{figures['cold_over_floor']:.2f}", flush=True)
    sizes = client.sizes
    print("  largest responses: " + ", ".join(
        f"{k} {v / 1024:.1f} KB" for k, v in sorted(sizes.items(), key=lambda kv: -kv[1])[:5]))
    worst = max(pages.values(), key=lambda f: f["cold_over_floor"])
    return {
        "floor_ms": round(max(f["floor_ms"] for f in pages.values()), 1),
        "cold_ms": round(max(f["cold_ms"] for f in pages.values()), 1),
        "warm_ms": round(max(f["warm_ms"] for f in pages.values()), 1),
        "max_response_bytes": max([*sizes.values(), first["filter_bar_bytes"],
                                   first["home_bytes"]]),
        "worst_cold_over_floor": round(worst["cold_over_floor"], 2),
        "first_load_ms": first["first_load_ms"],
        "load_ms": round(load, 1),
        "pages": {path: {k: round(v, 2) for k, v in f.items()} for path, f in pages.items()},
        "response_bytes": dict(sorted(sizes.items())),
    }


def check_targets(results: dict[str, dict[str, Any]]) -> list[str]:
    """The targets of issue #5 that are not met (empty when all are)."""
    misses = []
    for size, figures in results.items():
        if figures["max_response_bytes"] > MAX_RESPONSE:
            misses.append(f"{size}: a response of {figures['max_response_bytes']} bytes")
        for path, page in figures["pages"].items():
            if size == "100000" and page["cold_ms"] > 2 * page["floor_ms"]:
                misses.append(f"100000 {path}: cold {page['cold_ms']} > 2x floor")
            if size == "100000" and page["warm_ms"] >= 15:
                misses.append(f"100000 {path}: warm {page['warm_ms']} ms")
            if size == "1000000" and page["cold_ms"] >= 1500:
                misses.append(f"1000000 {path}: cold {page['cold_ms']} ms")
    return misses


def main(argv: list[str] | None = None) -> None:
    """Run the sizes, print the per-page table and the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--cache", choices=("filesystem", "redis"), default="filesystem")
    parser.add_argument("--repeat", type=int, default=5, help="repetitions per page (median)")
    parser.add_argument("--snapshots", type=int, default=2,
                        help="imports of the dataset (issue 12 pages read the earlier ones)")
    parser.add_argument("--child-first-load", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    parser.add_argument("--cache-json", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_first_load:
        child_first_load(args.child_first_load, json.loads(args.cache_json))
        return
    results = {}
    for rows in [int(s) for s in args.sizes.split(",") if s.strip()]:
        results[str(rows)] = run_size(rows, args.backend, args.cache, max(1, args.repeat),
                                      max(1, args.snapshots))
    misses = check_targets(results)
    print("\ntargets: " + ("all met" if not misses else "NOT MET: " + "; ".join(misses)))
    print(json.dumps(results))


if __name__ == "__main__":
    main()
