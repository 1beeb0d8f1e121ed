"""Pipeline editor (issue 14): wiring only; writes go through ``callbacks.write_door``.

Every write returns the new data version, which goes into the shell's data-version store so
that every page (and the editor itself) recomputes; the figures come from the same read side
as every other page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import quote, unquote

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from callbacks import write_door
from callbacks.context import (
    as_of,
    cold_days,
    data_version,
    formatter,
    manager,
    settings,
    state_from_search,
    user_lang,
)
from data import entry
from data.entry import FORM_FIELDS
from data.filters import FilterState
from data.pagedata import edit as edit_data
from layouts import edit as edit_layout
from layouts.formatting import Formatter
from layouts.i18n import localise
from layouts.ids import Deals, Edit, Shell

_FIELDS = tuple(FORM_FIELDS)
#: The URL fragment that opens a deal in the editor: ``/edit?dataset=N#deal=<deal id>``.
DEAL_LINK = "#deal="


def deal_link(search: str | None, row: dict[str, Any] | None) -> str | None:
    """The editor's link to the deal of a table row of another page (None: not editable).

    Only a deal of a pipeline kept in the app opens in the editor; an imported dataset's rows
    are read-only.
    """
    deal_id = (row or {}).get("deal_id")
    if not deal_id:
        return None
    state = state_from_search(search)
    shown = manager().resolve_import(state, data_version())
    if shown is None or shown.dataset_id is None:
        return None
    if shown.dataset_id not in dict(entry.editable_datasets(manager().reader)):
        return None
    target = FilterState(dataset_id=shown.dataset_id, lang=state.lang)
    return f"/edit?{target.to_query()}{DEAL_LINK}{quote(str(deal_id), safe='')}"


def pipeline_of(search: str | None) -> tuple[FilterState, int | None, str | None, bool]:
    """The dataset the editor shows: the URL's, else the newest pipeline kept in the app,
    else the dataset of the import shown; (state, dataset id, its name, editable).
    """
    state = state_from_search(search)
    svc, version = manager(), data_version()
    kept = dict(entry.editable_datasets(svc.reader))
    dataset = state.dataset_id
    if dataset is None and kept:
        dataset = next(iter(kept))
    if dataset is None:
        shown = svc.resolve_import(state, version)
        dataset = shown.dataset_id if shown is not None else None
    if dataset is None:
        return state, None, None, False
    names = {d.id: d.name for d in svc.datasets(version)}
    return state, dataset, kept.get(dataset) or names.get(dataset), dataset in kept


def render(search: str | None) -> tuple[Any, ...]:
    """Status line, KPIs, table rows and note, deleted deals, reminders, stage options."""
    state, dataset, name, editable = pipeline_of(search)
    fmt = formatter(state)
    if dataset is None or not editable:
        return (edit_layout.status_line(name, editable, None, fmt), None, [], "",
                edit_layout.deleted([], fmt), edit_layout.no_attention(fmt), [])
    svc, version = manager(), data_version()
    shown = replace(state, import_id=None, dataset_id=dataset, view=None)
    selection = svc.selection(version, shown)
    if selection is None:
        return (edit_layout.status_line(name, True, None, fmt), None, [], "",
                edit_layout.deleted([], fmt), edit_layout.attention({}, fmt), [])
    data = edit_data.build(selection, as_of(state), cold_days())
    note = (fmt._("{n} deal(s); the newest {rows} are listed — narrow them with the filter "
                  "bar's search.", n=fmt.number(data.total),
                  rows=fmt.number(edit_data.EDITOR_ROWS))
            if data.total > edit_data.EDITOR_ROWS
            else fmt._("{n} deal(s). Click a row to open the deal.", n=fmt.number(data.total)))
    removed = [(d, n, fmt.date(when.date())) for d, n, when in
               entry.deleted_deals(svc.reader, dataset)]
    return (
        edit_layout.status_line(name, True, data.import_id, fmt),
        edit_layout.kpis(data, fmt),
        edit_layout.table_rows(data, fmt),
        note,
        edit_layout.deleted(removed, fmt),
        edit_layout.attention(data.attention, fmt),
        [html.Option(value=s) for s in data.stages],
    )


def _blank_feedback() -> tuple[list[bool], list[str]]:
    return [False] * len(_FIELDS), [""] * len(_FIELDS)


def open_deal(dataset: int | None, deal_id: str | None,
              fmt: Formatter | None = None) -> tuple[Any, ...]:
    """Panel open, its title, the current-deal store and the field values (blank for new)."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if dataset is None:
        return (False, no_update, no_update, [no_update] * len(_FIELDS))
    if deal_id is None:
        blank = [edit_layout.FROM_STAGE if f == "status" else "" for f in _FIELDS]
        return True, fmt._("New deal"), {"dataset": dataset, "deal_id": None,
                                         "row_version": None}, blank
    row = entry.get_deal(manager().reader, dataset, deal_id)
    if row is None:
        return (False, no_update, None, [no_update] * len(_FIELDS))
    values = entry.form_values(row)
    values["status"] = values["status"] or edit_layout.FROM_STAGE
    title = f"{row.get('name') or fmt._('(no name)')} ({deal_id})"
    return (True, title, {"dataset": dataset, "deal_id": deal_id,
                          "row_version": int(row["row_version"])},
            [values[f] for f in _FIELDS])


