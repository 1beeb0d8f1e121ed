"""The command line, run as a real subprocess on SQLite and PostgreSQL.

``python -m data import FILE --json``: the JSON shape (ids, counts, ``{row, column, message}``
issues), exit codes (0 imported, 0 + ``already_imported`` on a re-import, non-zero with a clear
stderr message for a refused or missing file) and ``DATABASE_URL`` selecting the database.

Issue 3 acceptance, "the CLI and the UI report the same counts for the same file": the counts the
import dialog shows (the preview's badges from ``callbacks.upload.build_preview``, then the result
message after confirming with the mapping the dialog shows) equal the CLI's JSON, for corpus
files with and without rejections, and for a refused file the same reason.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from data import store

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"
FILES = Path(__file__).parent / "files"
sys.path.insert(0, str(CORPUS))
from expected import EXPECTED  # noqa: E402

CLI_TIMEOUT_S = 120


def run_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONIOENCODING": "utf-8"}
    env.pop("REDIS_URL", None)
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=CLI_TIMEOUT_S, check=False)


def import_json(db_url: str, path: Path) -> tuple[int, dict[str, Any], str]:
    done = run_cli(db_url, "import", str(path), "--json")
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else {}, done.stderr


def _issue_ok(issue: dict[str, Any]) -> bool:
    return ({"row", "column", "message"} <= set(issue)
            and (issue["row"] is None or isinstance(issue["row"], int))
            and (issue["column"] is None or isinstance(issue["column"], str))
            and isinstance(issue["message"], str) and issue["message"] != "")


# -- import: shape and exit codes ----------------------------------------------------------------
def test_import_json_shape_and_counts(db_url: str, engine: Engine) -> None:
    code, result, stderr = import_json(db_url, CORPUS / "bad_amounts.csv")
    assert code == 0, stderr
    assert {"import_id", "rows_imported", "rows_rejected", "warnings", "errors"} <= set(result)
    assert isinstance(result["import_id"], int)
    assert result["created"] is True and result["already_imported"] is False
    expected = EXPECTED["bad_amounts.csv"]
    assert (result["rows_imported"], result["rows_rejected"]) == (
        expected["imported"], expected["rejected"])
    assert result["errors"] and all(_issue_ok(e) for e in result["errors"])
    assert all(_issue_ok(w) for w in result["warnings"])
    # every rejected row is named by at least one error, on its line of the file
    rejected_rows = {e["row"] for e in result["errors"] if e["row"] is not None}
    assert len(rejected_rows) == result["rows_rejected"]
    assert rejected_rows <= set(range(2, 11))
    assert {e["column"] for e in result["errors"]} == {"amount"}
    # and the database holds what the JSON says
    info = store.get_import(engine, result["import_id"])
    assert info is not None
    assert (info.rows_imported, info.rows_rejected) == (4, 5)
    assert len(store.load_deals(engine, info.id)) == 4


def test_reimport_exits_zero_and_says_already_imported(db_url: str, engine: Engine,
                                                        tmp_path: Path) -> None:
    source = CORPUS / "hubspot_export.csv"
    code, first, stderr = import_json(db_url, source)
    assert code == 0, stderr
    version = store.data_version(engine)
    copy = tmp_path / "same bytes, other name.csv"
    shutil.copyfile(source, copy)
    for path in (source, copy):
        code, again, stderr = import_json(db_url, path)
        assert code == 0, stderr
        assert again["already_imported"] is True and again["created"] is False
        assert again["import_id"] == first["import_id"]
        assert again["refused"] is None
    assert [i.id for i in store.list_imports(engine)] == [first["import_id"]]
    assert store.data_version(engine) == version
    # the human-readable form says so too
    done = run_cli(db_url, "import", str(source))
    assert done.returncode == 0
    assert "already imported" in done.stdout


def test_import_without_json_prints_a_summary(db_url: str) -> None:
    done = run_cli(db_url, "import", str(CORPUS / "bad_amounts.csv"))
    assert done.returncode == 0, done.stderr
    assert "imported 4 deals" in done.stdout and "5 rejected" in done.stdout
    assert re.search(r"row \d+, column amount: ", done.stdout)


REFUSED = ["empty.csv", "binary.png", "binary_random.dat", "document.pdf", "no_stage_column.csv",
           "header_only.csv", "blank_lines_only.csv"]


@pytest.mark.parametrize("name", REFUSED)
def test_refused_file_exits_non_zero_with_a_clear_message(name: str, db_url: str,
                                                          engine: Engine) -> None:
    code, result, stderr = import_json(db_url, CORPUS / name)
    assert code != 0
    assert "Traceback" not in stderr
    assert f"error: {name} was not imported: " in stderr
    reason = EXPECTED[name]["refused"]
    assert reason.lower() in stderr.lower()
    assert result["refused"] and reason.lower() in result["refused"].lower()
    assert result["import_id"] is None and result["rows_imported"] == 0
    assert all(_issue_ok(e) for e in result["errors"])
    assert store.list_imports(engine) == []


def test_missing_file_exits_non_zero(db_url: str, tmp_path: Path, engine: Engine) -> None:
    missing = tmp_path / "nope.csv"
    for args in (["import", str(missing), "--json"], ["import", str(missing)],
                 ["import", str(tmp_path)]):  # a directory is not a file either
        done = run_cli(db_url, *args)
        assert done.returncode != 0
        assert "no such file" in done.stderr
        assert "Traceback" not in done.stderr
        assert done.stdout == ""
    assert store.list_imports(engine) == []


def test_database_url_selects_the_database(db_url: str, engine: Engine, tmp_path: Path) -> None:
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    code, result, stderr = import_json(db_url, FILES / "hubspot_deals_2026-11.csv")
    assert code == 0, stderr
    assert [i.id for i in store.list_imports(engine)] == [result["import_id"]]
    assert store.list_imports(engine)[0].rows_imported == 40
    # another URL is another database: nothing there
    listed = run_cli(other, "imports", "--json")
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout) == []
    empty = run_cli(other, "kpis", "--json", "--as-of", "2026-11-23")
    assert empty.returncode != 0 and "no import yet" in empty.stderr
    # and the first URL still lists and reads its import
    listed = run_cli(db_url, "imports", "--json")
    assert [r["id"] for r in json.loads(listed.stdout)] == [result["import_id"]]
    kpis = run_cli(db_url, "kpis", "--json", "--as-of", "2026-11-23")
    assert kpis.returncode == 0, kpis.stderr
    assert json.loads(kpis.stdout)["deals"]["total"] == 40


# -- issue 3: the CLI and the UI report the same counts --------------------------------------------
def _texts(component: Any) -> str:
    """All text under a component (what the user reads)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, str | int | float):
            parts.append(str(node))
        elif isinstance(node, list | tuple):
            for child in node:
                walk(child)
        elif node is not None and hasattr(node, "children"):
            walk(node.children)

    walk(component)
    return " ".join(parts)


