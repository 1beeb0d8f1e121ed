"""Storage on both SQLite and PostgreSQL: atomic snapshots, re-import, deletion, settings."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from data import store
from data.importer import import_file
from data.ingest import parse_upload
from data.sample import sample_csv_bytes
from data.schema import Deal, ImportRecord

CSV = (
    "deal_id,name,stage,amount,currency,source,created_date,expected_close_date\n"
    "A1,Alpha,Prospect,1000.50,EUR,Web,2026-01-05,2026-12-01\n"
    "A2,Beta,Négociation,2500,EUR,Salon,2026-02-10,2026-11-30\n"
    "A3,Gamma,Gagné,4000,EUR,Web,2026-03-01,2026-04-01\n"
    "A4,Delta,Perdu,,EUR,Web,2026-03-02,2026-05-01\n"
).encode()


def _count(engine: Engine, model: type) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def test_import_roundtrip_keeps_values_to_the_cent(engine: Engine) -> None:
    outcome = import_file(engine, CSV, "small.csv")
    assert outcome.created and outcome.import_id is not None
    deals = store.load_deals(engine, outcome.import_id)
    assert len(deals) == 4
    by_id = deals.set_index("deal_id")
    assert by_id.loc["A1", "amount"] == pytest.approx(1000.50)
    assert pd.isna(by_id.loc["A4", "amount"])
    assert by_id.loc["A2", "stage"] == "Négociation"
    assert by_id.loc["A3", "status"] == "won"
    assert by_id.loc["A4", "status"] == "lost"
    assert by_id.loc["A1", "created_date"] == pd.Timestamp("2026-01-05")
    assert list(deals["source_row"]) == [2, 3, 4, 5]


def test_byte_identical_reimport_creates_nothing(engine: Engine) -> None:
    first = import_file(engine, CSV, "small.csv")
    version = store.data_version(engine)
    second = import_file(engine, CSV, "renamed.csv")
    assert second.already_imported and not second.created
    assert second.import_id == first.import_id
    assert _count(engine, ImportRecord) == 1
    assert _count(engine, Deal) == 4
    assert store.data_version(engine) == version


def test_failed_write_leaves_no_partial_import(engine: Engine, monkeypatch) -> None:
    parsed = parse_upload(CSV, "small.csv")

    def explode(*_args, **_kwargs):
        raise RuntimeError("killed mid-import")

    monkeypatch.setattr(store, "_bump_version", explode)  # fails after the deals are written
    with pytest.raises(RuntimeError):
        store.save_import(engine, parsed)
    assert _count(engine, ImportRecord) == 0
    assert _count(engine, Deal) == 0


def test_delete_import_hides_it_bumps_version_and_keeps_deals_until_purged(
    engine: Engine,
) -> None:
    first = import_file(engine, CSV, "small.csv")
    second = import_file(engine, sample_csv_bytes(date(2026, 11, 23), n=50), "sample.csv")
    before = store.data_version(engine)
    assert store.delete_import(engine, first.import_id)
    assert store.data_version(engine) > before
    assert [i.id for i in store.list_imports(engine)] == [second.import_id]
    assert _count(engine, Deal) == 54  # soft deletion: restorable until purged
    assert not store.delete_import(engine, first.import_id)  # already deleted
    assert not store.delete_import(engine, 9999)


def test_stage_setting_overrides_default_and_orders(engine: Engine) -> None:
    import_file(engine, CSV, "small.csv")
    stages = store.stage_settings(engine, ["Prospect", "Négociation", "Gagné", "Perdu"])
    assert [(s.stage, s.probability) for s in stages] == [
        ("Prospect", 0.10), ("Négociation", 0.70), ("Gagné", 1.0), ("Perdu", 0.0)]
    store.set_stage_setting(engine, "négociation", 0.55)
    stages = {s.stage: s for s in store.stage_settings(engine, ["Prospect", "Négociation"])}
    assert stages["Négociation"].probability == pytest.approx(0.55)
    assert stages["Négociation"].user_defined
    with pytest.raises(ValueError):
        store.set_stage_setting(engine, "Prospect", 1.5)


def test_mapping_memory_roundtrip(engine: Engine) -> None:
    store.remember_mapping(engine, "sig", {"Montant": "amount", "Divers": None})
    assert store.recall_mapping(engine, "sig") == {"Montant": "amount", "Divers": None}
    store.remember_mapping(engine, "sig", {"Montant": None})
    assert store.recall_mapping(engine, "sig") == {"Montant": None}
    assert store.recall_mapping(engine, "other") is None


def test_distinct_values_and_history_ranks(engine: Engine) -> None:
    first = import_file(engine, CSV, "small.csv")
    later = CSV.replace(b"A2,Beta,N\xc3\xa9gociation", b"A2,Beta,Perdu")
    second = import_file(engine, later, "later.csv")
    found = store.distinct_values(engine, first.import_id, ["source"])
    assert found == {"source": ["Salon", "Web"]}
    ranks = store.history_ranks(engine, second.import_id, ["A2"],
                                {"Prospect": 0, "Négociation": 1})
    assert ranks == {"A2": 1}


def test_cell_text_and_sql_metacharacters_are_stored_verbatim(engine: Engine) -> None:
    evil = "Robert'); DROP TABLE deals;-- <script>alert(1)</script> javascript:alert(1)"
    csv = f'deal_id,name,stage\nX1,"{evil}",Prospect\n'.encode()
    outcome = import_file(engine, csv, "evil.csv")
    deals = store.load_deals(engine, outcome.import_id)
    assert deals.loc[0, "name"] == evil
    assert _count(engine, Deal) == 1
