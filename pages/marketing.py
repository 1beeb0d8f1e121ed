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
from layouts.marketing import body
from layouts.page import page_frame, register_page

SUBTITLE = "Where deals come from and which sources convert into revenue."

register_page(
    __name__,
    path="/marketing",
    name="Marketing",
    title="Marketing — CRM Dashboard",
    order=3,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Marketing", SUBTITLE)
