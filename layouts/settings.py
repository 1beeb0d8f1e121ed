"""Settings page: stage probabilities and order, thresholds, imports (delete, confirm, undo)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from data.pagedata.settings import StageRow
from layouts.components import grid, grid_column
from layouts.formatting import Formatter
from layouts.ids import Settings


def stage_rows(stages: Sequence[StageRow]) -> list[dict[str, Any]]:
    """Rows of the stage table (the grid's JSON): probability in %, position from 1."""
    return [
        {
            "stage": s.stage,
            "status": s.status,
            "count": s.count,
            "probability": None if s.probability is None else round(s.probability * 100, 1),
            "position": s.order + 1,
            "source": "your setting"
            if s.user_defined
            else ("built-in" if s.probability is not None else "unknown: set it"),
        }
        for s in stages
    ]


#: The editable cells of an open stage: tinted, as the table's hint says.
_EDITABLE_OPEN = {"styleConditions": [{"condition": "params.data && params.data.status == 'open'",
                                        "style": {"backgroundColor": "#fffbe6"}}]}


def stage_table() -> dag.AgGrid:
    """Editable stage table (rows filled by a callback; edits read from ``virtualRowData``)."""
    number: dict[str, Any] = {"cellDataType": "number", "cellEditor": "agNumberCellEditor"}
    return grid(
        Settings.STAGES,
        [],
        [
            grid_column("stage", "Stage", first=True),
            grid_column("status", "Status"),
            grid_column("count", "Deals", numeric=True, **number),
            grid_column("probability", "Probability (%)", numeric=True, editable=True,
                        cellStyle=_EDITABLE_OPEN,
                        cellEditorParams={"min": 0, "max": 100}, **number),
            grid_column("position", "Order", numeric=True, editable=True,
                        cellStyle=_EDITABLE_OPEN, cellEditorParams={"min": 1, "precision": 0},
                        **number),
            grid_column("source", "Set by"),
        ],
        lang="en",
        options={"singleClickEdit": True, "stopEditingWhenCellsLoseFocus": True,
                 "suppressCellFocus": False},
        class_name="stages-grid",
    )


def imports_table(
    imports: list[dict[str, Any]],
    fmt: Formatter,
    deleted: list[dict[str, Any]] | None = None,
    datasets: dict[int, str] | None = None,
) -> Any:
    """The imports kept (dataset, counts, a delete button each), then the restorable ones."""
    restorable = deleted_list(deleted or [], fmt)
    if not imports:
        return html.Div([html.Div("No import yet.", className="text-muted"), restorable])
    datasets = datasets or {}
    header = html.Thead(
        html.Tr(
            [
                html.Th(t)
                for t in (
                    "#",
                    "File",
                    "Dataset",
                    "Imported",
                    "Data as of",
                    "Rows read",
                    "Deals kept",
                    "Rejected",
                    "Warnings",
                    "",
                )
            ]
        )
    )
    body = html.Tbody(
        [
            html.Tr(
                [
                    html.Td(str(i["id"])),
                    html.Td(i["filename"]),
                    html.Td(dataset_choice(i, datasets)),
                    html.Td(fmt.date(i["imported_at"])),
                    html.Td(fmt.date(i["data_as_of"]) if i.get("data_as_of") else "—"),
                    html.Td(fmt.number(i["rows_total"])),
                    html.Td(fmt.number(i["rows_imported"])),
                    html.Td(fmt.number(i["rows_rejected"])),
                    html.Td(fmt.number(i["warnings_count"])),
                    html.Td(
                        dbc.Button(
                            "Delete",
                            id={"type": Settings.DELETE, "import": i["id"]},
                            color="danger",
                            outline=True,
                            size="sm",
                        )
                    ),
                ]
            )
            for i in imports
        ]
    )
    table = dbc.Table(
        [header, body], bordered=False, hover=True, size="sm", responsive=True,
        className="imports-table",
    )
    return html.Div([table, restorable])


def dataset_choice(info: dict[str, Any], datasets: dict[int, str]) -> dcc.Dropdown:
    """The dataset of an import, which the user can change (0: a dataset of its own)."""
    return dcc.Dropdown(
        id={"type": Settings.MOVE, "import": info["id"]},
        options=[{"label": name, "value": key} for key, name in datasets.items()]
        + [{"label": "New dataset", "value": 0}],
        value=info.get("dataset_id"),
        clearable=False,
        className="filter-dropdown dataset-choice",
    )


def deleted_list(deleted: list[dict[str, Any]], fmt: Formatter) -> Any:
    """Deleted imports that can still be restored (purged after the configured delay)."""
    if not deleted:
        return None
    return html.Div(
        [
            html.H6("Deleted — can be restored", className="mt-3"),
            html.Ul(
                [
                    html.Li(
                        [
                            f"#{d['id']} {d['filename']} · deleted {fmt.date(d['deleted_at'])} ",
                            dbc.Button(
                                "Restore",
                                id={"type": Settings.RESTORE, "import": d["id"]},
                                color="link",
                                size="sm",
                                className="p-0 ms-1 align-baseline",
                            ),
                        ]
                    )
                    for d in deleted
                ],
                className="small",
                id="settings-deleted-list",
            ),
        ]
    )


def confirm_modal() -> dbc.Modal:
    """Asks before deleting an import (the text names it; filled by a callback)."""
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Delete this import?")),
            dbc.ModalBody(id=Settings.CONFIRM_TEXT),
            dbc.ModalFooter(
                [
                    dbc.Button("Cancel", id=Settings.CONFIRM_NO, color="secondary",
                               outline=True),
                    dbc.Button("Delete", id=Settings.CONFIRM_YES, color="danger"),
                ]
            ),
        ],
        id=Settings.CONFIRM,
        is_open=False,
    )


