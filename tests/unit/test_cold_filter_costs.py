"""Issue 16, a cold filter change: the per-call costs removed from the server's path.

Each test pins one mechanism so that undoing it fails, and checks that the figures or texts
are those of the slower path they replaced.
"""

from __future__ import annotations

import json
import random
import threading
from datetime import date
from typing import Any
from urllib.parse import urlencode

import numpy as np
import pytest
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from data.filters import FilterState
from data.memo import Memo
from data.metrics import forecast
from layouts import formatting
from layouts.formatting import Formatter


def test_a_formatter_parses_its_locale_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    parse = Locale.parse

    def counting(*args: Any, **kwargs: Any) -> Locale:
        if isinstance(args[0], str):  # Babel re-"parses" a Locale object for free
            calls.append(args[0])
        return parse(*args, **kwargs)

    formatting._locale.cache_clear()
    monkeypatch.setattr(Locale, "parse", counting)
    fmt = Formatter("fr")
    for value in range(200):
        fmt.number(value)
        fmt.percent(value / 200)
        fmt.date(date(2026, 1, 1 + value % 28))
    # one parse of fr_FR for 600 values (before: one per value)
    assert len(calls) <= 1


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_numbers_and_dates_read_as_babel_writes_them(lang: str) -> None:
    name = formatting.LOCALES[lang]
    fmt = Formatter(lang)
    rng = random.Random(16)
    values = [0, 1, -1, 1234, 1234.5, 0.005, 0.125, 2.5, np.float64(3.5), np.int64(42),
              *(rng.uniform(-1e7, 1e7) for _ in range(200))]
    for value in values:
        for digits in (0, 1, 2):
            number = "#,##0" + ("." + "0" * digits if digits else "")
            assert fmt.number(value, digits) == format_decimal(value, format=number,
                                                               locale=name)
            percent = "#,##0." + "0" * digits + " %" if digits else "#,##0 %"
            percent = percent if lang == "fr" else percent.replace(" %", "%")
            assert fmt.percent(value, digits) == format_percent(value, format=percent,
                                                                locale=name)
        assert fmt.money(value, "EUR") == format_currency(value, "EUR", locale=name)
    assert fmt.date(date(2026, 11, 23)) == format_date(
        date(2026, 11, 23), format="short" if lang != "fr" else "dd/MM/yyyy", locale=name)


def test_query_strings_are_urlencode_s() -> None:
    rng = random.Random(5)
    alphabet = "aé &=+/?#%Ü€ç'\"z0"
    for _ in range(300):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9)))
                 for _ in range(4)]
        state = FilterState(stage=tuple(sorted(words[:2])), owner=(words[2],), q=words[3],
                            date_from=date(2026, 1, 5), import_id=3, page=(("wr", "1.2"),))
        pairs = [*(("stage", w) for w in state.stage), ("owner", words[2]),
                 ("from", "2026-01-05"), ("import", "3"), ("q", words[3]), ("wr", "1.2")]
        assert state.to_query() == urlencode(pairs)


def test_without_view_keeps_a_state_without_a_view() -> None:
    # a page builds hundreds of links from its state: no copy when there is nothing to drop
    state = FilterState(stage=("Won",))
    assert state.without_view() is state
    viewed = FilterState(stage=("Won",), view="cold")
    assert viewed.without_view() == state


class _Dict:
    """A cache in a dict (what the file cache and Redis do, without the disk)."""

    def __init__(self) -> None:
        self.data: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def set(self, key: str, value: Any, timeout: int | None = None) -> bool:
        self.data[key] = value
        return True


