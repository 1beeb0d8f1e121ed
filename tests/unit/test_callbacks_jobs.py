"""The background-job wrapper (``callbacks.jobs.run_job``): app context, fresh connections, an
expected error shown as is, any other logged in full and shown as one short sentence."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from dash.exceptions import PreventUpdate
from flask import Flask, current_app

from callbacks.jobs import run_job


class _Engine:
    def __init__(self) -> None:
        self.disposed: list[bool] = []

    def dispose(self, close: bool = True) -> None:
        self.disposed.append(close)


@pytest.fixture(autouse=True)
def _normal_priority(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Jobs here run in pytest's own process: it must keep its priority (see data.batch)."""
    lowered: list[bool] = []
    monkeypatch.setattr("callbacks.jobs.yield_cpu", lambda: lowered.append(True))
    return lowered


def test_a_job_runs_at_batch_priority(server: Flask, _normal_priority: list[bool]) -> None:
    run_job(server, lambda: None, lambda text: text, what="job", message="failed")
    assert _normal_priority == [True]


@pytest.fixture
def server() -> Flask:
    app = Flask(__name__)
    app.extensions["crm"] = {"engine": _Engine(), "manager": SimpleNamespace(reader=_Engine())}
    return app


def _engines(server: Flask) -> list[_Engine]:
    crm = server.extensions["crm"]
    return [crm["engine"], crm["manager"].reader]


def test_work_runs_in_the_app_context_on_fresh_connections(server: Flask) -> None:
    result = run_job(server, lambda: current_app.name, lambda text: text, what="job",
                     message="failed")
    assert result == server.name
    assert [e.disposed for e in _engines(server)] == [[False], [False]]  # pools dropped, not closed


def test_expected_error_shows_its_own_text(server: Flask, caplog: pytest.LogCaptureFixture) -> None:
    def work() -> str:
        raise ValueError("Chromium is not installed")

    with caplog.at_level(logging.WARNING, logger="callbacks.jobs"):
        shown = run_job(server, work, lambda text: f"shown: {text}", what="PDF report",
                        message="The PDF could not be built.", expected=(ValueError,))
    assert shown == "shown: Chromium is not installed"
    assert [r.levelno for r in caplog.records] == [logging.WARNING]


def test_unexpected_error_is_logged_with_traceback_and_shown_short(
        server: Flask, caplog: pytest.LogCaptureFixture) -> None:
    def work() -> str:
        raise KeyError("secret detail")

    with caplog.at_level(logging.ERROR, logger="callbacks.jobs"):
        shown = run_job(server, work, lambda text: text, what="import",
                        message="The import could not be finished.", expected=(ValueError,))
    assert shown == "The import could not be finished."
    assert "secret detail" not in shown
    assert caplog.records and caplog.records[-1].exc_info is not None


def test_prevent_update_passes_through(server: Flask) -> None:
    def work() -> str:
        raise PreventUpdate

    with pytest.raises(PreventUpdate):
        run_job(server, work, lambda text: text, what="job", message="failed")
