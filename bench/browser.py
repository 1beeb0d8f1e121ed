"""What a user feels in the browser: first view and stage-filter change, per page (issue #16).

Usage::

    pip install -r bench/requirements.txt
    python bench/browser.py                      # 10k and 100k deals, every page, full runs
    python bench/browser.py --quick              # 10k, Home and Pipeline, few runs
    python bench/browser.py --trace trace.json   # + a Chromium trace of one Home first view

For each size N, N generated deals (``bench/_common.py``) are imported with
``data.importer.import_file`` into a fresh SQLite file, the app (``app.create_app``) is served
by a local threaded WSGI server, and Debian's headless Chromium is driven by Playwright
(``playwright install`` is not needed: ``executable_path=/usr/bin/chromium``).

Figures (milliseconds, measured in the page with ``performance.now()``):

``first``
    First view in a fresh browser context (empty HTTP cache): from navigation start to the
    moment the page is *drawn*: the page content is in (``#context-line``), no Dash callback
    is pending or in flight, no component is loading, every KPI value has text, and every
    ``dcc.Graph`` on the page has a Plotly plot whose ``react``/``newPlot`` promise resolved
    (the chart is drawn, marks included). ``bytes``/``requests``: what that view transferred
    (encoded bytes on the wire, from the DevTools protocol); ``posts``: of those, the callback
    requests; ``dom_nodes``: elements of the drawn page.
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

Medians and p90 (nearest rank) per page; the last line is one JSON object
``{"10000": {"/": {"first": {"median": …, "p90": …}, …}, …}, "load": "…"}``. The 1-minute load
average is printed next to the figures: on a busy machine they are pessimistic.

Targets (issue #16, medians, loopback): Home first view ≤ 1.5 s and filter change ≤ 175 ms;
every page ≤ 2 s / 300 ms; with the 20 Mbit/40 ms link, first view ≤ 2.5 s.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import os
import socket
import statistics
import sys
import tempfile
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
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
PAGES = ["/", "/pipeline", "/marketing", "/forecast", "/deals", "/settings"]
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
      const out = value.call(target, gd, ...rest);
      Promise.resolve(out).then(() => stamp(gd));
      return out;
    };
  }});
  let P;
  Object.defineProperty(window, 'Plotly', {configurable: true, enumerable: true,
    get() { return P; }, set(v) { P = v ? wrap(v) : v; }});
})();
"""

#: ``performance.now()`` once the page is drawn (and, after a click, redrawn), else false.
DRAWN = """
(since) => {
  if (!document.querySelector('#context-line')) return false;
  const store = window.store;
  if (!store) return false;
  const cbs = Object.assign({}, store.getState().callbacks);
  delete cbs.stored; delete cbs.completed;
  if (Object.values(cbs).some(list => list && list.length)) return false;
  if (window.__inflight > 0) return false;
  if (document.querySelector('[data-dash-is-loading="true"]')) return false;
  for (const kpi of document.querySelectorAll('.kpi-value')) {
    if (!kpi.textContent.trim()) return false;
  }
  const graphs = document.querySelectorAll('.dash-graph');
  for (const g of graphs) {
    const gd = g.querySelector('.js-plotly-plot');
    if (!gd || !gd.querySelector('.main-svg')) return false;
    if (!(gd.__drawnAt > since)) return false;
  }
  return performance.now();
}
"""


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


