"""The read side the pages use: snapshots of an import, filtered selections, memoised views.

Follows the vizro data-manager pattern (STYLE.md): the expensive *loader* (all deals of one
import) is memoised as Parquet bytes in the shared flask-caching store under the import's id and
checksum (imports never change once written), filtering happens after the cached call, and each
page's aggregates are memoised under ``(data version, page, normalised filter state, as_of)``.
The data version is read from the database on every request, so every worker agrees and a write
(import, deletion, stage edit) can never leave a stale figure on screen.
"""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from data import history, store
from data.canonical import CANONICAL_FIELDS, coerce_types
from data.filters import FilterState
from data.metrics import optimize_text_columns, shared_computations
from data.metrics.currency import main_currency, split_currency
from data.stages import StageSetting, effective_probability


class CacheLike(Protocol):
    """The part of ``flask_caching.Cache`` (or a cachelib backend) used here."""

    def get(self, key: str) -> Any:
        """Cached value or None."""

    def set(self, key: str, value: Any, timeout: int | None = None) -> Any:
        """Store a value."""


@dataclass
class Snapshot:
    """One import ready for metrics: every deal with its effective probability and stage rank."""

    info: store.ImportInfo
    deals: pd.DataFrame
    stages: list[StageSetting]
    present: frozenset[str]
    #: Lazily computed deal_id → furthest open stage rank seen in earlier imports (funnel).
    history_ranks: Callable[[], dict[str, int]] | None = None
    #: Currencies of the import, sorted, and the most frequent one (computed once).
    currencies: list[str] | None = None
    main_currency: str | None = None
    #: Lazily built snapshot of the import before this one (trends between imports).
    previous: Callable[[], Snapshot | None] | None = None

    def __post_init__(self) -> None:
        """Compute the import-wide currency facts every selection needs."""
        if self.currencies is None:
            self.currencies = sorted(self.deals["currency"].dropna().unique().tolist())
            self.main_currency = main_currency(self.deals)


@dataclass
class Selection:
    """The deals a view shows: all filtered deals, and those in the chosen currency.

    METRICS.md: amounts in different currencies are never added together; the default view shows
    the most frequent currency and says how many deals are in others.
    """

    snapshot: Snapshot
    state: FilterState
    deals: pd.DataFrame
    currency: str | None
    valued: pd.DataFrame
    other_currency_deals: int
    currencies: list[str] = field(default_factory=list)


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
    deals = state.apply(snapshot.deals)
    currencies = list(snapshot.currencies or [])
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


#: The data version ``view`` has just read, for the ``select`` it calls: (service id, version).
_REQUEST_VERSION: ContextVar[tuple[int, int] | None] = ContextVar("deals_version", default=None)


@dataclass(frozen=True)
class _Import:
    """One import's deals as read once per process (imports never change once written)."""

    frame: pd.DataFrame
    stages_in_order: list[str]


