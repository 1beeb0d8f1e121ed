"""Issue 10 points 3-5 and 7 on SQLite and PostgreSQL: datasets, ids never reused, soft delete.

Imports of the same headers form one dataset and trends compare only its snapshots; import ids
are never handed out twice, even after the newest import is deleted and purged; a deletion is
undoable until the next write past the purge delay; settings edited in the app are stored in
the database and bump the data version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select, update

from data import history, store
from data.importer import import_file
from data.schema import Deal, ImportRecord
from data.snapshots import SnapshotManager

HUBSPOT = (
    "Deal ID,Deal Name,Deal Stage,Amount,Create Date,Last Activity Date\n"
    "H1,Alpha,appointmentscheduled,1000,2024-01-05,2024-03-10\n"
    "H2,Beta,closedwon,2000,2024-01-06,2024-03-12\n"
)
HUBSPOT_LATER = HUBSPOT + "H3,Gamma,appointmentscheduled,500,2024-03-01,2024-03-20\n"
OTHER = (
    "deal_id,name,stage,amount,created_date\n"
    "O1,Other,Prospect,99999,2026-01-05\n"
)


def _imp(engine: Engine, content: str, name: str) -> int:
    outcome = import_file(engine, content.encode(), name)
    assert outcome.created, outcome.as_json()
    assert outcome.import_id is not None
    return outcome.import_id


def _deals(engine: Engine, import_id: int) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Deal)
                                .where(Deal.import_id == import_id)).scalar_one())


def _age_deletion(engine: Engine, import_id: int, days: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(ImportRecord).where(ImportRecord.id == import_id).values(
            deleted_at=datetime.now(UTC) - timedelta(days=days)))


def test_ids_are_never_reused_after_deletion_and_purge(engine: Engine) -> None:
    first = _imp(engine, HUBSPOT, "a.csv")
    newest = _imp(engine, OTHER, "b.csv")
    assert store.delete_import(engine, newest)
    _age_deletion(engine, newest, days=30)
    history.save_settings(engine, {"cold_days": 10})  # any write purges expired deletions
    assert history.import_status(engine, newest).status == "purged"
    assert _deals(engine, newest) == 0
    # the newest id was deleted and purged: SQLite without AUTOINCREMENT would hand it out again
    again = _imp(engine, OTHER, "b-again.csv")
    assert again > newest > first
    assert history.import_status(engine, newest).status == "purged"
    assert history.import_status(engine, again + 100).status == "unknown"


def test_delete_is_undoable_until_purged(engine: Engine) -> None:
    kept = _imp(engine, HUBSPOT, "a.csv")
    gone = _imp(engine, OTHER, "b.csv")
    assert store.delete_import(engine, gone)
    assert [i.id for i in store.list_imports(engine)] == [kept]
    state = history.import_status(engine, gone)
    assert state.status == "deleted" and state.filename == "b.csv"
    assert [d[0] for d in history.deleted_imports(engine)] == [gone]
    version = store.data_version(engine)
    assert history.restore(engine, gone)
    assert store.data_version(engine) > version
    assert [i.id for i in store.list_imports(engine)] == [gone, kept]
    assert not history.restore(engine, gone)  # already live
    # deleted again, a write within the delay keeps it; past the delay the next write purges
    assert store.delete_import(engine, gone)
    history.save_settings(engine, {"purge_after_days": 3})
    assert _deals(engine, gone) == 1
    _age_deletion(engine, gone, days=4)
    assert _deals(engine, gone) == 1  # nothing purges without a write
    history.save_settings(engine, {"cold_days": 20})
    assert _deals(engine, gone) == 0
    assert not history.restore(engine, gone)


def test_a_deleted_file_can_be_imported_again_and_then_is_not_restorable(engine: Engine) -> None:
    gone = _imp(engine, OTHER, "b.csv")
    assert store.delete_import(engine, gone)
    again = _imp(engine, OTHER, "b.csv")  # not "already imported": the old one is deleted
    assert again != gone
    assert not history.restore(engine, gone)  # two live copies of one file would clash
    assert [i.id for i in store.list_imports(engine)] == [again]


def test_same_headers_form_one_dataset_and_trends_stay_inside_it(engine: Engine) -> None:
    first = _imp(engine, HUBSPOT, "hubspot-january.csv")
    other = _imp(engine, OTHER, "other.csv")
    later = _imp(engine, HUBSPOT_LATER, "hubspot-march.csv")
    dataset = history.dataset_of(engine, first)
    assert dataset is not None
    assert history.dataset_of(engine, later) == dataset
    assert history.dataset_of(engine, other) != dataset
    assert history.imports_of_dataset(engine, dataset) == [first, later]
    listed = history.list_datasets(engine)
    assert [d.id for d in listed] == [dataset, history.dataset_of(engine, other)]
    assert listed[0].name == "hubspot-january" and listed[0].imports == 2
    imports = store.list_imports(engine)
    by_id = {i.id: i for i in imports}
    # the import before "later" in time is "other", but it is another source
    assert history.previous_snapshot(imports, by_id[later]) == by_id[first]
    assert history.previous_snapshot(imports, by_id[other]) is None
    # default: the newest snapshot of the most recently imported dataset
    assert history.resolve(imports, None).id == later
    assert history.resolve(imports, None, history.dataset_of(engine, other)).id == other
    # the read side's trend ("since the previous import") uses it
    manager = SnapshotManager(engine, _DictCache())
    version = manager.version()
    snapshot = manager.snapshot(version, later)
    assert snapshot is not None
    previous = manager.previous(version, snapshot)
    assert previous is not None and previous.info.id == first
    lone = manager.snapshot(version, other)
    assert lone is not None and manager.previous(version, lone) is None


def test_the_user_can_move_an_import_to_another_dataset(engine: Engine) -> None:
    first = _imp(engine, HUBSPOT, "a.csv")
    other = _imp(engine, OTHER, "b.csv")
    target = history.dataset_of(engine, first)
    version = store.data_version(engine)
    assert history.move_to_dataset(engine, other, target) == target
    assert store.data_version(engine) > version
    assert history.imports_of_dataset(engine, target or 0) == [first, other]
    alone = history.move_to_dataset(engine, other, None)
    assert alone != target and history.imports_of_dataset(engine, alone) == [other]
    with pytest.raises(ValueError):
        history.move_to_dataset(engine, other, 10**6)


def test_history_ranks_come_from_the_same_dataset_only(engine: Engine) -> None:
    other = _imp(engine, "deal_id,name,stage\nX,x,Négociation\n", "other.csv")
    lost = _imp(engine, "deal_id,title,stage\nX,x,Perdu\n", "lost.csv")
    assert history.dataset_of(engine, other) != history.dataset_of(engine, lost)
    ranks = store.history_ranks(engine, lost, ["X"], {"Prospect": 0, "Négociation": 1})
    assert ranks == {}  # deal "X" of another source is not this deal's history


def test_data_as_of_and_default_analysis_date(engine: Engine) -> None:
    old = _imp(engine, HUBSPOT_LATER, "old.csv")
    info = store.get_import(engine, old)
    assert info is not None and info.data_as_of == date(2024, 3, 20)
    assert history.default_as_of(info, date(2026, 11, 30)) == date(2024, 3, 20)
    # a current export (latest date a few days ago) is analysed as of today
    assert history.default_as_of(info, date(2024, 3, 25)) == date(2024, 3, 25)
    assert history.default_as_of(None, date(2026, 11, 30)) == date(2026, 11, 30)


def test_settings_are_stored_validated_and_bump_the_version(engine: Engine) -> None:
    assert history.app_settings(engine, {"cold_days": 21}) == {
        "cold_days": 21.0, "purge_after_days": 7.0}
    version = store.data_version(engine)
    history.save_settings(engine, {"cold_days": 30})
    assert store.data_version(engine) > version
    assert history.app_settings(engine, {"cold_days": 21})["cold_days"] == 30
    with pytest.raises(ValueError):
        history.save_settings(engine, {"purge_after_days": 5, "cold_days": 0})
    assert history.app_settings(engine)["purge_after_days"] == 7  # all or nothing
    with pytest.raises(ValueError):
        history.save_settings(engine, {"cold_days": 2.5})
    history.save_settings(engine, {"cold_days": None})
    assert history.app_settings(engine, {"cold_days": 21})["cold_days"] == 21


class _DictCache:
    def __init__(self) -> None:
        self.data: dict[str, object] = {}

    def get(self, key: str) -> object:
        return self.data.get(key)

    def set(self, key: str, value: object, timeout: int | None = None) -> bool:
        self.data[key] = value
        return True
