"""Celery worker entry: ``celery -A callbacks.worker worker`` (with ``REDIS_URL`` set).

The worker builds the same app as the web processes (``app.default_app``, from the same
environment), which registers every background callback as a Celery task on the app's
``CeleryManager``; ``celery`` is that Celery app. Importing this module touches nothing: the
app is built when Celery first asks for ``celery`` (PEP 562), like ``app.server``.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    """``celery`` / ``app``: the Celery app of the default Dash app, built on first access."""
    if name in ("celery", "app"):
        from app import default_app

        manager = default_app().server.extensions["crm"]["background"]
        handle = getattr(manager, "handle", None)
        if handle is None:
            raise RuntimeError("REDIS_URL is not set: background callbacks run in the web "
                               "process (diskcache); no Celery worker is needed")
        return handle
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
