"""Alembic environment: runs on the connection handed over by ``data.db.migrate``.

Run by hand with ``alembic`` too: ``DATABASE_URL`` then selects the database.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from data.config import load_settings
from data.db import make_engine
from data.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = make_engine(load_settings().database_url)
    with engine.begin() as conn:
        _run(conn)