@contextmanager
def serve(rows: int) -> Iterator[tuple[str, Any]]:
    """The app on ``rows`` generated deals, served on a free port; yields (base URL, app)."""
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    from app import create_app
    from data.config import load_settings
    from data.db import make_engine
    from data.importer import import_file

    with tempfile.TemporaryDirectory(prefix="crm-browser-") as work:
        url = f"sqlite:///{Path(work) / 'bench.sqlite3'}"
        settings = load_settings(database_url=url, cache_dir=str(Path(work) / "cache"),
                                 redis_url=None)
        app = create_app(settings)
        engine = make_engine(url)
        outcome = import_file(engine, canonical_csv(rows), f"deals-{rows}.csv")
        assert outcome.created, outcome.as_json()
        engine.dispose()
        port = _free_port()
        server = make_server("127.0.0.1", port, app.server, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{port}", app
        finally:
            server.shutdown()


def clear_server_cache(app: Any) -> None:
    """Empty the shared flask-caching store(s) of ``app`` (aggregates, Parquet copies)."""
    for backend in app.server.extensions.get("cache", {}).values():
        folder = getattr(backend, "_path", None)
        if folder is None:
            backend.clear()
            continue
        # FileSystemCache.clear() stops at the background-callback folder kept beside it.
        for entry in os.scandir(folder):
            if entry.is_file():
                os.remove(entry.path)


def _wait_drawn(page: Page, since: float) -> float:
    """When the page was drawn; a page never drawn within the timeout counts as the timeout.

    (The figure then shows in the p90 and the median, rather than ending the whole run.)
    """
    try:
        handle = page.wait_for_function(DRAWN, arg=since, polling="raf", timeout=TIMEOUT_MS)
    except PlaywrightTimeout:
        print(f"  not drawn within {TIMEOUT_MS} ms: {page.url}", flush=True)
        return since + TIMEOUT_MS if since > 0 else TIMEOUT_MS
    return float(handle.json_value())


def first_view(browser: Browser, url: str, link: bool) -> dict[str, float]:
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
        drawn = _wait_drawn(page, -1)
        posts = float(page.evaluate("window.__requests"))
        nodes = float(page.evaluate("document.getElementsByTagName('*').length"))
        return {"ms": drawn, **wire, "posts": posts, "dom_nodes": nodes}
    finally:
        context.close()


def _option(page: Page, label: str) -> Any:
    return page.locator(".dash-dropdown-content .dash-dropdown-option").filter(
        has_text=label).first


#: Per chart of the page: how many figures plotly.js was handed since the counters were reset.
DRAWS = """() => Array.from(document.querySelectorAll('.dash-graph'),
                        g => (g.querySelector('.js-plotly-plot') || {}).__draws || 0)"""


def filter_changes(browser: Browser, url: str, app: Any, runs: int, link: bool,
                   cold: bool, counts: dict[str, list[float]] | None = None) -> list[float]:
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
        _wait_drawn(page, -1)
        warmup = 0 if cold else 4
        for index in range(warmup + runs):
            button = page.locator("#filter-stage")
            if button.get_attribute("aria-expanded") != "true":
                button.click()
            option = _option(page, STAGE_A if index % 2 == 0 else STAGE_B)
            option.wait_for(state="visible", timeout=TIMEOUT_MS)
            if cold:
                clear_server_cache(app)
            page.evaluate("""() => { window.__requests = 0; document.querySelectorAll(
                '.js-plotly-plot').forEach(gd => { gd.__draws = 0; }); }""")
            option.click()
            at = float(page.evaluate("window.__pointerAt"))
            done = _wait_drawn(page, at)
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


def trace_first_view(browser: Browser, url: str, path: Path) -> dict[str, Any]:
    """Trace one first view; self time of the renderer main thread per kind of work."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    try:
        page = context.new_page()
        browser.start_tracing(page=page, path=str(path), categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        drawn = _wait_drawn(page, -1)
        timing = page.evaluate("""() => {
          const out = {};
          for (const e of performance.getEntriesByType('resource')) {
            const name = e.name.split('?')[0].split('/').slice(-1)[0] || e.name;
            out[name] = (out[name] || []).concat([{start: Math.round(e.startTime),
              wait: Math.round(e.responseStart - e.requestStart),
              end: Math.round(e.responseEnd), bytes: e.transferSize}]);
          }
          const nav = performance.getEntriesByType('navigation')[0];
          out.__document = [{start: 0, wait: Math.round(nav.responseStart - nav.requestStart),
                             end: Math.round(nav.responseEnd), bytes: nav.transferSize}];
          return out;
        }""")
        browser.stop_tracing()
    finally:
        context.close()
    events = json.loads(path.read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    main = {(e["pid"], e["tid"]) for e in events
            if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"}
    per_thread: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for event in events:
        if (event.get("pid"), event.get("tid")) in main and event.get("ph") == "X" \
                and "dur" in event:
            per_thread[(event["pid"], event["tid"])].append(event)
    self_ms: dict[str, float] = defaultdict(float)
    busiest = max(per_thread.values(), key=lambda evs: sum(e["dur"] for e in evs), default=[])
    busiest.sort(key=lambda e: (e["ts"], -e["dur"]))
    stack: list[list[Any]] = []  # [end_ts, bucket, child_time]

    def pop() -> None:
        end, bucket, child, dur = stack.pop()
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
    slowest = sorted(((name, spans[-1]) for name, spans in timing.items()),
                     key=lambda item: -item[1]["end"])[:8]
    return {"drawn_ms": round(drawn), "main_thread_self_ms": {k: round(v) for k, v in
                                                              sorted(self_ms.items())},
            "last_responses": {name: span for name, span in slowest},
            "server_wait_ms": sum(span["wait"] for spans in timing.values() for span in spans
                                  if span["wait"] > 0)}


def run(sizes: list[int], pages: list[str], first_runs: int, filter_runs: int,
        network: bool, trace: Path | None) -> dict[str, Any]:
    """Every figure of every size and page."""
    result: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            for rows in sizes:
                with serve(rows) as (base, app):
                    # One unmeasured view: the process reads the import once, as a running
                    # server has.
                    first_view(browser, base + "/", link=False)
                    if trace is not None and rows == sizes[0]:
                        result["trace"] = trace_first_view(browser, base + "/", trace)
                        print(f"trace of a Home first view ({rows:,}): "
                              f"{json.dumps(result['trace'])}", flush=True)
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
                            f"{figures['dom_nodes']} nodes  per filter change (max): "
                            f"{figures.get('per_filter_change')}  load {figures['load']}",
                            flush=True)
                    result[str(rows)] = per_page
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
    parser.add_argument("--quick", action="store_true",
                        help="10k deals, Home and Pipeline, 2 first views, 4 filter changes")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.pages = [10_000], ["/", "/pipeline"]
        args.first_runs, args.filter_runs = 2, 4
    print(f"load average at start: {load()}", flush=True)
    result = run(args.sizes, args.pages, args.first_runs, args.filter_runs,
                 not args.no_network, args.trace)
    for line in verdicts(result):
        print(line)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
