"""Issue 4 acceptance: the CLI's KPIs agree with an independent computation from METRICS.md.

Each dataset goes through the real CLI (``python -m data import F --json`` then ``python -m data
kpis --json --as-of 2026-11-23 [--query …]``) on SQLite and PostgreSQL, and every figure is
compared with a computation written here from the words of METRICS.md, straight from the raw CSV
with pandas: our own column renames, our own stage → status/probability table, no code from
``data.metrics``, ``data.ingest`` or ``data.stages``.

Datasets: the app's sample (``data.sample``), and two exports written by hand in
``tests/datalayer/files/`` — a HubSpot deals export (no currency column, blank amounts, "3,400.50"
style amounts, dates with a time of day) and a Pipedrive export (EUR and USD, status column,
won/lost times, no last-activity column). The hand-written rows put deals on every boundary that
METRICS.md draws: expected close exactly at as_of, as_of + 30, + 31, + 60, + 61, + 90, + 91 and
as_of − 1; last activity exactly 13, 14 and 15 days before as_of; leads created 1 and 2 days
before as_of; a lead whose only activity is on its creation day; p exactly 0.5.

Conventions taken from METRICS.md: dates have day precision (a time of day counts as its
calendar day, "48 hours before as_of" is created_date ≤ as_of − 2 days); counts are over every
deal of D; value figures over the deals of D in the most frequent currency of D (alphabetical on
ties) unless ``currency=`` asks for another; sums and means skip unknown amounts.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from data.sample import sample_csv_bytes

ROOT = Path(__file__).resolve().parents[2]
FILES = Path(__file__).parent / "files"
AS_OF = date(2026, 11, 23)
CLI_TIMEOUT_S = 120

# -- stage tables, from METRICS.md ---------------------------------------------------------------
# HubSpot's own default deal-stage probabilities (METRICS.md: "the vendors' own defaults").
HUBSPOT_STAGES = {
    "Appointment Scheduled": ("open", 0.20),
    "Qualified To Buy": ("open", 0.40),
    "Presentation Scheduled": ("open", 0.60),
    "Decision Maker Bought-In": ("open", 0.80),
    "Contract Sent": ("open", 0.90),
    "Closed Won": ("won", 1.0),
    "Closed Lost": ("lost", 0.0),
}
HUBSPOT_FIRST_STAGE = "Appointment Scheduled"
# Seed spec: Prospect 10 %, Qualifié 30 %, Négociation 70 %, Gagné 100 %; "Proposition" is not
# fixed by METRICS.md: 50 % is this app's built-in table (data/stages.py), allowed by the brief.
SEED_STAGES = {
    "Prospect": ("open", 0.10),
    "Qualifié": ("open", 0.30),
    "Proposition": ("open", 0.50),
    "Négociation": ("open", 0.70),
    "Gagné": ("won", 1.0),
    "Perdu": ("lost", 0.0),
}
SEED_FIRST_STAGE = "Prospect"
# Pipedrive's stage names are not fixed by METRICS.md; these are the app's built-in defaults
# (data/stages.py BUILTIN_STAGES), in Pipedrive's default pipeline order.
PIPEDRIVE_STAGES = {
    "Lead In": ("open", 0.05),
    "Contact Made": ("open", 0.15),
    "Demo Scheduled": ("open", 0.40),
    "Proposal Made": ("open", 0.50),
    "Negotiations Started": ("open", 0.70),
}
PIPEDRIVE_FIRST_STAGE = "Lead In"

COLUMNS = ["deal_id", "stage", "status", "amount", "currency", "p", "source", "created",
           "expected", "closed", "last_activity"]


# -- reading the raw files -------------------------------------------------------------------
def _raw(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _day(text: pd.Series) -> pd.Series:
    """Calendar day of "2026-11-21", "2026-11-21 09:30" or "2026-11-21 09:30:00"; NaT if blank."""
    return pd.to_datetime(text.str.strip().str[:10], format="%Y-%m-%d", errors="coerce")


def _amount(text: pd.Series) -> pd.Series:
    """"12500", "3,400.50" (comma = thousands), blank = unknown."""
    cleaned = text.str.strip().str.replace(",", "", regex=False)
    return pd.to_numeric(cleaned.where(cleaned != ""), errors="raise").astype(float)


def _own_probability(text: str) -> float | None:
    """METRICS.md: "70%", "70", "0,7", "0.7" all mean 0.70; anything else is not valid."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    percent = text.endswith("%")
    try:
        value = float(text.rstrip("%").strip())
    except ValueError:
        return None
    if percent or value > 1:
        value /= 100
    return value if 0 <= value <= 1 else None


