"""Home page: Headline indicators, alerts and the short-term forecast."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts.page import page_frame

dash.register_page(__name__, path="/", name="Home", title="CRM Dashboard — Home", order=0)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Home", "Headline indicators, alerts and the short-term forecast.")
