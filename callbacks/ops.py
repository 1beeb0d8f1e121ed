"""Operations: ``/healthz``, ``/readyz``, a request id on every request, JSON logs (wiring).

* ``/healthz`` answers 200 while the process serves requests (a liveness probe: no database).
* ``/readyz`` answers 200 when the database answers, the shared cache stores and returns a
  value, and the schema is at the migrations' head; else 503 with the failing check named
  (a load balancer then sends no traffic; a deploy runs ``python -m data migrate`` first).
* ``X-Request-ID``: taken from the request when it is a sane token (a proxy's id), else made
  here; echoed on the response and put on every log line written while serving it.
* :func:`configure_logging`: one JSON object per line on stderr (``LOG_FORMAT=text`` for
  people), with the request id, so logs of several web processes can be joined.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from dash import Dash
from flask import Flask, Response, g, has_request_context, request

from callbacks.context import manager
from data.db import schema_state

log = logging.getLogger("crm.access")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
#: Log record attributes that are not extras (everything else a caller passed is written out).
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "request_id"}
_PROBES = ("/healthz", "/readyz")


def request_id() -> str:
    """The id of the request being served ("-" outside a request)."""
    if has_request_context():
        return str(g.get("request_id", "-"))
    return "-"


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (a filter on the handler: all loggers get it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Never drops a record."""
        record.request_id = request_id()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, message, request id, extras, error."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line (values that are not JSON become their ``str``)."""
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str | None = None, fmt: str | None = None) -> None:
    """Root logging to stderr as JSON lines (``LOG_FORMAT=text``: plain lines with the id)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if (fmt or os.environ.get("LOG_FORMAT", "json")).lower() == "text":
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"))
    else:
        handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel((level or os.environ.get("LOG_LEVEL", "INFO")).upper())


def readiness() -> tuple[bool, dict[str, Any]]:
    """Each check's outcome: database reachable, cache round trip, schema at head."""
    checks: dict[str, Any] = {}
    data = manager()
    try:
        state = schema_state(data.reader)
        checks["database"] = "ok"
        checks["migrations"] = ("ok" if state.up_to_date else
                                f"behind: database at {', '.join(state.current) or 'nothing'}, "
                                f"code at {', '.join(state.heads)}; run python -m data migrate")
    except Exception as error:  # noqa: BLE001 - any failure means "not ready", said plainly
        logging.getLogger("crm.ops").warning("readiness: database check failed: %s", error)
        checks["database"] = f"unreachable: {type(error).__name__}"
        checks["migrations"] = "unknown"
    try:
        token = uuid.uuid4().hex
        key = f"crm-readyz-{token}"
        data.cache.set(key, token, timeout=30)
        checks["cache"] = "ok" if data.cache.get(key) == token else "unreachable"
    except Exception as error:  # noqa: BLE001
        logging.getLogger("crm.ops").warning("readiness: cache check failed: %s", error)
        checks["cache"] = f"unreachable: {type(error).__name__}"
    return all(v == "ok" for v in checks.values()), checks


def register(app: Dash) -> None:
    """Request ids, access log lines and the two probes on ``app.server``."""
    server: Flask = app.server

    def start() -> None:
        supplied = request.headers.get("X-Request-ID", "")
        g.request_id = supplied if _REQUEST_ID.fullmatch(supplied) else uuid.uuid4().hex
        g.request_started = time.perf_counter()

    def finish(response: Response) -> Response:
        response.headers["X-Request-ID"] = request_id()
        elapsed = time.perf_counter() - g.get("request_started", time.perf_counter())
        log.log(logging.DEBUG if request.path in _PROBES else logging.INFO, "request",
                extra={"method": request.method, "path": request.path,
                       "status": response.status_code,
                       "duration_ms": round(elapsed * 1000, 1)})
        return response

    def healthz() -> Response:
        return Response(json.dumps({"status": "ok"}), mimetype="application/json")

    def readyz() -> Response:
        ready, checks = readiness()
        body = {"status": "ready" if ready else "not ready", "checks": checks}
        return Response(json.dumps(body), status=200 if ready else 503,
                        mimetype="application/json",
                        headers={"Cache-Control": "no-store"})

    server.before_request(start)
    server.after_request(finish)
    server.add_url_rule("/healthz", "healthz", healthz)
    server.add_url_rule("/readyz", "readyz", readyz)
