"""The Forecast and What-if controls only rewrite the URL (``callbacks.forecast``), called as
plain functions: the filters stay, ×1 levers leave the URL, an unchanged URL is not rewritten."""

from __future__ import annotations

from urllib.parse import parse_qs

from callbacks.forecast import calibration_search, whatif_search


def test_calibration_switch_sets_and_removes_prob() -> None:
    on = calibration_search(True, "?stage=Prospect&lang=en")
    assert on is not None and parse_qs(on.lstrip("?")) == {
        "stage": ["Prospect"], "lang": ["en"], "prob": ["calibrated"]}
    assert calibration_search(True, on) is None  # already there: no rewrite
    off = calibration_search(False, on)
    assert off is not None and "prob" not in parse_qs(off.lstrip("?"))


def test_sliders_write_the_levers_that_differ_from_one() -> None:
    new = whatif_search([1.2, 1.0, 0.5, None], "?source=Web", reset=False)
    assert new is not None and parse_qs(new.lstrip("?")) == {
        "source": ["Web"], "wr": ["1.2"], "leads": ["0.5"]}
    assert whatif_search([1.2, 1.0, 0.5, 1.0], new, reset=False) is None
    back = whatif_search([1.2, 1.0, 0.5, 1.0], new, reset=True)
    assert back == "?source=Web"


def test_search_and_content_sends_the_page_drawn_for_a_new_query_string() -> None:
    from dash import no_update

    from callbacks.rewrite import search_and_content

    assert search_and_content("/forecast", None) == (no_update, no_update)
    search, rendered = search_and_content("/no-such-page", "?prob=calibrated")
    assert search == "?prob=calibrated"
    assert rendered == {"path": "/no-such-page", "search": "?prob=calibrated", "content": None}
