"""No database work at import time: ``import app`` touches no database; the schema is migrated by
``create_app`` (first access to ``app.server``), by ``python -m data migrate`` and, under
gunicorn, once in the master by ``gunicorn.conf.py``'s ``on_starting``.

Each check runs in a fresh interpreter (a subprocess), as gunicorn and the CLI do.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import inspect

from data.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_S = 120
#: Nothing listens on the discard port: a connection attempt fails at once.
UNREACHABLE_PG = "postgresql://postgres@127.0.0.1:9/crm_unreachable"


def _python(code: str, database_url: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "CACHE_DIR": str(tmp_path / "cache")}
    env.pop("REDIS_URL", None)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT_S, check=False)


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_importing_app_with_an_unreachable_database_succeeds(tmp_path: Path) -> None:
    done = _python("import app; print('built' if app._default else 'lazy')", UNREACHABLE_PG,
                   tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "lazy"


def test_the_default_app_reaches_the_database_on_first_access_only(tmp_path: Path) -> None:
    done = _python("import app; app.server", UNREACHABLE_PG, tmp_path)
    assert done.returncode != 0  # the database work happens here, not at import
    assert "OperationalError" in done.stderr


def test_import_leaves_a_new_sqlite_database_uncreated_until_the_app_is_built(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fresh.sqlite3"
    url = f"sqlite:///{path}"
    done = _python("import app", url, tmp_path)
    assert done.returncode == 0, done.stderr
    assert not path.exists()
    done = _python("import app; assert app.server is app.app.server", url, tmp_path)
    assert done.returncode == 0, done.stderr
    assert {"imports", "deals", "alembic_version"} <= _tables(url)


def test_migrate_command_creates_then_keeps_the_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    code = "from data.__main__ import main; raise SystemExit(main(['migrate']))"
    first = _python(code, url, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "schema up to date" in first.stdout
    assert {"imports", "deals", "stage_settings", "alembic_version"} <= _tables(url)
    again = _python(code, url, tmp_path)  # at head: a no-op
    assert again.returncode == 0, again.stderr


def test_migrate_command_on_both_backends(db_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": db_url}
    done = subprocess.run([sys.executable, "-m", "data", "migrate"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert done.returncode == 0, done.stderr
    assert "imports" in _tables(db_url)


def test_gunicorn_master_migrates_before_forking(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gunicorn.sqlite3'}"
    code = ("import runpy; hooks = runpy.run_path('gunicorn.conf.py'); "
            "hooks['on_starting'](None)")
    done = _python(code, url, tmp_path)
    assert done.returncode == 0, done.stderr
    assert {"imports", "deals", "alembic_version"} <= _tables(url)
