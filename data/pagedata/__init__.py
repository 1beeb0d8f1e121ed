"""Typed page data: one module per page, each a frozen dataclass and the builder that fills it.

A builder is a pure function ``(selection, as_of, cold_days) -> <Page>Data`` computed from
``data.metrics`` only (METRICS.md); ``layouts/<page>.py`` takes that dataclass.
:func:`~data.pagedata.jsonable.to_jsonable` / :func:`~data.pagedata.jsonable.from_jsonable`
turn page data into JSON and back for a memo that stores JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, get_type_hints

from data.snapshots import Selection

#: What every page-data builder looks like: selection, as_of, cold-deal threshold (days).
Builder = Callable[[Selection, date, int], Any]


def data_class(build: Callable[..., Any]) -> type:
    """The dataclass a builder returns (its return annotation), for ``from_jsonable``."""
    kind = get_type_hints(build)["return"]
    if not isinstance(kind, type):
        raise TypeError(f"{build.__qualname__} must return one page-data dataclass")
    return kind
