"""Issue 9: an import killed with SIGKILL at several moments leaves no trace, on both databases.

A subprocess imports a large generated file through the import session and prints its progress;
the test kills it while it reads the file and at moments of the write transaction, then checks
that the previous import is intact, that no part of the killed import is visible and that the
data version did not move. The same file then imports whole.

The moments in the write are steps, not times: the child counts the write statements it sends
and, at the one it was told, says so on its output and waits; it is killed while it waits, so
a fast write can never commit before the kill (the SQLite case used to be timed, and flaky).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from data import store, writes
from data.importer import import_file
from data.schema import Deal, ImportRecord

ROOT = Path(__file__).resolve().parents[2]
ROWS = 150_000
STAGES = ("Prospect", "Qualification", "Proposal", "Negotiation", "Won", "Lost")
PREVIOUS = (
    b"deal_id,stage,amount\n"
    b"P1,Prospect,100\n"
    b"P2,Won,250\n"
    b"P3,Lost,80\n"
)
CHILD = """
import sys
import time
from pathlib import Path
from sqlalchemy import Engine, event
from data.config import load_settings
from data.db import make_engine
from data.import_session import ImportSession
from data.staging import stage_path

stop_at = int(sys.argv[3])  # the write statement to wait before (0: none)
writes = [0]

@event.listens_for(Engine, "before_cursor_execute")
def count_writes(conn, cursor, statement, parameters, context, executemany):
    if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
        writes[0] += 1
        if writes[0] == stop_at:
            print("waiting before write statement", stop_at, flush=True)
            time.sleep(600)  # killed here, inside the write transaction

settings = load_settings(database_url=sys.argv[1], redis_url=None)
session = ImportSession(make_engine(settings.database_url), settings,
                        [stage_path(Path(sys.argv[2]))])
session.confirm(progress=lambda percent, label: print(percent, label, flush=True))
print("committed after", writes[0], "write statements", flush=True)
"""


def _big_csv(path: Path) -> None:
    lines = ["deal_id,name,stage,amount,currency,source,created_date,expected_close_date\n"]
    lines += [
        f"D{i},Deal {i},{STAGES[i % 6]},{(i % 997) * 10.5:.2f},EUR,Web,"
        f"2026-0{i % 9 + 1}-{i % 28 + 1:02d},2027-0{i % 9 + 1}-{i % 28 + 1:02d}\n"
        for i in range(ROWS)
    ]
    path.write_text("".join(lines))


def _counts(engine: Engine) -> tuple[int, int]:
    """Live imports, and every deal except those of deleted (undoable) imports."""
    deleted = select(ImportRecord.id).where(ImportRecord.deleted_at.is_not(None))
    with engine.connect() as conn:
        imports = conn.execute(select(func.count()).select_from(ImportRecord)
                               .where(ImportRecord.deleted_at.is_(None))).scalar_one()
        deals = conn.execute(select(func.count()).select_from(Deal)
                             .where(Deal.import_id.not_in(deleted))).scalar_one()
    return int(imports), int(deals)


def _start(db_url: str, big: Path, stop_at: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    return subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(big), str(stop_at)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def _write_statements(db_url: str, big: Path) -> int:
    """How many write statements a whole import of ``big`` sends (it is not killed)."""
    child = _start(db_url, big)
    out, _ = child.communicate(timeout=300)
    assert child.returncode == 0, out
    last = out.strip().splitlines()[-1].split()
    assert last[:2] == ["committed", "after"], out
    return int(last[2])


def _run_and_kill(db_url: str, big: Path, wait_for: str | None, stop_at: int = 0) -> list[str]:
    """Start the child, wait for a line containing ``wait_for`` (or not), SIGKILL it."""
    child = _start(db_url, big, stop_at)
    seen: list[str] = []
    assert child.stdout is not None
    if wait_for is not None:
        for line in child.stdout:
            seen.append(line.strip())
            if wait_for in line:
                break
        assert seen and wait_for in seen[-1], seen  # the child reached the step
    child.send_signal(signal.SIGKILL)
    child.wait(30)
    seen += [line.strip() for line in child.stdout]
    assert child.returncode == -signal.SIGKILL
    return seen


@pytest.mark.slow
def test_kill_during_import_leaves_the_previous_import_intact(
    db_url: str, engine: Engine, tmp_path: Path
) -> None:
    previous = import_file(engine, PREVIOUS, "previous.csv")
    assert previous.created and previous.import_id is not None
    big = tmp_path / "big.csv"
    _big_csv(big)
    # One whole run tells how many write statements the import sends; it is then removed.
    statements = _write_statements(db_url, big)
    whole = [i for i in store.list_imports(engine) if i.id != previous.import_id]
    assert [i.rows_imported for i in whole] == [ROWS]
    version = writes.delete_import(engine, whole[0].id)
    assert _counts(engine) == (1, 3)
    assert statements >= 4, statements  # else the moments below are not distinct

    # before any work, while reading (killed as soon as it says so), then before the first,
    # about a third and two thirds of the write statements and the last one (then it commits)
    steps = sorted({1, statements // 3, 2 * statements // 3, statements})
    moments: list[tuple[str | None, int]] = [(None, 0), ("Reading", 0)] + [
        ("waiting before write statement", step) for step in steps
    ]
    for wait_for, stop_at in moments:
        seen = _run_and_kill(db_url, big, wait_for, stop_at)
        where = (f"killed at {wait_for or 'start'!r} {stop_at or ''} of {statements} write "
                 f"statements (child printed {seen})")
        assert not any("committed" in line for line in seen), where
        assert _counts(engine) == (1, 3), where
        assert [i.id for i in store.list_imports(engine)] == [previous.import_id], where
        assert len(store.load_deals(engine, previous.import_id)) == 3, where
        assert store.data_version(engine) == version, where

    done = import_file(engine, PREVIOUS + b"P4,Prospect,5\n", "after.csv")
    assert done.created and _counts(engine) == (2, 7)  # the database takes writes again
