"""The filter state of every view, and its one translation to and from the URL query string.

Readable keys (``?stage=Negotiation&stage=Proposal&source=LinkedIn&from=2026-01-01``) make every
filtered view a link that can be sent. ``FilterState.from_query`` accepts what Dash passes to
``layout(**kwargs)`` (a ``str`` per key, a ``list`` for a repeated key) as well as a raw query
string; unknown or malformed parameters are dropped and reported as notices, never raised.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final
from urllib.parse import parse_qs, quote_plus

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.metrics.priority import VIEW_NAMES
from data.stages import fold
from data.texts import N_, Text

#: Multi-select filters: URL key → canonical column.
LIST_FILTERS: Final = {
    "status": "status",
    "stage": "stage",
    "source": "source",
    "sector": "sector",
    "owner": "owner",
}
DATE_FIELDS: Final = {"created": "created_date", "close": "expected_close_date"}
#: Priority-action subsets a Home alert link can open the Deals page on.
VIEWS: Final = VIEW_NAMES  # named once, with their rules, in data.metrics.priority
#: Options a page reads itself (issue 12: the calibration switch, the what-if levers, the
#: snapshot a movement compares with). Kept in the URL as given (a link is a scenario); the
#: page validates them and says what it ignored.
PAGE_KEYS: Final = frozenset({"prob", "wr", "size", "leads", "cycle", "compare", "moved"})
KNOWN_KEYS: Final = frozenset(
    {*LIST_FILTERS, "from", "to", "date", "import", "dataset", "currency", "q", "view", "as_of",
     "lang", *PAGE_KEYS}
)
#: The text columns a search (``q``) looks in.
SEARCH_COLUMNS: Final = ("name", "account", "deal_id", "owner", "notes")
_MAX_VALUES: Final = 200
#: Dates a filter accepts: compared with pandas timestamps (1677–2262), so a link with year 1
#: is a notice rather than an error.
MIN_YEAR: Final = 1900
MAX_YEAR: Final = 2199
_MAX_TEXT: Final = 200


@functools.lru_cache(maxsize=4096)
def _quote(text: str) -> str:
    """``quote_plus(text)`` (what ``urlencode`` does to each key and value), kept: a page's
    links repeat the same few keys and values hundreds of times (Marketing's weekly bars).
    """
    return quote_plus(text)


@dataclass(frozen=True)
class FilterState:
    """Everything that selects the deals a view shows. Immutable and hashable."""

    status: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    owner: tuple[str, ...] = ()
    date_field: str = "created"
    date_from: date | None = None
    date_to: date | None = None
    import_id: int | None = None
    #: The dataset (series of snapshots of one source); ``import_id`` picks one of its snapshots.
    dataset_id: int | None = None
    currency: str | None = None
    q: str = ""
    view: str | None = None
    as_of: date | None = None
    lang: str | None = None
    #: Page options (:data:`PAGE_KEYS`), sorted ``(key, value)`` pairs; the page validates them.
    page: tuple[tuple[str, str], ...] = ()
    notices: tuple[str, ...] = field(default=(), compare=False)

    # -- URL ---------------------------------------------------------------------------------
    @classmethod
    def from_query(cls, query: Mapping[str, Any] | str | None) -> FilterState:
        """Parse a query (string, or Dash's ``layout(**kwargs)``); bad parts become notices."""
        params = _as_lists(query)
        notices: list[str] = []
        values: dict[str, Any] = {}
        for key, raw in params.items():
            if key not in KNOWN_KEYS:
                notices.append(Text(N_("Ignored unknown filter “{key}”."), key=key[:40]))
                continue
            items = [v.strip() for v in raw if v is not None and v.strip()][:_MAX_VALUES]
            if not items:
                continue
            if key in LIST_FILTERS:
                items = [v[:_MAX_TEXT] for v in items]
                if key == "status":
                    bad = [v for v in items if v not in ("open", "won", "lost")]
                    if bad:
                        notices.append(Text(N_("Ignored status “{value}” (open, won or lost)."),
                                            value=bad[0][:40]))
                    items = [v for v in items if v in ("open", "won", "lost")]
                values[key] = tuple(sorted(dict.fromkeys(items)))
            elif key in ("from", "to", "as_of"):
                parsed = _parse_date(items[0])
                if parsed is None:
                    notices.append(Text(N_("Ignored {key}=“{value}”: expected YYYY-MM-DD."),
                                        key=key,
                                        value=items[0][:40]))
                elif not MIN_YEAR <= parsed.year <= MAX_YEAR:  # pandas' Timestamp range
                    notices.append(Text(N_("Ignored {key}=“{value}”: dates run from {low} to "
                                           "{high}."),
                                        key=key, value=items[0][:40], low=MIN_YEAR,
                                        high=MAX_YEAR))
                else:
                    values[{"from": "date_from", "to": "date_to"}.get(key, key)] = parsed
            elif key == "date":
                if items[0] in DATE_FIELDS:
                    values["date_field"] = items[0]
                else:
                    notices.append(Text(N_("Ignored date=“{value}”: expected created or close."),
                                        value=items[0][:40]))
            elif key in ("import", "dataset"):
                if items[0].isascii() and items[0].isdigit() and len(items[0]) <= 18:
                    values[f"{key}_id"] = int(items[0])
                else:
                    notices.append(Text(N_("Ignored {key}=“{value}”: expected a number."), key=key,
                                        value=items[0][:40]))
            elif key == "currency":
                code = items[0].upper()
                if code.isalpha() and len(code) <= 8:
                    values["currency"] = code
                else:
                    notices.append(Text(N_("Ignored currency=“{value}”."), value=items[0][:40]))
            elif key == "view":
                if items[0] in VIEWS:
                    values["view"] = items[0]
                else:
                    notices.append(Text(N_("Ignored view=“{value}”."), value=items[0][:40]))
            elif key == "lang":
                if items[0] in ("fr", "en"):
                    values["lang"] = items[0]
                else:
                    notices.append(Text(N_("Ignored lang=“{value}”: expected fr or en."),
                                        value=items[0][:40]))
            elif key == "q":
                values["q"] = items[0][:_MAX_TEXT]
            elif key in PAGE_KEYS:
                values.setdefault("page", []).append((key, items[-1][:40]))
        if "page" in values:
            values["page"] = tuple(sorted(values["page"]))
        state = cls(**values, notices=tuple(notices))
        if state.date_from and state.date_to and state.date_from > state.date_to:
            state = replace(state, date_from=state.date_to, date_to=state.date_from,
                            notices=(*state.notices,
                                     Text(N_("Swapped from/to: from was after to."))))
        return state

    def to_query(self) -> str:
        """The canonical query string (sorted values, default values left out), without ``?``."""
        pairs: list[tuple[str, str]] = []
        for key in LIST_FILTERS:
            pairs.extend((key, v) for v in getattr(self, key))
        if self.date_from or self.date_to:
            if self.date_field != "created":
                pairs.append(("date", self.date_field))
            if self.date_from:
                pairs.append(("from", self.date_from.isoformat()))
            if self.date_to:
                pairs.append(("to", self.date_to.isoformat()))
        if self.dataset_id is not None:
            pairs.append(("dataset", str(self.dataset_id)))
        if self.import_id is not None:
            pairs.append(("import", str(self.import_id)))
        if self.currency:
            pairs.append(("currency", self.currency))
        if self.q:
            pairs.append(("q", self.q))
        if self.view:
            pairs.append(("view", self.view))
        if self.as_of:
            pairs.append(("as_of", self.as_of.isoformat()))
        if self.lang:
            pairs.append(("lang", self.lang))
        pairs.extend(self.page)
        return "&".join(f"{_quote(k)}={_quote(v)}" for k, v in pairs)

    def search(self) -> str:
        """``to_query`` with a leading ``?`` (empty string for the default state)."""
        query = self.to_query()
        return f"?{query}" if query else ""

    def cache_key(self) -> str:
        """A normalised, order-independent key for memoising aggregates of this state."""
        return replace(self, notices=(), lang=None).to_query()

    def option(self, key: str) -> str | None:
        """The value of page option ``key`` (:data:`PAGE_KEYS`), or None."""
        return dict(self.page).get(key)

    def with_options(self, **options: str | None) -> FilterState:
        """The same state with page options set (None or "" removes one)."""
        merged = dict(self.page)
        for key, value in options.items():
            if key not in PAGE_KEYS:
                raise KeyError(f"{key} is not a page option")
            if value in (None, ""):
                merged.pop(key, None)
            else:
                merged[key] = str(value)
        return replace(self, page=tuple(sorted(merged.items())))

    def without_view(self) -> FilterState:
        """The same filters without a priority-action subset (for pages other than Deals).

        ``self`` when it has none: a page builds hundreds of links from its state (issue 16).
        """
        return self if self.view is None else replace(self, view=None)

    # -- applying ---------------------------------------------------------------------------
    def apply(self, deals: pd.DataFrame, text: TextIndex | None = None) -> pd.DataFrame:
        """The deals matching the filters (import and currency are chosen by the caller).

        Multi-select values compare on folded labels so that ``stage=negociation`` in a hand-
        typed link still matches "Négociation". The mask is built on numpy arrays (a category
        column compares its few labels, then looks its codes up); only the selected rows are
        copied, and nothing at all when no filter is set. ``text``: the search columns of
        these same rows casefolded once (:class:`TextIndex`), so a search does not fold them
        again; the matches are the same without it.
        """
        mask = np.ones(len(deals), dtype=bool)
        for key, column in LIST_FILTERS.items():
            wanted = getattr(self, key)
            if wanted:
                mask &= _matches(deals[column], {fold(v) for v in wanted})
        if self.date_from or self.date_to:
            column = deals[DATE_FIELDS[self.date_field]]
            if self.date_from:
                mask &= (column >= pd.Timestamp(self.date_from)).to_numpy()
            if self.date_to:
                mask &= (column <= pd.Timestamp(self.date_to)).to_numpy()
        if self.q:
            needle = self.q.casefold()
            text_hit = np.zeros(len(deals), dtype=bool)
            index = text if text is not None and text.rows == len(deals) else None
            for column in SEARCH_COLUMNS:
                text_hit |= (index.contains(column, needle) if index is not None
                             else _contains(deals[column], needle))
            mask &= text_hit
        if mask.all():
            return deals.copy(deep=False)  # copy-on-write: as independent as a real copy
        return deals[mask]

    def is_default(self) -> bool:
        """Whether no filter is set (lang, as_of and page options are not filters)."""
        return replace(self, lang=None, as_of=None, page=(), notices=()) == FilterState()


def _contains(values: pd.Series, needle: str) -> np.ndarray:
    """Where a text column contains ``needle`` (casefolded); unknown cells never match.

    A ``category`` column (how the data manager keeps grouping columns) is searched on its
    few labels, then spread with its codes: ``fillna("")`` would raise on it (issue 9).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        labels = pd.Series(values.cat.categories.astype(str), dtype=object)
        hit = labels.str.casefold().str.contains(needle, regex=False).to_numpy(dtype=bool)
        spread: np.ndarray = np.append(hit, False)[values.cat.codes.to_numpy()]  # -1 → False
        return spread
    text = values.fillna("").astype(str).str.casefold()
    found: np.ndarray = text.str.contains(needle, regex=False).to_numpy(dtype=bool)
    return found


class TextIndex:
    """The search columns of one frame, each distinct value casefolded once, for many searches.

    ``str.casefold`` runs in Python on every cell: about 150 ms per search at 100k deals, the
    largest part of a searched view's CPU under load (``bench/load.py``). Here a column is
    factorised and its distinct values folded on its first search (under a lock: concurrent
    searches wait for one fold); a search is then ``pyarrow.compute.match_substring`` on the
    folded values spread with the codes — the same matches as :func:`_contains`. Built for one
    frame (an import, whose rows never change) and used only with rows in that same order.
    """

    def __init__(self, deals: pd.DataFrame) -> None:
        """Index ``deals`` (nothing is folded before the first search)."""
        self._deals = deals
        self.rows = len(deals)
        self._folded: dict[str, tuple[np.ndarray, pa.Array]] = {}
        self._lock = threading.Lock()

    def contains(self, column: str, needle: str) -> np.ndarray:
        """Where ``column`` contains ``needle`` (already casefolded); unknown cells never match."""
        codes, labels = self._column(column)
        hit = pc.match_substring(labels, needle).to_numpy(zero_copy_only=False)
        spread: np.ndarray = np.append(hit.astype(bool), False)[codes]  # code -1 → False
        return spread

    def _column(self, column: str) -> tuple[np.ndarray, pa.Array]:
        with self._lock:
            found = self._folded.get(column)
            if found is None:
                found = _folded_codes(self._deals[column])
                self._folded[column] = found
            return found


def _folded_codes(values: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """A text column as codes (-1 = unknown) into its distinct values, casefolded.

    The values are folded as :func:`_contains` folds them (``str(value).casefold()``).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        labels = [str(label).casefold() for label in values.cat.categories]
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        codes = codes.astype(np.int32, copy=False)  # half the memory of intp per row
        labels = [str(label).casefold() for label in uniques]
    return codes, pa.array(labels, type=pa.large_string())


def _matches(values: pd.Series, keys: set[str]) -> np.ndarray:
    """Where a column's label folds to one of ``keys`` (a boolean numpy array)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        labels = values.cat.categories
        hit = np.zeros(len(labels) + 1, dtype=bool)  # last slot: code -1, unknown
        hit[:-1] = [fold(label) in keys for label in labels]
        spread: np.ndarray = hit[values.cat.codes.to_numpy()]
        return spread
    labels = values.dropna().unique()
    matching = [label for label in labels if fold(label) in keys]
    found: np.ndarray = values.isin(matching).to_numpy(dtype=bool)
    return found


def _as_lists(query: Mapping[str, Any] | str | None) -> dict[str, list[str]]:
    if query is None:
        return {}
    if isinstance(query, str):
        return parse_qs(query.lstrip("?"), keep_blank_values=False)
    out: dict[str, list[str]] = {}
    for key, value in query.items():
        if isinstance(value, list | tuple):
            out[str(key)] = [str(v) for v in value if v is not None]
        elif value is not None:
            out[str(key)] = [str(value)]
    return out


def _parse_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
