"""What a user feels in the browser: first view and stage-filter change, per page (issue #16).

Usage::

    pip install -r bench/requirements.txt
    python bench/browser.py                      # 10k and 100k deals, every page, full runs
    python bench/browser.py --quick              # 10k, Home and Pipeline, few runs
    python bench/browser.py --trace trace.json   # + traces of a Home first view and filter change
    python bench/browser.py --profile --sizes 10000 --pages / --first-runs 1 --filter-runs 0 \
        --no-network                             # + CPU profiles: self time per script/function
    python bench/browser.py --quick --peers      # + the same Home in Streamlit and Vizro, ratios

For each size N, N generated deals (``bench/_common.py``) are imported with
``data.importer.import_file`` into a fresh SQLite file, the app is served from that file in its
own process as it is deployed (``--server``: ``gunicorn -c gunicorn.conf.py app:server`` by
default, or ``python app.py``; never inside this process, whose Playwright client would share
its GIL), and Debian's headless Chromium is driven by Playwright
(``playwright install`` is not needed: ``executable_path=/usr/bin/chromium``).

Figures (milliseconds, measured in the page with ``performance.now()``):

``first``
    First view in a fresh browser context (empty HTTP cache): from navigation start to the
    moment the page is *drawn*: the page content is in (``#context-line``), no Dash callback
    is pending or in flight, no component is loading, every KPI value has text, and every
    ``dcc.Graph`` on the page has a Plotly plot whose ``react``/``newPlot`` promise resolved
    (the chart is drawn, marks included). ``bytes``/``requests``: what that view transferred
    (encoded bytes on the wire, from the DevTools protocol); ``posts``: of those, the callback
    requests; ``dom_nodes``: elements of the drawn page; ``plotly_ms``: time spent inside
    ``Plotly.react``/``newPlot`` calls (their synchronous part: parsing the figure, drawing).
``filter_warm`` / ``filter_cold``
    From the pointer-down on a stage option of the filter bar to the moment the page is drawn
    again *and* every chart was redrawn after the click. The clicks alternate between two
    stage values (A, B, A, B: selections [A], [A, B], [B], [] in turn). Warm: after a first
    unmeasured round of the four states, so the server has every aggregate cached. Cold: the
    server's shared cache (flask-caching) is cleared before each click, so the page's
    aggregates are recomputed (the process memo of the import's frame stays, as in a
    running server).
``per_filter_change``
    Counts that do not depend on the machine's load, the most seen over the warm clicks:
    ``posts`` callback requests (``/_dash-update-component``) one click causes, ``draws``
    figures handed to plotly.js per chart (1: each chart drawn once), ``dom_nodes`` of the
    page once redrawn.
``net_*``
    The same first view and warm filter change with Chromium's network emulation (DevTools
    ``Network.emulateNetworkConditions``): 20 Mbit/s down and up, 40 ms round trip.

``--profile [PATH]``
    DevTools ``Profiler`` CPU profiles of one first view and one warm filter change of PATH
    (default Home), printed as self time per script file and per function (name, file, line,
    column) and inclusive time per named function: which bundle and which code the
    main-thread time goes to (``--trace`` gives it per kind of work).

``--peers`` (issue #16: "at most half of the faster peer's")
    The same Home built the usual way in Streamlit 1.67 and Vizro 1.0 (``bench/peers/``: the
    same generated deals written to a CSV file, the same KPIs, alert counts, forecast chart and
    period table, a stage filter), each started from its own venv (``--peer-python``, default
    ``$PEER_PYTHON`` or /work/venvs/peers/bin/python; ``bench/requirements-peers.txt``). Their
    first view (5 runs) and warm filter change (10 runs) use the definitions above (``Target``
    says what "content in" and "busy" look like in each app); the table and the JSON line give
    our Home's medians over the faster peer's (``ratios``; target ≤ 0.5).

Medians and p90 (nearest rank) per page; the last line is one JSON object
``{"10000": {"/": {"first": {"median": …, "p90": …}, …}, …}, "load": "…"}``. The 1-minute load
average is printed next to the figures: on a busy machine they are pessimistic.

Targets (issue #16, medians, loopback): Home first view ≤ 1.5 s and filter change ≤ 175 ms;
every page ≤ 2 s / 300 ms; with the 20 Mbit/40 ms link, first view ≤ 2.5 s.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, bench/ comes first on sys.path: put the project root there instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

from bench._common import canonical_csv  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-dev-shm-usage"]
PAGES = ["/", "/pipeline", "/marketing", "/forecast", "/deals", "/trends", "/segments",
         "/what-if", "/settings"]
STAGE_A, STAGE_B = "Proposition", "Négociation"
LINK = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8,
        "uploadThroughput": 20e6 / 8}
TIMEOUT_MS = 60_000

#: Installed before any page script: counts Dash requests in flight and marks every Plotly draw.
#: ``window.Plotly`` is wrapped in a Proxy when a bundle assigns it, so ``react``/``newPlot``
#: stamp the graph div with the time their promise resolved (the chart is on screen).
INIT_SCRIPT = """
(() => {
  window.__inflight = 0; window.__requests = 0; window.__pointerAt = -1;
  window.__plotly = {calls: 0, sync: 0, wall: 0, last: 0};
  const origFetch = window.fetch;
  window.fetch = function(input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (!url.includes('_dash-update-component')) return origFetch.apply(this, arguments);
    window.__inflight++; window.__requests++;
    return origFetch.apply(this, arguments).finally(() => { window.__inflight--; });
  };
  document.addEventListener('pointerdown', () => { window.__pointerAt = performance.now(); },
                            true);
  const stamp = (gd) => {
    const el = typeof gd === 'string' ? document.getElementById(gd) : gd;
    if (el) { el.__drawnAt = performance.now(); el.__draws = (el.__draws || 0) + 1; }
  };
  const wrap = (P) => new Proxy(P, {get(target, key) {
    const value = target[key];
    if (key !== 'react' && key !== 'newPlot') return value;
    return function(gd, ...rest) {
      const t0 = performance.now();
      const out = value.call(target, gd, ...rest);
      const t1 = performance.now();
      window.__plotly.calls++; window.__plotly.sync += t1 - t0;
      Promise.resolve(out).then(() => { stamp(gd); window.__plotly.wall += performance.now() - t0;
                                        window.__plotly.last = performance.now(); });
      return out;
    };
  }});
  let P;
  Object.defineProperty(window, 'Plotly', {configurable: true, enumerable: true,
    get() { return P; }, set(v) { P = v ? wrap(v) : v; }});
})();
"""

#: ``performance.now()`` once the page is drawn (and, after a click, redrawn), else false.
#: ``spec`` says what "drawn" looks like in an app (``Target``): the same definition for ours
#: and the peers — content in, nothing pending, every KPI with text, every chart drawn after
#: ``since``. A chart's draw is stamped by the ``window.Plotly`` wrapper above or, for a plot
#: that library code drew with its own plotly.js (Streamlit), by its ``plotly_afterplot``
#: event (a plot already drawn when first seen is stamped then: never early).
DRAWN = """
(spec) => {
  const since = spec.since;
  if (!document.querySelector(spec.ready)) return false;
  if (spec.busy && document.querySelector(spec.busy)) return false;
  if (spec.dash) {
    const store = window.store;
    if (!store) return false;
    const cbs = Object.assign({}, store.getState().callbacks);
    delete cbs.stored; delete cbs.completed;
    if (Object.values(cbs).some(list => list && list.length)) return false;
    if (window.__inflight > 0) return false;
  }
  const kpis = document.querySelectorAll(spec.kpi);
  if (kpis.length < spec.minKpis) return false;
  for (const kpi of kpis) {
    if (!kpi.textContent.trim()) return false;
  }
  const graphs = document.querySelectorAll(spec.graph);
  if (graphs.length < spec.minGraphs) return false;
  for (const g of graphs) {
    const gd = g.matches('.js-plotly-plot') ? g : g.querySelector('.js-plotly-plot');
    if (!gd) return false;
    if (gd.on && !gd.__hooked) {
      gd.__hooked = true;
      gd.on('plotly_afterplot', () => { gd.__drawnAt = performance.now(); });
      if (gd.__drawnAt === undefined && gd.querySelector('.main-svg')) {
        gd.__drawnAt = performance.now();
      }
    }
    if (!gd.querySelector('.main-svg')) return false;
    if (!(gd.__drawnAt > since)) return false;
  }
  // A grid of the page's content shows its rows (or says it has none): the Deals grid gets
  // them by a request of its own once mounted.
  for (const grid of document.querySelectorAll(spec.grid || '#no-grid')) {
    if (grid.offsetParent === null) continue;  // hidden (a tab not shown)
    if (grid.querySelector('.ag-overlay-loading-wrapper')) return false;
    const row = grid.querySelector('.ag-center-cols-container .ag-row .ag-cell');
    if (!(row && row.textContent.trim()) && !grid.querySelector('.ag-overlay-no-rows-wrapper')) {
      return false;
    }
  }
  return performance.now();
}
"""


#: What ``DRAWN`` still waits for (printed when a page is not drawn within the timeout).
WHY_NOT_DRAWN = """
(spec) => {
  const store = window.store;
  const cbs = store ? Object.assign({}, store.getState().callbacks) : {};
  delete cbs.stored; delete cbs.completed;
  const pending = Object.entries(cbs).filter(([, list]) => list && list.length)
    .map(([kind, list]) => kind + ': ' + list.map(cb => cb.callback && cb.callback.output)
    .join(', '));
  const graphs = Array.from(document.querySelectorAll(spec.graph), g => {
    const gd = g.matches('.js-plotly-plot') ? g : g.querySelector('.js-plotly-plot');
    return (g.id || '?') + ':' + (!gd ? 'no plot' : !gd.querySelector('.main-svg') ? 'no svg'
      : 'drawn at ' + gd.__drawnAt);
  });
  return {ready: !!document.querySelector(spec.ready),
          busy: !!(spec.busy && document.querySelector(spec.busy)), pending,
          inflight: window.__inflight, plotly: typeof window.Plotly,
          emptyKpis: Array.from(document.querySelectorAll(spec.kpi))
            .filter(k => !k.textContent.trim()).length, graphs};
}
"""


@dataclass(frozen=True)
class Target:
    """An app measured: where it is and what "drawn" means in its page (``DRAWN``)."""

    name: str
    ready: str
    busy: str
    kpi: str
    graph: str
    min_kpis: int = 0
    min_graphs: int = 0
    dash: bool = True
    #: Grids whose rows must show (AG Grid roots); "" for none.
    grid: str = ""

    def spec(self, since: float) -> dict[str, Any]:
        """The argument of ``DRAWN``."""
        return {"since": since, "ready": self.ready, "busy": self.busy, "kpi": self.kpi,
                "graph": self.graph, "grid": self.grid, "minKpis": self.min_kpis,
                "minGraphs": self.min_graphs, "dash": self.dash}


DASH_LOADING = '[data-dash-is-loading="true"]'
#: Content in: the context line of a page's data, or on Settings (no context line) a row of its
#: stage table.
OURS = Target("ours", "#context-line, #settings-stages .ag-row", DASH_LOADING, ".kpi-value",
              ".dash-graph", grid="#page-content .ag-root-wrapper")
#: The peers show Home's 8 KPIs and 4 alert counts and its forecast chart (bench/peers/_home.py).
PEERS = {
    "streamlit": Target("streamlit", '[data-testid="stApp"][data-test-script-state="notRunning"]',
                        '[data-stale="true"]', '[data-testid="stMetricValue"]',
                        '[data-testid="stPlotlyChart"]', 12, 1, dash=False),
    "vizro": Target("vizro", ".kpi-value", DASH_LOADING, ".kpi-value", ".dash-graph", 12, 1),
}
PEER_DIR = ROOT / "bench" / "peers"
PEER_PYTHON = os.environ.get("PEER_PYTHON", "/work/venvs/peers/bin/python")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load() -> str:
    """The load average, as ``uptime`` prints it."""
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def summary(values: list[float]) -> dict[str, float]:
    """Median and p90 (nearest rank) in milliseconds."""
    ordered = sorted(values)
    p90 = ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]
    return {"median": round(statistics.median(ordered)), "p90": round(p90), "n": len(ordered)}


@dataclass(frozen=True)
class Served:
    """Our app as the benchmark sees it: where it answers and where its shared cache lives."""

    base: str
    cache_dir: Path


#: How our app is started (``--server``), in its own process as it is deployed: the benchmark's
#: own process runs Playwright's client, and a server sharing its GIL would be slowed by it
#: (the peers run in their own processes too).
SERVERS = {
    "gunicorn": ["-m", "gunicorn", "-c", "gunicorn.conf.py", "app:server"],
    "python": ["app.py"],
}


@contextmanager
def serve(rows: int, how: str = "gunicorn") -> Iterator[Served]:
    """The app on ``rows`` generated deals, in its own process on a free port.

    ``how``: ``gunicorn`` (``gunicorn -c gunicorn.conf.py app:server``: 2 workers of 4 threads
    unless ``WEB_CONCURRENCY``/``GUNICORN_THREADS`` say otherwise) or ``python`` (``python
    app.py``, Flask's threaded server). The deals are imported into a fresh SQLite file first;
    the server gets it, its own cache folder and no Redis through the environment.
    """
    from data.db import make_engine, migrate
    from data.importer import import_file

    with tempfile.TemporaryDirectory(prefix="crm-browser-") as work:
        url = f"sqlite:///{Path(work) / 'bench.sqlite3'}"
        cache_dir = Path(work) / "cache"
        engine = make_engine(url)
        migrate(engine)
        outcome = import_file(engine, canonical_csv(rows), f"deals-{rows}.csv")
        assert outcome.created, outcome.as_json()
        engine.dispose()
        port = _free_port()
        env = dict(os.environ, DATABASE_URL=url, CACHE_DIR=str(cache_dir), REDIS_URL="",
                   HOST="127.0.0.1", PORT=str(port), GUNICORN_BIND=f"127.0.0.1:{port}",
                   DEBUG="0", LOG_FORMAT="text")
        log = Path(work) / "server.log"  # not a pipe: a full pipe would stall the server
        command = [sys.executable, *SERVERS[how]]
        with log.open("w") as sink:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=sink, stderr=sink)
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_answering(process, base, log, "our app (" + " ".join(command) + ")")
            yield Served(base, cache_dir)
        finally:
            _stop(process)


def _wait_answering(process: subprocess.Popen[bytes], base: str, log: Path, name: str) -> None:
    """Return once ``base`` answers 200; stop with the server's last log lines if it exits."""
    deadline = time.monotonic() + 120
    while True:
        if process.poll() is not None:
            error = log.read_text(errors="replace")[-1500:]
            raise SystemExit(f"{name} exited {process.returncode}: {error}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{name} did not answer on {base} within 120 s")
        time.sleep(0.5)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def serve_peer(name: str, python: str, deals_csv: Path) -> Iterator[str]:
    """A peer app (``bench/peers/``) on ``deals_csv``, in its own venv; yields its base URL."""
    port = _free_port()
    if name == "streamlit":
        command = [python, "-m", "streamlit", "run", str(PEER_DIR / "streamlit_home.py"),
                   "--server.port", str(port), "--server.address", "127.0.0.1",
                   "--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--global.developmentMode", "false",
                   "--logger.level", "error"]
    else:
        command = [python, str(PEER_DIR / "vizro_home.py"), str(port)]
    env = dict(os.environ, DEALS_CSV=str(deals_csv))
    log = deals_csv.with_name(f"{name}.log")  # not a pipe: a full pipe would stall the peer
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=PEER_DIR, env=env, stdout=sink, stderr=sink)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_answering(process, base, log, f"peer {name} ({' '.join(command)})"
                        + " — install the peers: python -m venv /work/venvs/peers && "
                          "/work/venvs/peers/bin/pip install -r bench/requirements-peers.txt "
                          "(or --peer-python PATH)")
        yield base
    finally:
        _stop(process)


