"""Issue 9: an import that has just landed is planned with fresh statistics.

Two generated imports of the same deals (the second one moves some of them to lost) are written
with ``import_file``; nothing runs ANALYZE by hand. On PostgreSQL the planner's estimate for the
new import's rows must be close to the truth (it is off by orders of magnitude when the rows
written by COPY have no statistics, which is how the history query came to run for 45 s), and
the Pipeline history query must not be a nested loop over a sequential scan of ``deals``. On
both backends the history ranks equal an independent pandas computation.
"""

from __future__ import annotations

import io
import json
from datetime import date
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine, text

from bench._common import canonical_csv
from data import store
from data.importer import import_file
from data.stages import default_stage_table, fold

TODAY = date(2026, 11, 23)
ROWS = 20_000


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    found = [plan]
    for child in plan.get("Plans", []):
        found += _nodes(child)
    return found


def _explain(conn: Any, sql: str, params: dict[str, Any]) -> dict[str, Any]:
    raw = conn.execute(text("EXPLAIN (FORMAT JSON) " + sql), params).scalar_one()
    plan = raw if isinstance(raw, list) else json.loads(raw)
    return dict(plan[0]["Plan"])


def _expected_history(first: bytes, second: bytes, rank_of: dict[str, int]) -> dict[str, int]:
    old = pd.read_csv(io.BytesIO(first), dtype=str, keep_default_na=False)
    new = pd.read_csv(io.BytesIO(second), dtype=str, keep_default_na=False)
    lost = set(new.loc[new["status"] == "lost", "deal_id"])
    folded = {fold(s): r for s, r in rank_of.items()}
    seen = old[(old["status"] == "open") & old["deal_id"].isin(lost)]
    best: dict[str, int] = {}
    for deal_id, stage in zip(seen["deal_id"], seen["stage"], strict=True):
        rank = folded.get(fold(stage))
        if rank is not None and rank > best.get(deal_id, -1):
            best[deal_id] = rank
    return best


@pytest.mark.slow
def test_new_import_is_planned_with_fresh_statistics(engine: Engine) -> None:
    first, second = canonical_csv(ROWS, TODAY, seed=1), canonical_csv(ROWS, TODAY, seed=2)
    import_file(engine, first, "first.csv")
    newest = import_file(engine, second, "second.csv").import_id
    assert newest is not None

    frame = store.load_deals(engine, newest)
    lost = frame.loc[frame["status"] == "lost", "deal_id"].dropna().unique().tolist()
    stages = default_stage_table(frame["stage"].dropna().unique().tolist())
    rank_of = {s.stage: s.order for s in stages if s.status == "open"}
    found = store.history_ranks(engine, newest, lost, rank_of)
    assert found == _expected_history(first, second, rank_of)
    assert len(found) > 100  # the generated imports do move open deals to lost

    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        reltuples = conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'deals'"))
        assert reltuples.scalar_one() >= 0.9 * 2 * ROWS, "deals has no statistics after COPY"
        scan = _explain(conn, "SELECT * FROM deals WHERE import_id = :i", {"i": newest})
        assert 0.5 * ROWS <= scan["Plan Rows"] <= 2 * ROWS, scan
        sql, params = store.history_query(conn, newest, lost)
        plan = _explain(conn, sql, params)
        for node in _nodes(plan):
            if node["Node Type"] == "Nested Loop":
                inner = [c for c in node.get("Plans", []) if c.get("Relation Name") == "deals"]
                assert not any(c["Node Type"] == "Seq Scan" for c in inner), plan
