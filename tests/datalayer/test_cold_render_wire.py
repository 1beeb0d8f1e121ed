"""Issue 16: a page computed on a cache miss goes out in the form a hit sends (JSON-ready).

On SQLite and PostgreSQL, with the sample imported: the first render of each page for a
filter state (cold: aggregates computed, stored) returns the decoded JSON of the stored entry,
so Dash does not encode the component tree a second time; a second render (a hit) returns
the same thing.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from dash_payloads import find_text, make_app
from plotly.utils import PlotlyJSONEncoder

from data.importer import import_file
from data.sample import sample_csv_bytes

AS_OF = date(2026, 11, 23)


def _plain(value: Any) -> bool:
    """Whether ``value`` holds only what ``json.loads`` makes (no component, no array)."""
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


@pytest.mark.parametrize("path", ["/", "/pipeline", "/marketing", "/forecast", "/segments"])
def test_a_cold_page_is_sent_as_the_cached_json(app_settings: Any, path: str) -> None:
    from callbacks.pages import render_page

    app = make_app(app_settings)
    import_file(app.server.extensions["crm"]["engine"], sample_csv_bytes(AS_OF), "sample.csv")
    search = f"?stage=Proposition&as_of={AS_OF.isoformat()}"
    with app.server.test_request_context():
        cold = render_page(path, search)
        warm = render_page(path, search)
    assert isinstance(cold, dict) and _plain(cold), type(cold)
    assert cold == warm
    assert json.dumps(cold, cls=PlotlyJSONEncoder) == json.dumps(warm, cls=PlotlyJSONEncoder)
    assert find_text(cold, "context-line") is not None or path != "/"
    app.server.extensions["crm"]["engine"].dispose()
