"""Numbers, money, percentages and dates in the user's locale, through Babel (CLDR data).

French by default (``1 234,56 €``, ``22/11/2026``), English selectable; the same ``lang``
chooses the language of the texts (``Formatter._``, ``layouts.i18n``). Unknown values show as
"—" so a missing figure is never mistaken for zero.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.numbers import NumberPattern, format_compact_currency, format_currency, parse_pattern

from layouts.i18n import translations

#: ``datetime.date`` under a name the ``Formatter.date`` method does not shadow.
Day = date
UNKNOWN = "—"
LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@functools.cache
def _locale(name: str) -> Locale:
    """``Locale.parse(name)``, kept: every number, amount and date a page shows asks for it, and
    parsing it each time was ~8 µs of each (a tenth of a cold Marketing view: issue 16).
    """
    return Locale.parse(name)


@functools.lru_cache(maxsize=64)
def _pattern(pattern: str) -> NumberPattern:
    """A number pattern parsed once (what ``format_decimal``/``format_percent`` parse each call
    before applying it, with the same defaults).
    """
    return parse_pattern(pattern)


@functools.lru_cache(maxsize=4096)
def _whole(lang: str, value: int, digits: int) -> str:
    """``Formatter(lang).number(value, digits)`` of a Python ``int``, kept (Marketing's weekly
    bars write ~800 deal counts, most of them the same small numbers).
    """
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(_pattern(pattern).apply(value, _locale(LOCALES.get(lang, "fr_FR"))))


def _nan(value: object) -> bool:
    """NaN is how pandas says unknown."""
    return isinstance(value, float) and math.isnan(value)


@dataclass(frozen=True)
class Formatter:
    """Locale-bound formatting functions for one page render."""

    lang: str = "fr"

    def _(self, message: str, **values: object) -> str:
        """``message`` in this language (the one catalogue, ``layouts.i18n``); ``{name}``
        fields are filled from ``values`` after translation (already formatted numbers).
        """
        if not message:  # gettext("") is the catalogue's header, not an empty label
            return message
        text = translations(self.lang).gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: object) -> str:
        """Singular or plural of a message for ``n``, in this language; ``{n}`` is formatted."""
        text = translations(self.lang).ngettext(singular, plural, n)
        return text.format(n=self.number(n), **values)

    @property
    def locale(self) -> Locale:
        """The Babel locale of ``lang`` (French when unknown), parsed once per process."""
        return _locale(LOCALES.get(self.lang, "fr_FR"))

    def money(self, value: float | None, currency: str | None, *, cents: bool = True) -> str:
        """``1 234,56 €`` (fr) / ``€1,234.56`` (en); whole units when ``cents`` is False."""
        if value is None or _nan(value):
            return UNKNOWN
        pattern = None if cents else "#,##0 ¤" if self.lang == "fr" else "¤#,##0"
        return format_currency(
            value, currency or "EUR", format=pattern, locale=self.locale, currency_digits=cents
        )

    def compact_money(self, value: float | None, currency: str | None) -> str:
        """``1,2 M €``: for axis-like labels where exact cents would be noise."""
        if value is None or _nan(value):
            return UNKNOWN
        return format_compact_currency(
            value, currency or "EUR", locale=self.locale, fraction_digits=1
        )

    def percent(self, value: float | None, digits: int = 1) -> str:
        """``42,5 %`` from a ratio 0.425."""
        if value is None or _nan(value):
            return UNKNOWN
        pattern = "#,##0." + "0" * digits + " %" if digits else "#,##0 %"
        if self.lang != "fr":
            pattern = pattern.replace(" %", "%")
        return str(_pattern(pattern).apply(value, self.locale))  # = babel's format_percent

    def number(self, value: float | int | None, digits: int = 0) -> str:
        """``1 234`` / ``1,234``."""
        if value is None or _nan(value):
            return UNKNOWN
        if type(value) is int:  # counts: a page writes the same few hundred again and again
            return _whole(self.lang, value, digits)
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return str(_pattern(pattern).apply(value, self.locale))  # = babel's format_decimal

    def date(self, value: date | str | None) -> str:
        """``22/11/2026`` (fr) / ``22/11/2026`` (en_GB)."""
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            return UNKNOWN
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, format="short" if self.lang != "fr" else "dd/MM/yyyy",
                           locale=self.locale)

    def month(self, value: Day | str) -> str:
        """``janv. 2026`` / ``Jan 2026``: a month tick of a time axis, named in this language
        (plotly.js would name it in English whatever the page's language).
        """
        if isinstance(value, str):
            value = date.fromisoformat(value[:10])
        return format_date(value, format="MMM y", locale=self.locale)

    def days(self, value: float | None) -> str:
        """``42 j`` / ``42 d``."""
        if value is None or _nan(value):
            return UNKNOWN
        return f"{self.number(value)} {'j' if self.lang == 'fr' else 'd'}"
