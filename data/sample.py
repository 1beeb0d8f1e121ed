"""A realistic sample dataset: about 2,000 deals over two years, dated relative to ``today``.

Fixed seed, so two runs on the same day give the same file; dates are placed relative to the
day it is generated so that forecast windows, cold deals, overdue closings and untreated leads
are populated whenever someone tries the app. Sources differ in volume *and* quality (LinkedIn
brings many small, rarely won deals; referrals few, large, often won) so the Marketing page has
something to say.

The sample is also a *history*: the same deals exported on several days
(:data:`HISTORY_DAYS`), so that the pages built on snapshots of one dataset (Trends, the
Forecast backtest, Home's "since the previous import") have something to show on a first try.
The newest snapshot is exactly :func:`generate_sample`; the earlier ones are derived from it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Protocol

import numpy as np
import pandas as pd

from data.texts import N_, Text

STAGES = ("Prospect", "Qualifié", "Proposition", "Négociation")
#: source → (share of deals, win odds multiplier, amount multiplier)
SOURCES = {
    "LinkedIn": (0.30, 0.55, 0.7),
    "Site web": (0.22, 0.9, 0.9),
    "Salon": (0.12, 1.1, 1.3),
    "Recommandation": (0.10, 2.0, 1.6),
    "Google Ads": (0.16, 0.7, 0.8),
    "Emailing": (0.10, 0.8, 0.75),
}
SECTORS = ("Tech", "Santé", "Industrie", "Retail", "Finance", "Sport", "Éducation")
SECTOR_AMOUNT = (1.3, 1.1, 1.5, 0.7, 1.6, 0.6, 0.5)
OWNERS = ("Camille Martin", "Hugo Bernard", "Léa Dubois", "Nathan Petit", "Sarah Moreau")
ACCOUNT_PREFIX = ("Groupe", "Société", "Atelier", "Studio", "Maison", "Cabinet", "Labo")
ACCOUNT_ROOT = (
    "Azur", "Boréal", "Cobalt", "Delta", "Éole", "Fusion", "Granit", "Helios", "Iris", "Jade",
    "Kairos", "Lumen", "Mistral", "Nova", "Orion", "Pixel", "Quartz", "Rivage", "Sirius", "Titan",
)


def generate_sample(today: date, n: int = 2000, seed: int = 20261123) -> pd.DataFrame:
    """The sample deals as a canonical frame of text cells (what a clean CSV export holds)."""
    rng = np.random.default_rng(seed)
    source_names = list(SOURCES)
    shares = np.array([SOURCES[s][0] for s in source_names])
    source_idx = rng.choice(len(source_names), size=n, p=shares / shares.sum())
    sector_idx = rng.integers(0, len(SECTORS), size=n)
    owner_idx = rng.integers(0, len(OWNERS), size=n)
    # Days before today, oldest first; skewed to recent months like a growing business.
    age = np.sort((1 + 729 * rng.random(n) ** 1.5).astype(int))[::-1]
    created = np.array([today - timedelta(days=int(a)) for a in age])

    base = rng.lognormal(mean=9.3, sigma=0.7, size=n)
    amount_mult = np.array([SOURCES[source_names[i]][2] for i in source_idx])
    amount = np.round(base * amount_mult * np.array(SECTOR_AMOUNT)[sector_idx], 2)

    win_mult = np.array([SOURCES[source_names[i]][1] for i in source_idx])
    cycle = np.clip(rng.lognormal(mean=3.9, sigma=0.5, size=n), 7, 300).astype(int)
    closed_by_now = (age > cycle) & (rng.random(n) < 0.92)
    won = closed_by_now & (rng.random(n) < np.clip(0.33 * win_mult, 0.05, 0.9))

    rows = []
    for i in range(n):
        c = created[i]
        if closed_by_now[i]:
            status = "won" if won[i] else "lost"
            stage = "Gagné" if won[i] else "Perdu"
            closed = c + timedelta(days=int(cycle[i]))
            expected = closed + timedelta(days=int(rng.integers(-10, 11)))
            last = closed - timedelta(days=int(rng.integers(0, 5)))
        else:
            status = "open"
            closed = None
            progress = age[i] / max(cycle[i], 1)
            if progress >= 1:  # stale: stuck somewhere in the pipeline
                stage = STAGES[int(rng.integers(0, len(STAGES)))]
            else:
                stage = STAGES[min(int(progress * len(STAGES) + rng.random() * 0.5), 3)]
            expected = today + timedelta(days=int(rng.integers(-25, 110)))
            if expected <= c:
                expected = c + timedelta(days=int(rng.integers(15, 60)))
            if stage == "Prospect" and rng.random() < 0.35:
                last = None  # never touched: an untreated lead once it is 48 h old
            else:
                quiet = int(rng.choice([rng.integers(0, 10), rng.integers(14, 60)], p=[0.7, 0.3]))
                last = max(c, today - timedelta(days=quiet))
        currency = "USD" if rng.random() < 0.03 else "EUR"
        blank_amount = rng.random() < 0.01
        own_probability = ""
        if status == "open" and rng.random() < 0.05:
            own_probability = f"{int(rng.choice([20, 40, 60, 80]))}%"
        account = (
            f"{ACCOUNT_PREFIX[int(rng.integers(0, len(ACCOUNT_PREFIX)))]} "
            f"{ACCOUNT_ROOT[int(rng.integers(0, len(ACCOUNT_ROOT)))]}"
        )
        rows.append(
            {
                "deal_id": f"D-{10001 + i}",
                "name": f"{account} — {SECTORS[sector_idx[i]]} {i % 7 + 1}",
                "account": account,
                "stage": stage,
                "status": status,
                "amount": "" if blank_amount else f"{amount[i]:.2f}",
                "currency": currency,
                "probability": own_probability,
                "source": source_names[source_idx[i]],
                "sector": SECTORS[sector_idx[i]],
                "owner": OWNERS[owner_idx[i]],
                "created_date": c.isoformat(),
                "expected_close_date": expected.isoformat(),
                "closed_date": closed.isoformat() if closed else "",
                "last_activity_date": last.isoformat() if last else "",
                "notes": "Relancer après la démo" if rng.random() < 0.1 else "",
            }
        )
    return pd.DataFrame(rows)


def sample_csv_bytes(today: date, n: int = 2000, seed: int = 20261123) -> bytes:
    """The sample as UTF-8 CSV bytes, ready for the import engine."""
    buffer = io.StringIO()
    generate_sample(today, n=n, seed=seed).to_csv(buffer, index=False)
    return buffer.getvalue().encode("utf-8")


# -- the sample as a history of snapshots -------------------------------------------------------
SEED = 20261123
#: Days before today of the sample's snapshots, oldest first. Eight weeks apart, so that every
#: earlier snapshot is older than ``data.history.STALE_AFTER_DAYS`` (the pages then date it by
#: its own data, not by the day it was imported) and the backtest judges its 30-, 60- and 90-day
#: windows; a week multiple keeps the weekly evolution regular. Three, not more: each is a
#: full import (about 2 s on a busy machine) and the button must stay quick.
HISTORY_DAYS = (112, 56, 0)
#: How far back the history's events (close dates pushed, moves back, removals) are placed.
EVENT_DAYS = 120
#: Shares of today's open deals whose expected close date was pushed once / that moved back.
PUSHED_SHARE = 0.25
MOVED_BACK_SHARE = 0.12
#: Deals generated for the removed ones: the open ones are in earlier snapshots only.
REMOVED_POOL = 300
#: Furthest open stage a lost deal had reached (Prospect … Négociation).
LOST_REACH = (0.35, 0.30, 0.20, 0.15)


@dataclass(frozen=True)
class _Path:
    """One deal's path from its creation to today, drawn once so that every snapshot agrees."""

    row: dict[str, str]  # as exported today (a removed deal: as it last was)
    created: date
    closed: date | None
    entries: tuple[date, ...]  # the days it entered Qualifié, Proposition, … in turn
    top: int  # its open stage after ``back_on`` (today's stage of an open deal)
    back_on: date | None  # the day it fell back from stage ``top + 1`` to ``top``
    pushed_on: date | None  # the day its expected close date moved to today's
    earlier_close: str  # its expected close date before ``pushed_on``
    removed_on: date | None  # the day it was deleted from the CRM
    quiet: int  # days without activity before a snapshot that shows it open


