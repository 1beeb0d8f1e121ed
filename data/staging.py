"""Dropped files staged on disk, named by their SHA-256: hashed once, never in the shared cache.

A staged file is addressed by its checksum (the *token*), so any worker of the host can preview
or import what another one received, and the bytes of a large upload never sit in Redis or in
a process's memory longer than the request that brought them.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from data.config import Settings
from data.texts import N_, Text

_TOKEN: Final = re.compile(r"[0-9a-f]{64}")
_CHUNK: Final = 1 << 20
#: Staged files older than this are removed when a new file is staged.
STAGING_TTL_S: Final = 6 * 3600


class UploadTooLarge(ValueError):
    """A file above the configured size limit; ``str()`` is the message for the user."""

    def __init__(self, filename: str, size: int, limit: int) -> None:
        """Build the message: what, how big, the limit and what to do."""
        super().__init__(Text(
            N_("{file} is {size} MB, above the {limit} MB upload limit. Export fewer columns "
               "or a shorter period, or compress it as .csv.gz (the administrator can raise "
               "MAX_UPLOAD_MB)."),
            file=filename, size=f"{size / 2**20:.3g}", limit=f"{limit / 2**20:.3g}"))
        self.size = size
        self.limit = limit


@dataclass(frozen=True)
class StagedFile:
    """A file ready for an import session: where its bytes are, its name, identity and size."""

    path: Path
    filename: str
    checksum: str
    size: int

    def read(self, limit: int | None = None) -> bytes:
        """The bytes (the first ``limit`` bytes when given)."""
        with self.path.open("rb") as handle:
            return handle.read() if limit is None else handle.read(limit)


def staging_dir(settings: Settings) -> Path:
    """Where uploads are staged: ``UPLOAD_DIR``, else ``uploads/`` beside the cache directory."""
    return Path(settings.upload_dir or Path(settings.cache_dir).parent / "uploads")


def max_upload_bytes(settings: Settings) -> int:
    """The upload size limit in bytes (``MAX_UPLOAD_MB``)."""
    return int(settings.max_upload_mb * 2**20)


def stage_bytes(directory: Path, content: bytes, filename: str, max_bytes: int) -> StagedFile:
    """Write an upload to the staging directory (atomically) and hash it, once.

    Raises:
        UploadTooLarge: ``content`` is above ``max_bytes``; nothing is written.
    """
    if len(content) > max_bytes:
        raise UploadTooLarge(filename, len(content), max_bytes)
    directory.mkdir(parents=True, exist_ok=True)
    _sweep(directory)
    token = hashlib.sha256(content).hexdigest()
    target = directory / f"{token}.upload"
    if not target.exists():
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, target)
    else:
        os.utime(target)
    return StagedFile(target, filename, token, len(content))


def stage_path(path: Path, max_bytes: int | None = None) -> StagedFile:
    """A file already on disk (the CLI): hashed once by streaming, not copied.

    Raises:
        UploadTooLarge: the file is above ``max_bytes``.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise UploadTooLarge(path.name, size, max_bytes)
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return StagedFile(path, path.name, digest.hexdigest(), size)


def find_staged(directory: Path, token: str, filename: str) -> StagedFile | None:
    """The staged file of ``token`` (None when unknown, expired or not a token)."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    path = directory / f"{token}.upload"
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    return StagedFile(path, filename, token, size)


def artefact_path(staged: StagedFile, name: str) -> Path:
    """A file derived from a staged file (the rejected rows of one mapping), beside it."""
    return staged.path.with_name(f"{staged.checksum}.{name}")


def _sweep(directory: Path, now: float | None = None) -> None:
    """Remove staged files and artefacts older than :data:`STAGING_TTL_S`."""
    limit = (now or time.time()) - STAGING_TTL_S
    for entry in directory.iterdir():
        try:
            if entry.stat().st_mtime < limit:
                entry.unlink()
        except FileNotFoundError:
            continue
