"""Optional login, CSRF protection and API tokens (issue 15 point 3; wiring over ``data.users``).

* **Login** (``AUTH=on``; ``auto`` = on unless the app listens on localhost only): every page,
  Dash callback and API call needs a signed-in session — or, for ``/api/v1``, a bearer token
  (``python -m data user token NAME``). Without one: pages redirect to ``/login``, callbacks and
  the API answer 401. Sessions are Flask's signed cookie (``HttpOnly``, ``SameSite=Lax``,
  ``Secure`` off localhost, 12 hours). Login attempts are rate limited per client address.
* **CSRF** (on with the login, or ``CSRF=on``): a random token lives in the session and in a
  ``_csrf_token`` cookie that page scripts can read. Dash's renderer sends that cookie back as
  ``X-CSRFToken`` on every callback request (its built-in double submit); every POST/PUT/PATCH/
  DELETE must carry it (the login form as a hidden field) and, when the browser says where it
  comes from, come from this origin. A cross-site page can neither read the cookie nor set the
  header, so its POST is refused with 403. Without login on localhost, callbacks already need
  ``Content-Type: application/json``, which a cross-site page cannot send without a CORS
  preflight that this app never grants.
"""

from __future__ import annotations

import hmac
import json
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from dash import Dash
from flask import Flask, Response, g, redirect, render_template_string, request, session
from flask_limiter import Limiter
from werkzeug.wrappers import Response as BaseResponse

from callbacks.context import manager, user_lang
from data import users
from data.config import Settings
from layouts.formatting import Formatter

CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PUBLIC = ("/login", "/healthz", "/readyz", "/_crm/inline/", "/assets/",
           "/_dash-component-suites/", "/_favicon.ico")

_LOGIN_PAGE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ t.sign_in }} — CRM Dashboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/assets/00_bootstrap.min.css"></head>
<body class="bg-light"><main class="container" style="max-width: 24rem; margin-top: 10vh">
<h1 class="h4 mb-3">CRM Dashboard</h1>
{% if message %}<div class="alert alert-danger py-2" id="login-error">{{ message }}</div>{% endif %}
<form method="post" action="/login">
<input type="hidden" name="csrf_token" value="{{ csrf }}">
<input type="hidden" name="next" value="{{ next }}">
<label class="form-label" for="name">{{ t.name }}</label>
<input class="form-control mb-2" id="name" name="name" autocomplete="username" required>
<label class="form-label" for="password">{{ t.password }}</label>
<input class="form-control mb-3" id="password" name="password" type="password"
       autocomplete="current-password" required>
<button class="btn btn-primary w-100" id="login-submit" type="submit">{{ t.sign_in }}</button>
</form></main></body></html>"""

_LOGOUT_PAGE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ t.sign_out }} — CRM Dashboard</title>
<link rel="stylesheet" href="/assets/00_bootstrap.min.css"></head>
<body class="bg-light"><main class="container" style="max-width: 24rem; margin-top: 10vh">
<form method="post" action="/logout"><input type="hidden" name="csrf_token" value="{{ csrf }}">
<button class="btn btn-outline-secondary w-100" id="logout-submit" type="submit">{{ t.sign_out }}
{{ name }}</button></form></main></body></html>"""


def page_words(fmt: Formatter) -> dict[str, str]:
    """The login and logout pages' words in ``fmt``'s language (Jinja escapes them)."""
    return {"sign_in": fmt._("Sign in"), "sign_out": fmt._("Sign out"),
            "name": fmt._("Name"), "password": fmt._("Password"),
            "expired": fmt._("The form expired: sign in again."),
            "wrong": fmt._("Wrong name or password.")}


