"""Batch work yields the CPU (``data.batch.yield_cpu``): checked in a child process, since the
priority of a process can only go down."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import os
from data.batch import BATCH_NICENESS, yield_cpu
before = os.getpriority(os.PRIO_PROCESS, 0)
yield_cpu(); yield_cpu()  # idempotent: not 20 after two calls
print(before, os.getpriority(os.PRIO_PROCESS, 0), BATCH_NICENESS)
"""


def test_yield_cpu_lowers_the_priority_once() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    before, after, batch = (int(x) for x in done.stdout.split())
    assert after == max(before, batch)
    assert after != before or before >= batch


def test_the_cli_import_runs_at_batch_priority(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = ("import os, sys; from data.__main__ import main; "
            "main(['import', sys.argv[1], '--json']); "
            "print('nice', os.getpriority(os.PRIO_PROCESS, 0))")
    csv = tmp_path / "d.csv"
    csv.write_text("deal_id,name,stage,amount\nA1,Alpha,Prospect,100\n", encoding="utf-8")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "CACHE_DIR": str(tmp_path)}
    import os

    done = subprocess.run([sys.executable, "-c", code, str(csv)], capture_output=True, text=True,
                          check=True, env={**os.environ, **env})
    label, niceness = done.stdout.strip().splitlines()[-1].split()
    assert label == "nice" and int(niceness) >= 10
