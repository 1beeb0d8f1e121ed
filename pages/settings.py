"""Settings page: Stage probabilities, pipeline order and the imports kept."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts.page import page_frame
from layouts.settings import static

dash.register_page(
    __name__, path="/settings", name="Settings", title="Settings — CRM Dashboard", order=0
)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame(
        "Settings", "Stage probabilities, pipeline order and the imports kept.", static()
    )
