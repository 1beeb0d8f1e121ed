"""Issue 5: two gunicorn workers on one PostgreSQL database and one Redis agree, before and after
an import made by another process.

Starts ``gunicorn -w 2 app:server`` (the deployment command) on a free port with the session's
PostgreSQL database (reset), Redis db 14 (flushed) and a temporary CACHE_DIR; imports the sample
through the CLI; sends identical Home-content callbacks (the JSON body the Dash renderer posts to
``/_dash-update-component``) concurrently until both workers have answered; then imports a second
file through the CLI and checks that every later answer, from both workers, shows the new numbers.
Which worker answered is read from gunicorn's access log (``%(p)s`` = worker pid, matched to the
request by an ``X-Request-Id`` header). Bounded in time; gunicorn is always stopped.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pandas as pd
import psutil
import pytest
import requests
from dash_payloads import find_text
from sqlalchemy import text

from data.db import make_engine, migrate
from data.sample import sample_csv_bytes

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/14"
TODAY = date(2026, 11, 23)
DEADLINE_S = 60  # the requests and imports; start-up has its own 60 s bound (a busy machine)
SEARCH = "?source=LinkedIn"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _body(search: str = SEARCH, version: int = 1) -> dict[str, Any]:
    """The request the Dash renderer sends for the page-content callback (dash.types)."""
    return {
        "output": "page-content.children",
        "outputs": {"id": "page-content", "property": "children"},
        "inputs": [{"id": "shell-data-version", "property": "data", "value": version}],
        "changedPropIds": ["shell-data-version.data"],
        "state": [{"id": "shell-url", "property": "pathname", "value": "/"},
                  {"id": "shell-url", "property": "search", "value": search}],
    }



def _linkedin_count(content: bytes) -> int:
    frame = pd.read_csv(BytesIO(content), dtype=str, keep_default_na=False)
    return int((frame["source"] == "LinkedIn").sum())


@dataclass
class Server:
    """A running gunicorn: its base URL, master process and access log."""

    url: str
    process: subprocess.Popen[bytes]
    access_log: Path
    error_log: Path

    def workers(self) -> list[int]:
        return [c.pid for c in psutil.Process(self.process.pid).children()]

    def pids_by_request(self) -> dict[str, int]:
        """Request id → pid of the worker that answered it (from the access log)."""
        found: dict[str, int] = {}
        if self.access_log.exists():
            for line in self.access_log.read_text().splitlines():
                parts = line.split()  # "<pid> request-id status"; gunicorn writes <pid>
                pid = parts[0].strip("<>") if parts else ""
                if len(parts) >= 2 and pid.isdigit():
                    found[parts[1]] = int(pid)
        return found


def _cli(env: dict[str, str], *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout))


@pytest.fixture
def fresh_pg(pg_url: str) -> str:
    """The session's PostgreSQL database, migrated and emptied."""
    engine = make_engine(pg_url)
    try:
        migrate(engine)
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE deals, imports, stage_settings, mapping_memory "
                              "RESTART IDENTITY CASCADE"))
            conn.execute(text("UPDATE meta SET value = 1 WHERE key = 'data_version'"))
    finally:
        engine.dispose()
    return pg_url


@pytest.fixture
def redis14() -> Iterator[None]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    yield
    client.flushdb()
    client.close()


