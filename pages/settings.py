"""Settings page: stage probabilities, pipeline order and the imports kept.

The one declaration of the page (see ``pages/home.py``). Its tables are filled by
``callbacks.settings``, so it declares no builder: the content callback leaves it alone.
"""

from __future__ import annotations

from typing import Any

from dash import html

from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page
from layouts.settings import static

SUBTITLE = N_("Stage probabilities, pipeline order and the imports kept.")

register_page(
    __name__,
    path="/settings",
    name=N_("Settings"),
    title="Settings — CRM Dashboard",
    order=9,
    subtitle=SUBTITLE,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the Settings callbacks fill its tables."""
    lang = page_lang(query)
    return page_frame("Settings", SUBTITLE, static(lang), lang=lang, tools=False)
