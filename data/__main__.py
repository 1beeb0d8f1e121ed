"""Command line on the same code path as the UI.

    python -m data import FILE [FILE…] [--json] [--sheet NAME] [--map "Header=field"…]
                          [--mapping FILE.json] [--new-version | --replace]
    python -m data kpis --json [--as-of YYYY-MM-DD] [--query "stage=Negotiation&source=LinkedIn"]
    python -m data sample [--out FILE] [--today YYYY-MM-DD] [--history DIR]
    python -m data imports [--json]
    python -m data migrate
    python -m data user add NAME [--password-stdin] | python -m data user token NAME
    python -m data movement --json --from IMPORT --to IMPORT [--deals] [--query ...]
    python -m data backtest --json [--imports 1,2,3] [--dates YYYY-MM-DD,...] [--query ...]
    python -m data remind [--as-of YYYY-MM-DD] [--dataset N] [--json]

``DATABASE_URL`` selects the database (default: the SQLite file under ``instance/``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from data import history, metrics, store
from data.api import kpi_json
from data.batch import yield_cpu
from data.config import load_settings
from data.db import make_engine, migrate
from data.filters import FilterState
from data.import_session import Reimport
from data.importer import import_paths
from data.ingest.cli_mapping import parse_cli_mapping
from data.sample import sample_csv_bytes, sample_history


def _engine() -> Engine:
    engine = make_engine(load_settings().database_url)
    migrate(engine)
    return engine


def cmd_import(args: argparse.Namespace) -> int:
    """Import a file (or related files); exit 0 when imported (or already there), 1 when
    refused or undecided (the same file imported before with another mapping).
    """
    yield_cpu()  # batch work: the web workers of this host go first (data.batch)
    paths = [Path(name) for name in args.files]
    for missing in (p for p in paths if not p.is_file()):
        print(f"error: {missing}: no such file", file=sys.stderr)
        return 2
    try:
        mapping = parse_cli_mapping(args.map, args.mapping)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    reimport: Reimport = args.reimport or "ask"
    outcome = import_paths(_engine(), paths, mapping, args.sheet, settings=load_settings(),
                           reimport=reimport)
    path = Path(outcome.summary.get("filename") or paths[0].name)
    result = outcome.as_json()
    for proposal in result.get("proposals") or []:
        print(f"warning: {proposal['message']}", file=sys.stderr)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif outcome.refused or outcome.needs_choice:
        pass
    elif outcome.already_imported:
        print(f"{path.name}: already imported as import #{outcome.import_id}; nothing changed.")
    else:
        replaced = f" (replacing import #{outcome.replaced})" if outcome.replaced else ""
        print(
            f"{path.name}: imported {result['rows_imported']} deals as import "
            f"#{outcome.import_id}{replaced}; {result['rows_rejected']} rejected, "
            f"{len(result['warnings'])} warnings."
        )
        proposed = {p["message"] for p in result.get("proposals") or []}
        for warning in result["warnings"]:
            if warning["message"] not in proposed:  # proposals went to stderr above
                print(f"  warning: {warning['message']}")
        for error in result["errors"][:20]:
            column = f", column {error['column']}" if error.get("column") else ""
            print(f"  row {error['row']}{column}: {error['message']}")
    if outcome.refused:
        print(f"error: {path.name} was not imported: {outcome.refused}", file=sys.stderr)
        return 1
    if outcome.needs_choice:
        earlier = ", ".join(f"#{i}" for i in outcome.needs_choice)
        print(
            f"error: {path.name} was already imported with another column mapping (import "
            f"{earlier}); nothing changed. Rerun with --new-version to keep both, or with "
            "--replace to replace the newest of them.",
            file=sys.stderr,
        )
        return 1
    return 0


def movement_json(
    engine: Any, from_id: int, to_id: int, query: str = "", deals: bool = False
) -> dict[str, Any]:
    """Movement between two imports: per category ``count`` and ``amount`` (+ deal ids)."""
    from data.metrics.history import movement, movement_summary
    from data.snapshot_series import load_series

    series = load_series(engine, [from_id, to_id], query=query)
    by_id = {s.import_id: s.deals for s in series.all_deals}
    moves = movement(by_id[from_id], by_id[to_id], series.stages)
    summary = movement_summary(moves, series.currency)
    result: dict[str, Any] = {"from": from_id, "to": to_id, "currency": series.currency}
    for row in summary.itertuples(index=False):
        entry: dict[str, Any] = {"count": int(row.count), "amount": float(row.amount)}
        if deals:
            entry["deals"] = moves.loc[moves["category"] == row.category, "deal_id"].tolist()
        result[str(row.category)] = entry
    return result


def backtest_json(
    engine: Any,
    import_ids: list[int] | None = None,
    dates: list[date] | None = None,
    query: str = "",
    min_closed: int | None = None,
) -> dict[str, Any]:
    """Backtest rows (per snapshot and window) and MAE / bias per method and window."""
    from data.metrics.backtest import backtest, backtest_summary
    from data.metrics.calibration import MIN_CLOSED_DEALS
    from data.snapshot_series import load_series

    series = load_series(engine, import_ids, dates, query)
    results = backtest(series.snapshots, series.stages,
                       min_closed=MIN_CLOSED_DEALS if min_closed is None else min_closed)
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for r in results.itertuples(index=False):
        row = rows.setdefault((int(r.import_id), int(r.window)), {
            "import_id": int(r.import_id), "as_of": r.as_of, "window": int(r.window),
            "judged": bool(r.judged), "actual": float(r.actual)})
        suffix = "" if r.method == "configured" else "_calibrated"
        row["forecast" + suffix] = float(r.forecast)
        row["error" + suffix] = float(r.error)
        row["signed_error" + suffix] = float(r.signed_error)
    summary: dict[str, dict[str, Any]] = {}
    for s in backtest_summary(results).itertuples(index=False):
        summary.setdefault(str(s.method), {})[str(int(s.window))] = metrics.to_json(
            {"snapshots": int(s.snapshots), "mae": s.mae, "bias": s.bias})
    notices = [] if len(series.snapshots) >= 2 else [
        "a backtest needs two or more imports of the dataset (snapshots); "
        f"found {len(series.snapshots)}"]
    return {
        "currency": series.currency,
        "notices": notices,
        "snapshots": [{"import_id": s.import_id, "as_of": s.as_of.isoformat()}
                      for s in series.snapshots],
        "rows": list(rows.values()),
        "summary": summary,
    }


def time_in_stage_json(
    engine: Any,
    import_ids: list[int] | None = None,
    dates: list[date] | None = None,
    query: str = "",
    by: str | None = None,
) -> list[dict[str, Any]]:
    """Time in stage per stage (and per ``by``: source or owner) over a series of imports."""
    from data.metrics.history import stage_spells, time_in_stage
    from data.snapshot_series import load_series

    series = load_series(engine, import_ids, dates, query)
    table = time_in_stage(stage_spells(series.all_deals, series.stages), series.stages, by)
    return list(metrics.to_json(table.to_dict("records")))


def _ids(text: str | None) -> list[int] | None:
    return None if not text else [int(x) for x in text.split(",") if x.strip()]


def _print_json(args: argparse.Namespace, compute: Callable[[], Any]) -> int:
    """Print ``compute()`` as JSON (one line with ``--json``), or a clear error and exit 1."""
    try:
        result = compute()
    except (LookupError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


def _dates(text: str | None) -> list[date] | None:
    return [date.fromisoformat(d) for d in text.split(",")] if text else None


def cmd_movement(args: argparse.Namespace) -> int:
    """Print the movement between two imports as JSON."""
    return _print_json(args, lambda: movement_json(
        _engine(), args.from_id, args.to_id, args.query or "", args.deals))


def cmd_backtest(args: argparse.Namespace) -> int:
    """Print the backtest over a series of imports as JSON."""
    return _print_json(args, lambda: backtest_json(
        _engine(), _ids(args.imports), _dates(args.dates), args.query or "", args.min_closed))


def cmd_time_in_stage(args: argparse.Namespace) -> int:
    """Print time in stage over a series of imports as JSON."""
    return _print_json(args, lambda: time_in_stage_json(
        _engine(), _ids(args.imports), _dates(args.dates), args.query or "", args.by))


def cmd_kpis(args: argparse.Namespace) -> int:
    """Print the KPIs of the newest import as JSON."""
    query_as_of = FilterState.from_query(args.query or "").as_of
    as_of = date.fromisoformat(args.as_of) if args.as_of else query_as_of
    try:
        result = kpi_json(_engine(), as_of, args.query or "")
    except LookupError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if result is None:
        print("error: no import yet; run `python -m data import FILE` first", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=2 if not args.json else None))
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    """Write the sample CSV (dates relative to --today, default today).

    ``--history DIR`` writes the sample's snapshots instead (one CSV per export day, what the
    app's button imports): import them oldest first to get one dataset with its history.
    """
    today = date.fromisoformat(args.today) if args.today else date.today()
    if args.history:
        directory = Path(args.history)
        if directory.exists() and not directory.is_dir():
            print(f"error: --history {directory} is a file; give a directory", file=sys.stderr)
            return 1
        directory.mkdir(parents=True, exist_ok=True)
        for snapshot in sample_history(today):
            path = directory / snapshot.filename
            path.write_bytes(snapshot.csv_bytes())
            print(f"wrote {path} ({len(snapshot.deals)} deals as of {snapshot.as_of})")
        return 0
    content = sample_csv_bytes(today)
    if args.out:
        Path(args.out).write_bytes(content)
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(content.decode())
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Bring the database schema to the newest revision (what a deploy runs before serving)."""
    del args
    url = load_settings().database_url
    migrate(make_engine(url))
    print(f"schema up to date on {make_url(url).render_as_string(hide_password=True)}")
    return 0


