"""What every callback needs from the running app: the service, settings, date and locale."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import current_app, g
from plotly.io.json import to_json_plotly

from data import history
from data.config import Settings
from data.filters import FilterState
from data.service import DealsService
from layouts.formatting import Formatter


def service() -> DealsService:
    """The per-process data service bound by ``create_app``."""
    return current_app.extensions["crm"]["service"]  # type: ignore[no-any-return]


def settings() -> Settings:
    """The settings the app was built with."""
    return current_app.extensions["crm"]["settings"]  # type: ignore[no-any-return]


def as_of(state: FilterState) -> date:
    """The analysis date: ``as_of`` from the URL, else today, else the data's own date.

    history (issue 10, point 6): a file whose dates all end well before today is analysed as
    of its own latest date (``history.default_as_of``).
    """
    if state.as_of is not None:
        return state.as_of
    memo = g.setdefault("crm_default_as_of", {})  # per request: callers ask several times
    key = (state.import_id, state.dataset_id)
    if key not in memo:
        memo[key] = history.default_as_of(service().resolve_import(state), date.today())
    return memo[key]  # type: ignore[no-any-return]


def cold_days() -> int:
    """The cold-deal threshold: the value set on the Settings page, else ``COLD_DAYS``.

    history (issue 10, point 7): stored in the database; saving it bumps the data version.
    """
    if "crm_cold_days" not in g:
        stored = history.app_settings(service().engine, {"cold_days": settings().cold_days})
        g.crm_cold_days = int(stored["cold_days"])
    return int(g.crm_cold_days)


def formatter(state: FilterState) -> Formatter:
    """Formatting in the language of the URL, else the configured default (French)."""
    return Formatter(state.lang or settings().locale)


def state_from_search(search: str | None) -> FilterState:
    """Parse the browser's ``location.search``."""
    return FilterState.from_query(search or "")


def options(values: list[str], labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Dropdown options from plain values (labels rendered as text)."""
    labels = labels or {}
    return [{"label": labels.get(v, v), "value": v} for v in values]


def memo_rendered(parts: list[Any], produce: Callable[[], Any]) -> Any:
    """Rendered callback output, memoised in the shared cache under the data version.

    The aggregates are memoised by the service already; this keeps the *rendered* components
    (figures, formatted tables) as their JSON wire form too, so a repeated view costs one
    version query and one cache read instead of rebuilding Plotly figures. ``parts`` must hold
    everything the output depends on besides the data (page, full query, as_of, settings).
    """
    svc = service()
    raw = json.dumps(
        [svc.code_version, svc.database_id, svc.version(), *parts], default=str, sort_keys=True
    )
    key = "render:" + hashlib.sha1(raw.encode()).hexdigest()
    cached = svc.cache.get(key)
    if cached is not None:
        return json.loads(cached)
    value = produce()
    svc.cache.set(key, to_json_plotly(value), timeout=svc.timeout_s)
    return value
