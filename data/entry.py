"""Deals kept in the app (issue 14): an editable pipeline on top of the import/snapshot model.

An *editable* dataset is a dataset like any other (``datasets.editable``): its newest live
import is the pipeline's current state and its older imports are its snapshots, so every page,
trend, movement and backtest works on it unchanged. The current state is an import written by
the editor (``file_format = "editor"``); it is edited in place while it is today's, and copied
into a new import by the first change of a later day (one snapshot per day at most) and before
a bulk change. Each change gives the import a new checksum and time (the read side's identity
of an import) and bumps the data version in the same transaction, so no page, cache or worker
shows a stale figure.

A form's values are checked by the importer itself (``data.ingest.validate.build_deals`` on a
one-row table whose headers are the form's labels): same rules, same messages, stage → status.
Every change leaves audit rows (who, when, field, old → new); a deletion keeps the whole deal so
that it can be restored for ``purge_after_days``. Each deal carries a ``row_version``: an edit
made on an older version is refused and says so (optimistic locking). Writes take the dataset's
row lock first, so concurrent writers of one pipeline queue instead of interleaving.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import Connection, Engine, delete, func, insert, select, text, update

from data import history
from data.canonical import CANONICAL_FIELDS, DATE_FIELDS
from data.ingest.reader import RawTable
from data.ingest.report import ImportRefused, Issue
from data.ingest.validate import build_deals
from data.schema import Dataset, Deal, DealActivity, DealAudit, ImportRecord
from data.stages import status_from_stage
from data.texts import N_, Text

#: ``imports.file_format`` of the imports the editor writes.
EDITOR_FORMAT = "editor"
#: Every canonical field is "present" in an editable pipeline (the form can fill each one).
EDITOR_MAPPING: dict[str, str] = {name: name for name in CANONICAL_FIELDS}

#: The form's fields and their labels; the labels are the headers the importer's messages name.
FORM_FIELDS: dict[str, str] = {
    "name": N_("Name"),
    "account": N_("Account"),
    "stage": N_("Stage"),
    "status": N_("Status"),
    "amount": N_("Amount"),
    "currency": N_("Currency"),
    "probability": N_("Probability"),
    "source": N_("Source"),
    "sector": N_("Sector"),
    "owner": N_("Owner"),
    "created_date": N_("Created"),
    "expected_close_date": N_("Expected close"),
    "closed_date": N_("Closed"),
    "last_activity_date": N_("Last activity"),
    "notes": N_("Notes"),
}
#: Fields the importer copies as they are (it strips surrounding whitespace only).
_FREE_TEXT = ("name", "account", "source", "sector", "owner", "notes")
ACTIVITY_KINDS: dict[str, str] = {"call": N_("Call"), "email": N_("E-mail"),
                                  "meeting": N_("Meeting"), "note": N_("Note")}
OUTCOMES = ("won", "lost")


class EntryError(ValueError):
    """A change refused before anything was written; ``errors`` maps a form field → message."""

    def __init__(self, message: str, errors: Mapping[str, str] | None = None) -> None:
        """Keep the message and the field messages (empty when none is field-specific)."""
        super().__init__(message)
        self.errors = dict(errors or {})


class ConflictError(EntryError):
    """The deal changed since the form was opened: the edit is refused, nothing written."""


@dataclass(frozen=True)
class Checked:
    """A form checked by the importer: canonical values, or field messages; warnings apart."""

    values: dict[str, Any] | None
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    """The outcome of a write: the deal, its new row version and the new data version."""

    deal_id: str
    row_version: int
    data_version: int
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a deal's timeline: an activity or an audit row (text shown as text)."""

    at: datetime
    day: date
    kind: str
    author: str
    text: str
    field: str | None = None
    old: str | None = None
    new: str | None = None


