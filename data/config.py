"""Configuration read from the environment and an optional ``.env`` file (python-dotenv).

One frozen ``Settings`` object per process, built by :func:`load_settings`; the app factory, the
CLI and the tests each build their own, so nothing here touches the database at import time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: The development secret: accepted only while the app listens on this machine alone.
DEV_SECRET = "dev-only-change-me"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
INSTANCE_DIR = PROJECT_ROOT / "instance"


def default_database_url() -> str:
    """The embedded default: a SQLite file under ``instance/`` so a fresh clone just runs."""
    return f"sqlite:///{INSTANCE_DIR / 'crm.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment."""

    database_url: str = field(default_factory=default_database_url)
    redis_url: str | None = None
    cache_dir: str = str(INSTANCE_DIR / "cache")
    cache_timeout_s: int = 24 * 3600
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    locale: str = "fr"
    default_currency: str = "EUR"
    cold_days: int = 14
    secret_key: str = DEV_SECRET
    #: HMAC key of cache entries (defaults to ``secret_key``); see ``data.signed_cache``.
    cache_key: str | None = None
    #: Bound of every query a web request runs (PostgreSQL ``statement_timeout``; 0 = none).
    statement_timeout_ms: int = 15_000
    max_upload_mb: float = 200
    upload_dir: str | None = None
    #: ``AUTH``: ``on``, ``off`` or ``auto`` (on unless the app listens on localhost only).
    auth: str = "auto"
    #: ``MIGRATE_ON_START``: ``on``, ``off`` or ``auto`` (on for localhost: a deploy runs
    #: ``python -m data migrate`` before starting the web processes).
    migrate_on_start: str = "auto"
    #: Rate limits (Flask-Limiter notation), per client address.
    rate_limit_api: str = "120/minute"
    rate_limit_login: str = "10/minute"
    rate_limit_upload: str = "30/minute"
    #: ``CSRF``: ``on``, ``off`` or ``auto`` (on whenever the login is on).
    csrf: str = "auto"
    #: ``PROXY_FIX=1``: trust one reverse proxy's ``X-Forwarded-*`` (HTTPS → HSTS, client IP).
    proxy_fix: bool = False

    @property
    def local(self) -> bool:
        """Whether the app listens on this machine only (the one-founder setup)."""
        return self.host in LOCAL_HOSTS

    @property
    def auth_enabled(self) -> bool:
        """Whether pages, callbacks and the API need a signed-in user or a token."""
        return _switch(self.auth, default=not self.local)

    @property
    def csrf_enabled(self) -> bool:
        """Whether state-changing requests need the CSRF token (always with the login)."""
        return self.auth_enabled or _switch(self.csrf, default=False)

    @property
    def migrates_on_start(self) -> bool:
        """Whether building the app migrates the schema (never by default off localhost)."""
        return _switch(self.migrate_on_start, default=self.local)


class ConfigError(ValueError):
    """A setting the app refuses to start with (the message says which and how to fix it)."""


#: Shortest ``SECRET_KEY`` accepted off localhost (it signs sessions and cache entries).
MIN_SECRET_LENGTH = 32


def check_for_start(settings: Settings) -> None:
    """Refuse to serve off localhost with the public development secret or a short one."""
    if settings.local:
        return
    if settings.secret_key == DEV_SECRET or len(settings.secret_key) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"SECRET_KEY is required when the app listens on {settings.host} (not only on "
            f"this machine): set it to a random value of {MIN_SECRET_LENGTH}+ characters, e.g. "
            "SECRET_KEY=$(python -c 'import secrets; print(secrets.token_urlsafe(48))'). "
            "The app did not start.")


def _switch(value: str, *, default: bool) -> bool:
    word = value.strip().lower()
    if word in {"1", "on", "true", "yes"}:
        return True
    if word in {"0", "off", "false", "no"}:
        return False
    return default


def load_settings(env_file: str | os.PathLike[str] | None = None, **overrides: object) -> Settings:
    """Build settings from ``.env`` (if present) and the environment; keyword overrides win.

    The environment wins over ``.env`` (python-dotenv does not override), which is what a
    deployment expects.
    """
    load_dotenv(env_file or PROJECT_ROOT / ".env", override=False)
    env = os.environ
    values: dict[str, object] = {
        "database_url": env.get("DATABASE_URL") or default_database_url(),
        "redis_url": env.get("REDIS_URL") or None,
        "cache_dir": env.get("CACHE_DIR") or str(INSTANCE_DIR / "cache"),
        "cache_timeout_s": int(env.get("CACHE_TIMEOUT", 24 * 3600)),
        "host": env.get("HOST", "127.0.0.1"),
        "port": int(env.get("PORT", 8050)),
        "debug": env.get("DEBUG", "0").lower() in {"1", "true", "yes"},
        "locale": env.get("APP_LOCALE", "fr"),
        "default_currency": env.get("DEFAULT_CURRENCY", "EUR").upper(),
        "cold_days": int(env.get("COLD_DAYS", 14)),
        "secret_key": env.get("SECRET_KEY") or DEV_SECRET,
        "cache_key": env.get("CACHE_KEY") or None,
        "statement_timeout_ms": int(env.get("STATEMENT_TIMEOUT_MS", 15_000)),
        "max_upload_mb": float(env.get("MAX_UPLOAD_MB", 200)),
        "upload_dir": env.get("UPLOAD_DIR") or None,
        "auth": env.get("AUTH", "auto"),
        "migrate_on_start": env.get("MIGRATE_ON_START", "auto"),
        "rate_limit_api": env.get("RATE_LIMIT_API", "120/minute"),
        "rate_limit_login": env.get("RATE_LIMIT_LOGIN", "10/minute"),
        "rate_limit_upload": env.get("RATE_LIMIT_UPLOAD", "30/minute"),
        "csrf": env.get("CSRF", "auto"),
        "proxy_fix": _switch(env.get("PROXY_FIX", "off"), default=False),
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]
