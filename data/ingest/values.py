"""Column-wise value parsing: amounts, percentages, dates, booleans, statuses, currencies.

Every decision that depends on convention (decimal comma or point, day-first or month-first) is
taken once per column from all its values, never per cell: a column where "13/02/2026" appears
is day-first for every row, so "03/02/2026" in the same column cannot silently mean March 2nd.
All functions are vectorised over pandas string Series (a million rows must parse in seconds).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.stages import fold, status_from_stage

#: Currency symbols and the ISO code they stand for (longest first so "US$" beats "$").
CURRENCY_SYMBOLS: Final = {
    "US$": "USD", "C$": "CAD", "A$": "AUD", "CA$": "CAD", "AU$": "AUD", "€": "EUR",
    "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "zł": "PLN", "Fr.": "CHF",
    "SFr.": "CHF", "Kč": "CZK",
}
CURRENCY_CODES: Final = (
    "EUR", "USD", "GBP", "CHF", "JPY", "CAD", "AUD", "NZD", "SEK", "NOK", "DKK", "PLN", "CZK",
    "HUF", "CNY", "INR", "BRL", "MXN", "ZAR", "SGD", "HKD", "RUB", "TRY", "RON", "BGN", "ILS",
    "AED", "SAR", "KRW", "MAD", "TND", "XOF", "XAF",
)
_SYMBOL_PATTERN = "|".join(re.escape(s) for s in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_CURRENCY_RE: Final = re.compile(
    rf"({_SYMBOL_PATTERN}|(?<![A-Za-z])(?:{'|'.join(CURRENCY_CODES)})(?![A-Za-z]))",
    re.IGNORECASE,
)
#: Characters used as thousands separators besides "." and ",": spaces of all widths, apostrophes.
_GROUPING_RE: Final = r"[\s\u00a0\u202f\u2009'’`]"
_PLAIN_NUMBER_RE: Final = r"\d+(?:\.\d{1,2})?"
_SCIENTIFIC_RE: Final = r"[+\-−]?(?:\d+(?:[.,]\d*)?|[.,]\d+)[eE][+\-−]?\d{1,3}"

#: Largest amount kept exactly: 13 digits before the decimal mark, 2 after (15 significant
#: digits, the most a float64 carries through any decimal round trip; the database column is
#: NUMERIC(18, 2)). A larger amount rejects its row with this reason rather than being stored
#: inexactly.
AMOUNT_MAX: Final = 9_999_999_999_999.99
AMOUNT_MAX_TEXT: Final = "9 999 999 999 999.99"

#: Status words of the status column (folded), besides the won/lost stage labels.
_OPEN_WORDS: Final = frozenset(
    {
        "open", "opened", "in progress", "active", "pending", "ouvert", "ouverte", "en cours",
        "actif", "offen", "laufend", "aktiv", "in bearbeitung",
    }
)
#: Lost outcomes some exports write besides the lost stage labels ("Loss" in win/loss data).
_LOST_WORDS: Final = frozenset({"loss", "lose", "closed loss", "abandoned", "abandonne"})
_TRUE_WORDS: Final = frozenset({"true", "1", "yes", "y", "oui", "vrai", "ja", "wahr", "x"})
_FALSE_WORDS: Final = frozenset({"false", "0", "no", "n", "non", "faux", "nein", "falsch"})

_MONTHS: Final = {
    "jan": 1, "janv": 1, "janvier": 1, "januar": 1, "january": 1, "jän": 1, "feb": 2,
    "fev": 2, "fevr": 2, "fevrier": 2, "februar": 2, "february": 2, "mar": 3, "mars": 3,
    "marz": 3, "maerz": 3, "march": 3, "apr": 4, "avr": 4, "avril": 4, "april": 4, "may": 5,
    "mai": 5, "jun": 6, "juin": 6, "juni": 6, "june": 6, "jul": 7, "juil": 7, "juillet": 7,
    "juli": 7, "july": 7, "aug": 8, "aou": 8, "aout": 8, "august": 8, "sep": 9, "sept": 9,
    "septembre": 9, "september": 9, "oct": 10, "okt": 10, "octobre": 10, "oktober": 10,
    "october": 10, "nov": 11, "novembre": 11, "november": 11, "dec": 12, "dez": 12,
    "decembre": 12, "dezember": 12, "december": 12,
}


def map_distinct(raw: pd.Series, convert: Callable[[str], object]) -> pd.Series:
    """Apply ``convert`` once per distinct value, then spread the results (object Series).

    Columns such as stage, status or currency hold a handful of distinct values over a million
    rows; converting the distinct values only keeps Python out of the per-row loop.
    """
    codes, uniques = pd.factorize(raw, use_na_sentinel=True)
    converted = np.empty(len(uniques) + 1, dtype=object)
    converted[:-1] = [convert(value) for value in uniques]
    converted[-1] = None
    return pd.Series(converted[codes], index=raw.index, dtype=object)


def _arrow_cells(text: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """The string cells as Arrow with blank cells as null; None when they are not all text."""
    try:
        cells = pa.array(text, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    return pc.if_else(pc.equal(cells, ""), pa.scalar(None, pa.string()), cells)


#: Cells looked at to tell a mostly-distinct text column (ids, names) from a repetitive one.
_CARDINALITY_SAMPLE: Final = 10_000


def text_objects(values: pd.Series) -> pd.Series:
    """Cells as Python ``str`` objects with blank cells as None (object Series, same index).

    Same result as ``values.where(values != "", None).astype(object)``, faster: columns such
    as source, sector or owner repeat a few values over a million rows, so only their distinct
    values are turned into Python strings (equal cells then share one object).
    """
    cells = _arrow_cells(values)
    if cells is None:
        return values.where(values != "", None).astype(object)
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    head = cells.slice(0, _CARDINALITY_SAMPLE)
    if 2 * len(pc.unique(head)) > len(head):  # mostly distinct (ids, names): convert directly
        objects = cells.to_numpy(zero_copy_only=False)
    else:
        encoded = pc.dictionary_encode(cells)
        labels = encoded.dictionary
        lookup = np.empty(len(labels) + 1, dtype=object)
        lookup[:-1] = labels.to_numpy(zero_copy_only=False)
        lookup[-1] = None
        codes = encoded.indices.fill_null(len(labels)).to_numpy(zero_copy_only=False)
        objects = lookup[codes]
    return pd.Series(objects, index=values.index, dtype=object)


def _plain_numbers(text: pd.Series) -> pd.Series:
    """Cells already checked to be plain numbers ("1234.56") as float64, NaN when blank.

    Arrow's cast gives the same doubles as ``pd.to_numeric`` (both round correctly), ten
    times faster.
    """
    cells = _arrow_cells(text)
    if cells is not None:
        try:
            numbers = pc.cast(cells, pa.float64()).to_numpy(zero_copy_only=False)
            return pd.Series(numbers, index=text.index, dtype="float64")
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    return pd.to_numeric(text.where(text != "", None), errors="coerce").astype("float64")


#: Day number of 0001-01-01: the first date pandas reads; Arrow would also accept year 0.
_FIRST_DAY: Final = -719162


def _iso_days(text: pd.Series) -> pd.Series | None:
    """A column whose cells are all blank or strict ``YYYY-MM-DD`` dates, else None.

    Arrow parses strict ISO dates in C; anything else (a time part, one-digit months, an
    impossible date) makes it refuse the whole column and the general path decides per cell.
    """
    cells = _arrow_cells(text)
    if cells is None:
        return None
    try:
        days = pc.cast(cells, pa.date32())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    low = pc.min(days.cast(pa.int32())).as_py()
    if low is not None and low < _FIRST_DAY:
        return None
    stamps = pc.cast(days, pa.timestamp("s")).to_numpy(zero_copy_only=False)
    return pd.Series(stamps, index=text.index).astype("datetime64[s]")


def currency_code(text: object) -> str | None:
    """ISO code for a currency cell or symbol ("€" → "EUR", "usd" → "USD"); None when blank."""
    if text is None:
        return None
    value = str(text).strip()
    if not value:
        return None
    if value in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[value]
    upper = value.upper()
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol.upper() == upper:
            return code
    return upper


@dataclass
class AmountColumn:
    """Result of parsing one amount column.

    Attributes:
        values: Parsed numbers (negative kept negative so the validator can say so), NaN when
            blank or invalid.
        invalid: True where a non-blank cell is not a number.
        currency: ISO code found in the cell (symbol or code), else None.
        decimal: The decimal separator decided for the column.
        ambiguous: Count of values like "1,234" whose reading depended on that decision alone.
        too_large: True where the number exceeds :data:`AMOUNT_MAX` (value set to NaN).
    """

    values: pd.Series
    invalid: pd.Series
    currency: pd.Series
    decimal: str
    ambiguous: int
    too_large: pd.Series | None = None


def _bounded(column: AmountColumn) -> AmountColumn:
    """Set aside the amounts above :data:`AMOUNT_MAX` (they cannot be kept exactly)."""
    large = column.values.abs() > AMOUNT_MAX
    column.too_large = large
    if large.any():
        column.values = column.values.where(~large)
    return column


def _scientific(text: pd.Series) -> pd.Series:
    """Cells in scientific notation ("1.5e3", "2E+04", "1,5e3") as exact decimals → float."""

    def read(value: str) -> float:
        try:
            number = Decimal(value.replace(",", ".").replace("−", "-"))
        except InvalidOperation:
            return float("nan")
        return float(number) if number.is_finite() else float("nan")

    return map_distinct(text, read).astype("float64")


def parse_amounts(raw: pd.Series, locale: str) -> AmountColumn:
    """Parse an amount column: currency marks, grouping, decimal comma or point.

    The decimal separator is decided from the column's unambiguous values ("1 234,56",
    "1,234.56", "12,5"); values such as "1,234" or "12.500" then follow it; the locale breaks
    a tie (fr/de: comma, else point).
    """
    text = raw.astype("str")
    blank = text == ""
    none_currency = pd.Series([None] * len(text), index=text.index, dtype=object)
    if bool(text[~blank].str.fullmatch(_PLAIN_NUMBER_RE).all()):
        values = _plain_numbers(text)
        plain = AmountColumn(values, pd.Series(False, index=text.index), none_currency, ".", 0)
        return _bounded(plain)

    currency = none_currency.copy()
    marked = ~blank & ~text.str.fullmatch(r"[\d.,\s\u00a0\u202f\u2009'’`+\-−()]*")
    if marked.any():
        found = text[marked].str.extract(_CURRENCY_RE, expand=False)
        currency.loc[marked] = found.map(currency_code, na_action="ignore").astype(object)
        currency = currency.where(currency.notna(), None)
        text = text.where(~marked, text.str.replace(_CURRENCY_RE, "", regex=True))
    text = text.str.replace(_GROUPING_RE, "", regex=True)
    scientific = text.str.fullmatch(_SCIENTIFIC_RE)
    scientific_values = _scientific(text[scientific]) if scientific.any() else None
    if scientific_values is not None:
        text = text.where(~scientific, "")
    negative = text.str.match(r"^[-−]") | text.str.fullmatch(r"\(.*\)") | text.str.match(r".*-$")
    text = text.str.replace(r"^[-−+]|-$|^\(|\)$", "", regex=True)

    has_dot = text.str.contains(".", regex=False)
    has_comma = text.str.contains(",", regex=False)
    both = has_dot & has_comma
    last_comma = text.str.rfind(",") > text.str.rfind(".")
    comma_votes = int((both & last_comma).sum())
    dot_votes = int((both & ~last_comma).sum())
    only_comma = has_comma & ~has_dot
    only_dot = has_dot & ~has_comma
    comma_groups = text.str.fullmatch(r"\d{1,3}(?:,\d{3})+")
    dot_groups = text.str.fullmatch(r"\d{1,3}(?:\.\d{3})+")
    multi_comma = text.str.count(",") > 1
    multi_dot = text.str.count(r"\.") > 1
    # One mark that does not group thousands is a decimal mark ("12,5"); several marks that do
    # group thousands ("1.234.567") point to the other one; "12..5" says nothing.
    comma_votes += int((only_comma & ~multi_comma & ~comma_groups).sum())
    comma_votes += int((only_dot & multi_dot & dot_groups).sum())
    dot_votes += int((only_dot & ~multi_dot & ~dot_groups).sum())
    dot_votes += int((only_comma & multi_comma & comma_groups).sum())
    ambiguous = int((only_comma & comma_groups & ~multi_comma).sum())
    ambiguous += int((only_dot & dot_groups & ~multi_dot).sum())
    if comma_votes != dot_votes:
        decimal = "," if comma_votes > dot_votes else "."
    else:
        decimal = "," if locale in ("fr", "de") else "."
    group = "." if decimal == "," else ","
    # A value carrying the decimal mark twice is only valid as pure grouping ("1.234.567").
    grouped_only = (multi_comma & comma_groups) if decimal == "," else (multi_dot & dot_groups)
    normal = text.str.replace(group, "", regex=False).str.replace(decimal, ".", regex=False)
    cleaned = normal.where(~grouped_only, text.str.replace(decimal, "", regex=False))
    # Where the grouping mark appears it must group thousands: "12..5" is not 125.
    g, d = re.escape(group), re.escape(decimal)
    well_grouped = ~text.str.contains(group, regex=False) | text.str.fullmatch(
        rf"\d{{1,3}}(?:{g}\d{{3}})+(?:{d}\d+)?"
    )
    valid_shape = cleaned.str.fullmatch(r"\d+(?:\.\d+)?|\.\d+") & well_grouped
    values = pd.to_numeric(cleaned.where(valid_shape & ~blank, None), errors="coerce")
    values = values.astype("float64").where(~negative, -values)
    if scientific_values is not None:
        values.loc[scientific] = scientific_values
    invalid = ~blank & values.isna()
    undecided = ambiguous if comma_votes == dot_votes else 0
    return _bounded(AmountColumn(values, invalid, currency, decimal, undecided))


def parse_percent(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse probabilities to fractions: "70%", "70", "0,7", "0.7" all give 0.70.

    Cells with a "%" are percents; for the others the column decides: all ≤ 1 means fractions,
    otherwise percents. Returns ``(fractions, invalid)``; range checks are the validator's job.
    """
    text = raw.astype("str")
    blank = text == ""
    if bool(text[~blank].str.fullmatch(r"\d+(?:\.\d+)?").all()):
        numbers = _plain_numbers(text)
        fractions_column = bool((numbers.dropna() <= 1).all())
        return numbers / (1.0 if fractions_column else 100.0), pd.Series(False, index=text.index)
    has_pct = text.str.contains("%", regex=False)
    cleaned = (
        text.str.replace("%", "", regex=False)
        .str.replace(_GROUPING_RE, "", regex=True)
        .str.replace(",", ".", regex=False)
    )
    numbers = pd.to_numeric(cleaned.where(~blank, None), errors="coerce").astype("float64")
    invalid = ~blank & numbers.isna()
    bare = numbers[~has_pct & numbers.notna()]
    fractions_column = len(bare) > 0 and bool((bare.abs() <= 1).all())
    scale = pd.Series(np.where(has_pct | (not fractions_column), 100.0, 1.0), index=text.index)
    return numbers / scale, invalid