def test_a_miss_can_answer_the_wire_form_a_hit_answers() -> None:
    memo = Memo(_Dict(), lambda: 1)
    made: list[int] = []

    def make() -> dict[str, Any]:
        made.append(1)
        return {"a": (1, 2), "b": np.float64(0.5)}

    def encode(value: dict[str, Any]) -> str:
        return json.dumps({k: v.tolist() if hasattr(v, "tolist") else v
                           for k, v in value.items()})

    miss = memo.cached("k", 1, ["x"], make, encode, json.loads, wire=True)
    hit = memo.cached("k", 1, ["x"], make, encode, json.loads, wire=True)
    assert made == [1]
    assert miss == hit == {"a": [1, 2], "b": 0.5}
    assert type(miss["a"]) is list  # the decoded form, not the value made
    plain = memo.cached("other", 1, ["x"], make, encode, json.loads)
    assert plain["a"] == (1, 2)  # without ``wire`` a miss returns what was made


def test_a_simulation_chunk_stays_in_the_cpu_caches() -> None:
    # the words and outcomes of one chunk (4 bytes per cell each): 16 MB chunks were a
    # quarter slower than 2 MB ones (bench/cold_filter.py); the draws do not depend on it
    assert forecast._CELLS_PER_CHUNK * 4 <= 4 * 2**20


def _reindexed(deals: Any, valued: Any, table: Any, keys: list[str], sums: tuple[str, ...],
               means: tuple[str, ...]) -> Any:
    """``counts_all_money_in`` as it was (a pandas index and a reindex per column)."""
    import pandas as pd

    out = table(deals)
    if valued is deals or out.empty:
        return out
    money = table(valued).set_index(list(keys))
    index = pd.MultiIndex.from_frame(out[list(keys)]) if len(keys) > 1 else out[keys[0]]
    for column in sums:
        out[column] = money[column].reindex(index).fillna(0.0).to_numpy()
    for column in means:
        out[column] = money[column].reindex(index).to_numpy()
    return out


@pytest.mark.parametrize("seed", range(6))
def test_money_by_group_is_the_reindexed_one(seed: int) -> None:
    import pandas as pd
    from pandas.testing import assert_frame_equal

    from data.metrics import counts_all_money_in, owner_performance, source_performance
    from data.metrics.pipeline import value_by_stage
    from data.stages import StageSetting

    rng = np.random.default_rng(seed)
    n = 400
    deals = pd.DataFrame({
        "stage": rng.choice(["Prospect", "Qualifié", "Gagné", "Perdu", None], n),
        "status": rng.choice(["open", "open", "won", "lost"], n),
        "amount": np.where(rng.random(n) < 0.1, np.nan, np.round(rng.uniform(0, 9e4, n), 2)),
        "currency": rng.choice(["EUR", "EUR", "USD", "GBP"], n),
        "p": rng.choice([0.1, 0.3, np.nan], n),
        "source": rng.choice(["LinkedIn", "Salon", "Rare", None], n),
        "owner": rng.choice(["Ana", "Bo", "Cy"], n),
        "created_date": pd.Timestamp("2026-01-01")
        + pd.to_timedelta(rng.integers(0, 300, n), "D"),
        "closed_date": pd.Timestamp("2026-06-01")
        + pd.to_timedelta(rng.integers(0, 100, n), "D"),
        "expected_close_date": pd.Timestamp("2026-07-01")
        + pd.to_timedelta(rng.integers(0, 100, n), "D"),
    })
    deals.loc[deals["source"] == "Rare", "currency"] = "USD"  # a group with no EUR money
    valued = deals[deals["currency"] == "EUR"]
    stages = [StageSetting("Prospect", 0.1, "open", 0), StageSetting("Qualifié", 0.3, "open", 1),
              StageSetting("Gagné", 1.0, "won", 2), StageSetting("Perdu", 0.0, "lost", 3)]
    cases = [
        (lambda d: value_by_stage(d, stages), ["stage", "status"], ("gross", "weighted"), ()),
        (source_performance, ["source"], ("won_revenue",), ("mean_won_deal_size",)),
        (owner_performance, ["owner"], ("open_gross", "open_weighted", "won_revenue"), ()),
    ]
    for table, keys, sums, means in cases:
        got = counts_all_money_in(deals, valued, table, keys, sums=sums, means=means)
        want = _reindexed(deals, valued, table, keys, sums, means)
        assert_frame_equal(got, want)


