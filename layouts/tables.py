"""Deal lists shown as text tables, formatted in the user's locale."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import html

from data.pagedata.common import DealRecord
from layouts.components import (
    data_table,
    grid,
    grid_columns,
    missing_message,
    red_rows,
    table_card,
)
from layouts.formatting import Formatter
from layouts.i18n import N_, status_label

DEAL_LIST_COLUMNS = (
    ("name", N_("Deal")),
    ("stage", N_("Stage")),
    ("owner", N_("Owner")),
    ("amount_text", N_("Amount")),
    ("expected_close_text", N_("Expected close")),
)
#: For narrow cards (three per row): what identifies the deal and what to act on.
COMPACT_COLUMNS = (("name", N_("Deal")), ("owner", N_("Owner")), ("amount_text", N_("Amount")))
#: For half-width cards.
MEDIUM_COLUMNS = (
    ("name", N_("Deal")),
    ("stage", N_("Stage")),
    ("amount_text", N_("Amount")),
    ("expected_close_text", N_("Expected close")),
)


#: The app's status words (the canonical ``status``), shown in the user's language.
STATUS_LABELS = {"open": N_("Open"), "won": N_("Won"), "lost": N_("Lost")}

#: A row of a table (an AG Grid row): the deal's fields and their formatted ``*_text`` columns.
TableRow = dict[str, str | float | int | None]


def deal_rows(rows: Sequence[DealRecord], fmt: Formatter, currency: str | None) -> list[TableRow]:
    """Deal records as table rows with formatted text columns (money, probability, dates, days)."""
    out: list[TableRow] = []
    for r in rows:
        # Unknown fields are left out: five lists of fifty rows stay light on the wire.
        row: TableRow = {k: v for k, v in asdict(r).items() if v is not None}
        row["amount_text"] = fmt.money(r.amount, r.currency or currency)
        if r.status in STATUS_LABELS:  # open/won/lost are the app's words, not the file's
            row["status_text"] = status_label(fmt, r.status)  # one deal: "Gagnée"
        row["p_text"] = fmt.percent(r.p, 0)
        row["expected_close_text"] = fmt.date(r.expected_close_date)
        row["created_text"] = fmt.date(r.created_date)
        row["last_activity_text"] = fmt.date(r.last_activity_date)
        for key in ("days_inactive", "days_overdue", "days_left", "age_days"):
            if key in row:
                row[f"{key}_text"] = fmt.number(getattr(r, key))
        if r.expected_value is not None:
            row["expected_value_text"] = fmt.money(r.expected_value, r.currency or currency)
        out.append(row)
    return out


def list_rows(
    rows: Sequence[DealRecord],
    fmt: Formatter,
    currency: str | None,
    shown: tuple[tuple[str, str], ...],
    red_key: str | None = None,
) -> list[TableRow]:
    """The rows of a deal list: the ``shown`` columns, and ``_red`` (1 when ``red_key`` > 0)."""
    formatted: list[TableRow] = []
    for row in deal_rows(rows, fmt, currency):
        kept: TableRow = {key: row[key] for key, _ in shown if key in row}  # what is shown
        if red_key:
            value = row.get(red_key)
            kept["_red"] = 1 if isinstance(value, int | float) and value > 0 else 0
        formatted.append(kept)
    return formatted


def deal_list(
    rows: Sequence[DealRecord],
    fmt: Formatter,
    currency: str | None,
    table_id: str,
    extra: tuple[tuple[str, str], ...] = (),
    page_size: int = 8,
    red_key: str | None = None,
    columns: tuple[tuple[str, str], ...] = DEAL_LIST_COLUMNS,
) -> dag.AgGrid | html.Div:
    """A table of deals with ``columns`` plus ``extra``."""
    shown = (*columns, *extra)
    return data_table(
        list_rows(rows, fmt, currency, shown, red_key),
        shown,
        table_id=table_id,
        fmt=fmt,
        page_size=page_size,
        red_rows_key="_red" if red_key else None,
        numeric=_numeric(extra),
    )


def _numeric(extra: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """A deal list's right-aligned columns: amount, probability and its ``extra`` ones."""
    return ("amount_text", "p_text", *[key for key, _ in extra])


def deal_list_grid(
    table_id: str,
    fmt: Formatter,
    extra: tuple[tuple[str, str], ...] = (),
    page_size: int = 8,
    red_key: str | None = None,
    columns: tuple[tuple[str, str], ...] = DEAL_LIST_COLUMNS,
) -> dag.AgGrid:
    """The grid of ``deal_list`` without its rows: kept mounted while the page gives it the
    rows of each view (``rowData``, from ``list_rows``) rather than a new grid per view.
    """
    spec = grid_columns((*columns, *extra), fmt, _numeric(extra))
    styles: dict[str, Any] = {"getRowStyle": red_rows("_red")} if red_key else {}
    return grid(table_id, [], spec, lang=fmt.lang, page_size=page_size, **styles)


def deal_list_card(
    title: Any,
    missing: str | None,
    rows: Sequence[DealRecord],
    fmt: Formatter,
    currency: str | None,
    table_id: str,
    **options: Any,
) -> dbc.Card:
    """A titled card with a deal list, or the message naming the missing column."""
    content = (
        missing_message(missing) if missing else deal_list(rows, fmt, currency, table_id, **options)
    )
    return table_card(title, content, fmt=fmt)
