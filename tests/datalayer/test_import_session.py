"""The import session on SQLite and PostgreSQL: work done once, one transaction, re-imports.

Issue 10: one hash per file and one parse per (mapping, sheet); the import and its remembered
mapping written together (a failure between them leaves neither); re-importing with another
mapping never replaces silently. Issue 9: the same file imported twice at once (the loser says
"already imported"), oversized uploads refused with a clear message, and rejected rows
written with formula cells neutralised.
"""

from __future__ import annotations

import csv
import hashlib
import io
import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from data import history, import_session, store
from data.config import Settings, load_settings
from data.import_session import ImportSession
from data.importer import import_file
from data.sample import sample_csv_bytes
from data.schema import Deal, ImportRecord, MappingMemory
from data.staging import UploadTooLarge, find_staged, stage_bytes

CSV = (
    "Deal,Phase,Montant,Commercial,Source\n"
    "Alpha,Prospect,1000.50,Ann,Web\n"
    "Beta,Négociation,2500,Bob,Salon\n"
    "Gamma,Gagné,4000,Ann,Web\n"
    "Delta,Proposition,à définir,Bob,Web\n"
).encode()
AS_OF = date(2026, 11, 23)
IGNORE_OWNER = {"Deal": "name", "Phase": "stage", "Montant": "amount", "Commercial": None,
                "Source": "source"}


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return load_settings(database_url=db_url, cache_dir=str(tmp_path / "cache"), redis_url=None)


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


