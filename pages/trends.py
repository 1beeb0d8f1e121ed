"""Trends page: what moved between snapshots, the pipeline week by week, time in stage.

The one declaration of the page (issue 12, point 4): it reads the snapshots of the shown
import's dataset (``data.snapshots.NEEDS["trends"]``).
"""

from __future__ import annotations

from typing import Any

from dash import html

from data.pagedata.trends import build
from layouts.i18n import N_
from layouts.page import page_frame, page_lang, register_page
from layouts.trends import body

SUBTITLE = N_("What moved since an earlier snapshot, the pipeline week by week, time in stage.")

register_page(
    __name__,
    path="/trends",
    name=N_("Trends"),
    title="Trends — CRM Dashboard",
    order=2,
    subtitle=SUBTITLE,
    builder=build,
    render=body,
)


def layout(**query: Any) -> html.Div:
    """Page frame; the content callback fills it from the filters in the URL."""
    return page_frame("Trends", SUBTITLE, lang=page_lang(query))
