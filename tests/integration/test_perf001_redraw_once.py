"""Issue 16: a first view is one callback round; a filter change is one callback request;
each draws every chart exactly once.

A script installed before any page script counts, per ``dcc.Graph`` id, the figures handed to
plotly.js (``Plotly.react``/``newPlot``: one per callback output that reached the chart), the
callback requests (``/_dash-update-component`` fetches: one per click, the content comes in the
filter callback's response) and the
``plotly_afterplot`` events (one per finished drawing, resizes included; not the extra pass
automargin may take), whether the graph div already existed or is created by the update. The
charts are drawn by the plotly.js bundle served from ``assets/``, so these tests also fail when
that bundle lacks a trace type ``layouts/figures.py`` uses (a chart that never draws).
"""

from __future__ import annotations

import time

import pytest
from browser_helpers import PAGE_TIMEOUT, dropdown_options, pick, wait_for_page, wait_until

#: Counts ``plotly_afterplot`` per dcc.Graph id: Plotly's ``Events.init`` assigns ``gd.emit``,
#: which this prototype setter wraps.
COUNT_AFTERPLOT = """
window.__afterplots = {}; window.__figures = {}; window.__posts = 0; window.__calls = [];
const fetchAll = window.fetch;
window.fetch = function(input, init) {
  const url = typeof input === 'string' ? input : (input && input.url) || '';
  if (!url.includes('_dash-update-component')) return fetchAll.apply(this, arguments);
  window.__posts++;
  let output = '?', changed = [];
  try {
    const body = JSON.parse(init.body);
    output = body.output; changed = body.changedPropIds;
  } catch (error) { /* not JSON */ }
  const call = {output: output, changed: changed, sent: performance.now(), done: null};
  window.__calls.push(call);
  return fetchAll.apply(this, arguments).finally(() => { call.done = performance.now(); });
};
const graphOf = (gd) => {
  const el = typeof gd === 'string' ? document.getElementById(gd) : gd;
  const graph = el && el.closest ? el.closest('.dash-graph') : null;
  return graph ? graph.id : '(detached)';
};
let plotly;
Object.defineProperty(window, 'Plotly', {configurable: true, enumerable: true,
  get() { return plotly; },
  set(bundle) {
    plotly = !bundle ? bundle : new Proxy(bundle, {get(target, key) {
      const value = target[key];
      if (key !== 'react' && key !== 'newPlot') return value;
      return function(gd, ...rest) {
        const id = graphOf(gd);
        window.__figures[id] = (window.__figures[id] || 0) + 1;
        return value.call(target, gd, ...rest);
      };
    }});
  }});
Object.defineProperty(HTMLElement.prototype, 'emit', {
  configurable: true,
  get() { return undefined; },
  set(fn) {
    Object.defineProperty(this, 'emit', {configurable: true, writable: true,
      value: function(name, ...rest) {
        if (name === 'plotly_afterplot') {
          const key = graphOf(this);
          window.__afterplots[key] = (window.__afterplots[key] || 0) + 1;
        }
        return fn.call(this, name, ...rest);
      }});
  },
});
"""

#: True when the page is settled: no Dash callback pending or in flight, nothing loading.
SETTLED = """
const cbs = Object.assign({}, window.store.getState().callbacks);
delete cbs.stored; delete cbs.completed;
return !Object.values(cbs).some(list => list && list.length)
  && !document.querySelector('[data-dash-is-loading="true"]');
"""


def _graphs(dash_duo) -> list[str]:  # type: ignore[no-untyped-def]
    return list(dash_duo.driver.execute_script(
        "return Array.from(document.querySelectorAll('.dash-graph'), g => g.id);"))


def _afterplots(dash_duo) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return dict(dash_duo.driver.execute_script("return window.__afterplots;"))


