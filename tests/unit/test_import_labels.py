"""Messages name columns as people do, never by internal field names (issue 10 point 8)."""

from __future__ import annotations

from data.ingest import mapping_choices
from data.metrics.availability import INDICATOR_REQUIRES
from layouts.common import missing_text
from layouts.import_preview import FIELD_LABELS, field_label


def test_every_mapping_choice_has_a_label() -> None:
    assert set(mapping_choices()) <= set(FIELD_LABELS)


def test_missing_column_messages_use_labels() -> None:
    assert missing_text(["closed_date|expected_close_date"]) == (
        "Not available: this import has no “Closed date” or “Expected close date” column. "
        "Map one at import to enable it."
    )
    for needs in INDICATOR_REQUIRES.values():
        text = missing_text(list(needs))
        assert text is None or ("|" not in text and "_" not in text), text
    assert field_label("last_activity_date") == "Last activity date"
