"""Phones and tablets (issue 13, point 4): the collapsing nav, the filter panel, its count.

The toggles run in the browser (clientside): opening a panel needs no server round trip.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State

from callbacks.context import LANG_COOKIE
from layouts.ids import Page, Shell

#: The toggler opens or closes the links; following a link closes them (phones).
_TOGGLE_NAV = """
function (clicks, linkClicks, isOpen) {
    const ctx = window.dash_clientside.callback_context;
    const toggler = ctx.triggered.length && ctx.triggered[0].prop_id.startsWith('TOGGLER.');
    return toggler ? !isOpen : false;
}
"""
#: ``show`` opens Bootstrap's responsive off-canvas below ``lg`` (no effect above).
_TOGGLE_FILTERS = """
function (openClicks, closeClicks, backdropClicks, className) {
    const ctx = window.dash_clientside.callback_context;
    const opening = ctx.triggered.length && ctx.triggered[0].prop_id.startsWith(arguments[4]);
    const base = (className || '').replace(/\\s*\\bshow\\b/g, '');
    return opening ? base + ' show' : base;
}
"""


#: A click on a mark whose ``customdata`` is a Deals URL opens it (figures put it there).
_OPEN_CLICKED = """
function (clicks) {
    const ctx = window.dash_clientside.callback_context;
    const point = ctx.triggered.length && ctx.triggered[0].value
        && ctx.triggered[0].value.points && ctx.triggered[0].value.points[0];
    const target = point && point.customdata;
    if (typeof target === 'string' && target.startsWith('/deals')) {
        // as dcc.Link does: the pages router follows the history (the shell's Location
        // writes the URL without telling it, issue 16)
        window.history.pushState({}, '', target);
        window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
    }
    return window.dash_clientside.no_update;
}
"""


#: Picking the other language: remember it (cookie) and load the page again in it, ``lang=``
#: in the URL, so the frame, the content and the formats change together. No reload when the
#: URL already asks for that language (nothing a reload would change: no loop).
_SWITCH_LANGUAGE = """
function (value, shown) {
    const query = new URLSearchParams(window.location.search);
    if (!value || value === shown || query.get('lang') === value) {
        return window.dash_clientside.no_update;
    }
    document.cookie = 'COOKIE=' + value + '; path=/; max-age=31536000; samesite=lax';
    query.set('lang', value);
    window.location.assign(window.location.pathname + '?' + query.toString());
    return window.dash_clientside.no_update;
}
"""


#: The Filters button's badge, counted in the browser from the query string (a filter change
#: stays one server round trip, issue 16): one per selected value, date bound, currency and search
#: (which data and when are not filters: they stay on Reset too).
_COUNT_FILTERS = """
function (search) {
    const query = new URLSearchParams(search || '');
    let n = 0;
    for (const key of ['status', 'stage', 'source', 'sector', 'owner']) {
        n += query.getAll(key).filter(v => v.trim()).length;
    }
    for (const key of ['from', 'to', 'currency', 'q']) {
        if ((query.get(key) || '').trim()) { n += 1; }
    }
    return n ? String(n) : '';
}
"""


def register(app: Dash) -> None:
    """Register the shell's toggles and the filter count on ``app``."""
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _TOGGLE_NAV.replace("TOGGLER", Shell.NAV_TOGGLE),
        Output(Shell.NAV_COLLAPSE, "is_open"),
        Input(Shell.NAV_TOGGLE, "n_clicks"),
        Input({"type": Shell.NAV, "path": ALL}, "n_clicks"),
        State(Shell.NAV_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _TOGGLE_FILTERS.replace("arguments[4]", f"'{Shell.FILTERS_OPEN}.'"),
        Output(Shell.FILTERS_PANEL, "className"),
        Input(Shell.FILTERS_OPEN, "n_clicks"),
        Input(Shell.FILTERS_CLOSE, "n_clicks"),
        Input(Shell.FILTERS_BACKDROP, "n_clicks"),
        State(Shell.FILTERS_PANEL, "className"),
        prevent_initial_call=True,
    )

    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _OPEN_CLICKED,
        Output(Shell.URL, "href"),
        Input({"type": Page.GRAPH, "name": ALL}, "clickData"),
        prevent_initial_call=True,
    )

    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _SWITCH_LANGUAGE.replace("COOKIE", LANG_COOKIE),
        Output(Shell.LANG_SHOWN, "data"),
        Input(Shell.LANG, "value"),
        State(Shell.LANG_SHOWN, "data"),
        prevent_initial_call=True,
    )

    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _COUNT_FILTERS,
        Output(Shell.FILTERS_COUNT, "children"),
        Input(Shell.URL, "search"),
    )