def hubspot_deals(path: Path) -> pd.DataFrame:
    raw = _raw(path)
    status = raw["Deal Stage"].map(lambda s: HUBSPOT_STAGES[s][0])
    close = _day(raw["Close Date"])
    return pd.DataFrame({
        "deal_id": raw["Record ID"],
        "stage": raw["Deal Stage"],
        "status": status,
        "amount": _amount(raw["Amount"]),
        # No currency column: one currency for the whole file. METRICS.md does not name it; the
        # app labels it with its configured default (Settings.default_currency, EUR).
        "currency": "EUR",
        "p": raw["Deal Stage"].map(lambda s: HUBSPOT_STAGES[s][1]),
        "source": raw["Original Source"],
        "created": _day(raw["Create Date"]),
        "expected": close,
        # HubSpot's Close Date is the actual close date of a closed deal
        "closed": close.where(status != "open"),
        "last_activity": _day(raw["Last Activity Date"]),
    })[COLUMNS]


def pipedrive_deals(path: Path) -> pd.DataFrame:
    raw = _raw(path)
    status = raw["Deal - Status"]
    p = raw["Deal - Stage"].map(lambda s: PIPEDRIVE_STAGES[s][1])
    p = p.mask(status == "won", 1.0).mask(status == "lost", 0.0)
    won_time, lost_time = _day(raw["Deal - Won time"]), _day(raw["Deal - Lost time"])
    return pd.DataFrame({
        "deal_id": raw["Deal - ID"],
        "stage": raw["Deal - Stage"],
        "status": status,
        "amount": _amount(raw["Deal - Value"]),
        "currency": raw["Deal - Currency"],
        "p": p,
        "source": raw["Deal - Source"],
        "created": _day(raw["Deal - Deal created"]),
        "expected": _day(raw["Deal - Expected close date"]),
        "closed": won_time.where(status == "won", lost_time.where(status == "lost")),
        "last_activity": pd.Series(pd.NaT, index=raw.index),  # no such column in the file
    })[COLUMNS]


def sample_deals(path: Path) -> pd.DataFrame:
    raw = _raw(path)
    status = raw["status"]
    by_stage = raw["stage"].map(lambda s: SEED_STAGES[s][1])
    own = raw["probability"].map(_own_probability).astype(float)
    p = own.fillna(by_stage).mask(status == "won", 1.0).mask(status == "lost", 0.0)
    return pd.DataFrame({
        "deal_id": raw["deal_id"],
        "stage": raw["stage"],
        "status": status,
        "amount": _amount(raw["amount"]),
        "currency": raw["currency"].where(raw["currency"] != ""),
        "p": p,
        "source": raw["source"],
        "created": _day(raw["created_date"]),
        "expected": _day(raw["expected_close_date"]),
        "closed": _day(raw["closed_date"]),
        "last_activity": _day(raw["last_activity_date"]),
    })[COLUMNS]


# -- the indicators, from METRICS.md ----------------------------------------------------------
def _most_frequent_currency(d: pd.DataFrame) -> str | None:
    counts = d["currency"].dropna().value_counts()
    if counts.empty:
        return None
    return sorted(counts[counts == counts.max()].index)[0]


def _mean(values: pd.Series) -> float | None:
    values = values.dropna()
    return float(values.mean()) if len(values) else None


