"""The priority views (METRICS.md, "Deals and priority actions"), named once.

A Home alert counts the deals of one view and links to the Deals page on the same view; the
Deals page lists them. Both go through :data:`PRIORITY_VIEWS`, so a view's rule lives in one
function of ``data.metrics`` and its name in one table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Final

import pandas as pd

from data.metrics.actions import due_soon, first_open_stage, quick_wins, untreated_leads
from data.metrics.forecast import overdue
from data.metrics.pipeline import DEFAULT_COLD_DAYS, cold_deals, rotting_deals
from data.stages import StageSetting

#: deals, as_of, stage table, cold threshold (days), row limit → the view's deals, sorted.
ViewRule = Callable[[pd.DataFrame, date, Sequence[StageSetting], int, int | None], pd.DataFrame]

PRIORITY_VIEWS: Final[dict[str, ViewRule]] = {
    "cold": lambda d, as_of, _s, cold, limit: cold_deals(d, as_of, cold, limit=limit),
    "overdue": lambda d, as_of, _s, _c, limit: overdue(d, as_of, limit=limit),
    "untreated": lambda d, as_of, stages, _c, limit: untreated_leads(
        d, as_of, first_open_stage(stages), limit=limit),
    "quick_wins": lambda d, as_of, _s, _c, limit: quick_wins(d, as_of, limit=limit),
    "due_soon": lambda d, as_of, _s, _c, limit: due_soon(d, as_of, limit=limit),
    "rotting": lambda d, as_of, _s, _c, limit: rotting_deals(d, as_of, limit=limit),
}
#: The names a URL's ``view=`` may take.
VIEW_NAMES: Final = tuple(PRIORITY_VIEWS)


def priority_view(
    name: str | None,
    deals: pd.DataFrame,
    as_of: date,
    stages: Sequence[StageSetting],
    cold_days: int = DEFAULT_COLD_DAYS,
    *,
    limit: int | None = None,
) -> pd.DataFrame:
    """The deals of view ``name`` (what its Home alert counts), or all ``deals`` for None."""
    rule = PRIORITY_VIEWS.get(name or "")
    return deals if rule is None else rule(deals, as_of, stages, cold_days, limit)
