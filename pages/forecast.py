"""Forecast page: likely, worst and best revenue at 30, 60 and 90 days.

The one declaration of the page: where it lives, its title and place in the navbar, the
builder of its data (``data.pagedata.forecast``) and the layout that draws it. The nav
(``layouts.shell``) and the content callback (``callbacks.pages``) read it from
``dash.page_registry``.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.forecast import build
from layouts.forecast import body, controls
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page

SUBTITLE = N_("Likely, P10, P50 and P90 revenue at 30, 60 and 90 days; calibrated "
              "probabilities and a backtest of past forecasts.")

register_page(
    __name__,
    path="/forecast",
    name=N_("Forecast"),
    title="Forecast — CRM Dashboard",
    order=5,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame with the calibration switch; the content callback fills it from the URL."""
    lang = page_lang(query)
    return page_frame("Forecast", SUBTITLE, controls=controls(query, lang), lang=lang)
