"""The one door for writes: imports, deletions and restores, datasets, stage and settings edits,
and the deals, activities and audit trail of pipelines kept in the app (``data.entry``).

Every function writes in one transaction through ``data.store`` and returns the new data
version, the value the UI puts in its data-version store so that every page recomputes.
Callbacks and the CLI call these functions; none of them reaches the engine for a write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine

from data import entry, history, store
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


# -- pipelines kept in the app (issue 14, ``data.entry``) ------------------------------------
def create_pipeline(engine: Engine, name: str, *, from_import: int | None = None) -> int:
    """A new editable pipeline, empty or continuing from an import; its dataset id.

    Raises:
        EntryError: no name, or the import is not there (nothing written).
    """
    return entry.create_pipeline(engine, name, from_import=from_import)


def add_deal(engine: Engine, dataset_id: int, values: Mapping[str, Any], author: str, *,
             locale: str = "en", default_currency: str = "EUR") -> entry.Change:
    """Add a deal checked like an imported row (``EntryError``: the importer's messages)."""
    return entry.add_deal(engine, dataset_id, values, author, locale=locale,
                          default_currency=default_currency)


def edit_deal(engine: Engine, dataset_id: int, deal_id: str, values: Mapping[str, Any],
              expected_version: int, author: str, *, locale: str = "en",
              default_currency: str = "EUR") -> entry.Change:
    """Edit a deal; ``ConflictError`` when someone saved it since ``expected_version``."""
    return entry.edit_deal(engine, dataset_id, deal_id, values, expected_version, author,
                           locale=locale, default_currency=default_currency)


def close_deal(engine: Engine, dataset_id: int, deal_id: str, outcome: str,
               expected_version: int, author: str) -> entry.Change:
    """Close a deal as won or lost (optimistic locking as :func:`edit_deal`)."""
    return entry.close_deal(engine, dataset_id, deal_id, outcome, expected_version, author)


def delete_deal(engine: Engine, dataset_id: int, deal_id: str, expected_version: int,
                author: str) -> entry.Change:
    """Delete a deal (restorable for the undo delay of Settings)."""
    return entry.delete_deal(engine, dataset_id, deal_id, expected_version, author)


def restore_deal(engine: Engine, dataset_id: int, deal_id: str, author: str) -> entry.Change:
    """Restore a deleted deal as it was."""
    return entry.restore_deal(engine, dataset_id, deal_id, author)


def close_deals(engine: Engine, dataset_id: int, deal_ids: Sequence[str], outcome: str,
                author: str) -> int:
    """Close several deals at once (a bulk change: a snapshot is kept first); the version."""
    return entry.close_deals(engine, dataset_id, deal_ids, outcome, author)


def log_activity(engine: Engine, dataset_id: int, deal_id: str, kind: str, on: Any,
                 author: str, note: str) -> entry.Change:
    """Log a call, e-mail, meeting or note on a deal (its last activity follows)."""
    return entry.log_activity(engine, dataset_id, deal_id, kind, on, author, note)
