"""Every corpus file gives its hand-computed counts, mapping and spot values."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.ingest import ImportRefused, ParsedFile, parse_upload

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
sys.path.insert(0, str(CORPUS))
from expected import EXPECTED  # noqa: E402


def _plain(value: object) -> object:
    """A deal cell as the expected table writes it: ISO date, float, str or None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


def _check_fields(where: str, record: pd.Series, fields: dict) -> None:
    for name, wanted in fields.items():
        got = _plain(record[name])
        if isinstance(wanted, float) and got is not None:
            assert got == pytest.approx(wanted, abs=0.005), f"{where} {name}"
        else:
            assert got == wanted, f"{where} {name}: {got!r} != {wanted!r}"


def test_corpus_is_complete() -> None:
    files = {p.name for p in CORPUS.iterdir() if p.suffix not in (".py",) and p.is_file()}
    assert files == set(EXPECTED)
    assert len(EXPECTED) >= 35


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(name: str) -> None:
    spec = EXPECTED[name]
    content = (CORPUS / name).read_bytes()
    if "refused" in spec:
        with pytest.raises(ImportRefused) as refused:
            parse_upload(content, name)
        assert spec["refused"].lower() in str(refused.value).lower()
        return
    parsed: ParsedFile = parse_upload(content, name)
    summary = parsed.summary()
    assert (summary["rows_imported"], summary["rows_rejected"]) == (
        spec["imported"],
        spec["rejected"],
    ), summary["errors"]
    for attribute, wanted in spec.get("meta", {}).items():
        assert getattr(parsed, attribute) == wanted, attribute
    for header, field in spec.get("mapping", {}).items():
        assert parsed.mapping[header] == field, header
    deals = parsed.deals
    for deal_id, fields in spec.get("deals", {}).items():
        match = deals[deals["deal_id"] == deal_id]
        assert len(match) == 1, deal_id
        _check_fields(deal_id, match.iloc[0], fields)
    for row, fields in spec.get("rows", {}).items():
        match = deals[deals["source_row"] == row]
        assert len(match) == 1, row
        _check_fields(f"row {row}", match.iloc[0], fields)
    if "rejected_rows" in spec:
        assert sorted({i.row for i in parsed.rejections}) == spec["rejected_rows"]
    for field, order in spec.get("date_orders", {}).items():
        assert parsed.date_orders[field] == order, field
    messages = " ".join(w.message for w in parsed.warnings)
    for fragment in spec.get("warnings", []):
        assert fragment.lower() in messages.lower(), (fragment, messages)
