"""Payloads of the read-only JSON API (``/api/v1/…``) and of ``python -m data kpis``.

Pure data-layer functions (no Flask, no Dash): the routes in ``callbacks/api.py`` only parse the
request into a query string, call one of these and write the result (or the :class:`ApiError`)
as JSON. ``kpi_json`` is the one function behind both ``python -m data kpis --json`` and
``GET /api/v1/kpis``, so the two print the same numbers for the same query.

The API is strict where the pages are lenient: a parameter the pages would drop with a notice
(``FilterState.from_query``) is a 400 here, naming the parameter and how to fix it; an import or
dataset that does not exist (or was deleted) is a 404, never silently another file's figures.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Final
from urllib.parse import parse_qs, urlencode

from sqlalchemy import Engine

from data import history, metrics
from data.config import load_settings
from data.filters import FilterState
from data.memo import NoCache
from data.pagedata.common import DEAL_COLUMNS
from data.pagedata.deals import table_page
from data.pagedata.jsonable import to_jsonable
from data.snapshots import Needs, Selection, SnapshotManager

#: Parameters of the paged deals list beside the filters.
PAGING_KEYS: Final = ("page", "per_page", "sort")
DEFAULT_PER_PAGE: Final = 50
MAX_PER_PAGE: Final = 500
#: Columns ``sort=`` accepts (``-column`` sorts descending).
SORTABLE: Final = tuple(c for c in DEAL_COLUMNS if c != "currency") + ("sector",)


@dataclass(frozen=True)
class ApiError(Exception):
    """A request the API refuses: HTTP status, a stable code, a message saying how to fix it."""

    status: int
    code: str
    message: str
    details: tuple[str, ...] = field(default=())

    def body(self) -> dict[str, Any]:
        """The error body every API error has (also described in the OpenAPI document)."""
        return {"error": {"status": self.status, "code": self.code, "message": self.message,
                          "details": list(self.details)}}


def split_query(query: str) -> tuple[str, dict[str, str]]:
    """The filter part of a raw query string, and the paging parameters taken out of it."""
    params = parse_qs(query.lstrip("?"), keep_blank_values=True)
    paging: dict[str, str] = {k: params.pop(k)[-1] for k in PAGING_KEYS if k in params}
    return urlencode([(k, v) for k, values in params.items() for v in values]), paging


_DATE_KEYS: Final = ("from", "to", "as_of")
_LIST_KEYS: Final = ("status", "stage", "source", "sector", "owner")
_MAX_TEXT: Final = 200
_MAX_VALUES: Final = 200


def _bad(key: str, message: str) -> ApiError:
    return ApiError(400, "bad_parameter", f"Bad {key[:40]}: {message}", (key[:40],))


def _check_raw(query: str) -> None:
    """What ``FilterState.from_query`` would trim or drop silently, refused (400)."""
    for key, values in parse_qs(query.lstrip("?"), keep_blank_values=True).items():
        if key not in _LIST_KEYS and len(values) > 1:
            raise _bad(key, "give it once.")
        if len(values) > _MAX_VALUES:
            raise _bad(key, f"at most {_MAX_VALUES} values.")
        for value in values:
            if not value.strip():
                raise _bad(key, "the value is empty; give one or leave the parameter out.")
            if len(value) > _MAX_TEXT:
                raise _bad(key, f"values are at most {_MAX_TEXT} characters.")
            if key in _DATE_KEYS and not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise _bad(key, f"“{value[:40]}” is not a date; expected YYYY-MM-DD.")
            if key == "currency" and not re.fullmatch(r"[A-Za-z]{1,8}", value):
                raise _bad(key, f"“{value[:40]}” is not a currency code (e.g. EUR).")


def strict_state(query: str, allowed_paging: bool = False) -> FilterState:
    """``FilterState.from_query`` that refuses what the pages would ignore or trim (400)."""
    _check_raw(query)
    filters, paging = split_query(query)
    if paging and not allowed_paging:
        raise ApiError(400, "bad_parameter",
                       f"Unknown parameter “{sorted(paging)[0]}”: paging applies to "
                       "/api/v1/deals only.", tuple(sorted(paging)))
    state = FilterState.from_query(filters)
    # from after to is read as the range it names (the pages do the same and say so)
    refused = [n for n in state.notices if not n.startswith("Swapped")]
    if refused:
        first = refused[0].removeprefix("Ignored ")
        raise ApiError(400, "bad_parameter",
                       f"Bad query parameter: {first} See /api/v1/openapi.json for the "
                       "accepted values.", tuple(refused))
    return state


def _check_exists(manager: SnapshotManager, state: FilterState, version: int,
                  lister: str = "GET /api/v1/imports") -> None:
    """404 when the query names an import or a dataset that is not (or no longer) there."""
    imports = manager.imports(version)
    if state.import_id is not None and all(i.id != state.import_id for i in imports):
        fate = manager.import_status(state.import_id).status
        how = "was deleted (restore it in Settings)" if fate == "deleted" else "does not exist"
        raise ApiError(404, "unknown_import",
                       f"import #{state.import_id} {how}; {lister} lists them.")
    if state.dataset_id is not None and all(i.dataset_id != state.dataset_id for i in imports):
        raise ApiError(404, "unknown_dataset",
                       f"dataset #{state.dataset_id} has no import; {lister} lists them.")
    if not imports:
        raise ApiError(404, "no_data",
                       "No import yet: import a file first (python -m data import FILE).")


def _cold_days(manager: SnapshotManager, version: int, default: int | None) -> int:
    fallback = load_settings().cold_days if default is None else default
    return int(manager.app_settings(version, {"cold_days": fallback})["cold_days"])


def kpi_json(
    engine: Engine,
    as_of: date | None,
    query: str = "",
    *,
    manager: SnapshotManager | None = None,
    default_cold_days: int | None = None,
) -> dict[str, Any] | None:
    """The numbers the pages show for the newest import (or ``import=`` in the query).

    ``python -m data kpis --json`` and ``GET /api/v1/kpis`` both print this (the API passes
    the app's data manager, which only changes where the deals are read from). ``as_of`` None:
    the pages' default analysis date (``history.default_as_of``). None when there is no import;
    ``LookupError`` when the query names an import or dataset that is not there.
    """
    state = FilterState.from_query(query)
    manager = manager or SnapshotManager(engine, NoCache())
    version = manager.version()
    try:
        _check_exists(manager, state, version, "`python -m data imports`")
    except ApiError as error:
        if error.code == "no_data":
            return None
        raise LookupError(error.message) from None
    # the funnel history of lost deals, for the calibration (as the Pipeline page asks it)
    selection = manager.selection(version, replace(state, view=None), Needs(history=True))
    if selection is None:
        return None
    if as_of is None:
        as_of = history.default_as_of(selection.snapshot.info, date.today())
    result = metrics.kpi_summary(
        selection.deals,
        as_of,
        selection.snapshot.stages,
        currency=selection.currency,
        cold_days=_cold_days(manager, version, default_cold_days),
    )
    result = metrics.withhold_unavailable(result, selection.snapshot.present)
    extras = forecast_extras(selection, as_of)
    result.setdefault("unavailable", {}).update(extras.pop("unavailable_extra", {}))
    result.update(extras)
    result["import_id"] = selection.snapshot.info.id
    result["filters"] = state.to_query()
    result["notices"] = list(state.notices)
    return result


def forecast_extras(selection: Selection, as_of: date) -> dict[str, Any]:
    """Issue 12 figures of ``kpis --json``: ``calibration`` (per stage) and ``forecast_fan``.

    Calibration uses the selection's deals and the history of earlier imports (lost deals'
    furthest stage); the fan is over the deals in the selection's currency.
    """
    from data.metrics.calibration import calibrated_probabilities, calibration_records
    from data.metrics.fan import fan_json, forecast_fan

    present = selection.snapshot.present
    missing = {"calibration": metrics.missing_columns(present, "funnel"),
               "forecast_fan": metrics.missing_columns(present, "forecast")}
    out: dict[str, Any] = {"calibration": None, "calibration_lost_unplaced": None,
                           "forecast_fan": None}
    if not missing["calibration"]:
        calibration = calibrated_probabilities(
            selection.deals, selection.snapshot.stages, selection.history
        )
        out["calibration"] = calibration_records(calibration)
        out["calibration_lost_unplaced"] = (
            int(calibration["lost_unplaced"].iloc[0]) if len(calibration) else 0)
    if not missing["forecast_fan"]:
        out["forecast_fan"] = fan_json(forecast_fan(selection.valued, as_of))
    unavailable = {key: cols for key, cols in missing.items() if cols}
    if unavailable:  # same rule as withhold_unavailable: not shown as 0, says which columns
        out["unavailable_extra"] = unavailable
    return out


# -- the API's payloads ----------------------------------------------------------------------
def kpis_payload(
    manager: SnapshotManager, query: str, default_cold_days: int | None = None
) -> dict[str, Any]:
    """``GET /api/v1/kpis``: :func:`kpi_json` for the query (its ``as_of`` or the default)."""
    state = strict_state(query)
    _check_exists(manager, state, manager.version())
    result = kpi_json(manager.engine, state.as_of, query, manager=manager,
                      default_cold_days=default_cold_days)
    if result is None:  # every import deleted between the two reads
        raise ApiError(404, "no_data", "No import yet: import a file first.")
    return result


def _selection(manager: SnapshotManager, state: FilterState) -> tuple[int, Selection]:
    version = manager.version()
    _check_exists(manager, state, version)
    selection = manager.selection(version, state)
    if selection is None:
        raise ApiError(404, "no_data", "No import yet: import a file first.")
    return version, selection


def _as_of(state: FilterState, selection: Selection) -> date:
    """The pages' analysis date (``callbacks.context.as_of``: the URL's, else the default)."""
    return state.as_of or history.default_as_of(selection.snapshot.info, date.today())


def page_payload(
    manager: SnapshotManager,
    page: str,
    build: Callable[[Selection, date, int], Any],
    query: str,
    *,
    keeps_view: bool = False,
    default_cold_days: int | None = None,
) -> dict[str, Any]:
    """``GET /api/v1/pages/<page>``: the page's data (``data.pagedata``) as JSON.

    The same builder, selection and analysis date as the page's content callback; the figures
    are those of METRICS.md as implemented in ``data.metrics``.
    """
    state = strict_state(query)
    if not keeps_view:
        state = state.without_view()
    version = manager.version()
    _check_exists(manager, state, version)
    cold_days = _cold_days(manager, version, default_cold_days)
    snapshot = manager.snapshot(version, state.import_id, state.dataset_id)
    if snapshot is None:
        raise ApiError(404, "no_data", "No import yet: import a file first.")
    day = state.as_of or history.default_as_of(snapshot.info, date.today())
    data = manager.aggregates(version, page, state, day,
                              lambda selection, when: build(selection, when, cold_days))
    if data is None:
        raise ApiError(404, "no_data", "No import yet: import a file first.")
    return {"page": page, "import_id": snapshot.info.id, "as_of": day.isoformat(),
            "filters": state.to_query(), "data": to_jsonable(data)}


def _int_param(paging: Mapping[str, str], key: str, default: int, low: int, high: int) -> int:
    raw = paging.get(key)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 10) or not low <= int(raw) <= high:
        raise ApiError(400, "bad_parameter",
                       f"Bad {key}=“{raw[:40]}”: expected a whole number from {low} to {high}.",
                       (key,))
    return int(raw)


def parse_sort(text: str | None) -> list[tuple[str, bool]]:
    """``sort=amount,-created_date`` → ``[("amount", True), ("created_date", False)]`` (400 if
    a column is not sortable).
    """
    pairs: list[tuple[str, bool]] = []
    for part in (text or "").split(","):
        name = part.strip()
        if not name:
            continue
        column = name.lstrip("-")
        if column not in SORTABLE:
            raise ApiError(400, "bad_parameter",
                           f"Cannot sort by “{column[:40]}”: sortable columns are "
                           f"{', '.join(SORTABLE)} (prefix - for descending).", ("sort",))
        pairs.append((column, not name.startswith("-")))
    return pairs


def deals_payload(
    manager: SnapshotManager, query: str, default_cold_days: int | None = None
) -> dict[str, Any]:
    """``GET /api/v1/deals``: one page of the deals the filters (and ``view``) select.

    The Deals table's rows, sorted and sliced by ``data.pagedata.deals.table_page``; ``page``
    counts from 1; ``overdue`` per row follows METRICS.md (open, expected close before as_of).
    """
    _, paging = split_query(query)
    state = strict_state(query, allowed_paging=True)
    per_page = _int_param(paging, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    page = _int_param(paging, "page", 1, 1, 10**9)
    sort = parse_sort(paging.get("sort"))
    version, selection = _selection(manager, state)
    day = _as_of(state, selection)
    found = table_page(selection, day, state.view, sort, page - 1, per_page,
                       cold_days=_cold_days(manager, version, default_cold_days))
    rows = [{**to_jsonable(row), "overdue": late}
            for row, late in zip(found.rows, found.overdue, strict=True)]
    return {
        "import_id": selection.snapshot.info.id,
        "as_of": day.isoformat(),
        "currency": selection.currency,
        "filters": state.to_query(),
        "page": page,
        "per_page": per_page,
        "pages": max(1, math.ceil(found.total / per_page)),
        "total": found.total,
        "sort": paging.get("sort") or "",
        "deals": rows,
    }


def imports_payload(manager: SnapshotManager) -> dict[str, Any]:
    """``GET /api/v1/imports``: the live imports, newest first (what ``import=`` accepts)."""
    return {"imports": [
        {"id": i.id, "filename": i.filename, "imported_at": i.imported_at.isoformat(),
         "dataset_id": i.dataset_id, "rows_imported": i.rows_imported,
         "rows_rejected": i.rows_rejected,
         "data_as_of": None if i.data_as_of is None else i.data_as_of.isoformat()}
        for i in manager.imports(manager.version())
    ]}
