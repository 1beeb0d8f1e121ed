"""The read-only JSON API ``/api/v1`` (issue 15), on SQLite and PostgreSQL.

* ``/api/v1/kpis`` answers exactly what ``python -m data kpis --json`` prints (a real
  subprocess) for the same query; the Home page's figures equal the CLI's and a plain pandas
  computation (METRICS.md gross pipeline and deal counts).
* The paged deals list: the total is an independent pandas count, pages put together are the
  whole selection once, ``sort=-amount`` orders by amount.
* Errors: 400 for a bad parameter, 404 for an unknown or deleted import, JSON 404 for an
  unknown API path — always the one error body.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import Engine

from data import history, store
from data.importer import import_file
from data.sample import sample_csv_bytes

ROOT = Path(__file__).resolve().parents[2]
AS_OF = date(2026, 11, 23)
QUERIES = ("", "stage=Négociation&source=LinkedIn", "status=open&currency=USD&date=close"
           "&from=2026-10-01&to=2027-03-31")


def run_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONIOENCODING": "utf-8"}
    env.pop("REDIS_URL", None)
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def client(app_settings: Any, engine: Engine) -> Any:
    from app import create_app

    import_file(engine, sample_csv_bytes(AS_OF), "sample.csv")
    return create_app(app_settings).server.test_client()


def _get(client: Any, path: str) -> tuple[int, Any]:
    response = client.get(path)
    assert response.content_type == "application/json", response.get_data(as_text=True)[:300]
    return response.status_code, json.loads(response.get_data(as_text=True))


def _error(client: Any, path: str, status: int) -> dict[str, Any]:
    code, body = _get(client, path)
    assert code == status, body
    assert set(body) == {"error"}
    assert body["error"]["status"] == status and body["error"]["message"]
    return dict(body["error"])


@pytest.mark.parametrize("query", QUERIES)
def test_api_kpis_equal_the_cli(client: Any, db_url: str, query: str) -> None:
    full = f"{query}&as_of={AS_OF}" if query else f"as_of={AS_OF}"
    done = run_cli(db_url, "kpis", "--json", "--query", full)
    assert done.returncode == 0, done.stderr
    cli = json.loads(done.stdout)
    code, api = _get(client, f"/api/v1/kpis?{full}")
    assert code == 200
    assert api == cli
    assert cli["deals"]["total"] > 0  # a real selection, not two empty answers


def test_home_figures_equal_the_cli_and_pandas(client: Any, db_url: str, engine: Engine) -> None:
    query = f"source=LinkedIn&as_of={AS_OF}"
    code, home = _get(client, f"/api/v1/pages/home?{query}")
    assert code == 200 and home["page"] == "home"
    cli = json.loads(run_cli(db_url, "kpis", "--json", "--query", query).stdout)
    kpis = home["data"]["kpis"]
    for key in ("pipeline_gross", "pipeline_weighted", "win_rate", "won_revenue", "deals"):
        assert kpis[key] == cli[key], key
    deals = store.load_deals(engine, home["import_id"])
    linkedin = deals[deals["source"] == "LinkedIn"]
    currency = linkedin["currency"].value_counts().idxmax()
    open_eur = linkedin[(linkedin["status"] == "open") & (linkedin["currency"] == currency)]
    assert kpis["pipeline_gross"] == pytest.approx(float(open_eur["amount"].sum()), abs=0.01)
    assert kpis["deals"]["total"] == len(linkedin)
    assert kpis["deals"]["won"] == int((linkedin["status"] == "won").sum())


@pytest.mark.parametrize("page", ["pipeline", "marketing", "forecast", "deals"])
def test_every_page_answers_its_data(client: Any, page: str) -> None:
    code, body = _get(client, f"/api/v1/pages/{page}?as_of={AS_OF}&stage=Prospect")
    assert code == 200
    assert body["page"] == page and body["as_of"] == AS_OF.isoformat()
    assert body["filters"] == f"stage=Prospect&as_of={AS_OF}"
    assert body["data"]["context"]["selected"] > 0


def test_deals_list_pages_sorts_and_counts(client: Any, engine: Engine) -> None:
    code, first = _get(client, f"/api/v1/deals?status=open&as_of={AS_OF}&per_page=100"
                               "&sort=-amount")
    assert code == 200
    deals = store.load_deals(engine, first["import_id"])
    expected = deals[deals["status"] == "open"]
    assert first["total"] == len(expected)
    assert first["pages"] == -(-len(expected) // 100)
    seen = [d["deal_id"] for d in first["deals"]]
    amounts = [d["amount"] for d in first["deals"] if d["amount"] is not None]
    assert amounts == sorted(amounts, reverse=True)
    for page in range(2, first["pages"] + 1):
        code, more = _get(client, f"/api/v1/deals?status=open&as_of={AS_OF}&per_page=100"
                                  f"&sort=-amount&page={page}")
        assert code == 200
        seen += [d["deal_id"] for d in more["deals"]]
    assert sorted(seen) == sorted(expected["deal_id"].tolist())
    overdue = {d["deal_id"] for d in first["deals"] if d["overdue"]}
    late = expected[expected["expected_close_date"] < pd.Timestamp(AS_OF)]
    assert overdue == set(late["deal_id"]) & {d["deal_id"] for d in first["deals"]}


def test_bad_parameters_are_400_with_the_parameter_named(client: Any) -> None:
    for path, word in (("/api/v1/kpis?as_of=23/11/2026", "as_of"),
                       ("/api/v1/kpis?colour=red", "colour"),
                       ("/api/v1/pages/home?status=maybe", "maybe"),
                       ("/api/v1/deals?per_page=100000", "per_page"),
                       ("/api/v1/deals?sort=password", "password"),
                       ("/api/v1/kpis?page=2", "page"),
                       ("/api/v1/kpis?as_of=0001-01-01", "1900")):
        error = _error(client, path, 400)
        assert error["code"] == "bad_parameter"
        assert word in error["message"], (path, error)


def test_unknown_and_deleted_imports_are_404(client: Any, engine: Engine) -> None:
    assert _error(client, "/api/v1/kpis?import=999", 404)["code"] == "unknown_import"
    assert _error(client, "/api/v1/deals?dataset=999", 404)["code"] == "unknown_dataset"
    second = import_file(engine, sample_csv_bytes(date(2026, 11, 24)), "other.csv")
    assert _get(client, f"/api/v1/pages/home?import={second.import_id}")[0] == 200
    history.soft_delete(engine, second.import_id)
    error = _error(client, f"/api/v1/pages/home?import={second.import_id}", 404)
    assert "deleted" in error["message"]
    assert _error(client, "/api/v1/pages/settings", 404)["code"] == "unknown_page"
    assert _error(client, "/api/v1/nothing/here", 404)["code"] == "not_found"
    assert _error(client, "/api/kpis", 404)["code"] == "not_found"


def test_no_import_yet_is_404_not_an_empty_200(app_settings: Any, tmp_path: Path) -> None:
    from app import create_app

    client = create_app(app_settings).server.test_client()
    assert _error(client, "/api/v1/kpis", 404)["code"] == "no_data"
    assert _get(client, "/api/v1/imports") == (200, {"imports": []})
