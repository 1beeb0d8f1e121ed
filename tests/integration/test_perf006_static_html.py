"""Issue 16: a part of a page frozen to markup (``layouts.static_html``) draws the same DOM as
the components it replaces: same elements, texts, ids, classes and styles."""

from __future__ import annotations

from pathlib import Path

import dash_bootstrap_components as dbc
from browser_helpers import PAGE_TIMEOUT, wait_until
from dash import Dash, html

from layouts.static_html import NAMESPACE, freeze

ASSETS = Path(__file__).resolve().parents[2] / "assets"

#: The same DOM, compared as the browser sees it: class lists as sets (React-Bootstrap and
#: the markup may name a column's classes in another order), styles as the browser
#: writes them back, attributes as sets.
SAME_DOM = """
const norm = (root) => {
  const copy = root.cloneNode(true);
  copy.querySelectorAll('[class]').forEach(el => el.setAttribute('class',
    Array.from(el.classList).sort().join(' ')));
  copy.querySelectorAll('[style]').forEach(el => el.setAttribute('style', el.style.cssText));
  return copy;
};
const a = norm(document.getElementById('components'));
const b = norm(document.getElementById('frozen'));
return [a.firstElementChild.isEqualNode(b.firstElementChild),
        a.innerHTML.length, b.innerHTML.length, a.innerHTML, b.innerHTML];
"""


def _part() -> html.Div:
    """KPI cards in a row, a card with header and footer, a table, texts to escape, styles."""
    kpis = [dbc.Col(dbc.Card(dbc.CardBody([
        html.Div("Deals", className="kpi-title"),
        html.Div(value, id=f"kpi-{n}", className="kpi-value"),
        html.Div(["+3 ", html.Small("vs before")], className="kpi-change text-success")]),
        className="kpi-card h-100"), lg=3, sm=6, width=12, className="mb-3")
        for n, value in enumerate(["2,000", "€17,754.68", "<b>not bold</b> & \"q\""])]
    table = html.Table([html.Thead(html.Tr([html.Th("Stage"), html.Th("n", colSpan=2)])),
                        html.Tbody([html.Tr([html.Td("Won"), html.Td(3), html.Td(4.5)])])],
                       className="table table-sm")
    return html.Div([
        dbc.Row(kpis, className="g-3"),
        dbc.Card([dbc.CardHeader("Title", className="chart-title"),
                  dbc.CardBody([table, html.P("note", style={"whiteSpace": "pre-wrap",
                                                             "opacity": 0.5, "width": 10})]),
                  dbc.CardFooter("footer", className="chart-note")], className="chart-card"),
        dbc.Row([dbc.Col(html.Span(["a", html.Br(), "b"]), md=True), dbc.Col("c", width="auto")]),
        html.Ul([html.Li("x", title="t'"), html.Li(["y", html.Em("z")])], role="list"),
    ], className="page")


def test_perf006_frozen_part_draws_the_same_dom(dash_duo) -> None:  # type: ignore[no-untyped-def]
    frozen = freeze(_part())
    assert frozen["namespace"] == NAMESPACE  # the whole part became one component
    app = Dash(__name__, assets_folder=str(ASSETS), assets_ignore=r"^(?!static_html\.js$).*")
    app.layout = html.Div([html.Div(_part(), id="components"), html.Div(frozen, id="frozen")])
    dash_duo.start_server(app)
    wait_until(dash_duo, lambda d: d.execute_script(
        "return !!document.querySelector('#frozen .kpi-card');"), PAGE_TIMEOUT, "not drawn")
    same, size_a, size_b, dom_a, dom_b = dash_duo.driver.execute_script(SAME_DOM)
    assert size_a > 500
    assert same, f"components:\n{dom_a}\nfrozen:\n{dom_b}"
    assert dash_duo.get_logs() == []