def expected_kpis(d: pd.DataFrame, as_of: date, first_stage: str,
                  currency: str | None = None, cold_days: int = 14) -> dict[str, Any]:
    """Every compared figure of METRICS.md over the filtered deals ``d``."""
    today = pd.Timestamp(as_of)
    is_open, is_won, is_lost = (d["status"] == s for s in ("open", "won", "lost"))
    cur = currency or _most_frequent_currency(d)
    in_cur = d["currency"] == cur if cur else pd.Series(True, index=d.index)
    amount = d["amount"].where(in_cur)  # value figures: main currency only (NaN elsewhere)
    weighted = amount * d["p"]
    n_total, n_won, n_lost = len(d), int(is_won.sum()), int(is_lost.sum())

    forecast = {}
    for n in (30, 60, 90):
        window = is_open & (d["expected"] >= today) & (d["expected"] <= today + timedelta(n))
        forecast[str(n)] = {"deals": int(window.sum()),
                            "likely": float(weighted[window].sum()),
                            "gross": float(amount[window].sum())}
    overdue = is_open & (d["expected"] < today)
    quiet = (today - d["last_activity"]).dt.days
    cold = is_open & (quiet >= cold_days)
    due_30 = is_open & (d["expected"] >= today) & (d["expected"] <= today + timedelta(30))
    quick = due_30 & (d["p"] >= 0.5)
    untreated = (is_open & (d["stage"] == first_stage)
                 & (d["created"] <= today - timedelta(2))
                 & (d["last_activity"].isna() | (d["last_activity"] <= d["created"])))
    ttw = ((d["closed"].fillna(d["expected"]) - d["created"]).dt.days)[is_won].dropna()

    return {
        "currency": cur,
        "other_currency_deals": int((~in_cur).sum()),
        "deals": {"total": n_total, "open": int(is_open.sum()), "won": n_won, "lost": n_lost},
        "pipeline_gross": float(amount[is_open].sum()),
        "pipeline_weighted": float(weighted[is_open].sum()),
        "win_rate": n_won / (n_won + n_lost) if n_won + n_lost else None,
        "conversion_rate": n_won / n_total if n_total else None,
        "average_deal_size": _mean(amount),
        "average_won_deal_size": _mean(amount[is_won]),
        "won_revenue": float(amount[is_won].sum()),
        "forecast": forecast,
        "overdue": {"count": int(overdue.sum()), "gross": float(amount[overdue].sum())},
        "cold_deals": int(cold.sum()),
        "quick_wins": int(quick.sum()),
        "untreated_leads": int(untreated.sum()),
        "time_to_win_days": {"mean": float(ttw.mean()) if len(ttw) else None,
                             "median": float(ttw.median()) if len(ttw) else None},
        # value by stage, compared on open deals (see compare())
        "stages": {
            stage: {"count": int((is_open & (d["stage"] == stage)).sum()),
                    "gross": float(amount[is_open & (d["stage"] == stage)].sum()),
                    "weighted": float(weighted[is_open & (d["stage"] == stage)].sum())}
            for stage in d.loc[is_open, "stage"].unique()
        },
    }


MONEY = {"pipeline_gross", "pipeline_weighted", "average_deal_size", "average_won_deal_size",
         "won_revenue"}


def _close(actual: Any, expected: Any, tolerance: float) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    return math.isclose(float(actual), float(expected), rel_tol=1e-12, abs_tol=tolerance)


def compare(cli: dict[str, Any], mine: dict[str, Any],
            skip: frozenset[str] = frozenset()) -> list[str]:
    """Every disagreement between the CLI's JSON and the independent figures, as text."""
    problems: list[str] = []
    cent = 0.005 + 1e-6  # the CLI rounds money to the cent
    day = 0.005 + 1e-6  # and days to 2 decimals

    def check(name: str, actual: Any, expected: Any, tolerance: float = 1e-9) -> None:
        exact = isinstance(expected, int | str) or (expected is None and tolerance == 0)
        ok = actual == expected if exact else _close(actual, expected, tolerance)
        if not ok:
            problems.append(f"{name}: CLI {actual!r} != METRICS.md {expected!r}")

    check("currency", cli["currency"], mine["currency"], 0)
    check("other_currency_deals", cli["other_currency_deals"], mine["other_currency_deals"])
    for key in ("total", "open", "won", "lost"):
        check(f"deals.{key}", cli["deals"][key], mine["deals"][key])
    for key in ("win_rate", "conversion_rate"):
        check(key, cli[key], mine[key])
    for key in sorted(MONEY):
        check(key, cli[key], mine[key], cent)
    for n in ("30", "60", "90"):
        got, want = cli["forecast"][n], mine["forecast"][n]
        check(f"forecast.{n}.deals", got["deals"], want["deals"])
        check(f"forecast.{n}.likely", got["likely"], want["likely"], cent)
        check(f"forecast.{n}.gross", got["gross"], want["gross"], cent)
        if not got["worst"] <= got["likely"] <= got["best"] <= got["gross"] + cent:
            problems.append(f"forecast.{n}: worst ≤ likely ≤ best ≤ gross fails: {got}")
    check("overdue.count", cli["overdue"]["count"], mine["overdue"]["count"])
    check("overdue.gross", cli["overdue"]["gross"], mine["overdue"]["gross"], cent)
    for key in ("cold_deals", "quick_wins", "untreated_leads"):
        if key not in skip:
            check(key, cli[key], mine[key])
    for key in ("mean", "median"):
        check(f"time_to_win_days.{key}", cli["time_to_win_days"][key],
              mine["time_to_win_days"][key], day)
    # Open stages only: with a status column (Pipedrive) the importer files won and lost deals
    # under "Won"/"Lost" instead of the stage they closed in, which METRICS.md does not settle.
    cli_stages = {s["stage"]: s for s in cli["stages"] if s["status"] == "open" and s["count"]}
    if set(cli_stages) != set(mine["stages"]):
        problems.append(f"open stages: CLI {sorted(cli_stages)} != {sorted(mine['stages'])}")
    for stage, want in mine["stages"].items():
        got = cli_stages.get(stage)
        if got is not None:
            check(f"stages[{stage}].count", got["count"], want["count"])
            check(f"stages[{stage}].gross", got["gross"], want["gross"], cent)
            check(f"stages[{stage}].weighted", got["weighted"], want["weighted"], cent)
    return problems


