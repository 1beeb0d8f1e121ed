"""Global callback error handler: log the traceback on the server, show a short message.

Bad input must never produce a crash page or a stack trace in the browser (DEVELOPERS.md): any
exception a callback did not handle itself leaves the page as it was (no update) and puts a
plain sentence in the notice area.
"""

from __future__ import annotations

import logging

import dash_bootstrap_components as dbc
from dash import set_props

from callbacks.context import user_lang
from layouts.formatting import Formatter
from layouts.ids import Shell

log = logging.getLogger("crm.callbacks")


def _lang() -> str:
    """The user's language; English when even that cannot be read (the app context is gone)."""
    try:
        return user_lang()
    except Exception:  # noqa: BLE001 - the notice must still be shown
        return "en"


def report_callback_error(error: Exception) -> None:
    """``Dash(on_error=...)``: returning None keeps every output unchanged."""
    log.error("callback failed", exc_info=error)
    try:
        set_props(
            Shell.NOTICE,
            {
                "children": dbc.Alert(
                    Formatter(_lang())._(
                        "Something went wrong while updating this view; it was logged on the "
                        "server. Reload the page or reset the filters."),
                    color="danger",
                    dismissable=True,
                    className="py-1 px-2 small mt-2 mb-0",
                    id="callback-error",
                )
            },
        )
    except Exception:  # noqa: BLE001 - outside a callback context there is nothing to update
        log.debug("could not show the error notice", exc_info=True)
