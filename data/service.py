"""Former name of the read side, kept so that modules not yet moved keep importing it.

The data manager is ``data.snapshots.SnapshotManager`` and every cache key is built by
``data.memo.Memo``; import from there.
"""

from __future__ import annotations

from data.memo import CacheLike, NoCache
from data.snapshots import Selection, Snapshot, SnapshotManager, prepare, select_in

#: The data manager under its former name.
DealsService = SnapshotManager

__all__ = ["CacheLike", "DealsService", "NoCache", "Selection", "Snapshot", "SnapshotManager",
           "prepare", "select_in"]
