"""The editor's timeline and lists render user text as text (issue 14, point 6)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from data.entry import TimelineEntry
from data.reminders import Reminder
from layouts import edit
from layouts.formatting import Formatter

HOSTILE = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1))\nline 2"


def _strings(component: Any) -> list[str]:
    """Every string child in a component tree, and the component types met."""
    found: list[str] = []
    if isinstance(component, str):
        return [component]
    if isinstance(component, (list, tuple)):
        for child in component:
            found += _strings(child)
        return found
    assert type(component).__name__ not in ("Markdown", "Iframe"), type(component)
    assert not hasattr(component, "dangerously_allow_html")
    children = getattr(component, "children", None)
    if children is not None:
        found += _strings(children)
    return found


def test_timeline_keeps_user_text_verbatim_as_strings() -> None:
    at = datetime(2026, 12, 3, 9, 30, tzinfo=UTC)
    entries = [
        TimelineEntry(at, date(2026, 12, 3), "call", HOSTILE, HOSTILE),
        TimelineEntry(at, date(2026, 12, 3), "edit", "Tom", "", "name", HOSTILE, "plain"),
        TimelineEntry(at, date(2026, 12, 3), "edit", "Tom", "", "amount", "1.00", "2.00"),
    ]
    strings = _strings(edit.timeline(entries, Formatter("en")))
    assert HOSTILE in strings  # the activity's text, whole, as one string
    assert any(s.endswith(f"— {HOSTILE}") for s in strings)  # its author
    assert f"Name: {HOSTILE} → plain" in strings
    assert "Amount: 1.00 → 2.00" in strings
    # one change of two fields is one line with two items
    assert sum("Tom changed" in s for s in strings) == 1


def test_attention_lists_show_names_as_text_and_count_every_deal() -> None:
    rows = [Reminder("cold", f"D-{i}", HOSTILE, None, None, 10.0, "EUR", 20, "20 day(s)")
            for i in range(edit.ATTENTION_ROWS + 3)]
    strings = _strings(edit.attention({"cold": rows}, Formatter("en")))
    assert f"Cold deals ({len(rows)})" in strings
    assert strings.count(HOSTILE) == edit.ATTENTION_ROWS
    assert "and 3 more" in strings


def test_attention_panel_explains_itself_for_a_read_only_pipeline() -> None:
    """An imported (read-only) pipeline has no reminders: the panel says why, in French too."""
    en = " ".join(_strings(edit.no_attention(Formatter("en"))))
    fr = " ".join(_strings(edit.no_attention(Formatter("fr"))))
    assert "kept in the app" in en
    assert fr and fr != en
