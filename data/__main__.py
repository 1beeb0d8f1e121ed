"""Command line on the same code path as the UI.

    python -m data import FILE [FILE…] [--json] [--sheet NAME] [--map "Header=field"…]
                          [--mapping FILE.json]
    python -m data kpis --json [--as-of YYYY-MM-DD] [--query "stage=Negotiation&source=LinkedIn"]
    python -m data sample [--out FILE] [--today YYYY-MM-DD]
    python -m data imports [--json]

``DATABASE_URL`` selects the database (default: the SQLite file under ``instance/``).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from data import metrics, store
from data.config import load_settings
from data.db import make_engine, migrate
from data.filters import FilterState
from data.importer import import_files
from data.ingest.cli_mapping import parse_cli_mapping
from data.sample import sample_csv_bytes
from data.service import DealsService


class _NoCache:
    """The CLI computes fresh every time: nothing to share with other processes."""

    def get(self, key: str) -> Any:
        return None

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        return True


def _engine():  # type: ignore[no-untyped-def]
    engine = make_engine(load_settings().database_url)
    migrate(engine)
    return engine


def cmd_import(args: argparse.Namespace) -> int:
    """Import a file (or related files); exit 0 when imported (or already there), 1 when refused."""
    paths = [Path(name) for name in args.files]
    for missing in (p for p in paths if not p.is_file()):
        print(f"error: {missing}: no such file", file=sys.stderr)
        return 2
    try:
        mapping = parse_cli_mapping(args.map, args.mapping)
    except ValueError as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    files = [(p.read_bytes(), p.name) for p in paths]
    outcome = import_files(_engine(), files, mapping=mapping, sheet=args.sheet)
    path = Path(outcome.summary.get("filename") or paths[0].name)
    result = outcome.as_json()
    for proposal in result.get("proposals") or []:
        print(f"warning: {proposal['message']}", file=sys.stderr)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif outcome.refused:
        pass
    elif outcome.already_imported:
        print(f"{path.name}: already imported as import #{outcome.import_id}; nothing changed.")
    else:
        print(
            f"{path.name}: imported {result['rows_imported']} deals as import "
            f"#{outcome.import_id}; {result['rows_rejected']} rejected, "
            f"{len(result['warnings'])} warnings."
        )
        for error in result["errors"][:20]:
            print(f"  row {error['row']}, column {error['column']}: {error['message']}")
    if outcome.refused:
        print(f"error: {path.name} was not imported: {outcome.refused}", file=sys.stderr)
        return 1
    return 0


def kpi_json(engine: Any, as_of: date, query: str = "") -> dict[str, Any] | None:
    """The numbers the pages show for the newest import (or ``import=`` in the query)."""
    state = FilterState.from_query(query)
    service = DealsService(engine, _NoCache())
    selection = service.select(replace(state, view=None))
    if selection is None:
        return None
    if state.import_id is not None and selection.snapshot.info.id != state.import_id:
        raise LookupError(
            f"import #{state.import_id} does not exist; `python -m data imports` lists them"
        )
    result = metrics.kpi_summary(
        selection.deals,
        as_of,
        selection.snapshot.stages,
        currency=selection.currency,
        cold_days=load_settings().cold_days,
    )
    result = metrics.withhold_unavailable(result, selection.snapshot.present)
    result["import_id"] = selection.snapshot.info.id
    result["filters"] = state.to_query()
    result["notices"] = list(state.notices)
    return result


def cmd_kpis(args: argparse.Namespace) -> int:
    """Print the KPIs of the newest import as JSON."""
    query_as_of = FilterState.from_query(args.query or "").as_of
    as_of = date.fromisoformat(args.as_of) if args.as_of else query_as_of or date.today()
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
    """Write the sample CSV (dates relative to --today, default today)."""
    today = date.fromisoformat(args.today) if args.today else date.today()
    content = sample_csv_bytes(today)
    if args.out:
        Path(args.out).write_bytes(content)
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(content.decode())
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
    p_import.set_defaults(func=cmd_import)
    p_kpis = sub.add_parser("kpis", help="print the KPIs of the newest import")
    p_kpis.add_argument("--json", action="store_true", help="compact JSON (one line)")
    p_kpis.add_argument("--as-of", help="reference date YYYY-MM-DD (default today)")
    p_kpis.add_argument("--query", help="filters, as in the page URLs")
    p_kpis.set_defaults(func=cmd_kpis)
    p_sample = sub.add_parser("sample", help="write the sample CSV")
    p_sample.add_argument("--out")
    p_sample.add_argument("--today")
    p_sample.set_defaults(func=cmd_sample)
    p_list = sub.add_parser("imports", help="list imports")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(func=cmd_imports)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
