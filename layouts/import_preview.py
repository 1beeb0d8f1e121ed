"""What the import dialog shows after a drop: detected format, editable mapping, sample, counts."""

from __future__ import annotations

from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from data.ingest.labels import FIELD_LABELS, field_label
from data.ingest.proposals import FIGURE_LABELS
from layouts.components import grid, grid_column
from layouts.formatting import Formatter
from layouts.i18n import N_, localise
from layouts.ids import Shell

# FIELD_LABELS and field_label are the import engine's (data.ingest.labels): one table of names.
#: What a column's values look like (``data.ingest.profiles.looks_like``), for the catalogue.
_LOOKS = (N_("stage names"), N_("statuses"), N_("currency codes"), N_("yes/no"), N_("dates"),
          N_("percentages"), N_("amounts"), N_("e-mails"), N_("labels"))
_SEPARATORS = {",": N_("comma"), ";": N_("semicolon"), "\t": N_("tab"), "|": N_("pipe")}


#: The mapper's reasons (``data.ingest.mapping``) as the confidence badge words them; a
#: look-alike's explanation, or a reason not listed, is shown as the engine wrote it.
_REASONS = {"header": N_("its header"), "values": N_("its values"),
            "header+values": N_("its header and its values"), "join": N_("a related file"),
            "no field matches": N_("no field matches"),
            "its field was given to another column": N_("its field was given to another column")}


def _reason(reason: str | None, fmt: Formatter) -> str:
    return fmt._(_REASONS[reason]) if reason in _REASONS else reason or "—"


