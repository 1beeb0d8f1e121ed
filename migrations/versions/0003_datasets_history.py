"""Datasets of imports, ids never reused, soft deletion, the data's own date, app settings.

- ``datasets``: imports of one source (same header signature) form a series of snapshots;
  existing imports are grouped by the signature of their headers (the keys of their mapping).
- ``imports.dataset_id``, ``imports.data_as_of`` (latest activity/close/creation date of its
  deals, backfilled), ``imports.deleted_at`` (a deletion is undoable until purged).
- One *live* import per checksum (partial unique index) instead of one per checksum ever: a
  soft-deleted file can be imported again.
- SQLite: ``imports`` rebuilt with ``AUTOINCREMENT`` so the id of a deleted import is never
  handed out again (PostgreSQL's ``SERIAL`` sequence already never goes back).
- ``app_settings``: thresholds the user edits in the app (cold-deal days, purge delay).

The SQLite rebuild needs ``PRAGMA foreign_keys=OFF`` (dropping the old ``imports`` would
otherwise cascade into ``deals``), and SQLite ignores that pragma inside a transaction: the
work done so far is committed first, the rebuild is committed on its own, and foreign keys are
switched back on before anything else runs on the connection.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from datetime import UTC, date, datetime
from pathlib import PurePath

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_LIVE = sa.text("deleted_at IS NULL")
_COPIED = ("id, filename, checksum, imported_at, file_format, encoding, delimiter, rows_total, "
           "rows_imported, rows_rejected, warnings_count, mapping, report")


def _imports_table(name: str) -> sa.Table:
    """The new shape of ``imports`` (only used to create the SQLite copy)."""
    metadata = sa.MetaData()
    sa.Table("datasets", metadata, sa.Column("id", sa.Integer(), primary_key=True))
    return sa.Table(
        name,
        metadata,
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("file_format", sa.String(16), nullable=False),
        sa.Column("encoding", sa.String(32)),
        sa.Column("delimiter", sa.String(4)),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("warnings_count", sa.Integer(), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("report", sa.JSON(), nullable=False),
        sa.Column("dataset_id", sa.Integer(), sa.ForeignKey("datasets.id")),
        sa.Column("data_as_of", sa.Date()),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
        sqlite_autoincrement=True,
    )


def _rebuild_sqlite_imports(bind: sa.Connection) -> None:
    raw = bind.connection.driver_connection
    if raw.in_transaction:  # type: ignore[union-attr]
        raw.commit()  # type: ignore[union-attr]
    raw.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
    try:
        _imports_table("imports_new").create(bind)
        bind.exec_driver_sql(f"INSERT INTO imports_new ({_COPIED}) SELECT {_COPIED} FROM imports")
        bind.exec_driver_sql("DROP TABLE imports")
        bind.exec_driver_sql("ALTER TABLE imports_new RENAME TO imports")
        raw.commit()  # type: ignore[union-attr]
    except Exception:
        raw.rollback()  # type: ignore[union-attr]
        raise
    finally:
        raw.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def _signature(headers: list[str]) -> str:
    from data.ingest.report import mapping_signature

    return mapping_signature(headers)


def _backfill(bind: sa.Connection) -> None:
    """Group existing imports into datasets by header signature; compute their data date."""
    rows = bind.execute(sa.text(
        "SELECT id, filename, mapping, imported_at FROM imports ORDER BY id")).all()
    datasets: dict[str, int] = {}
    now = datetime.now(UTC)
    for import_id, filename, mapping, _imported_at in rows:
        if isinstance(mapping, str):
            import json

            mapping = json.loads(mapping)
        signature = _signature(list((mapping or {}).keys()))
        if signature not in datasets:
            datasets[signature] = bind.execute(
                sa.text("INSERT INTO datasets (name, signature, created_at) "
                        "VALUES (:n, :s, :c) RETURNING id"),
                {"n": PurePath(filename).stem or filename, "s": signature, "c": now},
            ).scalar_one()
        latest = bind.execute(sa.text(
            "SELECT MAX(last_activity_date), MAX(closed_date), MAX(created_date) "
            "FROM deals WHERE import_id = :i"), {"i": import_id}).one()
        days = [d if isinstance(d, date) else date.fromisoformat(str(d)[:10])
                for d in latest if d is not None]
        bind.execute(
            sa.text("UPDATE imports SET dataset_id = :d, data_as_of = :a WHERE id = :i"),
            {"d": datasets[signature], "a": max(days) if days else None, "i": import_id},
        )


def upgrade() -> None:
    bind = op.get_bind()
    op.create_table(
        "datasets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("signature", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_datasets_signature", "datasets", ["signature"])
    op.create_table(
        "app_settings",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    if bind.dialect.name == "sqlite":
        _rebuild_sqlite_imports(bind)
    else:
        op.add_column("imports", sa.Column("dataset_id", sa.Integer(),
                                           sa.ForeignKey("datasets.id"), nullable=True))
        op.add_column("imports", sa.Column("data_as_of", sa.Date(), nullable=True))
        op.add_column("imports", sa.Column("deleted_at", sa.DateTime(timezone=True)))
        op.drop_constraint("imports_checksum_key", "imports", type_="unique")
    op.create_index("ix_imports_dataset_id", "imports", ["dataset_id"])
    op.create_index("ux_imports_checksum_live", "imports", ["checksum"], unique=True,
                    sqlite_where=_LIVE, postgresql_where=_LIVE)
    _backfill(bind)


def downgrade() -> None:
    op.drop_index("ux_imports_checksum_live", "imports")
    op.drop_index("ix_imports_dataset_id", "imports")
    op.execute("DELETE FROM deals WHERE import_id IN "
               "(SELECT id FROM imports WHERE deleted_at IS NOT NULL)")
    op.execute("DELETE FROM imports WHERE deleted_at IS NOT NULL")
    with op.batch_alter_table("imports") as batch:
        batch.drop_column("deleted_at")
        batch.drop_column("data_as_of")
        batch.drop_column("dataset_id")
        batch.create_unique_constraint("imports_checksum_key", ["checksum"])
    op.drop_table("app_settings")
    op.drop_index("ix_datasets_signature", "datasets")
    op.drop_table("datasets")
