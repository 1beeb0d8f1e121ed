"""Editable pipelines (issue 14): deals kept in the app, their activities and audit trail.

- ``datasets.editable``: the dataset is kept in the app; its newest import is the pipeline's
  current state (an import written by the editor), older ones are its snapshots.
- ``deals.row_version``: bumped by every edit of a deal in the app; an edit made on an older
  version is refused (optimistic locking, two concurrent edits never lose one silently).
- ``deal_activities``: calls, e-mails, meetings and notes of a deal of an editable dataset
  (keyed by the deal's ``deal_id``, which outlives the snapshots its rows are copied into).
- ``deal_audit``: who changed which field of a deal when, old → new; a deletion keeps the
  whole deal so that it can be restored.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("datasets", sa.Column("editable", sa.Boolean(), nullable=False,
                                        server_default=sa.false()))
    op.add_column("deals", sa.Column("row_version", sa.Integer(), nullable=False,
                                     server_default="0"))
    op.create_table(
        "deal_activities",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dataset_id", sa.Integer(),
                  sa.ForeignKey("datasets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("deal_id", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("activity_date", sa.Date(), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_deal_activities_deal", "deal_activities", ["dataset_id", "deal_id"])
    op.create_table(
        "deal_audit",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("dataset_id", sa.Integer(),
                  sa.ForeignKey("datasets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("deal_id", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("field", sa.String(32)),
        sa.Column("old_value", sa.Text()),
        sa.Column("new_value", sa.Text()),
        sa.Column("deal", sa.JSON()),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_deal_audit_deal", "deal_audit", ["dataset_id", "deal_id"])


def downgrade() -> None:
    op.drop_index("ix_deal_audit_deal", "deal_audit")
    op.drop_table("deal_audit")
    op.drop_index("ix_deal_activities_deal", "deal_activities")
    op.drop_table("deal_activities")
    with op.batch_alter_table("deals") as batch:
        batch.drop_column("row_version")
    with op.batch_alter_table("datasets") as batch:
        batch.drop_column("editable")
