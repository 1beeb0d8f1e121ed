"""Header text to words: the first step of column mapping.

CRMs spell one idea many ways — ``OppStage``, ``deal_stage``, ``Deal - Stage``,
``Étape du deal``, ``Verkaufsphase`` — so headers are compared word by word, never as whole
strings: camelCase and ALLCAPS runs, snake_case, punctuation and digits all split words, accents
and case fold away, and the vendors' entity prefixes (``Deal -``, ``Opp``, ``Opportunity``)
are recognised as noise rather than content.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: A lower→Upper boundary (``oppStage``), an ACRONYM→Word boundary (``CRMStage``) or a
#: letter↔digit boundary splits a word.
#: Word boundaries inside camelCase; a plural acronym stays whole ("Company IDs", "URLs").
_CAMEL_RE: Final = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])(?![A-Z]s\b)|(?<=[A-Za-z])(?=\d)"
)
_NON_WORD_RE: Final = re.compile(r"[^a-z0-9%#]+")
_INVISIBLE_RE: Final = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]")


def fold_text(text: str) -> str:
    """Lower case without accents or invisible characters ("Étape" → "etape", "ß" → "ss")."""
    text = _INVISIBLE_RE.sub("", unicodedata.normalize("NFKD", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("ß", "ss").replace("ẞ", "ss")


def split_words(header: object) -> list[str]:
    """Split a header into folded words.

    ``"OppStage"`` → ``["opp", "stage"]``; ``"close_value"`` → ``["close", "value"]``;
    ``"Deal - Expected close date"`` → ``["deal", "expected", "close", "date"]``;
    ``"CurrencyIsoCode"`` → ``["currency", "iso", "code"]``; ``"Probabilité (%)"`` →
    ``["probabilite", "%"]``; ``"Date d'échéance"`` → ``["date", "d", "echeance"]``.
    """
    if header is None:
        return []
    text = fold_text(str(header))
    text = _CAMEL_RE.sub(" ", text)
    # "Statut2" style suffixes and "#" markers are kept as words; "%" is its own word.
    text = text.replace("%", " % ").replace("#", " # ")
    return [w for w in _NON_WORD_RE.split(text.lower()) if w]
