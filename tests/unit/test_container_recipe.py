"""The container recipe (issue 15 point 6) is consistent with the repo (Docker is not run here).

Every path the Dockerfile copies exists; compose has two gunicorn web services behind the proxy,
a Celery worker on the worker module, PostgreSQL, Redis and a one-shot migration the web
services wait for; the web processes do not migrate themselves and need a SECRET_KEY.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_dockerfile_copies_what_exists_and_runs_gunicorn() -> None:
    text = (ROOT / "Dockerfile").read_text()
    sources = [word for line in text.splitlines() if line.startswith("COPY ")
               for word in line.split()[1:-1]]
    assert sources and all((ROOT / s).exists() for s in sources), sources
    assert re.search(r'^CMD \["gunicorn", "app:server"\]', text, re.MULTILINE)
    assert "USER crm" in text  # not root


def test_compose_services() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]
    assert {"web1", "web2", "worker", "postgres", "redis", "migrate", "proxy"} <= set(services)
    for name in ("web1", "web2"):
        web = services[name]
        assert web["command"][:2] == ["gunicorn", "app:server"]
        assert web["environment"]["MIGRATE_ON_START"] == "off"
        assert web["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert "SECRET_KEY:?" in web["environment"]["SECRET_KEY"]
        assert web["environment"]["REDIS_URL"].startswith("redis://redis:")
    worker = services["worker"]["command"]
    assert worker[:3] == ["celery", "-A", "callbacks.worker"]
    assert (ROOT / "callbacks" / "worker.py").is_file()
    assert services["migrate"]["command"] == ["python", "-m", "data", "migrate"]
    upstream = compose["configs"]["nginx"]["content"]
    assert "web1:8050" in upstream and "web2:8050" in upstream