def _issue_rows(issues: list[dict[str, Any]], limit: int = 50,
                fmt: Formatter | None = None) -> list[dict[str, Any]]:
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return [
        {"row": i.get("row") or "", "column": i.get("column") or "",
         "message": localise(fmt, i.get("message") or "")}
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


def issues_table(issues: list[dict[str, Any]], table_id: str,
                 fmt: Formatter | None = None) -> dag.AgGrid:
    """Row / column / message table (text only; long reasons wrap)."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return grid(
        table_id,
        _issue_rows(issues, fmt=fmt),
        [grid_column("row", fmt._("Row"), first=True, maxWidth=110),
         grid_column("column", fmt._("Column")),
         grid_column("message", fmt._("Reason"), wrapText=True, autoHeight=True, minWidth=220,
                     flex=3)],
        lang=fmt.lang,
        page_size=8,
        class_name="import-grid",
    )


def sample_grid(grid_id: str, rows: list[dict[str, Any]],
                columns: list[tuple[str, str]], numeric: tuple[str, ...] = (),
                lang: str = "en") -> dag.AgGrid:
    """The first rows of a file (or as parsed): all of them, compact."""
    return grid(
        grid_id,
        rows,
        [grid_column(key, label, numeric=key in numeric, first=i == 0, maxWidth=220)
         for i, (key, label) in enumerate(columns)],
        lang=lang,
        class_name="import-grid sample-grid",
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def quoted(header: str) -> str:
    """A column named as the user's file names it."""
    return f"“{header}”"


def figures_text(figures: list[str], fmt: Formatter | None = None) -> str:
    """Indicator keys as the pages name them ("pipeline_gross" → "gross pipeline")."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return ", ".join(fmt._(FIGURE_LABELS.get(f, f.replace("_", " "))) for f in figures)


def confidence_badge(column: dict[str, Any] | None,
                     fmt: Formatter | None = None) -> dbc.Badge | None:
    """How sure the mapper is of a column's field: a percentage, "joined" or "your choice".

    The tooltip says why (header words, values, both, a look-alike...).
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if not column or not column.get("field"):
        return None
    header = column["header"]
    badge_id = {"type": "import-confidence", "header": header}
    if column.get("chosen_by") == "user":
        return dbc.Badge(fmt._("your choice"), color="info", className="ms-1 flex-shrink-0",
                         id=badge_id, title=fmt._("Chosen by you"))
    if column.get("reason") == "join":
        return dbc.Badge(fmt._("joined"), color="info", className="ms-1 flex-shrink-0", id=badge_id,
                         title=fmt._("Taken from a related file, on the key shown above"))
    confidence = float(column.get("confidence") or 0.0)
    color = "success" if confidence >= 0.8 else "warning" if confidence >= 0.5 else "danger"
    return dbc.Badge(
        f"{round(confidence * 100)} %",
        color=color,
        text_color="dark" if color == "warning" else None,
        className="ms-1 flex-shrink-0",
        id=badge_id,
        title=fmt._("Confidence {value} %, from {reason}", value=round(confidence * 100),
                    reason=_reason(column.get("reason"), fmt)),
    )


def _column_hint(column: dict[str, Any] | None, fmt: Formatter | None = None) -> str | None:
    """Under an unmapped column: what its values look like and the fields it could feed."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if not column or column.get("field"):
        return None
    parts: list[str] = []
    looks = column.get("looks_like")
    if looks and looks not in ("text", "empty"):
        parts.append(fmt._("values look like {kind}", kind=fmt._(looks)))
    candidates = [fmt._(field_label(c["field"])) for c in column.get("candidates") or []][:3]
    if candidates:
        parts.append(fmt._("could be {fields}", fields=fmt._(" or ").join(candidates)))
    return " · ".join(parts) or None


def _shown_header(header: str, column: dict[str, Any] | None,
                  fmt: Formatter | None = None) -> tuple[str, str | None]:
    """A joined column ("Industry [companies.csv]") as its file names it, and where it is from."""
    if column and column.get("reason") == "join" and header.endswith("]") and " [" in header:
        name, source = header[:-1].rsplit(" [", 1)
        return name, (fmt or Formatter("en"))._("from {file}", file=source)
    return header, None


def mapping_editor(
    mapping: dict[str, str | None], columns: list[dict[str, Any]], choices: list[str],
    fmt: Formatter | None = None,
) -> list[Any]:
    """One row per column of the file: its header, the confidence badge, the field dropdown.

    When no column holds the stage or the status, a column whose values look like stage
    names (or statuses) gets a one-click "Use as Stage" (the same action as a suggestion).
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    by_header = {c.get("header"): c for c in columns}
    options = [{"label": fmt._("— ignore —"), "value": "__ignore__"}] + [
        {"label": fmt._(field_label(c)), "value": c} for c in choices
    ]
    no_stage = not {"stage", "status"} & set(mapping.values())
    rows: list[Any] = []
    for header, field in mapping.items():
        column = by_header.get(header)
        shown, source = _shown_header(header, column, fmt)
        hint = source or _column_hint(column, fmt)
        looks = (column or {}).get("looks_like")
        target = {"stage names": "stage", "statuses": "status"}.get(looks or "")
        use = None
        if no_stage and not field and target:
            use = dbc.Button(
                fmt._("Use as {field}", field=fmt._(field_label(target))),
                id={"type": Shell.PROPOSAL, "header": header, "field": target},
                color="primary", outline=True, size="sm", className="py-0 mt-1",
            )
        rows.append(
            dbc.Row(
                [
                    dbc.Col(
                        [
                            html.Div(
                                [
                                    html.Code(shown, title=header, className="text-truncate"),
                                    confidence_badge(column, fmt),
                                ],
                                className="d-flex align-items-center",
                            ),
                            html.Div(hint, className="small text-muted") if hint else None,
                            use,
                        ],
                        width=5,
                    ),
                    dbc.Col(
                        dcc.Dropdown(
                            id={"type": Shell.MAPPING, "header": header},
                            options=options,
                            value=field or "__ignore__",
                            clearable=False,
                            className="mapping-dropdown",
                        ),
                        width=7,
                    ),
                ],
                className="g-2 mb-1 align-items-center",
            )
        )
    return rows


def _join_line(entry: dict[str, Any], fmt: Formatter | None = None) -> html.Li:
    fmt = fmt or Formatter("en")  # no language given: the message ids
    name = entry["filename"]
    if not entry.get("deals_key"):
        return html.Li(
            [html.Strong(name), fmt._(": not joined — {why}.",
                                      why=localise(fmt, entry.get("note") or N_("no shared key")))],
            className="text-danger",
        )
    kinds = {"email": N_("e-mails"), "domain": N_("domains"), "text": N_("values")}
    kind = fmt._(kinds.get(entry.get("key_kind") or "", entry.get("key_kind") or "values"))
    lent = entry.get("fields") or {}
    if entry.get("role") == "activities":
        lends = [fmt._("{field} (latest {column} per deal)", field=fmt._(field_label(f)),
                       column=quoted(h)) for f, h in lent.items()]
    else:
        lends = [fmt._("{field} (from {column})", field=fmt._(field_label(f)), column=quoted(h))
                 for f, h in lent.items()]
    matched, unmatched = entry.get("matched", 0), entry.get("unmatched", 0)
    parts: list[Any] = [
        html.Strong(name),
        f": {quoted(entry['deals_key'])} = {quoted(entry['file_key'])} ({kind}) · ",
        html.Span(fmt.ngettext("{n} deal matched", "{n} deals matched", matched),
                  className="text-success fw-semibold join-matched"),
        ", ",
        html.Span(fmt._("{n} not", n=fmt.number(unmatched)), className="join-unmatched"
                  + (" text-warning-emphasis" if unmatched else "")),
        fmt._(" · lends ") + ", ".join(lends) if lends
        else fmt._(" · lends nothing")
        + (f" ({localise(fmt, entry['note'])})" if entry.get("note") else ""),
    ]
    spare = entry.get("file_rows_unmatched") or 0
    if spare:
        parts.append(fmt._(" · {spare} of its {rows} rows match no deal",
                           spare=fmt.number(spare), rows=fmt.number(entry.get("file_rows", 0))))
    return html.Li(parts)


def join_block(join: dict[str, Any], fmt: Formatter | None = None) -> html.Div:
    """Related files: which one holds the deals and, per other file, the key, the matched /
    unmatched deals and the fields it lends.
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return html.Div(
        [
            html.Div(
                [fmt._("Deals from "), html.Strong(join.get("deals_file") or "—"),
                 fmt._("; joined onto them:")],
                className="small fw-semibold",
            ),
            html.Ul([_join_line(e, fmt) for e in join.get("files") or []],
                    className="small mb-0 ps-3"),
        ],
        className="border rounded p-2 mb-2 bg-light",
        id="import-join",
    )


def proposal_text(proposal: dict[str, Any], fmt: Formatter | None = None) -> str:
    """"Map “Header” as Field to enable: figures" — the file's header, the field's label."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return fmt._("Map {column} as {field} to enable: {figures}",
                 column=quoted(proposal["header"]), field=fmt._(field_label(proposal["field"])),
                 figures=figures_text(proposal.get("figures") or [], fmt))


