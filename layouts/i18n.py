"""The interface in French and English: one gettext catalogue (Babel), read once per language.

Message ids are the English text; ``translations/<lang>/LC_MESSAGES/messages.po`` holds the
translations and its compiled ``.mo`` is committed beside it (a fresh clone needs no build step;
``tests/unit/test_i18n.py`` fails when the two differ). Layouts translate through the page's
``Formatter`` (``fmt._("Deals")``), so the locale chooses the language and the formats together.
Names in the user's file (stages, sources, owners) are never translated.

Refresh the catalogue after changing texts::

    pybabel extract -F translations/babel.cfg -k N_ -o translations/messages.pot .
    pybabel update -i translations/messages.pot -d translations
    # translate the new entries of translations/fr/LC_MESSAGES/messages.po, then
    pybabel compile -d translations
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Protocol

from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations, Translations

DIRECTORY: Final = Path(__file__).resolve().parent.parent / "translations"
#: Languages the interface speaks; English is the language of the message ids.
LANGUAGES: Final = ("fr", "en")
SOURCE_LANGUAGE: Final = "en"


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel's extractor knows
    """Mark ``message`` for the catalogue where it is declared; it is translated when shown."""
    return message


class _Translates(Protocol):
    def _(self, message: str, **values: object) -> str: ...


def localise(fmt: _Translates, text: str) -> str:
    """A text of the data layer in ``fmt``'s language: a ``data.texts.Text`` is translated from
    its message id and refilled with its values; a plain text is looked up as it is (a name
    from the user's file is not in the catalogue and comes back unchanged).
    """
    template = getattr(text, "template", None)
    values: dict[str, Any] = getattr(text, "values", {})
    if template is None:  # a plain text, or a Text that went through JSON (a memo)
        template, values = _parsed(text)
    return fmt._(template, **{name: _value(fmt, v) for name, v in values.items()})


def _value(fmt: _Translates, value: Any) -> Any:
    """A value inside a message: a nested ``Text`` (a refusal's first reason, "a PDF
    document") in ``fmt``'s language; a plain value only when it is a filled message id with
    fields (after JSON), so a name from the user's file ("Stage", "Won") stays as it is.
    """
    if getattr(value, "template", None) is not None:
        return localise(fmt, value)
    if isinstance(value, str) and len(value) >= _TELLING:  # shorter: no filled message id
        template, values = _parsed(value)
        if values:
            return fmt._(template, **{name: _value(fmt, v) for name, v in values.items()})
    return value


#: Fixed characters a message id with fields needs before a filled text is matched against it.
_TELLING: Final = 12


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """A pattern per message id with ``{fields}`` (singular), to find a filled text's id."""
    found = []
    for key in getattr(translations("fr"), "_catalog", {}):
        if not isinstance(key, str) or "{" not in key:
            continue
        fields = list(string.Formatter().parse(key))
        if sum(len(literal) for literal, *_ in fields) < _TELLING:
            continue  # "{n} won": any text ending in " won" would pass for it
        parts, seen = [], set()
        for literal, name, _spec, _conv in fields:
            parts.append(re.escape(literal))
            if name:
                parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
                seen.add(name)
        found.append((re.compile("".join(parts), re.DOTALL), key))
    return tuple(found)


def _parsed(text: str) -> tuple[str, dict[str, str]]:
    """(message id, values) of a text filled in English; the text itself when none fits."""
    for pattern, key in _patterns():
        match = pattern.fullmatch(text)
        if match:
            return key, match.groupdict()
    return text, {}


class _Speaks(Protocol):
    @property
    def lang(self) -> str: ...


def status_label(fmt: _Speaks, status: str, n: int = 1) -> str:
    """open/won/lost as a label for ``n`` deals or stages: "Ouverte" for one, "Ouvertes" for
    several (the catalogue's plural forms, context "status"); an unknown value as it is.
    """
    catalogue = translations(fmt.lang)
    if status == "open":
        return catalogue.npgettext("status", "Open", "Open", n)
    if status == "won":
        return catalogue.npgettext("status", "Won", "Won", n)
    if status == "lost":
        return catalogue.npgettext("status", "Lost", "Lost", n)
    return status


class _Reader(_Translates, _Speaks, Protocol):
    """A ``Formatter`` as far as words go: its ``_`` and its ``lang``."""


class Wording:
    """How the data layer's texts read for one reader: ``render`` (catalogue texts, nested
    values included) and ``status`` (open/won/lost), the two functions ``data.exports`` takes;
    the file's own names pass through neither.
    """

    def __init__(self, fmt: _Reader) -> None:
        """Words in ``fmt``'s language."""
        self._fmt = fmt

    def render(self, text: str) -> str:
        """``text`` (a message id or a ``Text``) in the reader's language."""
        return localise(self._fmt, text)

    def status(self, word: str) -> str:
        """A status value as the label of one deal or stage."""
        return status_label(self._fmt, word)


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang`` (read-only, shared by every request); English is the ids."""
    if lang == SOURCE_LANGUAGE or lang not in LANGUAGES:
        return NullTranslations()
    return Translations.load(str(DIRECTORY), [lang], domain="messages")


def supported(lang: str | None) -> str | None:
    """``lang`` when the interface speaks it, else None."""
    return lang if lang in LANGUAGES else None


def negotiate(accept_language: str | None, default: str) -> str:
    """The language of a browser's ``Accept-Language`` header, else ``default``.

    ``"en-GB,en;q=0.9,fr;q=0.8"`` → ``en``; an unknown or malformed header gives ``default``.
    """
    wanted: list[tuple[float, str]] = []
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        if tag:
            wanted.append((quality, tag.strip()))
    preferred = [tag.replace("-", "_") for _, tag in sorted(wanted, key=lambda w: -w[0])]
    try:
        found = Locale.negotiate(preferred, list(LANGUAGES), sep="_")
    except (UnknownLocaleError, ValueError):
        found = None
    return found.language if found is not None else default
