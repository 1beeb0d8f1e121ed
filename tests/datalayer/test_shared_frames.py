"""Issue 9: one copy of an import per host, shared by the workers through an Arrow file.

A manager that warms an import writes the file; another manager on the same directory (another
worker) maps it without reading the database, and gets the very frame the database gives. A
damaged file is logged, removed and rebuilt from the database.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal
from sqlalchemy import Engine

from data import store
from data.importer import import_file
from data.memo import NoCache
from data.metrics import optimize_text_columns
from data.sample import sample_csv_bytes
from data.snapshots import SnapshotManager

AS_OF = date(2026, 11, 23)


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Values only: every column as objects, every missing value as None."""
    return frame.astype(object).where(frame.notna(), None)


def test_workers_share_one_arrow_copy(engine: Engine, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = import_file(engine, sample_csv_bytes(AS_OF, n=500), "sample.csv")
    assert outcome.import_id is not None
    expected = optimize_text_columns(store.load_deals(engine, outcome.import_id))

    first = SnapshotManager(engine, NoCache(), frames_dir=tmp_path)
    first.warm(outcome.import_id)
    files = list(tmp_path.glob("*.arrow"))
    assert len(files) == 1

    def no_database(*_: Any, **__: Any) -> pd.DataFrame:
        raise AssertionError("the second worker read the import from the database")

    monkeypatch.setattr(store, "load_deals", no_database)
    second = SnapshotManager(engine, NoCache(), frames_dir=tmp_path)
    snapshot = second.snapshot(second.version(), None)
    assert snapshot is not None
    shared = snapshot.deals[list(expected.columns)]
    # Same values; text is Arrow-backed ``str`` (mapped, shared) instead of Python objects.
    assert_frame_equal(_plain(shared), _plain(expected))
    assert isinstance(shared["deal_id"].dtype, pd.StringDtype)
    assert list(tmp_path.glob("*.arrow")) == files
    monkeypatch.undo()
    own = first.snapshot(first.version(), None)
    assert own is not None
    assert_frame_equal(own.deals, snapshot.deals)  # the writer uses the mapped copy too


def test_a_damaged_copy_is_rebuilt(engine: Engine, tmp_path: Path,
                                   caplog: pytest.LogCaptureFixture) -> None:
    outcome = import_file(engine, sample_csv_bytes(AS_OF, n=200), "sample.csv")
    assert outcome.import_id is not None
    SnapshotManager(engine, NoCache(), frames_dir=tmp_path).warm(outcome.import_id)
    (path,) = tmp_path.glob("*.arrow")
    path.write_bytes(b"not an arrow file")
    caplog.set_level(logging.WARNING, logger="data.shared_frames")
    manager = SnapshotManager(engine, NoCache(), frames_dir=tmp_path)
    snapshot = manager.snapshot(manager.version(), None)
    assert snapshot is not None and len(snapshot.deals) == 200
    assert any("unreadable" in r.getMessage() for r in caplog.records)
    assert path.read_bytes()[:6] == b"ARROW1"
