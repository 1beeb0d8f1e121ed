"""Marketing page: where deals come from and which sources convert into revenue.

The one declaration of the page: where it lives, its title and place in the navbar, the
builder of its data (``data.pagedata.marketing``) and the layout that draws it. The nav
(``layouts.shell``) and the content callback (``callbacks.pages``) read it from
``dash.page_registry``.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.marketing import build
from layouts.i18n import N_
from layouts.marketing import body
from layouts.page import page_frame, page_lang, register_page

SUBTITLE = N_("Where deals come from and which sources convert into revenue.")

register_page(
    __name__,
    path="/marketing",
    name=N_("Marketing"),
    title="Marketing — CRM Dashboard",
    order=3,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Marketing", SUBTITLE, lang=page_lang(query))
