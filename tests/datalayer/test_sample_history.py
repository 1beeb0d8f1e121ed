"""Loading the sample history on SQLite and PostgreSQL: one dataset of dated snapshots.

What the empty state's button does (``load_sample_history`` through the import path), then
what Trends, the backtest and ``python -m data movement`` read from it. Movement counts are
computed independently from the generated text frames with plain pandas.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from sqlalchemy import Engine

from data import history, store
from data.__main__ import backtest_json, movement_json
from data.importer import import_file
from data.metrics.history import MOVEMENTS
from data.sample import HISTORY_DAYS, STAGES, load_sample_history

TODAY = date.today()  # the import dates snapshots against the real today (STALE_AFTER_DAYS)


def _expected_movement(earlier: pd.DataFrame, later: pd.DataFrame) -> dict[str, int]:
    """METRICS.md movement categories, counted by hand from two text exports."""
    order = {s: i for i, s in enumerate(STAGES)}
    e = earlier.set_index("deal_id")
    l_ = later.set_index("deal_id")
    both = e.index.intersection(l_.index)
    e_b, l_b = e.loc[both], l_.loc[both]
    was_open = e_b["status"] == "open"
    still_open = was_open & (l_b["status"] == "open")
    se, sl = e_b["stage"].map(order), l_b["stage"].map(order)
    close_e = pd.to_datetime(e_b["expected_close_date"].replace("", None))
    close_l = pd.to_datetime(l_b["expected_close_date"].replace("", None))
    return {
        "won": int((was_open & (l_b["status"] == "won")).sum()),
        "lost": int((was_open & (l_b["status"] == "lost")).sum()),
        "advanced": int((still_open & (sl > se)).sum()),
        "moved_back": int((still_open & (sl < se)).sum()),
        "pushed": int((still_open & (sl == se) & (close_l > close_e)).sum()),
        "new": len(l_.index.difference(e.index)),
        "removed": len(e.index.difference(l_.index)),
    }


def test_sample_history_is_one_dataset_whose_movement_has_every_category(
    engine: Engine,
) -> None:
    load = load_sample_history(lambda c, n: import_file(engine, c, n), TODAY)
    assert load.failed is None and all(o.created for o in load.outcomes)
    assert load.message.startswith(f"Sample loaded: {len(HISTORY_DAYS)} snapshots")

    (dataset,) = history.list_datasets(engine)
    assert dataset.imports == len(HISTORY_DAYS)
    ids = history.imports_of_dataset(engine, dataset.id)  # oldest first
    assert ids == [o.import_id for o in load.outcomes]
    infos = {i.id: i for i in store.list_imports(engine)}
    snapshots = load.snapshots
    for import_id, snap in zip(ids, snapshots, strict=True):
        info = infos[import_id]
        assert info.rows_imported == len(snap.deals) and info.rows_rejected == 0
        assert info.data_as_of == snap.as_of
        # the pages date a snapshot by its own data when it is old (Trends, backtest)
        assert history.default_as_of(info, info.imported_at.date()) == snap.as_of
    assert infos[ids[-1]].rows_imported == 2000

    for (a, b), (earlier, later) in zip(zip(ids, ids[1:], strict=False),
                                       zip(snapshots, snapshots[1:], strict=False), strict=True):
        moved = movement_json(engine, a, b)
        expected = _expected_movement(earlier.deals, later.deals)
        got = {category: moved.get(category, {"count": 0})["count"] for category in MOVEMENTS}
        assert got == expected
        assert all(count > 0 for count in got.values()), (a, b, got)

    dates = [snap.as_of for snap in snapshots]
    result = backtest_json(engine, ids, dates)
    judged = {(r["import_id"], r["window"]) for r in result["rows"] if r["judged"]}
    # a window of N days is judged when the newest snapshot is N days or more later
    assert judged == {(i, n) for i, day in zip(ids[:-1], dates[:-1], strict=True)
                      for n in (30, 60, 90) if (dates[-1] - day).days >= n}
    assert {n for _i, n in judged} == {30, 60, 90}


def test_loading_the_sample_again_changes_nothing(engine: Engine) -> None:
    first = load_sample_history(lambda c, n: import_file(engine, c, n), TODAY)
    version = store.data_version(engine)
    again = load_sample_history(lambda c, n: import_file(engine, c, n), TODAY)
    assert again.failed is None and not any(o.created for o in again.outcomes)
    assert [o.import_id for o in again.outcomes] == [o.import_id for o in first.outcomes]
    assert "already loaded" in again.message and again.data_version is None
    assert store.data_version(engine) == version
    assert len(store.list_imports(engine)) == len(HISTORY_DAYS)
