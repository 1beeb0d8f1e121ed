"""The frame every page shares: navbar, filter bar, import dialog, URL and stores.

Lives outside ``pages/`` (STYLE.md: shared stores and ``dcc.Location`` belong to the shell) and
only composes components; every value comes from callbacks.
"""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.common import empty_state
from layouts.formatting import Formatter
from layouts.ids import Shell


def _nav_position(page: dict[str, Any]) -> tuple[int, str]:
    """Declared ``order`` first (pages without one last), then the path."""
    order = page.get("order")
    return (order if isinstance(order, int) else 10**6, str(page["path"]))


def navbar(fmt: Formatter | None = None) -> dbc.Navbar:
    """Brand, one link per registered page in its declared order (hrefs keep the filters),
    the language switch and the import button. Pages declare themselves in ``pages/``
    (``dash.page_registry``).

    Below ``lg`` the links collapse behind a toggler and a "Filters" button (with the count
    of active filters) opens the filter bar as an off-canvas panel (issue 13, point 4).
    """
    fmt = fmt or Formatter()
    links = [
        dbc.NavItem(
            dbc.NavLink(
                fmt._(str(p.get("name"))), href=p["path"],
                id={"type": Shell.NAV, "path": p["path"]},
                active="exact",
            )
        )
        for p in sorted(dash.page_registry.values(), key=_nav_position)
    ]
    return dbc.Navbar(
        dbc.Container(
            [
                dbc.NavbarBrand(fmt._("CRM Dashboard"), href="/", className="fw-semibold"),
                html.Div(
                    [
                        dbc.Button(
                            [fmt._("Filters"), dbc.Badge(id=Shell.FILTERS_COUNT, color="light",
                                                  text_color="dark", className="ms-1")],
                            id=Shell.FILTERS_OPEN,
                            color="light",
                            outline=True,
                            size="sm",
                            className="d-lg-none me-2",
                        ),
                        dbc.NavbarToggler(id=Shell.NAV_TOGGLE, n_clicks=0),
                    ],
                    className="d-flex align-items-center d-lg-none",
                ),
                dbc.Collapse(
                    [
                        dbc.Nav(links, className="me-auto", navbar=True),
                        html.Div(
                            [
                                dbc.RadioItems(
                                    id=Shell.LANG,
                                    options=[{"label": "FR", "value": "fr"},
                                             {"label": "EN", "value": "en"}],
                                    value=fmt.lang,
                                    inline=True,
                                    className="lang-switch me-3",
                                    inputClassName="btn-check",
                                    labelClassName="btn btn-sm btn-outline-light",
                                    labelCheckedClassName="active",
                                ),
                                dbc.Button(
                                    fmt._("Import CSV"),
                                    id=Shell.OPEN_IMPORT,
                                    color="light",
                                    size="sm",
                                    className="fw-semibold",
                                ),
                            ],
                            className="d-flex align-items-center py-2 py-lg-0",
                        ),
                    ],
                    id=Shell.NAV_COLLAPSE,
                    is_open=False,
                    navbar=True,
                ),
            ],
            fluid=True,
        ),
        color="dark",
        dark=True,
        expand="lg",
        className="mb-0",
    )


def _date_fields(fmt: Formatter) -> list[dict[str, str]]:
    return [
        {"label": fmt._("Created between"), "value": "created"},
        {"label": fmt._("Expected close between"), "value": "close"},
    ]


def _col(component: Any, *, xs: int = 12, sm: int = 6, lg: int = 2) -> dbc.Col:
    """A filter-bar column: full width on phones, half from ``sm``, ``lg`` twelfths from ``lg``."""
    return dbc.Col(component, xs=xs, sm=sm, lg=lg, className="mb-2")


def _dropdown_col(component_id: str, placeholder: str, *, xs: int = 12, sm: int = 6,
                  lg: int = 2, **dropdown: Any) -> dbc.Col:
    """One filter dropdown (no options until a callback fills them) in its responsive column.

    ``dropdown`` adds to the ``dcc.Dropdown`` (``multi=True, value=[]`` or ``clearable=True``).
    """
    return _col(
        dcc.Dropdown(
            id=component_id,
            placeholder=placeholder,
            options=[],
            className="filter-dropdown",
            **dropdown,
        ),
        xs=xs,
        sm=sm,
        lg=lg,
    )


def _multi(component_id: str, placeholder: str) -> dbc.Col:
    return _dropdown_col(component_id, placeholder, multi=True, value=[])