def clear_server_cache(served: Served) -> None:
    """Empty our server's shared file cache (aggregates, rendered pages): the files of its
    ``CACHE_DIR``, not the folders beside them (background callbacks, the Arrow copies of the
    import, which a running server keeps).
    """
    for entry in os.scandir(served.cache_dir):
        if entry.is_file():
            os.remove(entry.path)


def _wait_drawn(page: Page, since: float, target: Target = OURS) -> float:
    """When the page was drawn; a page never drawn within the timeout counts as the timeout.

    (The figure then shows in the p90 and the median, rather than ending the whole run.)
    """
    try:
        handle = page.wait_for_function(DRAWN, arg=target.spec(since), polling="raf",
                                        timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        try:
            why = page.evaluate(WHY_NOT_DRAWN, target.spec(since))
        except Exception as error:  # noqa: BLE001 - a diagnosis, never the run's end
            why = repr(error)
        print(f"  not drawn within {TIMEOUT_MS} ms: {page.url}: {why}", flush=True)
        return since + TIMEOUT_MS if since > 0 else TIMEOUT_MS
    return float(handle.json_value())


def first_view(browser: Browser, url: str, link: bool,
               target: Target = OURS) -> dict[str, float]:
    """One first view in a fresh context: time to drawn, bytes and requests on the wire."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if link:
            cdp.send("Network.emulateNetworkConditions", LINK)
        wire = {"bytes": 0.0, "requests": 0.0}

        def finished(event: dict[str, Any]) -> None:
            wire["bytes"] += float(event.get("encodedDataLength", 0))
            wire["requests"] += 1

        cdp.on("Network.loadingFinished", finished)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        drawn = _wait_drawn(page, -1, target)
        posts = float(page.evaluate("window.__requests"))
        nodes = float(page.evaluate("document.getElementsByTagName('*').length"))
        plotly = float(page.evaluate("window.__plotly.sync"))
        return {"ms": drawn, **wire, "posts": posts, "dom_nodes": nodes, "plotly_ms": plotly}
    finally:
        context.close()


def _option(page: Page, label: str) -> Any:
    return page.locator(".dash-dropdown-content .dash-dropdown-option").filter(
        has_text=label).first


def click_stage(page: Page, target: Target, index: int) -> float:
    """The ``index``-th click of the A, B, A, B… sequence on the app's stage filter.

    Dash's dropdown (ours, Vizro) toggles an option per click; Streamlit's multiselect lists
    only unselected options, so a selected one is removed with its tag's ✕ (one click too).
    Returns the click's pointer-down time (``performance.now()``).
    """
    label = STAGE_A if index % 2 == 0 else STAGE_B
    if target.name == "streamlit":
        remove = page.locator(f'button[aria-label="Remove {label}"]')
        if remove.count():
            element = remove.first
        else:
            box = page.locator('[data-testid="stMultiSelect"] input')
            if box.get_attribute("aria-expanded") != "true":
                box.click()
            element = page.locator('[role="option"]').filter(has_text=label).first
            element.wait_for(state="visible", timeout=TIMEOUT_MS)
    else:
        button = page.locator("#filter-stage")
        if button.get_attribute("aria-expanded") != "true":
            button.click()
        element = _option(page, label)
        element.wait_for(state="visible", timeout=TIMEOUT_MS)
    return _click_at(page, element)


def _click_at(page: Page, element: Any) -> float:
    element.click()
    return float(page.evaluate("window.__pointerAt"))


#: Per chart of the page: how many figures plotly.js was handed since the counters were reset.
DRAWS = """() => Array.from(document.querySelectorAll('.dash-graph'),
                        g => (g.querySelector('.js-plotly-plot') || {}).__draws || 0)"""


def filter_changes(browser: Browser, url: str, served: Served, runs: int, link: bool,
                   cold: bool, counts: dict[str, list[float]] | None = None,
                   target: Target = OURS) -> list[float]:
    """``runs`` stage-option clicks (A, B, A, B…), each timed from pointer-down to redrawn.

    ``counts`` (if given) receives, per measured click, the callback requests it caused
    (``posts``), the most figures any chart was given (``draws``; 1 = no double drawing) and
    the page's DOM nodes once redrawn (``dom_nodes``): figures that do not depend on load.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    times: list[float] = []
    try:
        page = context.new_page()
        if link:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", LINK)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        _wait_drawn(page, -1, target)
        warmup = 0 if cold else 4
        for index in range(warmup + runs):
            if cold:
                clear_server_cache(served)
            page.evaluate("""() => { window.__requests = 0; document.querySelectorAll(
                '.js-plotly-plot').forEach(gd => { gd.__draws = 0; }); }""")
            at = click_stage(page, target, index)
            done = _wait_drawn(page, at, target)
            if index >= warmup:
                times.append(done - at)
                if counts is not None:
                    counts["posts"].append(float(page.evaluate("window.__requests")))
                    counts["draws"].append(float(max(page.evaluate(DRAWS), default=0)))
                    counts["dom_nodes"].append(float(page.evaluate(
                        "document.getElementsByTagName('*').length")))
        return times
    finally:
        context.close()


TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8",
                    "disabled-by-default-v8.compile", "blink.user_timing", "loading",
                    "netlog"]
