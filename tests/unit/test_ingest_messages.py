"""Messages name columns as the user's file does and fields as the dialog does, never by their
internal identifiers (issue #10 point 8, issue #8 point 3): proposals, warnings, rejected-row
reasons, refusals, the join report, in the preview and in the CLI's JSON and plain output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from data.canonical import CANONICAL_FIELDS
from data.ingest import ImportRefused, parse_related, parse_upload
from data.ingest.cli_mapping import parse_cli_mapping
from data.ingest.headers import mapping_choices
from data.ingest.labels import FIELD_LABELS, field_label

ROOT = Path(__file__).resolve().parents[2]

#: Identifiers with an underscore, and "a|b" alternatives, are internal whatever the context.
_IDENTIFIER = re.compile(
    "|".join(rf"\b{re.escape(f)}\b" for f in mapping_choices() if "_" in f) + r"|\b\w+\|\w+"
)
#: One-word fields are also English words: internal only where a field is named.
_NAMED_FIELD = re.compile(
    r"(mapped to|imported as|taken by|took|=)\s*(" + "|".join(
        f for f in CANONICAL_FIELDS if "_" not in f) + r")\b"
)
#: JSON keys whose values are data (identifiers by design), not messages.
_DATA_KEYS = frozenset({"mapping", "field", "fields", "figures", "auto_field", "headers",
                        "header", "sample_rows", "filename", "columns_seen", "date_orders",
                        "looks_like", "chosen_by", "lookalike", "column", "value", "files",
                        "encoding", "delimiter", "format", "checksum", "locale_hint"})


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


FILES: dict[str, bytes] = {
    # rejected rows (bad dates, bad amount, no stage), an ambiguous date, duplicate ids,
    # a look-alike and a modification date proposed, dates outside 1990-2100
    "rows.csv": _csv(
        "Opportunity ID,Phase,Deal Size,Opened On,Target Close,Weighted value,Last modified",
        "D1,Prospect,100,03/04/2026,2026-03-01,10,2026-01-05",
        "D1,Won,200,05/04/2026,2026-04-01,20,2026-01-05",
        "D2,,300,1985-06-01,2026-05-01,5,2026-01-05",
        "D3,Negotiation,-5,07/04/2026,2026-13-45,7,2026-01-05",
        "D4,Lost,-,2026-02-30,2026-06-01,0,2026-01-05",
    ),
    # proposals: an unmapped amount look-alike, dates with a neutral header
    "proposals.csv": _csv(
        "Stage,Expected Revenue,When,Who",
        "Prospect,100,2026-01-02,Ann", "Won,200,2026-02-03,Bob", "Lost,0,2026-02-03,Bob",
    ),
    # two columns with one name: the second copy is reported with the first one's field
    "twice.csv": _csv("Stage,Close Date,Close Date", "Prospect,2026-01-02,2026-01-03",
                      "Won,2026-02-02,2026-02-03"),
    # refused: no stage
    "refused.csv": _csv("Ref,Where,Money,When", "1,Kickoff,100,2026-01-02",
                        "2,Demo,200,2026-02-03"),
}


def _strings(obj: Any, path: str = "") -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key not in _DATA_KEYS:
                found += _strings(value, f"{path}.{key}")
    elif isinstance(obj, list):
        for value in obj:
            found += _strings(value, f"{path}[]")
    elif isinstance(obj, str):
        found.append((path, obj))
    return found


def _internal(text: str) -> list[str]:
    return [m.group(0) for m in _IDENTIFIER.finditer(text)] + [
        m.group(0) for m in _NAMED_FIELD.finditer(text)]


def test_the_scanner_can_fail() -> None:
    assert _internal("No column is mapped to expected_close_date")
    assert _internal("needs closed_date|expected_close_date")
    assert _internal('--map "When=amount"') and _internal("is taken by owner")
    assert not _internal('No column is mapped to Expected close date; --map "When=Amount"')


def _preview_messages(name: str, content: bytes) -> list[tuple[str, str]]:
    try:
        parsed = parse_upload(content, name)
    except ImportRefused as refused:
        return [("refused", str(refused)), *_strings(refused.preview or {}),
                *[("issue", i.message) for i in refused.issues]]
    return [*_strings(parsed.summary()),
            ("rejected.csv", parsed.rejected_csv().decode("utf-8-sig"))]


@pytest.mark.parametrize("name", sorted(FILES))
def test_preview_and_report_messages_use_labels_and_headers(name: str) -> None:
    messages = _preview_messages(name, FILES[name])
    assert messages
    bad = [(where, text) for where, text in messages if _internal(text)]
    assert bad == []


def test_the_files_do_produce_the_messages_scanned() -> None:
    rows = parse_upload(FILES["rows.csv"], "rows.csv")
    assert rows.rows_rejected >= 3 and len(rows.warnings) >= 3
    texts = " ".join(p["message"] for p in parse_upload(
        FILES["proposals.csv"], "p.csv").proposals)
    assert "Expected close date" in texts and '--map "When=Expected close date"' in texts
    twice = " ".join(w.message for w in parse_upload(FILES["twice.csv"], "t.csv").warnings)
    assert "imported as Expected close date" in twice


def test_join_report_names_fields_by_label() -> None:
    deals = _csv("Deal,Stage,Company", "A,Prospect,Acme", "B,Won,Beta")
    companies = _csv("Company,Industry", "Acme,Retail", "Beta,Banking")
    parsed = parse_related([(deals, "deals.csv"), (companies, "companies.csv")])
    texts = [w.message for w in parsed.warnings]
    assert any("took Sector from \"Industry\"" in t for t in texts), texts
    assert not [t for t in texts if _internal(t)]


def test_cli_accepts_the_labels_it_prints() -> None:
    mapping = parse_cli_mapping(["When=Expected close date", "Who=owner", "X=ignore"], None)
    assert mapping == {"When": "expected_close_date", "Who": "owner", "X": None}
    with pytest.raises(ValueError) as error:
        parse_cli_mapping(["When=Close-ish"], None)
    assert "Expected close date" in str(error.value)
    assert not re.search(r"\bexpected_close_date\b", str(error.value))
    assert field_label("closed_date|expected_close_date") == "Closed date or Expected close date"
    assert set(FIELD_LABELS) == set(mapping_choices())


def test_cli_json_and_plain_output_use_labels_and_headers(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    outputs: list[tuple[str, str]] = []
    for index, name in enumerate(("rows.csv", "proposals.csv", "refused.csv")):
        content = FILES[name]
        path = tmp_path / name
        path.write_bytes(content)
        for mode in ("json", "plain"):
            env["DATABASE_URL"] = f"sqlite:///{tmp_path / f'{index}-{mode}.sqlite3'}"
            args = [sys.executable, "-m", "data", "import", str(path)]
            done = subprocess.run(args + (["--json"] if mode == "json" else []), cwd=ROOT,
                                  env=env, capture_output=True, text=True, timeout=120)
            assert "Traceback" not in done.stderr
            outputs += [(f"{name} {mode} stderr", line) for line in done.stderr.splitlines()]
            if mode == "json":
                outputs += [(f"{name} json{p}", s) for p, s in _strings(json.loads(done.stdout))]
            else:
                outputs += [(f"{name} plain", line) for line in done.stdout.splitlines()]
    assert any("warning: No column is mapped to" in text for _w, text in outputs)
    assert any(re.search(r"row \d+, column Deal Size: ", text) for _w, text in outputs)
    assert [(where, text) for where, text in outputs if _internal(text)] == []