def data_row(fmt: Formatter) -> dbc.Row:
    """Which data and when: dataset, snapshot, analysis date and the data's own date.

    Issue 10 (points 3 and 6): a dataset is the series of imports of one source, a snapshot
    one of its imports; the analysis date defaults to today, or to the file's own date when
    its data ends well before today (the note says which).
    """
    return dbc.Row(
        [
            _dropdown_col(Shell.DATASET, fmt._("Most recent dataset"), lg=3, clearable=True),
            _dropdown_col(Shell.IMPORT, fmt._("Newest snapshot"), lg=3, clearable=True),
            _col(
                html.Div(
                    [
                        html.Label(fmt._("Analysis date"), htmlFor=Shell.AS_OF,
                                   className="small text-muted me-2 mb-0 text-nowrap"),
                        dcc.DatePickerSingle(
                            id=Shell.AS_OF,
                            display_format="DD/MM/YYYY",
                            placeholder=fmt._("Today"),
                            clearable=True,
                            className="filter-as-of",
                        ),
                    ],
                    className="d-flex align-items-center",
                ),
                lg=3,
            ),
            _col(
                html.Div(id=Shell.AS_OF_NOTE, className="small text-muted"),
                lg=3,
            ),
        ],
        className="g-2 align-items-center",
    )


def filter_bar(fmt: Formatter) -> html.Div:
    """Data row, multi-selects, date range, currency, text search and Reset (state in the URL).

    One copy of the filter components: Bootstrap's responsive off-canvas (``offcanvas-lg``)
    shows them inline from ``lg`` up and as a side panel below, opened by the navbar's
    "Filters" button (a ``dbc.Offcanvas`` would need a second copy for wide screens).
    """
    return html.Div(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.H5(fmt._("Filters"), className="offcanvas-title"),
                            dbc.Button(
                                fmt._("Show results"),
                                id=Shell.FILTERS_CLOSE,
                                color="primary",
                                size="sm",
                            ),
                        ],
                        className="offcanvas-header",
                    ),
                    html.Div(
                        dbc.Container(
                            [
                                data_row(fmt),
                                dbc.Row(
                                    [
                                        _multi(Shell.STATUS, fmt._("Status")),
                                        _multi(Shell.STAGE, fmt._("Stage")),
                                        _multi(Shell.SOURCE, fmt._("Source")),
                                        _multi(Shell.SECTOR, fmt._("Sector")),
                                        _multi(Shell.OWNER, fmt._("Owner")),
                                        _col(
                                            dbc.Input(
                                                id=Shell.SEARCH,
                                                type="search",
                                                placeholder=fmt._("Search deals…"),
                                                debounce=True,
                                                value="",
                                            ),
                                        ),
                                    ],
                                    className="g-2",
                                ),
                                dbc.Row(
                                    [
                                        _col(
                                            dbc.Select(
                                                id=Shell.DATE_FIELD,
                                                options=_date_fields(fmt),
                                                value="created",
                                                size="sm",
                                            ),
                                        ),
                                        _col(
                                            dcc.DatePickerRange(
                                                id=Shell.DATES,
                                                display_format="DD/MM/YYYY",
                                                clearable=True,
                                                className="filter-dates",
                                                start_date_placeholder_text=fmt._("Start date"),
                                                end_date_placeholder_text=fmt._("End date"),
                                            ),
                                            lg=4,
                                        ),
                                        _dropdown_col(Shell.CURRENCY, fmt._("Main currency"),
                                                      xs=6, sm=3, clearable=True),
                                        _col(
                                            dbc.Button(
                                                fmt._("Reset"),
                                                id=Shell.RESET,
                                                color="secondary",
                                                outline=True,
                                                size="sm",
                                                className="w-100",
                                            ),
                                            xs=6, sm=3, lg=1,
                                        ),
                                    ],
                                    className="g-2 align-items-center",
                                ),
                            ],
                            fluid=True,
                        ),
                        className="offcanvas-body",
                    ),
                ],
                id=Shell.FILTERS_PANEL,
                className="offcanvas-lg offcanvas-start filter-panel",
                tabIndex="-1",
                role="region",
            ),
            html.Div(id=Shell.FILTERS_BACKDROP, n_clicks=0, className="filters-backdrop"),
        ],
        className="filter-bar",
    )


def import_modal(fmt: Formatter | None = None) -> dbc.Modal:
    """Drop a file, check the detected format and mapping, confirm or cancel."""
    from layouts.import_preview import dialog

    return dialog(fmt)


def shell(page_container: Any, lang: str = "fr") -> html.Div:
    """The whole frame around ``dash.page_container``, in ``lang`` (texts and formats)."""
    fmt = Formatter(lang)
    return html.Div(
        [
            dcc.Location(id=Shell.URL, refresh=False),
            dcc.Store(id=Shell.DATA_VERSION, data=0),
            dcc.Store(id=Shell.STAGED),
            dcc.Store(id=Shell.RENDERED),
            dcc.Store(id=Shell.PICKED_DEAL),
            dcc.Store(id=Shell.LANG_SHOWN, data=fmt.lang),
            navbar(fmt),
            filter_bar(fmt),
            dbc.Container(
                [
                    html.Div(id=Shell.NOTICE),
                    html.Div(empty_state(fmt=fmt), id=Shell.EMPTY, style={"display": "none"}),
                    page_container,
                ],
                fluid=True,
                className="page-body",
            ),
            import_modal(fmt),
        ]
    )
