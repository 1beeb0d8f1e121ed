"""What needs attention today, in the app and as a daily e-mail digest (issue 14, point 5).

The lists are the priority views the Home alerts and the Deals page already use
(``data.metrics.priority``: cold deals, overdue closings, untreated leads) plus the due-soon
rule of ``data.metrics.actions`` narrowed to 7 days; none is defined again here. The digest is
plain text sent with the standard library (``smtplib``, ``email``) to the server named by
``SMTP_URL`` (``smtp://user:pass@host:587``; ``smtps://`` for implicit TLS); without it no
e-mail is sent and that is not an error.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

import pandas as pd
from sqlalchemy import Engine

from data import entry, history
from data.filters import FilterState
from data.memo import NoCache
from data.metrics.actions import due_soon
from data.metrics.priority import priority_view
from data.snapshots import Needs, SnapshotManager
from data.stages import StageSetting
from data.texts import N_, Text

log = logging.getLogger(__name__)

#: Closings within this many days are listed (issue 14: "closings within 7 days").
CLOSING_SOON_DAYS = 7
#: The lists, in the order shown, with their titles.
KINDS: dict[str, str] = {
    "overdue": N_("Overdue closings"),
    "closing_soon": Text(N_("Closing within {n} days"), n=CLOSING_SOON_DAYS),
    "cold": N_("Cold deals"),
    "untreated": N_("Untreated leads"),
}
#: The column each list adds (``data.metrics``) and how its number reads.
_DAYS: dict[str, tuple[str, str]] = {
    "overdue": ("days_overdue", N_("{n} day(s) past the expected close date")),
    "closing_soon": ("days_left", N_("closes in {n} day(s)")),
    "cold": ("days_inactive", N_("{n} day(s) without activity")),
    "untreated": ("days_waiting", N_("created {n} day(s) ago, no activity since")),
}


@dataclass(frozen=True)
class Reminder:
    """One deal that needs attention, and why."""

    kind: str
    deal_id: str | None
    name: str | None
    account: str | None
    owner: str | None
    amount: float | None
    currency: str | None
    days: int | None
    why: str

    def as_json(self) -> dict[str, Any]:
        """JSON-able form (the CLI's ``--json``)."""
        return dict(self.__dict__)


@dataclass(frozen=True)
class Reminders:
    """Every list of one pipeline on one day."""

    as_of: date
    import_id: int | None
    dataset_id: int | None
    dataset: str | None
    lists: dict[str, list[Reminder]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """Deals listed (a deal in two lists counts twice: each list is a different action)."""
        return sum(len(items) for items in self.lists.values())

    def as_json(self) -> dict[str, Any]:
        """JSON-able form (the CLI's ``--json``)."""
        return {"as_of": self.as_of.isoformat(), "import_id": self.import_id,
                "dataset_id": self.dataset_id, "dataset": self.dataset, "count": self.count,
                "lists": {k: [r.as_json() for r in v] for k, v in self.lists.items()}}


def attention_lists(
    deals: pd.DataFrame, as_of: date, stages: Sequence[StageSetting], cold_days: int
) -> dict[str, pd.DataFrame]:
    """The four lists of what needs attention, from the existing priority rules.

    METRICS.md, "Deals and priority actions": overdue, cold deal and untreated leads as the
    priority views define them; closing soon is *due soon* with a 7-day window.
    """
    return {
        "overdue": priority_view("overdue", deals, as_of, stages, cold_days),
        "closing_soon": due_soon(deals, as_of, CLOSING_SOON_DAYS),
        "cold": priority_view("cold", deals, as_of, stages, cold_days),
        "untreated": priority_view("untreated", deals, as_of, stages, cold_days),
    }


def as_reminders(kind: str, frame: pd.DataFrame) -> list[Reminder]:
    """The rows of one list (``attention_lists``) as reminders saying why each is listed."""
    column, why = _DAYS[kind]
    out = []
    for row in frame.to_dict(orient="records"):
        days = row.get(column)
        n = None if days is None or pd.isna(days) else int(days)
        amount = row.get("amount")
        out.append(Reminder(
            kind, _text(row.get("deal_id")), _text(row.get("name")), _text(row.get("account")),
            _text(row.get("owner")), None if amount is None or pd.isna(amount) else float(amount),
            _text(row.get("currency")), n, why.format(n="?" if n is None else n)))
    return out


def _text(value: Any) -> str | None:
    return None if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def default_dataset(engine: Engine) -> int | None:
    """The pipeline reminders are about by default: the newest one kept in the app, if any."""
    kept = entry.editable_datasets(engine)
    return kept[0][0] if kept else None


def for_pipeline(
    engine: Engine,
    as_of: date | None = None,
    dataset_id: int | None = None,
    *,
    cold_days: int | None = None,
) -> Reminders:
    """The lists for one pipeline (default: the newest kept in the app, else the newest import).

    ``as_of`` None: the pages' default analysis date; ``cold_days`` None: the stored setting.
    """
    dataset_id = dataset_id if dataset_id is not None else default_dataset(engine)
    manager = SnapshotManager(engine, NoCache())
    version = manager.version()
    selection = manager.selection(version, FilterState(dataset_id=dataset_id), Needs())
    if selection is None:
        return Reminders(as_of or date.today(), None, dataset_id, None, {k: [] for k in KINDS})
    info = selection.snapshot.info
    day = as_of or history.default_as_of(info, date.today())
    threshold = cold_days if cold_days is not None else int(
        history.app_settings(engine)["cold_days"])
    lists = attention_lists(selection.deals, day, selection.snapshot.stages, threshold)
    names = {d.id: d.name for d in manager.datasets(version)}
    return Reminders(day, info.id, info.dataset_id, names.get(info.dataset_id or -1),
                     {k: as_reminders(k, lists[k]) for k in KINDS})


def digest_text(reminders: Reminders) -> str:
    """The digest as plain text (deal names are the users' text, never markup)."""
    title = f"What needs attention on {reminders.as_of.isoformat()}"
    if reminders.dataset:
        title += f" — {reminders.dataset}"
    lines = [title, ""]
    if not reminders.count:
        lines.append("Nothing needs attention today.")
    for kind, label in KINDS.items():
        items = reminders.lists.get(kind, [])
        if not items:
            continue
        lines.append(f"{label} ({len(items)})")
        for r in items:
            amount = "" if r.amount is None else f", {r.amount:,.2f} {r.currency or ''}".rstrip()
            owner = f", {r.owner}" if r.owner else ""
            who = " / ".join(x for x in (r.name, r.account) if x) or "(no name)"
            lines.append(f"  - [{r.deal_id or '?'}] {who}{owner}{amount}: {r.why}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


@dataclass(frozen=True)
class SmtpTarget:
    """Where and how to send: host, port, credentials, TLS mode."""

    host: str
    port: int
    user: str | None
    password: str | None
    implicit_tls: bool


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp://user:pass@host:587`` (STARTTLS when offered) or ``smtps://…:465``.

    Raises:
        ValueError: not an smtp/smtps URL with a host.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("SMTP_URL must look like smtp://user:password@host:587 "
                         "(or smtps://… for TLS from the start)")
    implicit = parts.scheme == "smtps"
    return SmtpTarget(parts.hostname, parts.port or (465 if implicit else 587),
                      unquote(parts.username) if parts.username else None,
                      unquote(parts.password) if parts.password else None, implicit)


def digest_message(reminders: Reminders, sender: str, recipients: Sequence[str]) -> EmailMessage:
    """The e-mail of a digest (plain text, UTF-8)."""
    message = EmailMessage()
    message["Subject"] = (f"CRM reminders {reminders.as_of.isoformat()}: "
                          f"{reminders.count} item(s) need attention")
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message.set_content(digest_text(reminders))
    return message


def send_digest(reminders: Reminders, env: Mapping[str, str]) -> bool:
    """Send the digest when ``SMTP_URL`` and ``REMIND_TO`` are set; False (logged) otherwise.

    ``REMIND_TO`` is a comma-separated list; ``REMIND_FROM`` defaults to the SMTP user, else
    ``crm-dashboard@localhost``.

    Raises:
        ValueError: a malformed SMTP_URL; OSError / smtplib.SMTPException: the server refused.
    """
    url = env.get("SMTP_URL", "").strip()
    recipients = [r.strip() for r in env.get("REMIND_TO", "").split(",") if r.strip()]
    if not url or not recipients:
        missing = "SMTP_URL" if not url else "REMIND_TO"
        log.info("reminders: no e-mail sent (%s is not set); %d item(s) listed",
                 missing, reminders.count)
        return False
    target = parse_smtp_url(url)
    sender = env.get("REMIND_FROM", "").strip() or target.user or "crm-dashboard@localhost"
    message = digest_message(reminders, sender, recipients)
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if target.implicit_tls:
        smtp = smtplib.SMTP_SSL(target.host, target.port, timeout=30, context=context)
    else:
        smtp = smtplib.SMTP(target.host, target.port, timeout=30)
    with smtp:
        smtp.ehlo()
        if not target.implicit_tls and smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
        if target.user:
            smtp.login(target.user, target.password or "")
        smtp.send_message(message)
    log.info("reminders: digest of %d item(s) sent to %s via %s:%d", reminders.count,
             ", ".join(recipients), target.host, target.port)
    return True