def _settle(dash_duo, graphs: int | None = None) -> None:  # type: ignore[no-untyped-def]
    """Wait until no callback is pending and every graph drew, then a quiet second."""
    def done(driver) -> bool:  # type: ignore[no-untyped-def]
        if not driver.execute_script(SETTLED):
            return False
        ids = _graphs(dash_duo)
        drawn = _afterplots(dash_duo)
        return (graphs is None or len(ids) == graphs) and all(drawn.get(i) for i in ids)

    wait_until(dash_duo, done, PAGE_TIMEOUT, "page never settled with every chart drawn")
    time.sleep(1.0)  # a second draw (double rendering) would arrive within this
    wait_until(dash_duo, lambda d: d.execute_script(SETTLED), PAGE_TIMEOUT, "never settled")


def _filter_changes(dash_duo, make_app, path: str, title: str,  # type: ignore[no-untyped-def]
                    counter: str) -> None:
    """Open ``path``, pick two stage options in turn; each must count exactly 1 per chart,
    and one callback request."""
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": COUNT_AFTERPLOT})
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_page(dash_duo, title)
    _settle(dash_duo)
    graphs = _graphs(dash_duo)
    assert graphs, f"{title}: no chart"
    first = _afterplots(dash_duo)
    assert set(first) == set(graphs), first  # every chart drew (the bundle has its trace type)

    stages = dropdown_options(dash_duo, "filter-stage")
    assert len(stages) >= 2, stages
    for label in stages[:2]:
        dash_duo.driver.execute_script(
            "window.__afterplots = {}; window.__figures = {}; window.__posts = 0;")
        pick(dash_duo, "filter-stage", label)
        _settle(dash_duo, graphs=len(graphs))
        counted = dict(dash_duo.driver.execute_script(f"return window.{counter};"))
        assert counted == {graph: 1 for graph in _graphs(dash_duo)}, (label, counter, counted)
        posts = dash_duo.driver.execute_script("return window.__posts;")
        assert posts == 1, (label, f"{posts} callback requests for one filter change")

    assert dash_duo.get_logs() == []


@pytest.mark.parametrize(("path", "title"), [("/", "Home"), ("/pipeline", "Pipeline")])
def test_perf001_filter_change_sends_every_chart_one_figure(dash_duo, make_app, path: str,
                                                             title: str) -> None:
    _filter_changes(dash_duo, make_app, path, title, "__figures")


@pytest.mark.parametrize(("path", "title"), [("/", "Home"), ("/pipeline", "Pipeline")])
def test_perf002_filter_change_draws_every_chart_once(dash_duo, make_app, path: str,
                                                      title: str) -> None:
    _filter_changes(dash_duo, make_app, path, title, "__afterplots")


@pytest.mark.parametrize(("path", "title"), [("/", "Home"), ("/pipeline", "Pipeline")])
def test_perf003_first_view_is_one_callback_round(dash_duo, make_app, path: str,
                                                  title: str) -> None:
    """The pages router's response brings the page with its content: no callback waits for
    another's answer (the page content is not requested after the frame), each chart drawn
    once."""
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": COUNT_AFTERPLOT})
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + path + "?stage=Proposition")
    wait_for_page(dash_duo, title)
    _settle(dash_duo)
    graphs = _graphs(dash_duo)
    assert graphs, f"{title}: no chart"
    assert _afterplots(dash_duo) == {graph: 1 for graph in graphs}
    calls = list(dash_duo.driver.execute_script("return window.__calls;"))
    outputs = [call["output"] for call in calls]
    assert not any(o.startswith("page-content.children") for o in outputs), outputs
    router = [c for c in calls if "_pages_content.children" in c["output"]]
    assert len(router) == 1, outputs
    first_answer = min(call["done"] for call in calls)
    late = [(c["output"][:40], c["changed"]) for c in calls if c["sent"] > first_answer]
    assert not late, f"sent after a first answer (a second round): {late}"
    # the content is the URL's: the filter shows in the page's printed filters
    printed = dash_duo.driver.execute_script(
        "return document.querySelector('#page-content').textContent;")
    assert "Proposition" in printed, printed[:300]
    assert dash_duo.get_logs() == []
