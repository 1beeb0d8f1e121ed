"""Which canonical columns each indicator needs, so that pages can say what is missing.

METRICS.md: "Where a column an indicator needs is absent from the import, the indicator is not
shown as 0: the page says which column would enable it."

An entry ``"a|b"`` is satisfied by either column. ``stage`` or ``status`` is always present
(one of them is required to import a file), and ``p`` comes from the stage settings, so neither
is listed except where the stage *label* itself matters.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any, Final

_CLOSE = "closed_date|expected_close_date"

#: Indicator name → required canonical columns (``"a|b"`` = either).
INDICATOR_REQUIRES: Final[dict[str, tuple[str, ...]]] = {
    # home and general
    "deal_counts": (),
    "win_rate": (),
    "conversion_rate": (),
    "pipeline_gross": ("amount",),
    "pipeline_weighted": ("amount",),
    "average_deal_size": ("amount",),
    "average_won_deal_size": ("amount",),
    "won_revenue": ("amount",),
    "period_comparison": ("created_date", _CLOSE),
    "currency": ("currency",),
    # pipeline
    "value_by_stage": ("stage", "amount"),
    "funnel": ("stage",),
    "deal_age": ("created_date",),
    "rotting": ("created_date",),
    "cold_deals": ("last_activity_date",),
    "sector": ("sector",),
    "owner": ("owner",),
    # marketing
    "marketing": ("source",),
    "inflow": ("created_date",),
    # forecast
    "forecast": ("expected_close_date", "amount"),
    "overdue": ("expected_close_date",),
    "undated": ("expected_close_date",),
    "velocity": ("created_date", _CLOSE),
    # actions
    "due_soon": ("expected_close_date",),
    "quick_wins": ("expected_close_date",),
    "untreated_leads": ("stage", "created_date", "last_activity_date"),
}


def missing_columns(present: Set[str], indicator: str) -> list[str]:
    """Columns ``indicator`` needs that the import did not map, in the table's order.

    Args:
        present: canonical fields mapped by the import.
        indicator: a key of :data:`INDICATOR_REQUIRES` (KeyError otherwise, so that a typo in
            a page fails its test instead of hiding a message).

    Returns:
        The unmet entries (``"a|b"`` kept as is when neither column is present); empty when the
        indicator can be shown.
    """
    needs = INDICATOR_REQUIRES[indicator]
    return [need for need in needs if not any(col in present for col in need.split("|"))]


#: ``kpi_summary`` key → the indicator of :data:`INDICATOR_REQUIRES` it depends on.
SUMMARY_KEYS: Final[dict[str, str]] = {
    "pipeline_gross": "pipeline_gross",
    "pipeline_weighted": "pipeline_weighted",
    "average_deal_size": "average_deal_size",
    "average_won_deal_size": "average_won_deal_size",
    "won_revenue": "won_revenue",
    "forecast": "forecast",
    "overdue": "overdue",
    "cold_deals": "cold_deals",
    "untreated_leads": "untreated_leads",
    "quick_wins": "quick_wins",
    "time_to_win_days": "velocity",
    "sources": "marketing",
    "period": "period_comparison",
}


def withhold_unavailable(summary: dict[str, Any], present: Set[str]) -> dict[str, Any]:
    """Replace figures whose columns the import lacks by None and say which columns.

    METRICS.md: "Where a column an indicator needs is absent from the import, the indicator is
    not shown as 0". Adds ``unavailable``: key → missing columns. Stage rows lose their money
    figures when the import has no amount.
    """
    out = dict(summary)
    unavailable: dict[str, list[str]] = {}
    for key, indicator in SUMMARY_KEYS.items():
        missing = missing_columns(present, indicator)
        if missing and key in out:
            out[key] = None
            unavailable[key] = missing
    if "amount" not in present and out.get("stages"):
        out["stages"] = [{**row, "gross": None, "weighted": None} for row in out["stages"]]
        unavailable["stages.gross"] = ["amount"]
    out["unavailable"] = unavailable
    return out