def cmd_imports(args: argparse.Namespace) -> int:
    """List the imports kept."""
    rows = [
        {
            "id": i.id,
            "filename": i.filename,
            "imported_at": i.imported_at.isoformat(),
            "rows_imported": i.rows_imported,
            "rows_rejected": i.rows_rejected,
        }
        for i in store.list_imports(_engine())
    ]
    print(
        json.dumps(rows, indent=2)
        if args.json
        else "\n".join(f"#{r['id']} {r['filename']} {r['rows_imported']} deals" for r in rows)
    )
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    """Print what needs attention today and e-mail the digest when SMTP is configured.

    A scheduler runs it daily. Without ``SMTP_URL``/``REMIND_TO`` no e-mail is sent and the
    exit status is 0 (a log line says so); a bad date or an SMTP failure exits 1.
    """
    import logging
    import os
    import smtplib

    from data import reminders

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(reminders.__name__)
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        as_of = date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        print(f"error: --as-of {args.as_of!r} is not a date: expected YYYY-MM-DD",
              file=sys.stderr)
        return 2
    engine = _engine()
    cold = int(history.app_settings(engine, {"cold_days": load_settings().cold_days})
               ["cold_days"])
    found = reminders.for_pipeline(engine, as_of, args.dataset, cold_days=cold)
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(reminders.digest_text(found))
    try:
        reminders.send_digest(found, os.environ)
    except (ValueError, OSError, smtplib.SMTPException) as error:
        print(f"error: the reminder e-mail was not sent: {error}", file=sys.stderr)
        return 1
    return 0


