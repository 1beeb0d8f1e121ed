"""Browser-test fixtures: a fresh app per test on its own SQLite file and cache directory."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from dash import Dash

from data.config import Settings


@pytest.fixture
def ui_settings(tmp_path: Path) -> Settings:
    """Settings of a throw-away app: SQLite file and FileSystemCache under ``tmp_path``."""
    from data.config import load_settings

    return load_settings(database_url=f"sqlite:///{tmp_path / 'ui.sqlite3'}",
                         cache_dir=str(tmp_path / "cache"), redis_url=None)


@pytest.fixture
def make_app(ui_settings: Settings) -> Callable[..., Dash]:
    """Build the app with ``create_app``, optionally seeding files through the import path.

    ``make_app(sample=True)`` imports the sample history (what the empty state's button does:
    ``data.sample.load_sample_history``, one dataset of ``len(HISTORY_DAYS)`` snapshots) and
    ``make_app(files=[path])`` imports files with their automatic mapping, before the server
    starts, for tests whose subject is not the import dialog itself.
    """

    def build(sample: bool = False, files: tuple[Path, ...] = ()) -> Dash:
        from app import create_app
        from data.db import make_engine
        from data.importer import import_file
        from data.sample import load_sample_history

        app = create_app(ui_settings)
        engine = make_engine(ui_settings.database_url)
        try:
            if sample:
                load = load_sample_history(
                    lambda content, name: import_file(engine, content, name,
                                                      settings=ui_settings),
                    date.today(),
                )
                assert load.failed is None and all(o.created for o in load.outcomes), [
                    o.as_json() for o in load.outcomes]
            for path in files:
                outcome = import_file(engine, path.read_bytes(), path.name)
                assert outcome.created, outcome.as_json()
        finally:
            engine.dispose()
        return app

    return build
