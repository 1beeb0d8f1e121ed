"""The one place that builds cache keys and reads/writes memoised values.

Every key holds the code version (nothing computed by an older release is served after a
deploy), the database's random id (two databases can share one cache), the kind of entry, the
data version where the value depends on it (every write bumps it) and the caller's plain,
normalised parts, serialised with ``json.dumps(sort_keys=True)`` (STYLE.md: never a DataFrame,
never an unsorted list). Values go to the cache as bytes or text only; the backend signs them
(``data.signed_cache``).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class CacheLike(Protocol):
    """The part of ``flask_caching.Cache`` (or a cachelib backend) used here."""

    def get(self, key: str) -> Any:
        """Cached value or None."""

    def set(self, key: str, value: Any, timeout: int | None = None) -> Any:
        """Store a value."""


class NoCache:
    """A cache that keeps nothing (the CLI, some tests): every call computes."""

    def get(self, key: str) -> Any:
        """Always a miss."""
        return None

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        """Forget the value."""
        return True


class Memo:
    """Cache keys and memoisation for the read side, over one shared cache."""

    def __init__(
        self,
        cache: CacheLike,
        database_id: Callable[[], int],
        code_version: str = "",
        timeout_s: int = 24 * 3600,
    ) -> None:
        """Bind the cache; ``database_id`` is called once, on the first key."""
        self.cache = cache
        self.code_version = code_version
        self.timeout_s = timeout_s
        self._database_id = database_id
        self._database: int | None = None
        self._lock = threading.Lock()
        self._flights: dict[str, threading.Lock] = {}

    @property
    def database_id(self) -> int:
        """This database's id (read once)."""
        if self._database is None:
            self._database = self._database_id()
        return self._database

    def key(self, kind: str, version: int | None, parts: Any) -> str:
        """The cache key of an entry of ``kind`` at data ``version`` for plain ``parts``."""
        raw = json.dumps([self.code_version, self.database_id, kind, version, parts],
                         default=str, sort_keys=True)
        return f"{kind}:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()

    def cached(
        self,
        kind: str,
        version: int | None,
        parts: Any,
        make: Callable[[], T],
        encode: Callable[[T], str | bytes],
        decode: Callable[[Any], T],
        *,
        wire: bool = False,
    ) -> T:
        """The memoised value under ``key(kind, version, parts)``, made and stored on a miss.

        ``wire``: a miss returns ``decode(encode(value))`` (what a hit returns) instead of the
        value. For a rendered page, whose stored form is the JSON Dash sends: decoding it is
        cheaper than Dash encoding the component tree a second time (issue 16).
        """
        key = self.key(kind, version, parts)
        found = self.cache.get(key)
        if found is not None:
            return decode(found)
        with self._flight(key):  # the threads asking the same thing wait for the first one
            found = self.cache.get(key)
            if found is not None:
                return decode(found)
            value = make()
            stored = encode(value)
            self.cache.set(key, stored, timeout=self.timeout_s)
            return decode(stored) if wire else value

    def _flight(self, key: str) -> threading.Lock:
        with self._lock:
            if len(self._flights) > 256:
                self._flights = {k: v for k, v in self._flights.items() if v.locked()}
            return self._flights.setdefault(key, threading.Lock())