def proposals_block(proposals: list[dict[str, Any]], fmt: Formatter | None = None) -> html.Div:
    """Columns that would switch figures on, each with a one-click "Use it"."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return html.Div(
        [
            html.Div(fmt._("Suggested mapping"), className="small fw-semibold"),
            *[
                html.Div(
                    [
                        html.Span(proposal_text(p, fmt) + "."),
                        dbc.Button(
                            fmt._("Use it"),
                            id={"type": Shell.PROPOSAL, "header": p["header"],
                                "field": p["field"]},
                            color="primary",
                            outline=True,
                            size="sm",
                            className="ms-2 py-0",
                        ),
                    ],
                    className="small d-flex align-items-center flex-wrap mb-1",
                )
                for p in proposals
            ],
        ],
        className="border border-warning rounded p-2 mb-2",
        id="import-proposals",
    )


def readable_warnings(summary: dict[str, Any], fmt: Formatter | None = None) -> list[dict[str,
                                                                                          Any]]:
    """Warnings with the proposals' and the join's lines in the dialog's words (fields by their
    labels, columns as the file names them); the others as the import engine wrote them.
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    proposals = {p.get("message"): p for p in summary.get("proposals") or []}
    join_files = (summary.get("join") or {}).get("files") or []
    out: list[dict[str, Any]] = []
    for warning in summary.get("warnings") or []:
        message = warning.get("message") or ""
        if message in proposals:
            warning = {**warning, "message": proposal_text(proposals[message], fmt) + "."}
        else:
            for entry in join_files:
                if message.startswith(f"{entry['filename']}: joined on ") or message.startswith(
                        f"{entry['filename']}: not joined"):
                    warning = {**warning, "message": plain_text(_join_line(entry, fmt))}
                    break
        out.append(warning)
    return out


