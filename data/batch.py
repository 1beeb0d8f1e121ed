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
    """Lower this process's priority to ``BATCH_NICENESS`` (idempotent; never raises it back).

    Only for processes that do nothing but batch work: never call it in a web worker.
    """
    try:
        current = os.getpriority(os.PRIO_PROCESS, 0)
        if current < BATCH_NICENESS:
            os.setpriority(os.PRIO_PROCESS, 0, BATCH_NICENESS)
    except (AttributeError, OSError):  # not on this platform, or not allowed: run as is
        pass
