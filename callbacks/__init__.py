"""Callbacks, grouped by page; ``register_callbacks`` binds them all to one app."""

from __future__ import annotations

from dash import Dash

from callbacks import (
    api,
    deals,
    edit,
    exports,
    filters,
    forecast,
    ops,
    pages,
    report,
    settings,
    shell,
    upload,
)


def register_callbacks(app: Dash) -> None:
    """Register every callback on ``app`` (a fresh app per test gets its own)."""
    for module in (ops, filters, upload, pages, deals, settings, forecast, edit, exports, report,
                   api, shell):
        module.register(app)
