"""Deals page: Every deal, deadlines and the actions to take today."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts.deals import static
from layouts.page import page_frame

dash.register_page(__name__, path="/deals", name="Deals", title="Deals — CRM Dashboard", order=0)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Deals", "Every deal, deadlines and the actions to take today.", *static())