def _event_day(created: date, today: date, u: float) -> date | None:
    """A day in ``[max(created + 1, today - EVENT_DAYS), today - 1]`` (None: no such day)."""
    first = max(created + timedelta(days=1), today - timedelta(days=EVENT_DAYS))
    span = (today - first).days
    return first + timedelta(days=int(span * u)) if span > 0 else None


def _paths(today: date, n: int, seed: int) -> list[_Path]:
    """The paths of today's sample deals, then of the removed ones (fixed seed)."""
    rows: list[dict[str, str]] = generate_sample(today, n=n, seed=seed).to_dict("records")
    pool = generate_sample(today, n=REMOVED_POOL, seed=seed + 2)
    removable = pool[pool["status"] == "open"].to_dict("records")
    for k, row in enumerate(removable):
        row["deal_id"] = f"D-{90001 + k}"
    rng = np.random.default_rng(seed + 1)
    m = len(rows) + len(removable)
    fractions = np.sort(rng.random((m, 3)), axis=1)
    reach = rng.choice(len(STAGES), size=m, p=LOST_REACH)
    draw = rng.random((m, 4))  # moved back?, pushed?, event day, push day
    shift = rng.integers(7, 46, size=m)
    quiet = np.where(rng.random(m) < 0.7, rng.integers(0, 10, m), rng.integers(14, 61, m))
    paths = []
    for i, row in enumerate([*rows, *removable]):
        created = date.fromisoformat(row["created_date"])
        closed = date.fromisoformat(row["closed_date"]) if row["closed_date"] else None
        is_open = closed is None
        if is_open:
            top = STAGES.index(row["stage"])
        else:
            top = len(STAGES) - 1 if row["status"] == "won" else int(reach[i])
        event = _event_day(created, today, float(draw[i, 2]))
        removed_on = event if i >= len(rows) else None
        if i >= len(rows) and removed_on is None:
            continue  # created yesterday: no day left to delete it before today
        back_on = (event if is_open and removed_on is None and top < len(STAGES) - 1
                   and row["last_activity_date"] and draw[i, 0] < MOVED_BACK_SHARE else None)
        reached = top + 1 if back_on is not None else top
        end = back_on or removed_on or closed or today
        span = (end - created).days
        entries = tuple(created + timedelta(days=int(span * f)) for f in fractions[i, :reached])
        pushed_on = None
        earlier = row["expected_close_date"]
        if is_open and removed_on is None and draw[i, 1] < PUSHED_SHARE:
            before = date.fromisoformat(earlier) - timedelta(days=int(shift[i]))
            pushed_on = _event_day(created, today, float(draw[i, 3]))
            if before > created and pushed_on is not None:
                earlier = before.isoformat()
            else:
                pushed_on = None
        paths.append(_Path(row, created, closed, entries, top, back_on, pushed_on, earlier,
                           removed_on, int(quiet[i])))
    return paths


