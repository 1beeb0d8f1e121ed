"""Pipeline page: What is at stake at each stage, what converts, what is ageing."""

from __future__ import annotations

from typing import Any

import dash
from dash import html

from layouts.page import page_frame

dash.register_page(
    __name__, path="/pipeline", name="Pipeline", title="Pipeline — CRM Dashboard", order=0
)


def layout(**_query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Pipeline", "What is at stake at each stage, what converts, what is ageing.")