# -- checking a form with the importer's own code ---------------------------------------------
def check_form(
    values: Mapping[str, Any],
    *,
    locale: str = "en",
    default_currency: str = "EUR",
    labels: Mapping[str, str] | None = None,
) -> Checked:
    """Check a deal form as the importer checks a file row, with the importer's messages.

    ``values`` maps form fields (:data:`FORM_FIELDS`) to what the user typed; dates from a date
    input are ISO. The row goes through ``build_deals``: a stage or a status is required, amounts
    and percentages are read the importer's way, the status derives from the stage when blank.
    """
    labels = {**FORM_FIELDS, **(labels or {})}
    fields = [f for f in FORM_FIELDS if f in values or f in ("stage", "status")]
    headers = [labels[f] for f in fields]
    cells = {labels[f]: _cell(values.get(f)) for f in fields}
    table = RawTable(
        frame=pd.DataFrame({h: [cells[h]] for h in headers}, dtype=object),
        source_rows=np.array([1]),
        headers=headers,
        header_row=0,
        file_format="form",
        encoding=None,
        delimiter=None,
    )
    mapping: dict[str, str | None] = {labels[f]: f for f in fields}
    by_label = {labels[f]: f for f in fields}
    try:
        outcome = build_deals(table, mapping, locale=locale, default_currency=default_currency)
    except ImportRefused as refused:
        errors: dict[str, str] = {}
        for issue in refused.issues:
            target = by_label.get(issue.column or "", "stage")
            errors.setdefault(target, _labelled(issue.message))
        return Checked(None, errors or {"stage": str(refused)})
    row = outcome.deals.iloc[0]
    out = {name: _python(row[name], name) for name in CANONICAL_FIELDS if name != "deal_id"}
    for name in _FREE_TEXT:  # stored verbatim (only surrounding blanks dropped, as on import)
        raw = values.get(name)
        if raw is not None and str(raw).strip():
            out[name] = str(raw).strip()
    warnings = [w.message for w in outcome.warnings if not _is_stage_warning(w)]
    return Checked(out, {}, warnings)


def _labelled(message: str) -> str:
    """An importer's message about a form field: the column it names is the form's label (an
    app text, translated where shown), not a header of the user's file.
    """
    values = getattr(message, "values", None)
    if not values or not isinstance(values.get("header"), str):
        return message
    return Text(message.template, **{**values, "header": Text(values["header"])})  # type: ignore[attr-defined]


def _is_stage_warning(issue: Issue) -> bool:
    """A new stage typed in the form is normal (custom pipelines): no need to warn."""
    return issue.message.startswith("Stages not in the built-in list")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return str(value).strip()


