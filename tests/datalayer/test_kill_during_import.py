"""Issue 9: an import killed with SIGKILL at several moments leaves no trace, on both databases.

A subprocess imports a large generated file through the import session and prints its progress;
the test kills it while it reads the file and at moments of the write transaction, then checks
that the previous import is intact, that no part of the killed import is visible and that the
data version did not move. The same file then imports whole.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from data import store
from data.importer import import_file
from data.schema import Deal, ImportRecord

ROOT = Path(__file__).resolve().parents[2]
ROWS = 300_000
STAGES = ("Prospect", "Qualification", "Proposal", "Negotiation", "Won", "Lost")
PREVIOUS = (
    b"deal_id,stage,amount\n"
    b"P1,Prospect,100\n"
    b"P2,Won,250\n"
    b"P3,Lost,80\n"
)
CHILD = """
import sys
from pathlib import Path
from data.config import load_settings
from data.db import make_engine
from data.import_session import ImportSession
from data.staging import stage_path

settings = load_settings(database_url=sys.argv[1], redis_url=None)
session = ImportSession(make_engine(settings.database_url), settings,
                        [stage_path(Path(sys.argv[2]))])
session.confirm(progress=lambda percent, label: print(percent, label, flush=True))
print("committed", flush=True)
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
    with engine.connect() as conn:
        imports = conn.execute(select(func.count()).select_from(ImportRecord)).scalar_one()
        deals = conn.execute(select(func.count()).select_from(Deal)).scalar_one()
    return int(imports), int(deals)


def _run_and_kill(db_url: str, big: Path, wait_for: str | None, delay: float) -> list[str]:
    """Start the child, wait for a progress line (or not), sleep ``delay``, SIGKILL it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)
    child = subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(big)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, text=True)
    seen: list[str] = []
    assert child.stdout is not None
    if wait_for is not None:
        for line in child.stdout:
            seen.append(line.strip())
            if wait_for in line:
                break
    time.sleep(delay)
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
    version = store.data_version(engine)
    big = tmp_path / "big.csv"
    _big_csv(big)

    moments = [(None, 0.8), ("Reading", 0.5), ("Writing", 0.0), ("Writing", 0.4),
               ("Writing", 1.2)]
    for wait_for, delay in moments:
        seen = _run_and_kill(db_url, big, wait_for, delay)
        where = f"killed {delay}s after {wait_for or 'start'!r} (child printed {seen})"
        assert "committed" not in seen, f"the import finished before the kill: {where}"
        assert _counts(engine) == (1, 3), where
        assert [i.id for i in store.list_imports(engine)] == [previous.import_id], where
        assert len(store.load_deals(engine, previous.import_id)) == 3, where
        assert store.data_version(engine) == version, where

    done = import_file(engine, big.read_bytes(), "big.csv")
    assert done.created and done.summary["rows_imported"] == ROWS
    assert _counts(engine) == (2, 3 + ROWS)
