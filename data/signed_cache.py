"""Cache backends that store data, never code: signed bytes instead of pickles.

Flask-Caching's backends (cachelib) pickle every value, so whoever can write to Redis or to the
cache directory can run code in the app the next time the entry is read. Here the backends get
a serializer that only knows bytes, text and integers (what the app stores: Parquet, JSON, the
file cache's own entry count), each sealed with an HMAC-SHA256 under a key derived from the
app's secret. An entry that is not sealed with that key — a forged pickle, a value written by
another app, a truncated file — is logged and read as a miss; nothing in it is ever executed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import IO, Any

from flask_caching.backends import FileSystemCache, RedisCache

log = logging.getLogger(__name__)

_MAGIC = b"crm-signed-1:"
_DIGEST = hashlib.sha256().digest_size
_TAGS = {bytes: b"b", str: b"s", int: b"i"}


def signing_key(secret: str) -> bytes:
    """The HMAC key of the cache, derived from a secret (``CACHE_KEY`` or ``SECRET_KEY``).

    Derived rather than used as is, so the cache key never equals Flask's session key.
    """
    return hmac.new(secret.encode("utf-8"), b"crm-dashboard cache entries", "sha256").digest()


class SignedSerializer:
    """Seals values as ``magic | HMAC | tag | payload``; reads back only what it sealed.

    Implements the serializer interface cachelib's backends call (``dumps``/``loads`` for
    Redis, ``dump``/``load`` on a file stream for the file cache).
    """

    def __init__(self, key: bytes) -> None:
        """Bind the HMAC key (32 random-looking bytes from :func:`signing_key`)."""
        self._key = key

    def _mac(self, body: bytes) -> bytes:
        return hmac.new(self._key, body, "sha256").digest()

    def seal(self, value: Any) -> bytes:
        """The stored form of ``value`` (bytes, str or int; anything else is a bug here)."""
        tag = _TAGS.get(type(value))
        if tag is None:
            raise TypeError(
                f"the cache stores bytes, str or int, not {type(value).__name__}: "
                "encode the value first (JSON, Parquet, Arrow)"
            )
        payload = value if isinstance(value, bytes) else str(value).encode("utf-8")
        body = tag + payload
        return _MAGIC + self._mac(body) + body

    def open(self, blob: bytes | bytearray | memoryview | None) -> Any:
        """The value sealed in ``blob``, or None (logged) when it is not ours."""
        if blob is None:
            return None
        blob = bytes(blob)
        head = len(_MAGIC) + _DIGEST
        if len(blob) <= head or not blob.startswith(_MAGIC):
            log.warning("cache entry ignored: not a signed entry (%d bytes)", len(blob))
            return None
        mac, body = blob[len(_MAGIC):head], blob[head:]
        if not hmac.compare_digest(mac, self._mac(body)):
            log.warning("cache entry ignored: bad signature (%d bytes)", len(blob))
            return None
        tag, payload = body[:1], body[1:]
        if tag == b"b":
            return payload
        if tag == b"s":
            return payload.decode("utf-8")
        if tag == b"i":
            return int(payload)
        log.warning("cache entry ignored: unknown type tag %r", tag)
        return None

    # cachelib's serializer interface --------------------------------------------------------
    def dumps(self, value: Any, protocol: int | None = None) -> bytes:
        """Redis: the stored form of ``value``."""
        return self.seal(value)

    def loads(self, value: bytes | None) -> Any:
        """Redis: the value of a stored entry, or None."""
        return self.open(value)

    def dump(self, value: Any, f: IO[bytes], protocol: int | None = None) -> None:
        """File cache: write the stored form of ``value`` to the open cache file."""
        f.write(self.seal(value))

    def load(self, f: IO[bytes]) -> Any:
        """File cache: the value of the rest of an open cache file, or None."""
        return self.open(f.read())


class SignedFileSystemCache(FileSystemCache):
    """Flask-Caching's FileSystemCache with :class:`SignedSerializer` (``CACHE_TYPE`` path)."""

    def __init__(self, *args: Any, signing_key: bytes, **kwargs: Any) -> None:
        """Set the serializer before cachelib writes its first management entry."""
        self.serializer = SignedSerializer(signing_key)  # type: ignore[assignment]
        super().__init__(*args, **kwargs)


class SignedRedisCache(RedisCache):
    """Flask-Caching's RedisCache with :class:`SignedSerializer` (``CACHE_TYPE`` path)."""

    def __init__(self, *args: Any, signing_key: bytes, **kwargs: Any) -> None:
        """Set the serializer; the Redis client is built by Flask-Caching's factory."""
        self.serializer = SignedSerializer(signing_key)  # type: ignore[assignment]
        super().__init__(*args, **kwargs)

    @classmethod
    def factory(
        cls, app: Any, config: dict[str, Any], args: list[Any], kwargs: dict[str, Any]
    ) -> SignedRedisCache:
        """Keep the signing key away from the Redis client (the factory passes it options)."""
        options = {k: v for k, v in (config.get("CACHE_OPTIONS") or {}).items()
                   if k != "signing_key"}
        made = super().factory(app, {**config, "CACHE_OPTIONS": options}, args, kwargs)
        assert isinstance(made, SignedRedisCache)
        return made


def cache_config(
    *, redis_url: str | None, cache_dir: str, timeout_s: int, secret: str
) -> dict[str, object]:
    """Flask-Caching config: signed Redis with ``redis_url``, else a signed file cache."""
    base: dict[str, object] = {
        "CACHE_DEFAULT_TIMEOUT": timeout_s,
        "CACHE_OPTIONS": {"signing_key": signing_key(secret)},
    }
    if redis_url:
        return {
            **base,
            "CACHE_TYPE": f"{__name__}.SignedRedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_KEY_PREFIX": "crm:",
        }
    return {
        **base,
        "CACHE_TYPE": f"{__name__}.SignedFileSystemCache",
        "CACHE_DIR": cache_dir,
        "CACHE_THRESHOLD": 2000,
    }
