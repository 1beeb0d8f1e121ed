"""The background-callback store as data, never code: sealed JSON instead of pickles (issue 9).

Dash's ``DiskcacheManager`` keeps job results, progress and ``set_props`` values in a
``diskcache.Cache``, whose ``Disk`` pickles anything that is not a plain str, bytes or number,
and unpickles whatever a row's mode says is a pickle: whoever can write the cache directory
could run code in the app. Here every value is stored as JSON (Plotly's encoder: components
and ``no_update`` become the dicts Dash sends to the browser anyway, as with Dash's Celery
manager) sealed with an HMAC (``data.signed_cache.SignedSerializer``) under a key derived from
the app's secret. A row that is not sealed with that key, or says it is a pickle, reads as a
missing entry (logged): the job looks unfinished, nothing is executed.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

import diskcache
from plotly.utils import PlotlyJSONEncoder

from data.signed_cache import SignedSerializer, signing_key

log = logging.getLogger(__name__)

_PLAIN_KEYS = (str, bytes, int, float)


class ForgedEntry(OSError):
    """A stored row this app did not seal (diskcache reads an ``OSError`` as a miss)."""


class SignedDisk(diskcache.Disk):  # type: ignore[misc]  # diskcache is untyped
    """A ``diskcache.Disk`` storing sealed JSON only; subclassed per key by ``signed_disk``."""

    serializer: SignedSerializer

    def put(self, key: Any) -> tuple[Any, bool]:
        """Keys stay plain values (Dash's are strings); a key that needs pickling is a bug."""
        if type(key) not in _PLAIN_KEYS:
            raise TypeError(f"background store keys are str/bytes/numbers, not {type(key)}")
        return super().put(key)  # type: ignore[no-any-return]

    def get(self, key: Any, raw: bool) -> Any:
        """A key row flagged as a pickle is never unpickled: its raw bytes match no key."""
        if not raw:
            log.warning("background store: pickled key ignored")
            return bytes(key)
        return super().get(key, raw)

    def store(self, value: Any, read: bool, key: Any = diskcache.core.UNKNOWN) -> Any:
        """``value`` as sealed JSON bytes (file-like values are not stored here)."""
        if read:
            raise TypeError("the background store keeps JSON values, not files")
        text = json.dumps(value, cls=PlotlyJSONEncoder)
        return super().store(self.serializer.seal(text), False, key)

    def fetch(self, mode: int, filename: str | None, value: Any, read: bool) -> Any:
        """The JSON value of a row this app sealed; any other row raises ``ForgedEntry``."""
        if read or mode not in (diskcache.core.MODE_RAW, diskcache.core.MODE_BINARY):
            log.warning("background store: entry of mode %s ignored (not sealed JSON)", mode)
            raise ForgedEntry("not a sealed entry")
        blob = super().fetch(mode, filename, value, False)
        text = self.serializer.open(blob) if isinstance(blob, bytes) else None
        if not isinstance(text, str):
            raise ForgedEntry("not a sealed entry")
        return json.loads(text)


def signed_disk(secret: str) -> type[SignedDisk]:
    """A ``SignedDisk`` class sealing with a key derived from ``secret``.

    A class rather than a ``disk_key`` setting: diskcache writes ``disk_*`` settings into the
    cache's own database, where whoever could forge an entry could also read the key.
    """
    key = hmac.new(signing_key(secret), b"background callbacks", "sha256").digest()
    return type("SignedDiskForApp", (SignedDisk,), {"serializer": SignedSerializer(key)})


def background_cache(directory: str, secret: str) -> diskcache.Cache:
    """The ``diskcache.Cache`` for Dash's ``DiskcacheManager``, storing sealed JSON only."""
    return diskcache.Cache(directory, disk=signed_disk(secret))