def save(action: str, values: dict[str, Any], current: dict[str, Any] | None,
         author: str | None, locale: str) -> tuple[Any, ...]:
    """Run one form action; (invalid flags, field messages, message, store, data version)."""
    fmt = Formatter(locale if locale in ("fr", "en") else "en")
    invalid, feedback = _blank_feedback()
    if not current:
        return invalid, feedback, _alert(fmt._("Open a deal first."),
                                         "warning"), no_update, no_update
    dataset, deal_id = int(current["dataset"]), current.get("deal_id")
    expected = int(current.get("row_version") or 0)
    who = author or ""
    try:
        if deal_id is None:
            if action != "save":
                return (invalid, feedback, _alert(fmt._("Save the new deal first."), "warning"),
                        no_update, no_update)
            change = write_door.add_deal(dataset, values, who, locale)
            message = fmt._("Deal {id} added.", id=change.deal_id)
        elif action == "save":
            change = write_door.edit_deal(dataset, deal_id, values, expected, who, locale)
            fields = ", ".join(fmt._(FORM_FIELDS.get(f, f)) for f in change.changed)
            message = (fmt._("Saved: {fields}.", fields=fields) if fields
                       else fmt._("Nothing changed."))
        elif action in ("won", "lost"):
            change = write_door.close_deal(dataset, deal_id, action, expected, who)
            message = fmt._("Closed as won.") if action == "won" else fmt._("Closed as lost.")
        else:
            change = write_door.delete_deal(dataset, deal_id, expected, who)
            return (invalid, feedback,
                    _alert(fmt._("Deal {id} deleted: restore it from “Deleted deals”.", id=deal_id),
                           "info"),
                    None, change.data_version)
    except entry.ConflictError as conflict:
        return invalid, feedback, _alert(localise(fmt, _said(conflict)),
                                         "danger"), no_update, no_update
    except entry.EntryError as refused:
        for i, name in enumerate(_FIELDS):
            if name in refused.errors:
                invalid[i], feedback[i] = True, localise(fmt, refused.errors[name])
        shown = localise(fmt, _said(refused)) if not any(invalid) else (
            fmt._("Not saved (fields in red): ")
            + " ".join(localise(fmt, e) for e in refused.errors.values()))
        return invalid, feedback, _alert(shown, "danger"), no_update, no_update
    except LookupError as gone:
        return (invalid, feedback, _alert(localise(fmt, _said(gone)), "warning"), None,
                manager().version())
    store = {"dataset": dataset, "deal_id": change.deal_id, "row_version": change.row_version}
    return invalid, feedback, _alert(message, "success"), store, change.data_version


def _said(error: Exception) -> str:
    """An error's message as raised: a ``data.texts.Text`` keeps its id (``str()`` would not)."""
    return error.args[0] if error.args and isinstance(error.args[0], str) else str(error)


def _alert(message: str, color: str) -> dbc.Alert:
    return dbc.Alert(message, color=color, className="py-2 mb-0", id="edit-alert")


#: The first selected row of the Deals grids (``{"row": ..., "at": ms}``: a click on the same
#: row again is a new value), or no update when none is selected.
_PICKED = """
function (picked) {
    const rows = (picked || []).flatMap(chosen => chosen || []);
    return rows.length ? {row: rows[0], at: Date.now()} : window.dash_clientside.no_update;
}
"""


