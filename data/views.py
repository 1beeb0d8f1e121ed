"""Per-page aggregates: pure functions of a selection and ``as_of`` returning JSON-able data.

These are what the service memoises (keyed by data version and filters) and what the page
renderers turn into cards, charts and tables. All numbers come from ``data.metrics``, whose
functions implement METRICS.md; nothing here computes an indicator of its own. Counts are over
all filtered deals; money over the deals in the selected currency (METRICS.md, "several
currencies").
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from data import metrics
from data.metrics.actions import due_soon_mask
from data.metrics.forecast import overdue_mask
from data.metrics.pipeline import cold_mask
from data.snapshots import Selection

#: Rows of a deal list sent to the browser (the tables page through them client-side; the full
#: list is the Deals table with the matching ``view``). Five lists of this many rows keep the
#: Deals actions response under 200 KB.
TABLE_LIMIT = 50
DEAL_COLUMNS = ("deal_id", "name", "account", "stage", "status", "amount", "currency", "p",
                "source", "owner", "created_date", "expected_close_date", "last_activity_date")
#: The column each priority-action list adds to the deals' own (see ``data.metrics``).
COMPUTED_COLUMNS = ("days_inactive", "days_overdue", "days_left", "expected_value",
                    "days_waiting", "age_days")


def records(frame: pd.DataFrame, columns: tuple[str, ...] | None = None) -> list[dict[str, Any]]:
    """JSON-able rows (NaN → None, dates → ISO strings).

    Same values as ``metrics.to_json`` applied to every cell of ``frame.to_dict("records")``,
    computed column by column: ``to_json`` runs once per distinct value of a column.
    """
    if columns is not None:
        frame = frame[[c for c in frame.columns if c in columns or c not in DEAL_COLUMNS]]
    if frame.empty:
        return []
    names = [str(c) if not isinstance(c, str) else c for c in frame.columns]
    values = [_json_column(frame.iloc[:, i]) for i in range(frame.shape[1])]
    return [dict(zip(names, row, strict=True)) for row in zip(*values, strict=True)]


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


def deal_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows of a deal list: the columns the tables show or format, and the computed one.

    The other columns of the deals (notes, sector, probability, closed date, stage rank...)
    are not displayed in lists; sending them would only make the response heavier.
    """
    keep = [c for c in (*DEAL_COLUMNS, *COMPUTED_COLUMNS) if c in frame.columns]
    return records(frame[keep])


def _missing(selection: Selection, indicator: str) -> list[str]:
    return metrics.missing_columns(selection.snapshot.present, indicator)


def _common(selection: Selection, as_of: date) -> dict[str, Any]:
    snapshot = selection.snapshot
    return {
        "as_of": as_of.isoformat(),
        "currency": selection.currency,
        "currencies": selection.currencies,
        "other_currency_deals": selection.other_currency_deals,
        "import": {"id": snapshot.info.id, "filename": snapshot.info.filename,
                   "imported_at": snapshot.info.imported_at.isoformat()},
        "total_in_import": len(snapshot.deals),
        # A link may name an import deleted since: say so rather than switch silently.
        "requested_import": selection.state.import_id,
        "selected": len(selection.deals),
    }


def header(selection: Selection, as_of: date) -> dict[str, Any]:
    """Only the context of a selection (import, counts, currency): the Deals page header."""
    return _common(selection, as_of)


def home(selection: Selection, as_of: date, cold_days: int = 14) -> dict[str, Any]:
    """KPI cards, period comparison, alert counts and a compact forecast."""
    summary = metrics.kpi_summary(selection.deals, as_of, selection.snapshot.stages,
                                  currency=selection.currency, cold_days=cold_days)
    missing = {name: _missing(selection, name) for name in (
        "pipeline_gross", "period_comparison", "cold_deals", "overdue", "untreated_leads",
        "forecast", "quick_wins")}
    return {**_common(selection, as_of), "kpis": summary, "missing": missing,
            "cold_days": cold_days, "previous_import": _previous_import(selection)}


