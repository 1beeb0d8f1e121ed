"""One copy of an import per host: Arrow IPC files in the shared cache directory, memory-mapped.

Every worker process of a host maps the same file read-only, so the operating system keeps one
copy of the import's columns in its page cache for all of them instead of one private copy per
process (issue 9: 1.3 GB per process at a million deals). Text columns stay Arrow-backed in
pandas (``str`` dtype) and grouping columns are stored dictionary-encoded (``category``), so
reading the file builds a frame without copying its text. A file is written under a temporary
name and renamed into place: a reader sees a whole file or none. Files hold data only (no
pickles); an unreadable file is logged, removed and rebuilt from the database.
"""

from __future__ import annotations

import fcntl
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.ipc as ipc

log = logging.getLogger(__name__)


class SharedFrames:
    """Arrow IPC files of imports under one directory, named by the import's identity."""

    def __init__(self, directory: str | os.PathLike[str], keep: int = 6) -> None:
        """Use ``directory`` (created when missing), keeping the ``keep`` newest files."""
        self.directory = Path(directory)
        self.keep = keep

    def path(self, name: str) -> Path:
        """Where the frame called ``name`` (a hex digest) is stored."""
        return self.directory / f"{name}.arrow"

    def read(self, name: str) -> pd.DataFrame | None:
        """The stored frame, memory-mapped (None when absent or unreadable)."""
        path = self.path(name)
        try:
            source = pa.memory_map(str(path), "r")
            table = ipc.open_file(source).read_all()
        except FileNotFoundError:
            return None
        except (OSError, pa.ArrowInvalid) as error:
            log.warning("shared frame %s unreadable (%s); rebuilding it", path, error)
            path.unlink(missing_ok=True)
            return None
        return table.to_pandas(split_blocks=True, self_destruct=False)

    def read_or_make(self, name: str, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """The stored frame; else ``make()`` it once for the host, store it and map it.

        An exclusive file lock makes the other processes of the host wait for the one that
        builds the file instead of each reading the whole import from the database.
        """
        found = self.read(name)
        if found is not None:
            return found
        self.directory.mkdir(parents=True, exist_ok=True)
        with open(self.directory / f"{name}.lock", "wb") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                found = self.read(name)
                if found is not None:
                    return found
                self.write(name, make())
                mapped = self.read(name)
                assert mapped is not None, "a frame just written must be readable"
                return mapped
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def write(self, name: str, frame: pd.DataFrame) -> None:
        """Store ``frame`` atomically (temporary file, then rename)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        # pandas' ``str`` dtype is Arrow ``large_string``: stored as such, it is read without
        # a copy (a ``string`` column would be converted, i.e. copied, in every process).
        schema = pa.schema([f.with_type(pa.large_string()) if pa.types.is_string(f.type) else f
                            for f in table.schema], metadata=table.schema.metadata)
        table = table.cast(schema)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".arrow.tmp")
        try:
            with os.fdopen(fd, "wb") as sink, ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table, max_chunksize=1 << 20)
            os.replace(tmp, self.path(name))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._prune()

    def _prune(self) -> None:
        """Remove all but the ``keep`` newest files (deleted imports, older releases).

        A process that still maps a removed file keeps reading it (the inode lives on until it
        is unmapped); a process that asks for it again rebuilds it.
        """
        files = sorted(self.directory.glob("*.arrow"), key=_mtime, reverse=True)
        for old in files[self.keep:]:
            old.unlink(missing_ok=True)
            old.with_suffix(".lock").unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0
