"""Issue 5: page aggregates are memoised in the shared cache and never outlive a write.

With a real app (``create_app``) on SQLite and PostgreSQL and the sample imported, rendering
``/pipeline?source=LinkedIn`` twice builds the aggregates once (a spy counts the builder and
``SnapshotManager.selection``); a new import, a stage edit or a deleted import makes the same call
recompute, with numbers that follow the change. The default cache is a FileSystemCache in
``cache_dir``; with ``redis_url`` it is a RedisCache, which gives the same page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from dash_payloads import make_app
from flask_caching.backends import FileSystemCache, RedisCache
from plotly.utils import PlotlyJSONEncoder

from data import store
from data.importer import import_file
from data.sample import sample_csv_bytes
from data.snapshots import SnapshotManager

AS_OF = date(2026, 11, 23)
QUERY = "?source=LinkedIn&as_of=2026-11-23"
REDIS_URL = "redis://127.0.0.1:6379/15"


def _linkedin_count(content: bytes) -> int:
    frame = pd.read_csv(BytesIO(content), dtype=str, keep_default_na=False)
    return int((frame["source"] == "LinkedIn").sum())


def dumps(component: Any) -> str:
    """The page as the browser receives it."""
    return json.dumps(component, cls=PlotlyJSONEncoder, sort_keys=True)


@dataclass
class Spy:
    """Counts the Pipeline builder and ``SnapshotManager.selection``; keeps the aggregates."""

    builds: list[dict[str, Any]] = field(default_factory=list)
    selects: int = 0


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    import dash

    from data.pagedata.jsonable import to_jsonable

    found = Spy()
    entry = dash.page_registry["pages.pipeline"]
    build = entry["builder"]

    def counting_build(selection: Any, as_of: date, *args: Any) -> Any:
        result = build(selection, as_of, *args)
        found.builds.append(to_jsonable(result))
        return result

    select = SnapshotManager.selection

    def counting_select(self: SnapshotManager, *args: Any, **kwargs: Any) -> Any:
        found.selects += 1
        return select(self, *args, **kwargs)

    monkeypatch.setitem(entry, "builder", counting_build)
    monkeypatch.setattr(SnapshotManager, "selection", counting_select)
    return found



@pytest.fixture
def app(app_settings: Any) -> Iterator[Any]:
    app = make_app(app_settings)
    yield app
    app.server.extensions["crm"]["engine"].dispose()


@pytest.fixture
def redis_db() -> Iterator[Any]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


def render(app: Any, path: str = "/pipeline", search: str = QUERY) -> Any:
    from callbacks.pages import render_page

    with app.server.test_request_context():
        return render_page(path, search)


def _stage_row(view: dict[str, Any], stage: str) -> dict[str, Any]:
    return next(r for r in view["by_stage"] if r["stage"] == stage)


@pytest.mark.slow
def test_pipeline_view_is_cached_until_a_write(app: Any, spy: Spy) -> None:
    engine = app.server.extensions["crm"]["engine"]
    sample = sample_csv_bytes(AS_OF)
    first = import_file(engine, sample, "sample.csv")

    page = render(app)
    again = render(app)
    assert (len(spy.builds), spy.selects) == (1, 1), "second render must be a cache hit"
    assert dumps(again) == dumps(page)
    view = spy.builds[-1]
    assert view["context"]["import_ref"]["id"] == first.import_id
    assert view["context"]["total_in_import"] == 2000
    assert view["context"]["selected"] == _linkedin_count(sample)
    # another filter state is another entry; the first one stays cached
    render(app, search="?source=Salon&as_of=2026-11-23")
    assert len(spy.builds) == 2
    render(app)
    assert len(spy.builds) == 2

    # a new import: recomputed on the newest import
    smaller = sample_csv_bytes(AS_OF, n=300, seed=7)
    second = import_file(engine, smaller, "sample-300.csv")
    after_import = render(app)
    assert len(spy.builds) == 3
    view = spy.builds[-1]
    assert view["context"]["import_ref"]["id"] == second.import_id
    context = view["context"]
    assert (context["total_in_import"], context["selected"]) == (300, _linkedin_count(smaller))
    assert dumps(after_import) != dumps(page)
    render(app)
    assert len(spy.builds) == 3  # and cached again

    # a stage edit: the weighted value of that stage follows the new probability
    before = _stage_row(view, "Négociation")
    store.set_stage_setting(engine, "Négociation", 0.2)
    after_edit = render(app)
    assert len(spy.builds) == 4
    edited = _stage_row(spy.builds[-1], "Négociation")
    assert edited["probability"] == pytest.approx(0.2)
    assert edited["gross"] == pytest.approx(before["gross"])
    assert edited["weighted"] < before["weighted"]
    assert dumps(after_edit) != dumps(after_import)
    render(app)
    assert len(spy.builds) == 4

    # a deleted import: back to the sample
    assert store.delete_import(engine, second.import_id)
    render(app)
    assert len(spy.builds) == 5
    view = spy.builds[-1]
    assert view["context"]["import_ref"]["id"] == first.import_id
    context = view["context"]
    assert (context["total_in_import"], context["selected"]) == (2000, _linkedin_count(sample))
    assert _stage_row(view, "Négociation")["probability"] == pytest.approx(0.2)
    render(app)
    assert len(spy.builds) == 5


def test_every_page_is_cached_under_its_own_key(app: Any) -> None:
    engine = app.server.extensions["crm"]["engine"]
    import_file(engine, sample_csv_bytes(AS_OF, n=200), "sample-200.csv")
    service = app.server.extensions["crm"]["manager"]
    import dash

    PAGES = [p["path"] for p in dash.page_registry.values() if p.get("builder")]
    first = {path: dumps(render(app, path)) for path in PAGES}
    calls = 0
    select = service.selection

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return select(*args, **kwargs)

    service.selection = counting  # instance attribute: this app only
    second = {path: dumps(render(app, path)) for path in PAGES}
    assert calls == 0
    assert second == first
    assert len(set(first.values())) == len(PAGES)


def test_filesystem_cache_is_the_default(app: Any, app_settings: Any) -> None:
    service = app.server.extensions["crm"]["manager"]
    assert isinstance(service.cache.cache, FileSystemCache)
    import_file(service.engine, sample_csv_bytes(AS_OF, n=100), "sample-100.csv")
    cache_dir = Path(app_settings.cache_dir)
    before = {p for p in cache_dir.rglob("*") if p.is_file()}
    render(app)
    written = {p for p in cache_dir.rglob("*") if p.is_file()} - before
    assert written, "the rendered view should be stored under cache_dir"


@pytest.mark.slow
def test_redis_cache_when_redis_url_is_set(app_settings: Any, redis_db: Any,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    fs_app = make_app(app_settings)
    redis_app = make_app(replace(app_settings, redis_url=REDIS_URL))
    try:
        engine = fs_app.server.extensions["crm"]["engine"]
        assert isinstance(fs_app.server.extensions["crm"]["manager"].cache.cache, FileSystemCache)
        assert isinstance(redis_app.server.extensions["crm"]["manager"].cache.cache, RedisCache)
        import_file(engine, sample_csv_bytes(AS_OF), "sample.csv")

        from_files = dumps(render(fs_app))
        from_redis = dumps(render(redis_app))
        assert from_redis == from_files
        keys = redis_db.keys("crm:*")
        assert any(k.startswith(b"crm:render:") for k in keys), keys

        calls = 0
        service = redis_app.server.extensions["crm"]["manager"]
        select = service.selection

        def counting(*args: Any, **kwargs: Any) -> Any:
            nonlocal calls
            calls += 1
            return select(*args, **kwargs)

        monkeypatch.setattr(service, "selection", counting)
        assert dumps(render(redis_app)) == from_files
        assert calls == 0, "second render through Redis must be a cache hit"
        # a write seen through the other app's engine invalidates Redis entries too
        import_file(engine, sample_csv_bytes(AS_OF, n=300, seed=7), "sample-300.csv")
        assert dumps(render(redis_app)) == dumps(render(fs_app)) != from_files
        assert calls == 1
    finally:
        for app in (fs_app, redis_app):
            app.server.extensions["crm"]["engine"].dispose()


def test_two_databases_sharing_a_cache_do_not_see_each_other(tmp_path: Path) -> None:
    from data.config import load_settings
    from data.db import make_engine, migrate

    shared = str(tmp_path / "shared-cache")
    apps = []
    for name, n in (("a", 150), ("b", 250)):
        url = f"sqlite:///{tmp_path / (name + '.sqlite3')}"
        migrate(make_engine(url))
        app = make_app(load_settings(database_url=url, cache_dir=shared, redis_url=None))
        import_file(app.server.extensions["crm"]["engine"],
                    sample_csv_bytes(AS_OF, n=n), f"sample-{n}.csv")
        apps.append(app)
    try:
        a, b = (dumps(render(app, "/")) for app in apps)
        assert a != b
    finally:
        for app in apps:
            app.server.extensions["crm"]["engine"].dispose()
