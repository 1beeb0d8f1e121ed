"""Pipeline editor (issue 14): the deals kept in the app, their form, timeline and reminders.

Only composes components. Every user text (deal names, notes, activity texts, authors) goes in
as a plain string child, input value or grid cell: rendered as text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from data.entry import ACTIVITY_KINDS, FORM_FIELDS, TimelineEntry
from data.pagedata.edit import EditData
from data.reminders import KINDS, Reminder
from layouts.components import grid, grid_column, kpi_card
from layouts.formatting import Formatter
from layouts.i18n import N_, localise, status_label
from layouts.ids import Edit

TABLE_COLUMNS = (
    ("name", N_("Deal")),
    ("account", N_("Account")),
    ("stage", N_("Stage")),
    ("status", N_("Status")),
    ("amount_text", N_("Amount")),
    ("owner", N_("Owner")),
    ("expected_close_text", N_("Expected close")),
    ("last_activity_text", N_("Last activity")),
)
#: The status select's "from the stage" choice (a select cannot show an empty value).
FROM_STAGE = "auto"
#: Deals shown per list of the attention panel (the Deals page lists them all).
ATTENTION_ROWS = 8
_DATES = ("created_date", "expected_close_date", "closed_date", "last_activity_date")
_HINTS = {
    "amount": N_("e.g. 12500 or 12 500,00 € (read as an imported file is)"),
    "probability": N_("blank: the stage's probability"),
    "status": N_("blank: from the stage"),
    "last_activity_date": N_("moves forward by itself when you log an activity"),
    "created_date": N_("blank: today"),
}


def static(lang: str = "fr") -> html.Div:
    """The editor's frame; the callbacks fill it from the URL's dataset."""
    fmt = Formatter(lang)
    return html.Div(
        [
            dcc.Store(id=Edit.CURRENT, data=None),
            html.Datalist(id=Edit.STAGES, children=[]),
            dbc.Card(dbc.CardBody(_pipeline_controls(fmt)), className="chart-card mb-3"),
            html.Div(id=Edit.KPIS),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Card(
                                [
                                    dbc.CardHeader(
                                        html.Div(
                                            [
                                                html.Span(fmt._("Deals"), className="chart-title"),
                                                dbc.Button(fmt._("New deal"), id=Edit.NEW,
                                                           size="sm",
                                                           color="primary"),
                                            ],
                                            className="d-flex justify-content-between "
                                                      "align-items-center",
                                        )
                                    ),
                                    dbc.CardBody([_deals_table(fmt),
                                                  html.Div(id=Edit.TABLE_NOTE,
                                                           className="small text-muted mt-2")]),
                                ],
                                className="chart-card mb-3",
                            ),
                            dbc.Card(
                                [dbc.CardHeader(fmt._("Deleted deals (can be restored)"),
                                                className="chart-title"),
                                 dbc.CardBody([html.Div(id=Edit.RESTORED, className="small"),
                                               html.Div(id=Edit.DELETED)])],
                                className="chart-card mb-3",
                            ),
                        ],
                        xs=12,
                        lg=8,
                    ),
                    dbc.Col(
                        dbc.Card(
                            [dbc.CardHeader(fmt._("What needs attention today"),
                                            className="chart-title"),
                             dbc.CardBody(html.Div(id=Edit.REMINDERS))],
                            className="chart-card mb-3",
                        ),
                        xs=12,
                        lg=4,
                    ),
                ]
            ),
            _deal_panel(fmt),
        ],
        className="edit-page",
    )


def _pipeline_controls(fmt: Formatter) -> list[Any]:
    return [
        html.Div(id=Edit.STATUS, className="mb-2"),
        dbc.Row(
            [
                dbc.Col(
                    [
                        dbc.Label(fmt._("Your name (kept in this browser; the audit trail "
                                        "records it)"),
                                  html_for=Edit.AUTHOR, className="small"),
                        dbc.Input(id=Edit.AUTHOR, placeholder=fmt._("e.g. Léa Martin"),
                                  maxLength=80,
                                  persistence=True, persistence_type="local"),
                    ],
                    xs=12,
                    md=4,
                    className="mb-2",
                ),
                dbc.Col(
                    [
                        dbc.Label(fmt._("New pipeline kept in the app"), html_for=Edit.NEW_NAME,
                                  className="small"),
                        dbc.Input(id=Edit.NEW_NAME, placeholder=fmt._("Pipeline name"),
                                  maxLength=120),
                        html.Div(
                            [
                                dbc.Button(fmt._("Start empty"), id=Edit.START, color="secondary",
                                           outline=True, size="sm"),
                                dbc.Button(fmt._("Continue from the import shown"),
                                           id=Edit.CONTINUE,
                                           color="secondary", outline=True, size="sm"),
                            ],
                            className="d-flex flex-wrap gap-2 mt-2",
                        ),
                        html.Div(id=Edit.CREATED, className="small mt-1"),
                    ],
                    xs=12,
                    md=8,
                    className="mb-2",
                ),
            ]
        ),
    ]


def _deals_table(fmt: Formatter) -> dag.AgGrid:
    """The pipeline's deals; a click on a row opens the deal (its ``selectedRows``)."""
    return grid(
        Edit.TABLE,
        [],
        [grid_column(key, fmt._(label), numeric=key == "amount_text", first=i == 0)
         for i, (key, label) in enumerate(TABLE_COLUMNS)],
        lang=fmt.lang,
        page_size=12,
        options={"pagination": True, "paginationPageSize": 12,
                 "paginationPageSizeSelector": False,
                 "rowSelection": {"mode": "singleRow", "checkboxes": False,
                                  "enableClickSelection": True}},
        class_name="edit-grid",
    )