@dataclass
class DateColumn:
    """Result of parsing one date column.

    Attributes:
        values: Dates (day precision), NaT when blank or invalid.
        invalid: True where a non-blank cell is not a date.
        order: "ISO", "DMY", "MDY", "excel-serial", "text" or a "+"-joined mix of them.
        ambiguous: True when the day/month order could not be told from the values.
    """

    values: pd.Series
    invalid: pd.Series
    order: str
    ambiguous: bool


_NUMERIC_DATE_RE: Final = r"^(\d{1,2})([./\-])(\d{1,2})[./\-](\d{4}|\d{2})(?:[ T,].*)?$"


def date_evidence(raw: pd.Series) -> str | None:
    """What a column's own values say about day/month order: "DMY", "MDY" or None (ambiguous).

    Any first part above 12 means day-first, any second part above 12 month-first; dotted
    dates ("31.01.2026") are day-first by convention. When both kinds of evidence exist the
    majority wins (the minority rows are then rejected as invalid dates).
    """
    parts = _numeric_parts(raw)
    if parts is None:
        return None
    first, sep, second = parts[0], parts[1], parts[2]
    dmy = int(((first > 12) & (second <= 12)).sum()) + int((sep == ".").sum())
    mdy = int(((second > 12) & (first <= 12)).sum())
    if dmy == mdy:
        return None
    return "DMY" if dmy > mdy else "MDY"