BUCKETS = {
    "script compile/parse": ("v8.compile", "V8.CompileCode", "v8.compileModule",
                             "V8.ParseFunction", "v8.parseOnBackground", "CompileScript",
                             "V8.CompileLazy", "v8.produceCache", "CacheScript"),
    "script run": ("EvaluateScript", "FunctionCall", "v8.run", "RunMicrotasks",
                   "TimerFire", "EventDispatch", "FireAnimationFrame", "v8.callFunction",
                   "V8.Execute", "RunTask"),
    "garbage collection": ("MinorGC", "MajorGC", "V8.GCScavenger", "V8.GCFinalizeMC",
                           "BlinkGC.AtomicPhase", "V8.GC_MC_BACKGROUND_MARKING"),
    "style + layout": ("UpdateLayoutTree", "Layout", "RecalculateStyles", "ParseAuthorStyleSheet",
                       "HitTest", "InvalidateLayout", "ScheduleStyleRecalculation"),
    "paint + composite": ("Paint", "PaintImage", "UpdateLayer", "UpdateLayerTree",
                          "CompositeLayers", "Commit", "PrePaint", "Layerize", "RasterTask"),
    "html parse": ("ParseHTML",),
}


def _bucket(name: str) -> str:
    for bucket, names in BUCKETS.items():
        if name in names:
            return bucket
    return "other"


