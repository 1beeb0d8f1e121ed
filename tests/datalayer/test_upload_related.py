"""The import dialog's preview for several related files, for a refused file (mapping editor
from ``ImportRefused.preview``) and the one-click use of a proposed column (issue 8, 3 and 5).

The preview is built by ``callbacks.upload.build_previews`` exactly as a drop does; the checks
read the component tree a user would see.
"""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app import create_app
from callbacks.upload import (
    IGNORE,
    apply_proposal,
    build_preview,
    build_previews,
    stage_uploads,
)
from layouts.ids import Shell

FILES = Path(__file__).parent.parent / "integration" / "files"
DEALS = (FILES / "related_deals.csv").read_bytes()
COMPANIES = (FILES / "related_companies.csv").read_bytes()
NO_STAGE = (FILES / "no_stage_column.csv").read_bytes()


def _text(component: Any) -> str:
    """All text of a component tree (what a user would read)."""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if children is None:
        return ""
    if isinstance(children, list | tuple):
        return "".join(_text(c) for c in children)
    return _text(children)


def _by_id(component: Any, wanted: Any) -> Any:
    for node in [component, *component._traverse()]:
        if getattr(node, "id", None) == wanted:
            return node
    return None


def _dropdowns(block: Any) -> dict[str, Any]:
    return {n.id["header"]: n.value for n in block._traverse()
            if isinstance(getattr(n, "id", None), dict) and n.id.get("type") == Shell.MAPPING}


def test_two_related_files_preview_shows_the_join(app_settings: Any) -> None:
    app = create_app(app_settings)
    # The companies file first: the deals file is found from the data, not from the order.
    block, ok, shown = build_previews(
        app.server, [(COMPANIES, "companies.csv"), (DEALS, "deals.csv")], None)
    assert ok
    join = _text(_by_id(block, "import-join"))
    assert "Deals from deals.csv" in join
    assert "companies.csv" in join and "“Company” = “Company name”" in join
    assert "4 deals matched" in join and "1 not" in join
    assert "lends Sector (from “Industry”)" in join
    assert "1 of its 4 rows match no deal" in join
    assert "5 rows will be imported" in _text(block)
    assert shown is not None and shown["Industry [companies.csv]"] == "sector"
    joined = _by_id(block, {"type": "import-confidence", "header": "Industry [companies.csv]"})
    assert _text(joined) == "joined"
    # The joined column as its file names it, and where it comes from.
    assert "Industryjoinedfrom companies.csv" in _text(block)
    stage = _by_id(block, {"type": "import-confidence", "header": "Deal Stage"})
    assert _text(stage) == "100 %"
    # The proposal names the file's column and the field's label, with a "Use it".
    proposals = _by_id(block, "import-proposals")
    assert ("Map “Last Modified Date” as Last activity date to enable: cold deals, untreated "
            "leads.") in _text(proposals)
    assert _by_id(block, {"type": Shell.PROPOSAL, "header": "Last Modified Date",
                          "field": "last_activity_date"}) is not None
    # The warnings read as the dialog does: fields by their labels, never their codes.
    warnings = [w["message"] for w in _by_id(block, "import-warnings").rowData]
    assert len(warnings) == 2, warnings
    assert any("lends Sector (from “Industry”)" in w for w in warnings), warnings
    assert not any("last_activity_date" in w or "sector from" in w for w in warnings), warnings


def test_one_file_alone_has_no_join_block(app_settings: Any) -> None:
    app = create_app(app_settings)
    block, ok, _ = build_preview(app.server, DEALS, "deals.csv", None)
    assert ok and _by_id(block, "import-join") is None
    assert "5 rows will be imported" in _text(block)


def test_a_file_without_stage_opens_the_editor_then_previews(app_settings: Any) -> None:
    app = create_app(app_settings)
    block, ok, shown = build_preview(app.server, NO_STAGE, "no_stage.csv", None)
    assert not ok
    assert "No stage or status column found" in _text(_by_id(block, "import-refused"))
    assert _by_id(block, "import-editor") is not None
    assert _dropdowns(block) == {"Opportunity": "name", "Bucket": IGNORE, "Value EUR": "amount",
                                 "Opened": "created_date"}
    assert shown == {"Opportunity": "name", "Bucket": None, "Value EUR": "amount",
                     "Opened": "created_date"}
    raw = _by_id(block, "import-raw-sample")
    assert [c["headerName"] for c in raw.columnDefs] == ["Opportunity", "Bucket", "Value EUR",
                                                        "Opened"]
    assert raw.rowData[0]["c1"] == "Lead-in"
    assert "values look like stage names" in _text(block)
    use = _by_id(block, {"type": Shell.PROPOSAL, "header": "Bucket", "field": "stage"})
    assert _text(use) == "Use as Stage"
    # The user picks the stage column: the preview now works.
    fixed, ok_fixed, _ = build_preview(app.server, NO_STAGE, "no_stage.csv",
                                       {**shown, "Bucket": "stage"})
    assert ok_fixed and "5 rows will be imported" in _text(fixed)
    assert _by_id(fixed, {"type": Shell.PROPOSAL, "header": "Bucket", "field": "stage"}) is None
    assert _by_id(fixed, "import-refused") is None
    badge = _by_id(fixed, {"type": "import-confidence", "header": "Bucket"})
    assert _text(badge) == "your choice"


def test_use_it_sets_the_proposed_column_only() -> None:
    ids = [{"type": Shell.MAPPING, "header": h} for h in ("Deal", "Rep", "Seller")]
    assert apply_proposal(ids, ["name", IGNORE, "owner"], "Rep", "owner") == [
        "name", "owner", IGNORE]


def test_each_file_and_all_together_stay_within_the_upload_limit(app_settings: Any) -> None:
    app = create_app(replace(app_settings, max_upload_mb=1.5 * len(DEALS) / 2**20))

    def dropped(content: bytes, name: str) -> dict[str, str]:
        return {"contents": "data:text/csv;base64," + base64.b64encode(content).decode(),
                "filename": name}

    with app.server.app_context():
        assert len(stage_uploads([dropped(DEALS, "deals.csv")])) == 1
        with pytest.raises(ValueError, match=r"These 2 files are .* MB together, above the"):
            stage_uploads([dropped(DEALS, "deals.csv"), dropped(DEALS, "copy.csv")])
        with pytest.raises(ValueError, match=r"big.csv is .* above the"):
            stage_uploads([dropped(DEALS * 2, "big.csv")])
