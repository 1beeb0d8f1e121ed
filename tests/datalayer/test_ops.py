"""Operations (issue 15 point 2): probes, request ids, JSON logs, no migration on start in
production.

* ``/healthz`` is 200; ``/readyz`` is 200 on a migrated database with a working cache (SQLite and
  PostgreSQL), 503 naming the check when the schema is behind (then 200 after
  ``python -m data migrate``) or when the cache (Redis) cannot be reached.
* ``X-Request-ID``: a sane inbound id is echoed, a missing or malformed one replaced; the access
  log line is JSON and carries the id.
* Off localhost the web process does not migrate (``create_app`` and gunicorn's ``on_starting``);
  on localhost it does, and ``MIGRATE_ON_START`` overrides both defaults.
"""

from __future__ import annotations

import io
import json
import logging
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from callbacks.ops import JsonFormatter, RequestIdFilter
from data.config import load_settings
from data.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-test-secret-that-is-long-enough-0123456789"


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_probes_on_a_migrated_database(app_settings: Any) -> None:
    from app import create_app

    client = create_app(app_settings).server.test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.get_json()
    assert ready.get_json()["checks"] == {"database": "ok", "migrations": "ok", "cache": "ok"}


def test_readyz_says_not_ready_while_migrations_are_behind(tmp_path: Path) -> None:
    from app import create_app

    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    settings = load_settings(database_url=url, cache_dir=str(tmp_path / "cache"), redis_url=None,
                             host="0.0.0.0", secret_key=SECRET, auth="off")
    client = create_app(settings).server.test_client()
    assert "imports" not in _tables(url)  # the web process did not migrate
    behind = client.get("/readyz")
    assert behind.status_code == 503
    assert "python -m data migrate" in behind.get_json()["checks"]["migrations"]
    done = subprocess.run([sys.executable, "-m", "data", "migrate"], cwd=ROOT,
                          env={**os.environ, "DATABASE_URL": url}, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert client.get("/readyz").status_code == 200


def test_readyz_names_an_unreachable_cache(tmp_path: Path, db_url: str) -> None:
    from app import create_app

    settings = load_settings(database_url=db_url, cache_dir=str(tmp_path / "cache"),
                             redis_url="redis://127.0.0.1:9/0")  # nothing listens there
    response = create_app(settings).server.test_client().get("/readyz")
    assert response.status_code == 503
    checks = response.get_json()["checks"]
    assert checks["database"] == "ok" and checks["cache"] != "ok"


def test_request_id_in_and_out_and_in_the_json_log(app_settings: Any) -> None:
    from app import create_app

    client = create_app(app_settings).server.test_client()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    access = logging.getLogger("crm.access")
    access.addHandler(handler)
    level = access.level
    access.setLevel(logging.INFO)
    try:
        echoed = client.get("/api/v1/imports", headers={"X-Request-ID": "lb-42.a:b"})
        replaced = client.get("/api/v1/imports", headers={"X-Request-ID": "no spaces<>"})
        made = client.get("/api/v1/imports")
    finally:
        access.removeHandler(handler)
        access.setLevel(level)
    assert echoed.headers["X-Request-ID"] == "lb-42.a:b"
    assert replaced.headers["X-Request-ID"] not in ("", "no spaces<>")
    assert made.headers["X-Request-ID"] != replaced.headers["X-Request-ID"]
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    first = next(entry for entry in lines if entry["request_id"] == "lb-42.a:b")
    assert first["path"] == "/api/v1/imports" and first["status"] == 200
    assert first["method"] == "GET" and first["level"] == "info" and "duration_ms" in first
    assert {e["request_id"] for e in lines} >= {made.headers["X-Request-ID"]}


@pytest.mark.parametrize(("host", "switch", "expected"), [
    ("127.0.0.1", "auto", True), ("0.0.0.0", "auto", False),
    ("0.0.0.0", "on", True), ("localhost", "off", False),
])
def test_migrate_on_start_defaults(host: str, switch: str, expected: bool) -> None:
    assert load_settings(host=host, migrate_on_start=switch).migrates_on_start is expected


def test_gunicorn_master_does_not_migrate_off_localhost(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'prod.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("SECRET_KEY", SECRET)
    monkeypatch.delenv("MIGRATE_ON_START", raising=False)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level  # on_starting configures JSON logging
    try:
        runpy.run_path(str(ROOT / "gunicorn.conf.py"))["on_starting"](None)
        assert "imports" not in _tables(url)
        monkeypatch.setenv("MIGRATE_ON_START", "on")
        runpy.run_path(str(ROOT / "gunicorn.conf.py"))["on_starting"](None)
        assert "imports" in _tables(url)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
