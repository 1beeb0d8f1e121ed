"""Kept only for ``callbacks/settings.py`` (another branch this session): the Settings stage
table in the JSON form it reads. Page data lives in ``data.pagedata``; delete this module once
that callback reads :class:`data.pagedata.settings.SettingsData`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from data.pagedata import settings as settings_data
from data.pagedata.jsonable import to_jsonable
from data.service import Selection


def settings(selection: Selection, as_of: date) -> dict[str, Any]:
    """:func:`data.pagedata.settings.build` as JSON (``{"stages": [...], "context": ...}``)."""
    return dict(to_jsonable(settings_data.build(selection, as_of)))
