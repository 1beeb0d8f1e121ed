"""Column mapping: a file's headers (and values) to canonical fields.

The decision itself lives in :mod:`data.ingest.mapping` (header words × value profiles, one
global assignment, look-alikes never taken); this module keeps the small interface the rest of
the engine and the UI use: the automatic mapping, the user's overrides on top of it, the
choices offered in the mapping editor and the header languages that hint at the locale.
"""

from __future__ import annotations

import pandas as pd

from data.canonical import CANONICAL_FIELDS
from data.ingest.mapping import (
    AUXILIARY_FIELDS,
    MULTI_HEADER_FIELDS,
    ColumnDecision,
    decide_columns,
    header_language,
    match_words,
)

__all__ = [
    "AUXILIARY_FIELDS",
    "MULTI_HEADER_FIELDS",
    "apply_user_mapping",
    "auto_mapping",
    "decide_columns",
    "header_languages",
    "mapping_choices",
    "match_header",
]


def mapping_choices() -> list[str]:
    """The fields a user may pick for a column in the UI (None = ignore is added by the UI)."""
    return [*CANONICAL_FIELDS, *AUXILIARY_FIELDS]


def match_header(header: str) -> tuple[str | None, float, str]:
    """Best field for one header from its words alone: ``(field, score 0-100, language)``.

    Look-alikes score 0. Values are not looked at: :func:`auto_mapping` with columns does.
    """
    match = match_words(header)
    if match.lookalike or not match.scores:
        return None, 0.0, ""
    best = max(match.scores, key=lambda name: match.scores[name])
    return best, round(match.scores[best] * 100, 2), match.language


def auto_mapping(
    headers: list[str], columns: dict[str, pd.Series] | pd.DataFrame | None = None
) -> dict[str, str | None]:
    """Map every header to a field, each field used at most once (best score wins).

    Ties go to the leftmost header. ``closed_date`` may take several headers (Pipedrive's
    won/lost times), combined as "first non-empty" by the validator. With ``columns`` (header →
    cells) the values confirm or decide (see :mod:`data.ingest.mapping`).
    """
    return {d.header: d.field for d in _decide(headers, columns)}


def _decide(
    headers: list[str], columns: dict[str, pd.Series] | pd.DataFrame | None
) -> list[ColumnDecision]:
    if isinstance(columns, pd.DataFrame):
        columns = {h: columns[h] for h in headers if h in columns}
    return decide_columns(headers, columns)


def apply_user_mapping(
    headers: list[str],
    user: dict[str, str | None] | None,
    columns: dict[str, pd.Series] | pd.DataFrame | None = None,
    decisions: list[ColumnDecision] | None = None,
) -> dict[str, str | None]:
    """Automatic mapping, overridden entirely for the headers the user named.

    A field the user assigned is taken away from any other header the automatic mapping had
    given it to, so one field still comes from one column.
    """
    if decisions is None:
        decisions = _decide(headers, columns)
    automatic = {d.header: d.field for d in decisions}
    if not user:
        return automatic
    chosen = {h: f for h, f in user.items() if h in automatic}
    user_fields = {f for f in chosen.values() if f}
    result: dict[str, str | None] = {}
    for header in headers:
        if header in chosen:
            result[header] = chosen[header]
        elif automatic[header] in user_fields and automatic[header] not in MULTI_HEADER_FIELDS:
            result[header] = None
        else:
            result[header] = automatic[header]
    return result


def header_languages(headers: list[str]) -> dict[str, int]:
    """Count the languages of the headers that matched a language-specific term."""
    votes: dict[str, int] = {}
    for header in headers:
        lang = header_language(header)
        if lang:
            votes[lang] = votes.get(lang, 0) + 1
    return votes