#: Every request of the page since ``since`` (ms): name, start, server wait, end, bytes.
WATERFALL = """(since) => performance.getEntriesByType('resource').filter(e => e.startTime >= since)
  .map(e => ({name: e.name.split('?')[0].split('/').slice(-1)[0] || e.name,
              start: Math.round(e.startTime), wait: Math.round(e.responseStart - e.requestStart),
              end: Math.round(e.responseEnd), bytes: e.transferSize}))"""


def main_thread_self_ms(path: Path, start_us: float | None = None) -> dict[str, float]:
    """Self time of the renderer main thread per kind of work, from a Chromium trace file."""
    events = json.loads(path.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    per_thread: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if (event.get("pid"), event.get("tid")) in main and event.get("ph") == "X" \
                and "dur" in event and (start_us is None or event["ts"] >= start_us):
            per_thread[(event["pid"], event["tid"])].append(event)
    self_ms: dict[str, float] = defaultdict(float)
    busiest = max(per_thread.values(), key=lambda evs: sum(e["dur"] for e in evs), default=[])
    busiest.sort(key=lambda e: (e["ts"], -e["dur"]))
    stack: list[list[Any]] = []  # [end_ts, bucket, child_time, dur]

    def pop() -> None:
        _end, bucket, child, dur = stack.pop()
        self_ms[bucket] += (dur - child) / 1000
        if stack:
            stack[-1][2] += dur

    for event in busiest:
        while stack and stack[-1][0] <= event["ts"]:
            pop()
        stack.append([event["ts"] + event["dur"], _bucket(event["name"]), 0.0, event["dur"]])
    while stack:
        pop()
    self_ms.pop("other", None)
    return {k: round(v) for k, v in sorted(self_ms.items())}


def _breakdown(page: Page, since: float, drawn: float, path: Path) -> dict[str, Any]:
    waterfall = page.evaluate(WATERFALL, since)
    origin = max(since, 0)  # times relative to the navigation start or to the click
    for request in waterfall:
        request["start"] = round(request["start"] - origin)
        request["end"] = round(request["end"] - origin)
    plotly = page.evaluate("window.__plotly")
    return {
        "drawn_ms": round(drawn - max(since, 0)),
        "main_thread_self_ms": main_thread_self_ms(path),
        "plotly_draw_ms": {"calls": plotly["calls"], "sync": round(plotly["sync"]),
                           "call_to_drawn": round(plotly["wall"]),
                           "last_drawn_at": round(plotly["last"] - origin)},
        "server_wait_ms": sum(max(0, r["wait"]) for r in waterfall),
        "requests": [r for r in waterfall if not r["name"].endswith((".css", ".ico"))],
    }


def trace_home(browser: Browser, url: str, path: Path) -> dict[str, Any]:
    """Chromium traces of one Home first view and one stage-filter change (``path`` and
    ``path`` with ``-filter`` before its suffix): where the time goes.

    Main-thread self time per kind of work (script compile/parse, script run, style + layout,
    paint), the plotly.js calls (time inside ``Plotly.react``/``newPlot`` and from the call to
    the drawn chart), server waits (request sent → first byte, summed) and the requests in order.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    out: dict[str, Any] = {}
    try:
        page = context.new_page()
        browser.start_tracing(page=page, path=str(path), categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        drawn = _wait_drawn(page, -1)
        browser.stop_tracing()
        out["first_view"] = _breakdown(page, -1, drawn, path)
        for index in range(4):  # warm: the server has the four states cached
            _wait_drawn(page, click_stage(page, OURS, index))
        filter_path = path.with_name(path.stem + "-filter" + path.suffix)
        page.evaluate("() => { window.__plotly = {calls: 0, sync: 0, wall: 0, last: 0}; }")
        browser.start_tracing(page=page, path=str(filter_path), categories=TRACE_CATEGORIES)
        at = click_stage(page, OURS, 0)
        drawn = _wait_drawn(page, at)
        browser.stop_tracing()
        out["filter_change"] = _breakdown(page, at, drawn, filter_path)
    finally:
        context.close()
    return out


def profile_summary(profile: dict[str, Any], top: int = 25) -> dict[str, Any]:
    """Self time of a CDP ``Profiler`` profile per script file and per function (ms)."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    ticks: dict[int, float] = defaultdict(float)
    deltas = profile.get("timeDeltas", [])
    for sample, delta in zip(profile.get("samples", []), deltas[1:] + [0], strict=True):
        ticks[sample] += delta / 1000
    per_file: dict[str, float] = defaultdict(float)
    per_function: dict[str, float] = defaultdict(float)
    for node_id, ms in ticks.items():
        frame = nodes[node_id]["callFrame"]
        url = frame.get("url", "").split("?")[0].rsplit("/", 1)[-1] or "(" + (
            frame.get("functionName") or "native") + ")"
        per_file[url] += ms
        per_function[f"{frame.get('functionName') or '(anonymous)'} {url}:"
                     f"{frame.get('lineNumber', 0) + 1}:{frame.get('columnNumber', 0) + 1}"] += ms
    # Inclusive time: a function's own samples and its callees' (counted once per stack).
    parent = {child: node["id"] for node in profile["nodes"] for child in node.get("children", [])}
    inclusive: dict[str, float] = defaultdict(float)
    for node_id, ms in ticks.items():
        seen = set()
        while node_id is not None:
            frame = nodes[node_id]["callFrame"]
            if frame.get("functionName") and frame.get("url"):
                name = frame["functionName"] + " " + frame["url"].split("?")[0].rsplit("/", 1)[-1]
                if name not in seen:
                    seen.add(name)
                    inclusive[name] += ms
            node_id = parent.get(node_id)
    best = lambda found: {k: round(v, 1) for k, v in sorted(  # noqa: E731
        found.items(), key=lambda item: -item[1])[:top]}
    return {"total_ms": round(sum(ticks.values())), "files": best(per_file),
            "functions": best(per_function), "inclusive": best(inclusive)}


def profile_home(browser: Browser, url: str) -> dict[str, Any]:
    """CPU profiles (DevTools ``Profiler``) of one Home first view and one warm stage-filter
    change: which script and which function the main-thread script time goes to.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    out: dict[str, Any] = {}
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Profiler.enable")
        cdp.send("Profiler.setSamplingInterval", {"interval": 200})
        cdp.send("Profiler.start")
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        drawn = _wait_drawn(page, -1)
        out["first_view"] = {"drawn_ms": round(drawn),
                             **profile_summary(cdp.send("Profiler.stop")["profile"])}
        for index in range(4):  # warm: the server has the four states cached
            _wait_drawn(page, click_stage(page, OURS, index))
        cdp.send("Profiler.start")
        at = click_stage(page, OURS, 0)
        drawn = _wait_drawn(page, at)
        out["filter_change"] = {"drawn_ms": round(drawn - at),
                                **profile_summary(cdp.send("Profiler.stop")["profile"])}
    finally:
        context.close()
    return out


def compare_home(browser: Browser, apps: dict[str, tuple[str, Target, Any]], first_runs: int,
                 filter_runs: int) -> dict[str, Any]:
    """Our Home and the peers' measured interleaved (ours, peer, peer, ours, …), so that a
    change of the machine's load during the run weighs on every app alike.

    ``apps``: name → (URL, ``Target``, our ``Served`` app or None). First views in fresh contexts;
    warm filter changes on one page per app, opened and warmed (four clicks) first, then one
    click per app in turn.
    """
    views: dict[str, list[dict[str, float]]] = defaultdict(list)
    for _ in range(first_runs):
        for name, (url, target, _app) in apps.items():
            views[name].append(first_view(browser, url, False, target))
    out: dict[str, Any] = {name: {
        "first": summary([v["ms"] for v in found]),
        "bytes": round(statistics.median(v["bytes"] for v in found)),
        "requests": round(statistics.median(v["requests"] for v in found)),
        "dom_nodes": round(statistics.median(v["dom_nodes"] for v in found)),
    } for name, found in views.items()}
    if filter_runs:
        contexts, pages = [], {}
        try:
            for name, (url, target, _app) in apps.items():
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.add_init_script(INIT_SCRIPT)
                contexts.append(context)
                page = context.new_page()
                page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
                _wait_drawn(page, -1, target)
                for index in range(4):  # warm: every state computed once
                    _wait_drawn(page, click_stage(page, target, index), target)
                pages[name] = page
            times: dict[str, list[float]] = defaultdict(list)
            for index in range(filter_runs):
                for name, (_url, target, _app) in apps.items():
                    at = click_stage(pages[name], target, index)
                    times[name].append(_wait_drawn(pages[name], at, target) - at)
            for name, found in times.items():
                out[name]["filter_warm"] = summary(found)
        finally:
            for context in contexts:
                context.close()
    for name, figures in out.items():
        figures["load"] = load()
        print(f"{'Home' if name == 'ours' else name:>18} (interleaved) " + "  ".join(
            f"{key} {value['median']}/{value['p90']}" for key, value in figures.items()
            if isinstance(value, dict)) + f"  ms  {figures['bytes'] / 1e3:.0f} kB "
            f"{figures['requests']} req {figures['dom_nodes']} nodes  load {figures['load']}",
            flush=True)
    return out


def ratios(ours: dict[str, Any], peers: dict[str, Any]) -> dict[str, Any]:
    """Our Home's medians over the faster peer's (issue #16 target: ≤ 0.5)."""
    out: dict[str, Any] = {"_ours": ours}
    for key in ("first", "filter_warm"):
        timed = {name: fig[key]["median"] for name, fig in peers.items() if key in fig}
        if key not in ours or not timed:
            continue
        fastest = min(timed, key=lambda name: timed[name])
        out[key] = {"ratio": round(ours[key]["median"] / max(timed[fastest], 1), 2),
                    "peer": fastest}
    return out


def run(sizes: list[int], pages: list[str], first_runs: int, filter_runs: int,
        network: bool, trace: Path | None, peers: list[str] | None = None,
        peer_python: str = PEER_PYTHON, server: str = "gunicorn", profile: bool = False,
        profile_path: str = "/") -> dict[str, Any]:
    """Every figure of every size and page (and of the peers' Home, when asked)."""
    result: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            for rows in sizes:
                with serve(rows, server) as app:
                    base = app.base
                    # Unmeasured views: each worker reads the import once, as a running
                    # server has.
                    for _ in range(2):
                        first_view(browser, base + "/", link=False)
                    if trace is not None and rows == sizes[0]:
                        result["trace"] = trace_home(browser, base + "/", trace)
                        print(f"trace of Home ({rows:,}): {json.dumps(result['trace'])}",
                              flush=True)
                    if profile and rows == sizes[0]:
                        result["profile"] = profile_home(browser, base + profile_path)
                        print(f"CPU profile of {profile_path} ({rows:,}): "
                              f"{json.dumps(result['profile'], indent=1)}", flush=True)
                    per_page: dict[str, Any] = {}
                    for path in pages:
                        url = base + path
                        views = [first_view(browser, url, link=False) for _ in range(first_runs)]
                        figures: dict[str, Any] = {
                            "first": summary([v["ms"] for v in views]),
                            "bytes": round(statistics.median(v["bytes"] for v in views)),
                            "requests": round(statistics.median(v["requests"] for v in views)),
                            "posts": round(statistics.median(v["posts"] for v in views)),
                            "dom_nodes": round(statistics.median(v["dom_nodes"] for v in views)),
                            "plotly_ms": round(statistics.median(v["plotly_ms"] for v in views)),
                        }
                        if filter_runs:
                            counts: dict[str, list[float]] = defaultdict(list)
                            figures["filter_warm"] = summary(filter_changes(
                                browser, url, app, filter_runs, False, False, counts))
                            figures["per_filter_change"] = {
                                key: max(values) for key, values in counts.items()}
                            figures["filter_cold"] = summary(
                                filter_changes(browser, url, app, filter_runs, False, True))
                        if network:
                            figures["net_first"] = summary(
                                [first_view(browser, url, link=True)["ms"]
                                 for _ in range(first_runs)])
                            if filter_runs:
                                figures["net_filter_warm"] = summary(
                                    filter_changes(browser, url, app, filter_runs, True, False))
                        figures["load"] = load()
                        per_page[path] = figures
                        print(f"{rows:>7,} {path:<11} " + "  ".join(
                            f"{key} {value['median']}/{value['p90']}" for key, value in
                            figures.items() if isinstance(value, dict) and "median" in value)
                            + f"  ms (median/p90)  {figures['bytes'] / 1e3:.0f} kB "
                            f"{figures['requests']} req ({figures['posts']} callbacks) "
                            f"plotly {figures['plotly_ms']} ms "
                            f"{figures['dom_nodes']} nodes  per filter change (max): "
                            f"{figures.get('per_filter_change')}  load {figures['load']}",
                            flush=True)
                    result[str(rows)] = per_page
                    if peers:
                        with tempfile.TemporaryDirectory(prefix="crm-peer-") as work, \
                                ExitStack() as stack:  # peers stop before their files go
                            deals = Path(work) / f"deals-{rows}.csv"
                            deals.write_bytes(canonical_csv(rows))  # the deals we imported
                            apps: dict[str, tuple[str, Target, Any]] = {
                                "ours": (base + "/", OURS, app)}
                            for name in peers:
                                url = stack.enter_context(serve_peer(name, peer_python, deals))
                                first_view(browser, url + "/", False, PEERS[name])  # reads file
                                apps[name] = (url + "/", PEERS[name], None)
                            measured = compare_home(browser, apps, first_runs, filter_runs)
                        result.setdefault("peers", {})[str(rows)] = measured
                        result.setdefault("ratios", {})[str(rows)] = ratios(
                            measured.pop("ours"), measured)
                        result["peers"][str(rows)]["this dashboard, Home"] = result[
                            "ratios"][str(rows)].pop("_ours")
        finally:
            browser.close()
    result["load"] = load()
    return result


def verdicts(result: dict[str, Any]) -> list[str]:
    """The targets of issue #16, met or not (medians)."""
    lines = []
    for size, pages in result.items():
        if not isinstance(pages, dict) or not size.isdigit():
            continue
        for path, fig in pages.items():
            first_max, filter_max = (1500, 175) if path == "/" else (2000, 300)
            checks = [("first", fig["first"]["median"], first_max)]
            if "filter_warm" in fig:
                checks.append(("filter_warm", fig["filter_warm"]["median"], filter_max))
                checks.append(("filter_cold", fig["filter_cold"]["median"], filter_max))
            if "net_first" in fig:
                checks.append(("net_first", fig["net_first"]["median"], 2500))
            for name, value, limit in checks:
                lines.append(f"{size:>7} {path:<11} {name:<12} {value:>6} ms ≤ {limit}: "
                             f"{'met' if value <= limit else 'NOT MET'}")
    for size, found in result.get("ratios", {}).items():
        for name, item in found.items():
            lines.append(f"{size:>7} {'/ vs peer':<11} {name:<12} {item['ratio']:>6} × "
                         f"{item['peer']} ≤ 0.5: {'met' if item['ratio'] <= 0.5 else 'NOT MET'}")
    return lines


def table(result: dict[str, Any]) -> list[str]:
    """Our Home next to the peers measured in the same run (medians, ms) and the ratios."""
    lines = ["| deals | app | first view | filter change (warm) | bytes | load |",
             "|---|---|---:|---:|---:|---:|"]
    for size, peers in result.get("peers", {}).items():
        rows = sorted(peers.items(), key=lambda item: not item[0].startswith("this"))
        for label, fig in rows:
            if not fig:
                continue
            warm = fig.get("filter_warm", {}).get("median", "—")
            lines.append(f"| {int(size):,} | {label} | {fig['first']['median']:,} | {warm} | "
                         f"{fig['bytes'] / 1e3:,.0f} kB | {fig['load'].split()[0]} |")
        for name, item in result.get("ratios", {}).get(size, {}).items():
            lines.append(f"| {int(size):,} | ratio {name} (ours / {item['peer']}) | "
                         f"**{item['ratio']}** | | | |")
    return lines


def main() -> None:
    """Parse arguments, run, print the verdicts and the summary line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--pages", nargs="+", default=PAGES)
    parser.add_argument("--first-runs", type=int, default=5)
    parser.add_argument("--filter-runs", type=int, default=10)
    parser.add_argument("--no-network", action="store_true", help="skip the emulated link")
    parser.add_argument("--trace", type=Path, help="write a Chromium trace of a Home first view")
    parser.add_argument("--profile", nargs="?", const="/", default=None, metavar="PATH",
                        help="print CPU profiles (self time per script and function) of a "
                        "first view and a filter change of PATH (default Home)")
    parser.add_argument("--quick", action="store_true",
                        help="10k deals, Home and Pipeline, 2 first views, 4 filter changes "
                        "(5 and 10 with --peers)")
    parser.add_argument("--peers", nargs="*", choices=sorted(PEERS), default=None,
                        help="also measure the same Home built in Streamlit and Vizro "
                        "(bench/peers/; default both) and print our Home's ratios")
    parser.add_argument("--peer-python", default=PEER_PYTHON,
                        help="python of the peers' venv (default $PEER_PYTHON or "
                        "/work/venvs/peers/bin/python; bench/requirements-peers.txt)")
    parser.add_argument("--server", choices=sorted(SERVERS), default="gunicorn",
                        help="how our app is started, in its own process as deployed "
                        "(default: gunicorn -c gunicorn.conf.py app:server; python: app.py)")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.pages = [10_000], ["/", "/pipeline"]
        args.first_runs, args.filter_runs = (5, 10) if args.peers is not None else (2, 4)
    peers = None if args.peers is None else (args.peers or sorted(PEERS))
    if peers and not Path(args.peer_python).exists():
        raise SystemExit(f"--peers: no python at {args.peer_python}. Install the peers in their "
                         "own venv: python -m venv /work/venvs/peers && /work/venvs/peers/bin/"
                         "pip install -r bench/requirements-peers.txt (or --peer-python PATH)")
    print(f"load average at start: {load()}", flush=True)
    result = run(args.sizes, args.pages, args.first_runs, args.filter_runs,
                 not args.no_network, args.trace, peers, args.peer_python, args.server,
                 args.profile is not None, args.profile or "/")
    for line in verdicts(result) + table(result):
        print(line)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