def _python(value: Any, name: str) -> Any:
    """A canonical frame cell as the value the ``deals`` table stores (None when unknown)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if name in DATE_FIELDS:
        return pd.Timestamp(value).date()
    if name == "amount":
        return Decimal(f"{float(value):.2f}")
    if name == "probability":
        return float(value)
    return str(value)


def _shown(value: Any) -> str | None:
    """A stored value as the audit trail keeps it (text; amounts to the cent, ISO dates)."""
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _same(a: Any, b: Any, name: str) -> bool:
    if name == "amount" and a is not None and b is not None:
        return Decimal(str(a)).quantize(Decimal("0.01")) == Decimal(str(b)).quantize(
            Decimal("0.01"))
    if name in DATE_FIELDS:
        return _day(a) == _day(b)
    if name == "probability" and a is not None and b is not None:
        return abs(float(a) - float(b)) < 1e-9
    return bool(a == b)


def _day(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):  # a stored time: its UTC day (SQLite keeps UTC, naive)
        return value.astimezone(UTC).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


# -- the current state of a pipeline ---------------------------------------------------------
def _now() -> datetime:
    return datetime.now(UTC)


def _lock(conn: Connection, dataset_id: int) -> str:
    """Take the pipeline's row lock (the first statement: a write, so SQLite locks too).

    Returns the dataset's name. Raises LookupError when it is not an editable dataset.
    """
    done = conn.execute(
        update(Dataset).where(Dataset.id == dataset_id, Dataset.editable.is_(True))
        .values(editable=True)
    ).rowcount
    if not done:
        raise LookupError(f"dataset #{dataset_id} is not a pipeline kept in the app")
    return str(conn.execute(select(Dataset.name).where(Dataset.id == dataset_id)).scalar_one())


def _newest(conn: Connection, dataset_id: int) -> Any:
    return conn.execute(
        select(ImportRecord.id, ImportRecord.file_format, ImportRecord.imported_at,
               ImportRecord.report, ImportRecord.data_as_of)
        .where(ImportRecord.dataset_id == dataset_id, ImportRecord.deleted_at.is_(None))
        .order_by(ImportRecord.id.desc()).limit(1)
    ).first()


def _revision(row: Any) -> int:
    return int(((row.report or {}).get("editor") or {}).get("revision", 0))


def _head(conn: Connection, dataset_id: int, name: str, *, snapshot: bool = False) -> int:
    """The import holding the pipeline's current state, ready to be changed.

    The newest live import of the dataset when the editor wrote it and it is today's (or was
    never changed); otherwise a copy of it, so that the older one stays as it was: the daily
    snapshot. ``snapshot`` (a bulk change) also keeps today's state before the change.
    """
    row = _newest(conn, dataset_id)
    if row is not None and row.file_format == EDITOR_FORMAT:
        untouched = _revision(row) == 0
        today = _day(row.imported_at) == _now().date()
        if untouched or (today and not snapshot):
            return int(row.id)
    return _new_head(conn, dataset_id, name, row)


def _new_head(conn: Connection, dataset_id: int, name: str, source: Any) -> int:
    now = _now()
    count = 0
    if source is not None:
        count = int(conn.execute(select(func.count()).select_from(Deal)
                                 .where(Deal.import_id == source.id)).scalar_one())
    head = int(conn.execute(
        insert(ImportRecord).values(
            filename=name, checksum=_token(), imported_at=now, file_format=EDITOR_FORMAT,
            encoding=None, delimiter=None, rows_total=count, rows_imported=count,
            rows_rejected=0, warnings_count=0, mapping=EDITOR_MAPPING,
            report={"warnings": [], "errors": [],
                    "editor": {"revision": 0,
                               "from_import": None if source is None else int(source.id)}},
            dataset_id=dataset_id,
            data_as_of=None if source is None else source.data_as_of,
        ).returning(ImportRecord.id)
    ).scalar_one())
    if source is not None and count:
        columns = ", ".join(["source_row", *CANONICAL_FIELDS, "row_version"])
        conn.execute(text(
            f"INSERT INTO deals (import_id, {columns}) SELECT :head, {columns} FROM deals "
            "WHERE import_id = :source ORDER BY id"), {"head": head, "source": int(source.id)})
        if source.file_format != EDITOR_FORMAT:
            _name_every_deal(conn, head)
        if conn.dialect.name == "postgresql":
            from data.store import refresh_statistics

            refresh_statistics(conn)
    return head


def _name_every_deal(conn: Connection, head: int) -> None:
    """Give each deal copied from a file a unique ``deal_id`` (activities and audit key on it)."""
    rows = conn.execute(select(Deal.id, Deal.deal_id, Deal.source_row)
                        .where(Deal.import_id == head).order_by(Deal.id)).all()
    seen: set[str] = set()
    for row_id, deal_id, source_row in rows:
        wanted = deal_id if deal_id and deal_id not in seen else None
        if wanted is None:
            base = deal_id or f"row-{source_row}"
            wanted, n = base, 2
            while wanted in seen:
                wanted, n = f"{base}-{n}", n + 1
            conn.execute(update(Deal).where(Deal.id == row_id).values(deal_id=wanted))
        seen.add(wanted)


def _token() -> str:
    return f"edit-{uuid.uuid4().hex}"


def _touch(conn: Connection, head: int) -> int:
    """Record a change of the current state: new identity, counts, data date; bump version."""
    from data.store import _bump_version

    report = dict(conn.execute(select(ImportRecord.report).where(ImportRecord.id == head))
                  .scalar_one() or {})
    editor = dict(report.get("editor") or {})
    editor["revision"] = int(editor.get("revision", 0)) + 1
    report["editor"] = editor
    count = int(conn.execute(select(func.count()).select_from(Deal)
                             .where(Deal.import_id == head)).scalar_one())
    latest = conn.execute(select(func.max(Deal.last_activity_date), func.max(Deal.closed_date),
                                 func.max(Deal.created_date)).where(Deal.import_id == head)).one()
    days = [d for d in (_day(v) for v in latest) if d is not None]
    conn.execute(update(ImportRecord).where(ImportRecord.id == head).values(
        checksum=_token(), imported_at=_now(), rows_total=count, rows_imported=count,
        report=report, data_as_of=max(days) if days else None))
    return _bump_version(conn)


def _row(conn: Connection, head: int, deal_id: str) -> dict[str, Any] | None:
    found = conn.execute(
        select(Deal.__table__).where(Deal.import_id == head, Deal.deal_id == deal_id)
    ).mappings().first()
    return None if found is None else dict(found)


def _audit(conn: Connection, dataset_id: int, deal_id: str, author: str, action: str,
           at: datetime, changes: Iterable[tuple[str, Any, Any]] = (),
           deal: dict[str, Any] | None = None) -> None:
    rows = [{"field": f, "old_value": _shown(o), "new_value": _shown(n)} for f, o, n in changes]
    if not rows:
        rows = [{"field": None, "old_value": None, "new_value": None}]
    conn.execute(insert(DealAudit), [
        {"dataset_id": dataset_id, "deal_id": deal_id, "at": at, "author": author,
         "action": action, "deal": deal, **r} for r in rows])


def _author(author: str | None) -> str:
    name = (author or "").strip()
    if not name:
        message = N_("Enter your name: the audit trail records who changed what.")
        raise EntryError(message, {"author": message})
    return name


def _conflict(conn: Connection, dataset_id: int, deal_id: str) -> ConflictError:
    last = conn.execute(
        select(DealAudit.author, DealAudit.at).where(DealAudit.dataset_id == dataset_id,
                                                     DealAudit.deal_id == deal_id)
        .order_by(DealAudit.id.desc()).limit(1)
    ).first()
    if last is None:
        return ConflictError(Text(
            N_("Deal {id} was changed since you opened it: your changes were not saved. "
               "Reload the deal to see the new values, then apply your changes again."),
            id=deal_id))
    return ConflictError(Text(
        N_("Deal {id} was changed by {author} on {date} at {time} since you opened it: your "
           "changes were not saved. Reload the deal to see the new values, then apply your "
           "changes again."),
        id=deal_id, author=last.author, date=_shown(last.at), time=f"{last.at:%H:%M}"))


def _checked_deal(conn: Connection, dataset_id: int, deal_id: str,
                  expected_version: int) -> tuple[str, dict[str, Any]]:
    """Lock the pipeline and read the deal, still at ``expected_version``; (name, its row).

    Raises:
        LookupError: the deal is not in the pipeline's current state (deleted?);
        ConflictError: someone saved it since ``expected_version``.
    """
    name = _lock(conn, dataset_id)
    newest = _newest(conn, dataset_id)
    current = None if newest is None else _row(conn, int(newest.id), deal_id)
    if current is None:
        raise LookupError(Text(N_("Deal {id} is not in this pipeline (deleted?)."), id=deal_id))
    if int(current["row_version"]) != int(expected_version):
        raise _conflict(conn, dataset_id, deal_id)
    return name, current


def _record(conn: Connection, head: int, dataset_id: int, deal_id: str, author: str,
            action: str, changes: Iterable[tuple[str, Any, Any]] = (),
            deal: dict[str, Any] | None = None) -> int:
    """Audit one deal's change and record it on the current state; the new data version."""
    _audit(conn, dataset_id, deal_id, author, action, _now(), changes, deal)
    return _touch(conn, head)


