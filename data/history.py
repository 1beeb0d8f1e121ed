"""Imports over time: datasets of snapshots, soft deletion and purge, the data's own date.

A *dataset* is the series of imports of one source: files whose headers fold to the same
signature join the dataset of the newest live import with that signature, unless the user
chose another one. Trends ("since the previous import") compare only snapshots of one dataset.

Deleting an import only marks it (``deleted_at``): it disappears from every list at once and
can be restored until it is purged, ``purge_after_days`` later, by the next write. Import ids
are never reused (migration 0003), so a link to a deleted import can say so.

Everything here is plain SQLAlchemy/pandas (no Dash); the pure helpers take the list of live
imports the read side already has, so resolving a link costs no extra query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from data.schema import AppSetting, Dataset, Deal, ImportRecord
from data.texts import N_, Text

if TYPE_CHECKING:
    from data.store import ImportInfo

#: An export whose latest date is more than this many days before today is not "current":
#: its indicators are computed as of its own date (issue 10, point 6).
STALE_AFTER_DAYS = 45
#: The date columns that say how recent a file's data is (expected close dates look ahead).
AS_OF_COLUMNS = ("last_activity_date", "closed_date", "created_date")


# -- datasets -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class DatasetInfo:
    """One dataset as the filter bar and Settings list it."""

    id: int
    name: str
    imports: int
    newest_import_id: int | None


def header_signature(parsed: Any) -> str:
    """The header signature of a parsed file (its mapping's keys are its headers, in order)."""
    from data.ingest.report import mapping_signature

    headers = getattr(parsed, "headers", None) or list(parsed.mapping.keys())
    return mapping_signature(list(headers))


def data_as_of(deals: pd.DataFrame) -> date | None:
    """The latest activity, close or creation date the deals hold (None if they hold none)."""
    latest: list[pd.Timestamp] = []
    for column in AS_OF_COLUMNS:
        if column in deals:
            value = pd.to_datetime(deals[column], errors="coerce").max()
            if pd.notna(value):
                latest.append(pd.Timestamp(value))
    return max(latest).date() if latest else None


def assign_dataset(
    conn: Connection, import_id: int, parsed: Any, dataset_id: int | None = None
) -> int:
    """Put a just-written import in its dataset, inside the import's own transaction.

    ``dataset_id`` is the user's choice; otherwise the dataset of the newest live import with
    the same header signature, else a new dataset named after the file. Also records the
    file's "data as of" date. Returns the dataset id.
    """
    signature = header_signature(parsed)
    if dataset_id is None:
        dataset_id = conn.execute(
            select(ImportRecord.dataset_id)
            .join(Dataset, Dataset.id == ImportRecord.dataset_id)
            .where(Dataset.signature == signature, ImportRecord.deleted_at.is_(None),
                   ImportRecord.id != import_id)
            .order_by(ImportRecord.id.desc())
            .limit(1)
        ).scalar_one_or_none()
    if dataset_id is None:
        name = PurePath(parsed.filename).stem or parsed.filename
        dataset_id = int(conn.execute(
            insert(Dataset).values(name=name, signature=signature, created_at=datetime.now(UTC))
            .returning(Dataset.id)
        ).scalar_one())
    conn.execute(update(ImportRecord).where(ImportRecord.id == import_id).values(
        dataset_id=dataset_id, data_as_of=data_as_of(parsed.deals)))
    return int(dataset_id)


def list_datasets(engine: Engine) -> list[DatasetInfo]:
    """Datasets with at least one live import, most recently imported first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(Dataset.id, Dataset.name, func.count(ImportRecord.id),
                   func.max(ImportRecord.id))
            .join(ImportRecord, ImportRecord.dataset_id == Dataset.id)
            .where(ImportRecord.deleted_at.is_(None))
            .group_by(Dataset.id, Dataset.name)
            .order_by(func.max(ImportRecord.id).desc())
        ).all()
    return [DatasetInfo(int(r[0]), r[1], int(r[2]), int(r[3])) for r in rows]


def dataset_of(engine: Engine, import_id: int) -> int | None:
    """The dataset an import belongs to (deleted imports included), or None."""
    with engine.connect() as conn:
        found = conn.execute(
            select(ImportRecord.dataset_id).where(ImportRecord.id == import_id)
        ).scalar_one_or_none()
    return None if found is None else int(found)


def imports_of_dataset(engine: Engine, dataset_id: int) -> list[int]:
    """Ids of the live snapshots of a dataset, oldest first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(ImportRecord.id)
            .where(ImportRecord.dataset_id == dataset_id, ImportRecord.deleted_at.is_(None))
            .order_by(ImportRecord.imported_at, ImportRecord.id)
        ).scalars().all()
    return [int(i) for i in rows]


