"""Issue 16: a filter change redraws the page in place (``assets/inplace.js``).

``plan`` is checked on small layouts in the browser (the code that runs there): what it sets,
and when it gives up so that the content is replaced whole. The end-to-end tests check what
a user gets: after a stage-filter change the chart is the same plotly.js graph (updated, not
drawn again from nothing), the texts around it are the new filter's, and Dash mounted almost
nothing again (each component mounted again costs a store update).
"""

from __future__ import annotations

from typing import Any

import pytest
from browser_helpers import PAGE_TIMEOUT, dropdown_options, pick, wait_for_page, wait_until
from test_perf001_redraw_once import COUNT_AFTERPLOT, SETTLED


def _c(kind: str, children: Any = None, namespace: str = "dash_html_components",
       **props: Any) -> dict[str, Any]:
    """A component as Dash's layout JSON has it."""
    if children is not None:
        props["children"] = children
    return {"type": kind, "namespace": namespace, "props": props}


def _graph(name: str, y: list[int]) -> dict[str, Any]:
    return _c("Graph", namespace="dash_core_components", id={"type": "page-graph", "name": name},
              figure={"data": [{"type": "bar", "y": y}], "layout": {}})


def _grid(model: str | None, rows: list[dict[str, int]]) -> dict[str, Any]:
    props: dict[str, Any] = {"id": "grid", "rowData": rows}
    if model:
        props["rowModelType"] = model
    return _c("AgGrid", namespace="dash_ag_grid", **props)


def _page(kpi: str, y: list[int], extra: Any = None) -> list[dict[str, Any]]:
    """A page: a KPI card, a chart card, and what ``extra`` adds beside the chart."""
    body = [_graph("g", y)] + ([extra] if extra is not None else [])
    return [_c("Div", [_c("Span", "Won"), _c("Strong", kpi, className="kpi-value")]),
            _c("Div", [_c("H5", "Chart"), _c("Div", body, className="graph-box")])]


def _plan(dash_duo, shown: Any, nxt: Any) -> Any:  # type: ignore[no-untyped-def]
    return dash_duo.driver.execute_script(
        "return window.crmInPlace.plan(arguments[0], arguments[1]);", shown, nxt)


@pytest.fixture
def blank(dash_duo, make_app):  # type: ignore[no-untyped-def]
    """The app's page, for its scripts (``window.crmInPlace``)."""
    dash_duo.start_server(make_app())
    wait_until(dash_duo, lambda d: d.execute_script("return !!window.crmInPlace;"),
               PAGE_TIMEOUT, "assets/inplace.js not loaded")
    return dash_duo


def test_perf005_plan_sets_texts_and_figures_never_children_around_a_chart(blank) -> None:  # type: ignore[no-untyped-def]
    updates = _plan(blank, _page("12", [1, 2]), _page("15", [3, 4]))
    assert updates == [
        {"path": [0, "props", "children", 1], "props": {"children": "15"}},
        {"path": [1, "props", "children", 1, "props", "children", 0],
         "props": {"figure": {"data": [{"type": "bar", "y": [3, 4]}], "layout": {}}},
         "id": {"type": "page-graph", "name": "g"}},
    ]
    assert _plan(blank, _page("12", [1, 2]), _page("12", [1, 2])) == []


def test_perf005_plan_replaces_only_a_part_without_chart(blank) -> None:  # type: ignore[no-untyped-def]
    """A list without chart that changed length is given whole to its parent; the chart
    beside it stays."""
    shown = _page("12", [1], extra=_c("Ul", [_c("Li", "a")]))
    nxt = _page("12", [1], extra=_c("Ul", [_c("Li", "a"), _c("Li", "b")]))
    assert _plan(blank, shown, nxt) == [
        {"path": [1, "props", "children", 1, "props", "children", 1],
         "props": {"children": [_c("Li", "a"), _c("Li", "b")]}},
    ]


