"""What the import dialog shows after a drop: detected format, editable mapping, sample, counts."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.dash_table.DataTable import DataTable

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
    "is_won": "Won? (yes/no)",
    "is_closed": "Closed? (yes/no)",
}


def field_label(field: str) -> str:
    """A canonical field as the dialog names it ("closed_date" → "Closed date")."""
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
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


def issues_table(issues: list[dict[str, Any]], table_id: str) -> DataTable:
    """Row / column / message table (text only)."""
    rows: Any = _issue_rows(issues)  # the stub's cell type is narrower than what Dash accepts
    return DataTable(
        id=table_id,
        data=rows,
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
    other_versions: tuple[int, ...] = (),
    complete: bool = True,
    size: int = 0,
) -> html.Div:
    """The preview block: facts, mapping editor, sample rows, counts, warnings, rejections.

    ``complete`` is False when only the first part of a large file was read: the counts are
    then those of that part, and the dialog says so. ``other_versions`` are imports of the same
    bytes with another mapping: the user chooses between a new version and a replacement.
    """
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
                f"This exact file is already imported (import #{already}) with this column "
                "mapping. Importing it again would change nothing; change the mapping to "
                "import it differently.",
                color="info",
                id="import-already",
            )
        )
    elif other_versions:
        blocks.append(reimport_choice(other_versions))
    if not complete:
        blocks.append(
            html.Div(
                f"Preview of the first {summary.get('rows_total', 0):,} rows of a "
                f"{size / 2**20:.1f} MB file: the counts below are those rows'. The whole file "
                "is read when you import it.",
                className="small text-muted mb-2",
                id="import-partial",
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
                        DataTable(
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


def reimport_choice(other_versions: tuple[int, ...]) -> dbc.Alert:
    """Same bytes imported before with another mapping: a new version, or a replacement."""
    latest = other_versions[-1]
    listed = ", ".join(f"#{i}" for i in other_versions)
    return dbc.Alert(
        [
            html.Div(
                f"This file was already imported with another column mapping (import "
                f"{listed}). Nothing is replaced unless you choose so:",
                className="mb-2",
            ),
            dbc.RadioItems(
                id={"type": Shell.REIMPORT, "index": 0},
                options=[
                    {"label": f"Import as a new version (keep import #{latest})",
                     "value": "new_version"},
                    {"label": f"Replace import #{latest} with this one", "value": "replace"},
                ],
                value=None,
            ),
        ],
        color="warning",
        id="import-reimport-choice",
    )


def outcome_alert(
    kind: str, text: str, import_id: int | None = None
) -> dbc.Alert:
    """The result of a confirm: imported, already there, needs a choice, or refused."""
    colors = {"done": "success", "already": "info", "choose": "warning", "refused": "danger"}
    body: list[Any] = [html.Strong("Done. ")] if kind == "done" else []
    return dbc.Alert([*body, text], color=colors[kind], id="import-outcome")


def dialog() -> dbc.Modal:
    """The import dialog: drop zone, progress, preview, result and the actions around them.

    After an import the footer offers "Open the dashboard" and "Import another file".
    """
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle("Import a CRM export")),
            dbc.ModalBody(
                [
                    dcc.Upload(
                        id=Shell.UPLOAD,
                        children=html.Div(
                            [
                                html.Div(
                                    "Drag and drop a CSV, XLSX or CSV.GZ export here",
                                    className="fw-semibold",
                                ),
                                html.Div(
                                    "or click to choose a file — HubSpot, Pipedrive, "
                                    "Salesforce, Zoho or your own spreadsheet",
                                    className="small text-muted",
                                ),
                            ]
                        ),
                        className="upload-zone",
                        multiple=False,
                    ),
                    # The size limit (bytes), read by the browser before it sends a file.
                    dcc.Store(id=Shell.UPLOAD_LIMIT),
                    dcc.Store(id=Shell.UPLOADED),
                    html.Div(id=Shell.UPLOAD_ERROR, className="text-danger small mt-1"),
                    dbc.Progress(
                        id=Shell.PROGRESS,
                        value=0,
                        striped=True,
                        animated=True,
                        className="my-2",
                        style={"visibility": "hidden"},
                    ),
                    html.Div(id=Shell.PREVIEW),
                    html.Div(id=Shell.RESULT, className="mt-2"),
                    dcc.Download(id=Shell.REJECTED_DOWNLOAD),
                ]
            ),
            dbc.ModalFooter(
                [
                    dbc.Button(
                        "Download rejected rows",
                        id=Shell.REJECTED_BUTTON,
                        color="link",
                        className="me-auto",
                        style={"display": "none"},
                    ),
                    dbc.Button("Import another file", id=Shell.IMPORT_ANOTHER,
                               color="secondary", outline=True, style={"display": "none"}),
                    dbc.Button("Open the dashboard", id=Shell.OPEN_DASHBOARD, color="primary",
                               href="/", style={"display": "none"}),
                    dbc.Button("Cancel", id=Shell.CANCEL, color="secondary", outline=True),
                    dbc.Button("Import", id=Shell.CONFIRM, color="primary", disabled=True),
                ]
            ),
        ],
        id=Shell.MODAL,
        size="xl",
        is_open=False,
        scrollable=True,
    )
