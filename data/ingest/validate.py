"""Mapped columns to canonical deals: conversions, row rejections and aggregated warnings.

A row is rejected only for a value that would make a figure wrong (an amount that is not a
number ≥ 0, an unreadable date, a probability outside 0-100 %, no stage and no status, a
repeated deal id); everything else is kept and reported once per column, with counts, so a
100,000-row file does not bury the user under 100,000 identical messages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

from data.canonical import CANONICAL_FIELDS, DATE_FIELDS, REQUIRED_ANY, coerce_types
from data.ingest.headers import header_languages
from data.ingest.mapping import header_words
from data.ingest.reader import RawTable
from data.ingest.report import ImportRefused, Issue, shorten
from data.ingest.values import (
    AMOUNT_MAX_TEXT,
    currency_code,
    date_evidence,
    map_distinct,
    parse_amounts,
    parse_booleans,
    parse_dates,
    parse_percent,
    status_words,
    text_objects,
)
from data.stages import (
    canonical_labels_from_counts,
    fold,
    is_known,
    status_from_stage,
    valid_probabilities,
)
from data.texts import N_, Text

TEXT_COPIED = ("deal_id", "name", "account", "source", "sector", "owner", "notes")
PLAUSIBLE_YEARS = (1990, 2100)
#: Warnings list at most this many distinct values (the count says how many more).
LISTED_VALUES = 20


@dataclass
class Outcome:
    """What :func:`build_deals` hands back to ``parse_upload``."""

    deals: pd.DataFrame
    rejections: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    date_orders: dict[str, str] = field(default_factory=dict)
    locale_hint: str = "en"
    #: Columns the values moved to another field (header → field), for the import's mapping.
    remapped: dict[str, str] = field(default_factory=dict)


def normalise_locale(locale: str | None) -> tuple[str | None, bool]:
    """``"fr-FR"`` → ``("fr", False)``; ``"en-US"`` → ``("en", True)`` (month-first dates)."""
    if not locale:
        return None, False
    key = locale.replace("_", "-").lower()
    return key[:2], key in ("en-us", "us")


def guess_locale(table: RawTable, mapping: dict[str, str | None]) -> str:
    """Locale from the header language, else the delimiter (";" files are continental)."""
    mapped = [h for h, f in mapping.items() if f]
    votes = header_languages(mapped)
    continental = {k: v for k, v in votes.items() if k in ("fr", "de")}
    if continental:
        return max(continental, key=lambda k: continental[k])
    if votes.get("en"):
        return "en"
    return "fr" if table.delimiter == ";" else "en"


class _Rejector:
    """Collects row rejections against positions of the table."""

    def __init__(self, table: RawTable) -> None:
        self.rows = table.source_rows
        self.frame = table.frame
        self.mask = np.zeros(len(table.frame), dtype=bool)
        #: Rows already rejected as malformed lines: their values are shifted, so judging them
        #: cell by cell would only add misleading messages.
        self.malformed = np.zeros(len(table.frame), dtype=bool)
        self.issues: list[Issue] = []

    def reject(self, where: pd.Series | np.ndarray, header: str | None, reason: str,
               **values: object) -> None:
        """Reject rows at ``where``; ``reason`` (a message id) is filled with ``value``,
        ``header`` and ``values`` as a ``Text``, so the dialog and the rejected-rows CSV word it
        in the reader's language while the header stays as the file names it.
        """
        positions = np.flatnonzero(np.asarray(where, dtype=bool) & ~self.malformed)
        for position in positions:
            raw = self.frame[header].iat[position] if header else None
            self.issues.append(
                Issue(
                    Text(reason, value=shorten(raw), header=header, **values),
                    row=int(self.rows[position]),
                    column=header,
                    value=None if raw is None else shorten(raw),
                )
            )
        self.mask[positions] = True


#: Powers of ten an amount column may be written in (cents, mills), checked against a sibling.
_MINOR_UNIT_DIVISORS: Final = (100, 1000)
_MINOR_UNIT_NAMES: Final = {100: N_("cents (hundredths of the currency unit)"),
                             1000: N_("thousandths of the currency unit")}
#: Share of rows on which the sibling must show exactly amount / divisor.
_MINOR_UNIT_AGREEMENT: Final = 0.9
#: Rows with an amount looked at (the first ones): enough to prove a scale, cheap on big files.
_MINOR_UNIT_SAMPLE: Final = 500


def _minor_units(
    frame: pd.DataFrame,
    header: str,
    values: pd.Series,
    mapping: dict[str, str | None],
    hint: str,
) -> tuple[int, str, str] | None:
    """The divisor that turns the amounts into currency units, when the file itself shows it.

    Some exports write money in minor units (Close's ``value`` is in cents) next to a
    formatted copy for people (``value_formatted``: "$1,900"). The values decide, whatever the
    headers: an unmapped column that carries currency marks and equals amount / 100 (or
    / 1000) on nearly every row where both are filled and non-zero proves the scale. Without
    such a column nothing changes.
    """
    filled = values.notna() & (values > 0)
    filled = filled & (filled.cumsum() <= _MINOR_UNIT_SAMPLE)  # a bounded sample decides
    if int(filled.sum()) < 2:
        return None
    for other in frame.columns:
        if other == header or mapping.get(other) or other == "source_row":
            continue
        text = frame[other].astype("str").where(filled, "")
        marked = parse_amounts(text, hint)
        shown = marked.values
        both = filled & shown.notna() & (shown > 0)
        if int(both.sum()) < max(2, int(0.5 * int(filled.sum()))):
            continue
        if float(marked.currency[both].notna().mean()) < 0.5:
            continue  # a plain number column: not a display copy of the amount
        for divisor in _MINOR_UNIT_DIVISORS:
            expected = values[both] / divisor
            close = (expected - shown[both]).abs() <= 0.005 + 0.5 * (shown[both] % 1 == 0)
            exact_units = (values[both] - shown[both]).abs() <= 0.005
            if float(close.mean()) >= _MINOR_UNIT_AGREEMENT and not bool(exact_units.all()):
                first = values[both].index[0]
                example = f'{values[first]:g} → "{shorten(str(text[first]))}"'
                return divisor, str(other), example
    return None


def build_deals(
    table: RawTable,
    mapping: dict[str, str | None],
    *,
    locale: str | None,
    default_currency: str,
) -> Outcome:
    """Turn the raw table into canonical deals with ``source_row``.

    Raises:
        ImportRefused: No stage/status column after mapping, or no usable row.
    """
    by_field: dict[str, list[str]] = {}
    for header in table.headers:
        target = mapping.get(header)
        if target:
            by_field.setdefault(target, []).append(header)
    if not any(f in by_field for f in (*REQUIRED_ANY, "is_closed")):
        raise ImportRefused(Text(
            N_('No stage or status column found, and one of them is required. Headers found: '
               '{headers}. Name a column "Stage"/"Étape"/"Phase" or "Status"/"Statut", or pick '
               'one in the column mapping.'),
            headers=", ".join(f'"{h}"' for h in table.headers)))
    language, us_dates = normalise_locale(locale)
    hint = language or guess_locale(table, mapping)
    frame = table.frame
    rejector = _Rejector(table)
    _reject_extra_fields(table, rejector)
    warnings: list[Issue] = []
    _status_of_stage_names(frame, by_field, warnings)
    out: dict[str, object] = {}

    def column(name: str) -> pd.Series | None:
        headers = by_field.get(name)
        return frame[headers[0]] if headers else None

    for name in TEXT_COPIED:
        values = column(name)
        if values is not None:
            out[name] = text_objects(values)

    stage = _stage_labels(column("stage"))
    if stage is not None:
        out["stage"] = stage
        _warn_unknown_stages(stage, by_field["stage"][0], warnings)

    status = _statuses(frame, by_field, stage, rejector, warnings)
    out["status"] = status
    nothing = status.isna() & (stage.isna() if stage is not None else True)
    missing_headers = " / ".join(by_field.get("stage", []) + by_field.get("status", []))
    rejector.reject(
        nothing.to_numpy() & ~rejector.mask,
        None,
        N_("No stage and no status on this row: fill {columns}.") if missing_headers
        else N_("No stage and no status on this row: fill the stage column."),
        columns=missing_headers,
    )

    detected_currency: pd.Series | None = None
    amounts = column("amount")
    if amounts is not None:
        header = by_field["amount"][0]
        parsed = parse_amounts(amounts, hint)
        rejector.reject(
            parsed.invalid,
            header,
            N_('{header} "{value}" is not a number: expected e.g. 1234.56 or 1 234,56 €.'),
        )
        if parsed.too_large is not None and parsed.too_large.any():
            rejector.reject(
                parsed.too_large,
                header,
                N_('{header} "{value}" is above the largest amount kept exactly ({largest}): '
                   'check the value (a merged cell or a pasted id?).'),
                largest=AMOUNT_MAX_TEXT,
            )
        rejector.reject(
            parsed.values < 0,
            header,
            N_('{header} "{value}" is negative: an amount must be 0 or more.'),
        )
        out["amount"] = parsed.values.where(parsed.values >= 0)
        scaled = _minor_units(frame, header, parsed.values, mapping, hint)
        if scaled is not None:
            divisor, shown_in, example = scaled
            out["amount"] = (parsed.values / divisor).round(6).where(parsed.values >= 0)
            warnings.append(
                Issue(
                    Text(N_('"{header}" holds amounts in {unit}: "{shown_in}" shows the same '
                            'amounts divided by {divisor} (e.g. {example}); read in currency '
                            'units.'), header=header, unit=Text(_MINOR_UNIT_NAMES[divisor]),
                         shown_in=shown_in, divisor=divisor, example=example),
                    column=header,
                )
            )
        blank = int((amounts == "").sum())
        if blank:
            warnings.append(
                Issue(
                    Text(N_('{n} deal(s) have no amount in "{header}": kept with an unknown '
                            'amount (left out of sums).'), n=blank, header=header),
                    column=header,
                )
            )
        if parsed.ambiguous:
            reading = N_("decimal comma") if parsed.decimal == "," else N_(
                "thousands separator")
            warnings.append(
                Issue(
                    Text(N_('{n} value(s) in "{header}" such as "1,234" or "12.500" could be '
                            'read two ways; read with the "{mark}" as decimal mark ({hint} '
                            'conventions, {reading}). Check one of them.'),
                         n=parsed.ambiguous, header=header, mark=parsed.decimal, hint=hint,
                         reading=Text(reading)),
                    column=header,
                )
            )
        detected_currency = parsed.currency
    out["currency"] = _currencies(
        column("currency"), detected_currency, len(frame), default_currency
    )
    if hint == "en" and not us_dates:
        currencies = pd.Series(out["currency"]).value_counts()
        us_dates = not currencies.empty and currencies.index[0] == "USD"

    probabilities = column("probability")
    if probabilities is not None:
        header = by_field["probability"][0]
        values, invalid = parse_percent(probabilities)
        rejector.reject(
            invalid, header,
            N_('{header} "{value}" is not a percentage: expected e.g. 70% or 0.7.'),
        )
        outside = values.notna() & ~valid_probabilities(values)  # the stage table's rule
        rejector.reject(outside, header, N_('{header} "{value}" is outside 0–100%.'))
        out["probability"] = values.where(~outside)

    date_orders = _dates(frame, by_field, hint, us_dates, rejector, warnings, out)
    if "expected_close_date" in by_field and "closed_date" not in by_field:
        # Salesforce/HubSpot/Zoho "Close Date": the planned date while open, the actual one once
        # closed; a closed deal therefore takes it as its closing date too.
        closed = pd.Series(out["status"]).isin(["won", "lost"])
        out["closed_date"] = pd.Series(out["expected_close_date"]).where(closed)
    remapped: dict[str, str] = {}
    if "closed_date" in by_field and "expected_close_date" not in by_field:
        # The same column read from its values: a "close date" that open deals fill in is the
        # planned date while open (German "Abschlussdatum", French "Date de clôture" in
        # Salesforce and HubSpot exports), the actual one once closed.
        status = pd.Series(out["status"])
        dates = pd.Series(out["closed_date"])
        open_dated = int((dates.notna() & status.eq("open")).sum())
        if open_dated:
            header = by_field["closed_date"][0]
            out["expected_close_date"] = dates
            out["closed_date"] = dates.where(~status.eq("open"))
            remapped[header] = "expected_close_date"
            warnings.append(Issue(
                Text(N_('"{header}" holds dates for {n} open deal(s): read as the expected '
                        'close date of open deals and the closing date of closed ones (forecast '
                        'and overdue deals use it). If it is something else, change its '
                        'mapping.'), header=header, n=open_dated),
                column=header,
            ))

    deals = coerce_types(pd.DataFrame(out, index=frame.index, copy=False))
    deals = deals[[c for c in CANONICAL_FIELDS]]
    deals["source_row"] = table.source_rows
    _reject_duplicate_ids(deals, by_field, rejector, warnings)
    kept = deals[~rejector.mask] if rejector.mask.any() else deals
    kept = kept.reset_index(drop=True)
    if kept.empty:
        first = rejector.issues[0].message if rejector.issues else ""
        raise ImportRefused(
            Text(N_("No usable row: all {n} data row(s) were rejected (first reason: {first})"),
                 n=len(frame), first=first),
            rejector.issues[:50],
        )
    _warn_dates_out_of_range(kept, by_field, warnings)
    _warn_currencies(kept, warnings)
    rejections = sorted(rejector.issues, key=lambda i: (i.row or 0))
    return Outcome(kept, rejections, warnings, date_orders, hint, remapped)


def _status_of_stage_names(
    frame: pd.DataFrame, by_field: dict[str, list[str]], warnings: list[Issue]
) -> None:
    """A status column that holds stage names is the stage (issue #8, point 2).

    The seed format's ``statut`` holds Prospect, Qualifié, Négociation, Gagné: with no stage
    column, such a column is read as the stage and the status derived from it (METRICS.md),
    instead of rejecting every row whose "status" is not open/won/lost.
    """
    if "stage" in by_field or "status" not in by_field:
        return
    header = by_field["status"][0]
    raw = frame[header]
    filled = raw[raw != ""]
    if filled.empty:
        return
    words = status_words(filled).notna()
    stage_names = map_distinct(filled, lambda v: is_known(v) and status_from_stage(v) == "open")
    named = stage_names.astype(bool)
    if not named.any() or float((words | named).mean()) < 0.8:
        return
    by_field["stage"] = by_field.pop("status")
    warnings.append(
        Issue(
            Text(N_('"{header}" holds stage names ({names}): read as the stage; each deal\'s '
                    'status (open/won/lost) is derived from it.'), header=header,
                 names=", ".join(sorted(set(filled[named]))[:5])),
            column=header,
        )
    )


def _stage_labels(raw: pd.Series | None) -> pd.Series | None:
    """Whitespace-normalised labels, spelling variants folded to the most frequent spelling."""
    if raw is None:
        return None
    codes, uniques = pd.factorize(raw)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    display = canonical_labels_from_counts(zip(uniques, counts.tolist(), strict=True))
    return map_distinct(raw, lambda value: display.get(fold(" ".join(value.split()))))


def _warn_unknown_stages(stage: pd.Series, header: str, warnings: list[Issue]) -> None:
    counts = stage.value_counts()
    unknown = [(label, int(n)) for label, n in counts.items() if not is_known(label)]
    if not unknown:
        return
    listed = ", ".join(f'"{label}" ({n})' for label, n in unknown[:LISTED_VALUES])
    more = len(unknown) - LISTED_VALUES
    warnings.append(
        Issue(
            Text(N_("Stages not in the built-in list, imported as open stages: {listed} and "
                    "{more} more. Set their order and probability in the stage settings."),
                 listed=listed, more=more) if more > 0 else
            Text(N_("Stages not in the built-in list, imported as open stages: {listed}. Set "
                    "their order and probability in the stage settings."), listed=listed),
            column=header,
        )
    )


def _statuses(
    frame: pd.DataFrame,
    by_field: dict[str, list[str]],
    stage: pd.Series | None,
    rejector: _Rejector,
    warnings: list[Issue],
) -> pd.Series:
    """Status from the status column (or IsWon/IsClosed), else from the stage label."""
    status = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    if "status" in by_field:
        header = by_field["status"][0]
        raw = frame[header]
        status = status_words(raw)
        unknown = (raw != "") & status.isna()
        if unknown.any():
            values = sorted(set(raw[unknown]))[:LISTED_VALUES]
            if stage is not None:
                warnings.append(
                    Issue(
                        Text(N_('{n} value(s) of "{header}" are not open/won/lost ({values}); '
                                'the stage decided instead.'), n=int(unknown.sum()),
                             header=header, values=", ".join(repr(v) for v in values)),
                        column=header,
                    )
                )
            else:
                rejector.reject(
                    unknown,
                    header,
                    N_('{header} "{value}" is not a status: expected open, won or lost '
                       '(ouvert/gagné/perdu, offen/gewonnen/verloren).'),
                )
    elif "is_closed" in by_field:
        closed = parse_booleans(frame[by_field["is_closed"][0]])
        won = (
            parse_booleans(frame[by_field["is_won"][0]])
            if "is_won" in by_field
            else pd.Series([None] * len(frame), index=frame.index, dtype=object)
        )
        status = status.mask(closed.eq(False), "open")
        status = status.mask(closed.eq(True) & won.eq(True), "won")
        status = status.mask(closed.eq(True) & ~won.eq(True), "lost")
    if stage is not None:
        from_stage = map_distinct(stage, status_from_stage)
        status = status.where(status.notna(), from_stage)
        if "status" not in by_field and "is_closed" not in by_field:
            status = _lost_by_reason(frame, status, warnings)
    return status.astype(object)


_LOST_WORDS: Final = frozenset({"lost", "loss", "perdu", "perte", "verloren", "verlust",
                                "verlustgrund", "lose", "closed lost"})
_REASON_WORDS: Final = frozenset({"reason", "raison", "motif", "grund", "cause", "why"})


def _lost_by_reason(frame: pd.DataFrame, status: pd.Series, warnings: list[Issue]) -> pd.Series:
    """A deal with a lost reason is lost, when no status column says otherwise.

    CRMs that archive lost deals (Odoo) keep their stage where the deal stopped and record
    the loss only in a "Lost Reason" column; a stage-derived status would count them as open
    pipeline. A filled lost reason on a deal the stage calls open makes it lost; won deals
    (a reason filled by mistake) stay won. Said in a warning with the count.
    """
    for header in frame.columns:
        words = set(header_words(header))
        if not (words & _LOST_WORDS and words & _REASON_WORDS) and "verlustgrund" not in words:
            continue
        given = frame[header] != ""
        flipped = given & status.eq("open")
        if flipped.any():
            warnings.append(
                Issue(
                    Text(N_('{n} deal(s) in an open stage have a reason in "{header}": counted '
                            'as lost.'), n=int(flipped.sum()), header=header),
                    column=header,
                )
            )
            status = status.mask(flipped, "lost")
        break
    return status


def _currencies(
    raw: pd.Series | None, detected: pd.Series | None, length: int, default: str
) -> pd.Series:
    """Currency per row: the currency column, else the symbol in the amount, else the usual one."""
    result = pd.Series([None] * length, dtype=object)
    if raw is not None:
        result = map_distinct(raw, currency_code).reset_index(drop=True)
    if detected is not None:
        detected = detected.reset_index(drop=True)
        result = result.where(result.notna(), detected)
    counts = result.value_counts()
    fallback = counts.index[0] if not counts.empty else default
    return result.where(result.notna(), fallback).astype(object)


def _dates(
    frame: pd.DataFrame,
    by_field: dict[str, list[str]],
    hint: str,
    us_dates: bool,
    rejector: _Rejector,
    warnings: list[Issue],
    out: dict[str, object],
) -> dict[str, str]:
    """Parse every date column with one day/month order per column, decided from all values.

    An ambiguous column (no day above 12 in either place) follows the other date columns of the
    file when they agree, else the locale; a warning names the column and the choice.
    """
    headers = [(name, h) for name in DATE_FIELDS for h in by_field.get(name, [])]
    evidence = {h: date_evidence(frame[h]) for _, h in headers}
    decided = {e for e in evidence.values() if e}
    if len(decided) == 1:
        fallback, why = decided.pop(), Text(N_("like the other date columns of this file"))
    elif hint in ("fr", "de") or not us_dates:
        looks = {"fr": N_("the file looks French"), "de": N_("the file looks German")}.get(
            hint, N_("the file looks non-US"))
        fallback, why = "DMY", Text(looks)
    else:
        fallback, why = "MDY", Text(N_("the file looks American (US dollars / en-US)"))
    orders: dict[str, str] = {}
    for name, header in headers:
        order = evidence[header] or fallback
        parsed = parse_dates(frame[header], order)
        if evidence[header] is None and order in parsed.order:
            shown = Text(N_("day/month (DMY)") if order == "DMY" else N_("month/day (MDY)"))
            example = frame[header][frame[header].str.match(r"^\d{1,2}[./-]\d{1,2}")].iloc[0]
            warnings.append(
                Issue(
                    Text(N_('Dates in "{header}" such as "{example}" could be day-first or '
                            'month-first; read as {shown} because {why}. Check one date.'),
                         header=header, example=shorten(example), shown=shown, why=why),
                    column=header,
                    value=shorten(example),
                )
            )
        rejector.reject(
            parsed.invalid,
            header,
            N_('{header} "{value}" is not a valid date: expected e.g. 2026-01-31, 31/01/2026 '
               'or 31.01.2026.'),
        )
        orders.setdefault(name, parsed.order)
        current = out.get(name)
        if isinstance(current, pd.Series):
            out[name] = current.where(current.notna(), parsed.values)
        else:
            out[name] = parsed.values
    return orders


def _reject_extra_fields(table: RawTable, rejector: _Rejector) -> None:
    if not table.extra_fields:
        return
    where = np.isin(table.source_rows, list(table.extra_fields))
    width = len(table.headers)
    rejector.reject(
        where,
        None,
        N_('This line has more fields than the {width} headers: a value probably contains the '
           'delimiter "{delimiter}" without quotes.'),
        width=width, delimiter=table.delimiter,
    )
    rejector.malformed |= where


def _reject_duplicate_ids(
    deals: pd.DataFrame, by_field: dict[str, list[str]], rejector: _Rejector, warnings: list[Issue]
) -> None:
    if "deal_id" not in by_field:
        return
    header = by_field["deal_id"][0]
    ids = deals["deal_id"].where(~rejector.mask)
    repeated = ids.notna() & ids.duplicated(keep="first")
    if not repeated.any():
        return
    first_row = deals["source_row"][ids.notna()].groupby(ids[ids.notna()]).first()
    for position in np.flatnonzero(repeated.to_numpy()):
        value = deals["deal_id"].iat[position]
        rejector.reject(
            np.arange(len(deals)) == position,
            header,
            N_('{header} "{value}" repeats the deal of line {line}; the first one is kept.'),
            line=int(first_row[value]),
        )
    warnings.append(
        Issue(
            Text(N_('{n} row(s) repeat a "{header}" already seen in the file; only the first '
                    'row of each id was imported.'), n=int(repeated.sum()), header=header),
            column=header,
        )
    )


def _warn_dates_out_of_range(
    deals: pd.DataFrame, by_field: dict[str, list[str]], warnings: list[Issue]
) -> None:
    low, high = (pd.Timestamp(f"{y}-01-01") for y in PLAUSIBLE_YEARS)
    for name in DATE_FIELDS:
        if name not in by_field:
            continue
        values = deals[name]
        odd = values.notna() & ((values < low) | (values >= high))
        if odd.any():
            rows = deals["source_row"][odd].head(5).tolist()
            warnings.append(
                Issue(
                    Text(N_('{n} date(s) in "{header}" fall outside {low}–{high} (lines '
                            '{lines}); kept, but check them.'), n=int(odd.sum()),
                         header=by_field[name][0], low=PLAUSIBLE_YEARS[0],
                         high=PLAUSIBLE_YEARS[1],
                         lines=", ".join(map(str, rows)) + ("..." if odd.sum() > 5 else "")),
                    row=int(rows[0]),
                    column=by_field[name][0],
                )
            )


def _warn_currencies(deals: pd.DataFrame, warnings: list[Issue]) -> None:
    with_amount = deals.loc[deals["amount"].notna(), "currency"]
    # Counter semantics (ties in order of first appearance) from a vectorised count.
    codes, uniques = pd.factorize(with_amount, use_na_sentinel=True)
    tally = np.bincount(codes[codes >= 0], minlength=len(uniques))
    counts = Counter(dict(zip(uniques.tolist(), tally.tolist(), strict=True)))
    if len(counts) > 1:
        listed = ", ".join(f"{code} ({n})" for code, n in counts.most_common())
        warnings.append(
            Issue(
                Text(N_("Amounts are in several currencies: {listed}. They are never added "
                        "together; figures are shown per currency."), listed=listed),
                column=None,
            )
        )
