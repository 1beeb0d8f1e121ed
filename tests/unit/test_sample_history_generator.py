"""The sample as a history: the same deals exported on several days, consistent over time.

Expectations are computed from today's frame (``generate_sample``) with plain pandas; the
history is only read, never used to compute what it should hold.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd
import pytest

from data.history import data_as_of
from data.sample import (
    HISTORY_DAYS,
    STAGES,
    Snapshot,
    generate_sample,
    load_sample_history,
    sample_as_of,
    sample_history,
)

TODAY = date(2026, 11, 23)
DAYS = (168, 112, 56, 0)  # more and older snapshots than the default: the rules hold for any


@pytest.fixture(scope="module")
def today_frame() -> pd.DataFrame:
    return generate_sample(TODAY)


@pytest.fixture(scope="module")
def history() -> list[Snapshot]:
    return sample_history(TODAY, DAYS)


def _day(column: pd.Series) -> pd.Series:
    return pd.to_datetime(column.replace("", None)).dt.date


def test_newest_snapshot_is_todays_sample(today_frame: pd.DataFrame) -> None:
    default = sample_history(TODAY)
    assert [s.as_of for s in default] == [TODAY - timedelta(days=d) for d in HISTORY_DAYS]
    assert len(default[-1].deals) == 2000
    pd.testing.assert_frame_equal(default[-1].deals, today_frame)
    assert default[-1].csv_bytes() == generate_sample(TODAY).to_csv(index=False).encode()
    other = date(2027, 3, 1)
    pd.testing.assert_frame_equal(sample_history(other)[-1].deals, generate_sample(other))


def test_snapshot_days_and_counts(today_frame: pd.DataFrame, history: list[Snapshot]) -> None:
    assert [s.as_of for s in history] == [TODAY - timedelta(days=d) for d in DAYS]
    created = _day(today_frame["created_date"])
    today_ids = set(today_frame["deal_id"])
    removed_seen: set[str] = set()
    for snap in history:
        ids = set(snap.deals["deal_id"])
        assert len(ids) == len(snap.deals), "a deal id appears twice"
        expected = set(today_frame.loc[created <= snap.as_of, "deal_id"])
        assert ids & today_ids == expected  # today's deals created by then, and only those
        extra = ids - today_ids
        assert len(snap.deals) == len(expected) + len(extra)
        if snap.as_of < TODAY:
            assert extra, f"no deal of {snap.as_of} was removed since"
        removed_seen |= extra
    assert not removed_seen & set(history[-1].deals["deal_id"])
    counts = [len(s.deals) for s in history]
    assert counts == sorted(counts) and counts[0] < counts[-1]


def test_no_date_after_the_snapshot_day(history: list[Snapshot]) -> None:
    for snap in history:
        d = snap.deals
        assert (_day(d["created_date"]) <= snap.as_of).all()
        closed = _day(d["closed_date"]).dropna()
        assert (closed <= snap.as_of).all()
        assert (_day(d["last_activity_date"]).dropna() <= snap.as_of).all()
        assert set(d.loc[d["closed_date"] != "", "status"]) <= {"won", "lost"}
        assert (d.loc[d["closed_date"] == "", "status"] == "open").all()
        assert set(d.loc[d["status"] == "open", "stage"]) <= set(STAGES)
        # the import dates a file by its latest date: each snapshot is "as of" its own day
        assert data_as_of(d) == snap.as_of


def test_closed_deals_are_todays_rows_and_later_ones_were_open(
    today_frame: pd.DataFrame, history: list[Snapshot]
) -> None:
    today_rows = today_frame.set_index("deal_id")
    closed_on = _day(today_rows["closed_date"])
    for snap in history[:-1]:
        d = snap.deals.set_index("deal_id")
        mine = d.index.intersection(today_rows.index)
        done = mine[(closed_on[mine].notna() & (closed_on[mine] <= snap.as_of)).to_numpy()]
        pd.testing.assert_frame_equal(d.loc[done], today_rows.loc[done])
        later = mine[(closed_on[mine].notna() & (closed_on[mine] > snap.as_of)).to_numpy()]
        assert len(later) > 0
        assert (d.loc[later, "status"] == "open").all()
        assert (d.loc[later, "closed_date"] == "").all()
        # a deal won later was never after Négociation, and amounts/owners do not drift
        assert (d.loc[later, "amount"] == today_rows.loc[later, "amount"]).all()
        assert (d.loc[later, "owner"] == today_rows.loc[later, "owner"]).all()


def test_stages_progress_with_a_few_moves_back_and_pushes() -> None:
    order = {s: i for i, s in enumerate(STAGES)}
    history = sample_history(TODAY)  # the events are placed within its span
    for earlier, later in zip(history, history[1:], strict=False):
        e = earlier.deals.set_index("deal_id")
        l_ = later.deals.set_index("deal_id")
        both = e.index.intersection(l_.index)
        open_both = both[((e.loc[both, "status"] == "open")
                          & (l_.loc[both, "status"] == "open")).to_numpy()]
        se = e.loc[open_both, "stage"].map(order)
        sl = l_.loc[open_both, "stage"].map(order)
        back = sl < se
        assert back.any(), f"no deal moved back between {earlier.as_of} and {later.as_of}"
        assert back.sum() <= 0.1 * len(open_both)
        assert ((se - sl)[back] == 1).all(), "a deal moves back one stage at a time"
        assert (sl > se).sum() > back.sum()
        same = open_both[(sl == se).to_numpy()]
        pushed = (_day(l_.loc[same, "expected_close_date"])
                  > _day(e.loc[same, "expected_close_date"]))
        assert pushed.any(), f"no close date pushed between {earlier.as_of} and {later.as_of}"
        # a deal closed in the earlier export stays as it was
        closed = both[(e.loc[both, "status"] != "open").to_numpy()]
        pd.testing.assert_frame_equal(e.loc[closed], l_.loc[closed])


def test_deterministic_and_as_of_matches_the_history(history: list[Snapshot]) -> None:
    again = sample_history(TODAY, DAYS)
    for a, b in zip(history, again, strict=True):
        pd.testing.assert_frame_equal(a.deals, b.deals)
    pd.testing.assert_frame_equal(sample_as_of(TODAY, history[1].as_of), history[1].deals)
    with pytest.raises(ValueError, match="after today"):
        sample_as_of(TODAY, TODAY + timedelta(days=1))


class _Outcome:
    def __init__(self, import_id: int, created: bool = True, refused: str | None = None) -> None:
        self.import_id = import_id
        self.created = created
        self.already_imported = not created and refused is None
        self.refused = refused
        self.needs_choice: tuple[int, ...] = ()
        self.data_version: int | None = import_id * 10 if created else None


def test_load_imports_oldest_first_and_says_what_happened() -> None:
    calls: list[tuple[bytes, str]] = []

    def import_one(content: bytes, name: str) -> Any:
        calls.append((content, name))
        return _Outcome(len(calls))

    load = load_sample_history(import_one, TODAY)
    expected = sample_history(TODAY)
    assert [name for _c, name in calls] == [s.filename for s in expected]
    assert [name for _c, name in calls] == sorted(name for _c, name in calls)
    assert [c for c, _n in calls] == [s.csv_bytes() for s in expected]
    assert load.failed is None and load.data_version == 10 * len(HISTORY_DAYS)
    assert load.message.startswith(f"Sample loaded: {len(HISTORY_DAYS)} snapshots of one pipeline")
    assert "2,000 deals" in load.message

    nothing = load_sample_history(lambda c, n: _Outcome(1, created=False), TODAY)
    assert nothing.data_version is None and "already loaded" in nothing.message


def test_load_stops_at_a_refused_snapshot() -> None:
    calls: list[str] = []

    def import_one(content: bytes, name: str) -> Any:
        calls.append(name)
        return _Outcome(len(calls), created=False, refused="no" if len(calls) == 2 else None)

    load = load_sample_history(import_one, TODAY)
    assert len(calls) == 2 and load.failed is not None and load.failed.refused == "no"
