"""Hardened HTTP (issue 15 point 4): security headers, a CSP with no inline script, rate limits.

* **No inline script.** Dash writes three inline scripts into its index page: the renderer's
  start (``new DashRenderer()``), the code of inline clientside callbacks and an IE warning in a
  conditional comment. :func:`externalize_inline_scripts` turns each into
  ``<script src="/_crm/inline/<sha256>.js">`` (same order, so same behaviour), served by this
  module, so the Content-Security-Policy can say ``script-src 'self'`` with no hash, nonce or
  ``'unsafe-inline'``. ``_dash-config`` is a JSON data block, which CSP does not run.
* **Headers** on every response: CSP (``frame-ancestors 'none'``), ``X-Content-Type-Options``,
  ``X-Frame-Options``, ``Referrer-Policy``, ``Cross-Origin-Opener-Policy``, and HSTS when the
  request came over HTTPS (``PROXY_FIX=1`` trusts one proxy's ``X-Forwarded-Proto``).
* **Rate limits** (Flask-Limiter; Redis storage with ``REDIS_URL``, so every web process counts
  together; memory otherwise): the API, the file drop of the import dialog, and the login.
"""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Any, cast

from dash import Dash
from flask import Blueprint, Flask, Response, abort, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

from callbacks import auth
from data.config import Settings
from layouts.ids import Shell

INLINE_PREFIX = "/_crm/inline/"
#: Styles stay ``'unsafe-inline'``: plotly.js and React components set style elements and
#: attributes at run time (no script can be injected through a style).
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"

_INLINE = re.compile(r"<script(?P<attrs>(?:\s+id=\"_dash-renderer\")?"
                     r"(?:\s+type=\"application/javascript\")?)>(?P<body>.*?)</script>",
                     re.DOTALL)
_IE_WARNING = re.compile(r"<!--\[if IE\]>.*?<!\[endif\]-->", re.DOTALL)


class InlineScripts:
    """The inline scripts of the index page, by content hash (same code → same URLs in every
    worker; a worker that has not rendered the index yet renders it once to find one).
    """

    def __init__(self) -> None:
        self._bodies: dict[str, str] = {}
        self._lock = threading.Lock()

    def externalize(self, html: str) -> str:
        """``html`` with each inline script replaced by a ``src`` one (order kept)."""
        html = _IE_WARNING.sub("", html)

        def swap(match: re.Match[str]) -> str:
            body = match.group("body")
            digest = hashlib.sha256(body.encode("utf-8")).hexdigest()[:32]
            with self._lock:
                self._bodies[digest] = body
            attrs = ' id="_dash-renderer"' if "_dash-renderer" in match.group("attrs") else ""
            return f'<script{attrs} src="{INLINE_PREFIX}{digest}.js"></script>'

        return _INLINE.sub(swap, html)

    def get(self, digest: str) -> str | None:
        """A script's code, or None."""
        with self._lock:
            return self._bodies.get(digest)


def make_limiter(server: Flask, settings: Settings) -> Limiter:
    """Flask-Limiter on ``server``: Redis storage when ``REDIS_URL``, else memory."""
    limiter = Limiter(get_remote_address, app=server,
                      storage_uri=settings.redis_url or "memory://",
                      strategy="moving-window", headers_enabled=True,
                      key_prefix="crm-limits")
    return limiter


def _is_file_drop() -> bool:
    """A callback request that stages a dropped file (not the job polls that follow it)."""
    if request.path != "/_dash-update-component" or "cacheKey" in request.args:
        return False
    head = request.get_data(cache=True)[:4096]
    return Shell.PREVIEW.value.encode() in head and Shell.UPLOADED.value.encode() in head


def register(app: Dash, settings: Settings) -> Limiter:
    """Headers, the externalised scripts and the rate limits on ``app.server``."""
    server: Flask = app.server
    if settings.proxy_fix:
        server.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            server.wsgi_app, x_for=1, x_proto=1, x_host=1)
    scripts = InlineScripts()
    original = app.interpolate_index

    def interpolate_index(**kwargs: Any) -> str:
        return scripts.externalize(original(**kwargs))  # type: ignore[no-untyped-call]

    app.interpolate_index = interpolate_index  # type: ignore[method-assign,assignment]

    def inline_script(digest: str) -> Response:
        body = scripts.get(digest)
        if body is None:
            app.index()  # type: ignore[no-untyped-call]  # this worker has not rendered the page yet: same code, same scripts
            body = scripts.get(digest)
        if body is None:
            abort(404)
        response = Response(body, mimetype="application/javascript")
        response.cache_control.public = True
        response.cache_control.max_age = 31_536_000  # the URL is the content's hash
        response.cache_control.immutable = True
        return response

    server.add_url_rule(f"{INLINE_PREFIX}<digest>.js", "crm_inline_script", inline_script)

    def secure(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        return response

    server.after_request(secure)

    limiter = make_limiter(server, settings)
    if "api_v1" in server.blueprints:  # limits of a blueprint are looked up by its name
        limiter.limit(settings.rate_limit_api)(cast(Blueprint, server.blueprints["api_v1"]))

    def limit_file_drops() -> None:
        if _is_file_drop():
            with limiter.limit(settings.rate_limit_upload, scope="file-drop"):
                pass

    server.before_request(limit_file_drops)
    server.extensions.setdefault("crm", {})["limiter"] = limiter
    auth.register(app, settings, limiter)
    return limiter