@pytest.mark.parametrize("nxt", [
    # the chart gave way to a message: its card changes type
    [_page("12", [1])[0], _c("Div", [_c("H5", "Chart"), _c("P", "No data")])],
    # one more component beside the chart
    _page("12", [1], extra=_c("P", "note")),
    # one more card
    [*_page("12", [1]), _c("Div", "more")],
], ids=["chart-gone", "sibling-added", "card-added"])
def test_perf005_plan_gives_up_when_a_chart_would_be_mounted_again(blank, nxt: Any) -> None:  # type: ignore[no-untyped-def]
    assert _plan(blank, _page("12", [1]), nxt) is None


def test_perf005_grids_fed_by_callbacks_are_mounted_again(blank) -> None:  # type: ignore[no-untyped-def]
    """A grid that fetches its rows (infinite row model) would keep the former rows if kept:
    its parent takes it again even when its props did not change; a grid given its rows
    takes the new rows in place."""
    infinite = _c("Div", [_grid("infinite", [])])
    assert _plan(blank, [infinite], [infinite]) == [
        {"path": [0], "props": {"children": [_grid("infinite", [])]}},
    ]
    assert _plan(blank, [_c("Div", [_grid(None, [{"a": 1}])])],
                 [_c("Div", [_grid(None, [{"a": 2}])])]) == [
        {"path": [0, "props", "children", 0], "props": {"rowData": [{"a": 2}]}, "id": "grid"},
    ]
    # beside a chart, such a grid forces the whole content to be replaced
    assert _plan(blank, _page("1", [1], extra=_grid("infinite", [])),
                 _page("1", [1], extra=_grid("infinite", []))) is None


#: Marks every plotly.js graph div, and counts components Dash mounts again from now on.
MARK = """
document.querySelectorAll('.js-plotly-plot').forEach(gd => { gd.__crmKept = true; });
window.__remounts = 0;
if (!window.__crmCounting) {
  window.__crmCounting = true;
  const dispatch = window.store.dispatch;
  window.store.dispatch = function(action) {
    if (action && action.type === 'RESET_COMPONENT_STATE') window.__remounts++;
    return dispatch.apply(this, arguments);
  };
}
"""
KEPT = """return Array.from(document.querySelectorAll('.js-plotly-plot'),
  gd => gd.__crmKept === true);"""


@pytest.mark.parametrize(("path", "title"), [("/", "Home"), ("/pipeline", "Pipeline")])
def test_perf005_filter_change_updates_the_charts_in_place(  # type: ignore[no-untyped-def]
        dash_duo, make_app, path: str, title: str) -> None:
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": COUNT_AFTERPLOT})
    dash_duo.start_server(make_app(sample=True))
    dash_duo.driver.get(dash_duo.server_url + path)
    wait_for_page(dash_duo, title)
    wait_until(dash_duo, lambda d: d.execute_script(SETTLED) and d.execute_script(
        "return document.querySelectorAll('.js-plotly-plot .main-svg').length > 0;"),
        PAGE_TIMEOUT, "never drawn")
    stages = dropdown_options(dash_duo, "filter-stage")
    printed = "return document.querySelector('#page-content').textContent;"
    for label in stages[:2]:
        before = dash_duo.driver.execute_script(printed)
        dash_duo.driver.execute_script(MARK + "window.__figures = {};")
        pick(dash_duo, "filter-stage", label)
        wait_until(dash_duo, lambda d, b=before: d.execute_script(SETTLED)
                   and d.execute_script(printed) != b, PAGE_TIMEOUT, "never redrawn")
        kept = dash_duo.driver.execute_script(KEPT)
        assert kept and all(kept), (label, kept)
        figures = dict(dash_duo.driver.execute_script("return window.__figures;"))
        assert figures and set(figures.values()) == {1}, (label, figures)
        assert label in dash_duo.driver.execute_script(printed)  # the new filter's content
        remounts = dash_duo.driver.execute_script("return window.__remounts;")
        assert remounts < 10, (label, f"{remounts} components mounted again")
    assert dash_duo.get_logs() == []
