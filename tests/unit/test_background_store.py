"""Issue 9: the background-callback store (Dash's DiskcacheManager) never unpickles a value.

Entries are written the way an attacker who can write the cache directory would: with plain
``diskcache`` (which pickles), or sealed under another secret. Reading them through the app's
store must give a miss, and the pickle's payload (creating a file) must never run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import diskcache
from dash import DiskcacheManager, html, no_update

from data.signed_disk import background_cache

SECRET = "test-secret"


class Forged:
    """A pickle payload that creates ``path`` when it is unpickled."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (open, (str(self.path), "w"))


def test_values_round_trip_as_the_json_dash_sends(tmp_path: Path) -> None:
    store = background_cache(str(tmp_path / "bg"), SECRET)
    value = [html.Div("x", id="a"), no_update, (1, "é", None), {"k": [1.5]}]
    store.set("result", value)
    expected = [{"props": {"children": "x", "id": "a"}, "type": "Div",
                 "namespace": "dash_html_components"},
                {"_dash_no_update": "_dash_no_update"}, [1, "é", None], {"k": [1.5]}]
    assert store.get("result") == expected
    big = "y" * 100_000  # stored in a file beside the database, sealed the same way
    store.set("big", big)
    assert store.get("big") == big


def test_forged_entries_are_misses_and_never_run(tmp_path: Path) -> None:
    folder = str(tmp_path / "bg")
    marker = tmp_path / "pwned"
    attacker = diskcache.Cache(folder)  # the stock Disk: pickles what it is given
    attacker.set("result-pickled", Forged(marker))
    attacker.set("result-big", [Forged(marker)] + ["z" * 50_000])  # a pickle in a file
    attacker.set("result-text", '"plain json, not sealed"')
    background_cache(folder, "another secret").set("result-other-key", "sealed elsewhere")
    attacker.close()

    store = background_cache(folder, SECRET)
    missing = object()
    for key in ("result-pickled", "result-big", "result-text", "result-other-key"):
        assert store.get(key, missing) is missing, key
    assert not marker.exists()

    manager = DiskcacheManager(store)  # type: ignore[no-untyped-call]
    assert manager.get_result("result-pickled", None) is manager.UNDEFINED
    assert not marker.exists()
    store.set("result-ours", ["done"])  # a sealed entry of this app still reads
    assert manager.get_result("result-ours", None) == ["done"]