def plain_text(component: Any) -> str:
    """The text of a small component tree (a join line as a table cell)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        return "".join(plain_text(c) for c in children)
    return plain_text(children)


def preview(
    summary: dict[str, Any],
    sample: list[dict[str, Any]],
    choices: list[str],
    already: int | None,
    remembered: bool,
    other_versions: tuple[int, ...] = (),
    complete: bool = True,
    size: int = 0,
    fmt: Formatter | None = None,
) -> html.Div:
    """The preview block: facts, mapping editor, sample rows, counts, warnings, rejections.

    ``complete`` is False when only the first part of a large file was read: the counts are
    then those of that part, and the dialog says so. ``other_versions`` are imports of the same
    bytes with another mapping: the user chooses between a new version and a replacement.
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    facts = [
        fmt._("File: {name}", name=summary["filename"]),
        fmt._("Format: {name}", name=summary.get("format") or summary.get("file_format")),
        fmt._("Encoding: {name}", name=summary.get("encoding") or "—"),
        fmt._("Separator: {name}",
              name=fmt._(_SEPARATORS.get(summary.get("delimiter") or "", "—"))),
        fmt._("Header on line {n}", n=summary.get("header_row")),
    ]
    if summary.get("sheet"):
        facts.append(fmt._("Sheet: {name}", name=summary["sheet"]))
    kept, rejected = summary["rows_imported"], summary["rows_rejected"]
    mapping_rows = mapping_editor(summary["mapping"], summary.get("columns") or [], choices,
                                  fmt)
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
                        html.Label(fmt._("Worksheet to import"), className="small fw-semibold"),
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
                fmt._("This exact file is already imported (import #{id}) with this column "
                      "mapping. Importing it again would change nothing; change the mapping to "
                      "import it differently.", id=already),
                color="info",
                id="import-already",
            )
        )
    elif other_versions:
        blocks.append(reimport_choice(other_versions, fmt))
    if not complete:
        blocks.append(
            html.Div(
                fmt._("Preview of the first {rows} rows of a {size} MB file: the counts below "
                      "are those rows'. The whole file is read when you import it.",
                      rows=fmt.number(summary.get("rows_total", 0)),
                      size=fmt.number(size / 2**20, 1)),
                className="small text-muted mb-2",
                id="import-partial",
            )
        )
    if summary.get("join"):
        blocks.append(join_block(summary["join"], fmt))
    if summary.get("proposals"):
        blocks.append(proposals_block(summary["proposals"], fmt))
    if remembered:
        blocks.append(
            html.Div(
                fmt._("Using the mapping you confirmed last time for these headers."),
                className="small text-success mb-2",
            )
        )
    blocks += [
        html.Div(
            [
                dbc.Badge(
                    fmt.ngettext("{n} row will be imported", "{n} rows will be imported", kept),
                    color="success",
                    className="me-2",
                    id="import-kept",
                ),
                dbc.Badge(
                    fmt._("{n} rejected", n=fmt.number(rejected)),
                    color="danger" if rejected else "secondary",
                    className="me-2",
                    id="import-rejected",
                ),
                dbc.Badge(
                    fmt._("{n} warnings", n=fmt.number(len(summary.get("warnings", [])))),
                    color="warning" if summary.get("warnings") else "secondary",
                    text_color="dark" if summary.get("warnings") else None,
                    id="import-warnings-count",
                ),
            ],
            className="mb-3",
        ),
        dbc.Row(
            [
                dbc.Col([html.H6(fmt._("Column mapping")), *mapping_rows], lg=5),
                dbc.Col(
                    [
                        html.H6(fmt._("First parsed rows")),
                        sample_grid(
                            Shell.SAMPLE,
                            [{c: _cell(c, r.get(c)) for c in sample_columns} for r in sample],
                            [(c, fmt._(FIELD_LABELS[c])) for c in sample_columns],
                            numeric=("amount", "probability"),
                            lang=fmt.lang,
                        ),
                    ],
                    lg=7,
                ),
            ]
        ),
    ]
    if summary.get("warnings"):
        blocks += [
            html.H6(fmt._("Warnings"), className="mt-3"),
            issues_table(readable_warnings(summary, fmt), "import-warnings", fmt),
        ]
    if summary.get("errors"):
        blocks += [
            html.H6(fmt._("Rejected rows"), className="mt-3"),
            issues_table(summary["errors"], "import-errors", fmt),
        ]
    return html.Div(blocks)


