"""Initial schema: imports, deals, stage settings, remembered mappings, meta.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_BIGINT = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_INDEXED = ("status", "stage", "source", "sector", "owner", "expected_close_date")


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filename", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(64), nullable=False, unique=True),
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
    )
    op.create_table(
        "deals",
        sa.Column("id", _BIGINT, primary_key=True, autoincrement=True),
        sa.Column(
            "import_id",
            sa.Integer(),
            sa.ForeignKey("imports.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source_row", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Text()),
        sa.Column("name", sa.Text()),
        sa.Column("account", sa.Text()),
        sa.Column("stage", sa.Text()),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("amount", sa.Numeric(18, 2)),
        sa.Column("currency", sa.String(8)),
        sa.Column("probability", sa.Float()),
        sa.Column("source", sa.Text()),
        sa.Column("sector", sa.Text()),
        sa.Column("owner", sa.Text()),
        sa.Column("created_date", sa.Date()),
        sa.Column("expected_close_date", sa.Date()),
        sa.Column("closed_date", sa.Date()),
        sa.Column("last_activity_date", sa.Date()),
        sa.Column("notes", sa.Text()),
    )
    for name in _INDEXED:
        op.create_index(f"ix_deals_import_{name}", "deals", ["import_id", name])
    op.create_index("ix_deals_import_deal_id", "deals", ["import_id", "deal_id"])
    op.create_table(
        "stage_settings",
        sa.Column("stage_key", sa.Text(), primary_key=True),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("probability", sa.Float()),
        sa.Column("position", sa.Integer()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "mapping_memory",
        sa.Column("signature", sa.String(64), primary_key=True),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(32), primary_key=True),
        sa.Column("value", _BIGINT, nullable=False),
    )
    op.bulk_insert(
        sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.BigInteger)),
        [{"key": "data_version", "value": 1}],
    )


def downgrade() -> None:
    for table in ("meta", "mapping_memory", "stage_settings", "deals", "imports"):
        op.drop_table(table)
