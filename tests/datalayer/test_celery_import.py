"""Imports on Celery (issue 15 point 5): a worker against the local Redis, two web processes.

A real ``celery -A callbacks.worker worker`` subprocess runs the background callbacks. Web
process A receives the file drop (the import dialog's preview callback) and the click on
Import; web process B — another app built from the same settings, sharing nothing with A but
Redis, the database, the upload directory and ``SECRET_KEY`` — follows both jobs to the end by
polling with the handles A gave out, as the browser would after a load balancer switched it.
The import then exists in the database with the file's rows (counted independently).
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import redis

from data import store
from data.config import load_settings
from data.db import make_engine

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/12"
SECRET = "a-test-secret-shared-by-every-web-process-0123"
CSV = ("Deal,Stage,Amount,Owner\n" + "".join(
    f"D{i},{'Prospect' if i % 3 else 'Won'},{1000 + i},Ann\n" for i in range(1, 41))).encode()
TIMEOUT_S = 120


def _outputs(key: str) -> list[dict[str, str]]:
    parts = key.lstrip(".").split("...")
    return [{"id": p.split(".")[0], "property": p.split(".", 1)[1].split("@")[0]} for p in parts]


def _body(app: Any, first_output: str, values: dict[str, Any]) -> dict[str, Any]:
    key = next(k for k, spec in app.callback_map.items()
               if k.lstrip(".").startswith(first_output) and spec.get("background"))
    spec = app.callback_map[key]

    def entry(item: dict[str, Any]) -> Any:
        ident = str(item["id"])
        if ident.startswith("{"):
            return []  # an ALL pattern with no component on screen
        return {"id": ident, "property": item["property"], "value": values.get(ident)}

    inputs = [entry(i) for i in spec["inputs"]]
    return {"output": key, "outputs": _outputs(key), "inputs": inputs,
            "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
            "state": [entry(s) for s in spec["state"]]}


def _follow(start: Any, follow: Any, body: dict[str, Any]) -> dict[str, Any]:
    """Start a background callback on ``start``, poll it to the end on ``follow``."""
    first = start.post("/_dash-update-component", json=body)
    assert first.status_code in (200, 202), first.get_data(as_text=True)[:500]
    handles = first.get_json()
    assert "cacheKey" in handles and "job" in handles, handles
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        polled = follow.post("/_dash-update-component", json=body,
                             query_string={"cacheKey": handles["cacheKey"],
                                           "job": handles["job"]})
        assert polled.status_code in (200, 202, 204), polled.get_data(as_text=True)[:500]
        answer = polled.get_json(silent=True) or {}
        if "response" in answer:
            return dict(answer["response"])
        time.sleep(0.5)
    raise AssertionError("the job did not finish in time")


@pytest.fixture
def worker(db_url: str, tmp_path: Path) -> Any:
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {**os.environ, "DATABASE_URL": db_url, "REDIS_URL": REDIS_URL,
           "CACHE_DIR": str(tmp_path / "cache-worker"), "UPLOAD_DIR": str(tmp_path / "uploads"),
           "SECRET_KEY": SECRET, "LOG_FORMAT": "text"}
    log = (tmp_path / "worker.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "callbacks.worker", "worker", "--pool=solo",
         "--concurrency=1", "--loglevel=INFO", "--without-gossip", "--without-mingle"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    yield process
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.mark.slow
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_an_import_started_on_one_web_process_is_followed_from_another(
    worker: Any, db_url: str, tmp_path: Path,
) -> None:
    from app import create_app

    base = load_settings(database_url=db_url, redis_url=REDIS_URL, secret_key=SECRET,
                         upload_dir=str(tmp_path / "uploads"))
    web_a = create_app(replace(base, cache_dir=str(tmp_path / "cache-a")))
    web_b = create_app(replace(base, cache_dir=str(tmp_path / "cache-b")))
    a, b = web_a.server.test_client(), web_b.server.test_client()
    dropped = {"files": [{"contents": "data:text/csv;base64," + base64.b64encode(CSV).decode(),
                          "filename": "team.csv"}]}
    try:
        preview = _follow(a, b, _body(web_a, "import-preview.children",
                                        {"import-uploaded": dropped}))
    except AssertionError:
        print((tmp_path / "worker.log").read_text()[-3000:])
        raise
    staged = preview["import-staged"]["data"]
    assert staged and "team.csv" in json.dumps(staged)
    done = _follow(a, b, _body(web_a, "import-result.children",
                               {"import-confirm": 1, "import-staged": staged}))
    assert "40" in json.dumps(done["import-result"]), done["import-result"]
    engine = make_engine(db_url)
    try:
        imports = store.list_imports(engine)
        assert [i.filename for i in imports] == ["team.csv"]
        deals = store.load_deals(engine, imports[0].id)
        assert len(deals) == CSV.decode().count("\n") - 1
        assert int(done["shell-data-version"]["data"]) == store.data_version(engine)
    finally:
        engine.dispose()
