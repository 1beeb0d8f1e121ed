"""Hardened HTTP (issue 15 point 4): headers, the secret key rule, rate limits.

* Every response (page, API, asset) carries the CSP and the other security headers; HSTS only
  over HTTPS (directly, or through one trusted proxy with ``PROXY_FIX=1``).
* Off localhost without a ``SECRET_KEY`` the app refuses to start — ``create_app`` in a fresh
  interpreter and gunicorn's master alike — saying what to set; with one it starts.
* Rate limits: the API's (JSON 429 with ``Retry-After``), counted across two web processes
  through Redis; the file drop of the import dialog (and not its job polls).
"""

from __future__ import annotations

import logging
import os
import re
import runpy
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from data.config import ConfigError, load_settings

ROOT = Path(__file__).resolve().parents[2]
SECRET = "a-test-secret-that-is-long-enough-0123456789"
REDIS_URL = "redis://127.0.0.1:6379/11"


def test_security_headers_on_pages_api_and_assets(app_settings: Any) -> None:
    from app import create_app

    client = create_app(app_settings).server.test_client()
    for path in ("/", "/pipeline", "/api/v1/imports", "/api/v1/openapi.json", "/healthz",
                 "/assets/app.css"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "frame-ancestors 'none'" in csp, path
        assert "object-src 'none'" in csp and "'unsafe-eval'" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "Strict-Transport-Security" not in headers  # plain HTTP
    assert "max-age=" in client.get("/", base_url="https://localhost").headers[
        "Strict-Transport-Security"]


def test_hsts_through_a_trusted_proxy_only(app_settings: Any) -> None:
    from app import create_app

    forwarded = {"X-Forwarded-Proto": "https"}
    direct = create_app(app_settings).server.test_client()
    assert "Strict-Transport-Security" not in direct.get("/healthz", headers=forwarded).headers
    proxied = create_app(replace(app_settings, proxy_fix=True)).server.test_client()
    assert "Strict-Transport-Security" in proxied.get("/healthz", headers=forwarded).headers


def test_inline_scripts_are_served_from_the_app(app_settings: Any) -> None:
    from app import create_app

    client = create_app(app_settings).server.test_client()
    html = client.get("/").get_data(as_text=True)
    assert "new DashRenderer" not in html and "<script>" not in html
    sources = re.findall(r'src="(/_crm/inline/[0-9a-f]+\.js)"', html)
    assert len(sources) >= 1
    bodies = [client.get(src).get_data(as_text=True) for src in sources]
    assert any("new DashRenderer" in body for body in bodies)
    # another web process (not having rendered the page) serves the same URLs
    other = create_app(app_settings).server.test_client()
    assert [other.get(src).get_data(as_text=True) for src in sources] == bodies
    assert other.get("/_crm/inline/" + "0" * 32 + ".js").status_code == 404


def _start(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
            "CACHE_DIR": str(tmp_path / "cache"), "HOST": "0.0.0.0", **env}
    full.pop("REDIS_URL", None)
    if "SECRET_KEY" not in env:
        full.pop("SECRET_KEY", None)
    return subprocess.run([sys.executable, "-c", "import app; app.server; print('started')"],
                          cwd=ROOT, env=full, capture_output=True, text=True, timeout=120,
                          check=False)


def test_the_app_refuses_to_start_off_localhost_without_a_secret(tmp_path: Path) -> None:
    refused = _start({}, tmp_path)
    assert refused.returncode != 0
    assert "SECRET_KEY is required" in refused.stderr and "started" not in refused.stdout
    short = _start({"SECRET_KEY": "short"}, tmp_path)
    assert short.returncode != 0 and "SECRET_KEY is required" in short.stderr
    started = _start({"SECRET_KEY": SECRET, "MIGRATE_ON_START": "on"}, tmp_path)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "started"


def test_gunicorn_refuses_before_forking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'g.sqlite3'}")
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        with pytest.raises(ConfigError, match="SECRET_KEY"):
            runpy.run_path(str(ROOT / "gunicorn.conf.py"))["on_starting"](None)
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def test_localhost_keeps_the_development_secret() -> None:
    from data.config import check_for_start

    check_for_start(load_settings(host="127.0.0.1"))  # no error: the one-founder setup


def test_api_rate_limit_is_shared_by_two_web_processes(db_url: str, tmp_path: Path) -> None:
    from app import create_app

    settings = load_settings(database_url=db_url, cache_dir=str(tmp_path / "cache"),
                             redis_url=REDIS_URL, rate_limit_api="3/minute")
    first, second = create_app(settings), create_app(settings)
    limiter = first.server.extensions["crm"]["limiter"]
    limiter.reset()
    answers = [app.server.test_client().get("/api/v1/imports")
               for app in (first, second, first, second)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    body = answers[-1].get_json()
    assert body["error"]["status"] == 429 and body["error"]["message"]
    assert int(answers[-1].headers["Retry-After"]) > 0
    limiter.reset()


def test_file_drops_are_rate_limited_but_not_their_polls(app_settings: Any) -> None:
    from app import create_app

    app = create_app(replace(app_settings, rate_limit_upload="2/minute"))
    client = app.server.test_client()
    drop = {"output": "..import-preview.children...", "inputs": [
        {"id": "import-uploaded", "property": "data", "value": None}]}
    codes = [client.post("/_dash-update-component", json=drop).status_code for _ in range(3)]
    assert codes[:2] != [429, 429] and codes[2] == 429
    poll = client.post("/_dash-update-component?cacheKey=abc&job=1", json=drop)
    assert poll.status_code != 429
    other = {"output": "page-content.children", "inputs": []}
    assert client.post("/_dash-update-component", json=other).status_code != 429
