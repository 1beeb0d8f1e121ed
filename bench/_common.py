"""Shared helpers of the benchmarks: a fast generator of canonical deals and scratch databases.

The generator is vectorised (numpy + pyarrow) so that a million rows take about a second: the
benchmarks time the application, not the fixture. Values look like a real CRM export: ids,
deal names, accounts, stages in French including won/lost ones, amounts with cents in three
currencies, ISO dates around ``today`` (so forecast windows, overdue and cold deals are
populated), sources, sectors and owners.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"

STAGES = np.array(["Prospect", "Qualifié", "Proposition", "Négociation", "Gagné", "Perdu"])
STAGE_SHARE = np.array([0.22, 0.18, 0.14, 0.12, 0.2, 0.14])
STATUS_OF_STAGE = np.array(["open", "open", "open", "open", "won", "lost"])
CURRENCIES = np.array(["EUR", "USD", "GBP"])
CURRENCY_SHARE = np.array([0.85, 0.11, 0.04])
SOURCES = np.array(["LinkedIn", "Site web", "Salon", "Recommandation", "Google Ads", "Emailing",
                    "Partenaire", "Webinar"])
SECTORS = np.array(["Tech", "Santé", "Industrie", "Retail", "Finance", "Sport", "Éducation",
                    "Énergie", "Transport", "Immobilier", "Agroalimentaire", "Médias"])
FIRST = np.array(["Camille", "Hugo", "Léa", "Nathan", "Sarah", "Louis", "Chloé", "Jules",
                  "Inès", "Paul", "Zoé", "Adam"])
LAST = np.array(["Martin", "Bernard", "Dubois", "Petit", "Moreau", "Laurent", "Simon",
                 "Michel", "Lefèvre", "Garcia", "Roux", "Fournier"])
OWNERS = np.array([f"{first} {last}" for first, last in zip(FIRST, np.roll(LAST, 3), strict=True)]
                  + [f"{first} {last}"
                     for first, last in zip(FIRST, np.roll(LAST, 7), strict=True)])
ACCOUNT_PREFIX = np.array(["Groupe", "Société", "Atelier", "Studio", "Maison", "Cabinet", "Labo"])
ACCOUNT_ROOT = np.array(["Azur", "Boréal", "Cobalt", "Delta", "Éole", "Fusion", "Granit",
                         "Helios", "Iris", "Jade", "Kairos", "Lumen", "Mistral", "Nova", "Orion",
                         "Pixel", "Quartz", "Rivage", "Sirius", "Titan"])
NOTES = np.array(["Relancé par téléphone", "Proposition envoyée; attend retour",
                  "Démo prévue la semaine prochaine", "Budget validé par la direction",
                  "Concurrent moins cher: à surveiller", ""])

#: The canonical snake_case header of the generated files (every canonical field).
HEADER = ("deal_id", "name", "account", "stage", "status", "amount", "currency", "probability",
          "source", "sector", "owner", "created_date", "expected_close_date", "closed_date",
          "last_activity_date", "notes")


def _iso(days: np.ndarray, known: np.ndarray | None = None) -> pa.Array:
    """ISO date strings of day numbers (null where ``known`` is False)."""
    values = pa.array(days.astype("datetime64[D]"), type=pa.date32())
    text = values.cast(pa.string())
    if known is not None:
        text = pa.compute.if_else(pa.array(known), text, pa.scalar(None, pa.string()))
    return text


def _concat(*parts: object) -> pa.Array:
    import pyarrow.compute as pc

    arrays = [p if isinstance(p, pa.Array) else pa.scalar(str(p)) for p in parts]
    return pc.binary_join_element_wise(*arrays, "")


def deals_table(rows: int, today: date | None = None, seed: int = 7) -> pa.Table:
    """``rows`` canonical deals as a pyarrow table of strings (nulls for blank cells)."""
    import pyarrow.compute as pc

    today = today or date.today()
    rng = np.random.default_rng(seed)
    day0 = (np.datetime64(today, "D") - np.datetime64("1970-01-01", "D")).astype(np.int64)
    ids = np.arange(1, rows + 1)
    stage_idx = rng.choice(len(STAGES), size=rows, p=STAGE_SHARE)
    closed = stage_idx >= 4
    age = (1 + 729 * rng.random(rows) ** 1.5).astype(np.int64)
    created = day0 - age
    cycle = np.clip(rng.lognormal(3.9, 0.5, rows), 7, 300).astype(np.int64)
    expected = np.where(closed, created + np.minimum(cycle, age),
                        day0 + rng.integers(-60, 150, rows))
    activity = np.minimum(created + rng.integers(0, 120, rows), day0)
    cents = np.round(rng.lognormal(9.3, 0.8, rows) * 100).astype(np.int64)
    amount_text = _concat(pa.array(cents // 100).cast(pa.string()), ".",
                          pc.utf8_lpad(pa.array(cents % 100).cast(pa.string()), 2, "0"))
    has_amount = rng.random(rows) > 0.01
    probability = rng.integers(10, 96, rows)  # written as 0.10-0.95
    has_probability = rng.random(rows) < 0.3
    deal_ids = _concat("D", pc.utf8_lpad(pa.array(ids).cast(pa.string()), 8, "0"))
    account_idx = rng.integers(0, len(ACCOUNT_PREFIX) * len(ACCOUNT_ROOT), rows)
    accounts = _concat(pa.array(ACCOUNT_PREFIX[account_idx % len(ACCOUNT_PREFIX)]), " ",
                       pa.array(ACCOUNT_ROOT[account_idx // len(ACCOUNT_PREFIX)]), " ",
                       pa.array((ids % 997).astype(str)))
    names = _concat("Affaire ", pa.array(ids.astype(str)), " — ",
                    pa.array(ACCOUNT_ROOT[account_idx // len(ACCOUNT_PREFIX)]))
    null = pa.scalar(None, pa.string())
    columns = {
        "deal_id": deal_ids,
        "name": names,
        "account": accounts,
        "stage": pa.array(STAGES[stage_idx]),
        "status": pa.array(STATUS_OF_STAGE[stage_idx]),
        "amount": pc.if_else(pa.array(has_amount), amount_text, null),
        "currency": pa.array(CURRENCIES[rng.choice(3, size=rows, p=CURRENCY_SHARE)]),
        "probability": pc.if_else(pa.array(has_probability),
                                  _concat("0.", pa.array(probability.astype(str))), null),
        "source": pa.array(SOURCES[rng.integers(0, len(SOURCES), rows)]),
        "sector": pa.array(SECTORS[rng.integers(0, len(SECTORS), rows)]),
        "owner": pa.array(OWNERS[rng.integers(0, len(OWNERS), rows)]),
        "created_date": _iso(created),
        "expected_close_date": _iso(expected, rng.random(rows) > 0.03),
        "closed_date": _iso(expected, closed),
        "last_activity_date": _iso(activity, rng.random(rows) > 0.1),
        "notes": pc.if_else(pa.array(rng.random(rows) < 0.6),
                            pa.array(NOTES[rng.integers(0, len(NOTES), rows)]), null),
    }
    return pa.table(columns)


def to_csv(table: pa.Table) -> bytes:
    """A clean UTF-8 CSV (comma, header, no quotes: no generated value holds a comma)."""
    buffer = io.BytesIO()
    buffer.write((",".join(table.column_names) + "\n").encode())
    pacsv.write_csv(table, buffer,
                    pacsv.WriteOptions(include_header=False, quoting_style="none"))
    return buffer.getvalue()


def canonical_csv(rows: int, today: date | None = None, seed: int = 7) -> bytes:
    """The generated deals as the CSV a user would upload (canonical snake_case headers)."""
    return to_csv(deals_table(rows, today, seed))


@contextmanager
def scratch_postgres(prefix: str = "crm_bench") -> Iterator[str]:
    """A fresh PostgreSQL database on the local cluster, dropped on exit; yields its URL."""
    import psycopg

    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
