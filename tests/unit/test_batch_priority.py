"""Batch work yields the CPU (``data.batch.yield_cpu``): checked in a child process, since the
priority of a process can only go down."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = """
import os
from data.batch import BATCH_NICENESS, yield_cpu
before = os.getpriority(os.PRIO_PROCESS, 0)
yield_cpu(); yield_cpu()  # idempotent: not 20 after two calls
print(before, os.getpriority(os.PRIO_PROCESS, 0), BATCH_NICENESS)
"""

IDLE = """
import os
from data.batch import yield_cpu
yield_cpu(); yield_cpu()
print(os.sched_getscheduler(0) == os.SCHED_IDLE)
"""


def test_yield_cpu_lowers_the_priority_once() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    before, after, batch = (int(x) for x in done.stdout.split())
    assert after == max(before, batch)
    assert after != before or before >= batch


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="Linux scheduling policy")
def test_yield_cpu_takes_the_idle_policy_on_linux() -> None:
    done = subprocess.run([sys.executable, "-c", IDLE], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True"]


def test_the_cli_import_runs_at_batch_priority(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = ("import os, sys; from data.__main__ import main; "
            "main(['import', sys.argv[1], '--json']); "
            "print('nice', os.getpriority(os.PRIO_PROCESS, 0))")
    csv = tmp_path / "d.csv"
    csv.write_text("deal_id,name,stage,amount\nA1,Alpha,Prospect,100\n", encoding="utf-8")
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "CACHE_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code, str(csv)], capture_output=True, text=True,
                          check=True, env={**os.environ, **env})
    label, niceness = done.stdout.strip().splitlines()[-1].split()
    assert label == "nice" and int(niceness) >= 10
