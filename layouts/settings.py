"""Settings page: effective probability and order of every stage (editable), and imports."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dash_table, html

from layouts.components import FONT
from layouts.formatting import Formatter
from layouts.ids import Settings


def stage_rows(stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the stage table: probability in %, position from 1."""
    return [
        {
            "stage": s["stage"],
            "status": s["status"],
            "count": s["count"],
            "probability": None if s["probability"] is None else round(s["probability"] * 100, 1),
            "position": s["order"] + 1,
            "source": "your setting"
            if s["user_defined"]
            else ("built-in" if s["probability"] is not None else "unknown: set it"),
        }
        for s in stages
    ]


def stage_table() -> dash_table.DataTable:
    """Editable stage table (rows filled by a callback)."""
    return dash_table.DataTable(
        id=Settings.STAGES,
        data=[],
        columns=[
            {"name": "Stage", "id": "stage", "editable": False},
            {"name": "Status", "id": "status", "editable": False},
            {"name": "Deals", "id": "count", "editable": False, "type": "numeric"},
            {
                "name": "Probability (%)",
                "id": "probability",
                "editable": True,
                "type": "numeric",
                "on_change": {"failure": "reject"},
                "validation": {"allow_null": True},
            },
            {
                "name": "Order",
                "id": "position",
                "editable": True,
                "type": "numeric",
                "on_change": {"failure": "reject"},
            },
            {"name": "Set by", "id": "source", "editable": False},
        ],
        style_cell={"fontFamily": FONT, "fontSize": "0.9rem", "textAlign": "left"},
        style_header={"fontWeight": "600", "backgroundColor": "#f4f6f9"},
        style_data_conditional=[
            {
                "if": {"column_id": ["probability", "position"], "filter_query": "{status} = open"},
                "backgroundColor": "#fffbe6",
            },
        ],
    )


def imports_table(imports: list[dict[str, Any]], fmt: Formatter) -> Any:
    """The imports kept, with counts and a delete button each."""
    if not imports:
        return html.Div("No import yet.", className="text-muted")
    header = html.Thead(
        html.Tr(
            [
                html.Th(t)
                for t in (
                    "#",
                    "File",
                    "Date",
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
                    html.Td(fmt.date(i["imported_at"])),
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
    return dbc.Table(
        [header, body], bordered=False, hover=True, size="sm", className="imports-table"
    )


def static() -> html.Div:
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
            dbc.Card(
                [
                    dbc.CardHeader("Imports kept", className="chart-title"),
                    dbc.CardBody(id=Settings.IMPORTS),
                ],
                className="chart-card mb-4",
            ),
        ]
    )