def refused(
    message: str,
    issues: list[dict[str, Any]],
    editor: dict[str, Any] | None = None,
    choices: list[str] | None = None,
    fmt: Formatter | None = None,
) -> html.Div:
    """A refused file: the clear message, the details and, when the file could be read
    (``ImportRefused.preview``), the mapping editor with the file's own first rows, so the user
    can pick the missing column and preview again.
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    parts: list[Any] = [dbc.Alert(localise(fmt, message), color="danger", id="import-refused")]
    if issues and not (len(issues) == 1 and issues[0].get("message") == message):
        parts.append(issues_table(issues, "import-refused-details", fmt))
    if editor is None:
        return html.Div(parts)
    if editor.get("join"):
        parts.append(join_block(editor["join"], fmt))
    if editor.get("proposals"):
        parts.append(proposals_block(editor["proposals"], fmt))
    headers: list[str] = list(editor.get("headers") or editor.get("mapping") or [])
    rows = editor.get("sample_rows") or []
    parts.append(
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.H6(fmt._("Column mapping")),
                        html.Div(
                            fmt._("Choose the column that holds each deal's stage (or status), "
                                  "then the preview runs again."),
                            className="small text-muted mb-2",
                        ),
                        *mapping_editor(editor.get("mapping") or {}, editor.get("columns") or [],
                                        choices or [], fmt),
                    ],
                    lg=5,
                ),
                dbc.Col(
                    [
                        html.H6(fmt._("First rows of the file")),
                        sample_grid(
                            "import-raw-sample",
                            [{f"c{i}": _text(r.get(h)) for i, h in enumerate(headers)}
                             for r in rows],
                            [(f"c{i}", h) for i, h in enumerate(headers)],
                            lang=fmt.lang,
                        ),
                    ],
                    lg=7,
                ),
            ],
            id="import-editor",
        )
    )
    return html.Div(parts)


def reimport_choice(other_versions: tuple[int, ...], fmt: Formatter | None = None) -> dbc.Alert:
    """Same bytes imported before with another mapping: a new version, or a replacement."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    latest = other_versions[-1]
    listed = ", ".join(f"#{i}" for i in other_versions)
    return dbc.Alert(
        [
            html.Div(
                fmt._("This file was already imported with another column mapping (import "
                      "{ids}). Nothing is replaced unless you choose so:", ids=listed),
                className="mb-2",
            ),
            dbc.RadioItems(
                id={"type": Shell.REIMPORT, "index": 0},
                options=[
                    {"label": fmt._("Import as a new version (keep import #{id})", id=latest),
                     "value": "new_version"},
                    {"label": fmt._("Replace import #{id} with this one", id=latest),
                     "value": "replace"},
                ],
                value=None,
            ),
        ],
        color="warning",
        id="import-reimport-choice",
    )


def outcome_alert(
    kind: str, text: str, import_id: int | None = None, fmt: Formatter | None = None
) -> dbc.Alert:
    """The result of a confirm: imported, already there, needs a choice, or refused."""
    colors = {"done": "success", "already": "info", "choose": "warning", "refused": "danger"}
    fmt = fmt or Formatter("en")  # no language given: the message ids
    body: list[Any] = [html.Strong(fmt._("Done. "))] if kind == "done" else []
    return dbc.Alert([*body, localise(fmt, text)], color=colors[kind], id="import-outcome")


def dialog(fmt: Formatter | None = None) -> dbc.Modal:
    """The import dialog: drop zone, progress, preview, result and the actions around them.

    After an import the footer offers "Open the dashboard" and "Import another file".
    """
    fmt = fmt or Formatter("en")  # no language given: the message ids
    return dbc.Modal(
        [
            dbc.ModalHeader(dbc.ModalTitle(fmt._("Import a CRM export"))),
            dbc.ModalBody(
                [
                    dcc.Upload(
                        id=Shell.UPLOAD,
                        children=html.Div(
                            [
                                html.Div(
                                    fmt._("Drag and drop a CSV, XLSX or CSV.GZ export here — or "
                                          "several related exports at once (deals + "
                                          "companies…)"),
                                    className="fw-semibold",
                                ),
                                html.Div(
                                    fmt._("or click to choose files — HubSpot, Pipedrive, "
                                          "Salesforce, Zoho or your own spreadsheet"),
                                    className="small text-muted",
                                ),
                            ]
                        ),
                        className="upload-zone",
                        multiple=True,
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
                        fmt._("Download rejected rows"),
                        id=Shell.REJECTED_BUTTON,
                        color="link",
                        className="me-auto",
                        style={"display": "none"},
                    ),
                    dbc.Button(fmt._("Import another file"), id=Shell.IMPORT_ANOTHER,
                               color="secondary", outline=True, style={"display": "none"}),
                    dbc.Button(fmt._("Open the dashboard"), id=Shell.OPEN_DASHBOARD,
                               color="primary",
                               href="/", style={"display": "none"}),
                    dbc.Button(fmt._("Cancel"), id=Shell.CANCEL, color="secondary", outline=True),
                    dbc.Button(fmt._("Import"), id=Shell.CONFIRM, color="primary", disabled=True),
                ]
            ),
        ],
        id=Shell.MODAL,
        size="xl",
        is_open=False,
        scrollable=True,
    )
