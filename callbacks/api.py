"""Routes of the read-only JSON API ``/api/v1/…`` (wiring only: payloads are in ``data.api``).

Each route hands the raw query string to a pure payload builder and writes its result, or the
:class:`data.api.ApiError` it raised, as JSON. The page routes are read from
``dash.page_registry`` (the one declaration of each page), so a new page with a builder gets
its ``/api/v1/pages/<name>`` route and its OpenAPI entry without a change here. Any other
failure is logged with its traceback and answered with a short JSON 500, never a stack trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import dash
from dash import Dash
from flask import Blueprint, Flask, Response, request
from werkzeug.exceptions import HTTPException

from callbacks.context import manager, settings
from data import api, metrics, openapi

log = logging.getLogger("crm.api")

PREFIX = "/api/v1"


def json_response(payload: Any, status: int = 200) -> Response:
    """``payload`` as UTF-8 JSON (NaN written as null, as ``metrics.to_json`` does)."""
    body = json.dumps(metrics.to_json(payload), ensure_ascii=False, allow_nan=False)
    return Response(body, status=status, mimetype="application/json")


def error_response(error: api.ApiError) -> Response:
    """The one error body of the API (``data.api.ApiError.body``)."""
    return json_response(error.body(), error.status)


def page_routes() -> list[openapi.PageRoute]:
    """The registered pages that have a data builder (Settings has none)."""
    routes = []
    for page in dash.page_registry.values():
        if page.get("builder") is not None and page.get("data") is not None:
            routes.append(openapi.PageRoute(page["module"].rsplit(".", 1)[-1], page["data"],
                                            page.get("name", ""),
                                            bool(page.get("keeps_view", False))))
    return routes


def _query() -> str:
    return request.query_string.decode("utf-8", errors="replace")


def _answer(produce: Callable[[], Any]) -> Response:
    try:
        return json_response(produce())
    except api.ApiError as error:
        return error_response(error)


def register(app: Dash) -> None:
    """Add the ``/api/v1`` blueprint to ``app.server``."""
    blueprint = Blueprint("api_v1", __name__, url_prefix=PREFIX)
    pages = {route.name: route for route in page_routes()}
    builders = {page["module"].rsplit(".", 1)[-1]: page["builder"]
                for page in dash.page_registry.values() if page.get("builder") is not None}

    def cold_days() -> int:
        return settings().cold_days

    @blueprint.get("/kpis")
    def kpis() -> Response:
        return _answer(lambda: api.kpis_payload(manager(), _query(), cold_days()))

    @blueprint.get("/deals")
    def deals() -> Response:
        return _answer(lambda: api.deals_payload(manager(), _query(), cold_days()))

    @blueprint.get("/imports")
    def imports() -> Response:
        return _answer(lambda: api.imports_payload(manager()))

    @blueprint.get("/pages/<name>")
    def page(name: str) -> Response:
        route = pages.get(name)
        if route is None:
            return error_response(api.ApiError(
                404, "unknown_page", f"No page “{name[:40]}”: pages are {', '.join(pages)}."))
        return _answer(lambda: api.page_payload(manager(), name, builders[name], _query(),
                                                keeps_view=route.keeps_view,
                                                default_cold_days=cold_days()))

    @blueprint.get("/openapi.json")
    def document() -> Response:
        return json_response(openapi.document(list(pages.values()),
                                              security=settings().auth_enabled))

    @blueprint.errorhandler(Exception)
    def unexpected(error: Exception) -> Response | HTTPException:
        if isinstance(error, HTTPException):  # 429 from the rate limit, 413...
            return http_error(error)
        log.exception("API request failed", exc_info=error)
        return error_response(api.ApiError(
            500, "internal_error", "The request could not be computed; it was logged on the "
            "server."))

    server: Flask = app.server
    server.register_blueprint(blueprint)

    def not_found(rest: str = "") -> Response:
        """Unknown ``/api/…`` paths answer JSON (Dash's page catch-all would answer HTML)."""
        del rest
        return error_response(api.ApiError(
            404, "not_found", f"No API route {request.path[:80]}: see {PREFIX}/openapi.json."))

    server.add_url_rule("/api/<path:rest>", "api_not_found", not_found)
    server.add_url_rule("/api/", "api_root", not_found)

    def http_error(error: HTTPException) -> Response | HTTPException:
        """HTTP errors under ``/api/`` (405, 413...) in the API's error body."""
        if not request.path.startswith("/api/"):
            return error
        code = error.code or 500
        response = error_response(api.ApiError(
            code, (error.name or "error").lower().replace(" ", "_"),
            error.description or error.name or "error"))
        for name, value in error.get_headers():  # Allow (405), Retry-After (429)...
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    server.register_error_handler(HTTPException, http_error)
