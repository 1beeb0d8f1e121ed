"""Background jobs (the PDF report, the import dialog's preview and import): one wrapper.

A background callback runs in another process (diskcache) or on a Celery worker: it needs the
app's context, must not reuse the parent's pooled connections, and an error it did not expect
is logged in full on the server while the user reads one short sentence, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from dash.exceptions import PreventUpdate
from flask import Flask

from callbacks import write_door
from data.batch import yield_cpu

log = logging.getLogger(__name__)

T = TypeVar("T")


def run_job(
    server: Flask,
    work: Callable[[], T],
    failed: Callable[[str], T],
    *,
    what: str,
    message: str,
    expected: tuple[type[Exception], ...] = (),
) -> T:
    """``work()`` in the app's context on fresh connections; ``failed(text)`` when it raises.

    An ``expected`` error (the user can act on it) is logged as a warning and its own text is
    shown; any other is logged with its traceback and ``message`` is shown. The job's process
    (Dash's job process, or a Celery worker) runs at batch priority (``data.batch``).
    """
    yield_cpu()
    with server.app_context():
        write_door.fresh_connections()
        try:
            return work()
        except PreventUpdate:
            raise
        except expected as error:
            log.warning("%s: %s", what, error)
            return failed(str(error)[:300])
        except Exception:  # noqa: BLE001 - logged in full, the user gets a short message
            log.exception("%s failed", what)
            return failed(message)
