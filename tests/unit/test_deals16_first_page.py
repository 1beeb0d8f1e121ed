"""Issue 16, Deals: what the content brings for the grid and the lists kept below it.

A filter change is one round trip: the content carries the grid's first page and the
deadline and action lists (``layouts.deals.FirstPage``), the list grids stay mounted
(``actions_frame``) and take their rows from ``action_lists``, which must show what the whole
drawn actions (``actions``, the PDF's) show. ``callbacks.deals`` keeps each server callback's
outputs in the content beside its inputs, so that a new grid asks the server nothing by itself.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import dash
from dash_ag_grid import AgGrid
from metrics_fixture import AS_OF, STAGES, fixture_deals

from data.canonical import CANONICAL_FIELDS
from data.filters import FilterState
from data.pagedata import deals
from data.pagedata.common import DealRecord
from data.snapshots import Selection, Snapshot, select_in
from data.store import ImportInfo
from layouts import deals as deals_layout
from layouts.common import missing_text
from layouts.deals import ACTION_LISTS, FirstPage, action_lists, actions, actions_frame
from layouts.formatting import Formatter
from layouts.ids import Deals, Export
from layouts.tables import list_rows


def _selection(state: FilterState | None = None) -> Selection:
    info = ImportInfo(7, "deals.csv", "abc", datetime(2026, 11, 20, 9, 30, tzinfo=UTC), 14, 14,
                      0, 0, {c: c for c in CANONICAL_FIELDS})
    snapshot = Snapshot.of(info, fixture_deals(), list(STAGES), frozenset(CANONICAL_FIELDS))
    return select_in(snapshot, state or FilterState())


def _walk(node: Any) -> list[Any]:
    """Every component of a tree, depth first."""
    found = [node]
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found.extend(_walk(child))
    return found


def _text(node: Any) -> str:
    return "".join(n for c in _walk(node) for n in ([c] if isinstance(c, str) else
                                                   [getattr(c, "children", None)])
                   if isinstance(n, str))


def _cards(tree: Any) -> dict[str, Any]:
    """The cards of a drawn actions tree by the table id their export buttons name."""
    out = {}
    for node in _walk(tree):
        if type(node).__name__ == "Card":
            ids = [c.id for c in _walk(node) if isinstance(getattr(c, "id", None), dict)
                   and c.id.get("type") == Export.BUTTON]
            grids = [c for c in _walk(node) if isinstance(c, AgGrid)]
            key = ids[0]["table"] if ids else (grids[0].id if grids else None)
            out[key] = node
    return out


def test_action_lists_show_what_the_drawn_actions_show() -> None:
    fmt = Formatter("fr")
    view = deals.actions(_selection(), AS_OF, 14)
    lists = action_lists(view, fmt)
    assert list(lists) == [spec.table_id for spec in ACTION_LISTS]
    drawn = actions(view, fmt)
    grids = {g.id: g for g in _walk(drawn) if isinstance(g, AgGrid)}
    assert any(lists[key]["rows"] for key in lists), "the fixture should fill some list"
    for key, shown in lists.items():
        if shown["message"] is None:
            assert grids[key].rowData == shown["rows"], key
        else:
            assert key not in grids and shown["rows"] == []
    headers = [c.children for c in _walk(drawn) if type(c).__name__ == "CardHeader"]
    titles = [shown["title"] for shown in lists.values()]
    assert all(any(title in _text(h) for h in headers) for title in titles), titles
    assert titles[0] == fmt._("Overdue closings ({n})", n=fmt.number(view.overdue_count))


def test_action_lists_say_why_a_list_is_empty() -> None:
    fmt = Formatter("en")
    view = deals.actions(_selection(FilterState(stage=("No such stage",))), AS_OF, 14)
    lacking = replace(view, missing=replace(view.missing, cold_deals=("last_activity_date",)))
    lists = action_lists(lacking, fmt)
    assert lists["deals-overdue-table"] == {
        "title": "Overdue closings (0)", "rows": [],
        "message": "Nothing to show for the current filters."}
    assert lists["deals-cold-table"]["message"] == missing_text(("last_activity_date",), fmt)
    assert "Last activity date" in lists["deals-cold-table"]["message"]


def test_actions_frame_mounts_each_list_grid_once_with_the_drawn_columns() -> None:
    fmt = Formatter("fr")
    frame = actions_frame(fmt)
    assert frame.id == Deals.ACTIONS
    grids = [g for g in _walk(frame) if isinstance(g, AgGrid)]
    assert [g.id for g in grids] == [spec.table_id for spec in ACTION_LISTS]
    assert all(g.rowData == [] for g in grids)  # the rows come from the content's store
    drawn = {g.id: g for g in _walk(actions(deals.actions(_selection(), AS_OF, 14), fmt))
             if isinstance(g, AgGrid)}
    for grid in grids:
        if grid.id in drawn:  # same columns, styles and words as a grid drawn with its rows
            assert grid.columnDefs == drawn[grid.id].columnDefs
            assert getattr(grid, "getRowStyle", None) == getattr(drawn[grid.id], "getRowStyle",
                                                                 None)
            assert grid.dashGridOptions == drawn[grid.id].dashGridOptions
    ids = {(c.id["type"], c.id["list"]) for c in _walk(frame)
           if isinstance(getattr(c, "id", None), dict) and "list" in c.id}
    for spec in ACTION_LISTS:
        for kind in (Deals.LIST_TITLE, Deals.LIST_BOX, Deals.LIST_MESSAGE, Deals.LIST_EXPORT):
            assert (kind, spec.table_id) in ids


def test_list_rows_keep_the_shown_columns_and_mark_red_rows() -> None:
    rows = [DealRecord(deal_id="A", name="Acme", days_overdue=2.0, account="x"),
            DealRecord(deal_id="B", name="Beta", days_overdue=0.0)]
    shown = (("name", "Deal"), ("days_overdue_text", "Days late"))
    assert list_rows(rows, Formatter("en"), "EUR", shown, "days_overdue") == [
        {"name": "Acme", "days_overdue_text": "2", "_red": 1},
        {"name": "Beta", "days_overdue_text": "0", "_red": 0}]
    assert list_rows(rows, Formatter("en"), "EUR", shown) == [
        {"name": "Acme", "days_overdue_text": "2"}, {"name": "Beta", "days_overdue_text": "0"}]


def test_the_content_brings_the_grid_first_page_and_total() -> None:
    fmt = Formatter("en")
    state = FilterState(stage=("Proposal",))
    header = deals.build(_selection(state), AS_OF)
    first = FirstPage([{"deal_id": "D1"}], 1, "1 deal", {"deals-cold-table": {"rows": []}})
    tree = deals_layout.body(header, state, fmt, first)
    nodes = [n for n in _walk(tree) if isinstance(getattr(n, "id", None), dict)]
    by_type = {n.id["type"]: n for n in nodes if "view" in n.id}
    key = by_type[Deals.TABLE].id["view"]
    assert {n.id["view"] for n in by_type.values()} == {key}  # one view: one key
    assert by_type[Deals.FIRST].data == {"rowData": [{"deal_id": "D1"}], "rowCount": 1,
                                         "lists": {"deals-cold-table": {"rows": []}}}
    assert by_type[Deals.TOTAL].children == "1 deal"
    assert getattr(by_type[Deals.ASK], "data", None) is None
    assert getattr(by_type[Deals.TABLE], "rowData", None) is None  # infinite row model


#: Components the Deals content holds (a new view mounts them all again).
_IN_CONTENT = {Deals.TABLE, Deals.TOTAL, Deals.FIRST, Deals.ASK}


def test_no_server_callback_runs_when_the_content_mounts_a_grid() -> None:
    """Dash calls a callback whose input appears in a new layout chunk unless all its outputs
    are in that chunk too: a server callback fed by the content must write only into it."""
    from callbacks import deals as deals_callbacks

    app = dash.Dash(__name__)
    deals_callbacks.register(app)
    servers = 0
    for callback in app._callback_list:
        inputs = [i["id"] for i in callback["inputs"]]
        fed = any(isinstance(i, str) and i.startswith("{") and any(
            f'"{kind}"' in i for kind in _IN_CONTENT) for i in inputs)
        if callback.get("clientside_function") or not fed:
            continue
        servers += 1
        outputs = callback["output"].strip(".").split("...")
        for output in outputs:
            assert any(f'"type":"{kind}"' in output for kind in _IN_CONTENT), output
            assert '["MATCH"]' in output, output  # the grid's own view only
    assert servers == 1  # fill_view
