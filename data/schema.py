"""Database schema (SQLAlchemy 2 typed models). Alembic migrations in ``migrations/`` create it.

One ``imports`` row per import (a snapshot), its ``deals`` rows hold the canonical fields of
METRICS.md. Imports are immutable once written: that is what lets aggregates be cached by data
version and what makes re-importing the same file a no-op. Imports of one source belong to one
``datasets`` row (a series of snapshots over time). Ids of imports and datasets are never
reused (``AUTOINCREMENT`` on SQLite, a sequence on PostgreSQL), so a link to an import can never
show another file; a deleted import is first only marked (``deleted_at``) and purged later.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Columns the filter bar filters on; each gets an ``(import_id, column)`` index.
INDEXED_DEAL_COLUMNS = ("status", "stage", "source", "sector", "owner", "expected_close_date")


class Base(DeclarativeBase):
    """Declarative base of every table."""


class Dataset(Base):
    """Imports of one source (same header signature, or grouped by the user) over time."""

    __tablename__ = "datasets"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    #: ``mapping_signature`` of the headers of its first import (None: made by the user).
    signature: Mapped[str | None] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: Kept in the app (issue 14): its newest import is the pipeline's current state.
    editable: Mapped[bool] = mapped_column(Boolean, server_default=text("false"), default=False)


class ImportRecord(Base):
    """One uploaded file, kept so that imports can be compared over time."""

    __tablename__ = "imports"
    __table_args__ = (
        # One live import per file; a soft-deleted one does not block importing it again.
        Index("ux_imports_checksum_live", "checksum", unique=True,
              sqlite_where=text("deleted_at IS NULL"),
              postgresql_where=text("deleted_at IS NULL")),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filename: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    file_format: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(32))
    delimiter: Mapped[str | None] = mapped_column(String(4))
    rows_total: Mapped[int] = mapped_column(Integer)
    rows_imported: Mapped[int] = mapped_column(Integer)
    rows_rejected: Mapped[int] = mapped_column(Integer)
    warnings_count: Mapped[int] = mapped_column(Integer)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)
    dataset_id: Mapped[int | None] = mapped_column(ForeignKey("datasets.id"), index=True)
    #: The latest activity, close or creation date the file holds ("data as of").
    data_as_of: Mapped[date | None] = mapped_column(Date)
    #: Set by a deletion (undoable); the import is purged some days later.
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Deal(Base):
    """One deal of one import, in canonical form (METRICS.md, "The deal")."""

    __tablename__ = "deals"
    __table_args__ = tuple(
        Index(f"ix_deals_import_{name}", "import_id", name) for name in INDEXED_DEAL_COLUMNS
    ) + (Index("ix_deals_import_deal_id", "import_id", "deal_id"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    import_id: Mapped[int] = mapped_column(ForeignKey("imports.id", ondelete="CASCADE"))
    source_row: Mapped[int] = mapped_column(Integer)
    deal_id: Mapped[str | None] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    account: Mapped[str | None] = mapped_column(Text)
    stage: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(8))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(8))
    probability: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(Text)
    created_date: Mapped[date | None] = mapped_column(Date)
    expected_close_date: Mapped[date | None] = mapped_column(Date)
    closed_date: Mapped[date | None] = mapped_column(Date)
    last_activity_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    #: Bumped by every edit made in the app; an edit made on an older version is refused.
    row_version: Mapped[int] = mapped_column(Integer, server_default=text("0"), default=0)


class DealActivity(Base):
    """A call, e-mail, meeting or note on a deal of an editable dataset (issue 14).

    Keyed by the deal's ``deal_id`` in its dataset: the deal's rows are copied into a new
    import at each snapshot, its activities stay put.
    """

    __tablename__ = "deal_activities"
    __table_args__ = (Index("ix_deal_activities_deal", "dataset_id", "deal_id"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"))
    deal_id: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    activity_date: Mapped[date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DealAudit(Base):
    """One change to a deal of an editable dataset: who, when, which field, old → new.

    ``action`` is create, edit, close, delete or restore; a deletion keeps the whole deal in
    ``deal`` (canonical fields, JSON) so that it can be restored.
    """

    __tablename__ = "deal_audit"
    __table_args__ = (Index("ix_deal_audit_deal", "dataset_id", "deal_id"),
                      {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"))
    deal_id: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    author: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    deal: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class StageSettingRecord(Base):
    """A stage probability or position the user set in the app (keyed by the folded label)."""

    __tablename__ = "stage_settings"

    stage_key: Mapped[str] = mapped_column(Text, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    probability: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MappingMemory(Base):
    """A confirmed column mapping, proposed again for the next file with the same headers."""

    __tablename__ = "mapping_memory"

    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    mapping: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AppSetting(Base):
    """A setting the user edits in the app (cold-deal threshold…), overriding the default."""

    __tablename__ = "app_settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Meta(Base):
    """Key/value facts about the database; ``data_version`` changes with every write.

    Cached aggregates are keyed by it, so a new import, a deletion or a stage edit can never
    leave a stale figure on screen, whichever worker serves the request.
    """

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
