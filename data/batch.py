"""Imports and reports are batch work: their process yields the CPU to the web requests.

On a small host (two cores) a 100k-row import took a core for ~9 s and the readers' p95 rose
to 2.4 s while it ran (``bench/load.py``). A lower scheduling priority for the process that
parses and writes (the CLI, a background job's process, a Celery worker) lets page views go
first; the import itself only waits when the web workers are busy.
"""

from __future__ import annotations

import os

#: Unix niceness of batch work (0 = normal, 19 = lowest).
BATCH_NICENESS = 10


def yield_cpu() -> None:
    """Lower this process's priority (idempotent; never raises it back).

    Niceness ``BATCH_NICENESS`` everywhere it exists; on Linux also the ``SCHED_IDLE`` policy,
    which runs the batch work only on CPU time the other processes of its group leave: at
    niceness 10 the CLI import still took 0.1–0.4 of a core from a busy server's workers
    (``bench/load.py``, ``cores_by_role``), as a niced process keeps a weight against them.
    Threads started afterwards (the COPY writer, pyarrow's) inherit both. Only for processes
    that do nothing but batch work: never call it in a web worker.
    """
    try:
        current = os.getpriority(os.PRIO_PROCESS, 0)
        if current < BATCH_NICENESS:
            os.setpriority(os.PRIO_PROCESS, 0, BATCH_NICENESS)
    except (AttributeError, OSError):  # not on this platform, or not allowed: run as is
        pass
    idle = getattr(os, "SCHED_IDLE", None)
    try:
        if idle is not None and os.sched_getscheduler(0) != idle:
            os.sched_setscheduler(0, idle, os.sched_param(0))
    except (AttributeError, OSError):  # not Linux, or refused (a container's policy)
        pass