class _Counters:
    """Counts reads, parses and hashed bytes while a session runs."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads = 0
        self.parses = 0
        self.lookups = 0
        self.hashed: list[int] = []
        real_read, real_build = import_session.read_table, import_session.parse_table
        real_lookup, real_sha = store.imports_of_file, hashlib.sha256

        def read(*args: Any, **kwargs: Any) -> Any:
            self.reads += 1
            return real_read(*args, **kwargs)

        def build(*args: Any, **kwargs: Any) -> Any:
            self.parses += 1
            return real_build(*args, **kwargs)

        def lookup(*args: Any, **kwargs: Any) -> Any:
            self.lookups += 1
            return real_lookup(*args, **kwargs)

        counters = self

        class CountingSha:
            def __init__(self, data: bytes = b"") -> None:
                self._hash = real_sha(data)
                counters.hashed.append(len(data))

            def update(self, data: bytes) -> None:
                counters.hashed.append(len(data))
                self._hash.update(data)

            def hexdigest(self) -> str:
                return self._hash.hexdigest()

        monkeypatch.setattr(import_session, "read_table", read)
        monkeypatch.setattr(import_session, "parse_table", build)
        monkeypatch.setattr(store, "imports_of_file", lookup)
        monkeypatch.setattr(hashlib, "sha256", CountingSha)

    def file_bytes_hashed(self, size: int) -> int:
        """Bytes hashed in calls at least as large as a tenth of the file (not header keys)."""
        return sum(n for n in self.hashed if n >= size // 10)


def test_one_hash_and_one_parse_per_mapping(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = sample_csv_bytes(AS_OF, n=400)
    counters = _Counters(monkeypatch)
    staged = stage_bytes(tmp_path / "up", content, "deals.csv", 10**8)
    session = ImportSession(engine, settings, [staged])
    first = session.preview()
    assert session.preview().parsed is first.parsed  # the same mapping again: no new parse
    other = {h: (None if f == "owner" else f) for h, f in first.parsed.mapping.items()}
    assert other != first.parsed.mapping
    session.preview(other)
    session.preview(other)
    outcome = session.confirm(other)
    session.rejected_rows(other)
    assert outcome.created
    assert counters.file_bytes_hashed(len(content)) == len(content)  # hashed once
    assert counters.reads == 1  # one sheet, read once (the file fits the preview sample)
    assert counters.parses == 2  # automatic mapping + the edited one
    assert counters.lookups == 1  # "already imported?" asked once


def test_a_large_file_previews_a_sample_and_parses_whole_once(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = sample_csv_bytes(AS_OF, n=3000)
    counters = _Counters(monkeypatch)
    staged = stage_bytes(tmp_path / "up", content, "deals.csv", 10**8)
    session = ImportSession(engine, settings, [staged], sample_bytes=len(content) // 10)
    preview = session.preview()
    assert not preview.complete
    assert 0 < preview.parsed.rows_total < 3000 // 5  # a bounded sample, cut on a line
    outcome = session.confirm()
    session.rejected_rows()
    assert outcome.created and outcome.summary["rows_total"] == 3000
    assert counters.file_bytes_hashed(len(content)) == len(content)
    assert (counters.reads, counters.parses) == (2, 2)  # sample once, whole file once


@pytest.mark.parametrize("fail_in", ["bulk_insert_deals", "write_mapping"])
def test_import_and_remembered_mapping_are_written_together(
    engine: Engine, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    fail_in: str,
) -> None:
    """A failure after the import row (deals) or between it and the mapping leaves neither."""
    version = store.data_version(engine)

    def boom(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(store, fail_in, boom)
    staged = stage_bytes(tmp_path / "up", CSV, "deals.csv", 10**8)
    session = ImportSession(engine, settings, [staged])
    signature = session.preview(IGNORE_OWNER).parsed.mapping_signature()
    with pytest.raises(RuntimeError, match="injected"):
        session.confirm(IGNORE_OWNER)
    assert _count(engine, ImportRecord) == 0
    assert _count(engine, Deal) == 0
    assert _count(engine, MappingMemory) == 0
    assert store.recall_mapping(engine, signature) is None
    assert store.data_version(engine) == version
    monkeypatch.undo()
    done = ImportSession(engine, settings, [staged]).confirm(IGNORE_OWNER)
    assert done.created and store.recall_mapping(engine, signature) is not None
    assert done.data_version == store.data_version(engine) == version + 1


def test_reimport_with_another_mapping_asks_then_adds_or_replaces(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    staged = stage_bytes(tmp_path / "up", CSV, "deals.csv", 10**8)
    first = ImportSession(engine, settings, [staged]).confirm()
    assert first.created and first.import_id is not None

    same = ImportSession(engine, settings, [staged])
    assert same.preview().identical == first.import_id
    again = same.confirm()
    assert again.already_imported and again.import_id == first.import_id

    other = ImportSession(engine, settings, [staged])
    preview = other.preview(IGNORE_OWNER)
    assert preview.identical is None and preview.other_versions == (first.import_id,)
    asked = other.confirm(IGNORE_OWNER)
    assert asked.needs_choice == (first.import_id,) and asked.import_id is None
    assert [i.id for i in store.list_imports(engine)] == [first.import_id]  # nothing written

    version = other.confirm(IGNORE_OWNER, reimport="new_version")
    assert version.created and version.import_id != first.import_id
    assert {i.id for i in store.list_imports(engine)} == {first.import_id, version.import_id}
    owners = store.load_deals(engine, version.import_id)["owner"]
    assert owners.isna().all()  # the new version has the edited mapping

    third = {**IGNORE_OWNER, "Source": None}
    replaced = ImportSession(engine, settings, [staged]).confirm(third, reimport="replace")
    assert replaced.created and replaced.replaced == version.import_id
    assert {i.id for i in store.list_imports(engine)} == {first.import_id, replaced.import_id}
    assert store.load_deals(engine, replaced.import_id)["source"].isna().all()
    # the replaced version is deleted like any other deletion: hidden, undoable until purged
    assert replaced.import_id != version.import_id  # ids are never reused
    assert history.import_status(engine, version.import_id).status == "deleted"
    # the same bytes with the replacement's mapping: a no-op again
    noop = ImportSession(engine, settings, [staged]).confirm(third, reimport="replace")
    assert noop.already_imported and noop.import_id == replaced.import_id


def test_same_file_imported_twice_at_once(db_url: str, settings: Settings) -> None:
    """Two concurrent imports of one file: one writes, the other reports "already imported"."""
    from data.db import make_engine

    content = sample_csv_bytes(AS_OF, n=3000)
    start = threading.Barrier(2)
    results: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        engine = make_engine(db_url)
        try:
            start.wait()
            results.append(import_file(engine, content, "deals.csv", settings=settings))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert sorted(r.created for r in results) == [False, True]
    winner = next(r for r in results if r.created)
    loser = next(r for r in results if not r.created)
    assert loser.already_imported and loser.import_id == winner.import_id
    engine = make_engine(db_url)
    try:
        assert [i.id for i in store.list_imports(engine)] == [winner.import_id]
        assert len(store.load_deals(engine, winner.import_id)) == 3000
    finally:
        engine.dispose()


def test_oversized_upload_is_refused_with_a_clear_message(
    engine: Engine, tmp_path: Path
) -> None:
    small = load_settings(database_url=str(engine.url.render_as_string(hide_password=False)),
                          cache_dir=str(tmp_path / "cache"), redis_url=None,
                          max_upload_mb=0.001)
    content = sample_csv_bytes(AS_OF, n=5000)
    assert len(content) > 2**20 // 2
    with pytest.raises(UploadTooLarge) as refused:
        stage_bytes(tmp_path / "up", content, "big.csv", 2**20 // 2)
    size_mb = f"{len(content) / 2**20:.3g}"
    assert str(refused.value).startswith(f"big.csv is {size_mb} MB, above the 0.5 MB upload limit")
    assert not (tmp_path / "up").exists()  # nothing staged
    outcome = import_file(engine, content, "big.csv", settings=small)
    assert outcome.refused and "upload limit" in outcome.refused and "MAX_UPLOAD_MB" in (
        outcome.refused)
    assert outcome.import_id is None and store.list_imports(engine) == []


def test_oversized_request_is_refused_before_it_is_read(app_settings: Settings) -> None:
    from dataclasses import replace

    from app import create_app

    app = create_app(replace(app_settings, max_upload_mb=0.5))
    client = app.server.test_client()
    body = b"x" * (2 * 2**20)
    answer = client.post("/_dash-update-component", data=body,
                         headers={"Content-Type": "application/json"})
    assert answer.status_code == 413


def test_rejected_rows_are_given_back_with_formulas_neutralised(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    hostile = (
        b"Deal,Phase,Montant\n"
        b"Alpha,Prospect,1000\n"
        b'"=HYPERLINK(""http://evil"",""x"")",Prospect,abc\n'
        b"@SUM(1),Prospect,12..5\n"
        b"+cmd|' /C calc'!A0,Prospect,-50\n"
    )
    staged = stage_bytes(tmp_path / "up", hostile, "hostile.csv", 10**8)
    session = ImportSession(engine, settings, [staged])
    outcome = session.confirm()
    assert outcome.summary["rows_rejected"] == 3  # "abc", "12..5" and a negative amount
    rows = list(csv.reader(io.StringIO(session.rejected_rows().decode("utf-8-sig"))))
    assert rows[0] == ["row", "Deal", "Phase", "Montant", "reason"]
    assert [r[:4] for r in rows[1:]] == [
        ["3", "'=HYPERLINK(\"http://evil\",\"x\")", "Prospect", "abc"],
        ["4", "'@SUM(1)", "Prospect", "12..5"],
        ["5", "'+cmd|' /C calc'!A0", "Prospect", "-50"],  # a plain number stays a number
    ]
    assert all(r[4] and not r[4].startswith(("=", "+", "-", "@")) for r in rows[1:])
    assert find_staged(tmp_path / "up", staged.checksum, "hostile.csv") == staged
    assert find_staged(tmp_path / "up", "../../etc/passwd", "x") is None
