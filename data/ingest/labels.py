"""Human names of the canonical fields, for every message the import engine writes.

Messages name columns as the user's file does and fields as the import dialog does ("Expected
close date", never ``expected_close_date``; issue #10 point 8). The import dialog shows this
table too (translated there; ``N_`` marks it for the catalogue); the CLI accepts these names in
``--map`` as well as the field identifiers, so a hint can quote the name the user reads.
"""

from __future__ import annotations

from typing import Final

from data.stages import fold
from data.texts import N_

FIELD_LABELS: Final[dict[str, str]] = {
    "deal_id": N_("Deal id"),
    "name": N_("Deal name"),
    "account": N_("Account / company"),
    "stage": N_("Stage"),
    "status": N_("Status (open/won/lost)"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "probability": N_("Probability"),
    "source": N_("Source"),
    "sector": N_("Sector"),
    "owner": N_("Owner"),
    "created_date": N_("Created date"),
    "expected_close_date": N_("Expected close date"),
    "closed_date": N_("Closed date"),
    "last_activity_date": N_("Last activity date"),
    "notes": N_("Notes"),
    "is_won": N_("Won? (yes/no)"),
    "is_closed": N_("Closed? (yes/no)"),
}

#: Shorter names for a CLI hint (no parentheses to quote): "Status", "Won", "Closed".
_SHORT: Final[dict[str, str]] = {
    "status": "Status", "is_won": "Won", "is_closed": "Closed", "account": "Account",
}


def field_label(field: str) -> str:
    """A canonical field (or an alternative "a|b") as the dialog names it."""
    if "|" in field:
        return " or ".join(field_label(part) for part in field.split("|"))
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


def short_label(field: str) -> str:
    """The name a ``--map "Header=Name"`` hint quotes."""
    return _SHORT.get(field, field_label(field))


_BY_NAME: Final[dict[str, str]] = {
    **{fold(label): field for field, label in FIELD_LABELS.items()},
    **{fold(label): field for field, label in _SHORT.items()},
    **{fold(field): field for field in FIELD_LABELS},
}


def field_from_name(text: str) -> str | None:
    """The field a user named by its identifier or its label ("Expected close date"), if any."""
    return _BY_NAME.get(fold(text))
