"""Pipeline page: what is at stake at each stage, what converts, what is ageing.

The one declaration of the page: where it lives, its title and place in the navbar, the
builder of its data (``data.pagedata.pipeline``) and the layout that draws it. The nav
(``layouts.shell``) and the content callback (``callbacks.pages``) read it from
``dash.page_registry``.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.pipeline import build
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page
from layouts.pipeline import body

SUBTITLE = N_("What is at stake at each stage, what converts, what is ageing.")

register_page(
    __name__,
    path="/pipeline",
    name=N_("Pipeline"),
    title="Pipeline — CRM Dashboard",
    order=1,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Pipeline", SUBTITLE, lang=page_lang(query))
