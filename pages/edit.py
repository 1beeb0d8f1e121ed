"""Pipeline editor page (issue 14): deals kept in the app, their timeline, reminders.

The one declaration of the page (see ``pages/home.py``). Its parts are filled by
``callbacks.edit``, so it declares no builder: the content callback leaves it alone.
"""

from __future__ import annotations

from typing import Any

from dash import html

from layouts.edit import static
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page

SUBTITLE = N_("Keep your pipeline in the app: add and edit deals, log calls and meetings, see "
            "what needs attention today.")

register_page(
    __name__,
    path="/edit",
    name=N_("Editor"),
    title="Pipeline editor — CRM Dashboard",
    order=8,
    subtitle=SUBTITLE,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the editor's callbacks fill it."""
    lang = page_lang(query)
    return page_frame("Editor", SUBTITLE, static(lang), lang=lang)