def _by_id(component: Any, wanted: Any) -> Any:
    for node in [component, *component._traverse()]:
        if getattr(node, "id", None) == wanted:
            return node
    return None


def _number(text: str, pattern: str) -> int:
    found = re.search(pattern, text.replace("\u202f", "").replace("\xa0", ""))
    assert found, f"{pattern!r} not in {text!r}"
    return int(found.group(1))


def ui_preview(app: Any, content: bytes, filename: str) -> dict[str, Any]:
    """What the import dialog shows after a drop: counts, or the refusal, and the mapping."""
    from callbacks.upload import build_preview
    from layouts.ids import Shell

    server = app.server
    with server.app_context():
        block = build_preview(server, content, filename, None)[0]
    refused = _by_id(block, "import-refused")
    if refused is not None:
        return {"refused": _texts(refused)}
    kept = _number(_texts(_by_id(block, "import-kept")), r"(\d+) rows? will be imported")
    rejected = _number(_texts(_by_id(block, "import-rejected")), r"(\d+) rejected")
    warnings = _number(_texts(block), r"(\d+) warnings")
    dropdowns = [n for n in block._traverse()
                 if isinstance(getattr(n, "id", None), dict)
                 and n.id.get("type") == Shell.MAPPING]
    return {"kept": kept, "rejected": rejected, "warnings": warnings,
            "values": [d.value for d in dropdowns], "ids": [d.id for d in dropdowns]}


