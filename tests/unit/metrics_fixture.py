"""Hand-written deals for the metric tests, built through the real import contract.

Frames go through :func:`data.canonical.coerce_types` and
:func:`data.stages.effective_probability`, and get ``stage_rank`` from the stage settings, as the
app does. Reference date: Monday 2026-11-23. Current 30-day period: 2026-10-25 → 2026-11-23;
previous: 2026-09-25 → 2026-10-24.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd

from data.canonical import coerce_types
from data.stages import StageSetting, default_stage_table, effective_probability

AS_OF = date(2026, 11, 23)

#: Prospect 0.10 (rank 0), Qualifié 0.30 (1), Négociation 0.70 (2), Démo unknown p (3, a custom
#: stage placed after the known open ones), Gagné won (4), Perdu lost (5).
STAGES: list[StageSetting] = default_stage_table(
    ["Prospect", "Qualifié", "Négociation", "Démo", "Gagné", "Perdu"]
)

_COLUMNS = (
    "deal_id", "stage", "status", "amount", "currency", "probability", "source", "sector",
    "owner", "created_date", "expected_close_date", "closed_date", "last_activity_date",
)
_N = None
# Per deal, with p (effective), age at AS_OF, offset of expected close from AS_OF, days since
# last activity:
_ROWS: list[tuple[Any, ...]] = [
    # D01 p .1, age 22, off +17 (w30), no activity: untreated (first stage, 22 days old)
    ("D01", "Prospect", "open", 1000, "EUR", _N, "Web", "Tech", "Alice",
     "2026-11-01", "2026-12-10", _N, _N),
    # D02 p .1, age 1, undated, no activity: too recent to be untreated
    ("D02", "Prospect", "open", 2000, "EUR", _N, "Salon", "Retail", "Bob",
     "2026-11-22", _N, _N, _N),
    # D03 p .3, age 83, off -10 (overdue), inactive 22 (cold)
    ("D03", "Qualifié", "open", 5000, "EUR", _N, "Web", "Tech", "Alice",
     "2026-09-01", "2026-11-13", _N, "2026-11-01"),
    # D04 p .7, age 53, off +10 (w30), inactive 3; quick win EV 7000
    ("D04", "Négociation", "open", 10000, "EUR", _N, "Referral", "Tech", "Bob",
     "2026-10-01", "2026-12-03", _N, "2026-11-20"),
    # D05 p .9 (row's own probability), age 175 (rotting), off +50 (w60), inactive 14 (cold)
    ("D05", "Négociation", "open", 8000, "EUR", 0.9, "Web", "Finance", "Alice",
     "2026-06-01", "2027-01-12", _N, "2026-11-09"),
    # D06 p unknown (custom stage), age 13, off +80 (w90), inactive 13 (not cold), no source/owner
    ("D06", "Démo", "open", 3000, "EUR", _N, _N, "Finance", _N,
     "2026-11-10", "2027-02-11", _N, "2026-11-10"),
    # D07 p .3, amount unknown, age 39, off +30 (w30, boundary), inactive 18 (cold)
    ("D07", "Qualifié", "open", _N, "EUR", _N, "Salon", "Retail", "Bob",
     "2026-10-15", "2026-12-23", _N, "2026-11-05"),
    # D08 won, time-to-win 61 (closed 2026-10-01: previous period)
    ("D08", "Gagné", "won", 4000, "EUR", _N, "Web", "Tech", "Alice",
     "2026-08-01", "2026-09-30", "2026-10-01", _N),
    # D09 won, no closed date: expected 2026-11-10 used -> time-to-win 70, current period
    ("D09", "Gagné", "won", 6000, "EUR", _N, "Referral", "Finance", "Bob",
     "2026-09-01", "2026-11-10", _N, _N),
    # D10 lost, closed 2026-11-20 (current period)
    ("D10", "Perdu", "lost", 7000, "EUR", _N, "Web", "Retail", "Alice",
     "2026-07-01", _N, "2026-11-20", _N),
    # D11 USD, p .7, age 34, off +20 (w30), inactive 2; quick win EV 35000
    ("D11", "Négociation", "open", 50000, "USD", _N, "Referral", "Tech", "Carol",
     "2026-10-20", "2026-12-13", _N, "2026-11-21"),
    # D12 USD won, time-to-win 10 (closed 2026-10-11: previous period)
    ("D12", "Gagné", "won", 9000, "USD", _N, "Salon", "Tech", "Carol",
     "2026-10-01", _N, "2026-10-11", _N),
    # D13 lost, amount unknown, closed 2026-10-20 (previous period)
    ("D13", "Perdu", "lost", _N, "EUR", _N, "Web", "Tech", "Alice",
     "2026-10-05", _N, "2026-10-20", _N),
    # D14 p .1, age 8, off +7 (w30), activity on the creation day only: untreated (8 days old)
    ("D14", "Prospect", "open", 1500, "EUR", _N, "Salon", "Retail", "Bob",
     "2026-11-15", "2026-11-30", _N, "2026-11-15"),
]


def build_deals(
    rows: Sequence[dict[str, Any]], stages: Sequence[StageSetting] = STAGES
) -> pd.DataFrame:
    """A metrics input frame: canonical dtypes, effective ``p`` and ``stage_rank``."""
    frame = coerce_types(pd.DataFrame(list(rows)))
    frame["p"] = effective_probability(frame, {s.stage: s.probability for s in stages})
    order = {s.stage: s.order for s in stages}
    last = max(order.values(), default=0) + 1
    frame["stage_rank"] = frame["stage"].map(order).fillna(last).astype("int64")
    return frame


def deal(**fields: Any) -> dict[str, Any]:
    """One deal row with sensible defaults (open Prospect, 1000 EUR)."""
    row: dict[str, Any] = {
        "deal_id": "X", "stage": "Prospect", "status": "open", "amount": 1000.0,
        "currency": "EUR",
    }
    row.update(fields)
    return row


def fixture_rows() -> list[dict[str, Any]]:
    """The 14 hand-written deals as dicts."""
    return [dict(zip(_COLUMNS, row, strict=True)) for row in _ROWS]


def fixture_deals() -> pd.DataFrame:
    """The 14 hand-written deals (12 EUR, 2 USD)."""
    return build_deals(fixture_rows())


def eur_deals() -> pd.DataFrame:
    """The 12 EUR deals of the fixture."""
    frame = fixture_deals()
    return frame[frame["currency"] == "EUR"]


def by_id(frame: pd.DataFrame) -> list[str]:
    """The deal ids of a frame, in order."""
    return [str(x) for x in frame["deal_id"]]
