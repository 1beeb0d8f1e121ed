"""Gunicorn settings for ``gunicorn app:server`` (read from the working directory).

The worker timeout follows the database statement timeout of web requests
(``STATEMENT_TIMEOUT_MS``, see ``data.db.make_engine``): a slow query is cancelled by PostgreSQL
and reported as an error page well before gunicorn would kill the worker, and a killed worker
never leaves its query running in the database. Every value can be overridden on the command
line or with the environment variables named here.

With ``MIGRATE_ON_START`` on (the default when ``HOST`` is localhost), the master migrates the
schema once before it forks (``on_starting``): workers build the app against a schema already at
head, instead of racing to create it on a fresh database. Off localhost the default is off: a
deploy runs ``python -m data migrate`` once, before starting the web processes, and ``/readyz``
answers 503 while the schema is behind. Logs are JSON lines with the request id
(``callbacks.ops.configure_logging``; ``LOG_FORMAT=text`` for plain lines).
"""

from __future__ import annotations

import os

# One BLAS thread per worker (read when numpy loads, so before the imports below): the
# workers and their threads already fill the cores, and OpenBLAS's own threads then spin
# waiting for a core; the forecast's sums are exact, so its figures do not change
# (``data.metrics.forecast.simulated_revenue``).
for _blas in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_blas, "1")

from typing import Any  # noqa: E402

from callbacks.ops import configure_logging  # noqa: E402
from data.config import LOCAL_HOSTS, check_for_start, load_settings  # noqa: E402
from data.db import make_engine, migrate  # noqa: E402

_settings = load_settings()

bind = os.environ.get("GUNICORN_BIND", f"{_settings.host}:{_settings.port}")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
#: Threads per worker: a page view that waits on the database or the cache does not hold up
#: the other users of its worker (the data manager and the caches are thread-safe).
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
#: Statement timeout plus a margin for rendering: the database gives up first.
timeout = int(os.environ.get("GUNICORN_TIMEOUT",
                             str(max(30, _settings.statement_timeout_ms // 1000 + 15))))
graceful_timeout = 10
keepalive = 5
#: A worker is replaced after this many requests (bounded memory growth, no restart storms).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500


def post_fork(_server: Any, _worker: Any) -> None:
    """Each worker writes the same JSON lines as the master."""
    configure_logging()


def public_host(binds: list[str]) -> str | None:
    """The first address gunicorn listens on that is not this machine only, if any."""
    for address in binds:
        if address.startswith(("unix:", "fd://")):
            continue
        host = address.rsplit(":", 1)[0] if ":" in address else address
        host = host.strip("[]") or "0.0.0.0"
        if host not in LOCAL_HOSTS:
            return host
    return None


def on_starting(server: Any) -> None:
    """Migrate once, in the master, before any worker loads the app (when configured to).

    The "off localhost" rules (login, a real ``SECRET_KEY``, no migration on start) follow
    where gunicorn really listens: ``gunicorn -b 0.0.0.0:8000`` with ``HOST`` unset would
    otherwise run as the one-founder laptop setup. The workers inherit ``HOST``.
    """
    configure_logging()
    settings = _settings
    binds = list(getattr(getattr(server, "cfg", None), "bind", None) or [bind])
    public = public_host(binds)
    if public is not None and settings.local:
        os.environ["HOST"] = public
        settings = load_settings()
    check_for_start(settings)  # refuse before forking: no worker would start either
    if not settings.migrates_on_start:
        return
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
    finally:
        engine.dispose()  # no connection inherited by the forked workers
