"""What a column's values look like: the second opinion of column mapping.

A header can lie or say nothing ("Sales stage", "Statut", "Field 7"); the values rarely do. A
profile measures, on a bounded sample of the non-blank cells, how much of the column reads as
stage labels, status words, dates, money, shares (0-1 / 0-100), currency codes, booleans, and
how repetitive the text is (source, sector and owner repeat a few labels; ids and names do not).
The mapper multiplies its header score by :func:`compatibility` and lets :func:`value_score`
decide alone for the few profiles that are unmistakable (stage labels, status words, currency
codes).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from data.ingest.values import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    date_evidence,
    parse_amounts,
    parse_dates,
    status_word,
)
from data.stages import fold, is_known, status_from_stage

#: Cells looked at per column: enough to judge, bounded so that a million rows cost nothing.
PROFILE_SAMPLE: Final = 2_000

DATE_FIELDS_SET: Final = frozenset(
    {"created_date", "expected_close_date", "closed_date", "last_activity_date"}
)
_TRUE_FALSE: Final = frozenset(
    {"true", "false", "yes", "no", "oui", "non", "ja", "nein", "vrai", "faux", "wahr", "falsch",
     "0", "1", "y", "n", "x"}
)
_NUMBER_ONLY_RE: Final = re.compile(r"[+\-−]?\d+(?:[.,]\d+)?")
_SERIAL_RE: Final = re.compile(r"\d{5}(?:[.,]\d+)?")
_EMAIL_RE: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_LETTER_RE: Final = re.compile(r"[^\W\d_]")
_DIGIT_RE: Final = re.compile(r"\d")
_CODES: Final = frozenset(CURRENCY_CODES) | frozenset(CURRENCY_SYMBOLS)


@dataclass(frozen=True)
class ColumnProfile:
    """Shares of a column's non-blank sampled cells (0..1) and its repetitiveness.

    Attributes:
        filled: Non-blank cells in the sample.
        distinct: Distinct non-blank values in the sample.
        stage: Share of cells that are known stage labels (built-in or won/lost).
        stage_labels: Distinct known stage labels that are not plain open/won/lost words.
        status: Share of cells that are status words (open/won/lost in EN/FR/DE).
        boolean: Share of true/false words.
        date: Share of cells read as dates (Excel serials only in ``serial``).
        serial: Share of cells that look like Excel serial day numbers.
        number: Share of cells read as amounts (digits, marks, currency).
        share: Share of numeric cells within 0..100 (or written with "%").
        fraction: Share of numeric cells within 0..1.
        money_marks: Share of cells carrying a currency symbol or code.
        currency: Share of cells that are currency codes or symbols.
        email: Share of e-mail addresses.
        alpha: Share of cells that contain letters and are neither dates nor numbers.
        mean_length: Mean cell length.
    """

    filled: int
    distinct: int
    stage: float = 0.0
    stage_labels: int = 0
    status: float = 0.0
    boolean: float = 0.0
    date: float = 0.0
    serial: float = 0.0
    number: float = 0.0
    share: float = 0.0
    fraction: float = 0.0
    money_marks: float = 0.0
    currency: float = 0.0
    email: float = 0.0
    alpha: float = 0.0
    mean_length: float = 0.0

    @property
    def unique_ratio(self) -> float:
        """Distinct values / filled cells (1.0 = every cell differs)."""
        return self.distinct / self.filled if self.filled else 0.0

    @property
    def repetitive(self) -> bool | None:
        """Whether a few labels repeat (source, sector, owner); None when too few cells to say."""
        if self.filled < 8:
            return None
        return self.distinct <= max(3, int(self.filled * 0.5))

    def as_dict(self) -> dict[str, float | int]:
        """JSON-able form for the preview."""
        return {key: round(value, 3) if isinstance(value, float) else value
                for key, value in self.__dict__.items()}


def profile_column(values: pd.Series) -> ColumnProfile:
    """Profile the first :data:`PROFILE_SAMPLE` non-blank cells of a column of strings.

    Work is done once per distinct value and weighted by its count, and the number and date
    readers only run when digits are there to read: profiling a file's columns costs a few
    milliseconds whatever its size.
    """
    sample: list[str] = []
    for cell in values.head(PROFILE_SAMPLE * 5).tolist():
        text = "" if cell is None else str(cell).strip()
        if text:
            sample.append(text[:200])
            if len(sample) >= PROFILE_SAMPLE:
                break
    n = len(sample)
    if n == 0:
        return ColumnProfile(0, 0)
    counts = Counter(sample)
    distinct = list(counts)
    weights = np.array([counts[v] for v in distinct], dtype=float)

    def share(flags: Iterable[bool]) -> float:
        return float(np.dot(np.fromiter(flags, dtype=float, count=len(distinct)), weights)) / n

    folded = [fold(v) for v in distinct]
    stage = share(is_known(v) for v in distinct)
    stage_labels = sum(1 for v in distinct if is_known(v) and status_from_stage(v) == "open")
    status = share(status_word(v) is not None for v in distinct)
    boolean = share(f in _TRUE_FALSE for f in folded)
    currency = share(v.upper() in _CODES for v in distinct)
    email = share(_EMAIL_RE.fullmatch(v) is not None for v in distinct)
    letters = [_LETTER_RE.search(v) is not None for v in distinct]
    digits = [_DIGIT_RE.search(v) is not None for v in distinct]
    number = date = serial = share_0_100 = fraction = money_marks = 0.0
    if share(digits) >= 0.2:
        bare = [_NUMBER_ONLY_RE.fullmatch(v) is not None for v in distinct]
        serial = share(_SERIAL_RE.fullmatch(v) is not None for v in distinct)
        datable = [v for v, b, d in zip(distinct, bare, digits, strict=True) if d and not b]
        datable += [v for v, d, has in zip(distinct, digits, letters, strict=True) if has and not d]
        if datable:
            cells = pd.Series(datable, dtype="str")
            parsed = parse_dates(cells, date_evidence(cells) or "DMY")
            dated = dict(zip(datable, parsed.values.notna().tolist(), strict=True))
            date = share(dated.get(v, False) for v in distinct)
        else:
            dated = {}
        amounts = parse_amounts(pd.Series(distinct, dtype="str"), "en")
        read = amounts.values.to_numpy()
        ok = [bool(r == r) and not dated.get(v, False) for v, r in zip(distinct, read, strict=True)]
        number = share(ok)
        if number:
            in_share = [o and 0 <= r <= 100 for o, r in zip(ok, read, strict=True)]
            in_fraction = [o and 0 <= r <= 1 for o, r in zip(ok, read, strict=True)]
            share_0_100 = share(in_share) / number
            fraction = share(in_fraction) / number
        money_marks = share(c is not None for c in amounts.currency.tolist())
        percent = share("%" in v for v in distinct)
        share_0_100 = max(share_0_100, percent)
    alpha = max(0.0, share(letters) - date - money_marks)
    return ColumnProfile(
        filled=n,
        distinct=len(distinct),
        stage=stage,
        stage_labels=stage_labels,
        status=status,
        boolean=boolean,
        date=date,
        serial=serial,
        number=number,
        share=share_0_100,
        fraction=fraction,
        money_marks=money_marks,
        currency=currency,
        email=email,
        alpha=alpha,
        mean_length=float(sum(len(v) * counts[v] for v in distinct)) / n,
    )


def _text_labels(p: ColumnProfile) -> float:
    """How well the column reads as repeated short labels (source, sector, owner, stage)."""
    if p.alpha < 0.5 or p.date > 0.5 or p.number > 0.5:
        return 0.1
    if p.mean_length > 60:
        return 0.3
    repetitive = p.repetitive
    return 0.8 if repetitive is None else 1.0 if repetitive else 0.6


def compatibility(field: str, p: ColumnProfile | None) -> float:
    """How plausible ``field`` is for a column with profile ``p`` (0 = impossible, 1 = fits).

    A column without values (header-only file) is neutral (0.8): the header decides.
    """
    if p is None or p.filled == 0:
        return 0.8
    if field not in ("stage", "status") and pipeline_words(p):
        # The values overrule the header: an "Owner" column of stage names is no owner.
        return min(0.3, _compatibility(field, p))
    return _compatibility(field, p)


def pipeline_words(p: ColumnProfile) -> bool:
    """Whether the values are mostly pipeline vocabulary: several known stage labels making up
    most cells, or open/won/lost words throughout. Such values contradict any header that
    names another field (owner, source, sector, name…): people, channels, industries and deal
    names are not "Qualification", "Negotiation", "Closed Won".
    """
    if p.filled == 0:
        return False
    stages = p.stage_labels >= 2 and p.stage >= 0.5
    statuses = p.status >= 0.9 and p.distinct >= 2
    return stages or statuses


def _compatibility(field: str, p: ColumnProfile) -> float:
    if field in DATE_FIELDS_SET:
        dated = max(p.date, p.serial if p.number >= 0.8 else 0.0)
        return 1.0 if dated >= 0.8 else 0.7 if dated >= 0.4 else 0.05
    if field == "amount":
        if p.date >= 0.6 or (p.number < 0.2 and p.alpha >= 0.6):
            return 0.05
        return 1.0 if p.number >= 0.8 else 0.7 if p.number >= 0.3 else 0.3
    if field == "probability":
        if p.number < 0.3 and not p.share:
            return 0.05
        return 1.0 if p.share >= 0.8 else 0.6 if p.share >= 0.4 else 0.15
    if field == "currency":
        return 1.0 if p.currency >= 0.8 else 0.4 if p.alpha >= 0.8 and p.mean_length <= 5 else 0.1
    if field == "stage":
        if p.stage >= 0.3:
            return 1.0
        if p.status >= 0.8:
            return 0.7
        return _text_labels(p)
    if field == "status":
        if p.status >= 0.6:
            return 1.0
        if p.stage_labels >= 1 and p.stage >= 0.5:
            return 0.3  # stage names in a "status" column: the stage (issue #8, point 2)
        if p.boolean >= 0.8:
            return 0.4
        return 0.5 * _text_labels(p)
    if field in ("is_won", "is_closed"):
        return 1.0 if p.boolean >= 0.8 else 0.05
    if field in ("source", "sector"):
        return _text_labels(p) if p.email < 0.5 else 0.2
    if field == "owner":
        return 0.8 if p.email >= 0.8 else _text_labels(p)
    if field == "deal_id":
        if p.date >= 0.8:
            return 0.1
        return 1.0 if p.unique_ratio >= 0.95 else 0.6
    if field in ("name", "account"):
        if p.date >= 0.8 or (p.number >= 0.8 and p.alpha < 0.2):
            return 0.1
        return 1.0 if p.alpha >= 0.5 else 0.5
    if field == "notes":
        return 1.0 if p.alpha >= 0.5 else 0.4
    return 0.5


def value_score(field: str, p: ColumnProfile | None) -> float:
    """Score the values alone earn for ``field``; non-zero only for unmistakable profiles.

    A column of known stage names is the stage whatever its header; a column of open/won/lost
    words is the status; a column of ISO codes is the currency.
    """
    if p is None or p.filled == 0:
        return 0.0
    if field == "stage" and p.stage_labels >= 2 and p.stage >= 0.5:
        return 0.5 + 0.45 * p.stage
    if field == "status" and p.status >= 0.9 and p.distinct >= 2 and p.stage_labels == 0:
        return 0.65
    if field == "currency" and p.currency >= 0.9 and p.distinct <= 20:
        return 0.65
    return 0.0


def looks_like(p: ColumnProfile | None) -> str:
    """A one-word description of the values, for the preview ("dates", "amounts", "labels")."""
    if p is None or p.filled == 0:
        return "empty"
    if p.stage >= 0.5:
        return "stage names"
    if p.status >= 0.8:
        return "statuses"
    if p.currency >= 0.8:
        return "currency codes"
    if p.boolean >= 0.8:
        return "yes/no"
    if max(p.date, p.serial if p.number >= 0.8 else 0.0) >= 0.8:
        return "dates"
    if p.number >= 0.8:
        return "percentages" if p.fraction >= 0.95 or p.share >= 0.95 else "amounts"
    if p.email >= 0.8:
        return "e-mails"
    return "labels" if p.repetitive else "text"

