"""A random id per database, so caches shared by several databases never mix their entries.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    meta = sa.table("meta", sa.column("key", sa.String), sa.column("value", sa.BigInteger))
    op.bulk_insert(meta, [{"key": "database_id", "value": secrets.randbits(62)}])


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'database_id'")
