"""What every page's data shares: the selection context, deal records and missing columns.

Rows come from ``data.metrics`` frames through :func:`records` (NaN → None, dates → ISO
strings) and are typed with :func:`rows`; nothing here computes an indicator of its own.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from data import metrics
from data.pagedata.jsonable import from_jsonable
from data.snapshots import Selection

_T = TypeVar("_T")

#: Rows of a deal list sent to the browser (the tables page through them client-side; the full
#: list is the Deals table with the matching ``view``). Five lists of this many rows keep the
#: Deals actions response under 200 KB.
TABLE_LIMIT = 50
DEAL_COLUMNS = ("deal_id", "name", "account", "stage", "status", "amount", "currency", "p",
                "source", "owner", "created_date", "expected_close_date", "last_activity_date")
#: The column each priority-action list adds to the deals' own (see ``data.metrics``).
COMPUTED_COLUMNS = ("days_inactive", "days_overdue", "days_left", "expected_value",
                    "days_waiting", "age_days")


@dataclass(frozen=True)
class ImportRef:
    """The import a page shows."""

    id: int
    filename: str
    imported_at: str


@dataclass(frozen=True)
class PageContext:
    """Which import, which currency, how many deals: the line above every page."""

    as_of: str
    currency: str | None
    currencies: tuple[str, ...]
    other_currency_deals: int
    import_ref: ImportRef
    total_in_import: int
    #: The import a link asked for (it may have been deleted since: the page says so).
    requested_import: int | None
    selected: int


@dataclass(frozen=True)
class DealRecord:
    """One deal of a list: the columns the tables show, and the list's computed column."""

    deal_id: str | None = None
    name: str | None = None
    account: str | None = None
    stage: str | None = None
    status: str | None = None
    amount: float | None = None
    currency: str | None = None
    p: float | None = None
    source: str | None = None
    owner: str | None = None
    sector: str | None = None
    created_date: str | None = None
    expected_close_date: str | None = None
    last_activity_date: str | None = None
    days_inactive: float | None = None
    days_overdue: float | None = None
    days_left: float | None = None
    expected_value: float | None = None
    days_waiting: float | None = None
    age_days: float | None = None


@dataclass(frozen=True)
class CountAmount:
    """A number of deals and their Σ amount (selected currency)."""

    count: int
    gross: float


def context(selection: Selection, as_of: date) -> PageContext:
    """The context of a selection (import, counts, currency)."""
    snapshot = selection.snapshot
    return PageContext(
        as_of=as_of.isoformat(),
        currency=selection.currency,
        currencies=tuple(selection.currencies),
        other_currency_deals=selection.other_currency_deals,
        import_ref=ImportRef(snapshot.info.id, snapshot.info.filename,
                             snapshot.info.imported_at.isoformat()),
        total_in_import=len(snapshot.deals),
        requested_import=selection.state.import_id,
        selected=len(selection.deals),
    )


def missing(cls: type[_T], selection: Selection) -> _T:
    """``cls`` with each field (an indicator of METRICS.md) holding the columns it lacks."""
    present = selection.snapshot.present
    return cls(**{f.name: tuple(metrics.missing_columns(present, f.name))
                  for f in dataclasses.fields(cls)})  # type: ignore[arg-type]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """JSON-able rows (NaN → None, dates → ISO strings).

    Same values as ``metrics.to_json`` applied to every cell of ``frame.to_dict("records")``,
    computed column by column: ``to_json`` runs once per distinct value of a column.
    """
    if frame.empty:
        return []
    names = [str(c) for c in frame.columns]
    values = [_json_column(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


def rows(cls: type[_T], frame: pd.DataFrame) -> tuple[_T, ...]:
    """The rows of a metrics frame as ``cls`` instances (its columns are ``cls``'s fields)."""
    return tuple(from_jsonable(cls, r) for r in records(frame))


def deal_records(frame: pd.DataFrame, extra: tuple[str, ...] = ()) -> tuple[DealRecord, ...]:
    """Rows of a deal list: the columns the tables show or format, and the computed one.

    The other columns of the deals (notes, probability, closed date, stage rank...) are not
    displayed in lists; sending them would only make the response heavier.
    """
    keep = [c for c in (*DEAL_COLUMNS, *extra, *COMPUTED_COLUMNS) if c in frame.columns]
    return rows(DealRecord, frame[keep])


def _json_column(column: pd.Series) -> list[Any]:
    """``metrics.to_json`` of every cell of a column (as ``to_dict`` would hand them over)."""
    dtype = column.dtype
    if dtype.kind in "iub":
        return list(column.tolist())
    if dtype.kind == "f":
        numbers = column.to_numpy(dtype=np.float64)
        cells = numbers.astype(object)
        cells[~np.isfinite(numbers)] = None
        return list(cells.tolist())
    if dtype.kind == "O" and pd.api.types.infer_dtype(column, skipna=True) not in ("string",
                                                                                   "empty"):
        return [metrics.to_json(v) for v in column.tolist()]  # mixed types: 1 and 1.0 differ
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    lookup = np.empty(len(uniques) + 1, dtype=object)
    lookup[:-1] = [metrics.to_json(v) for v in pd.Series(uniques, dtype=object).tolist()
                   ] if dtype.kind != "M" else [metrics.to_json(pd.Timestamp(v)) for v in uniques]
    lookup[-1] = None  # NaN, None, NaT
    return list(lookup[codes].tolist())
