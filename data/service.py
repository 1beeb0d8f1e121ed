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
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

import pandas as pd
from sqlalchemy import Engine

from data import store
from data.canonical import CANONICAL_FIELDS
from data.filters import FilterState
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


def most_frequent_currency(deals: pd.DataFrame) -> str | None:
    """The currency most deals are in (alphabetical on ties); None when there is none."""
    counts = deals["currency"].dropna().value_counts()
    if counts.empty:
        return None
    top = counts.max()
    return sorted(str(c) for c in counts[counts == top].index)[0]


def prepare(deals: pd.DataFrame, stages: list[StageSetting]) -> pd.DataFrame:
    """Add ``p`` (effective probability) and ``stage_rank`` (pipeline position) to the deals."""
    out = deals.copy()
    probability = {s.stage: s.probability for s in stages}
    rank = {s.stage: s.order for s in stages}
    out["p"] = effective_probability(out, probability)
    out["stage_rank"] = out["stage"].map(rank).fillna(len(stages)).astype("int64")
    return out


class DealsService:
    """Per-process access to imports, with memoisation in a store shared by every worker."""

    def __init__(self, engine: Engine, cache: CacheLike, timeout_s: int = 24 * 3600) -> None:
        """Bind the engine and the shared cache; nothing is read until a page asks."""
        self.engine = engine
        self.cache = cache
        self.timeout_s = timeout_s
        # Decoded frames of immutable imports, keyed by (id, checksum): a memo of data that can
        # never change, so it cannot make two workers disagree. Bounded to two imports.
        self._frames: OrderedDict[tuple[int, str], pd.DataFrame] = OrderedDict()
        self._lock = threading.Lock()

    # -- versions and imports ---------------------------------------------------------------
    def version(self) -> int:
        """Current data version (one small query)."""
        return store.data_version(self.engine)

    def imports(self) -> list[store.ImportInfo]:
        """All imports, newest first."""
        return store.list_imports(self.engine)

    def resolve_import(self, state: FilterState) -> store.ImportInfo | None:
        """The import a state asks for, or the newest one."""
        info = store.get_import(self.engine, state.import_id)
        if info is None and state.import_id is not None:
            info = store.get_import(self.engine, None)
        return info

    # -- loading ------------------------------------------------------------------------------
    def _raw_frame(self, info: store.ImportInfo) -> pd.DataFrame:
        key = (info.id, info.checksum)
        with self._lock:
            if key in self._frames:
                self._frames.move_to_end(key)
                return self._frames[key]
        cache_key = f"frame:{info.id}:{info.checksum}"
        blob = self.cache.get(cache_key)
        if blob is not None:
            frame = pd.read_parquet(io.BytesIO(blob))
        else:
            frame = store.load_deals(self.engine, info.id)
            buffer = io.BytesIO()
            frame.to_parquet(buffer, index=False, compression="zstd")
            self.cache.set(cache_key, buffer.getvalue(), timeout=self.timeout_s)
        with self._lock:
            self._frames[key] = frame
            while len(self._frames) > 2:
                self._frames.popitem(last=False)
        return frame

    def snapshot(self, state: FilterState) -> Snapshot | None:
        """The selected import with probabilities and stage order applied; None if no import."""
        info = self.resolve_import(state)
        if info is None:
            return None
        raw = self._raw_frame(info)
        stages = store.stage_settings(self.engine, raw["stage"].dropna().tolist())
        present = frozenset(v for v in info.mapping.values() if v in CANONICAL_FIELDS)
        if "stage" in present or "status" in present:
            present = present | {"stage", "status"}
        deals = prepare(raw, stages)

        def history() -> dict[str, int]:
            lost = deals.loc[deals["status"] == "lost", "deal_id"].dropna().unique().tolist()
            ranks = {s.stage: s.order for s in stages if s.status == "open"}
            return store.history_ranks(self.engine, info.id, lost, ranks)

        several = len(self.imports()) > 1
        return Snapshot(info, deals, stages, present, history if several else None)

    def select(self, state: FilterState) -> Selection | None:
        """Filter the selected import and split it by currency."""
        snapshot = self.snapshot(state)
        if snapshot is None:
            return None
        deals = state.apply(snapshot.deals)
        currencies = sorted(snapshot.deals["currency"].dropna().unique().tolist())
        currency = state.currency if state.currency in currencies else None
        currency = currency or most_frequent_currency(deals) or most_frequent_currency(
            snapshot.deals
        )
        in_currency = deals["currency"] == currency if currency else deals["currency"].isna()
        valued = deals[in_currency | deals["currency"].isna()] if currency else deals
        return Selection(
            snapshot=snapshot,
            state=state,
            deals=deals,
            currency=currency,
            valued=valued,
            other_currency_deals=int(len(deals) - len(valued)),
            currencies=currencies,
        )

    # -- memoised views -------------------------------------------------------------------------
    def view(
        self,
        name: str,
        state: FilterState,
        as_of: date,
        build: Callable[[Selection, date], dict[str, Any]],
    ) -> dict[str, Any] | None:
        """A page's aggregates, memoised under (data version, page, filters, as_of).

        ``build`` is a pure function of the selection and ``as_of`` returning JSON-able data.
        Returns None when there is no import yet.
        """
        key = self.view_key(name, state, as_of)
        cached = self.cache.get(key)
        if cached is not None:
            return dict(json.loads(cached))
        selection = self.select(state)
        if selection is None:
            return None
        result = build(selection, as_of)
        self.cache.set(key, json.dumps(result, default=str), timeout=self.timeout_s)
        return result

    def view_key(self, name: str, state: FilterState, as_of: date) -> str:
        """The memo key of a page's aggregates (includes the data version)."""
        raw = json.dumps([self.version(), name, state.cache_key(), as_of.isoformat()])
        return "view:" + hashlib.sha1(raw.encode()).hexdigest()

    def filter_options(self, state: FilterState) -> dict[str, list[str]]:
        """Distinct values of the filterable columns of the selected import, from the database.

        ``SELECT DISTINCT`` on the ``(import_id, column)`` indexes: the options never need a full
        load. Stages come in pipeline order under ``stage_ordered``.
        """
        info = self.resolve_import(state)
        if info is None:
            return {}
        key = f"options:{self.version()}:{info.id}:{info.checksum}"
        cached = self.cache.get(key)
        if cached is not None:
            return dict(json.loads(cached))
        columns = ("status", "stage", "source", "sector", "owner", "currency")
        found = store.distinct_values(self.engine, info.id, columns)
        order = {s.stage: s.order for s in store.stage_settings(self.engine, found["stage"])}
        found["stage_ordered"] = sorted(found["stage"], key=lambda s: (order.get(s, 10**6), s))
        self.cache.set(key, json.dumps(found), timeout=self.timeout_s)
        return found