def _field(name: str, fmt: Formatter) -> dbc.Col:
    label = fmt._(FORM_FIELDS[name])
    ident = {"type": Edit.FIELD, "field": name}
    control: Any
    if name == "status":
        control = dbc.Select(id=ident, options=[
            {"label": fmt._("From the stage"), "value": FROM_STAGE},
            *({"label": status_label(fmt, s), "value": s} for s in ("open", "won", "lost"))],
            value=FROM_STAGE)
    elif name == "notes":
        control = dbc.Textarea(id=ident, rows=3, value="")
    elif name in _DATES:
        control = dbc.Input(id=ident, type="date", value="")
    elif name == "stage":
        control = dbc.Input(id=ident, list=Edit.STAGES, value="", autoComplete="off")
    else:
        control = dbc.Input(id=ident, type="text", value="",
                            inputMode="decimal" if name in ("amount", "probability") else None)
    children: list[Any] = [
        dbc.Label(label, className="small mb-0"),
        control,
        dbc.FormFeedback(id={"type": Edit.FEEDBACK, "field": name}, type="invalid"),
    ]
    if name in _HINTS:
        children.append(dbc.FormText(fmt._(_HINTS[name])))
    wide = name in ("name", "notes")
    return dbc.Col(children, xs=12, sm=12 if wide else 6, className="mb-2")


