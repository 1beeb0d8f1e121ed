"""What callbacks use to write: import sessions and ``data.writes``, bound to the running app.

The only place in ``callbacks/`` that reaches the app's engine for a write; every function
returns the new data version (or a session whose confirm does), which callbacks put in the
data-version store.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from flask import current_app

from data import writes
from data.config import Settings
from data.entry import Change
from data.import_session import ImportOutcome, ImportSession
from data.importer import import_file
from data.staging import StagedFile, max_upload_bytes, staging_dir


def _crm() -> dict[str, Any]:
    return current_app.extensions["crm"]  # type: ignore[no-any-return]


def _settings() -> Settings:
    return _crm()["settings"]  # type: ignore[no-any-return]


def upload_dir() -> Path:
    """The staging directory of uploads."""
    return staging_dir(_settings())


def upload_limit() -> int:
    """The upload size limit in bytes."""
    return max_upload_bytes(_settings())


def fresh_connections() -> None:
    """In a background job (a forked process): never reuse the parent's pooled connections."""
    crm = _crm()
    for engine in {crm["engine"], crm["manager"].reader}:
        engine.dispose(close=False)


def open_session(files: Sequence[StagedFile]) -> ImportSession:
    """An import session on the app's database with the app's settings."""
    return ImportSession(_crm()["engine"], _settings(), files)


def import_bytes(content: bytes, filename: str) -> ImportOutcome:
    """Import bytes in one go (the sample button): the whole session, no dialog."""
    return import_file(_crm()["engine"], content, filename, settings=_settings())


def delete_import(import_id: int) -> int:
    """Delete an import (undoable); the new data version. LookupError: not there."""
    return writes.delete_import(_crm()["engine"], import_id)


def restore_import(import_id: int) -> int:
    """Undo a deletion; the new data version. LookupError: cannot be restored."""
    return writes.restore_import(_crm()["engine"], import_id)


def move_to_dataset(import_id: int, dataset_id: int | None) -> tuple[int, int]:
    """Put an import in another dataset; (dataset id, data version). ValueError: refused."""
    return writes.move_to_dataset(_crm()["engine"], import_id, dataset_id)


def save_settings(values: dict[str, float | None]) -> int:
    """Store edited thresholds; the new data version. ValueError: refused, nothing written."""
    return writes.save_settings(_crm()["engine"], values)


def set_stage_settings(changes: Sequence[tuple[str, float | None, int | None]]) -> int:
    """Save stage edits; the new data version."""
    return writes.set_stage_settings(_crm()["engine"], changes)


def reset_stage_settings() -> int:
    """Back to the built-in stage table; the new data version."""
    return writes.reset_stage_settings(_crm()["engine"])


def warm(import_id: int) -> None:
    """Let the read side prepare a new import before its first page view."""
    _crm()["manager"].warm(import_id)


# -- pipelines kept in the app (issue 14) ---------------------------------------------------------
def create_pipeline(name: str, from_import: int | None) -> tuple[int, int]:
    """A new pipeline kept in the app; (dataset id, data version). EntryError: refused."""
    engine = _crm()["engine"]
    dataset = writes.create_pipeline(engine, name, from_import=from_import)
    return dataset, _crm()["manager"].version()


def add_deal(dataset_id: int, values: dict[str, Any], author: str, locale: str) -> Change:
    """Add a deal, read in the page's locale with the app's default currency."""
    return writes.add_deal(_crm()["engine"], dataset_id, values, author, locale=locale,
                           default_currency=_settings().default_currency)


def edit_deal(dataset_id: int, deal_id: str, values: dict[str, Any], expected_version: int,
              author: str, locale: str) -> Change:
    """Edit a deal (ConflictError when someone saved it first)."""
    return writes.edit_deal(_crm()["engine"], dataset_id, deal_id, values, expected_version,
                            author, locale=locale,
                            default_currency=_settings().default_currency)


def close_deal(dataset_id: int, deal_id: str, outcome: str, expected_version: int,
               author: str) -> Change:
    """Close a deal as won or lost."""
    return writes.close_deal(_crm()["engine"], dataset_id, deal_id, outcome, expected_version,
                             author)


def delete_deal(dataset_id: int, deal_id: str, expected_version: int, author: str) -> Change:
    """Delete a deal (restorable)."""
    return writes.delete_deal(_crm()["engine"], dataset_id, deal_id, expected_version, author)


def restore_deal(dataset_id: int, deal_id: str, author: str) -> Change:
    """Restore a deleted deal."""
    return writes.restore_deal(_crm()["engine"], dataset_id, deal_id, author)


def log_activity(dataset_id: int, deal_id: str, kind: str, on: Any, author: str,
                 note: str) -> Change:
    """Log an activity on a deal."""
    return writes.log_activity(_crm()["engine"], dataset_id, deal_id, kind, on, author, note)