def register(app: Dash) -> None:
    """Register the editor's callbacks on ``app``."""

    @app.callback(
        Output(Edit.STATUS, "children"),
        Output(Edit.KPIS, "children"),
        Output(Edit.TABLE, "rowData"),
        Output(Edit.TABLE_NOTE, "children"),
        Output(Edit.DELETED, "children"),
        Output(Edit.REMINDERS, "children"),
        Output(Edit.STAGES, "children"),
        Input(Shell.URL, "search"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill(search: str | None, _version: Any) -> tuple[Any, ...]:
        """The pipeline's current state (recomputed after every write, here or elsewhere)."""
        return render(search)

    @app.callback(
        Output(Edit.PANEL, "is_open"),
        Output(Edit.PANEL, "title"),
        Output(Edit.CURRENT, "data"),
        Output({"type": Edit.FIELD, "field": ALL}, "value"),
        Output({"type": Edit.FIELD, "field": ALL}, "invalid", allow_duplicate=True),
        Output({"type": Edit.FEEDBACK, "field": ALL}, "children", allow_duplicate=True),
        Output(Edit.MESSAGE, "children", allow_duplicate=True),
        Output(Edit.ACT_DATE, "value"),
        Output(Edit.TABLE, "selectedRows"),
        Input(Edit.TABLE, "selectedRows"),
        Input({"type": Edit.OPEN, "deal": ALL}, "n_clicks"),
        Input(Edit.NEW, "n_clicks"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def open_panel(picked: list[dict[str, Any]] | None, _opens: list[int | None],
                   _new: int | None, search: str | None) -> tuple[Any, ...]:
        """Open a deal from a table row or a reminder, or a blank form for a new deal."""
        trigger = ctx.triggered_id
        if trigger == Edit.TABLE:
            if not picked or picked[0].get("id") is None:
                raise PreventUpdate  # the selection was cleared (below), not a click
            deal_id: str | None = str(picked[0]["id"])
        elif isinstance(trigger, dict):
            if not ctx.triggered[0]["value"]:
                raise PreventUpdate  # the list was re-rendered, not clicked
            deal_id = str(trigger["deal"])
        elif trigger == Edit.NEW and _new:
            deal_id = None
        else:
            raise PreventUpdate
        state, dataset, _name, editable = pipeline_of(search)
        opened = open_deal(dataset if editable else None, deal_id, formatter(state))
        invalid, feedback = _blank_feedback()
        return (*opened, invalid, feedback, None, date.today().isoformat(), [])

    # The clicked row, in the browser: Dash also runs a callback on the grids' selectedRows
    # when a new grid appears (each Deals view), which cost a request that found no row.
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        _PICKED,
        Output(Shell.PICKED_DEAL, "data"),
        Input({"type": Deals.TABLE, "view": ALL}, "selectedRows"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Shell.URL, "href", allow_duplicate=True),
        Output(Shell.URL, "refresh", allow_duplicate=True),
        Input(Shell.PICKED_DEAL, "data"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def open_from_deals(picked: dict[str, Any] | None, search: str | None) -> tuple[str, bool]:
        """A row of the Deals table opens its deal in the editor (pipelines kept in the app).

        A full load of the editor (``refresh``): the shell's location navigates without one,
        which does not always switch the page container to another page.
        """
        if not picked or not isinstance(picked.get("row"), dict):
            raise PreventUpdate
        link = deal_link(search, picked["row"])
        if link is None:
            raise PreventUpdate
        return link, True

    @app.callback(
        Output(Edit.PANEL, "is_open", allow_duplicate=True),
        Output(Edit.PANEL, "title", allow_duplicate=True),
        Output(Edit.CURRENT, "data", allow_duplicate=True),
        Output({"type": Edit.FIELD, "field": ALL}, "value", allow_duplicate=True),
        Output(Edit.ACT_DATE, "value", allow_duplicate=True),
        Input(Shell.URL, "hash"),
        Input(Edit.PANEL, "id"),
        State(Shell.URL, "search"),
        prevent_initial_call="initial_duplicate",
    )
    def open_from_link(fragment: str | None, _mounted: str,
                       search: str | None) -> tuple[Any, ...]:
        """``/edit?dataset=N#deal=ID`` opens the deal (links from other pages' tables)."""
        if not fragment or not fragment.startswith(DEAL_LINK):
            raise PreventUpdate
        state, dataset, _name, editable = pipeline_of(search)
        if not editable:
            raise PreventUpdate
        opened = open_deal(dataset, unquote(fragment[len(DEAL_LINK):]), formatter(state))
        if not opened[0]:
            raise PreventUpdate
        return (*opened, date.today().isoformat())

    @app.callback(
        Output({"type": Edit.FIELD, "field": ALL}, "invalid"),
        Output({"type": Edit.FEEDBACK, "field": ALL}, "children"),
        Output(Edit.MESSAGE, "children"),
        Output(Edit.CURRENT, "data", allow_duplicate=True),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Edit.SAVE, "n_clicks"),
        Input(Edit.WON, "n_clicks"),
        Input(Edit.LOST, "n_clicks"),
        Input(Edit.DELETE, "n_clicks"),
        State({"type": Edit.FIELD, "field": ALL}, "value"),
        State(Edit.CURRENT, "data"),
        State(Edit.AUTHOR, "value"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def act(_save: int | None, _won: int | None, _lost: int | None, _delete: int | None,
            values: list[Any], current: dict[str, Any] | None, author: str | None,
            search: str | None) -> tuple[Any, ...]:
        """Save, close as won/lost or delete the open deal."""
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        action = {Edit.SAVE: "save", Edit.WON: "won", Edit.LOST: "lost",
                  Edit.DELETE: "delete"}[ctx.triggered_id]
        names = [item["id"]["field"] for item in ctx.states_list[0]]
        locale = state_from_search(search).lang or settings().locale
        form = dict(zip(names, values, strict=True))
        if form.get("status") == edit_layout.FROM_STAGE:
            form["status"] = ""
        return save(action, form, current, author, locale)

    @app.callback(
        Output(Edit.ACT_MESSAGE, "children"),
        Output(Edit.ACT_TEXT, "value"),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Edit.LOG, "n_clicks"),
        State(Edit.ACT_KIND, "value"),
        State(Edit.ACT_DATE, "value"),
        State(Edit.ACT_TEXT, "value"),
        State(Edit.CURRENT, "data"),
        State(Edit.AUTHOR, "value"),
        prevent_initial_call=True,
    )
    def log(clicks: int | None, kind: str, on: str | None, note: str | None,
            current: dict[str, Any] | None, author: str | None) -> tuple[Any, ...]:
        """Log an activity on the open deal; its last activity follows."""
        if not clicks:
            return no_update, no_update, no_update
        if not current or not current.get("deal_id"):
            return (Formatter(user_lang())._("Save the deal first, then log its activities."),
                    no_update, no_update)
        try:
            change = write_door.log_activity(int(current["dataset"]), str(current["deal_id"]),
                                             kind, on, author or "", note or "")
        except entry.EntryError as refused:
            return localise(Formatter(user_lang()), _said(refused)), no_update, no_update
        except LookupError as gone:
            return localise(Formatter(user_lang()), _said(gone)), no_update, no_update
        fmt = Formatter(user_lang())
        label = fmt._(entry.ACTIVITY_KINDS.get(kind, kind))
        return fmt._("{kind} logged.", kind=label), "", change.data_version

    @app.callback(
        Output(Edit.TIMELINE, "children"),
        Input(Edit.CURRENT, "data"),
        Input(Shell.DATA_VERSION, "data"),
        State(Shell.URL, "search"),
    )
    def show_timeline(current: dict[str, Any] | None, _version: Any,
                      search: str | None) -> Any:
        """The open deal's activities and changes, newest first."""
        if not current or not current.get("deal_id"):
            return edit_layout.timeline([], formatter(state_from_search(search)))
        entries = entry.timeline(manager().reader, int(current["dataset"]),
                                 str(current["deal_id"]))
        return edit_layout.timeline(entries, formatter(state_from_search(search)))

    @app.callback(
        Output(Edit.RESTORED, "children"),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input({"type": Edit.RESTORE, "deal": ALL}, "n_clicks"),
        State(Edit.AUTHOR, "value"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def restore(_clicks: list[int | None], author: str | None,
                search: str | None) -> tuple[Any, ...]:
        """Bring a deleted deal back."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered[0]["value"]:
            return no_update, no_update
        _state, dataset, _name, editable = pipeline_of(search)
        if dataset is None or not editable:
            return no_update, no_update
        try:
            change = write_door.restore_deal(dataset, str(trigger["deal"]), author or "")
        except (entry.EntryError, LookupError) as refused:
            return localise(Formatter(user_lang()), _said(refused)), no_update
        return (Formatter(user_lang())._("Deal {id} restored.", id=change.deal_id),
                change.data_version)

    @app.callback(
        Output(Edit.CREATED, "children"),
        Output(Shell.URL, "search", allow_duplicate=True),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Edit.START, "n_clicks"),
        Input(Edit.CONTINUE, "n_clicks"),
        State(Edit.NEW_NAME, "value"),
        State(Shell.URL, "search"),
        prevent_initial_call=True,
    )
    def create(_start: int | None, _continue: int | None, name: str | None,
               search: str | None) -> tuple[Any, ...]:
        """Start a pipeline kept in the app (empty, or from the import shown) and show it."""
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update, no_update, no_update
        state = state_from_search(search)
        source = None
        if ctx.triggered_id == Edit.CONTINUE:
            shown = manager().resolve_import(state, data_version())
            if shown is None:
                return (formatter(state)._("No import to continue from: import a file first."),
                        no_update, no_update)
            source = shown.id
        try:
            dataset, version = write_door.create_pipeline(name or "", source)
        except entry.EntryError as refused:
            return localise(formatter(state), _said(refused)), no_update, no_update
        target = FilterState(dataset_id=dataset, lang=state.lang)
        return (formatter(state)._("Pipeline “{name}” started.",
                                   name=" ".join((name or "").split())),
                "?" + target.to_query(), version)