def _deal_panel(fmt: Formatter) -> dbc.Offcanvas:
    """The deal: its form, close/delete buttons, its timeline and a form to log an activity."""
    return dbc.Offcanvas(
        [
            dbc.Form(dbc.Row([_field(name, fmt) for name in FORM_FIELDS], className="g-2")),
            html.Div(
                [
                    dbc.Button(fmt._("Save"), id=Edit.SAVE, color="primary", className="me-2 mb-2"),
                    dbc.Button(fmt._("Close as won"), id=Edit.WON, color="success", outline=True,
                               className="me-2 mb-2"),
                    dbc.Button(fmt._("Close as lost"), id=Edit.LOST, color="secondary",
                               outline=True,
                               className="me-2 mb-2"),
                    dbc.Button(fmt._("Delete"), id=Edit.DELETE, color="danger", outline=True,
                               className="mb-2"),
                ],
                className="mt-2",
            ),
            html.Div(id=Edit.MESSAGE, className="mb-3"),
            html.H6(fmt._("Log an activity"), className="mt-3"),
            dbc.Row(
                [
                    dbc.Col(dbc.Select(
                        id=Edit.ACT_KIND, value="call",
                        options=[{"label": fmt._(v), "value": k} for k,
                                 v in ACTIVITY_KINDS.items()]),
                        xs=6),
                    dbc.Col(dbc.Input(id=Edit.ACT_DATE, type="date"), xs=6),
                ],
                className="g-2 mb-2",
            ),
            dbc.Textarea(id=Edit.ACT_TEXT, rows=2, placeholder=fmt._("What was said or done"),
                         className="mb-2"),
            dbc.Button(fmt._("Log activity"), id=Edit.LOG, color="primary", outline=True,
                       size="sm"),
            html.Div(id=Edit.ACT_MESSAGE, className="small mt-1"),
            html.H6(fmt._("Timeline"), className="mt-4"),
            html.Div(id=Edit.TIMELINE),
        ],
        id=Edit.PANEL,
        title=fmt._("Deal"),
        placement="end",
        is_open=False,
        scrollable=True,
        style={"width": "min(640px, 100vw)"},
    )


# -- filled by the callbacks -----------------------------------------------------------------------
def status_line(name: str | None, editable: bool, import_id: int | None,
                fmt: Formatter | None = None) -> Any:
    """Which pipeline the editor shows, or why it cannot edit the dataset shown."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if name is None:
        return dbc.Alert(fmt._("No pipeline kept in the app yet: give it a name and start it "
                               "empty, or continue from the import shown in the filter bar."),
                         color="info", className="mb-0 py-2")
    if not editable:
        return dbc.Alert([fmt._("The dataset shown ("), html.Strong(name),
                          fmt._(") comes from imported files and is read-only. Continue from its "
                                "import to keep it in the app, or pick a pipeline kept in the "
                                "app in the filter bar.")],
                         color="warning", className="mb-0 py-2")
    return html.Div([fmt._("Editing "), html.Strong(name),
                     fmt._(" — current state: import #{id}. Every change shows on every page at "
                           "once; one snapshot a day is kept for trends.", id=import_id)],
                    className="small")


def kpis(data: EditData, fmt: Formatter) -> dbc.Row:
    """Open deals, gross and weighted pipeline, won revenue (METRICS.md)."""
    k, cur = data.kpis, data.currency
    return dbc.Row([
        kpi_card(fmt._("Open deals"), fmt.number(k.open_deals), card_id="edit-kpi-open"),
        kpi_card(fmt._("Gross pipeline"), fmt.money(k.pipeline_gross, cur),
                 card_id="edit-kpi-gross"),
        kpi_card(fmt._("Weighted pipeline"), fmt.money(k.pipeline_weighted, cur),
                 card_id="edit-kpi-weighted"),
        kpi_card(fmt._("Won revenue"), fmt.money(k.won_revenue, cur), card_id="edit-kpi-won"),
    ])


def table_rows(data: EditData, fmt: Formatter) -> list[dict[str, Any]]:
    """The deals as table rows (``id`` = deal id, so a clicked cell names its deal)."""
    return [
        {"id": r.deal_id, "name": r.name or fmt._("(no name)"), "account": r.account,
         "stage": r.stage,
         "status": fmt._(r.status.capitalize()) if r.status else "",
         "amount_text": fmt.money(r.amount, r.currency or data.currency),
         "owner": r.owner, "expected_close_text": fmt.date(r.expected_close_date),
         "last_activity_text": fmt.date(r.last_activity_date)}
        for r in data.deals
    ]


def no_attention(fmt: Formatter) -> Any:
    """What the attention panel says when the pipeline shown is not kept in the app."""
    return html.Div(fmt._("Reminders appear here for a pipeline kept in the app: start one or "
                          "take over the import shown, above."), className="small text-muted")


def attention(lists: dict[str, list[Reminder]], fmt: Formatter) -> list[Any]:
    """The four lists; each deal opens from its line."""
    out: list[Any] = []
    for kind, title in KINDS.items():
        items = lists.get(kind, [])
        out.append(html.H6(f"{localise(fmt, title)} ({fmt.number(len(items))})",
                           className="mt-2 mb-1"))
        if not items:
            out.append(html.Div(fmt._("Nothing."), className="small text-muted"))
            continue
        out.append(html.Ul(
            [html.Li([
                dbc.Button(r.name or r.deal_id or fmt._("(no name)"), color="link", size="sm",
                           className="p-0 align-baseline",
                           id={"type": Edit.OPEN, "deal": r.deal_id or ""}),
                html.Span(f" — {localise(fmt, r.why)}"
                          + (f", {fmt.money(r.amount, r.currency)}" if r.amount is not None
                             else ""), className="small"),
            ]) for r in items[:ATTENTION_ROWS]],
            className="list-unstyled mb-1", id=f"edit-reminders-{kind}",
        ))
        if len(items) > ATTENTION_ROWS:
            out.append(html.Div(fmt._("and {n} more", n=fmt.number(len(items) - ATTENTION_ROWS)),
                                className="small text-muted"))
    return out


def deleted(rows: Sequence[tuple[str, str | None, str]], fmt: Formatter | None = None) -> Any:
    """Deleted deals still restorable, each with a Restore button."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if not rows:
        return html.Div(fmt._("None."), className="small text-muted")
    return html.Ul([
        html.Li([
            html.Span(fmt._("{name} ({id}), deleted {date} ", name=name or fmt._("(no name)"),
                            id=deal_id, date=when), className="small"),
            dbc.Button(fmt._("Restore"), id={"type": Edit.RESTORE, "deal": deal_id}, size="sm",
                       color="link", className="p-0 align-baseline"),
        ]) for deal_id, name, when in rows
    ], className="list-unstyled mb-0")


