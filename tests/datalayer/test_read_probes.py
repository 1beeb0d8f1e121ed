"""Issue 9 probes as tests, through the page-content callback as the browser calls it.

The app is built with ``create_app`` on SQLite and PostgreSQL; requests are POSTed to
``/_dash-update-component`` with Flask's test client and the body the Dash renderer sends (built
from ``app.callback_map``), so Dash's own error handling is part of what is tested.

* Home search with two imports, one of them with blank owners (``?q=Ann`` showed "This view
  could not be computed": ``fillna("")`` on a categorical column); the count shown is compared
  with an independent pandas count.
* 100 seeded random query strings per page: no error notice, every answer a 200.
* Forged cache entries (a pickle that creates a file when unpickled) written straight into
  Redis and into the file cache: never executed, logged, and the page still renders the same.
"""

from __future__ import annotations

import io
import json
import logging
import pickle
import random
import struct
import urllib.parse
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash_payloads import content_body, find_text, make_app

from data.importer import import_file
from data.sample import sample_csv_bytes

AS_OF = date(2026, 11, 23)
PAGES = ("/", "/pipeline", "/marketing", "/forecast", "/deals", "/trends", "/segments",
         "/what-if")
REDIS_URL = "redis://127.0.0.1:6379/15"
SEARCHED = ("name", "account", "deal_id", "owner", "notes")