def _numeric_parts(raw: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series] | None:
    text = raw.astype("str")
    candidates = text[text.str.match(r"^\d{1,2}[./\-]\d{1,2}[./\-]\d{2}")]
    if candidates.empty:
        return None
    found = candidates.str.extract(_NUMERIC_DATE_RE).dropna()
    if found.empty:
        return None
    return (
        found[0].astype(int),
        found[1].astype(object),
        found[2].astype(int),
        found[3].astype(str),
    )


def parse_dates(raw: pd.Series, order: str) -> DateColumn:
    """Parse a date column with the day/month ``order`` already decided for the file.

    Accepts ISO (with or without time), d/m/y or m/d/y with "/", "." or "-", 2-digit years
    (00-68 → 2000s), Excel serial numbers and dates with month names (English, French,
    German). Times are dropped: the canonical dates are days.
    """
    text = raw.astype("str")
    iso_days = _iso_days(text)
    if iso_days is not None:
        return DateColumn(iso_days, pd.Series(False, index=text.index), "ISO", False)
    blank = text == ""
    result = pd.Series(pd.NaT, index=text.index, dtype="datetime64[s]")
    kinds: list[str] = []
    remaining = ~blank
    fast = pd.to_datetime(text.where(~blank, None), format="%Y-%m-%d", errors="coerce")
    if not bool((fast.isna() & ~blank).any()):
        values = fast.astype("datetime64[s]")
        return DateColumn(values, pd.Series(False, index=text.index), "ISO", False)

    iso = remaining & text.str.match(r"^\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:$|[ T])")
    if iso.any():
        day_part = text[iso].str.slice(0, 10)
        if not bool(day_part.str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()):
            day_part = text[iso].str.split(r"[ T]", n=1, regex=True).str[0]
            day_part = day_part.str.replace("/", "-", regex=False)
        result.loc[iso] = pd.to_datetime(day_part, format="%Y-%m-%d", errors="coerce")
        remaining &= ~iso
        kinds.append("ISO")

    serial = remaining & text.str.fullmatch(r"\d{5}(?:[.,]\d+)?")
    if serial.any():
        days = pd.to_numeric(text[serial].str.replace(",", ".", regex=False), errors="coerce")
        days = np.floor(days.where((days >= 1) & (days < 2958466)))
        result.loc[serial] = pd.Timestamp("1899-12-30") + pd.to_timedelta(days, unit="D")
        remaining &= ~serial
        kinds.append("excel-serial")

    numeric = remaining & text.str.match(r"^\d{1,2}[./\-]\d{1,2}[./\-]\d{2}")
    if numeric.any():
        found = text[numeric].str.extract(_NUMERIC_DATE_RE)
        first = pd.to_numeric(found[0], errors="coerce")
        second = pd.to_numeric(found[2], errors="coerce")
        year = pd.to_numeric(found[3], errors="coerce")
        year = year.where(found[3].str.len() != 2, np.where(year < 69, 2000 + year, 1900 + year))
        day, month = (first, second) if order != "MDY" else (second, first)
        parts = pd.DataFrame({"year": year, "month": month, "day": day})
        result.loc[numeric] = pd.to_datetime(parts, errors="coerce")
        remaining &= ~numeric
        kinds.append(order if order in ("DMY", "MDY") else "DMY")

    if remaining.any():
        parsed = map_distinct(text[remaining], lambda value: _text_date(value, order))
        result.loc[remaining] = pd.to_datetime(parsed, errors="coerce")
        if parsed.notna().any():
            kinds.append("text")
    values = result.dt.normalize().astype("datetime64[s]")
    invalid = ~blank & values.isna()
    return DateColumn(values, invalid, "+".join(kinds) or "ISO", False)