def _previous_import(selection: Selection) -> dict[str, Any] | None:
    """The same filters on the import before this one: how the open pipeline moved.

    Imports are snapshots of the CRM at different dates, so comparing them shows the trend of
    what is at stake (METRICS.md gross and weighted pipeline, same currency).
    """
    before = selection.previous  # the same filters and currency (data.snapshots)
    if before is None:
        return None
    previous = before.snapshot
    valued = before.valued if before.currency == selection.currency else before.valued.iloc[:0]
    return {
        "id": previous.info.id,
        "filename": previous.info.filename,
        "imported_at": previous.info.imported_at.isoformat(),
        "deals": len(before.deals),
        "pipeline_gross": metrics.pipeline_gross(valued),
        "pipeline_weighted": metrics.pipeline_weighted(valued),
    }


def pipeline(selection: Selection, as_of: date, cold_days: int = 14) -> dict[str, Any]:
    """Value by stage, funnel, deal age, cold deals, sectors, owners."""
    deals, valued = selection.deals, selection.valued
    stages = selection.snapshot.stages
    history = selection.history
    cold = metrics.cold_deals(deals, as_of, cold_days, limit=TABLE_LIMIT)
    cold_count = int(cold_mask(deals, as_of, cold_days)[0].sum())
    names = ("value_by_stage", "funnel", "deal_age", "cold_deals", "sector", "owner")
    age_by_stage = metrics.deal_age_by_stage(deals, as_of, stages)
    return {
        **_common(selection, as_of),
        "missing": {name: _missing(selection, name) for name in names},
        "by_stage": records(metrics.counts_all_money_in(
            deals, valued, lambda d: metrics.value_by_stage(d, stages), ("stage", "status"),
            sums=("gross", "weighted"))),
        "funnel": records(metrics.funnel_conversion(deals, stages, history)),
        "age_by_stage": records(age_by_stage),
        "rotting_threshold_days": metrics.rotting_threshold_days(deals),
        "rotting_count": int(age_by_stage["rotting"].sum()),
        "cold_days": cold_days,
        "cold_count": cold_count,
        "cold": deal_records(cold),
        "sectors": records(metrics.counts_all_money_in(
            deals, valued, metrics.sector_totals, ("sector",), sums=("gross",)
        ).sort_values("gross", ascending=False, kind="stable")),
        "top_sectors": records(metrics.top_sectors_by_mean(valued)),
        "owners": records(metrics.counts_all_money_in(
            deals, valued, metrics.owner_performance, ("owner",),
            sums=("open_gross", "open_weighted", "won_revenue"))),
    }


def marketing(selection: Selection, as_of: date) -> dict[str, Any]:
    """Per-source volume, conversion and quality; weekly inflow.

    Counts and rates are over all filtered deals; won revenue and mean won deal size over the
    deals in the selected currency (METRICS.md, several currencies), as on Home.
    """
    sources = metrics.counts_all_money_in(
        selection.deals, selection.valued, metrics.source_performance, ("source",),
        sums=("won_revenue",), means=("mean_won_deal_size",),
    )
    return {
        **_common(selection, as_of),
        "missing": {name: _missing(selection, name) for name in ("marketing", "inflow")},
        "sources": records(sources),
        "inflow": records(metrics.inflow_by_week(selection.deals)),
    }


def forecast(selection: Selection, as_of: date) -> dict[str, Any]:
    """30/60/90-day scenarios, overdue and undated deals, time-to-win.

    Deal counts are over all filtered deals (as on Home); amounts over the selected currency.
    """
    valued, deals = selection.valued, selection.deals
    windows = metrics.forecast_windows(valued, as_of)
    windows["deals"] = metrics.window_counts(deals, as_of, tuple(windows["window"]))
    return {
        **_common(selection, as_of),
        "missing": {name: _missing(selection, name) for name in ("forecast", "velocity")},
        "windows": records(windows),
        "overdue": {"count": int(overdue_mask(deals, as_of)[0].sum()),
                    "gross": metrics.pipeline_gross(metrics.overdue(valued, as_of))},
        "undated": {"count": len(metrics.undated(deals)),
                    "gross": metrics.pipeline_gross(metrics.undated(valued))},
        "velocity": metrics.to_json(metrics.velocity(deals)),
        "velocity_by_source": records(metrics.velocity_by(deals, "source")),
        "velocity_by_owner": records(metrics.velocity_by(deals, "owner")),
    }


