"""The import dialog's worksheet choice: another sheet is previewed and imported on its own."""

from __future__ import annotations

from pathlib import Path

from app import create_app
from callbacks.upload import build_preview
from data import store
from data.importer import import_file

WORKBOOK = Path(__file__).parent.parent / "corpus" / "workbook.xlsx"


def _text(component) -> str:  # noqa: ANN001 - Dash component tree
    """All text of a component tree (what a user would read)."""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if isinstance(children, list | tuple):
        return " ".join(_text(c) for c in children)
    return _text(children)


def test_preview_offers_and_follows_the_sheet_choice(app_settings) -> None:
    app = create_app(app_settings)
    content = WORKBOOK.read_bytes()
    with app.server.app_context():
        first, ok, _ = build_preview(app.server, content, "workbook.xlsx", None)
        archive, ok_archive, _ = build_preview(app.server, content, "workbook.xlsx", None,
                                               "Archive")
    assert ok and ok_archive
    assert "3 rows will be imported" in _text(first)
    assert "Sheet: Deals" in _text(first)
    assert "Worksheet to import" in _text(first)
    assert "1 row will be imported" in _text(archive)
    assert "Sheet: Archive" in _text(archive)


def test_import_of_a_chosen_sheet_stores_only_that_sheet(engine) -> None:
    outcome = import_file(engine, WORKBOOK.read_bytes(), "workbook.xlsx", sheet="Archive")
    assert outcome.created
    deals = store.load_deals(engine, outcome.import_id)
    assert len(deals) == 1
