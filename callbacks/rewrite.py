"""A page control that writes the query string answers with the page drawn for it (issue 16).

Beside ``callbacks.filters.redraw``, for the controls outside the filter bar (the forecast's
calibration switch, the what-if sliders): one round trip per change, as for the filter bar.
"""

from __future__ import annotations

from typing import Any

from dash import no_update

from callbacks.filters import redraw


def search_and_content(pathname: str | None, search: str | None) -> tuple[Any, Any]:
    """The ``Shell.URL`` search and ``Shell.RENDERED`` values for a new query string.

    ``search`` None (the query string is unchanged): no update for either.
    """
    if search is None:
        return no_update, no_update
    return search, redraw(pathname, search)