@pytest.fixture
def env(fresh_pg: str, redis14: None, tmp_path: Path) -> dict[str, str]:
    values = {**os.environ, "DATABASE_URL": fresh_pg, "REDIS_URL": REDIS_URL,
              "CACHE_DIR": str(tmp_path / "cache"), "PYTHONIOENCODING": "utf-8"}
    values.pop("DEBUG", None)
    return values


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    port = _free_port()
    access_log, error_log = tmp_path / "access.log", tmp_path / "error.log"
    command = [sys.executable, "-m", "gunicorn", "-w", "2", "-b", f"127.0.0.1:{port}",
               "--timeout", "60", "--graceful-timeout", "5",
               "--no-control-socket",  # gunicorn 27's default socket path is per user, shared
               "--access-logfile", str(access_log),
               "--access-logformat", "%(p)s %({x-request-id}i)s %(s)s",
               "--error-logfile", str(error_log), "app:server"]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    running = Server(f"http://127.0.0.1:{port}", process, access_log, error_log)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, error_log.read_text() if error_log.exists() else ""
            try:
                if (requests.get(running.url + "/", timeout=5).status_code == 200
                        and len(running.workers()) == 2):
                    break
            except (requests.ConnectionError, requests.Timeout):
                pass  # not listening yet, or a worker still booting
            assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
            time.sleep(0.2)
        yield running
    finally:
        _stop(process)


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the master we started (it stops its workers); then any worker left, by pid."""
    try:
        workers = psutil.Process(process.pid).children()
    except psutil.NoSuchProcess:
        workers = []
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
    for worker in workers:
        if worker.is_running():
            worker.kill()


def _post(server: Server, request_id: str) -> Any:
    response = requests.post(server.url + "/_dash-update-component", json=_body(),
                             headers={"X-Request-Id": request_id}, timeout=20)
    assert response.status_code == 200, response.text[:500]
    return response.json()


def _burst(server: Server, tag: str, deadline: float, minimum: int = 40) -> dict[int, list[Any]]:
    """Concurrent identical requests until both workers answered (≥ ``minimum`` requests)."""
    answers: dict[str, Any] = {}
    sent = 0
    with ThreadPoolExecutor(max_workers=8) as pool:
        while True:
            ids = [f"{tag}-{sent + i}" for i in range(minimum)]
            for rid, answer in zip(ids, pool.map(lambda r: _post(server, r), ids), strict=True):
                answers[rid] = answer
            sent += minimum
            time.sleep(0.2)  # let gunicorn write the access log lines
            pids = server.pids_by_request()
            by_pid: dict[int, list[Any]] = {}
            for rid, answer in answers.items():
                by_pid.setdefault(pids[rid], []).append(answer)
            if len(by_pid) >= 2:
                return by_pid
            assert time.monotonic() < deadline, f"only worker(s) {list(by_pid)} answered"


@pytest.mark.postgres
@pytest.mark.slow
def test_two_workers_agree_and_see_a_new_import(server: Server, env: dict[str, str],
                                                tmp_path: Path) -> None:
    deadline = time.monotonic() + DEADLINE_S
    workers = server.workers()
    assert len(workers) == 2

    sample = sample_csv_bytes(TODAY)
    (tmp_path / "sample.csv").write_bytes(sample)
    first = _cli(env, "import", str(tmp_path / "sample.csv"), "--json")
    assert first["created"]

    before = _burst(server, "before", deadline)
    assert set(before) == set(workers), "both workers must have answered"
    answers = [a for group in before.values() for a in group]
    assert all(a == answers[0] for a in answers), "workers gave different pages"
    content = answers[0]["response"]["page-content"]["children"]
    shown = find_text(content, "kpi-deals")
    assert shown is not None
    assert int("".join(ch for ch in shown if ch.isdigit())) == _linkedin_count(sample)

    # a write by another process (the CLI): no worker may keep serving the old page
    second_file = sample_csv_bytes(TODAY, n=500, seed=99)
    (tmp_path / "second.csv").write_bytes(second_file)
    second = _cli(env, "import", str(tmp_path / "second.csv"), "--json")
    assert second["created"] and second["import_id"] != first["import_id"]

    after = _burst(server, "after", deadline)
    assert set(after) == set(workers)
    later = [a for group in after.values() for a in group]
    assert all(a == later[0] for a in later), "workers gave different pages after the import"
    assert later[0] != answers[0]
    shown = find_text(later[0]["response"]["page-content"]["children"], "kpi-deals")
    assert shown is not None
    assert int("".join(ch for ch in shown if ch.isdigit())) == _linkedin_count(second_file)
    assert time.monotonic() < deadline