def thresholds_card() -> dbc.Card:
    """Thresholds stored in the database (METRICS.md settings); values filled by a callback."""

    def field(label: str, component_id: str, low: int, high: int) -> dbc.Row:
        return dbc.Row(
            [
                dbc.Label(label, html_for=component_id, width=7, className="small"),
                dbc.Col(
                    dbc.Input(id=component_id, type="number", min=low, max=high, step=1,
                              size="sm"),
                    width=3,
                ),
            ],
            className="mb-2",
        )

    return dbc.Card(
        [
            dbc.CardHeader("Thresholds", className="chart-title"),
            dbc.CardBody(
                [
                    field("Cold deal: days without activity", Settings.COLD_DAYS, 1, 3650),
                    field("Deleted imports can be restored for (days)", Settings.PURGE_DAYS,
                          0, 3650),
                    dbc.Button("Save thresholds", id=Settings.SAVE_THRESHOLDS,
                               color="primary", size="sm"),
                    html.Span(id=Settings.THRESHOLDS_SAVED, className="ms-3 small"),
                ]
            ),
        ],
        className="chart-card mb-3",
    )


def static(lang: str = "fr") -> html.Div:
    """The Settings page: stage table with Save/Reset, and the imports list."""
    return html.Div(
        [
            dbc.Card(
                [
                    dbc.CardHeader(
                        "Stage probabilities and pipeline order", className="chart-title"
                    ),
                    dbc.CardBody(
                        [
                            html.P(
                                "The effective probability of each stage weights the "
                                "pipeline and the forecast (a deal's own probability, when "
                                "its import has one, wins). Edit a value, then Save.",
                                className="small text-muted",
                            ),
                            stage_table(),
                            html.Div(
                                [
                                    dbc.Button(
                                        "Save", id=Settings.SAVE, color="primary", className="me-2"
                                    ),
                                    dbc.Button(
                                        "Back to defaults",
                                        id=Settings.RESET,
                                        color="secondary",
                                        outline=True,
                                    ),
                                    html.Span(id=Settings.SAVED, className="ms-3 small"),
                                ],
                                className="mt-3",
                            ),
                        ]
                    ),
                ],
                className="chart-card mb-3",
            ),
            thresholds_card(),
            dbc.Card(
                [
                    dbc.CardHeader("Imports kept", className="chart-title"),
                    dbc.CardBody(
                        [
                            html.Div(
                                [
                                    html.Span(id=Settings.DELETED_MESSAGE),
                                    dbc.Button(
                                        "Undo",
                                        id=Settings.UNDO,
                                        color="link",
                                        size="sm",
                                        className="p-0 ms-2 align-baseline",
                                        style={"display": "none"},
                                    ),
                                ],
                                className="small mb-2",
                            ),
                            html.Div(id=Settings.IMPORTS),
                        ]
                    ),
                ],
                className="chart-card mb-4",
            ),
            confirm_modal(),
            dcc.Store(id=Settings.PENDING),
            dcc.Store(id=Settings.LAST_DELETED),
        ]
    )