_ACTIONS = {"create": N_("created the deal"), "edit": N_("changed"),
            "close": N_("closed the deal"), "delete": N_("deleted the deal"),
            "restore": N_("restored the deal")}


def timeline(entries: Sequence[TimelineEntry], fmt: Formatter) -> Any:
    """Activities and changes, newest first; the fields one change set are listed under it."""
    if not entries:
        return html.Div(fmt._("Nothing yet."), className="small text-muted")
    items: list[Any] = []
    index = 0
    while index < len(entries):
        e = entries[index]
        when = fmt.date(e.day)
        if e.kind in ACTIVITY_KINDS:
            items.append(dbc.ListGroupItem([
                html.Div([dbc.Badge(fmt._(ACTIVITY_KINDS[e.kind]), color="info", className="me-2"),
                          html.Span(f"{when} — {e.author}", className="small text-muted")]),
                html.Div(e.text, className="timeline-text", style={"whiteSpace": "pre-wrap"}),
            ], className="timeline-activity"))
            index += 1
            continue
        same = [e]
        while (index + len(same) < len(entries)
               and (entries[index + len(same)].at, entries[index + len(same)].kind,
                    entries[index + len(same)].author) == (e.at, e.kind, e.author)):
            same.append(entries[index + len(same)])
        index += len(same)
        fields = [html.Li(fmt._("{field}: {old} → {new}",
                                field=fmt._(FORM_FIELDS.get(c.field, c.field)),
                                old=c.old if c.old is not None else "—",
                                new=c.new if c.new is not None else "—"))
                  for c in same if c.field]
        items.append(dbc.ListGroupItem([
            html.Span(f"{when} {e.at:%H:%M} — {e.author} {fmt._(_ACTIONS.get(e.kind, e.kind))}",
                      className="small"),
            html.Ul(fields, className="small mb-0") if fields else None,
        ], className="timeline-change"))
    return dbc.ListGroup(items, flush=True)
