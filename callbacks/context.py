"""What every callback needs from the running app: the data manager, settings, date, locale.

Rendered outputs are memoised in one level, in the shared cache, under keys built by the data
manager's ``Memo`` (``data.memo``): the data version is read once per request and passed down.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import current_app, g, has_request_context, request
from plotly.io.json import to_json_plotly

from data import history
from data.config import Settings
from data.filters import FilterState
from data.snapshots import SnapshotManager, release_unused_memory
from layouts.formatting import Formatter
from layouts.i18n import negotiate, supported

T = TypeVar("T")


def manager() -> SnapshotManager:
    """The per-process data manager bound by ``create_app``."""
    return current_app.extensions["crm"]["manager"]  # type: ignore[no-any-return]


def settings() -> Settings:
    """The settings the app was built with."""
    return current_app.extensions["crm"]["settings"]  # type: ignore[no-any-return]


def data_version() -> int:
    """The data version, read once per request (one callback is one request) and passed down.

    Whatever depends on it — the imports list, the stored settings, the rendered outputs — is
    kept under it, so a warm callback costs this one query.
    """
    if "crm_data_version" not in g:
        g.crm_data_version = manager().version()
    return int(g.crm_data_version)


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
        shown = manager().resolve_import(state, data_version())
        memo[key] = history.default_as_of(shown, date.today())
    return memo[key]  # type: ignore[no-any-return]


def cold_days() -> int:
    """The cold-deal threshold: the value set on the Settings page, else ``COLD_DAYS``.

    history (issue 10, point 7): stored in the database; saving it bumps the data version.
    """
    return int(stored_settings()["cold_days"])


def stored_settings() -> dict[str, float]:
    """The editable settings at this request's data version (``history.app_settings``)."""
    return manager().app_settings(data_version(), {"cold_days": settings().cold_days})


def in_page_lang(state: FilterState, lang: str | None) -> FilterState:
    """``state`` in the page's language ``lang`` (the frame's store) when its URL names none:
    a download or a report made from a page reads as the page did.
    """
    shown = supported(lang)
    return state if state.lang or shown is None else replace(state, lang=shown)


def formatter(state: FilterState) -> Formatter:
    """Texts and formats in the language of the URL, else the user's (:func:`user_lang`)."""
    return Formatter(state.lang or user_lang())


#: Cookie keeping the language a user picked in the navbar (set in the browser).
LANG_COOKIE = "crm_lang"


def user_lang() -> str:
    """The language of this request without ``lang=`` in the URL: the one picked in the navbar
    (cookie), else the browser's (``Accept-Language``), else ``APP_LOCALE``.
    """
    picked = supported(request.cookies.get(LANG_COOKIE)) if has_request_context() else None
    if picked:
        return picked
    header = request.headers.get("Accept-Language") if has_request_context() else None
    return negotiate(header, settings().locale)


def shell_lang() -> str:
    """The language of the frame (navbar, filter bar) for the page being loaded.

    Dash fetches the frame in its own request (``/_dash-layout``), whose referrer is the
    page's URL: its ``lang=`` comes first, as for the page's content.
    """
    if not has_request_context():
        return "fr"  # Dash checking the layout at start-up: no user yet
    query = urlsplit(request.referrer or "").query
    return FilterState.from_query(query).lang or user_lang()


def state_from_search(search: str | None) -> FilterState:
    """Parse the browser's ``location.search``."""
    return FilterState.from_query(search or "")


def options(values: list[str], labels: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Dropdown options from plain values (labels rendered as text)."""
    labels = labels or {}
    return [{"label": labels.get(v, v), "value": v} for v in values]


def rendered(version: int, parts: list[Any], produce: Callable[[], T]) -> T:
    """Rendered callback output at data ``version``, memoised in the shared cache.

    The one cache level of the pages: a repeated view costs one version query and one cache
    read (its JSON wire form) instead of aggregates and Plotly figures. ``parts`` must hold
    everything the output depends on besides the data (page, full query, as_of, settings).
    """

    def make() -> T:
        value = produce()  # its selection and aggregates are garbage once it returns
        release_unused_memory()
        return value

    # A hit is the JSON wire form of a T, which Dash takes alike; a miss returns that form too
    # (``wire``): Dash then sends plain JSON instead of encoding the components again.
    cached = manager().memo.cached("render", version, parts, make, to_json_plotly, json.loads,
                                   wire=True)
    return cast(T, cached)