# -- creating a pipeline ------------------------------------------------------------------------
def create_pipeline(engine: Engine, name: str, *, from_import: int | None = None) -> int:
    """A new pipeline kept in the app, empty or continuing from an import; its dataset id.

    Continuing copies the import's deals into the pipeline's first state (the import itself is
    left as it was, in its own dataset; deals without an id get one). Bumps the data version.
    """
    from data.store import _bump_version

    label = " ".join((name or "").split())
    if not label:
        message = N_("Give the pipeline a name.")
        raise EntryError(message, {"name": message})
    with engine.begin() as conn:
        source = None
        if from_import is not None:
            source = conn.execute(
                select(ImportRecord.id, ImportRecord.file_format, ImportRecord.data_as_of)
                .where(ImportRecord.id == from_import, ImportRecord.deleted_at.is_(None))
            ).first()
            if source is None:
                raise EntryError(Text(N_("Import #{id} is not there (deleted?)."), id=from_import))
        dataset_id = int(conn.execute(
            insert(Dataset).values(name=label, signature=None, created_at=_now(), editable=True)
            .returning(Dataset.id)
        ).scalar_one())
        _new_head(conn, dataset_id, label, source)
        _bump_version(conn)
    return dataset_id


def editable_datasets(engine: Engine) -> list[tuple[int, str]]:
    """The pipelines kept in the app (id, name), newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(Dataset.id, Dataset.name).where(Dataset.editable.is_(True))
                            .order_by(Dataset.id.desc())).all()
    return [(int(r[0]), str(r[1])) for r in rows]


def current_import(engine: Engine, dataset_id: int) -> int | None:
    """The import holding a pipeline's current state (its newest live import)."""
    with engine.connect() as conn:
        row = _newest(conn, dataset_id)
    return None if row is None else int(row.id)


