"""The one door for writes: imports, deletions and restores, datasets, stage and settings edits.

Every function writes in one transaction through ``data.store`` and returns the new data
version, the value the UI puts in its data-version store so that every page recomputes.
Callbacks and the CLI call these functions; none of them reaches the engine for a write.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from data import history, store, users
from data.store import ParsedLike, SaveResult


def save_import(
    engine: Engine,
    parsed: ParsedLike,
    *,
    remember: str | None = None,
    replace: int | None = None,
    sheet: str | None = None,
) -> SaveResult:
    """Write an import, its remembered mapping and the removal it replaces, in one transaction.

    ``SaveResult.data_version`` is the version after the write (the current one when nothing
    was written because the same version of the file is already there).
    """
    saved = store.save_import(engine, parsed, remember=remember, replace=replace, sheet=sheet)
    if saved.data_version is None:
        return SaveResult(saved.import_id, saved.created, store.data_version(engine))
    return saved


def delete_import(engine: Engine, import_id: int) -> int:
    """Delete an import (soft: undoable until purged, ``data.history``); the new data version.

    Raises:
        LookupError: no live import has this id (already deleted, or never there).
    """
    if not store.delete_import(engine, import_id):
        raise LookupError(f"import #{import_id} is not there (already deleted?)")
    return store.data_version(engine)


def restore_import(engine: Engine, import_id: int) -> int:
    """Undo a deletion; the new data version.

    Raises:
        LookupError: the import was purged, is live, or its file was imported again.
    """
    if not history.restore(engine, import_id):
        raise LookupError(f"import #{import_id} cannot be restored (purged, or its file was "
                          "imported again)")
    return store.data_version(engine)


def move_to_dataset(engine: Engine, import_id: int, dataset_id: int | None) -> tuple[int, int]:
    """Put an import in another dataset (None: one of its own); (dataset id, data version).

    Raises:
        ValueError: no such import or dataset.
    """
    dataset = history.move_to_dataset(engine, import_id, dataset_id)
    return dataset, store.data_version(engine)


def save_settings(engine: Engine, values: dict[str, float | None]) -> int:
    """Store edited thresholds, all or nothing; the new data version.

    Raises:
        ValueError: an unknown key or a value out of bounds (nothing is written).
    """
    history.save_settings(engine, values)
    return store.data_version(engine)


def set_stage_settings(
    engine: Engine, settings: Sequence[tuple[str, float | None, int | None]]
) -> int:
    """Save stage (label, probability 0–1, position) edits, all or nothing; the new version.

    Raises:
        ValueError: a probability outside 0–1 (nothing is written).
    """
    store.set_stage_settings(engine, settings)
    return store.data_version(engine)


def reset_stage_settings(engine: Engine) -> int:
    """Forget every stage edit (back to the built-in defaults); the new data version."""
    store.reset_stage_settings(engine)
    return store.data_version(engine)


def add_user(engine: Engine, name: str, password: str) -> users.UserInfo:
    """Create a login user (``data.users.add_user``); no data version change."""
    return users.add_user(engine, name, password)


def create_token(engine: Engine, name: str) -> str:
    """A new API token for a user (``data.users.create_token``), shown once."""
    return users.create_token(engine, name)
