"""Import dialog: drop → preview (background, with progress) → edit mapping → confirm/cancel.

The dropped bytes are kept in the shared cache under their SHA-256, never in a module global,
so any worker can confirm what another one previewed. Parsing and writing run as Dash
background callbacks so a large file shows progress and the page stays responsive.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from flask import Flask

from data import store
from data.importer import checksum, import_file, parse_with_memory
from data.ingest import ImportRefused, mapping_choices
from data.sample import sample_csv_bytes
from layouts import import_preview
from layouts.ids import Home, Shell

IGNORE = "__ignore__"
_STAGING_TIMEOUT_S = 3600


def decode_upload(contents: str) -> bytes:
    """Bytes of a ``dcc.Upload`` data URL; ValueError with a clear message when malformed."""
    try:
        _, encoded = contents.split(",", 1)
        return base64.b64decode(encoded, validate=False)
    except (ValueError, binascii.Error) as error:
        raise ValueError("The browser sent a file the app could not read; try again.") from error


def _ctx(server: Flask) -> dict[str, Any]:
    return server.extensions["crm"]  # type: ignore[no-any-return]


def _stage(server: Flask, content: bytes) -> str:
    token = checksum(content)
    _ctx(server)["service"].cache.set(f"upload:{token}", content, timeout=_STAGING_TIMEOUT_S)
    return token


def _staged(server: Flask, token: str) -> bytes | None:
    blob = _ctx(server)["service"].cache.get(f"upload:{token}")
    return bytes(blob) if blob is not None else None


def _mapping_from(values: list[str | None], ids: list[dict[str, str]]) -> dict[str, str | None]:
    return {
        i["header"]: (None if v in (None, IGNORE) else v) for i, v in zip(ids, values, strict=True)
    }


def build_preview(
    server: Flask,
    content: bytes,
    filename: str,
    mapping: dict[str, str | None] | None,
    sheet: str | None = None,
) -> tuple[Any, bool, dict[str, str | None] | None]:
    """Preview components for a staged file, whether it can be imported, the mapping shown.

    The mapping shown (``None`` for a refused file) lets :func:`remap` tell a real edit from
    the call Dash makes when the preview inserts a new set of mapping dropdowns.
    """
    engine = _ctx(server)["engine"]
    already = store.find_import_by_checksum(engine, checksum(content))
    try:
        parsed, remembered = parse_with_memory(engine, content, filename, mapping, sheet)
    except ImportRefused as refused:
        block = import_preview.refused(str(refused), [i.as_dict() for i in refused.issues])
        return block, False, None
    sample = parsed.deals.head(6).astype(object).where(parsed.deals.head(6).notna(), None)
    rows = [
        {k: (v.date().isoformat() if hasattr(v, "date") else v) for k, v in r.items()}
        for r in sample.to_dict("records")
    ]
    block = import_preview.preview(parsed.summary(), rows, mapping_choices(), already, remembered)
    return block, already is None and len(parsed.deals) > 0, dict(parsed.mapping)


def register(app: Dash) -> None:
    """Register the import-dialog callbacks on ``app``."""
    server = app.server

    @app.callback(
        Output(Shell.MODAL, "is_open"),
        Input(Shell.OPEN_IMPORT, "n_clicks"),
        Input(Shell.CANCEL, "n_clicks"),
        prevent_initial_call=True,
    )
    def toggle_modal(_open: int | None, _cancel: int | None) -> bool:
        """Open with the navbar button, close with Cancel."""
        return ctx.triggered_id == Shell.OPEN_IMPORT

    @app.callback(
        Output(Shell.PREVIEW, "children"),
        Output(Shell.STAGED, "data"),
        Output(Shell.CONFIRM, "disabled"),
        Output(Shell.RESULT, "children", allow_duplicate=True),
        Output(Shell.UPLOAD, "contents"),
        Input(Shell.UPLOAD, "contents"),
        State(Shell.UPLOAD, "filename"),
        background=True,
        running=[
            (Output(Shell.PROGRESS, "style"), {"visibility": "visible"}, {"visibility": "hidden"})
        ],
        progress=[Output(Shell.PROGRESS, "value"), Output(Shell.PROGRESS, "label")],
        prevent_initial_call=True,
    )
    def preview_upload(
        set_progress: Any, contents: str | None, filename: str | None
    ) -> tuple[Any, Any, bool, Any, None]:
        """Decode, stage and parse the dropped file; show what would be imported.

        The bytes are staged in the cache, so the upload's ``contents`` is emptied: the
        browser stops holding the file, and dropping the same file again (after importing
        it, say) is a change that shows "already imported" instead of nothing at all.
        """
        if not contents:
            return no_update, no_update, True, no_update, None
        set_progress((20, "Reading file…"))
        try:
            content = decode_upload(contents)
        except ValueError as error:
            return import_preview.refused(str(error), []), None, True, None, None
        with server.app_context():
            token = _stage(server, content)
            set_progress((50, "Detecting columns…"))
            block, ok, shown = build_preview(server, content, filename or "upload.csv", None)
        set_progress((100, "Ready"))
        staged = {
            "token": token,
            "filename": filename or "upload.csv",
            "mapping": shown,
            "sheet": None,
        }
        return block, staged, not ok, None, None

    @app.callback(
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Output(Shell.STAGED, "data", allow_duplicate=True),
        Input({"type": Shell.MAPPING, "header": ALL}, "value"),
        State({"type": Shell.MAPPING, "header": ALL}, "id"),
        State(Shell.STAGED, "data"),
        prevent_initial_call=True,
    )
    def remap(
        values: list[str | None], ids: list[dict[str, str]], staged: dict[str, Any] | None
    ) -> tuple[Any, Any, Any]:
        """Re-parse with the user's mapping so counts and sample follow each change.

        Dash also calls this when a new preview inserts its dropdowns (the set of ``ALL`` ids
        changed): their values are then the mapping just shown, and re-parsing would only
        drop the "remembered mapping" note, so nothing happens.
        """
        if not staged or not ids or ctx.triggered_id is None:
            return no_update, no_update, no_update
        mapping = _mapping_from(values, ids)
        if mapping == staged.get("mapping"):
            return no_update, no_update, no_update
        content = _staged(server, staged["token"])
        if content is None:
            expired = import_preview.refused("The dropped file expired; drop it again.", [])
            return expired, True, no_update
        block, ok, shown = build_preview(
            server, content, staged["filename"], mapping, staged.get("sheet")
        )
        return block, not ok, {**staged, "mapping": shown}

    @app.callback(
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Output(Shell.STAGED, "data", allow_duplicate=True),
        Input({"type": Shell.SHEET, "index": ALL}, "value"),
        State(Shell.STAGED, "data"),
        prevent_initial_call=True,
    )
    def choose_sheet(values: list[str | None], staged: dict[str, Any] | None) -> tuple:
        """Another worksheet of a workbook: detect its columns afresh."""
        if not staged or not values or not values[0] or values[0] == staged.get("sheet"):
            return no_update, no_update, no_update
        content = _staged(server, staged["token"])
        if content is None:
            expired = import_preview.refused("The dropped file expired; drop it again.", [])
            return expired, True, no_update
        block, ok, shown = build_preview(server, content, staged["filename"], None, values[0])
        return block, not ok, {**staged, "mapping": shown, "sheet": values[0]}

    @app.callback(
        Output(Shell.RESULT, "children"),
        Output(Shell.DATA_VERSION, "data"),
        Output(Shell.REJECTED_BUTTON, "style"),
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Input(Shell.CONFIRM, "n_clicks"),
        State({"type": Shell.MAPPING, "header": ALL}, "value"),
        State({"type": Shell.MAPPING, "header": ALL}, "id"),
        State(Shell.STAGED, "data"),
        background=True,
        running=[
            (Output(Shell.CONFIRM, "disabled"), True, True),
            (Output(Shell.PROGRESS, "style"), {"visibility": "visible"}, {"visibility": "hidden"}),
        ],
        progress=[Output(Shell.PROGRESS, "value"), Output(Shell.PROGRESS, "label")],
        prevent_initial_call=True,
    )
    def confirm_import(
        set_progress: Any,
        _clicks: int | None,
        values: list[str | None],
        ids: list[dict[str, str]],
        staged: dict[str, str] | None,
    ) -> tuple:
        """Write the import (one transaction) with the mapping shown in the dialog."""
        if not staged:
            return no_update, no_update, no_update, no_update, True
        set_progress((30, "Importing…"))
        with server.app_context():
            engine = _ctx(server)["engine"]
            engine.dispose(close=False)  # never reuse the parent's pooled connections
            content = _staged(server, staged["token"])
            if content is None:
                return (
                    dbc.Alert("The dropped file expired; drop it again.", color="warning"),
                    no_update,
                    {"display": "none"},
                    None,
                    True,
                )
            outcome = import_file(
                engine,
                content,
                staged["filename"],
                _mapping_from(values, ids) if ids else None,
                staged.get("sheet"),
            )
            if outcome.created and outcome.import_id is not None:
                set_progress((85, "Preparing the dashboard…"))
                _ctx(server)["service"].warm(outcome.import_id)
        set_progress((100, "Done"))
        return (*_outcome_message(outcome), None, True)

    @app.callback(
        Output(Shell.REJECTED_DOWNLOAD, "data"),
        Input(Shell.REJECTED_BUTTON, "n_clicks"),
        State({"type": Shell.MAPPING, "header": ALL}, "value"),
        State({"type": Shell.MAPPING, "header": ALL}, "id"),
        State(Shell.STAGED, "data"),
        prevent_initial_call=True,
    )
    def download_rejected(
        _clicks: int | None,
        values: list[str | None],
        ids: list[dict[str, str]],
        staged: dict[str, str] | None,
    ) -> Any:
        """The rejected rows as a CSV with a reason column."""
        if not staged:
            return no_update
        content = _staged(server, staged["token"])
        if content is None:
            return no_update
        parsed, _ = parse_with_memory(
            _ctx(server)["engine"],
            content,
            staged["filename"],
            _mapping_from(values, ids) if ids else None,
            staged.get("sheet"),
        )
        name = staged["filename"].rsplit(".", 1)[0] + "-rejected.csv"
        return {
            "content": base64.b64encode(parsed.rejected_csv()).decode(),
            "filename": name,
            "base64": True,
            "type": "text/csv",
        }

    @app.callback(
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Output(Home.EMPTY, "children"),
        Input(Home.LOAD_SAMPLE, "n_clicks"),
        prevent_initial_call=True,
    )
    def load_sample(_clicks: int | None) -> tuple[Any, Any]:
        """One click to a full dashboard: the sample goes through the same import path."""
        if not _clicks:  # the button is re-created with each empty page: not a click
            return no_update, no_update
        engine = _ctx(server)["engine"]
        outcome = import_file(engine, sample_csv_bytes(date.today()), "sample-deals.csv")
        message, version, _style = _outcome_message(outcome)
        return version, message


def _outcome_message(outcome: Any) -> tuple[Any, Any, dict[str, str]]:
    """Result alert, new data version (or no_update) and the rejected-rows button style."""
    from flask import current_app

    engine = current_app.extensions["crm"]["engine"]
    hidden = {"display": "none"}
    if outcome.refused:
        return dbc.Alert(outcome.refused, color="danger", id="import-outcome"), no_update, hidden
    if outcome.already_imported:
        return (
            dbc.Alert(
                f"Already imported (import #{outcome.import_id}): nothing changed.",
                color="info",
                id="import-outcome",
            ),
            no_update,
            hidden,
        )
    summary = outcome.summary
    text = (
        f"Imported {summary.get('rows_imported', 0)} deals as import #{outcome.import_id}"
        f" · {summary.get('rows_rejected', 0)} rejected"
        f" · {len(summary.get('warnings', []))} warnings."
    )
    style = {} if summary.get("rows_rejected") else hidden
    return (
        dbc.Alert([html.Strong("Done. "), text], color="success", id="import-outcome"),
        store.data_version(engine),
        style,
    )
