"""The canonical deal: the one shape every import is turned into (METRICS.md, "The deal").

Every other module (import engine, storage, metrics, pages) speaks in these column names, so a
CRM's own vocabulary never leaks past the import step.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

TEXT_FIELDS: Final = (
    "deal_id",
    "name",
    "account",
    "stage",
    "status",
    "currency",
    "source",
    "sector",
    "owner",
    "notes",
)
NUMBER_FIELDS: Final = ("amount", "probability")
DATE_FIELDS: Final = (
    "created_date",
    "expected_close_date",
    "closed_date",
    "last_activity_date",
)

#: Canonical fields, in the order of METRICS.md. ``probability`` is the row's own probability
#: from the file (unknown when the file has none); the *effective* probability ``p`` is derived
#: at read time from the stage settings so that editing a stage changes every weighted figure.
CANONICAL_FIELDS: Final = (
    "deal_id",
    "name",
    "account",
    "stage",
    "status",
    "amount",
    "currency",
    "probability",
    "source",
    "sector",
    "owner",
    "created_date",
    "expected_close_date",
    "closed_date",
    "last_activity_date",
    "notes",
)

STATUSES: Final = ("open", "won", "lost")

#: Fields that make a file importable on their own (METRICS.md: "Only a stage or a status column
#: is required in a file").
REQUIRED_ANY: Final = ("stage", "status")


def empty_deals() -> pd.DataFrame:
    """An empty canonical frame with the right dtypes, for empty states and tests."""
    return coerce_types(pd.DataFrame({name: [] for name in CANONICAL_FIELDS}))


def coerce_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a canonical frame its dtypes: object text, float amounts, day-precision dates.

    Missing canonical columns are added as all-unknown so that metric functions can tell
    "column absent" (see :func:`present_fields`) from "value unknown" without KeyErrors.
    Columns already in their canonical dtype are kept as they are (copy-on-write: the caller's
    frame is never modified), so coercing a canonical frame costs almost nothing.
    """
    out = frame.copy(deep=False)
    for name in TEXT_FIELDS:
        if name not in out:
            out[name] = None
        column = out[name]
        unknown = column.isna()
        if column.dtype != object:
            out[name] = column.astype(object).where(~unknown, None)
        elif unknown.any():
            out[name] = column.where(~unknown, None)
    for name in NUMBER_FIELDS:
        if name not in out:
            out[name] = float("nan")
        if out[name].dtype != "float64":
            out[name] = pd.to_numeric(out[name], errors="coerce").astype("float64")
    for name in DATE_FIELDS:
        if name not in out:
            out[name] = pd.NaT
        if out[name].dtype != "datetime64[s]":
            out[name] = pd.to_datetime(out[name], errors="coerce").astype("datetime64[s]")
    return out
