"""Issue 14 on SQLite and PostgreSQL: deals kept in the app, audit trail, locking, snapshots.

Expectations are computed by hand or with plain pandas on the rows the test itself wrote,
never with the code under test.
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, select, update

from data import entry, history, reminders, store, writes
from data.__main__ import kpi_json
from data.filters import FilterState
from data.importer import import_file
from data.ingest import parse_upload
from data.memo import NoCache
from data.schema import DealAudit, ImportRecord
from data.snapshots import Needs, SnapshotManager

TODAY = date.today()
CSV = (
    "Deal ID,Deal Name,Stage,Amount,Currency,Created,Expected close,Last activity\n"
    f"A1,Alpha,Prospect,1000,EUR,{TODAY - timedelta(days=60)},{TODAY + timedelta(days=20)},"
    f"{TODAY - timedelta(days=30)}\n"
    f"A2,Beta,Négociation,2500,EUR,{TODAY - timedelta(days=50)},{TODAY - timedelta(days=3)},"
    f"{TODAY - timedelta(days=2)}\n"
    f"A3,Gamma,Gagné,4000,EUR,{TODAY - timedelta(days=90)},{TODAY - timedelta(days=10)},"
    f"{TODAY - timedelta(days=10)}\n"
    f",Delta,Qualifié,700,EUR,{TODAY - timedelta(days=5)},{TODAY + timedelta(days=5)},\n"
)


def _from_import(engine: Engine) -> int:
    outcome = import_file(engine, CSV.encode(), "deals.csv")
    assert outcome.import_id is not None
    return writes.create_pipeline(engine, "Kept in the app", from_import=outcome.import_id)


def _audit(engine: Engine, dataset: int) -> list[tuple[str, str, str | None, str | None,
                                                        str | None]]:
    return [(r["deal_id"], r["action"], r["field"], r["old_value"], r["new_value"])
            for r in entry.audit_rows(engine, dataset)]


def test_create_edit_close_delete_restore_leave_audit_rows(engine: Engine) -> None:
    dataset = writes.create_pipeline(engine, "Mine")
    v0 = store.data_version(engine)
    added = writes.add_deal(engine, dataset, {"name": "Acme renewal", "stage": "Négociation",
                                              "amount": "1 500,50", "owner": "Lea"}, "Lea")
    assert added.data_version > v0
    assert _audit(engine, dataset) == [
        (added.deal_id, "create", "name", None, "Acme renewal"),
        (added.deal_id, "create", "stage", None, "Négociation"),
        (added.deal_id, "create", "status", None, "open"),  # stage → status, as on import
        (added.deal_id, "create", "amount", None, "1500.50"),
        (added.deal_id, "create", "currency", None, "EUR"),
        (added.deal_id, "create", "owner", None, "Lea"),
    ]
    edited = writes.edit_deal(engine, dataset, added.deal_id, {"amount": "2000", "stage": "Gagné"},
                              added.row_version, "Tom")
    assert edited.row_version == added.row_version + 1
    assert _audit(engine, dataset)[6:] == [
        (added.deal_id, "edit", "stage", "Négociation", "Gagné"),
        (added.deal_id, "edit", "status", "open", "won"),
        (added.deal_id, "edit", "amount", "1500.50", "2000.00"),
    ]
    reopened = writes.edit_deal(engine, dataset, added.deal_id, {"stage": "Négociation"},
                                edited.row_version, "Tom")
    closed = writes.close_deal(engine, dataset, added.deal_id, "lost", reopened.row_version,
                               "Lea")
    assert _audit(engine, dataset)[-2:] == [
        (added.deal_id, "close", "status", "open", "lost"),
        (added.deal_id, "close", "closed_date", None, TODAY.isoformat()),
    ]
    deal = entry.get_deal(engine, dataset, added.deal_id)
    assert deal is not None and deal["status"] == "lost" and deal["amount"] == Decimal("2000")
    writes.delete_deal(engine, dataset, added.deal_id, closed.row_version, "Lea")
    assert entry.get_deal(engine, dataset, added.deal_id) is None
    assert [d for d, _n, _a in entry.deleted_deals(engine, dataset)] == [added.deal_id]
    assert _audit(engine, dataset)[-1] == (added.deal_id, "delete", None, None, None)
    restored = writes.restore_deal(engine, dataset, added.deal_id, "Tom")
    again = entry.get_deal(engine, dataset, added.deal_id)
    assert again is not None
    assert {k: again[k] for k in ("name", "stage", "status", "amount", "owner", "closed_date")} \
        == {"name": "Acme renewal", "stage": "Négociation", "status": "lost",
            "amount": Decimal("2000.00"), "owner": "Lea", "closed_date": TODAY}
    assert again["row_version"] == restored.row_version
    assert _audit(engine, dataset)[-1] == (added.deal_id, "restore", None, None, None)
    assert entry.deleted_deals(engine, dataset) == []
    authors = {r["author"] for r in entry.audit_rows(engine, dataset)}
    assert authors == {"Lea", "Tom"}


def test_deletion_is_restorable_only_for_the_undo_delay(engine: Engine) -> None:
    dataset = writes.create_pipeline(engine, "Mine")
    added = writes.add_deal(engine, dataset, {"stage": "Prospect"}, "Lea")
    writes.delete_deal(engine, dataset, added.deal_id, added.row_version, "Lea")
    days = history.app_settings(engine)["purge_after_days"]
    with engine.begin() as conn:
        conn.execute(update(DealAudit).where(DealAudit.action == "delete").values(
            at=datetime.now(UTC) - timedelta(days=days + 1)))
    assert entry.deleted_deals(engine, dataset) == []
    with pytest.raises(LookupError, match="cannot be restored"):
        writes.restore_deal(engine, dataset, added.deal_id, "Lea")


def test_form_messages_are_the_importers(engine: Engine) -> None:
    """The importer's message for a bad amount in a file column "Amount" is the form's."""
    dataset = writes.create_pipeline(engine, "Mine")
    with pytest.raises(entry.EntryError) as refused:
        writes.add_deal(engine, dataset, {"name": "X", "stage": "Prospect", "amount": "12abc"},
                        "Lea")
    parsed = parse_upload(b"Stage,Amount\nProspect,12abc\nProspect,5\n", "f.csv")
    expected = [i.message for i in parsed.rejections if i.column == "Amount"]
    assert refused.value.errors == {"amount": expected[0]}
    with pytest.raises(entry.EntryError) as missing:
        writes.add_deal(engine, dataset, {"name": "X", "amount": "5"}, "Lea")
    assert "stage" in missing.value.errors
    with pytest.raises(entry.EntryError, match="your name"):
        writes.add_deal(engine, dataset, {"stage": "Prospect"}, "  ")
    # nothing was written by the refusals
    assert entry.audit_rows(engine, dataset) == []


def test_an_edit_changes_the_kpis_computed_independently(engine: Engine) -> None:
    dataset = _from_import(engine)
    frame = pd.read_csv(pd.io.common.StringIO(CSV))
    open_rows = frame[~frame["Stage"].isin(["Gagné"])]
    before = kpi_json(engine, TODAY, f"dataset={dataset}")
    assert before is not None
    assert before["pipeline_gross"] == pytest.approx(float(open_rows["Amount"].sum()))
    deal = entry.get_deal(engine, dataset, "A2")
    assert deal is not None
    writes.edit_deal(engine, dataset, "A2", {"amount": "9000"}, deal["row_version"], "Lea")
    after = kpi_json(engine, TODAY, f"dataset={dataset}")
    assert after is not None
    expected = float(open_rows["Amount"].sum()) - 2500 + 9000
    assert after["pipeline_gross"] == pytest.approx(expected)
    assert after["import_id"] == entry.current_import(engine, dataset)
    # a new deal and a closed one move the counts as a hand count says
    writes.add_deal(engine, dataset, {"stage": "Prospect", "amount": "100"}, "Lea")
    deal = entry.get_deal(engine, dataset, "A1")
    assert deal is not None
    writes.close_deal(engine, dataset, "A1", "won", deal["row_version"], "Lea")
    final = kpi_json(engine, TODAY, f"dataset={dataset}")
    assert final is not None
    assert final["pipeline_gross"] == pytest.approx(expected - 1000 + 100)
    assert final["won_revenue"] == pytest.approx(4000 + 1000)


def test_two_concurrent_edits_never_lose_one_silently(engine: Engine) -> None:
    dataset = writes.create_pipeline(engine, "Mine")
    added = writes.add_deal(engine, dataset, {"stage": "Prospect", "amount": "100"}, "Lea")
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def edit(who: str, amount: str) -> None:
        barrier.wait()
        try:
            outcomes[who] = writes.edit_deal(engine, dataset, added.deal_id, {"amount": amount},
                                             added.row_version, who)
        except entry.ConflictError as error:
            outcomes[who] = error

    threads = [threading.Thread(target=edit, args=(w, a)) for w, a in (("Lea", "200"),
                                                                        ("Tom", "300"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    won = [w for w, o in outcomes.items() if isinstance(o, entry.Change)]
    refused = [o for o in outcomes.values() if isinstance(o, entry.ConflictError)]
    assert len(won) == 1 and len(refused) == 1
    assert "was changed by " + won[0] in str(refused[0])
    assert "not saved" in str(refused[0])
    deal = entry.get_deal(engine, dataset, added.deal_id)
    assert deal is not None
    assert deal["amount"] == Decimal({"Lea": "200", "Tom": "300"}[won[0]])
    edits = [r for r in entry.audit_rows(engine, dataset) if r["action"] == "edit"]
    assert [(r["author"], r["field"]) for r in edits] == [(won[0], "amount")]


def test_snapshots_daily_and_before_a_bulk_change(engine: Engine) -> None:
    dataset = _from_import(engine)
    first = entry.current_import(engine, dataset)
    deal = entry.get_deal(engine, dataset, "A1")
    assert deal is not None
    writes.edit_deal(engine, dataset, "A1", {"amount": "1100"}, deal["row_version"], "Lea")
    assert entry.current_import(engine, dataset) == first  # the same day: edited in place
    with engine.begin() as conn:  # the pipeline was last changed yesterday
        conn.execute(update(ImportRecord).where(ImportRecord.id == first).values(
            imported_at=datetime.now(UTC) - timedelta(days=1)))
    deal = entry.get_deal(engine, dataset, "A1")
    assert deal is not None
    writes.edit_deal(engine, dataset, "A1", {"amount": "1200"}, deal["row_version"], "Lea")
    second = entry.current_import(engine, dataset)
    assert second is not None and first is not None and second > first
    assert history.imports_of_dataset(engine, dataset) == [first, second]
    kept = store.load_deals(engine, first).set_index("deal_id")["amount"]
    assert kept["A1"] == 1100  # yesterday's snapshot is left as it was
    writes.close_deals(engine, dataset, ["A1", "A2"], "lost", "Lea")  # bulk: snapshot first
    third = entry.current_import(engine, dataset)
    assert third is not None and third > second
    before_bulk = store.load_deals(engine, second).set_index("deal_id")["status"]
    after_bulk = store.load_deals(engine, third).set_index("deal_id")["status"]
    assert before_bulk[["A1", "A2"]].tolist() == ["open", "open"]
    assert after_bulk[["A1", "A2"]].tolist() == ["lost", "lost"]
    # the deal copied from the file without an id got one (activities key on it)
    assert after_bulk.index.notna().all() and after_bulk.index.is_unique
    # trends compare the current state with the snapshot before it
    manager = SnapshotManager(engine, NoCache())
    selection = manager.selection(manager.version(), FilterState(dataset_id=dataset),
                                  Needs(previous=True))
    assert selection is not None and selection.previous is not None
    assert selection.previous.snapshot.info.id == second


def test_activities_set_last_activity_and_leave_the_cold_list(engine: Engine) -> None:
    dataset = _from_import(engine)
    cold = reminders.for_pipeline(engine, TODAY, dataset, cold_days=14)
    # by hand: A1's last activity is 30 days old, A2's 2 days, A3 is won
    assert [r.deal_id for r in cold.lists["cold"]] == ["A1"]
    assert [r.deal_id for r in cold.lists["overdue"]] == ["A2"]
    assert [r.name for r in cold.lists["closing_soon"]] == ["Delta"]
    note = "Called <b>Ana</b> — budget ok\n  second line  "
    writes.log_activity(engine, dataset, "A1", "call", TODAY.isoformat(), "Lea", note)
    after = reminders.for_pipeline(engine, TODAY, dataset, cold_days=14)
    assert [r.deal_id for r in after.lists["cold"]] == []
    deal = entry.get_deal(engine, dataset, "A1")
    assert deal is not None and deal["last_activity_date"] == TODAY
    # an older activity does not move the date back
    writes.log_activity(engine, dataset, "A1", "note", "2020-01-01", "Lea", "old")
    deal = entry.get_deal(engine, dataset, "A1")
    assert deal is not None and deal["last_activity_date"] == TODAY
    line = entry.timeline(engine, dataset, "A1")
    calls = [e for e in line if e.kind == "call"]
    assert [(c.author, c.text) for c in calls] == [("Lea", note)]  # verbatim
    with pytest.raises(entry.EntryError) as bad:
        writes.log_activity(engine, dataset, "A1", "call", "31/02/2026", "Lea", "")
    assert "is not a valid date" in bad.value.errors["date"]


def test_two_workers_see_an_edit_at_once(engine: Engine, tmp_path: Path) -> None:
    """Two data managers sharing one frames directory (two workers): no stale deals."""
    dataset = _from_import(engine)
    workers = [SnapshotManager(engine, NoCache(), frames_dir=tmp_path / "frames")
               for _ in range(2)]
    state = FilterState(dataset_id=dataset)

    def amount(manager: SnapshotManager) -> float:
        selection = manager.selection(manager.version(), state)
        assert selection is not None
        return float(selection.deals.set_index("deal_id").loc["A2", "amount"])

    assert [amount(w) for w in workers] == [2500, 2500]
    deal = entry.get_deal(engine, dataset, "A2")
    assert deal is not None
    writes.edit_deal(engine, dataset, "A2", {"amount": "777"}, deal["row_version"], "Lea")
    assert [amount(w) for w in workers] == [777, 777]


def test_an_empty_pipeline_shows_on_the_pages(engine: Engine) -> None:
    dataset = writes.create_pipeline(engine, "Fresh")
    result = kpi_json(engine, TODAY, f"dataset={dataset}")
    assert result is not None and result["deals"]["total"] == 0
    writes.add_deal(engine, dataset, {"stage": "Prospect", "amount": "42"}, "Lea")
    result = kpi_json(engine, TODAY, f"dataset={dataset}")
    assert result is not None and result["pipeline_gross"] == pytest.approx(42)


def test_an_ordinary_import_is_not_editable(engine: Engine) -> None:
    outcome = import_file(engine, CSV.encode(), "deals.csv")
    dataset = history.dataset_of(engine, outcome.import_id or 0)
    assert dataset is not None
    with pytest.raises(LookupError, match="not a pipeline kept in the app"):
        writes.add_deal(engine, dataset, {"stage": "Prospect"}, "Lea")
    with engine.connect() as conn:
        assert conn.execute(select(DealAudit.id)).first() is None
