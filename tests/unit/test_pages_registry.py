"""One declaration per page: ``pages/<page>.py`` registers path, title, order, builder and
layout in ``dash.page_registry``; the navbar and the content callback read only that."""

from __future__ import annotations

import ast
from dataclasses import is_dataclass
from pathlib import Path
from typing import Any

import dash
import pytest

from data.filters import VIEWS
from data.metrics.priority import PRIORITY_VIEWS, VIEW_NAMES
from layouts.deals import VIEW_LABELS

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from app import create_app
    from data.config import load_settings

    folder = tmp_path_factory.mktemp("registry")
    create_app(load_settings(database_url=f"sqlite:///{folder / 'db.sqlite3'}",
                             cache_dir=str(folder / "cache"), redis_url=None))
    return dict(dash.page_registry)


def _links(component: Any) -> list[str]:
    found = []
    if type(component).__name__ == "NavLink":
        found.append(component.href)
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found += _links(child)
    return found


def test_the_nav_follows_the_declared_order(registry: dict[str, Any]) -> None:
    from layouts.shell import navbar

    assert _links(navbar()) == ["/", "/pipeline", "/trends", "/marketing", "/segments",
                                "/forecast", "/what-if", "/deals", "/edit", "/settings"]
    assert [p["order"] for p in registry.values()] == sorted(p["order"] for p in registry.values())


def test_every_content_page_declares_its_builder_data_and_layout(
    registry: dict[str, Any],
) -> None:
    content = {p["path"]: p for p in registry.values() if p.get("builder")}
    assert set(content) == {"/", "/pipeline", "/marketing", "/forecast", "/deals", "/trends",
                            "/segments", "/what-if"}
    for page in content.values():
        assert is_dataclass(page["data"]) and callable(page["render"]), page["path"]
        assert page["description"], page["path"]  # the subtitle under the title
    assert [p for p, e in content.items() if e["keeps_view"]] == ["/deals"]


def test_the_content_callback_finds_pages_in_the_registry(registry: dict[str, Any]) -> None:
    from callbacks.pages import PageSpec

    spec = PageSpec.find("/pipeline")
    assert spec is not None and spec.name == "pipeline"  # keys NEEDS and the memo
    assert spec.data.__name__ == "PipelineData" and not spec.keeps_view
    assert PageSpec.find("/settings") is None and PageSpec.find("/nowhere") is None


def test_no_callback_or_layout_imports_a_page_module() -> None:
    """Dash executes ``pages/`` itself: importing a page elsewhere registers it twice."""
    for folder in ("callbacks", "layouts", "data"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module:
                    assert node.module.split(".")[0] != "pages", path
                if isinstance(node, ast.Import):
                    assert all(a.name.split(".")[0] != "pages" for a in node.names), path


def test_priority_views_are_named_once() -> None:
    assert VIEWS == VIEW_NAMES == tuple(PRIORITY_VIEWS)
    assert set(VIEW_LABELS) - {None} == set(VIEW_NAMES)