def move_to_dataset(engine: Engine, import_id: int, dataset_id: int | None) -> int:
    """The user's choice: put an import in another dataset (None: a dataset of its own)."""
    from data.store import _bump_version

    with engine.begin() as conn:
        record = conn.execute(
            select(ImportRecord.filename).where(ImportRecord.id == import_id)
        ).scalar_one_or_none()
        if record is None:
            raise ValueError(Text(N_("import #{id} does not exist"), id=import_id))
        if dataset_id is None:
            dataset_id = int(conn.execute(
                insert(Dataset).values(name=PurePath(record).stem or record, signature=None,
                                       created_at=datetime.now(UTC)).returning(Dataset.id)
            ).scalar_one())
        elif conn.execute(select(Dataset.id).where(Dataset.id == dataset_id)).first() is None:
            raise ValueError(Text(N_("dataset #{id} does not exist"), id=dataset_id))
        conn.execute(update(ImportRecord).where(ImportRecord.id == import_id)
                     .values(dataset_id=dataset_id))
        _bump_version(conn)
    return int(dataset_id)


# -- resolving what a link asks for (pure, over the live imports, newest first) ---------------
def resolve(
    imports: Sequence[ImportInfo], import_id: int | None, dataset_id: int | None = None
) -> ImportInfo | None:
    """The snapshot a link shows.

    The import it names when it is live; else the newest snapshot of the dataset it names;
    else the newest snapshot of the most recently imported dataset (the newest import). A
    deleted import is never silently swapped for another file: the filter bar says it was
    deleted (:func:`import_status`) and the newest snapshot of the same dataset is shown.
    """
    if import_id is not None:
        found = next((i for i in imports if i.id == import_id), None)
        if found is not None:
            return found
    if dataset_id is not None:
        found = next((i for i in imports if i.dataset_id == dataset_id), None)
        if found is not None:
            return found
    return imports[0] if imports else None


def previous_snapshot(imports: Sequence[ImportInfo], info: ImportInfo) -> ImportInfo | None:
    """The snapshot of the same dataset imported just before ``info`` (None: it is the first)."""
    older = [
        i for i in imports
        if i.dataset_id == info.dataset_id and (i.imported_at, i.id) < (info.imported_at, info.id)
    ]
    return max(older, key=lambda i: (i.imported_at, i.id)) if older else None


def default_as_of(info: ImportInfo | None, today: date) -> date:
    """The analysis date when the link sets none: today, or the file's own date if it is old.

    A current export is analysed as of today; a file whose dates all end more than
    ``STALE_AFTER_DAYS`` before today (an old export, a public dataset) as of its latest
    activity/close/creation date, so that open deals are not all overdue.
    """
    stamp = getattr(info, "data_as_of", None)
    if stamp is not None and stamp < today - timedelta(days=STALE_AFTER_DAYS):
        return stamp  # type: ignore[no-any-return]
    return today


# -- deletion -----------------------------------------------------------------------------------
ImportStatus = Literal["live", "deleted", "purged", "unknown"]


@dataclass(frozen=True)
class ImportState:
    """What became of an import id a link names."""

    status: ImportStatus
    filename: str | None = None
    deleted_at: datetime | None = None


def import_status(engine: Engine, import_id: int) -> ImportState:
    """Whether an import is live, deleted (restorable), purged, or never existed.

    Ids are never reused, so an id at or below the highest one ever handed out that has no
    row was purged.
    """
    with engine.connect() as conn:
        row = conn.execute(
            select(ImportRecord.filename, ImportRecord.deleted_at)
            .where(ImportRecord.id == import_id)
        ).first()
        if row is not None:
            status: ImportStatus = "live" if row.deleted_at is None else "deleted"
            return ImportState(status, row.filename, row.deleted_at)
        highest = _highest_import_id(conn)
    return ImportState("purged" if 0 < import_id <= highest else "unknown")


def _highest_import_id(conn: Connection) -> int:
    """The highest import id ever handed out (SQLite's sequence table, PostgreSQL's sequence)."""
    if conn.dialect.name == "postgresql":
        value = conn.exec_driver_sql(
            "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM imports_id_seq"
        ).scalar()
    else:
        value = conn.exec_driver_sql(
            "SELECT seq FROM sqlite_sequence WHERE name = 'imports'"
        ).scalar()
    return int(value or 0)


def soft_delete(engine: Engine, import_id: int) -> bool:
    """Hide an import at once (undoable until purged); False when it is not live."""
    from data.store import _bump_version

    with engine.begin() as conn:
        done = conn.execute(
            update(ImportRecord)
            .where(ImportRecord.id == import_id, ImportRecord.deleted_at.is_(None))
            .values(deleted_at=datetime.now(UTC))
        ).rowcount
        if done:
            _bump_version(conn)
    return bool(done)


