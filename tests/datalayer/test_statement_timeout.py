"""Issue 9: every query of a web request is bounded by PostgreSQL's ``statement_timeout``.

The app's reader engine (the data manager's) carries ``STATEMENT_TIMEOUT_MS``; a query that
runs longer is cancelled by the server. The write engine (imports, stage edits) is unbounded.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError


@pytest.mark.postgres
def test_web_queries_are_cancelled_past_the_statement_timeout(pg_url: str, tmp_path: Any) -> None:
    from app import create_app
    from data.config import load_settings

    settings = load_settings(database_url=pg_url, cache_dir=str(tmp_path / "cache"),
                             redis_url=None)
    app = create_app(replace(settings, statement_timeout_ms=200))
    crm = app.server.extensions["crm"]
    reader, writer = crm["manager"].reader, crm["engine"]
    try:
        with reader.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar_one() == "200ms"
            conn.execute(text("SELECT pg_sleep(0.05)"))  # under the bound: fine
        with pytest.raises(OperationalError, match="statement timeout"), reader.connect() as conn:
            conn.execute(text("SELECT pg_sleep(2)"))
        with writer.connect() as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar_one() == "0"
    finally:
        reader.dispose()
        writer.dispose()
