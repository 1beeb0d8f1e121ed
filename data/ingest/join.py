"""Related exports joined onto the deals: sector from companies, source from contacts, last
activity from activities (issue #8, point 5).

CRMs export one object per file (HubSpot deals + companies + contacts + activities; Salesforce
opportunities + accounts). The dashboard needs a few of their columns on each deal, so the join
is a pure step between reading and mapping:

1. the *deals* file is the one whose columns map to a stage or a status (best confidence);
2. for every other file, the key is found from the data: each pair (deals column, file column)
   is compared on normalised values — ids and names folded, e-mails lower-cased, domains taken
   from e-mails and web addresses — and the pair that matches the most deals wins;
3. a file with one row per key (companies, contacts, accounts) lends the fields the deals lack
   (sector, source, owner, account); a file with many rows per key and a date column
   (activities, tasks, e-mails, calls) gives each deal its latest date as the last activity;
4. the added columns carry their field (``preset``) and the report says, per file, the key,
   the fields taken and the matched / unmatched counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

from data.ingest.mapping import decide_columns, header_words
from data.ingest.profiles import profile_column
from data.ingest.reader import RawTable
from data.ingest.values import date_evidence, parse_dates
from data.stages import fold
from data.texts import N_

#: Fields a related one-row-per-key file may lend to the deals.
LENT_FIELDS: Final = ("sector", "source", "owner", "account")
#: Below this share of deals matched, a pair of columns is not a key.
MIN_MATCH_SHARE: Final = 0.2
#: Distinct values compared per column (bounded work on large files).
KEY_SAMPLE: Final = 200_000
_EMAIL_RE: Final = re.compile(r"^[^@\s]+@([^@\s]+\.[a-z]{2,})$")
_URL_RE: Final = re.compile(r"^(?:[a-z]+://)?(?:www\.)?([a-z0-9\-]+(?:\.[a-z0-9\-]+)+)(?:[/:?#].*)?$")
_KEY_WORDS: Final = frozenset({"id", "ids", "key", "number", "nr", "no", "email", "mail",
                               "domain", "website", "url", "name", "nom", "reference", "ref"})
_NOT_KEYS: Final = frozenset({"stage names", "statuses", "currency codes", "yes/no", "dates",
                              "percentages", "empty"})


@dataclass
class JoinedFile:
    """What one related file brought: key, fields, counts."""

    filename: str
    role: str
    deals_key: str | None = None
    file_key: str | None = None
    key_kind: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    matched: int = 0
    unmatched: int = 0
    file_rows: int = 0
    file_rows_unmatched: int = 0
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        """JSON-able form for the preview and the report."""
        return dict(self.__dict__)


def _normalise(value: str, kind: str) -> str:
    text = value.strip().lower()
    if kind == "email":
        return text
    if kind == "domain":
        email = _EMAIL_RE.match(text)
        if email:
            return email.group(1)
        url = _URL_RE.match(text)
        return url.group(1) if url else ""
    return fold(text)


def _key_kinds(values: pd.Series) -> list[str]:
    """How a column can be compared: e-mails and web addresses also by their domain."""
    sample = values[values != ""].head(200)
    if sample.empty:
        return []
    emails = sample.str.lower().str.strip().str.match(_EMAIL_RE).mean()
    urls = sample.str.lower().str.strip().str.match(_URL_RE).mean()
    if emails >= 0.8:
        return ["email", "domain"]
    if urls >= 0.8:
        return ["domain", "text"]
    return ["text"]


def _keyable(table: RawTable, header: str) -> bool:
    """A column that can hold a key: not dates, stages, yes/no...; a key-ish header helps."""
    words = set(header_words(header))
    if words & _KEY_WORDS:
        return True
    kind = _looks(table, header)
    return kind not in _NOT_KEYS and kind != "amounts"


def _looks(table: RawTable, header: str) -> str:
    from data.ingest.profiles import looks_like

    return looks_like(profile_column(table.frame[header]))


def _values(table: RawTable, header: str, kind: str) -> pd.Series:
    column = table.frame[header].head(KEY_SAMPLE * 5)
    codes, uniques = pd.factorize(column)
    normal = np.array([_normalise(str(v), kind) for v in uniques], dtype=object)
    out = normal[codes] if len(uniques) else np.array([""] * len(column), dtype=object)
    return pd.Series(out, index=column.index, dtype=object)


def find_key(deals: RawTable, other: RawTable) -> tuple[str, str, str, float] | None:
    """The (deals column, file column, kind, share of deals matched) that joins best."""
    best: tuple[str, str, str, float] | None = None
    deal_columns = [h for h in deals.headers if _keyable(deals, h)]
    other_columns = [h for h in other.headers if _keyable(other, h)]
    cache: dict[tuple[int, str, str], pd.Series] = {}

    def normal(side: int, table: RawTable, header: str, kind: str) -> pd.Series:
        key = (side, header, kind)
        if key not in cache:
            cache[key] = _values(table, header, kind)
        return cache[key]

    for o_header in other_columns:
        o_kinds = _key_kinds(other.frame[o_header])
        for d_header in deal_columns:
            d_kinds = _key_kinds(deals.frame[d_header])
            for kind in [k for k in o_kinds if k in d_kinds]:
                o_values = set(normal(1, other, o_header, kind)) - {""}
                if len(o_values) < 1:
                    continue
                d_values = normal(0, deals, d_header, kind)
                filled = d_values != ""
                if filled.sum() == 0 or d_values[filled].nunique() < min(2, int(filled.sum())):
                    continue
                share = float(d_values[filled].isin(o_values).sum()) / len(d_values)
                shared_words = set(header_words(d_header)) & set(header_words(o_header))
                score = share + (0.05 if shared_words - {"name", "id"} else 0.0)
                if share >= MIN_MATCH_SHARE and (best is None or score > best[3]):
                    best = (d_header, o_header, kind, score)
    return best


def _date_column(table: RawTable) -> str | None:
    """The date column of an activities file: the last-activity one, else any date column."""
    decisions = decide_columns(table.headers, {h: table.frame[h] for h in table.headers})
    ranked = sorted(
        (d for d in decisions if d.looks_like == "dates"),
        key=lambda d: (d.field != "last_activity_date", d.field is None, -d.confidence),
    )
    usable = [d for d in ranked if not ({"due", "next", "echeance"} & set(header_words(d.header)))]
    return usable[0].header if usable else None


def join_related(
    deals: RawTable,
    others: list[tuple[str, RawTable]],
    deals_mapping: dict[str, str | None],
) -> tuple[RawTable, dict[str, str | None], list[JoinedFile]]:
    """Join related tables onto the deals table.

    Args:
        deals: The deals table.
        others: (filename, table) of every related file.
        deals_mapping: The deals file's automatic mapping (fields it already has are kept).

    Returns:
        The deals table with the added columns, the preset field of each added column, and one
        :class:`JoinedFile` per related file.
    """
    frame = deals.frame.copy()
    preset: dict[str, str | None] = {}
    have = {f for f in deals_mapping.values() if f}
    report: list[JoinedFile] = []
    for filename, other in others:
        found = find_key(deals, other)
        if found is None:
            report.append(JoinedFile(filename, "unrelated", file_rows=len(other.frame),
                                     note=N_("no column shares values with the deals file")))
            continue
        d_header, o_header, kind, _score = found
        d_keys = _values(deals, d_header, kind).reindex(frame.index, fill_value="")
        o_keys = _values(other, o_header, kind).reindex(other.frame.index, fill_value="")
        filled = o_keys != ""
        unique = not o_keys[filled].duplicated().any()
        joined = JoinedFile(filename, "", d_header, o_header, kind, file_rows=len(other.frame))
        matched = d_keys.isin(set(o_keys[filled]))
        joined.matched = int(matched.sum())
        joined.unmatched = int(len(d_keys) - joined.matched)
        joined.file_rows_unmatched = int((filled & ~o_keys.isin(set(d_keys))).sum())
        if unique:
            joined.role = "attributes"
            decisions = decide_columns(other.headers, {h: other.frame[h] for h in other.headers})
            for decision in decisions:
                name = decision.field
                if name not in LENT_FIELDS or name in have or decision.header == o_header:
                    continue
                lookup = pd.Series(other.frame[decision.header].to_numpy(), index=o_keys)
                lookup = lookup[filled.to_numpy()]
                column = f"{decision.header} [{filename}]"
                frame[column] = d_keys.map(lookup).fillna("").astype(str).to_numpy()
                preset[column] = name
                joined.fields[name] = decision.header
                have.add(name)
        else:
            joined.role = "activities"
            date_header = _date_column(other)
            if date_header is None or "last_activity_date" in have:
                joined.note = (N_("several rows per key but no date column")
                               if date_header is None else N_("the deals already have one"))
            else:
                raw = other.frame[date_header]
                dates = parse_dates(raw, date_evidence(raw) or "DMY").values
                latest = pd.Series(dates.to_numpy(), index=o_keys.to_numpy())
                latest = latest[(filled & dates.notna()).to_numpy()]
                latest = latest.groupby(level=0).max()
                column = f"last activity ({date_header}) [{filename}]"
                values = d_keys.map(latest)
                frame[column] = values.dt.strftime("%Y-%m-%d").fillna("").to_numpy()
                preset[column] = "last_activity_date"
                joined.fields["last_activity_date"] = date_header
                have.add("last_activity_date")
        report.append(joined)
    headers = list(frame.columns)
    table = RawTable(
        frame=frame,
        source_rows=deals.source_rows,
        headers=headers,
        header_row=deals.header_row,
        file_format=deals.file_format,
        encoding=deals.encoding,
        delimiter=deals.delimiter,
        sheet=deals.sheet,
        sheets=deals.sheets,
        warnings=list(deals.warnings),
        extra_fields=dict(deals.extra_fields),
    )
    return table, preset, report


def pick_deals_table(tables: list[tuple[str, RawTable]]) -> int:
    """Index of the deals file: the one whose stage/status column maps with most confidence."""
    best, best_score = 0, -1.0
    for index, (_name, table) in enumerate(tables):
        decisions = decide_columns(table.headers, {h: table.frame[h] for h in table.headers})
        required = ("stage", "status", "is_closed")
        score = max((d.confidence for d in decisions if d.field in required), default=0.0)
        amount = any(d.field == "amount" for d in decisions)
        score += 0.1 if amount else 0.0
        if score > best_score:
            best, best_score = index, score
    return best
