"""The read side's data manager: import → snapshot (loaded once), filtered selections.

Follows the vizro data-manager pattern (STYLE.md): the expensive loader (all deals of one
import) runs once per host — its result is an Arrow file in the shared cache directory that
every worker memory-maps (``data.shared_frames``) — and filtering happens in memory after it.
The data version is an argument of every method that depends on it: the caller reads it once
per request (``version()``) and passes it down. Cache keys are built by ``data.memo`` only.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data import history, store
from data.canonical import CANONICAL_FIELDS
from data.filters import FilterState, TextIndex
from data.memo import CacheLike, Memo
from data.metrics import optimize_text_columns, shared_computations
from data.metrics.currency import main_currency, split_currency
from data.shared_frames import SharedFrames
from data.stages import StageSetting, effective_probability, fold

V = TypeVar("V")
T = TypeVar("T")


@dataclass(frozen=True)
class Snapshot:
    """One import ready for metrics: every deal with its effective probability and stage rank.

    Plain data: what needs the database (the previous import, the funnel history) is asked
    of the manager, which keeps the answers, and handed to the builders in a ``Selection``.
    """

    info: store.ImportInfo
    deals: pd.DataFrame
    stages: list[StageSetting]
    present: frozenset[str]
    #: The import just before this one (trends between imports), if any.
    previous_info: store.ImportInfo | None = None
    #: Whether the database holds other imports (the funnel then uses their history).
    several: bool = False
    #: Currencies of the import, sorted, and the most frequent one (computed once).
    currencies: list[str] = field(default_factory=list)
    main_currency: str | None = None
    #: The search columns of ``deals`` casefolded once (shared by the snapshots of an import).
    text: TextIndex | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, info: store.ImportInfo, deals: pd.DataFrame, stages: list[StageSetting],
           present: frozenset[str], previous_info: store.ImportInfo | None = None,
           several: bool = False, text: TextIndex | None = None) -> Snapshot:
        """A snapshot with its import-wide currency facts computed.

        ``text``: a :class:`TextIndex` of the import's rows in the order of ``deals`` (default:
        a new one of ``deals``).
        """
        currencies = sorted(deals["currency"].dropna().unique().tolist())
        return cls(info, deals, stages, present, previous_info, several, currencies,
                   main_currency(deals), TextIndex(deals) if text is None else text)


@dataclass
class Selection:
    """The deals a view shows: all filtered deals, and those in the chosen currency.

    METRICS.md: amounts in different currencies are never added together; the default view shows
    the most frequent currency and says how many deals are in others. ``previous`` (the same
    filters and currency on the import before) and ``history`` (funnel: deal id → furthest
    open stage rank earlier imports show) are filled by the manager when a view asks for them.
    """

    snapshot: Snapshot
    state: FilterState
    deals: pd.DataFrame
    currency: str | None
    valued: pd.DataFrame
    other_currency_deals: int
    currencies: list[str] = field(default_factory=list)
    previous: Selection | None = None
    history: dict[str, int] | None = None
    #: Issue 12: the snapshots of the shown import's dataset up to it, oldest first, with the
    #: same filters and currency, and one stage table covering them all (movement, backtest).
    series: SeriesData | None = None


@dataclass(frozen=True)
class SeriesData:
    """Snapshots of one dataset as selections, and the stage table they share."""

    selections: tuple[Selection, ...]
    stages: tuple[StageSetting, ...]
    #: Each snapshot's date: its analysis date (``history.default_as_of`` at its import day).
    dates: tuple[date, ...]


def prepare(deals: pd.DataFrame, stages: list[StageSetting]) -> pd.DataFrame:
    """Add ``p`` (effective probability) and ``stage_rank`` (pipeline position) to the deals.

    The deals are not copied (copy-on-write keeps the caller's frame unchanged); the stage
    rank is looked up per distinct stage, then spread with the stage codes.
    """
    out = deals.copy(deep=False)
    probability = {s.stage: s.probability for s in stages}
    rank = {s.stage: s.order for s in stages}
    out["p"] = effective_probability(out, probability)
    stage = out["stage"]
    if isinstance(stage.dtype, pd.CategoricalDtype):
        codes, labels = stage.cat.codes.to_numpy(), stage.cat.categories.tolist()
    else:
        codes, uniques = pd.factorize(stage.to_numpy(dtype=object), use_na_sentinel=True)
        labels = uniques.tolist()
    lookup = np.array([rank.get(label, len(stages)) for label in labels] + [len(stages)],
                      dtype=np.int64)  # last slot: code -1, no stage
    out["stage_rank"] = lookup[codes]
    return out


def select_in(snapshot: Snapshot, state: FilterState) -> Selection:
    """The deals of ``snapshot`` that ``state`` selects, split by currency (pure, in memory)."""
    deals = state.apply(snapshot.deals, snapshot.text)
    currencies = list(snapshot.currencies)
    currency = state.currency if state.currency in currencies else None
    currency = currency or main_currency(deals) or snapshot.main_currency
    # The same rule as kpi_summary: a deal with no currency is left out of money figures.
    valued, left_out = split_currency(deals, currency)
    return Selection(
        snapshot=snapshot,
        state=state,
        deals=deals,
        currency=currency,
        valued=valued,
        other_currency_deals=left_out,
        currencies=currencies,
    )


@dataclass(frozen=True)
class Needs:
    """What a view needs beyond the selection (each costs a query or another import)."""

    previous: bool = False
    history: bool = False
    series: bool = False


#: What the pages' builders need, by page name (the name before ``:`` in a view name).
NEEDS: dict[str, Needs] = {"home": Needs(previous=True), "pipeline": Needs(history=True),
                           "forecast": Needs(history=True, series=True),
                           "trends": Needs(series=True), "segments": Needs(series=True)}


@dataclass(frozen=True)
class _Import:
    """One import's deals as read once per process (imports never change once written)."""

    frame: pd.DataFrame
    stages_in_order: list[str]
    #: The search columns folded once per import, for every snapshot (version) built on it.
    text: TextIndex


class SnapshotManager:
    """Owns the read side of one database: imports, snapshots, selections, filter options.

    In-process state is bounded and keyed so that it can never make two workers disagree:
    the decoded imports by their identity (an import never changes once written), snapshots
    and funnel histories by the data version the caller read (any write changes it).
    """

    #: Bounds of the in-process memos. An import is mapped (its columns shared by the host's
    #: processes); a snapshot adds two columns to it. Three imports and four snapshots hold
    #: what a view of a three-snapshot dataset reads at once (the series of Forecast; Home's
    #: newest and previous): with two of each, Home and Forecast evicted each other's after
    #: the second import of ``bench/load.py`` and rebuilt them on every cold view.
    MAX_IMPORTS = 3
    MAX_SNAPSHOTS = 4
    MAX_VERSIONED = 16

    def __init__(
        self,
        engine: Engine,
        cache: CacheLike,
        timeout_s: int = 24 * 3600,
        code_version: str = "",
        *,
        reader: Engine | None = None,
        frames_dir: str | Path | None = None,
    ) -> None:
        """Bind the engines and the shared cache; nothing is read until a page asks.

        ``engine`` is the unbounded engine that writes go through (kept as ``self.engine``);
        ``reader`` (default: the same) is the web requests' engine, with a statement timeout.
        ``frames_dir`` holds the shared Arrow copies of imports (None: in-process only).
        """
        self.engine = engine
        self.reader = reader or engine
        # One statement needs no transaction: without BEGIN/ROLLBACK the version query (the
        # one query of a warm callback) is one round trip instead of three.
        self._single = self.reader.execution_options(isolation_level="AUTOCOMMIT")
        self.cache = cache
        self.timeout_s = timeout_s
        self.code_version = code_version
        self.memo = Memo(cache, lambda: store.database_id(self.reader), code_version, timeout_s)
        self.frames = SharedFrames(frames_dir) if frames_dir is not None else None
        self._imports: OrderedDict[tuple[Any, ...], _Import] = OrderedDict()
        self._snapshots: OrderedDict[tuple[int, int], Snapshot] = OrderedDict()
        self._histories: OrderedDict[tuple[int, int], dict[str, int]] = OrderedDict()
        self._versioned: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[Any, threading.Lock] = {}

    @property
    def database_id(self) -> int:
        """This database's random id, read once: two databases sharing one cache stay apart."""
        return self.memo.database_id

    def _get(self, memo: OrderedDict[Any, Any], key: Any) -> tuple[bool, Any]:
        with self._lock:
            if key in memo:
                memo.move_to_end(key)
                return True, memo[key]
        return False, None

    def _put(self, memo: OrderedDict[Any, Any], key: Any, value: Any, bound: int) -> None:
        with self._lock:
            memo[key] = value
            memo.move_to_end(key)
            while len(memo) > bound:
                memo.popitem(last=False)

    def _once(self, key: Any) -> threading.Lock:
        """The lock under which one thread builds ``key`` while the others wait for it.

        After an import every user's next request misses at once: without it, each thread of
        each worker would load the same import from the database at the same moment.
        """
        with self._lock:
            if len(self._flights) > 64:
                self._flights = {k: v for k, v in self._flights.items() if v.locked()}
            return self._flights.setdefault(key, threading.Lock())

    # -- versions and imports ---------------------------------------------------------------
    def version(self) -> int:
        """Current data version (one small query): read once per request, then passed down."""
        return store.data_version(self._single)

    def imports(self, version: int | None = None) -> list[store.ImportInfo]:
        """All imports, newest first; kept per data ``version`` when the caller read one."""
        if version is None:
            return store.list_imports(self.reader)
        found: list[store.ImportInfo] = self._at_version(
            version, ("imports",), lambda: store.list_imports(self.reader))
        return list(found)

    def app_settings(self, version: int, defaults: dict[str, float]) -> dict[str, float]:
        """The editable settings (``history.app_settings``) at data ``version``.

        Saving a setting bumps the version, so a value kept under a version is never stale.
        """
        key = ("settings", tuple(sorted(defaults.items())))
        found: dict[str, float] = self._at_version(
            version, key, lambda: history.app_settings(self.reader, defaults))
        return dict(found)

    def deleted_imports(self) -> list[tuple[int, str, datetime]]:
        """Soft-deleted imports that can still be restored (``history.deleted_imports``)."""
        return history.deleted_imports(self.reader)

    def datasets(self, version: int) -> list[history.DatasetInfo]:
        """Every dataset (``history.list_datasets``) at data ``version``."""
        found: list[history.DatasetInfo] = self._at_version(
            version, ("datasets",), lambda: history.list_datasets(self.reader))
        return list(found)

    def import_status(self, import_id: int) -> history.ImportState:
        """Whether an import exists, is deleted or never existed (``history.import_status``)."""
        return history.import_status(self.reader, import_id)

    def _at_version(self, version: int, key: tuple[Any, ...], read: Callable[[], T]) -> T:
        """``read()`` kept in the process under the data ``version`` (every write bumps it).

        A value is kept only if the version did not move while it was read, so a write that
        lands during the read can never leave newer rows under the older version (or older
        rows under the newer one). Every callback reads the version, then these at it: one
        query per request on a warm path instead of three.
        """
        full = (version, *key)
        hit, found = self._get(self._versioned, full)
        if hit:
            return found  # type: ignore[no-any-return]
        value = read()
        if self.version() == version:
            self._put(self._versioned, full, value, self.MAX_VERSIONED)
        return value

    @staticmethod
    def resolve(imports: list[store.ImportInfo], state: FilterState) -> store.ImportInfo | None:
        """The import a state asks for (``data.history.resolve``: import, dataset, newest)."""
        return history.resolve(imports, state.import_id, state.dataset_id)

    def resolve_import(
        self, state: FilterState, version: int | None = None
    ) -> store.ImportInfo | None:
        """The import ``state`` shows (its import, else its dataset's newest, else the newest)."""
        return self.resolve(self.imports(version), state)

    # -- loading ------------------------------------------------------------------------------
    def _load(self, info: store.ImportInfo) -> _Import:
        """An import's deals: process memo, else the host's shared Arrow file, else the DB.

        Grouping columns become ``category`` once, before the file is written
        (``optimize_text_columns``: identical results, much faster filters and group-bys).
        """
        # The import's time is part of the identity: SQLite may reuse the id of a deleted
        # import, and the same file re-imported with another mapping has the same checksum.
        identity = (self.code_version, self.database_id, info.id, info.checksum,
                    info.imported_at.isoformat())
        hit, found = self._get(self._imports, identity)
        if hit:
            return found  # type: ignore[no-any-return]
        with self._once(("import", identity)):
            hit, found = self._get(self._imports, identity)
            if hit:
                return found  # type: ignore[no-any-return]
            name = hashlib.sha256(json.dumps(identity).encode()).hexdigest()[:32]
            if self.frames is None:
                frame = self._from_database(info.id)
            else:
                frame = self.frames.read_or_make(name, lambda: self._from_database(info.id))
            loaded = _Import(frame, _appearance_order(frame["stage"]), TextIndex(frame))
            self._put(self._imports, identity, loaded, self.MAX_IMPORTS)
        return loaded

    def _from_database(self, import_id: int) -> pd.DataFrame:
        """All deals of an import from the database, grouping columns as ``category``.

        Through the unbounded engine: a sequential read of one import, done once per host
        (under the shared file's lock), whose duration grows with the import — not a query
        that a bad plan can make run away, which is what the readers' timeout is for.
        """
        return optimize_text_columns(store.load_deals(self.engine, import_id))

    def warm(self, import_id: int) -> None:
        """Write a new import's shared Arrow copy right after the import (which shows progress).

        The first page view of every worker then maps the file instead of reading the import
        from the database, and finds the filter options in the shared cache.
        """
        info = store.get_import(self.reader, import_id)
        if info is not None:
            self._load(info)
            # The filter bar's options too: at a million deals its SELECT DISTINCTs are the
            # larger part of a new worker's first view, and they never change for an import.
            self.filter_options(FilterState(import_id=import_id))

    def snapshot(
        self, version: int, import_id: int | None, dataset_id: int | None = None
    ) -> Snapshot | None:
        """The import ``import_id`` (None: the newest of ``dataset_id``, else the newest import)
        prepared for metrics; None if no import.

        Kept in the process under the data version and the import it resolves to (the newest
        import asked by id or as "the newest" is one snapshot): stage settings, the list of
        imports and the import itself only change with a write, and every write bumps the
        version.
        """
        imports = self.imports(version)
        info = history.resolve(imports, import_id, dataset_id)
        if info is None:
            return None
        key = (version, info.id)
        hit, found = self._get(self._snapshots, key)
        if hit:
            return found  # type: ignore[no-any-return]
        with self._once(("snapshot", key)):
            hit, found = self._get(self._snapshots, key)
            if hit:
                return found  # type: ignore[no-any-return]
            # Trends compare snapshots of one dataset only (never two unrelated files).
            before = history.previous_snapshot(imports, info)
            snapshot = self._build(info, before, len(imports) > 1)
            self._put(self._snapshots, key, snapshot, self.MAX_SNAPSHOTS)
            return snapshot

    def _build(
        self, info: store.ImportInfo, before: store.ImportInfo | None, several: bool
    ) -> Snapshot:
        loaded = self._load(info)
        stages = store.stage_settings(self.reader, loaded.stages_in_order)
        present = frozenset(v for v in info.mapping.values() if v in CANONICAL_FIELDS)
        # prepare() keeps the import's rows in their order: the import's text index fits.
        return Snapshot.of(info, prepare(loaded.frame, stages), stages, present, before, several,
                           loaded.text)

    def previous(self, version: int, snapshot: Snapshot) -> Snapshot | None:
        """The import before ``snapshot``'s, prepared the same way (trends between imports)."""
        if snapshot.previous_info is None:
            return None
        return self.snapshot(version, snapshot.previous_info.id)

    def history_ranks(self, version: int, snapshot: Snapshot) -> dict[str, int]:
        """For the lost deals of ``snapshot``, the furthest open stage earlier imports show.

        METRICS.md (funnel): "lost deals count only for stages that history (several imports)
        shows they reached". One indexed query, kept per data version and import.
        """
        key = (version, snapshot.info.id)
        hit, found = self._get(self._histories, key)
        if hit:
            return dict(found)
        deals = snapshot.deals
        lost = deals.loc[deals["status"] == "lost", "deal_id"].dropna().unique()
        ranks = {s.stage: s.order for s in snapshot.stages if s.status == "open"}
        found = store.history_ranks(self.reader, snapshot.info.id, lost.tolist(), ranks)
        self._put(self._histories, key, found, self.MAX_SNAPSHOTS)
        return dict(found)

    def selection(
        self, version: int, state: FilterState, needs: Needs = Needs()
    ) -> Selection | None:
        """Filter the selected import, split it by currency, add what the view ``needs``."""
        snapshot = self.snapshot(version, state.import_id, state.dataset_id)
        if snapshot is None:
            return None
        selection = select_in(snapshot, state)
        if needs.history and snapshot.several:
            selection.history = self.history_ranks(version, snapshot)
        if needs.series:
            selection.series = self.series(version, selection)
        if needs.previous:
            before = self.previous(version, snapshot)
            if before is not None:
                same = replace(state, import_id=None, currency=selection.currency, view=None)
                selection.previous = select_in(before, same)
        return selection

    def series(self, version: int, shown: Selection) -> SeriesData:
        """The snapshots of ``shown``'s dataset up to it, oldest first, filtered alike.

        Each earlier import is a snapshot of this manager (memory-mapped once per host); all
        share one stage table built from every label they hold, so positions compare.
        """
        info = shown.snapshot.info
        members = sorted(
            (i for i in self.imports(version) if i.dataset_id == info.dataset_id
             and (i.imported_at, i.id) <= (info.imported_at, info.id)),
            key=lambda i: (i.imported_at, i.id),
        )
        same = replace(shown.state, import_id=None, dataset_id=None, currency=shown.currency,
                       view=None)
        selections: list[Selection] = []
        for member in members:
            snap = (shown.snapshot if member.id == info.id
                    else self.snapshot(version, member.id))
            if snap is not None:
                selections.append(shown if snap is shown.snapshot else select_in(snap, same))
        labels: dict[str, str] = {}  # one label per folded key: spellings vary between imports
        for sel in reversed(selections):
            for setting in sel.snapshot.stages:
                labels.setdefault(fold(setting.stage), setting.stage)
        stages = (store.stage_settings(self.reader, list(labels.values()))
                  if len(selections) > 1 else list(shown.snapshot.stages))
        dates = tuple(history.default_as_of(s.snapshot.info, s.snapshot.info.imported_at.date())
                      for s in selections)
        return SeriesData(tuple(selections), tuple(stages), dates)

    def aggregates(
        self,
        version: int,
        name: str,
        state: FilterState,
        as_of: date,
        build: Callable[[Selection, date], V],
    ) -> V | None:
        """A page's aggregates: ``build(selection, as_of)`` with shared masks; None if no import.

        Not memoised here: the rendered output that contains them is (``Memo``, one level).
        """
        needs = NEEDS.get(name.split(":", 1)[0], Needs())
        selection = self.selection(version, state, needs)
        if selection is None:
            return None
        with shared_computations():
            return build(selection, as_of)

    def filter_options(
        self, state: FilterState, version: int | None = None
    ) -> dict[str, list[str]]:
        """Distinct values of the filterable columns of the selected import, from the database.

        ``SELECT DISTINCT`` on the ``(import_id, column)`` indexes: the options never need a
        full load. Stages come in pipeline order under ``stage_ordered``.
        """
        version = self.version() if version is None else version
        info = self.resolve(self.imports(version), state)
        if info is None:
            return {}

        def make() -> dict[str, list[str]]:
            columns = ("status", "stage", "source", "sector", "owner", "currency")
            found = store.distinct_values(self.reader, info.id, columns)
            order = {s.stage: s.order for s in store.stage_settings(self.reader, found["stage"])}
            found["stage_ordered"] = sorted(found["stage"],
                                            key=lambda s: (order.get(s, 10**6), s))
            return found

        return self.memo.cached("options", version, [info.id, info.checksum], make,
                                json.dumps, lambda raw: dict(json.loads(raw)))


#: Resident memory a process may keep above its size after its last trim before a finished
#: computation gives the rest back (``release_unused_memory``).
TRIM_SLACK_BYTES = 64 * 2**20
_after_trim = [0]  # resident bytes measured after the last trim (a list: no ``global``)


def release_unused_memory(slack: int = TRIM_SLACK_BYTES) -> bool:
    """Give the memory of a finished computation back to the operating system, when it is
    worth it: the process holds more than ``slack`` bytes above its size after the last trim.

    Filtered copies of Arrow-backed columns are allocated from Arrow's pool (mimalloc), which
    keeps freed pages for reuse; at a million deals that is a few hundred MB per worker that
    nothing uses between two computations (issue 9). glibc's heap is trimmed too. Below the
    slack (10k–100k deals) nothing is given back: trimming after every view made the next one
    fault the same pages in again, ~15 ms of a cold Home or Forecast view in a gunicorn
    thread (issue 16). Returns whether it trimmed.
    """
    import pyarrow as pa

    resident = _resident_bytes()
    if resident is not None and resident - _after_trim[0] < slack:
        return False
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    _after_trim[0] = _resident_bytes() or 0
    return True


def _resident_bytes() -> int | None:
    """This process's resident memory (Linux ``/proc/self/statm``); None elsewhere."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _appearance_order(stage: pd.Series) -> list[str]:
    """Distinct stages in order of first appearance (what ``unique()`` gives on the raw frame)."""
    if isinstance(stage.dtype, pd.CategoricalDtype):
        codes = stage.cat.codes.to_numpy()
        present = codes[codes >= 0]
        _, first = np.unique(present, return_index=True)
        order = np.unique(present)[np.argsort(first)]
        return [stage.cat.categories[c] for c in order]
    return list(stage.dropna().unique().tolist())
