"""``layouts.static_html.freeze``: pure-presentation parts become markup, escaped; anything a
callback, a link or a chart needs stays a component (issue 16)."""

from __future__ import annotations

import json
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from plotly.io.json import to_json_plotly

from layouts.static_html import NAMESPACE, TYPE, freeze


def _kpi(value: str, kpi_id: str = "kpi-deals") -> dbc.Col:
    return dbc.Col(dbc.Card(dbc.CardBody([html.Div("Deals", className="kpi-title"),
                                          html.Div(value, id=kpi_id, className="kpi-value")]),
                            className="kpi-card h-100"), lg=3, sm=6, width=12, className="mb-3")


def _frozen(node: Any) -> bool:
    return isinstance(node, dict) and (node["namespace"], node["type"]) == (NAMESPACE, TYPE)


def test_a_card_becomes_its_markup_in_one_component() -> None:
    frozen = freeze(_kpi("2,000"))
    assert _frozen(frozen)
    props = frozen["props"]
    assert props["tag"] == "div" and props["className"] == "mb-3 col-12 col-sm-6 col-lg-3"
    assert props["html"] == ('<div class="kpi-card h-100 card"><div class="card-body">'
                           '<div class="kpi-title">Deals</div>'
                           '<div id="kpi-deals" class="kpi-value">2,000</div></div></div>')


def test_text_and_attributes_are_escaped() -> None:
    frozen = freeze(html.Div([html.Span('<script>alert("x")</script>', title='a"b'),
                              html.B("&")]))
    assert frozen["props"]["html"] == ('<span title="a&#34;b">&lt;script&gt;alert(&#34;x&#34;)'
                           '&lt;/script&gt;</span><b>&amp;</b>')


def test_styles_are_written_as_react_writes_them() -> None:
    frozen = freeze(html.Div(html.P("x", style={"whiteSpace": "pre-wrap", "opacity": 0.5,
                                                  "width": 10, "height": None})))
    assert frozen["props"]["html"] == '<p style="white-space:pre-wrap;opacity:0.5;width:10px">x</p>'


def _kinds(node: Any) -> list[str]:
    if isinstance(node, list):
        return [kind for item in node for kind in _kinds(item)]
    if isinstance(node, dict):
        return [node["type"], *_kinds(node["props"].get("children"))]
    if not hasattr(node, "_type"):
        return []
    return [node._type, *_kinds(getattr(node, "children", None))]


def test_what_behaves_stays_a_component() -> None:
    tree = html.Div([
        _kpi("1", kpi_id="kpi-called"),                        # an id a callback names
        html.Div([html.Span("a"), html.Span("b")], id={"type": "x", "name": "y"}),  # dict id
        html.Div([html.Span("link"), dcc.Link("open", href="/deals")]),           # a link
        dbc.Col(html.Div([html.Span("c"), html.Span("d")]), md={"size": 6, "offset": 1}),
        html.Div([html.Span("e"), html.Span("f")], n_clicks=1),  # a prop beyond markup
    ])
    frozen = freeze(tree, keep_ids={"kpi-called"})
    kinds = _kinds(frozen)
    assert "Link" in kinds and kinds.count("Col") == 2 and "Html" in kinds
    called = frozen.children[0].children.children  # the kpi's card body stays a component
    assert called.children[1].id == "kpi-called"
    assert frozen.children[1].id == {"type": "x", "name": "y"}
    # the columns' content still shrank: each inner part became markup
    assert _frozen(frozen.children[3].children)


def test_the_tree_given_is_not_changed() -> None:
    tree = html.Div([_kpi("1"), dcc.Link("open", href="/")])
    before = json.loads(to_json_plotly(tree))
    frozen = freeze(tree)
    assert json.loads(to_json_plotly(tree)) == before
    assert frozen is not tree and _frozen(frozen.children[0])


def test_the_wire_form_of_a_cached_page_is_frozen_alike() -> None:
    """A memoised page comes back from the cache as JSON: the same markup comes out."""
    tree = html.Div([_kpi("1"), dcc.Link("open", href="/")])
    wire = json.loads(to_json_plotly(tree))
    assert json.loads(to_json_plotly(freeze(wire))) == json.loads(to_json_plotly(freeze(tree)))
    assert _frozen(freeze(wire)["props"]["children"][0])


def test_a_single_text_component_is_left_as_it_is() -> None:
    span = html.Span("x", className="y")
    assert freeze(span) is span
