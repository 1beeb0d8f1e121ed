"""Every corpus file through the whole import path into SQLite and PostgreSQL (issue #3).

The unit test checks what the parser makes of each file; this one checks what the database
holds afterwards (counts, and the hand-computed values read back from the table), so both
backends store NUL-free text, 1 MB cells, accents and cents exactly as parsed.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from data import store
from data.importer import import_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
sys.path.insert(0, str(CORPUS))
from expected import EXPECTED  # noqa: E402


def _plain(value: object) -> object:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return value


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file_is_stored_as_parsed(name: str, engine: Engine) -> None:
    spec = EXPECTED[name]
    outcome = import_file(engine, (CORPUS / name).read_bytes(), name)
    if "refused" in spec:
        assert outcome.refused and spec["refused"].lower() in outcome.refused.lower()
        assert store.list_imports(engine) == []
        return
    assert outcome.created, outcome.refused
    info = store.list_imports(engine)[0]
    assert (info.rows_imported, info.rows_rejected) == (spec["imported"], spec["rejected"])
    deals = store.load_deals(engine, outcome.import_id)
    assert len(deals) == spec["imported"]
    for deal_id, fields in spec.get("deals", {}).items():
        row = deals[deals["deal_id"] == deal_id]
        assert len(row) == 1, deal_id
        for field, wanted in fields.items():
            got = _plain(row.iloc[0][field])
            if isinstance(wanted, float) and got is not None:
                assert got == pytest.approx(wanted, abs=0.005), (deal_id, field)
            else:
                assert got == wanted, (deal_id, field, got, wanted)