def cmd_user(args: argparse.Namespace) -> int:
    """Add a login user (password asked twice, or one line on stdin) or print a new API token."""
    from data import writes

    engine = _engine()
    try:
        if args.action == "token":
            print(writes.create_token(engine, args.name))
            print("Keep it: it is shown once. Send it as 'Authorization: Bearer TOKEN'.",
                  file=sys.stderr)
            return 0
        if args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            import getpass

            password = getpass.getpass(f"Password for {args.name}: ")
            if getpass.getpass("Again: ") != password:
                print("error: the two passwords differ; nothing changed", file=sys.stderr)
                return 2
        user = writes.add_user(engine, args.name, password)
    except (ValueError, LookupError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    print(f"user {user.name} added (#{user.id})")
    return 0


def _add_history_commands(sub: Any) -> None:
    """The ``movement`` and ``backtest`` subcommands (issue 12)."""
    p_move = sub.add_parser("movement", help="pipeline movement between two imports")
    p_move.add_argument("--json", action="store_true", help="compact JSON (one line)")
    p_move.add_argument("--from", dest="from_id", type=int, required=True, help="earlier import")
    p_move.add_argument("--to", dest="to_id", type=int, required=True, help="later import")
    p_move.add_argument("--deals", action="store_true", help="list the deal ids per category")
    p_move.add_argument("--query", help="filters, as in the page URLs")
    p_move.set_defaults(func=cmd_movement)
    p_back = sub.add_parser("backtest", help="forecast vs actual over a series of imports")
    p_back.add_argument("--json", action="store_true", help="compact JSON (one line)")
    p_back.add_argument("--imports", help="import ids, comma separated (default: all)")
    p_back.add_argument("--dates", help="snapshot dates YYYY-MM-DD, one per import")
    p_back.add_argument("--min-closed", type=int, help="closed deals a stage needs to calibrate")
    p_back.add_argument("--query", help="filters, as in the page URLs")
    p_back.set_defaults(func=cmd_backtest)
    p_tis = sub.add_parser("time-in-stage", help="time in stage over a series of imports")
    p_tis.add_argument("--json", action="store_true", help="compact JSON (one line)")
    p_tis.add_argument("--imports", help="import ids, comma separated (default: all)")
    p_tis.add_argument("--dates", help="snapshot dates YYYY-MM-DD, one per import")
    p_tis.add_argument("--by", choices=("source", "owner"), help="also split by this column")
    p_tis.add_argument("--query", help="filters, as in the page URLs")
    p_tis.set_defaults(func=cmd_time_in_stage)
    p_user = sub.add_parser("user", help="login users (AUTH=on) and their API tokens")
    p_user.add_argument("action", choices=("add", "token"),
                        help="add: a user with a password; token: a new API token")
    p_user.add_argument("name")
    p_user.add_argument("--password-stdin", action="store_true",
                        help="read the password from one line of stdin (scripts)")
    p_user.set_defaults(func=cmd_user)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run one command."""
    parser = argparse.ArgumentParser(
        prog="python -m data",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p_import = sub.add_parser(
        "import", help="import a CSV / XLSX / CSV.GZ file, or related files joined onto the deals"
    )
    p_import.add_argument("files", nargs="+", metavar="FILE",
                          help="the deals export, then any related export (companies, "
                               "contacts, activities) to join onto it")
    p_import.add_argument("--map", action="append", metavar="HEADER=FIELD",
                          help='map a column, e.g. --map "Sales stage=stage" (repeatable; '
                               "FIELD 'ignore' drops a column)")
    p_import.add_argument("--mapping", metavar="FILE.json",
                          help='a saved mapping {"Header": "field"|null} or an import report')
    p_import.add_argument("--json", action="store_true", help="print a JSON summary")
    p_import.add_argument("--sheet", help="worksheet of an .xlsx file")
    again = p_import.add_mutually_exclusive_group()  # a file imported before, another mapping
    again.add_argument("--new-version", dest="reimport", action="store_const",
                       const="new_version", help="keep the earlier import, add this one")
    again.add_argument("--replace", dest="reimport", action="store_const", const="replace",
                       help="replace the newest earlier import of this file")
    p_import.set_defaults(func=cmd_import)
    p_kpis = sub.add_parser("kpis", help="print the KPIs of the newest import")
    p_kpis.add_argument("--json", action="store_true", help="compact JSON (one line)")
    p_kpis.add_argument("--as-of", help="reference date YYYY-MM-DD (default today)")
    p_kpis.add_argument("--query", help="filters, as in the page URLs")
    p_kpis.set_defaults(func=cmd_kpis)
    p_sample = sub.add_parser("sample", help="write the sample CSV")
    p_sample.add_argument("--out")
    p_sample.add_argument("--today")
    p_sample.add_argument("--history", metavar="DIR",
                          help="write the snapshots of the sample history (oldest first) in DIR")
    p_sample.set_defaults(func=cmd_sample)
    p_list = sub.add_parser("imports", help="list imports")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(func=cmd_imports)
    p_migrate = sub.add_parser("migrate", help="bring the database schema up to date")
    p_migrate.set_defaults(func=cmd_migrate)
    _add_history_commands(sub)
    p_remind = sub.add_parser(
        "remind", help="what needs attention today; e-mailed when SMTP_URL and REMIND_TO are set")
    p_remind.add_argument("--as-of", help="reference date YYYY-MM-DD (default today)")
    p_remind.add_argument("--dataset", type=int,
                          help="pipeline (dataset id; default the newest kept in the app)")
    p_remind.add_argument("--json", action="store_true", help="print the lists as JSON")
    p_remind.set_defaults(func=cmd_remind)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
