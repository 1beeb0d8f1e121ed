"""What every callback needs from the running app: the service, settings, date and locale."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app

from data.config import Settings
from data.filters import FilterState
from data.formatting import Formatter
from data.service import DealsService


def service() -> DealsService:
    """The per-process data service bound by ``create_app``."""
    return current_app.extensions["crm"]["service"]  # type: ignore[no-any-return]


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