def _row_on(path: _Path, when: date) -> dict[str, str] | None:
    """The deal as an export on ``when`` shows it (None: not in that export)."""
    if path.created > when or (path.removed_on is not None and when >= path.removed_on):
        return None
    if path.closed is not None and path.closed <= when:
        return path.row  # closed by then: exported as it still is today
    stage = sum(day <= when for day in path.entries)
    if path.back_on is not None and when >= path.back_on:
        stage = path.top
    row = dict(path.row)
    last = row["last_activity_date"]
    if last and date.fromisoformat(last) > when:  # activity since: say when the one before was
        last = max(path.created, when - timedelta(days=path.quiet)).isoformat()
    row.update(
        stage=STAGES[stage],
        status="open",
        closed_date="",
        last_activity_date=last,
        expected_close_date=(path.earlier_close if path.pushed_on is not None
                             and when < path.pushed_on else row["expected_close_date"]),
    )
    return row


def _frame(paths: Sequence[_Path], when: date) -> pd.DataFrame:
    rows = [row for row in (_row_on(p, when) for p in paths) if row is not None]
    return pd.DataFrame(rows, columns=list(paths[0].row) if paths else None)


def sample_as_of(today: date, when: date, n: int = 2000, seed: int = SEED) -> pd.DataFrame:
    """The sample as an export taken on ``when`` (≤ ``today``) showed it.

    The same deals as :func:`generate_sample` ``(today)``, seen earlier: deals created after
    ``when`` are absent; deals closed after it are open, in the stage their path had reached,
    without a closed date; open deals may be a stage behind (a few one ahead: they moved back
    since), a few have the earlier close date they had before it was pushed, and a few deals
    since deleted are there. Last activities are never after ``when``. ``when == today`` gives
    :func:`generate_sample` ``(today)`` itself.
    """
    if when > today:
        raise ValueError(f"a snapshot of the sample on {when} is after today ({today})")
    return _frame(_paths(today, n, seed), when)


