"""Forecast page: Likely, worst and best revenue at 30, 60 and 90 days."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts.page import page_frame

dash.register_page(
    __name__, path="/forecast", name="Forecast", title="Forecast — CRM Dashboard", order=0
)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Forecast", "Likely, worst and best revenue at 30, 60 and 90 days.")