def get_deal(engine: Engine, dataset_id: int, deal_id: str) -> dict[str, Any] | None:
    """One deal of a pipeline's current state, with its ``row_version``."""
    with engine.connect() as conn:
        row = _newest(conn, dataset_id)
        return None if row is None else _row(conn, int(row.id), deal_id)


def snapshot_now(engine: Engine, dataset_id: int) -> int:
    """Keep the pipeline's state as a snapshot now (before a bulk change); the current import."""
    with engine.begin() as conn:
        name = _lock(conn, dataset_id)
        head = _head(conn, dataset_id, name, snapshot=True)
        _touch(conn, head)
    return head


# -- deals ----------------------------------------------------------------------------------------
def add_deal(
    engine: Engine, dataset_id: int, values: Mapping[str, Any], author: str, *,
    locale: str = "en", default_currency: str = "EUR",
) -> Change:
    """Add a deal checked like an imported row; an audit row per field set.

    A deal entered without a creation date is created today (deal age, inflow and untreated
    leads need one).

    Raises:
        EntryError: the importer's messages by field (nothing written).
    """
    who = _author(author)
    if not _cell(values.get("created_date")):  # entered today unless the user says otherwise
        values = {**values, "created_date": _now().date().isoformat()}
    checked = check_form(values, locale=locale, default_currency=default_currency)
    if checked.values is None:
        raise EntryError(Text(N_("The deal was not added: {errors}"),
                              errors="; ".join(checked.errors.values())), checked.errors)
    with engine.begin() as conn:
        name = _lock(conn, dataset_id)
        head = _head(conn, dataset_id, name)
        deal_id = _next_id(conn, dataset_id)
        source_row = int(conn.execute(select(func.coalesce(func.max(Deal.source_row), 1))
                                      .where(Deal.import_id == head)).scalar_one()) + 1
        row = {**checked.values, "deal_id": deal_id}
        conn.execute(insert(Deal).values(import_id=head, source_row=source_row, row_version=1,
                                         **row))
        version = _record(conn, head, dataset_id, deal_id, who, "create",
                          [(f, None, v) for f, v in checked.values.items() if v is not None])
    return Change(deal_id, 1, version, tuple(f for f, v in checked.values.items()
                                             if v is not None))


def _next_id(conn: Connection, dataset_id: int) -> str:
    """A deal id never used in this pipeline (deleted deals keep theirs for a restore)."""
    used = conn.execute(select(func.count()).select_from(DealAudit).where(
        DealAudit.dataset_id == dataset_id, DealAudit.action == "create")).scalar_one()
    n = int(used) + 1
    while True:
        candidate = f"D-{n}"
        clash = conn.execute(select(DealAudit.id).where(
            DealAudit.dataset_id == dataset_id, DealAudit.deal_id == candidate).limit(1)).first()
        if clash is None:
            imported = conn.execute(text(
                "SELECT 1 FROM deals WHERE deal_id = :d AND import_id IN "
                "(SELECT id FROM imports WHERE dataset_id = :ds) LIMIT 1"),
                {"d": candidate, "ds": dataset_id}).first()
            if imported is None:
                return candidate
        n += 1


