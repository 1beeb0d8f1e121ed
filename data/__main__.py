"""Command line on the same code path as the UI.

    python -m data import FILE [--json] [--sheet NAME] [--new-version | --replace]
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
from data.import_session import Reimport
from data.importer import import_path
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
    """Import a file; exit 0 when imported (or already there), 1 when refused or undecided."""
    path = Path(args.file)
    if not path.is_file():
        print(f"error: {path}: no such file", file=sys.stderr)
        return 2
    reimport: Reimport = getattr(args, "reimport", None) or "ask"
    outcome = import_path(_engine(), path, getattr(args, "mapping", None), args.sheet,
                          settings=load_settings(), reimport=reimport)
    result = outcome.as_json()
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
        for error in result["errors"][:20]:
            print(f"  row {error['row']}, column {error['column']}: {error['message']}")
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
    p_import = sub.add_parser("import", help="import a CSV / XLSX / CSV.GZ file")
    p_import.add_argument("file")
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
    p_sample.set_defaults(func=cmd_sample)
    p_list = sub.add_parser("imports", help="list imports")
    p_list.add_argument("--json", action="store_true")
    p_list.set_defaults(func=cmd_imports)
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