# -- running the CLI ---------------------------------------------------------------------------
def run_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONIOENCODING": "utf-8"}
    env.pop("REDIS_URL", None)
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=CLI_TIMEOUT_S, check=False)


def cli_import(db_url: str, path: Path) -> dict[str, Any]:
    done = run_cli(db_url, "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


def cli_kpis(db_url: str, query: str | None = None) -> dict[str, Any]:
    args = ["kpis", "--json", "--as-of", AS_OF.isoformat()]
    if query is not None:
        args += ["--query", query]
    done = run_cli(db_url, *args)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@dataclass(frozen=True)
class Dataset:
    """A file, how to read it independently, and the queries to compare."""

    name: str
    first_stage: str
    stages: dict[str, tuple[str, float]]
    #: (query, source filter or None, explicit currency or None)
    queries: tuple[tuple[str | None, str | None, str | None], ...]
    has_last_activity: bool = True


DATASETS = {
    "sample": Dataset("sample", SEED_FIRST_STAGE, SEED_STAGES,
                      ((None, None, None), ("source=LinkedIn", "LinkedIn", None),
                       ("currency=USD", None, "USD"))),
    "hubspot": Dataset("hubspot", HUBSPOT_FIRST_STAGE, HUBSPOT_STAGES,
                       ((None, None, None), ("source=Referrals", "Referrals", None))),
    # Partner deals are all in USD: under that filter USD is the most frequent currency of D
    "pipedrive": Dataset("pipedrive", PIPEDRIVE_FIRST_STAGE, PIPEDRIVE_STAGES,
                         ((None, None, None), ("source=Event", "Event", None),
                          ("source=Partner", "Partner", None), ("currency=USD", None, "USD")),
                         has_last_activity=False),
}


def _file_and_deals(name: str, tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    if name == "sample":
        path = tmp_path / "sample-2026-11-23.csv"
        path.write_bytes(sample_csv_bytes(AS_OF))
        return path, sample_deals(path)
    if name == "hubspot":
        path = FILES / "hubspot_deals_2026-11.csv"
        return path, hubspot_deals(path)
    path = FILES / "pipedrive_deals_2026-11.csv"
    return path, pipedrive_deals(path)


# -- sanity of the hand-written files (they must exercise what they claim to) ---------------------
def test_hand_written_files_cover_the_boundaries() -> None:
    hub = hubspot_deals(FILES / "hubspot_deals_2026-11.csv")
    pipe = pipedrive_deals(FILES / "pipedrive_deals_2026-11.csv")
    assert len(hub) == 40 and len(pipe) == 30
    assert hub["amount"].isna().sum() == 4
    assert pipe["currency"].value_counts().to_dict() == {"EUR": 20, "USD": 10}
    today = pd.Timestamp(AS_OF)
    offsets = set((hub["expected"] - today).dt.days[hub["status"] == "open"].dropna())
    offsets |= set((pipe["expected"] - today).dt.days[pipe["status"] == "open"].dropna())
    assert {-1, 0, 30, 31, 60, 61, 90, 91} <= offsets
    quiet = set((today - hub["last_activity"]).dt.days[hub["status"] == "open"].dropna())
    assert {13, 14, 15} <= quiet
    created = set((today - hub["created"]).dt.days[hub["stage"] == HUBSPOT_FIRST_STAGE])
    assert {1, 2} <= created
    assert (pipe["p"] == 0.5).any()
    mine = expected_kpis(hub, AS_OF, HUBSPOT_FIRST_STAGE)
    assert mine["cold_deals"] and mine["untreated_leads"] and mine["quick_wins"]
    assert mine["overdue"]["count"] and all(mine["forecast"][n]["deals"] for n in ("30", "60"))


# -- the acceptance test -----------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(DATASETS))
def test_cli_kpis_match_metrics_md(name: str, db_url: str, tmp_path: Path) -> None:
    dataset = DATASETS[name]
    path, deals = _file_and_deals(name, tmp_path)
    assert set(deals["stage"]) <= set(dataset.stages), "a stage missing from the test's table"

    imported = cli_import(db_url, path)
    assert imported["created"] and not imported["already_imported"]
    assert (imported["rows_imported"], imported["rows_rejected"]) == (len(deals), 0)
    assert imported["errors"] == []

    # without a last-activity column cold/untreated are not available: see the test below
    skip = frozenset() if dataset.has_last_activity else frozenset({"cold_deals",
                                                                    "untreated_leads"})
    failures: list[str] = []
    for query, source, currency in dataset.queries:
        d = deals if source is None else deals[deals["source"] == source]
        mine = expected_kpis(d, AS_OF, dataset.first_stage, currency)
        cli = cli_kpis(db_url, query)
        assert cli["import_id"] == imported["import_id"]
        assert cli["as_of"] == AS_OF.isoformat()
        failures += [f"[{query or 'no filter'}] {p}" for p in compare(cli, mine, skip)]
    assert not failures, "\n".join(failures)


def test_stage_probabilities_are_the_metrics_md_defaults(db_url: str, tmp_path: Path) -> None:
    """The effective probability of every stage (shown in the app) is the table above."""
    for name in ("hubspot", "sample"):
        dataset = DATASETS[name]
        path, _deals = _file_and_deals(name, tmp_path)
        cli_import(db_url, path)
        cli = cli_kpis(db_url)
        shown = {s["stage"]: (s["status"], s["probability"]) for s in cli["stages"]}
        assert shown == {k: v for k, v in dataset.stages.items() if k in shown}
        assert set(shown) == set(_deals["stage"])


def test_indicators_without_their_column_are_not_shown_as_zero(db_url: str,
                                                                tmp_path: Path) -> None:
    path, _deals = _file_and_deals("pipedrive", tmp_path)
    cli_import(db_url, path)
    cli = cli_kpis(db_url)
    # METRICS.md: an indicator whose column is absent is not shown (None, never 0), and the
    # CLI names the missing column under "unavailable".
    for key in ("cold_deals", "untreated_leads"):
        assert cli[key] is None, f"{key}={cli[key]!r} shown without its column"
        assert "last_activity_date" in cli["unavailable"][key], cli["unavailable"]


def test_pages_count_the_same_deals_as_the_cli(engine: Any) -> None:
    from data.__main__ import kpi_json
    from data.filters import FilterState
    from data.importer import import_file
    from data.memo import NoCache
    from data.snapshots import SnapshotManager

    import_file(engine, sample_csv_bytes(AS_OF), "sample.csv")
    cli = kpi_json(engine, AS_OF)
    assert cli is not None
    manager = SnapshotManager(engine, NoCache())
    selection = manager.selection(manager.version(), FilterState())
    assert selection is not None and selection.other_currency_deals > 0
    from data.metrics.priority import priority_view
    from data.pagedata import forecast

    windows = {str(w.window): w.deals for w in forecast.build(selection, AS_OF).windows}
    assert windows == {n: cli["forecast"][n]["deals"] for n in ("30", "60", "90")}
    quick = priority_view("quick_wins", selection.deals, AS_OF, selection.snapshot.stages)
    assert len(quick) == cli["quick_wins"]