def actions(selection: Selection, as_of: date, cold_days: int = 14) -> dict[str, Any]:
    """Priority actions and deadlines for the Deals page."""
    deals = selection.deals
    first = metrics.first_open_stage(selection.snapshot.stages)
    overdue_count = int(overdue_mask(deals, as_of)[0].sum())
    due_count = int(due_soon_mask(deals, as_of)[0].sum())
    names = ("cold_deals", "quick_wins", "untreated_leads", "overdue")
    return {
        **_common(selection, as_of),
        "missing": {name: _missing(selection, name) for name in names},
        "cold": deal_records(metrics.cold_deals(deals, as_of, cold_days, limit=TABLE_LIMIT)),
        "quick_wins": deal_records(metrics.quick_wins(deals, as_of, limit=TABLE_LIMIT)),
        "untreated": deal_records(metrics.untreated_leads(deals, as_of, first,
                                                          limit=TABLE_LIMIT)),
        "overdue": deal_records(metrics.overdue(deals, as_of, limit=TABLE_LIMIT)),
        "due_soon": deal_records(metrics.due_soon(deals, as_of, limit=TABLE_LIMIT)),
        "counts": {"overdue": overdue_count, "due_soon": due_count},
    }


def settings(selection: Selection, as_of: date) -> dict[str, Any]:
    """The effective stage table with deal counts per stage."""
    counts = selection.snapshot.deals["stage"].value_counts()
    return {
        **_common(selection, as_of),
        "stages": [
            {"stage": s.stage, "status": s.status, "probability": s.probability,
             "order": s.order, "user_defined": s.user_defined,
             "count": int(counts.get(s.stage, 0))}
            for s in selection.snapshot.stages
        ],
    }


def action_subset(selection: Selection, as_of: date, view: str | None,
                  cold_days: int = 14) -> pd.DataFrame:
    """The deals of a priority-action view (the set a Home alert counts), or all of them."""
    deals = selection.deals
    if view == "cold":
        return metrics.cold_deals(deals, as_of, cold_days)
    if view == "overdue":
        return metrics.overdue(deals, as_of)
    if view == "untreated":
        return metrics.untreated_leads(deals, as_of,
                                       metrics.first_open_stage(selection.snapshot.stages))
    if view == "quick_wins":
        return metrics.quick_wins(deals, as_of)
    if view == "due_soon":
        return metrics.due_soon(deals, as_of)
    if view == "rotting":
        return metrics.rotting_deals(deals, as_of)
    return deals


def deals_page(
    selection: Selection,
    as_of: date,
    view: str | None,
    sort_by: list[dict[str, str]] | None,
    page: int,
    page_size: int,
    cold_days: int = 14,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the deals table, sorted and sliced on the server (fast at a million rows)."""
    subset = action_subset(selection, as_of, view, cold_days)
    total = len(subset)
    if sort_by:
        columns = [s["column_id"] for s in sort_by if s.get("column_id") in subset.columns]
        ascending = [s.get("direction", "asc") == "asc" for s in sort_by
                     if s.get("column_id") in subset.columns]
        if columns:
            subset = subset.sort_values(columns, ascending=ascending, na_position="last",
                                        kind="stable")
    page = max(0, page)
    window = subset.iloc[page * page_size:(page + 1) * page_size]
    keep = [c for c in (*DEAL_COLUMNS, "sector", "days_inactive", "days_overdue", "days_left",
                        "expected_value") if c in window.columns]
    return records(window[keep]), total