@dataclass(frozen=True)
class Snapshot:
    """One export of the sample history: its day, its deals and the file name it is given."""

    as_of: date
    deals: pd.DataFrame

    @property
    def filename(self) -> str:
        """``sample-deals-<day>.csv``: the files sort oldest first."""
        return f"sample-deals-{self.as_of.isoformat()}.csv"

    def csv_bytes(self) -> bytes:
        """The snapshot as UTF-8 CSV bytes, ready for the import engine."""
        buffer = io.StringIO()
        self.deals.to_csv(buffer, index=False)
        return buffer.getvalue().encode("utf-8")


def sample_history(
    today: date, days: Sequence[int] = HISTORY_DAYS, n: int = 2000, seed: int = SEED
) -> list[Snapshot]:
    """The sample's snapshots ``days`` before ``today``, oldest first (paths drawn once)."""
    paths = _paths(today, n, seed)
    whens = sorted({today - timedelta(days=d) for d in days})
    if whens and whens[-1] > today:
        raise ValueError("the sample history cannot have a snapshot after today")
    return [Snapshot(when, _frame(paths, when)) for when in whens]


# -- loading the history through an import function ---------------------------------------------
class _Outcome(Protocol):
    """What :func:`load_sample_history` reads of an import outcome (``ImportOutcome``)."""

    import_id: int | None
    created: bool
    already_imported: bool
    refused: str | None
    needs_choice: tuple[int, ...]
    data_version: int | None


@dataclass(frozen=True)
class SampleLoad:
    """What loading the sample history did: one outcome per snapshot imported, and a message."""

    snapshots: tuple[Snapshot, ...]
    outcomes: tuple[Any, ...]
    #: The outcome that stopped the load (refused, or asks a choice); None when all went in.
    failed: Any | None
    message: str

    @property
    def data_version(self) -> int | None:
        """The data version after the last import written (None: nothing written)."""
        versions = [o.data_version for o in self.outcomes if o.data_version is not None]
        return versions[-1] if versions else None


def load_sample_history(
    import_one: Callable[[bytes, str], Any],
    today: date,
    days: Sequence[int] = HISTORY_DAYS,
) -> SampleLoad:
    """Import the sample's snapshots oldest first with ``import_one(content, filename)``.

    ``import_one`` is the normal import path (the write door's ``import_bytes`` in the app,
    ``data.importer.import_file`` bound to an engine elsewhere); the snapshots share one header,
    so they land in one dataset. Stops at the first snapshot the import refuses.
    """
    history = sample_history(today, days)
    outcomes: list[_Outcome] = []
    for snapshot in history:
        outcome: _Outcome = import_one(snapshot.csv_bytes(), snapshot.filename)
        outcomes.append(outcome)
        if outcome.refused or outcome.needs_choice:
            return SampleLoad(tuple(history), tuple(outcomes), outcome,
                              Text(N_("The sample stopped at {file}."),
                                   file=snapshot.filename))
    ids = [o.import_id for o in outcomes]
    span = f"{history[0].as_of.isoformat()} – {history[-1].as_of.isoformat()}"
    written = sum(1 for o in outcomes if o.created)
    if not written:
        message = Text(N_("The sample is already loaded (imports #{first} to #{last}): nothing "
                          "changed."), first=ids[0], last=ids[-1])
    else:
        message = Text(N_("Sample loaded: {n} snapshots of one pipeline, exported from {span} "
                          "(imports #{first} to #{last}), {deals:,} deals in the newest. Trends "
                          "shows how the pipeline moved between them."), n=len(history),
                       span=span, first=ids[0], last=ids[-1], deals=len(history[-1].deals))
    return SampleLoad(tuple(history), tuple(outcomes), None, message)