def edit_deal(
    engine: Engine, dataset_id: int, deal_id: str, values: Mapping[str, Any],
    expected_version: int, author: str, *, locale: str = "en", default_currency: str = "EUR",
    action: str = "edit",
) -> Change:
    """Change a deal's fields (those in ``values``), checked like an imported row.

    Refused when the deal's ``row_version`` is no longer ``expected_version`` (someone saved
    first); one audit row per changed field. Nothing changed → nothing written.

    Raises:
        EntryError: the importer's messages by field; ConflictError: changed meanwhile;
        LookupError: no such deal (deleted?).
    """
    who = _author(author)
    with engine.begin() as conn:
        name, current = _checked_deal(conn, dataset_id, deal_id, expected_version)
        merged = {f: _form_value(current, f) for f in FORM_FIELDS}
        merged.update({k: v for k, v in values.items() if k in FORM_FIELDS})
        if "stage" in values and "status" not in values:
            merged["status"] = ""  # a new stage decides the status again, as on import
        checked = check_form(merged, locale=locale, default_currency=default_currency)
        if checked.values is None:
            raise EntryError(Text(N_("Not saved: {errors}"),
                                  errors="; ".join(checked.errors.values())), checked.errors)
        changes = [(f, current.get(f), v) for f, v in checked.values.items()
                   if not _same(current.get(f), v, f)]
        if not changes:
            return Change(deal_id, int(current["row_version"]), _version(conn))
        head = _head(conn, dataset_id, name)
        new_version = int(current["row_version"]) + 1
        conn.execute(update(Deal).where(Deal.import_id == head, Deal.deal_id == deal_id)
                     .values(row_version=new_version, **{f: v for f, _o, v in changes}))
        version = _record(conn, head, dataset_id, deal_id, who, action, changes)
    return Change(deal_id, new_version, version, tuple(f for f, _o, _n in changes))


def form_values(row: Mapping[str, Any]) -> dict[str, str]:
    """A stored deal as the form shows it (what :func:`check_form` reads back unchanged).

    The status is left blank when the stage implies it, so that a new stage decides it again.
    """
    values = {name: _form_value(row, name) for name in FORM_FIELDS}
    if values["status"] and values["status"] == status_from_stage(row.get("stage")):
        values["status"] = ""
    return values


def _form_value(row: Mapping[str, Any], name: str) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if name == "probability":
        return f"{float(value) * 100:g}%"
    return _shown(value) or ""


def _version(conn: Connection) -> int:
    from data.schema import Meta

    return int(conn.execute(select(Meta.value).where(Meta.key == "data_version")).scalar_one())


def close_deal(
    engine: Engine, dataset_id: int, deal_id: str, outcome: str, expected_version: int,
    author: str, *, on: date | None = None,
) -> Change:
    """Close a deal as won or lost on ``on`` (default today, or its closing date if it has one)."""
    if outcome not in OUTCOMES:
        raise EntryError(Text(N_("A deal is closed as won or lost, not {outcome}."),
                              outcome=repr(outcome)))
    current = get_deal(engine, dataset_id, deal_id)
    closed = on or (current or {}).get("closed_date") or date.today()
    return edit_deal(engine, dataset_id, deal_id,
                     {"status": outcome, "closed_date": _shown(closed)},
                     expected_version, author, action="close")


