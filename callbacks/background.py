"""The background-callback manager: Celery with ``REDIS_URL``, else diskcache (one host).

With ``REDIS_URL`` set, background callbacks (the import dialog's preview and import) run on a
Celery worker (``celery -A callbacks.worker worker``) through Dash's ``CeleryManager``; jobs,
progress and results live in Redis, so any web process on any host can follow any import
(the job handles are signed with the shared ``SECRET_KEY``). Celery's messages and Dash's
results are JSON (no pickle is accepted). Without Redis, the ``DiskcacheManager`` runs jobs in
a local process (one host only) and keeps their results as HMAC-sealed JSON (``signed_disk``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dash import CeleryManager, DiskcacheManager

from data.config import Settings
from data.signed_disk import background_cache


def celery_app(settings: Settings) -> Any:
    """A Celery app on ``REDIS_URL`` (broker and result backend), JSON only."""
    from celery import Celery

    app = Celery("crm-dashboard", broker=settings.redis_url, backend=settings.redis_url)
    app.conf.update(
        task_serializer="json", result_serializer="json", accept_content=["json"],
        result_accept_content=["json"], result_expires=6 * 3600,
        worker_prefetch_multiplier=1, task_acks_late=False,
        broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
    )
    return app


def background_manager(settings: Settings) -> Any:
    """``CeleryManager`` when ``REDIS_URL`` is set, else a ``DiskcacheManager`` under
    ``CACHE_DIR``.
    """
    if settings.redis_url:
        return CeleryManager(celery_app(settings))  # type: ignore[no-untyped-call]
    Path(settings.cache_dir).mkdir(parents=True, exist_ok=True)
    return DiskcacheManager(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        background_cache(str(Path(settings.cache_dir) / "background"),
                         settings.cache_key or settings.secret_key))
