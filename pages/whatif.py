"""What-if page: the forecast under a scenario of win rate, deal size, lead volume and cycle.

The one declaration of the page (issue 12, point 5); the scenario is in the URL, so a
scenario is a link.
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.whatif import build
from layouts.formatting import Formatter
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page
from layouts.whatif import body, controls

SUBTITLE = N_("Move the levers: the 30/60/90-day forecast and this quarter against today's.")

register_page(
    __name__,
    path="/what-if",
    name=N_("What-if"),
    title="What-if — CRM Dashboard",
    order=6,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame with the sliders (set from the URL); the content callback fills the rest."""
    lang = page_lang(query)
    return page_frame("What-if", SUBTITLE, controls=controls(query, Formatter(lang)), lang=lang)