def restore(engine: Engine, import_id: int) -> bool:
    """Undo a deletion. False when the import is gone, live, or its file was imported again."""
    from data.store import _bump_version

    with engine.begin() as conn:
        row = conn.execute(
            select(ImportRecord.checksum, ImportRecord.deleted_at)
            .where(ImportRecord.id == import_id)
        ).first()
        if row is None or row.deleted_at is None:
            return False
        clash = conn.execute(
            select(ImportRecord.id)
            .where(ImportRecord.checksum == row.checksum, ImportRecord.deleted_at.is_(None))
        ).first()
        if clash is not None:
            return False
        conn.execute(update(ImportRecord).where(ImportRecord.id == import_id)
                     .values(deleted_at=None))
        _bump_version(conn)
    return True


def deleted_imports(engine: Engine) -> list[tuple[int, str, datetime]]:
    """Imports deleted but not yet purged (id, filename, when), newest deletion first."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(ImportRecord.id, ImportRecord.filename, ImportRecord.deleted_at)
            .where(ImportRecord.deleted_at.is_not(None))
            .order_by(ImportRecord.deleted_at.desc())
        ).all()
    return [(int(r[0]), r[1], r[2]) for r in rows if r[2] is not None]


def purge_expired(conn: Connection, now: datetime | None = None) -> int:
    """Delete for good the imports deleted more than ``purge_after_days`` ago.

    Runs inside every write transaction (``store._bump_version``): purging needs no scheduler
    and never happens half-way. Returns how many imports were purged.
    """
    days = read_setting(conn, "purge_after_days")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    expired = conn.execute(
        select(ImportRecord.id).where(ImportRecord.deleted_at.is_not(None),
                                      ImportRecord.deleted_at <= cutoff)
    ).scalars().all()
    if expired:
        conn.execute(delete(Deal).where(Deal.import_id.in_(expired)))
        conn.execute(delete(ImportRecord).where(ImportRecord.id.in_(expired)))
    return len(expired)


# -- settings the user edits in the app ----------------------------------------------------------
@dataclass(frozen=True)
class SettingSpec:
    """A setting editable on the Settings page: its default, bounds and label."""

    default: float
    low: float
    high: float
    label: str
    integer: bool = True


SETTINGS: dict[str, SettingSpec] = {
    "cold_days": SettingSpec(14, 1, 3650, N_("Cold deal: days without activity (METRICS.md)")),
    "purge_after_days": SettingSpec(7, 0, 3650, N_("Deleted imports can be restored for (days)")),
}


def read_setting(conn: Connection, key: str, default: float | None = None) -> float:
    """A setting's stored value, else ``default``, else its built-in default."""
    found = conn.execute(select(AppSetting.value).where(AppSetting.key == key)).scalar()
    if found is not None:
        return float(found)
    return float(SETTINGS[key].default if default is None else default)


def app_settings(engine: Engine, defaults: dict[str, float] | None = None) -> dict[str, float]:
    """Every editable setting: stored values over ``defaults`` (e.g. COLD_DAYS from the env)."""
    defaults = defaults or {}
    with engine.connect() as conn:
        stored = dict(conn.execute(select(AppSetting.key, AppSetting.value)).all())
    values = {key: float(defaults.get(key, spec.default)) for key, spec in SETTINGS.items()}
    values.update({k: float(v) for k, v in stored.items() if k in SETTINGS})
    return values


def save_settings(engine: Engine, values: dict[str, float | None]) -> None:
    """Store edited settings in one transaction, bumping the data version (None: default).

    All or nothing: an unknown key or a value out of bounds raises ValueError before anything
    is written.
    """
    from data.store import _bump_version

    for key, value in values.items():
        spec = SETTINGS.get(key)
        if spec is None:
            raise ValueError(Text(N_("unknown setting {key}"), key=repr(key)))
        if value is not None and not spec.low <= value <= spec.high:
            raise ValueError(Text(N_("{label}: {value} is outside {low}–{high}"),
                                  label=Text(spec.label), value=f"{value:g}",
                                  low=f"{spec.low:g}", high=f"{spec.high:g}"))
        if value is not None and spec.integer and value != int(value):
            raise ValueError(Text(N_("{label}: {value} must be a whole number"),
                                  label=Text(spec.label), value=f"{value:g}"))
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for key, value in values.items():
            conn.execute(delete(AppSetting).where(AppSetting.key == key))
            if value is not None:
                conn.execute(insert(AppSetting).values(key=key, value=value, updated_at=now))
        _bump_version(conn)
