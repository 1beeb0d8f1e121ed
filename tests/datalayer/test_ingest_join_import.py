"""Issue #8 through the database, on SQLite and PostgreSQL: a joined import of related
exports, exact amounts up to the maximum, and the CLI's --map / --mapping / remembered mapping.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, text

from data import store
from data.importer import import_files

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_ingest_join import ACTIVITIES, COMPANIES, CONTACTS, DEALS  # noqa: E402


def test_joined_import_is_stored_with_the_joined_fields(engine: Engine) -> None:
    files = [(DEALS, "deals.csv"), (COMPANIES, "companies.csv"), (CONTACTS, "contacts.csv"),
             (ACTIVITIES, "activities.csv")]
    outcome = import_files(engine, files)
    assert outcome.created and outcome.refused is None
    result = outcome.as_json()
    assert result["rows_imported"] == 4
    matched = {f["filename"]: (f["matched"], f["unmatched"]) for f in result["join"]["files"]}
    assert matched == {"companies.csv": (3, 1), "contacts.csv": (3, 1),
                       "activities.csv": (3, 1)}
    deals = store.load_deals(engine, outcome.import_id).set_index("deal_id")
    assert deals.loc["D1", "sector"] == "Software"
    assert deals.loc["D3", "source"] == "Paid Search"
    assert str(deals.loc["D1", "last_activity_date"])[:10] == "2026-01-20"
    assert deals.loc["D4", "sector"] is None or deals["sector"].isna()["D4"]
    again = import_files(engine, files[::-1])
    assert again.already_imported and again.import_id == outcome.import_id


def test_amounts_are_exact_up_to_the_maximum(engine: Engine) -> None:
    content = (b"stage,amount\nProspect,9999999999999.99\nWon,1234567890123.45\nLost,0.07\n"
               b"Prospect,99999999999999999999.99\n")
    outcome = import_files(engine, [(content, "big.csv")])
    assert outcome.as_json()["rows_rejected"] == 1
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT CAST(amount AS VARCHAR(40)) FROM deals WHERE import_id = :i "
                 "ORDER BY source_row"), {"i": outcome.import_id}
        ).scalars().all()
    assert [Decimal(v) for v in stored] == [
        Decimal("9999999999999.99"), Decimal("1234567890123.45"), Decimal("0.07")
    ]


def _cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONIOENCODING": "utf-8"}
    env.pop("REDIS_URL", None)
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_cli_map_mapping_file_and_remembered_mapping(db_url: str, tmp_path: Path) -> None:
    first = tmp_path / "first.csv"
    first.write_text("Ref,Where,Montant X\n1,Kickoff,100\n2,Demo,200\n", encoding="utf-8")
    refused = _cli(db_url, "import", str(first), "--json")
    assert refused.returncode == 1
    preview = json.loads(refused.stdout)["mapping_preview"]
    assert preview["headers"] == ["Ref", "Where", "Montant X"]
    done = _cli(db_url, "import", str(first), "--map", "Where=stage", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["mapping"]["Where"] == "stage"
    # Same headers, another file, no --map: the remembered mapping applies, as in the UI.
    second = tmp_path / "second.csv"
    second.write_text("Ref,Where,Montant X\n3,Kickoff,300\n", encoding="utf-8")
    remembered = _cli(db_url, "import", str(second), "--json")
    assert remembered.returncode == 0, remembered.stderr
    assert json.loads(remembered.stdout)["rows_imported"] == 1
    saved = tmp_path / "mapping.json"
    saved.write_text(json.dumps({"Where": "stage", "Montant X": None}), encoding="utf-8")
    third = tmp_path / "third.csv"
    third.write_text("Ref,Where,Montant X\n4,Kickoff,400\n", encoding="utf-8")
    from_file = _cli(db_url, "import", str(third), "--mapping", str(saved), "--json")
    assert json.loads(from_file.stdout)["mapping"]["Montant X"] is None
    bad = _cli(db_url, "import", str(third), "--map", "Where=stagee")
    assert bad.returncode == 2 and "unknown field" in bad.stderr


def test_cli_prints_proposals_as_warnings(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("Stage,Expected Revenue\nProspect,100\nWon,200\n", encoding="utf-8")
    result = _cli(db_url, "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "warning: No column is mapped to Amount;" in result.stderr
    assert '--map "Expected Revenue=Amount"' in result.stderr
