"""Pieces every page body shares: the context line, the currency notice, the empty state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from data.filters import FilterState
from data.ingest.labels import field_label  # the dialog's names, not field names
from data.metrics.codes import NONE_LABEL
from data.pagedata.common import PageContext
from layouts.formatting import Formatter
from layouts.ids import Home


def context_line(view: PageContext, fmt: Formatter) -> html.Div:
    """Which import, how many deals are selected, the reference date."""
    info = view.import_ref
    parts = [
        fmt._("Import #{id} · {filename}", id=info.id, filename=info.filename),
        fmt._("{selected} of {total} deals selected", selected=fmt.number(view.selected),
              total=fmt.number(view.total_in_import)),
        fmt._("as of {date}", date=fmt.date(view.as_of)),
    ]
    if view.currency:
        parts.append(fmt._("amounts in {currency}", currency=view.currency))
    return html.Div(
        " · ".join(parts), className="context-line text-muted small mb-2", id="context-line"
    )


def currency_notice(view: PageContext, fmt: Formatter) -> html.Div | None:
    """METRICS.md: the default view shows the main currency and says how many are in others."""
    others = view.other_currency_deals
    if not others:
        return None
    names = ", ".join(c for c in view.currencies if c != view.currency)
    return html.Div(
        fmt.ngettext(
            "{n} deal in another currency ({names}) is left out of the amounts; pick a "
            "currency in the filter bar to see it.",
            "{n} deals in other currencies ({names}) are left out of the amounts; pick a "
            "currency in the filter bar to see them.",
            others, names=names,
        ),
        className="alert alert-info py-1 px-2 small",
        id="currency-notice",
    )


def empty_state(message: Any = None, fmt: Formatter | None = None) -> html.Div:
    """No import yet: how to get one, and the one-click sample."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return html.Div(
        dbc.Card(
            dbc.CardBody(
                [
                    html.H4(fmt._("No deals yet")),
                    html.P(
                        fmt._(
                            "Drop a CSV or Excel export from HubSpot, Pipedrive, Salesforce, "
                            "Zoho or your own spreadsheet with the Import CSV button, or try "
                            "the app with two years of realistic sample deals."
                        )
                    ),
                    dbc.Button(fmt._("Load sample data"), id=Home.LOAD_SAMPLE, color="primary"),
                    html.Div(message, id=Home.EMPTY, className="mt-3"),
                ]
            ),
            className="empty-card",
        ),
        className="empty-state",
    )


def missing_text(columns: Sequence[str], fmt: Formatter | None = None) -> str | None:
    """'Needs the X column' message, or None when nothing is missing."""
    if not columns:
        return None
    fmt = fmt or Formatter("en")  # no language given: the message ids
    names = fmt._(" and ").join(
        fmt._(" or ").join(f"“{fmt._(field_label(c))}”" for c in need.split("|"))
        for need in columns
    )
    return fmt._(
        "Not available: this import has no {names} column. Map one at import to enable it.",
        names=names,
    )


def deals_link(state: FilterState, **narrow: Any) -> str:
    """The Deals view of exactly the deals a bar, alert or row stands for (issue 13, point 5).

    ``narrow`` sets filters on top of the page's own (``stage=("Won",)``, ``date_from=…``); a
    list filter the page already narrows keeps only the values both allow, so the link never
    shows deals the page left out.
    """
    changes: dict[str, Any] = {}
    if any(isinstance(v, tuple) and NONE_LABEL in v for v in narrow.values()):
        return ""  # "no value" is not a filter the Deals view has: no link rather than a wrong one
    for key, value in narrow.items():
        current = getattr(state, key)
        if isinstance(value, tuple) and current:  # a bar's value is one the page allows
            value = tuple(v for v in value if v in current) or value
        changes[key] = value
    return f"/deals{replace(state, **{'view': None, **changes}).search()}"  # one copy


def window_link(state: FilterState, as_of: date, days: int) -> str:
    """Open deals expected to close within ``days`` of ``as_of`` (a forecast window)."""
    return deals_link(state, status=("open",), date_field="close", date_from=as_of,
                      date_to=as_of + timedelta(days=days))
