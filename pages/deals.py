"""Deals page: every deal, deadlines and the actions to take today.

The one declaration of the page: where it lives, its title and place in the navbar, the
builder of its data (``data.pagedata.deals``) and what draws it: ``callbacks.deals.draw``, the
layout (``layouts.deals.body``) given the grid's first page and the actions too, so that the
content of a filter change brings them (issue 16: one round trip). The nav (``layouts.shell``)
and the content callback (``callbacks.pages``) read it from ``dash.page_registry``.
"""

from __future__ import annotations

from typing import Any

from dash import html

from callbacks.deals import draw
from data.pagedata.deals import build
from layouts.deals import static
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page

SUBTITLE = N_("Every deal, deadlines and the actions to take today.")

register_page(
    __name__,
    path="/deals",
    name=N_("Deals"),
    title="Deals — CRM Dashboard",
    order=7,
    subtitle=SUBTITLE,
    builder=build,
    render=draw,
    keeps_view=True,  # the Deals tabs: ?view=cold etc. select the table's deals
)


def layout(**query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    lang = page_lang(query)
    return page_frame("Deals", SUBTITLE, *static(lang), lang=lang)