def delete_deal(
    engine: Engine, dataset_id: int, deal_id: str, expected_version: int, author: str
) -> Change:
    """Delete a deal from the current state; restorable for ``purge_after_days``."""
    who = _author(author)
    with engine.begin() as conn:
        name, current = _checked_deal(conn, dataset_id, deal_id, expected_version)
        head = _head(conn, dataset_id, name)
        kept = {f: _shown(current.get(f)) for f in ("source_row", *CANONICAL_FIELDS,
                                                     "row_version")}
        conn.execute(delete(Deal).where(Deal.import_id == head, Deal.deal_id == deal_id))
        version = _record(conn, head, dataset_id, deal_id, who, "delete", deal=kept)
    return Change(deal_id, int(current["row_version"]), version)


def deleted_deals(engine: Engine, dataset_id: int) -> list[tuple[str, str | None, datetime]]:
    """Deals deleted from a pipeline that can still be restored: (deal id, name, when)."""
    with engine.connect() as conn:
        return _restorable(conn, dataset_id)


def _restorable(conn: Connection, dataset_id: int) -> list[tuple[str, str | None, datetime]]:
    days = history.read_setting(conn, "purge_after_days")
    cutoff = _now() - timedelta(days=days)
    rows = conn.execute(
        select(DealAudit.deal_id, DealAudit.action, DealAudit.at, DealAudit.deal)
        .where(DealAudit.dataset_id == dataset_id,
               DealAudit.action.in_(("delete", "restore", "create")))
        .order_by(DealAudit.id)
    ).all()
    last: dict[str, Any] = {}
    for row in rows:
        last[row.deal_id] = row
    out = []
    for deal_id, row in last.items():
        at = row.at if row.at.tzinfo else row.at.replace(tzinfo=UTC)
        if row.action == "delete" and at >= cutoff:
            out.append((deal_id, (row.deal or {}).get("name"), at))
    return sorted(out, key=lambda item: item[2], reverse=True)


def restore_deal(engine: Engine, dataset_id: int, deal_id: str, author: str) -> Change:
    """Bring a deleted deal back as it was when deleted (while its deletion is restorable)."""
    who = _author(author)
    with engine.begin() as conn:
        name = _lock(conn, dataset_id)
        if deal_id not in {d for d, _n, _a in _restorable(conn, dataset_id)}:
            raise LookupError(Text(N_("Deal {id} cannot be restored (not deleted, or deleted "
                                   "too long ago)."), id=deal_id))
        kept = conn.execute(
            select(DealAudit.deal).where(DealAudit.dataset_id == dataset_id,
                                         DealAudit.deal_id == deal_id,
                                         DealAudit.action == "delete")
            .order_by(DealAudit.id.desc()).limit(1)
        ).scalar_one()
        head = _head(conn, dataset_id, name)
        if _row(conn, head, deal_id) is not None:
            raise LookupError(Text(N_("Deal {id} is already in the pipeline."), id=deal_id))
        values: dict[str, Any] = {}
        for name_ in CANONICAL_FIELDS:
            raw = kept.get(name_)
            if raw is None:
                values[name_] = None
            elif name_ in DATE_FIELDS:
                values[name_] = date.fromisoformat(raw)
            elif name_ == "amount":
                values[name_] = Decimal(raw)
            elif name_ == "probability":
                values[name_] = float(raw)
            else:
                values[name_] = raw
        row_version = int(kept.get("row_version") or 0) + 1
        conn.execute(insert(Deal).values(import_id=head, source_row=int(kept["source_row"]),
                                         row_version=row_version, **values))
        version = _record(conn, head, dataset_id, deal_id, who, "restore")
    return Change(deal_id, row_version, version)


def close_deals(
    engine: Engine, dataset_id: int, deal_ids: Sequence[str], outcome: str, author: str, *,
    on: date | None = None,
) -> int:
    """A bulk change: close several deals at once, the state before kept as a snapshot.

    Returns the new data version. Deals already closed that way are left alone.
    """
    who = _author(author)
    if outcome not in OUTCOMES:
        raise EntryError(Text(N_("A deal is closed as won or lost, not {outcome}."),
                              outcome=repr(outcome)))
    closed = on or date.today()
    with engine.begin() as conn:
        name = _lock(conn, dataset_id)
        head = _head(conn, dataset_id, name, snapshot=True)
        now = _now()
        for deal_id in deal_ids:
            current = _row(conn, head, deal_id)
            if current is None or current["status"] == outcome:
                continue
            changes: list[tuple[str, Any, Any]] = [("status", current["status"], outcome)]
            if current["closed_date"] is None:
                changes.append(("closed_date", None, closed))
            conn.execute(update(Deal).where(Deal.import_id == head, Deal.deal_id == deal_id)
                         .values(row_version=int(current["row_version"]) + 1,
                                 **{f: v for f, _o, v in changes}))
            _audit(conn, dataset_id, deal_id, who, "close", now, changes)
        return _touch(conn, head)


