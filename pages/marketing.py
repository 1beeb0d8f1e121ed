"""Marketing page: Where deals come from and which sources convert into revenue."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts.page import page_frame

dash.register_page(
    __name__, path="/marketing", name="Marketing", title="Marketing — CRM Dashboard", order=0
)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Marketing", "Where deals come from and which sources convert into revenue.")