class Forged:
    """A pickle payload that creates ``path`` when it is unpickled (what an attacker writes)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return (open, (str(self.path), "w"))




def post_page(app: Any, path: str, search: str) -> str:
    client = app.server.test_client()
    response = client.post("/_dash-update-component", json=content_body(app, path, search))
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:500]
    return str(response.get_data(as_text=True))




@pytest.fixture
def app(app_settings: Any) -> Iterator[Any]:
    made = make_app(app_settings)
    yield made
    made.server.extensions["crm"]["engine"].dispose()
    made.server.extensions["crm"]["manager"].reader.dispose()


def _with_blank_owners(n: int, seed: int) -> bytes:
    raw = pd.read_csv(io.BytesIO(sample_csv_bytes(AS_OF, n=n, seed=seed)), dtype=str,
                      keep_default_na=False)
    raw.loc[::3, "owner"] = ""
    return raw.to_csv(index=False).encode()


def _matching(content: bytes, needle: str) -> int:
    raw = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)
    hit = pd.Series(False, index=raw.index)
    for column in SEARCHED:
        hit |= raw[column].str.casefold().str.contains(needle.casefold(), regex=False)
    return int(hit.sum())


def _shown_deals(text: str) -> int:
    shown = find_text(json.loads(text)["response"]["page-content"]["children"], "kpi-deals")
    assert shown is not None, text[:500]
    return int("".join(ch for ch in shown if ch.isdigit()))


def test_home_search_with_two_imports_and_blank_owners(app: Any) -> None:
    engine = app.server.extensions["crm"]["engine"]
    import_file(engine, sample_csv_bytes(AS_OF, n=400), "first.csv")
    second = _with_blank_owners(500, seed=11)
    import_file(engine, second, "second.csv")
    owners = pd.read_csv(io.BytesIO(second), dtype=str, keep_default_na=False)["owner"]
    needle = next(o for o in owners if o)[:3]  # a prefix of a real owner: some deals match
    for query in ("Ann", needle, needle.lower()):
        text = post_page(app, "/", f"?q={urllib.parse.quote(query)}&as_of=2026-11-23")
        assert "page-error" not in text, text[:800]
        assert _shown_deals(text) == _matching(second, query)
    assert _matching(second, needle) > 0


def _fuzzed_queries(seed: int, values: dict[str, list[str]], count: int) -> list[str]:
    """Seeded random query strings: real and unknown keys, real, odd and hostile values."""
    rng = random.Random(seed)
    keys = ["status", "stage", "source", "sector", "owner", "date", "from", "to", "import",
            "currency", "q", "view", "as_of", "lang", "sort", "page", "", "stage[]", "é",
            "prob", "wr", "size", "leads", "cycle", "compare", "moved"]
    odd = ["", " ", "%", "%00", "\x00", "'; DROP TABLE deals;--", "<script>alert(1)</script>",
           "2026-02-30", "2026-13-01", "9999-12-31", "0001-01-01", "-1", "1e309", "NaN",
           "None", "null", "[]", "{}", "=", "&&", "ü" * 300, "x" * 5000, "😀", "\u202e",
           "Négociation", "negociation", "cold", "overdue", "quick_wins", "rotting", "en",
           "fr", "de", "999999", "0", "1.5", "true", "created", "closed", "expected"]
    queries = []
    for _ in range(count):
        pairs = []
        for _ in range(rng.randint(0, 6)):
            key = rng.choice(keys)
            pool = values.get(key, []) + odd
            pairs.append((key, rng.choice(pool)))
        raw = rng.random() < 0.1
        query = "&".join(f"{k}={v}" for k, v in pairs) if raw else urllib.parse.urlencode(pairs)
        queries.append("?" + query if rng.random() < 0.9 else query)
    return queries


@pytest.mark.slow
def test_fuzzed_query_strings_never_show_an_error(app: Any) -> None:
    engine = app.server.extensions["crm"]["engine"]
    first = sample_csv_bytes(AS_OF, n=300)
    import_file(engine, first, "first.csv")
    import_file(engine, _with_blank_owners(300, seed=5), "second.csv")
    raw = pd.read_csv(io.BytesIO(first), dtype=str, keep_default_na=False)
    values = {c: sorted(set(raw[c]))[:20] for c in ("status", "stage", "source", "sector",
                                                     "owner", "currency")}
    values["q"] = [v[:4] for v in raw["name"][:20]]
    values["from"] = values["to"] = values["as_of"] = ["2025-01-01", "2026-11-23", "23/11/2026"]
    values["import"] = ["1", "2", "3", "0"]
    rendered = 0
    for index, path in enumerate(PAGES):
        for query in _fuzzed_queries(1000 + index, values, 100):
            text = post_page(app, path, query)
            assert "page-error" not in text, (path, query, text[:800])
            rendered += "context-line" in text
    assert rendered > 250, "most fuzzed views should render a page with its context line"


# -- forged cache entries ----------------------------------------------------------------------
def _forge(target: Path) -> bytes:
    """A pickle that runs ``open(target, "w")``: proven live here before it is planted."""
    payload = pickle.dumps(Forged(target))
    probe = target.with_name(target.name + ".probe")
    pickle.loads(pickle.dumps(Forged(probe)))  # the payload really runs code when unpickled
    assert probe.exists()
    probe.unlink()
    return payload


def _forge_redis(client: Any, payload: bytes) -> int:
    keys = client.keys("crm:*")
    for key in keys:
        client.set(key, b"!" + payload)  # cachelib's pickle marker
    return len(keys)


def _forge_files(cache_dir: Path, payload: bytes) -> int:
    files = [p for p in cache_dir.iterdir() if p.is_file()]  # frames/, background/ are dirs
    for path in files:
        path.write_bytes(struct.pack("I", 0) + payload)  # cachelib: expiry, then the pickle
    return len(files)


@pytest.fixture
def redis15() -> Iterator[Any]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.mark.parametrize("backend", ["files", "redis"])
def test_forged_cache_entries_are_ignored_not_executed(
    app_settings: Any, tmp_path: Path, backend: str, request: pytest.FixtureRequest,
    caplog: pytest.LogCaptureFixture,
) -> None:
    settings = app_settings
    client = None
    if backend == "redis":
        client = request.getfixturevalue("redis15")
        settings = replace(app_settings, redis_url=REDIS_URL)
    made = make_app(settings)
    try:
        engine = made.server.extensions["crm"]["engine"]
        import_file(engine, sample_csv_bytes(AS_OF, n=300), "sample.csv")
        search = "?source=LinkedIn&as_of=2026-11-23"
        before = {path: post_page(made, path, search) for path in PAGES}
        assert all("page-error" not in text for text in before.values())

        target = tmp_path / "pwned"
        payload = _forge(target)
        if client is not None:
            planted = _forge_redis(client, payload)
        else:
            planted = _forge_files(Path(settings.cache_dir), payload)
        assert planted >= len(PAGES), "every rendered page should have had a cache entry"

        caplog.set_level(logging.WARNING, logger="data.signed_cache")
        after = {path: post_page(made, path, search) for path in PAGES}
        assert not target.exists(), "a forged cache entry was unpickled"
        assert after == before, "the page must render the same, computed again"
        assert any("cache entry ignored" in r.getMessage() for r in caplog.records)
    finally:
        made.server.extensions["crm"]["engine"].dispose()
        made.server.extensions["crm"]["manager"].reader.dispose()
