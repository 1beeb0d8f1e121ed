"""What the import dialog shows after a drop: detected format, editable mapping, sample, counts."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dash_table, dcc, html

from layouts.components import FONT
from layouts.ids import Shell

FIELD_LABELS = {
    "deal_id": "Deal id",
    "name": "Deal name",
    "account": "Account / company",
    "stage": "Stage",
    "status": "Status (open/won/lost)",
    "amount": "Amount",
    "currency": "Currency",
    "probability": "Probability",
    "source": "Source",
    "sector": "Sector",
    "owner": "Owner",
    "created_date": "Created date",
    "expected_close_date": "Expected close date",
    "closed_date": "Closed date",
    "last_activity_date": "Last activity date",
    "notes": "Notes",
}
_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


def _issue_rows(issues: list[dict[str, Any]], limit: int = 50) -> list[dict[str, Any]]:
    return [
        {"row": i.get("row") or "", "column": i.get("column") or "", "message": i.get("message")}
        for i in issues[:limit]
    ]


def _cell(field: str, value: Any) -> str:
    """A parsed value as the sample shows it: amounts with two decimals, probabilities in %."""
    if value is None or value == "":
        return ""
    if field == "amount" and isinstance(value, int | float):
        return f"{value:.2f}"
    if field == "probability" and isinstance(value, int | float):
        return f"{value * 100:g} %"
    return str(value)


def issues_table(issues: list[dict[str, Any]], table_id: str) -> dash_table.DataTable:
    """Row / column / message table (text only)."""
    return dash_table.DataTable(
        id=table_id,
        data=_issue_rows(issues),
        columns=[
            {"name": "Row", "id": "row"},
            {"name": "Column", "id": "column"},
            {"name": "Reason", "id": "message"},
        ],
        page_size=8,
        style_cell={
            "fontSize": "0.8rem",
            "whiteSpace": "normal",
            "height": "auto",
            "textAlign": "left",
            "fontFamily": FONT,
        },
        style_header={"fontWeight": "600"},
    )


def preview(
    summary: dict[str, Any],
    sample: list[dict[str, Any]],
    choices: list[str],
    already: int | None,
    remembered: bool,
) -> html.Div:
    """The preview block: facts, mapping editor, sample rows, counts, warnings, rejections."""
    facts = [
        f"File: {summary['filename']}",
        f"Format: {summary.get('format') or summary.get('file_format')}",
        f"Encoding: {summary.get('encoding') or '—'}",
        f"Separator: {_SEPARATORS.get(summary.get('delimiter') or '', '—')}",
        f"Header on line {summary.get('header_row')}",
    ]
    if summary.get("sheet"):
        facts.append(f"Sheet: {summary['sheet']}")
    kept, rejected = summary["rows_imported"], summary["rows_rejected"]
    mapping: dict[str, str | None] = summary["mapping"]
    mapping_rows = [
        dbc.Row(
            [
                dbc.Col(html.Code(header, title=header), width=5, className="text-truncate"),
                dbc.Col(
                    dcc.Dropdown(
                        id={"type": Shell.MAPPING, "header": header},
                        options=[{"label": "— ignore —", "value": "__ignore__"}]
                        + [{"label": FIELD_LABELS.get(c, c), "value": c} for c in choices],
                        value=field or "__ignore__",
                        clearable=False,
                        className="mapping-dropdown",
                    ),
                    width=7,
                ),
            ],
            className="g-2 mb-1 align-items-center",
        )
        for header, field in mapping.items()
    ]
    sample_columns = [c for c in FIELD_LABELS if any(r.get(c) not in (None, "") for r in sample)]
    blocks: list[Any] = [
        html.Div(" · ".join(facts), className="small text-muted mb-2", id="import-facts"),
    ]
    sheets = summary.get("sheets") or []
    if len(sheets) > 1:
        blocks.append(
            dbc.Row(
                [
                    dbc.Col(
                        html.Label("Worksheet to import", className="small fw-semibold"),
                        width="auto",
                    ),
                    dbc.Col(
                        dcc.Dropdown(
                            # A pattern id: the dropdown exists only for multi-sheet workbooks.
                            id={"type": Shell.SHEET, "index": 0},
                            options=[{"label": name, "value": name} for name in sheets],
                            value=summary.get("sheet"),
                            clearable=False,
                        ),
                        width=4,
                    ),
                ],
                className="g-2 mb-2 align-items-center",
            )
        )
    if already is not None:
        blocks.append(
            dbc.Alert(
                f"This exact file is already imported (import #{already}). "
                "Importing it again would change nothing.",
                color="info",
                id="import-already",
            )
        )
    if remembered:
        blocks.append(
            html.Div(
                "Using the mapping you confirmed last time for these headers.",
                className="small text-success mb-2",
            )
        )
    blocks += [
        html.Div(
            [
                dbc.Badge(
                    f"{kept} row{'' if kept == 1 else 's'} will be imported",
                    color="success",
                    className="me-2",
                    id="import-kept",
                ),
                dbc.Badge(
                    f"{rejected} rejected",
                    color="danger" if rejected else "secondary",
                    className="me-2",
                    id="import-rejected",
                ),
                dbc.Badge(
                    f"{len(summary.get('warnings', []))} warnings",
                    color="warning" if summary.get("warnings") else "secondary",
                    text_color="dark" if summary.get("warnings") else None,
                    id="import-warnings-count",
                ),
            ],
            className="mb-3",
        ),
        dbc.Row(
            [
                dbc.Col([html.H6("Column mapping"), *mapping_rows], lg=5),
                dbc.Col(
                    [
                        html.H6("First parsed rows"),
                        dash_table.DataTable(
                            id=Shell.SAMPLE,
                            data=[{c: _cell(c, r.get(c)) for c in sample_columns} for r in sample],
                            columns=[{"name": FIELD_LABELS[c], "id": c} for c in sample_columns],
                            style_table={"overflowX": "auto"},
                            style_cell={
                                "fontSize": "0.78rem",
                                "fontFamily": FONT,
                                "maxWidth": "160px",
                                "overflow": "hidden",
                                "textOverflow": "ellipsis",
                                "textAlign": "left",
                            },
                            style_cell_conditional=[
                                {
                                    "if": {"column_id": ["amount", "probability"]},
                                    "textAlign": "right",
                                },
                            ],
                            style_header={
                                "fontWeight": "600",
                                "whiteSpace": "normal",
                                "height": "auto",
                            },
                        ),
                    ],
                    lg=7,
                ),
            ]
        ),
    ]
    if summary.get("warnings"):
        blocks += [
            html.H6("Warnings", className="mt-3"),
            issues_table(summary["warnings"], "import-warnings"),
        ]
    if summary.get("errors"):
        blocks += [
            html.H6("Rejected rows", className="mt-3"),
            issues_table(summary["errors"], "import-errors"),
        ]
    return html.Div(blocks)


def refused(message: str, issues: list[dict[str, Any]]) -> html.Div:
    """A refused file: the clear message and, when useful, the details."""
    parts: list[Any] = [dbc.Alert(message, color="danger", id="import-refused")]
    if issues:
        parts.append(issues_table(issues, "import-refused-details"))
    return html.Div(parts)
