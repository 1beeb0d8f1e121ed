"""Home page: headline indicators, alerts and the short-term forecast.

The one declaration of the page: where it lives, its title and place in the navbar, the
builder of its data (``data.pagedata.home``) and the layout that draws it. The nav
(``layouts.shell``) and the content callback (``callbacks.pages``) read it from
``dash.page_registry``.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.home import build
from layouts.home import body
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page

SUBTITLE = N_("Headline indicators, alerts and the short-term forecast.")

register_page(
    __name__,
    path="/",
    name=N_("Home"),
    title="CRM Dashboard — Home",
    order=0,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Home", SUBTITLE, lang=page_lang(query))