def ui_confirm(app: Any, content: bytes, filename: str, shown: dict[str, Any]) -> dict[str, int]:
    """Confirm as the dialog does (mapping from its dropdowns) and read the result message."""
    from callbacks import upload
    from data.importer import import_file

    server = app.server
    with server.app_context():
        engine = server.extensions["crm"]["engine"]
        mapping = upload._mapping_from(shown["values"], shown["ids"]) if shown["ids"] else None
        outcome = import_file(engine, content, filename, mapping)
        message = _texts(upload.outcome_message(outcome)[0])
    return {"imported": _number(message, r"Imported (\d+) deals"),
            "rejected": _number(message, r"(\d+) rejected"),
            "warnings": _number(message, r"(\d+) warnings"),
            "import_id": _number(message, r"import #(\d+)")}


UI_FILES = [CORPUS / "hubspot_export.csv", CORPUS / "pipedrive_export.csv",
            CORPUS / "fr_semicolon_cp1252.csv", CORPUS / "bad_amounts.csv",
            CORPUS / "status_only.csv", CORPUS / "bad_and_odd_dates.csv",
            FILES / "pipedrive_deals_2026-11.csv"]


@pytest.mark.slow
def test_cli_and_ui_report_the_same_counts(db_url: str, app_settings: Any) -> None:
    from app import create_app

    app = create_app(app_settings)
    engine = app.server.extensions["crm"]["engine"]
    try:
        for path in UI_FILES:
            content = path.read_bytes()
            shown = ui_preview(app, content, path.name)
            code, cli, stderr = import_json(db_url, path)
            assert code == 0, stderr
            assert (cli["rows_imported"], cli["rows_rejected"], len(cli["warnings"])) == (
                shown["kept"], shown["rejected"], shown["warnings"]), path.name
            # confirm in the UI on the same database: first drop the CLI's import
            assert store.delete_import(engine, cli["import_id"])
            confirmed = ui_confirm(app, content, path.name, shown)
            assert (confirmed["imported"], confirmed["rejected"], confirmed["warnings"]) == (
                cli["rows_imported"], cli["rows_rejected"], len(cli["warnings"])), path.name
            info = store.get_import(engine, confirmed["import_id"])
            assert info is not None
            assert (info.rows_imported, info.rows_rejected) == (
                cli["rows_imported"], cli["rows_rejected"])
        assert sum(1 for _ in store.list_imports(engine)) == len(UI_FILES)
        with_rejections = [p.name for p in UI_FILES if EXPECTED.get(p.name, {}).get("rejected")]
        assert len(with_rejections) >= 2
    finally:
        engine.dispose()


@pytest.mark.parametrize("name", ["empty.csv", "no_stage_column.csv", "binary.png"])
def test_cli_and_ui_give_the_same_refusal(name: str, db_url: str, app_settings: Any) -> None:
    from app import create_app

    app = create_app(app_settings)
    try:
        content = (CORPUS / name).read_bytes()
        shown = ui_preview(app, content, name)
        code, cli, stderr = import_json(db_url, CORPUS / name)
        assert code != 0
        assert cli["refused"] and cli["refused"] in shown["refused"]
        assert cli["refused"] in stderr
    finally:
        app.server.extensions["crm"]["engine"].dispose()
