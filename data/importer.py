"""The import path shared by the UI, the CLI and the sample loader: one import session.

:func:`import_file` and :func:`import_path` run a whole :class:`data.import_session.ImportSession`
(stage → confirm) for callers without a dialog: the CLI, the sample button, test fixtures.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from data.config import Settings, load_settings
from data.import_session import ImportOutcome, ImportSession, Mapping, Reimport
from data.staging import UploadTooLarge, max_upload_bytes, stage_bytes, stage_path

__all__ = ["ImportOutcome", "checksum", "import_file", "import_files", "import_path"]


def checksum(content: bytes) -> str:
    """SHA-256 of the raw bytes: the identity of a file."""
    return hashlib.sha256(content).hexdigest()


def import_path(
    engine: Engine,
    path: Path,
    mapping: Mapping | None = None,
    sheet: str | None = None,
    *,
    settings: Settings | None = None,
    reimport: Reimport = "ask",
) -> ImportOutcome:
    """Import a file on disk (read in place, hashed once)."""
    return import_paths(engine, [path], mapping, sheet, settings=settings, reimport=reimport)


def import_paths(
    engine: Engine,
    paths: list[Path],
    mapping: Mapping | None = None,
    sheet: str | None = None,
    *,
    settings: Settings | None = None,
    reimport: Reimport = "ask",
) -> ImportOutcome:
    """Import files on disk as one snapshot: one file, or a deals export with related exports
    (companies, contacts, activities) joined onto it (``data.ingest.join``).
    """
    settings = settings or load_settings()
    try:
        staged = [stage_path(path, max_upload_bytes(settings)) for path in paths]
    except UploadTooLarge as error:
        return ImportOutcome(None, created=False, already_imported=False,
                             summary={"filename": " + ".join(p.name for p in paths)},
                             refused=str(error))
    return ImportSession(engine, settings, staged).confirm(mapping, sheet, reimport=reimport)


def import_files(
    engine: Engine,
    files: list[tuple[bytes, str]],
    mapping: Mapping | None = None,
    sheet: str | None = None,
    *,
    settings: Settings | None = None,
    reimport: Reimport = "ask",
) -> ImportOutcome:
    """Import related exports given as bytes as one snapshot (see :func:`import_paths`)."""
    settings = settings or load_settings()
    with tempfile.TemporaryDirectory(prefix="crm-import-") as directory:
        try:
            staged = [stage_bytes(Path(directory), content, name, max_upload_bytes(settings))
                      for content, name in files]
        except UploadTooLarge as error:
            return ImportOutcome(None, created=False, already_imported=False,
                                 summary={"filename": " + ".join(n for _c, n in files)},
                                 refused=str(error))
        return ImportSession(engine, settings, staged).confirm(mapping, sheet, reimport=reimport)


def import_file(
    engine: Engine,
    content: bytes,
    filename: str,
    mapping: Mapping | None = None,
    sheet: str | None = None,
    *,
    settings: Settings | None = None,
    reimport: Reimport = "ask",
) -> ImportOutcome:
    """Import bytes (the sample, tests): staged in a temporary directory for the session."""
    return import_files(engine, [(content, filename)], mapping, sheet, settings=settings,
                        reimport=reimport)
