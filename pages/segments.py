"""Segments page: performance by deal-size band and sector; velocity by stage, source, owner.

The one declaration of the page (issue 12, point 7).
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.segments import build
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page
from layouts.segments import body

SUBTITLE = N_("Which deal sizes and sectors win, and how fast deals move by stage, source, owner.")

register_page(
    __name__,
    path="/segments",
    name=N_("Segments"),
    title="Segments — CRM Dashboard",
    order=4,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Segments", SUBTITLE, lang=page_lang(query))