class DealsService:
    """Per-process access to imports, with memoisation in a store shared by every worker.

    Three in-process memos sit in front of the shared cache, none of which can make two
    workers disagree: the decoded deals of an import, keyed by its id and checksum (imports
    never change); the snapshot (deals with probabilities and stage ranks) and the last few
    selections, keyed by the data version read from the database, which any write changes.
    """

    #: Bounds of the in-process memos (a million-deal import is a few hundred MB in memory).
    MAX_IMPORTS = 2
    MAX_SNAPSHOTS = 2
    MAX_SELECTIONS = 4

    def __init__(
        self,
        engine: Engine,
        cache: CacheLike,
        timeout_s: int = 24 * 3600,
        code_version: str = "",
    ) -> None:
        """Bind the engine and the shared cache; nothing is read until a page asks.

        ``code_version`` goes into every memo key, so entries written by an older release of
        the code (another shape of aggregates or components) are never served after a deploy.
        """
        self.engine = engine
        self.cache = cache
        self.timeout_s = timeout_s
        self.code_version = code_version
        self._frames: OrderedDict[tuple[int, int, str, str], _Import] = OrderedDict()
        self._snapshots: OrderedDict[tuple[Any, ...], Snapshot | None] = OrderedDict()
        self._selections: OrderedDict[tuple[int, str], Selection] = OrderedDict()
        self._lock = threading.Lock()
        self._database_id: int | None = None

    def _memo_get(self, memo: OrderedDict[Any, Any], key: Any) -> tuple[bool, Any]:
        with self._lock:
            if key in memo:
                memo.move_to_end(key)
                return True, memo[key]
        return False, None

    def _memo_put(self, memo: OrderedDict[Any, Any], key: Any, value: Any, bound: int) -> None:
        with self._lock:
            memo[key] = value
            memo.move_to_end(key)
            while len(memo) > bound:
                memo.popitem(last=False)

    # -- versions and imports ---------------------------------------------------------------
    def version(self) -> int:
        """Current data version (one small query)."""
        return store.data_version(self.engine)

    def imports(self) -> list[store.ImportInfo]:
        """All imports, newest first."""
        return store.list_imports(self.engine)

    def resolve_import(self, state: FilterState) -> store.ImportInfo | None:
        """The import a state asks for, or the newest one."""
        return self._resolve(self.imports(), state)

    @staticmethod
    def _resolve(imports: list[store.ImportInfo], state: FilterState) -> store.ImportInfo | None:
        # history (issue 10): the named import, else the newest snapshot of the named dataset,
        # else of the most recently imported dataset.
        return history.resolve(imports, state.import_id, state.dataset_id)

    # -- loading ------------------------------------------------------------------------------
    def _import(self, info: store.ImportInfo) -> _Import:
        """The deals of an import: process memo, else the shared cache (Parquet), else the DB.

        Grouping columns become ``category`` here, once per import and process
        (``optimize_text_columns``: identical results, much faster filters and group-bys).
        """
        # The import's time is part of the key: SQLite may reuse the id of a deleted import,
        # and the same file re-imported with another mapping has the same checksum.
        stamp = info.imported_at.isoformat()
        key = (self.database_id, info.id, info.checksum, stamp)
        hit, found = self._memo_get(self._frames, key)
        if hit:
            return found  # type: ignore[no-any-return]
        cache_key = "frame:" + hashlib.sha1(repr(key).encode()).hexdigest()
        blob = self.cache.get(cache_key)
        if blob is not None:
            frame = coerce_types(pd.read_parquet(io.BytesIO(blob)))
        else:
            frame = store.load_deals(self.engine, info.id)
            buffer = io.BytesIO()
            frame.to_parquet(buffer, index=False, compression="zstd")
            self.cache.set(cache_key, buffer.getvalue(), timeout=self.timeout_s)
        stages_in_order = frame["stage"].dropna().unique().tolist()
        loaded = _Import(optimize_text_columns(frame), stages_in_order)
        self._memo_put(self._frames, key, loaded, self.MAX_IMPORTS)
        return loaded

    def warm(self, import_id: int) -> None:
        """Put a new import's deals in the shared cache right after it is written.

        Called at the end of an import (which already shows progress), so the first page view
        reads Parquet from the cache instead of the whole import from the database.
        """
        info = store.get_import(self.engine, import_id)
        if info is not None:
            self._import(info)

    def snapshot(self, state: FilterState, version: int | None = None) -> Snapshot | None:
        """The selected import with probabilities and stage order applied; None if no import.

        Memoised in the process under the data version (``version`` when the caller has
        just read it): stage settings, the list of imports and the import itself only change
        with a write, and every write bumps the version.
        """
        version = self.version() if version is None else version
        key = (version, state.import_id, state.dataset_id)  # history: + dataset
        hit, found = self._memo_get(self._snapshots, key)
        if hit:
            return found  # type: ignore[no-any-return]
        imports = self.imports()
        info = self._resolve(imports, state)
        snapshot = None if info is None else self._build_snapshot(info, len(imports) > 1)
        if snapshot is not None and info is not None:
            # history (issue 10): the previous snapshot of the SAME dataset, not any import.
            before = history.previous_snapshot(imports, info)
            if before is not None:
                kept: list[Snapshot] = []

                def previous() -> Snapshot | None:
                    if not kept:  # built once, on demand: only Home compares imports
                        kept.append(self._build_snapshot(before, True))
                    return kept[0]

                snapshot.previous = previous
        self._memo_put(self._snapshots, key, snapshot, self.MAX_SNAPSHOTS)
        return snapshot

    def _build_snapshot(self, info: store.ImportInfo, several: bool) -> Snapshot:
        loaded = self._import(info)
        stages = store.stage_settings(self.engine, loaded.stages_in_order)
        present = frozenset(v for v in info.mapping.values() if v in CANONICAL_FIELDS)
        deals = prepare(loaded.frame, stages)
        found: list[dict[str, int]] = []

        def history() -> dict[str, int]:
            if not found:  # asked again for the same snapshot: same answer, no new query
                lost = deals.loc[deals["status"] == "lost", "deal_id"].dropna().unique()
                ranks = {s.stage: s.order for s in stages if s.status == "open"}
                found.append(store.history_ranks(self.engine, info.id, lost.tolist(), ranks))
            return dict(found[0])

        return Snapshot(info, deals, stages, present, history if several else None)

    def select(self, state: FilterState, version: int | None = None) -> Selection | None:
        """Filter the selected import and split it by currency.

        The last few selections are memoised under the data version and the normalised
        filters, so that paging or sorting the Deals table does not filter again.
        """
        if version is None:
            current = _REQUEST_VERSION.get()
            version = current[1] if current and current[0] == id(self) else self.version()
        key = (version, replace(state, view=None, as_of=None).cache_key())
        hit, found = self._memo_get(self._selections, key)
        if hit:
            return found  # type: ignore[no-any-return]
        snapshot = self.snapshot(state, version)
        if snapshot is None:
            return None
        selection = select_in(snapshot, state)
        self._memo_put(self._selections, key, selection, self.MAX_SELECTIONS)
        return selection

    # -- memoised views -------------------------------------------------------------------------
    def view(
        self,
        name: str,
        state: FilterState,
        as_of: date,
        build: Callable[[Selection, date], dict[str, Any]],
    ) -> dict[str, Any] | None:
        """A page's aggregates, memoised under (data version, page, filters, as_of).

        ``build`` is a pure function of the selection and ``as_of`` returning JSON-able data;
        it runs inside ``shared_computations`` (masks and day numbers computed once per frame).
        Returns None when there is no import yet. A cached view costs one data-version query
        and one cache read.
        """
        version = self.version()
        key = self._view_key(version, name, state, as_of)
        cached = self.cache.get(key)
        if cached is not None:
            return dict(json.loads(cached))
        token = _REQUEST_VERSION.set((id(self), version))  # select() reuses it: no 2nd query
        try:
            selection = self.select(state)  # one argument: tests and tools wrap this method
        finally:
            _REQUEST_VERSION.reset(token)
        if selection is None:
            return None
        with shared_computations():
            result = build(selection, as_of)
        self.cache.set(key, json.dumps(result, default=str), timeout=self.timeout_s)
        return result

    def view_key(self, name: str, state: FilterState, as_of: date) -> str:
        """The memo key of a page's aggregates (includes the data version)."""
        return self._view_key(self.version(), name, state, as_of)

    @property
    def database_id(self) -> int:
        """This database's random id, read once: two databases sharing one cache stay apart."""
        if self._database_id is None:
            self._database_id = store.database_id(self.engine)
        return self._database_id

    def _view_key(self, version: int, name: str, state: FilterState, as_of: date) -> str:
        raw = json.dumps(
            [self.code_version, self.database_id, version, name, state.cache_key(),
             as_of.isoformat()]
        )
        return "view:" + hashlib.sha1(raw.encode()).hexdigest()

    def filter_options(self, state: FilterState) -> dict[str, list[str]]:
        """Distinct values of the filterable columns of the selected import, from the database.

        ``SELECT DISTINCT`` on the ``(import_id, column)`` indexes: the options never need a full
        load. Stages come in pipeline order under ``stage_ordered``.
        """
        info = self.resolve_import(state)
        if info is None:
            return {}
        key = f"options:{self.database_id}:{self.version()}:{info.id}:{info.checksum}"
        cached = self.cache.get(key)
        if cached is not None:
            return dict(json.loads(cached))
        columns = ("status", "stage", "source", "sector", "owner", "currency")
        found = store.distinct_values(self.engine, info.id, columns)
        order = {s.stage: s.order for s in store.stage_settings(self.engine, found["stage"])}
        found["stage_ordered"] = sorted(found["stage"], key=lambda s: (order.get(s, 10**6), s))
        self.cache.set(key, json.dumps(found), timeout=self.timeout_s)
        return found
