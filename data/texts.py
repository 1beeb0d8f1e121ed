"""Texts of the data layer that the interface shows: marked for the catalogue, translated where
shown (``layouts``), never here (``data/`` imports no interface code).

``N_`` marks a message id where it is declared (Babel's extractor reads ``data/**.py``, see
``translations/babel.cfg``); :class:`Text` is a message already filled in English that keeps its
id and values, so a page can show it in its own language (``layouts.i18n.localise``) while the
API, the logs and the tests keep reading plain English text.
"""

from __future__ import annotations

from typing import Any


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel's extractor knows
    """Mark ``message`` for the catalogue where it is declared; it is translated when shown."""
    return message


class Text(str):
    """``template`` filled with ``values`` (English), remembering both for a translation."""

    template: str
    values: dict[str, Any]

    def __new__(cls, template: str, **values: Any) -> Text:
        """Fill ``template`` with ``values`` now (the English text) and keep both."""
        text = super().__new__(cls, template.format(**values) if values else template)
        text.template = template
        text.values = values
        return text