# -- activities and the timeline ----------------------------------------------------------------
def log_activity(
    engine: Engine, dataset_id: int, deal_id: str, kind: str, on: Any, author: str,
    note: str, *, locale: str = "en",
) -> Change:
    """Log a call, e-mail, meeting or note; the deal's last activity moves to its date if later.

    ``note`` is stored verbatim. The date is read by the importer's date parser (same
    message). The deal's ``row_version`` does not move: its form fields are unchanged.
    """
    who = _author(author)
    if kind not in ACTIVITY_KINDS:
        raise EntryError(Text(N_("An activity is a call, an e-mail, a meeting or a note, not "
                                 "{kind}."), kind=repr(kind)),
                         {"kind": N_("Pick call, e-mail, meeting or note.")})
    checked = check_form({"status": "open", "last_activity_date": on}, locale=locale,
                         labels={"last_activity_date": "Date"})
    day = None if checked.values is None else checked.values["last_activity_date"]
    if checked.values is None or day is None:
        message = checked.errors.get("last_activity_date", "Date: enter the activity's date.")
        raise EntryError(message, {"date": message})
    with engine.begin() as conn:
        name = _lock(conn, dataset_id)
        head = _head(conn, dataset_id, name)
        current = _row(conn, head, deal_id)
        if current is None:
            raise LookupError(Text(N_("Deal {id} is not in this pipeline (deleted?)."), id=deal_id))
        conn.execute(insert(DealActivity).values(
            dataset_id=dataset_id, deal_id=deal_id, kind=kind, activity_date=day, author=who,
            text=note if note is not None else "", created_at=_now()))
        previous = _day(current["last_activity_date"])
        if previous is None or day > previous:
            conn.execute(update(Deal).where(Deal.import_id == head, Deal.deal_id == deal_id)
                         .values(last_activity_date=day))
        version = _touch(conn, head)
    return Change(deal_id, int(current["row_version"]), version, ("last_activity_date",))


def timeline(engine: Engine, dataset_id: int, deal_id: str) -> list[TimelineEntry]:
    """A deal's activities and audit rows, newest first (an edit's fields kept together)."""
    with engine.connect() as conn:
        activities = conn.execute(
            select(DealActivity.__table__).where(DealActivity.dataset_id == dataset_id,
                                                 DealActivity.deal_id == deal_id)
        ).all()
        audit = conn.execute(
            select(DealAudit.__table__).where(DealAudit.dataset_id == dataset_id,
                                              DealAudit.deal_id == deal_id)
            .order_by(DealAudit.id)
        ).all()
    entries = [
        TimelineEntry(_aware(a.created_at), _day(a.activity_date) or date.min, a.kind,
                      a.author, a.text)
        for a in activities
    ]
    entries += [
        TimelineEntry(_aware(r.at), _aware(r.at).date(), r.action, r.author, "", r.field,
                      r.old_value, r.new_value)
        for r in audit
    ]
    return sorted(entries, key=lambda e: (e.day, e.at), reverse=True)


def _aware(stamp: datetime) -> datetime:
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def audit_rows(engine: Engine, dataset_id: int) -> list[dict[str, Any]]:
    """Every audit row of a pipeline, oldest first (tests, exports)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(DealAudit.deal_id, DealAudit.author, DealAudit.action, DealAudit.field,
                   DealAudit.old_value, DealAudit.new_value, DealAudit.at)
            .where(DealAudit.dataset_id == dataset_id).order_by(DealAudit.id)
        ).mappings().all()
    return [dict(r) for r in rows]
