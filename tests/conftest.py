"""Shared fixtures: a fresh PostgreSQL database per session, SQLite per test, browser options.

PostgreSQL is never mocked: the session creates a database on the server of ``TEST_PG_URL``
(default ``postgresql://postgres@127.0.0.1:5432/test``, the machine's local cluster) and drops
it at the end. If that server cannot be reached the run *fails* (set ``CRM_ALLOW_NO_PG=1`` to
turn that into skips on a laptop without PostgreSQL; CI never sets it).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check values, not speed: a case slowed by a busy CI machine is not a failure.
hypothesis_settings.register_profile("crm", deadline=None)
hypothesis_settings.load_profile("crm")

# The app module builds its default app on import: point it at throw-away storage first.
_SESSION_DIR = Path(tempfile.mkdtemp(prefix="crm-tests-"))
os.environ["DATABASE_URL"] = f"sqlite:///{_SESSION_DIR / 'default.sqlite3'}"
os.environ["CACHE_DIR"] = str(_SESSION_DIR / "cache")
os.environ.pop("REDIS_URL", None)

from sqlalchemy import Engine, text  # noqa: E402

from data.db import make_engine, migrate  # noqa: E402

PG_ADMIN_URL = os.environ.get("TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
CORPUS = Path(__file__).parent / "corpus"


def _pg_available() -> str | None:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=5):
            return None
    except psycopg.Error as error:
        return str(error).strip()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """URL of a fresh PostgreSQL database for this test session (dropped afterwards)."""
    import psycopg

    problem = _pg_available()
    if problem:
        message = f"PostgreSQL is required for the data-layer tests: {PG_ADMIN_URL}: {problem}"
        if os.environ.get("CRM_ALLOW_NO_PG") == "1" and os.environ.get("CI") != "true":
            pytest.skip(message)
        pytest.fail(message, pytrace=False)
    name = f"crm_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_PG_ENGINE: dict[str, Engine] = {}


def _reset_pg(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE deals, imports, datasets, app_settings, stage_settings, "
                          "mapping_memory, users, api_tokens "
                          "RESTART IDENTITY CASCADE"))
        conn.execute(text("UPDATE meta SET value = 1 WHERE key = 'data_version'"))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database URL: a new SQLite file, or the session's PostgreSQL reset."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.sqlite3'}"
        migrate(make_engine(url))
        return url
    url = request.getfixturevalue("pg_url")
    if url not in _PG_ENGINE:
        _PG_ENGINE[url] = make_engine(url)
        migrate(_PG_ENGINE[url])
    _reset_pg(_PG_ENGINE[url])
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on :func:`db_url` (both backends)."""
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def app_settings(db_url: str, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Settings for a fresh app on the test database with its own cache directory."""
    from data.config import load_settings

    return load_settings(database_url=db_url, cache_dir=str(tmp_path / "cache"), redis_url=None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Dispose pooled connections before the PostgreSQL database is dropped."""
    for eng in _PG_ENGINE.values():
        eng.dispose()
    shutil.rmtree(_SESSION_DIR, ignore_errors=True)


# -- browser ---------------------------------------------------------------------------------
def pytest_setup_options():  # type: ignore[no-untyped-def]
    """Chrome flags for dash[testing]: Debian's Chromium as root, headless, offline."""
    from selenium.webdriver.chrome.options import Options

    options = Options()
    for flag in ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--window-size=1400,1000"):
        options.add_argument(flag)
    # The interface follows the browser's language (issue 13): a French browser, as the app's
    # French default (APP_LOCALE=fr) the tests were written for; English tests ask lang=en.
    options.add_argument("--lang=fr-FR")
    options.add_argument("--accept-lang=fr-FR,fr")  # what headless Chromium sends
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    return options


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In CI, a missing browser or driver fails the run instead of erroring test by test."""
    wants_browser = any("dash_duo" in getattr(item, "fixturenames", ()) for item in items)
    if wants_browser and os.environ.get("CI") == "true":
        missing = [n for n in ("chromium", "chromedriver") if shutil.which(n) is None]
        if missing:
            raise pytest.UsageError(f"browser tests need {', '.join(missing)} on PATH "
                                    "(apt-get install chromium chromium-driver)")