def _page(template: str, **values: Any) -> str:
    """A login/logout page in the user's language (navbar cookie, else the browser's): no URL
    filter state exists before signing in.
    """
    fmt = Formatter(user_lang())
    return render_template_string(template, lang=fmt.lang, t=page_words(fmt), **values)


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return token


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def _local_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (no open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _refuse(status: int, message: str) -> Response:
    code = "unauthorized" if status == 401 else "forbidden"
    body: dict[str, Any] = {"error": {"status": status, "code": code, "message": message,
                                      "details": []}}
    return Response(json.dumps(body), status=status, mimetype="application/json")


def register(app: Dash, settings: Settings, limiter: Limiter) -> None:
    """Sessions, CSRF, the login gate and the login/logout pages on ``app.server``."""
    server: Flask = app.server
    login_on = settings.auth_enabled
    csrf_on = login_on or settings.csrf_enabled
    secure = not settings.local
    server.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                         SESSION_COOKIE_SECURE=secure,
                         PERMANENT_SESSION_LIFETIME=timedelta(hours=12))

    def gate() -> BaseResponse | None:
        path = request.path
        if csrf_on and request.method in _UNSAFE and path not in ("/login", "/logout"):
            origin = request.headers.get("Origin")
            if origin and urlsplit(origin).netloc != request.host:
                return _refuse(403, "Cross-site request refused.")
            if not _same(request.headers.get(CSRF_HEADER), session.get("csrf")):
                return _refuse(403, "Missing or wrong CSRF token: reload the page.")
        if not login_on or path.startswith(_PUBLIC):
            return None
        if path.startswith("/api/"):
            header = request.headers.get("Authorization", "")
            if header.startswith("Bearer "):
                user = users.token_user(manager().reader, header[7:].strip())
                if user is None:
                    return _refuse(401, "Unknown API token.")
                g.user = user.name
                return None
        if isinstance(session.get("user"), str):
            g.user = session["user"]
            return None
        if path.startswith("/api/") or path.startswith("/_dash-") or request.method != "GET":
            return _refuse(401, "Sign in first (or send an API token: Authorization: Bearer).")
        return redirect(f"/login?next={request.full_path.rstrip('?')}", code=302)

    def csrf_cookie(response: Response) -> Response:
        if csrf_on and not request.path.startswith("/api/"):
            token = csrf_token()
            if request.cookies.get(CSRF_COOKIE) != token:
                response.set_cookie(CSRF_COOKIE, token, secure=secure, httponly=False,
                                    samesite="Strict", path="/")
        return response

    def login() -> BaseResponse | str | tuple[str, int]:
        if request.method == "GET":
            return _page(_LOGIN_PAGE, csrf=csrf_token(), message="",
                         next=_local_next(request.args.get("next")))
        target = _local_next(request.form.get("next"))
        if not _same(request.form.get("csrf_token"), session.get("csrf")):
            words = page_words(Formatter(user_lang()))
            return _page(_LOGIN_PAGE, csrf=csrf_token(), next=target,
                         message=words["expired"]), 403
        user = users.authenticate(manager().reader, request.form.get("name", "")[:80],
                                  request.form.get("password", "")[:1000])
        if user is None:
            words = page_words(Formatter(user_lang()))
            return _page(_LOGIN_PAGE, csrf=csrf_token(), next=target,
                         message=words["wrong"]), 401
        session.clear()  # a new session on sign-in (no fixation)
        session.permanent = True
        session["user"] = user.name
        csrf_token()
        return redirect(target, code=303)

    def logout() -> BaseResponse | str:
        if request.method == "GET":
            return _page(_LOGOUT_PAGE, csrf=csrf_token(), name=session.get("user", ""))
        if not _same(request.form.get("csrf_token"), session.get("csrf")):
            return _refuse(403, "Missing or wrong CSRF token: reload the page.")
        session.clear()
        return redirect("/login", code=303)

    if login_on or csrf_on:
        server.before_request(gate)
        server.after_request(csrf_cookie)
    if login_on:
        limited = limiter.limit(settings.rate_limit_login, methods=["POST"])
        server.add_url_rule("/login", "crm_login", limited(login), methods=["GET", "POST"])
        server.add_url_rule("/logout", "crm_logout", logout, methods=["GET", "POST"])