def test_counts_are_written_once_per_value(monkeypatch: pytest.MonkeyPatch) -> None:
    from babel.numbers import NumberPattern

    applied: list[Any] = []
    apply = NumberPattern.apply

    def counting(self: NumberPattern, value: Any, *args: Any, **kwargs: Any) -> str:
        applied.append(value)
        return str(apply(self, value, *args, **kwargs))

    formatting._whole.cache_clear()
    monkeypatch.setattr(NumberPattern, "apply", counting)
    fmt = Formatter("fr")
    texts = [fmt.number(n % 10) for n in range(500)]
    assert texts[:3] == ["0", "1", "2"] and fmt.number(12345) == "12\u202f345"
    assert len(applied) <= 11  # ten counts and 12345, each written once


@pytest.mark.parametrize(("start", "count"), [(0, 1), (0, 10), (1, 1), (7, 33), (1000, 999)])
def test_the_stream_reads_from_any_word(start: int, count: int) -> None:
    whole = np.random.default_rng(20261123).bit_generator.random_raw(1200).view(np.uint32)
    words = forecast._Stream(20261123).words(start, count)
    assert words.tolist() == whole[start : start + count].tolist()


def test_a_simulation_runs_its_chunks_on_two_threads_with_the_same_sums(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(3)
    n = 999  # an odd number of deals: chunks start in the middle of a 64-bit output
    a = np.round(rng.uniform(1, 9e4, n), 2)
    p = rng.choice([0.1, 0.35, 0.7, 0.9999], n)
    band = rng.integers(0, 3, n)
    uncertain = np.ones(n, dtype=bool)
    monkeypatch.setattr(forecast, "_CELLS_PER_CHUNK", 5 * n + 1)
    monkeypatch.setenv("FORECAST_THREADS", "1")
    assert forecast._threads() == 1
    alone = forecast.simulated_revenue(a, p, band, 3, uncertain, 2_001, 11)
    monkeypatch.setenv("FORECAST_THREADS", "2")
    if (forecast.os.cpu_count() or 1) >= 2:
        assert forecast._threads() == 2
    names: set[str] = set()
    run_chunk = forecast.np.less_equal

    def spy(*args: object, **kwargs: object) -> object:
        names.add(threading.current_thread().name)
        return run_chunk(*args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(forecast.np, "less_equal", spy)
    together = forecast.simulated_revenue(a, p, band, 3, uncertain, 2_001, 11)
    monkeypatch.setattr(forecast.np, "less_equal", run_chunk)
    assert np.array_equal(alone, together)
    if (forecast.os.cpu_count() or 1) >= 2:
        assert any(name.startswith("forecast") for name in names), names
    # no thread outlives the simulation (a shared pool once kept dead threads and hung)
    assert not [t for t in threading.enumerate() if t.name.startswith("forecast")]


def test_a_thread_count_that_is_not_a_number_falls_back_to_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FORECAST_THREADS", "two")
    threads = forecast._threads()  # no ValueError: every forecast view would fail
    assert threads == min(2, forecast.os.cpu_count() or 1)


def test_memory_is_given_back_only_above_the_slack(monkeypatch: pytest.MonkeyPatch) -> None:
    from data import snapshots

    mb = 2**20
    resident = [500 * mb]
    monkeypatch.setattr(snapshots, "_resident_bytes", lambda: resident[0])
    monkeypatch.setattr(snapshots, "_after_trim", [480 * mb])
    # 20 MB above the size after the last trim: kept (the next view reuses the pages)
    assert snapshots.release_unused_memory(slack=64 * mb) is False
    # a million-deal computation left 300 MB: given back, and the new size is the reference
    resident[0] = 780 * mb
    assert snapshots.release_unused_memory(slack=64 * mb) is True
    assert snapshots._after_trim[0] == 780 * mb
    assert snapshots.release_unused_memory(slack=64 * mb) is False


def test_resident_memory_is_read() -> None:
    from data import snapshots

    found = snapshots._resident_bytes()
    assert found is None or found > 10 * 2**20  # a Python process with numpy and pandas
