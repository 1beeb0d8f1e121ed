"""Issue 13, point 2: the report document (data.report) keeps user text as text and needs no
network; tables and charts of the wire form come out as HTML tables and chart containers."""

from __future__ import annotations

import re

from data.report import TABLE_ROWS, ReportMeta, Section, document

HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'


def _div(children: object, **props: object) -> dict[str, object]:
    return {"type": "Div", "namespace": "dash_html_components",
            "props": {"children": children, **props}}


def _doc(content: object) -> str:
    meta = ReportMeta("2026-11-23", "2026-11-24 09:30", [("Stage", HOSTILE)])
    return document([Section("Home", "Sub", content), Section("Deals", "Sub", [])], meta,
                    ["body{}"], "/* plotly */")


def test_user_text_stays_text() -> None:
    figure = {"data": [{"type": "bar", "x": [HOSTILE], "y": [1]}], "layout": {}}
    html = _doc([_div(HOSTILE), {"type": "Graph", "namespace": "dash_core_components",
                                 "props": {"figure": figure}}])
    assert "<img" not in html and "alert(1)</script>" not in html
    assert html.count("<script>") == 2  # the bundle and the drawing, nothing else
    assert "&lt;img src=x onerror=alert(2)&gt;" in html  # shown as written
    assert "\\u003c/script\\u003e" in html  # inside the figure JSON


def test_no_network_and_a_section_per_page() -> None:
    html = _doc([])
    assert "default-src 'none'" in html
    assert not re.search(r"(src|href)=[\"']?(https?:)?//", html)
    assert html.count('<section class="report-page"') == 2


def test_tables_and_charts() -> None:
    rows = [{"a": f"r{i}", "b": i} for i in range(TABLE_ROWS + 3)]
    grid = {"type": "AgGrid", "namespace": "dash_ag_grid", "props": {
        "columnDefs": [{"field": "a", "headerName": "Alpha"}, {"field": "b"}],
        "rowData": rows[:2]}}
    table = {"type": "AgGrid", "namespace": "dash_ag_grid", "props": {
        "columnDefs": [{"field": "a", "headerName": "Alpha"}, {"field": "b", "headerName": "Beta"}],
        "rowData": rows}}
    unfilled = {"type": "AgGrid", "namespace": "dash_ag_grid", "props": {  # server-paged
        "columnDefs": [{"field": "z", "headerName": "Zeta"}], "rowModelType": "infinite"}}
    button = {"type": "Button", "namespace": "dash_bootstrap_components",
              "props": {"children": "CSV"}}
    graph = {"type": "Graph", "namespace": "dash_core_components",
             "props": {"figure": {"data": [], "layout": {}}}}
    html = _doc([table, grid, unfilled, button, graph, graph])
    assert "<th>Alpha</th><th>Beta</th>" in html and "<th>Alpha</th><th>b</th>" in html
    assert f"<td>r{TABLE_ROWS - 1}</td>" in html and f"<td>r{TABLE_ROWS}</td>" not in html
    assert "3 more row(s)" in html
    assert ">CSV<" not in html  # controls are not printed
    assert "Zeta" not in html  # a grid whose rows were not written in is left out
    assert html.count('class="report-chart"') == 2
