"""The frame of a page body: title, explanation and the content area callbacks fill."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from layouts.components import page_header
from layouts.ids import Page


def page_frame(title: str, subtitle: str, *static: Any) -> html.Div:
    """Header, a loading-wrapped content area (filled from the URL by one callback), then the
    page's static components (tables whose rows come from their own callbacks).
    """
    return html.Div(
        [
            page_header(title, subtitle),
            dcc.Loading(
                html.Div(id=Page.CONTENT, className="page-content"),
                type="default",
                delay_show=300,
                overlay_style={"visibility": "visible", "opacity": 0.5},
            ),
            *static,
        ],
        className="page-frame",
    )
