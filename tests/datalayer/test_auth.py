"""Optional login, CSRF and API tokens (issue 15 point 3), on SQLite and PostgreSQL.

Login on: every registered page, Dash's own endpoints, a real callback request and every API
route are refused without a session (pages redirect to the login, the rest answer 401), and
allowed with one. API tokens work for the API only. A cross-site POST (no CSRF header, or
another Origin) is refused even with a session; the login form checks its token too. Wrong
passwords are refused and login attempts throttled; ``next=`` never leaves the site; cookies
are HttpOnly/SameSite and Secure off localhost.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import dash
import pytest
from dash_payloads import content_body
from sqlalchemy import Engine

from data import writes
from data.importer import import_file
from data.sample import sample_csv_bytes

PASSWORD = "correct horse battery staple"
SECRET = "a-test-secret-that-is-long-enough-0123456789"




@pytest.fixture
def secured(app_settings: Any, engine: Engine) -> Any:
    from app import create_app

    import_file(engine, sample_csv_bytes(date(2026, 11, 23)), "sample.csv")
    writes.add_user(engine, "ann", PASSWORD)
    return create_app(replace(app_settings, auth="on", rate_limit_login="5/minute"))


def _api_paths() -> list[str]:
    return [
        "/api/v1/kpis", "/api/v1/deals", "/api/v1/imports", "/api/v1/openapi.json",
        *(f"/api/v1/pages/{p['module'].rsplit('.', 1)[-1]}"
          for p in dash.page_registry.values() if p.get("builder") is not None)]


def sign_in(client: Any, name: str = "ann", password: str = PASSWORD) -> Any:
    client.get("/login")
    token = client.get_cookie("_csrf_token").value
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": token, "next": "/pipeline"})


def test_without_a_session_everything_is_refused(secured: Any) -> None:
    client = secured.server.test_client()
    for page in dash.page_registry.values():
        response = client.get(page["path"])
        assert response.status_code == 302, page["path"]
        assert response.headers["Location"].startswith("/login?next=")
    for path in ("/_dash-layout", "/_dash-dependencies"):
        assert client.get(path).status_code == 401, path
    refused = client.post("/_dash-update-component", json=content_body(secured, "/", ""))
    assert refused.status_code in (401, 403)
    for path in _api_paths():
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.get_json()["error"]["code"] == "unauthorized"
    assert client.get("/healthz").status_code == 200  # probes stay open
    assert client.get("/login").status_code == 200


def test_with_a_session_everything_is_allowed(secured: Any) -> None:
    client = secured.server.test_client()
    signed = sign_in(client)
    assert signed.status_code == 303 and signed.headers["Location"] == "/pipeline"
    for page in dash.page_registry.values():
        assert client.get(page["path"]).status_code == 200, page["path"]
    csrf = client.get_cookie("_csrf_token").value
    response = client.post("/_dash-update-component", json=content_body(secured, "/", ""),
                           headers={"X-CSRFToken": csrf})
    assert response.status_code == 200
    assert "kpi-deals" in response.get_data(as_text=True)
    for path in _api_paths():
        assert client.get(path).status_code == 200, path
    client.post("/logout", data={"csrf_token": csrf})
    assert client.get("/api/v1/kpis").status_code == 401


def test_api_tokens_open_the_api_only(secured: Any, engine: Engine) -> None:
    token = writes.create_token(engine, "ann")
    client = secured.server.test_client()
    auth = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/kpis", headers=auth).status_code == 200
    assert client.get("/api/v1/kpis", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert client.get("/", headers=auth).status_code == 302  # pages need a session
    with pytest.raises(LookupError):
        writes.create_token(engine, "nobody")


def test_cross_site_posts_are_refused(secured: Any) -> None:
    client = secured.server.test_client()
    sign_in(client)
    csrf = client.get_cookie("_csrf_token").value
    body = content_body(secured, "/", "")
    assert client.post("/_dash-update-component", json=body).status_code == 403
    wrong = client.post("/_dash-update-component", json=body, headers={"X-CSRFToken": "x" * 43})
    assert wrong.status_code == 403
    evil = client.post("/_dash-update-component", json=body,
                       headers={"X-CSRFToken": csrf, "Origin": "https://evil.example"})
    assert evil.status_code == 403
    same = client.post("/_dash-update-component", json=body,
                       headers={"X-CSRFToken": csrf, "Origin": "http://localhost"})
    assert same.status_code == 200
    # the login form is checked too: a cross-site form cannot sign a victim in
    other = secured.server.test_client()
    forged = other.post("/login", data={"name": "ann", "password": PASSWORD,
                                        "csrf_token": "forged"})
    assert forged.status_code == 403 and other.get("/api/v1/kpis").status_code == 401


def test_wrong_passwords_and_throttling(secured: Any) -> None:
    client = secured.server.test_client()
    secured.server.extensions["crm"]["limiter"].reset()
    assert sign_in(client, password="wrong password!").status_code == 401
    assert sign_in(client, name="nobody").status_code == 401
    codes = [sign_in(client, password="wrong again!!").status_code for _ in range(4)]
    assert codes[-1] == 429
    assert 429 in codes and client.get("/api/v1/kpis").status_code == 401
    secured.server.extensions["crm"]["limiter"].reset()


def test_next_never_leaves_the_site(secured: Any) -> None:
    client = secured.server.test_client()
    client.get("/login")
    token = client.get_cookie("_csrf_token").value
    for target in ("//evil.example/x", "https://evil.example", "/\\evil.example"):
        response = client.post("/login", data={"name": "ann", "password": PASSWORD,
                                               "csrf_token": token, "next": target})
        assert response.headers["Location"] == "/", target
        token = client.get_cookie("_csrf_token").value


def test_cookies_are_http_only_and_secure_off_localhost(app_settings: Any, engine: Engine) -> None:
    from app import create_app

    writes.add_user(engine, "ann", PASSWORD)
    settings = replace(app_settings, host="0.0.0.0", secret_key=SECRET, auth="auto")
    client = create_app(settings).server.test_client()
    page = client.get("/login", base_url="https://localhost")
    assert "Secure" in page.headers["Set-Cookie"]
    token = client.get_cookie("_csrf_token", domain="localhost").value
    signed = client.post("/login", base_url="https://localhost",
                         data={"name": "ann", "password": PASSWORD, "csrf_token": token})
    assert signed.status_code == 303
    session_cookie = next(c for c in signed.headers.getlist("Set-Cookie")
                          if c.startswith("session="))
    assert "HttpOnly" in session_cookie and "Secure" in session_cookie
    assert "SameSite=Lax" in session_cookie
