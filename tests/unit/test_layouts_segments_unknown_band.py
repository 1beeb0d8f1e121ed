"""Segments page: the band of unknown amounts stays in the table but not on the chart (its won
revenue is 0 by construction: an empty bar read as "these deals won nothing", issue 13)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
from metrics_fixture import AS_OF, STAGES, fixture_deals

from data.canonical import CANONICAL_FIELDS
from data.filters import FilterState
from data.pagedata import segments as segments_data
from data.snapshots import Snapshot, select_in
from data.store import ImportInfo
from layouts import segments
from layouts.formatting import Formatter


def _find(component: Any, component_id: str | None) -> Any:
    """The component of the tree with ``component_id`` (depth first), or None; with None, the
    first chart (a component with a ``figure``)."""
    if component_id is None and getattr(component, "figure", None) is not None:
        return component
    if component_id is not None and getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if child is not None and not isinstance(child, str | int | float):
            found = _find(child, component_id)
            if found is not None:
                return found
    return None


def test_size_chart_leaves_out_the_unknown_band_the_table_keeps_it() -> None:
    frame = fixture_deals()
    frame.loc[frame.index[0], "amount"] = np.nan
    info = ImportInfo(7, "deals7.csv", "7", datetime(AS_OF.year, AS_OF.month, AS_OF.day, 9,
                                                     tzinfo=UTC), 14, 14, 0, 0,
                      {c: c for c in CANONICAL_FIELDS}, dataset_id=1)
    selection = select_in(Snapshot.of(info, frame, list(STAGES), frozenset(CANONICAL_FIELDS)),
                          FilterState())
    view = segments_data.build(selection, AS_OF)
    unknown = "(amount unknown)"  # data.metrics.segments.UNKNOWN_BAND, in English
    assert any(r.segment == "(amount unknown)" for r in view.size_bands)

    page = segments.body(view, FilterState(), Formatter("en"))
    graph = _find(_find(page, "segments-size-graph"), None)
    bands = graph.figure["data"][0]["x"]
    assert unknown not in bands and len(bands) == len(view.size_bands) - 1
    table = _find(page, "segments-size-table")
    assert unknown in [row["segment"] for row in table.rowData]
