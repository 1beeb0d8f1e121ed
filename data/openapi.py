"""The OpenAPI 3.1 document of ``/api/v1`` (``GET /api/v1/openapi.json``), built from the code.

The page responses' schemas are derived from the page-data dataclasses (``data.pagedata``) by
their type hints, so a renamed or retyped field changes the document with the code; the filter
parameters are those ``data.filters.FilterState.from_query`` accepts. Schemathesis fuzzes the
app against this document in the test suite (``tests/datalayer/test_api_fuzz.py``).
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Union, get_args, get_origin, get_type_hints

from data.api import DEFAULT_PER_PAGE, MAX_PER_PAGE, SORTABLE
from data.filters import VIEWS
from data.pagedata.common import DealRecord

API_VERSION: Final = "1.0.0"
_PLAIN: Final = {int: {"type": "integer"}, float: {"type": "number"}, str: {"type": "string"},
                 bool: {"type": "boolean"}}


@dataclass(frozen=True)
class PageRoute:
    """One page of the dashboard served as JSON: its name, data class and view handling."""

    name: str
    data: type
    title: str = ""
    keeps_view: bool = False


class _Schemas:
    """JSON schemas of dataclasses, each once under ``components/schemas``."""

    def __init__(self) -> None:
        self.components: dict[str, Any] = {}
        self._names: dict[type, str] = {}

    def of(self, kind: Any) -> dict[str, Any]:
        """The schema of a type hint (a ``$ref`` for a dataclass)."""
        if kind in _PLAIN:
            return dict(_PLAIN[kind])
        if kind is type(None):
            return {"type": "null"}
        origin = get_origin(kind)
        if origin in (Union, types.UnionType):
            return {"anyOf": [self.of(a) for a in get_args(kind)]}
        if origin in (tuple, list):
            args = get_args(kind)
            if origin is tuple and args and (len(args) != 2 or args[1] is not Ellipsis):
                return {"type": "array", "prefixItems": [self.of(a) for a in args],
                        "minItems": len(args), "maxItems": len(args)}
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin is dict:
            return {"type": "object", "additionalProperties": self.of(get_args(kind)[1])}
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            return {"$ref": f"#/components/schemas/{self._dataclass(kind)}"}
        return {}  # Any: no constraint

    def _dataclass(self, kind: type) -> str:
        if kind in self._names:
            return self._names[kind]
        name = kind.__name__
        if name in self.components:  # two page modules with a class of one name
            name = f"{kind.__module__.rsplit('.', 1)[-1]}_{name}"
        self._names[kind] = name
        self.components[name] = {}  # placeholder: recursive types terminate
        hints = get_type_hints(kind)
        fields = [f.name for f in dataclasses.fields(kind)]
        self.components[name] = {
            "type": "object",
            "description": (kind.__doc__ or "").strip().splitlines()[0],
            "properties": {f: self.of(hints[f]) for f in fields},
            "required": fields,
            "additionalProperties": False,
        }
        return name


#: ISO dates from 1900 to 2199 (``data.filters.MIN_YEAR``/``MAX_YEAR``).
_DAY: Final = r"^(19[0-9]{2}|2[01][0-9]{2})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def _array(name: str, description: str, items: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "style": "form", "explode": True, "schema": {"type": "array", "items": items}}


def _param(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}


def filter_parameters(with_view: bool) -> list[dict[str, Any]]:
    """The query parameters of the page URLs (``FilterState.from_query``), described."""
    text = {"type": "string", "maxLength": 200, "pattern": r"\S"}  # blank: 400
    day = {"type": "string", "format": "date", "pattern": _DAY}
    params = [
        _array("status", "Deal status (repeatable).",
               {"type": "string", "enum": ["open", "won", "lost"]}),
        *(_array(key, f"Deal {key} label (repeatable; accents and case are folded).", text)
          for key in ("stage", "source", "sector", "owner")),
        _param("date", "Which date from/to filter: creation or expected close.",
               {"type": "string", "enum": ["created", "close"]}),
        _param("from", "First day of the date filter (1900–2199).",
               day),
        _param("to", "Last day of the date filter (1900–2199).",
               day),
        _param("as_of", "Analysis date (default: today, or the file's own date when old).",
               day),
        _param("import", "Import id (GET /api/v1/imports); default the newest import.",
               {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}),
        _param("dataset", "Dataset id: its newest import.",
               {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}),
        _param("currency", "Currency of money figures (default the most frequent).",
               {"type": "string", "pattern": "^[A-Za-z]{1,8}$"}),
        _param("q", "Text search over name, account, id, owner and notes.", text),
        _param("lang", "Language of the page (figures do not depend on it).",
               {"type": "string", "enum": ["fr", "en"]}),
    ]
    if with_view:
        params.append(_param("view", "Priority-action subset of the deals.",
                             {"type": "string", "enum": list(VIEWS)}))
    return params


_ERROR: Final = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["status", "code", "message", "details"],
        "properties": {
            "status": {"type": "integer"},
            "code": {"type": "string"},
            "message": {"type": "string"},
            "details": {"type": "array", "items": {"type": "string"}},
        },
    }},
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses(schema: dict[str, Any], description: str) -> dict[str, Any]:
    error = {"$ref": "#/components/schemas/Error"}
    return {
        "200": _json(schema, description),
        "400": _json(error, "A bad parameter (the message says which and how to fix it)."),
        "404": _json(error, "Unknown or deleted import or dataset, or no import yet."),
        "429": _json(error, "Too many requests (rate limit)."),
    }


def document(pages: Sequence[PageRoute], *, security: bool = False) -> dict[str, Any]:
    """The OpenAPI document for ``pages`` (the registered pages that have data builders)."""
    schemas = _Schemas()
    paths: dict[str, Any] = {}
    kpis = {"type": "object", "required": ["import_id", "filters", "notices", "unavailable"],
            "properties": {"import_id": {"type": "integer"}, "filters": {"type": "string"},
                           "notices": {"type": "array", "items": {"type": "string"}},
                           "unavailable": {"type": "object"}},
            "additionalProperties": True}
    paths["/api/v1/kpis"] = {"get": {
        "operationId": "kpis", "summary": "Headline indicators (what `python -m data kpis "
        "--json` prints for the same query).",
        "parameters": filter_parameters(False),
        "responses": _responses(kpis, "The indicators of METRICS.md for the selection."),
    }}
    schemas.of(DealRecord)
    record = schemas.components["DealRecord"]
    row = {"type": "object", "required": [*record["required"], "overdue"],
           "properties": {**record["properties"], "overdue": {"type": "boolean"}},
           "additionalProperties": False}
    deals = {"type": "object",
             "required": ["import_id", "as_of", "currency", "filters", "page", "per_page",
                          "pages", "total", "sort", "deals"],
             "properties": {
                 "import_id": {"type": "integer"}, "as_of": {"type": "string"},
                 "currency": {"type": ["string", "null"]}, "filters": {"type": "string"},
                 "page": {"type": "integer"}, "per_page": {"type": "integer"},
                 "pages": {"type": "integer"}, "total": {"type": "integer"},
                 "sort": {"type": "string"},
                 "deals": {"type": "array", "items": row}}}
    paths["/api/v1/deals"] = {"get": {
        "operationId": "deals", "summary": "One page of the deals the filters select.",
        "parameters": [
            *filter_parameters(True),
            _param("page", "Page number, from 1.",
                   {"type": "integer", "minimum": 1, "maximum": 10**9}),
            _param("per_page", f"Deals per page (default {DEFAULT_PER_PAGE}).",
                   {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}),
            _param("sort", "Comma-separated columns, '-' before one for descending: "
                   + ", ".join(SORTABLE) + ".",
                   {"type": "string",
                    "pattern": "^(-?(" + "|".join(SORTABLE) + "))(,-?("
                    + "|".join(SORTABLE) + "))*$"}),
        ],
        "responses": _responses(deals, "Rows of the Deals table, sorted and paged."),
    }}
    for page in pages:
        data = schemas.of(page.data)
        body = {"type": "object", "required": ["page", "import_id", "as_of", "filters", "data"],
                "properties": {"page": {"const": page.name}, "import_id": {"type": "integer"},
                               "as_of": {"type": "string", "format": "date"},
                               "filters": {"type": "string"}, "data": data},
                "additionalProperties": False}
        paths[f"/api/v1/pages/{page.name}"] = {"get": {
            "operationId": f"page_{page.name}",
            "summary": f"The figures of the {page.title or page.name} page.",
            "parameters": filter_parameters(page.keeps_view),
            "responses": _responses(body, f"The data the {page.name} page draws."),
        }}
    imports = {"type": "object", "required": ["imports"], "properties": {"imports": {
        "type": "array", "items": {"type": "object", "required": ["id", "filename"],
                                   "properties": {"id": {"type": "integer"},
                                                  "filename": {"type": "string"}}}}}}
    paths["/api/v1/imports"] = {"get": {
        "operationId": "imports", "summary": "The imports kept (ids for `import=`).",
        "responses": {"200": _json(imports, "Live imports, newest first."),
                      "429": _json({"$ref": "#/components/schemas/Error"}, "Rate limited.")},
    }}
    schemas.components["Error"] = _ERROR
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "CRM Dashboard API", "version": API_VERSION,
                 "description": "Read-only figures of the dashboard's pages, with the same "
                                "query string as the page URLs."},
        "paths": paths,
        "components": {"schemas": schemas.components},
    }
    if security:
        doc["components"]["securitySchemes"] = {
            "token": {"type": "http", "scheme": "bearer"},
            "session": {"type": "apiKey", "in": "cookie", "name": "session"}}
        doc["security"] = [{"token": []}, {"session": []}]
        for item in paths.values():
            item["get"]["responses"]["401"] = _json(
                {"$ref": "#/components/schemas/Error"}, "Not signed in (no session or token).")
    return doc
