"""Load a series of imports as snapshots of one dataset (for movement, backtest, time in stage).

Each import is read through the same path as the pages and ``python -m data kpis``
(:meth:`data.snapshots.SnapshotManager.selection` with ``import=<id>``), so filters and the currency
rule are the pages' own. All snapshots then share one stage table covering every stage any of
them shows (``store.stage_settings``), so pipeline positions compare across imports.

Dataset hook: a "dataset" (imports of one source) is being added to the schema. Until then
:func:`series_import_ids` takes every import in time order; once datasets exist it should take
the imports of one dataset (the ``dataset`` argument is passed through for that).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import Engine

from data import store
from data.filters import FilterState
from data.memo import CacheLike, NoCache
from data.metrics.currency import split_currency
from data.metrics.history import SnapshotFrame
from data.snapshots import SnapshotManager
from data.stages import StageSetting, fold


@dataclass(frozen=True)
class Series:
    """Snapshots in time order, in one currency, with the stage table they share."""

    snapshots: list[SnapshotFrame]
    all_deals: list[SnapshotFrame]
    stages: list[StageSetting]
    currency: str | None


def series_import_ids(
    engine: Engine, import_ids: list[int] | None = None, dataset: Any = None
) -> list[store.ImportInfo]:
    """The imports of a series, oldest first: ``import_ids`` when given, else every import.

    Raises LookupError naming an id that does not exist.
    """
    del dataset  # hook: filter on the dataset of the imports once the schema has it
    imports = store.list_imports(engine)
    if import_ids is not None:
        by_id = {i.id: i for i in imports}
        missing = [i for i in import_ids if i not in by_id]
        if missing:
            raise LookupError(f"import #{missing[0]} does not exist; "
                              "`python -m data imports` lists them")
        imports = [by_id[i] for i in import_ids]
    return sorted(imports, key=lambda i: (i.imported_at, i.id))


def load_series(
    engine: Engine,
    import_ids: list[int] | None = None,
    dates: list[date] | None = None,
    query: str = "",
    cache: CacheLike | None = None,
) -> Series:
    """Read the imports of a series as snapshots.

    A snapshot's date is its import's date (``imported_at``) unless ``dates`` gives one per
    import (same order as ``import_ids``, for exports imported later than they were taken).
    Money figures use one currency: the query's, else the main currency of the newest snapshot.
    """
    infos = series_import_ids(engine, import_ids)
    if dates is not None and len(dates) != len(infos):
        raise ValueError(f"{len(dates)} dates for {len(infos)} imports: give one per import")
    as_of = {info.id: info.imported_at.date() for info in infos}
    if dates is not None:  # in the order given (import_ids), else the imports' time order
        order = import_ids if import_ids is not None else [i.id for i in infos]
        as_of.update(zip(order, dates, strict=True))
    manager = SnapshotManager(engine, cache or NoCache())
    version = manager.version()  # one version for the whole series
    state = replace(FilterState.from_query(query), view=None)
    frames: list[tuple[store.ImportInfo, Any]] = []
    for info in infos:
        selection = manager.selection(version, replace(state, import_id=info.id))
        if selection is None:
            continue
        frames.append((info, selection))
    labels: list[str] = []
    for _, selection in frames:
        labels += selection.snapshot.deals["stage"].dropna().unique().tolist()
    by_key: dict[str, str] = {}
    for label in labels:  # one label per folded key: spellings vary between imports
        by_key.setdefault(fold(label), label)
    stages = store.stage_settings(engine, list(by_key.values()))
    currency = state.currency or (frames[-1][1].currency if frames else None)
    ordered = sorted(frames, key=lambda f: (as_of[f[0].id], f[0].id))
    return Series(
        snapshots=[SnapshotFrame(i.id, as_of[i.id], split_currency(s.deals, currency)[0])
                   for i, s in ordered],
        all_deals=[SnapshotFrame(i.id, as_of[i.id], s.deals) for i, s in ordered],
        stages=stages,
        currency=currency,
    )
