"""Deal lists shown as text tables, formatted in the user's locale."""

from __future__ import annotations

from typing import Any

from data.formatting import Formatter
from layouts.components import data_table, missing_message, table_card

DEAL_LIST_COLUMNS = (
    ("name", "Deal"),
    ("stage", "Stage"),
    ("owner", "Owner"),
    ("amount_text", "Amount"),
    ("expected_close_text", "Expected close"),
)
#: For narrow cards (three per row): what identifies the deal and what to act on.
COMPACT_COLUMNS = (("name", "Deal"), ("owner", "Owner"), ("amount_text", "Amount"))
#: For half-width cards.
MEDIUM_COLUMNS = (
    ("name", "Deal"),
    ("stage", "Stage"),
    ("amount_text", "Amount"),
    ("expected_close_text", "Expected close"),
)


def deal_rows(rows: list[dict[str, Any]], fmt: Formatter, currency: str | None) -> list[dict]:
    """Add formatted text columns to deal records (money, probability, dates, day counts)."""
    out = []
    for r in rows:
        row = dict(r)
        row["amount_text"] = fmt.money(r.get("amount"), r.get("currency") or currency)
        row["p_text"] = fmt.percent(r.get("p"), 0)
        row["expected_close_text"] = fmt.date(r.get("expected_close_date"))
        row["created_text"] = fmt.date(r.get("created_date"))
        row["last_activity_text"] = fmt.date(r.get("last_activity_date"))
        for key in ("days_inactive", "days_overdue", "days_left", "age_days"):
            if key in r:
                row[f"{key}_text"] = fmt.number(r[key])
        if "expected_value" in r:
            row["expected_value_text"] = fmt.money(
                r["expected_value"], r.get("currency") or currency
            )
        out.append(row)
    return out


def deal_list(
    rows: list[dict[str, Any]],
    fmt: Formatter,
    currency: str | None,
    table_id: str,
    extra: tuple[tuple[str, str], ...] = (),
    page_size: int = 8,
    red_key: str | None = None,
    columns: tuple[tuple[str, str], ...] = DEAL_LIST_COLUMNS,
) -> Any:
    """A table of deals with ``columns`` plus ``extra``."""
    formatted = deal_rows(rows, fmt, currency)
    if red_key:
        for row in formatted:
            row["_red"] = 1 if (row.get(red_key) or 0) > 0 else 0
    return data_table(
        formatted,
        (*columns, *extra),
        table_id=table_id,
        page_size=page_size,
        red_rows_key="_red" if red_key else None,
        numeric=("amount_text", "p_text", *[k for k, _ in extra]),
    )


def deal_list_card(
    title: str,
    missing: str | None,
    rows: list[dict[str, Any]],
    fmt: Formatter,
    currency: str | None,
    table_id: str,
    **options: Any,
) -> Any:
    """A titled card with a deal list, or the message naming the missing column."""
    content = (
        missing_message(missing) if missing else deal_list(rows, fmt, currency, table_id, **options)
    )
    return table_card(title, content)
