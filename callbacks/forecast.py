"""Forecast and What-if controls → the URL (issue 12), with the page drawn for it.

The calibration switch and the what-if sliders write their value into the query string
(``FilterState`` page options), so a scenario is a link and back/forward restore it; the
content for the new query string goes out in the same response
(``rewrite.search_and_content``, one round trip per change as for the filter bar, issue 16).
"""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update

from callbacks.context import state_from_search
from callbacks.rewrite import search_and_content
from data.metrics.whatif import QUERY_KEYS
from layouts.ids import Forecast, Shell, WhatIf

#: The slider of each lever, in ``QUERY_KEYS`` order.
_SLIDERS = (WhatIf.WIN_RATE, WhatIf.DEAL_SIZE, WhatIf.LEAD_VOLUME, WhatIf.CYCLE_LENGTH)


def calibration_search(calibrated: bool | None, search: str | None) -> str | None:
    """The query string with ``prob=calibrated`` set or removed (None: unchanged)."""
    state = state_from_search(search)
    new = state.with_options(prob="calibrated" if calibrated else None).search()
    return None if new == (search or "") else new


def whatif_search(values: list[float | None], search: str | None, reset: bool) -> str | None:
    """The query string carrying the sliders' multipliers (×1 left out; None: unchanged)."""
    state = state_from_search(search)
    options: dict[str, str | None] = {}
    for key, value in zip(QUERY_KEYS.values(), values, strict=True):
        options[key] = None if reset or value is None or float(value) == 1.0 else f"{value:g}"
    new = state.with_options(**options).search()
    return None if new == (search or "") else new


def register(app: Dash) -> None:
    """Register the switch and slider callbacks on ``app``."""

    @app.callback(
        Output(Shell.URL, "search", allow_duplicate=True),
        Output(Shell.RENDERED, "data", allow_duplicate=True),
        Input(Forecast.CALIBRATED, "value"),
        State(Shell.URL, "search"),
        State(Shell.URL, "pathname"),
        prevent_initial_call=True,
    )
    def switch_probabilities(calibrated: bool | None, search: str | None,
                             pathname: str | None) -> Any:
        """Forecast with the calibrated probabilities, or the configured ones."""
        return search_and_content(pathname, calibration_search(calibrated, search))

    @app.callback(
        Output(Shell.URL, "search", allow_duplicate=True),
        Output(Shell.RENDERED, "data", allow_duplicate=True),
        *[Output(slider, "value") for slider in _SLIDERS],
        *[Input(slider, "value") for slider in _SLIDERS],
        Input(WhatIf.RESET, "n_clicks"),
        State(Shell.URL, "search"),
        State(Shell.URL, "pathname"),
        prevent_initial_call=True,
    )
    def move_levers(*args: Any) -> Any:
        """Write the scenario into the URL (a scenario is a link) and draw it; "Back to
        today" also puts the sliders back to ×1 (the page frame is not redrawn).
        """
        values, (search, pathname) = list(args[: len(_SLIDERS)]), args[-2:]
        reset = ctx.triggered_id == WhatIf.RESET
        sliders = [1.0] * len(_SLIDERS) if reset else [no_update] * len(_SLIDERS)
        return (*search_and_content(pathname, whatif_search(values, search, reset=reset)),
                *sliders)