def _text_date(value: str, order: str) -> pd.Timestamp | None:
    """One date written with a month name: "15 janv. 2026", "Jan 15, 2026", "15. März 2026"."""
    words = re.findall(r"[^\W\d_]+|\d+", fold(value))
    numbers = [int(w) for w in words if w.isdigit()]
    months = [_MONTHS[w] for w in words if w in _MONTHS]
    if len(months) != 1 or len(numbers) < 2:
        return None
    years = [n for n in numbers if n > 31]
    days = [n for n in numbers if 1 <= n <= 31]
    if len(years) != 1 or not days:
        return None
    try:
        return pd.Timestamp(year=years[0], month=months[0], day=days[0])
    except ValueError:
        return None


def parse_booleans(raw: pd.Series) -> pd.Series:
    """Booleans in any language ("true", "1", "oui", "ja"...) to True/False/None (object)."""
    def word(value: str) -> bool | None:
        key = value.strip().lower()
        return True if key in _TRUE_WORDS else False if key in _FALSE_WORDS else None

    return map_distinct(raw.astype("str"), word)


def status_words(raw: pd.Series) -> pd.Series:
    """Status column values to open/won/lost; None where blank or not a status word."""
    return map_distinct(raw, status_word)


def status_word(value: str) -> str | None:
    """One status cell to open/won/lost; None when blank or not a status word."""
    key = fold(value)
    if not key:
        return None
    if key in _OPEN_WORDS:
        return "open"
    if key in _LOST_WORDS:
        return "lost"
    implied = status_from_stage(value)
    return implied if implied != "open" else None
