"""What every callback needs from the running app: the data manager, settings, date, locale.

Rendered outputs are memoised in one level, in the shared cache, under keys built by the data
manager's ``Memo`` (``data.memo``): the data version is read once per request and passed down.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from flask import current_app
from plotly.io.json import to_json_plotly

from data.config import Settings
from data.filters import FilterState
from data.formatting import Formatter
from data.snapshots import SnapshotManager, release_unused_memory

T = TypeVar("T")


def manager() -> SnapshotManager:
    """The per-process data manager bound by ``create_app``."""
    return current_app.extensions["crm"]["service"]  # type: ignore[no-any-return]


#: Former name of :func:`manager`.
service = manager


def settings() -> Settings:
    """The settings the app was built with."""
    return current_app.extensions["crm"]["settings"]  # type: ignore[no-any-return]


def as_of(state: FilterState) -> date:
    """The reference date: ``as_of`` from the URL (historical views, tests), else today."""
    return state.as_of or date.today()


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

    return manager().memo.cached("render", version, parts, make, to_json_plotly, json.loads)


def memo_rendered(parts: list[Any], produce: Callable[[], T]) -> T:
    """:func:`rendered` at the current data version (former call shape)."""
    return rendered(manager().version(), parts, produce)
