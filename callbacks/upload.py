"""Import dialog: drop → preview (bounded sample) → edit mapping → confirm (background) → done.

The callbacks only wire the dialog to :class:`data.import_session.ImportSession`: the dropped
bytes are staged on disk under their SHA-256 (``data.staging``), so any worker can preview or
confirm what another one received. The browser refuses a file above the size limit before
sending it (a clientside check), and the server checks again. Previewing and importing run as
background callbacks; a new drop or closing the dialog cancels the running job.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask import Flask

from callbacks import write_door
from callbacks.jobs import run_job
from data.import_session import ImportOutcome, ImportSession, Preview, rejected_csv
from data.ingest import ImportRefused, mapping_choices
from data.sample import load_sample_history
from data.staging import StagedFile, UploadTooLarge, artefact_path, find_staged, stage_bytes
from data.texts import Text
from layouts import import_preview
from layouts.formatting import Formatter
from layouts.i18n import N_, localise
from layouts.ids import Home, Shell

IGNORE = "__ignore__"
HIDDEN = {"display": "none"}
SHOWN: dict[str, str] = {}
_EXPIRED = N_("The dropped file expired; drop it again.")

_CHECK_SIZE_JS = """
function (contents, filenames, limits) {
    const noUpdate = window.dash_clientside.no_update;
    if (!contents || !contents.length) { return [noUpdate, noUpdate, noUpdate]; }
    const list = Array.isArray(contents) ? contents : [contents];
    const names = Array.isArray(filenames) ? filenames : [filenames];
    const limit = (limits || {}).limit;
    const mb = (n) => String(Number((n / 1048576).toPrecision(3)));
    const fill = (template, values) => template.replace(
        /\\{(\\w+)\\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
    let total = 0;
    for (let i = 0; i < list.length; i++) {
        const comma = list[i].indexOf(",");
        const bytes = Math.floor((list[i].length - comma - 1) * 3 / 4);
        total += bytes;
        if (limit && bytes > limit) {
            const message = fill(limits.one, {file: names[i] || limits.unnamed,
                                              size: mb(bytes), limit: mb(limit)});
            return [noUpdate, message, null];
        }
    }
    if (limit && total > limit) {
        const message = fill(limits.many, {n: list.length, size: mb(total), limit: mb(limit)});
        return [noUpdate, message, null];
    }
    const files = list.map((c, i) => ({contents: c, filename: names[i]}));
    return [{files: files}, "", null];
}
"""
#: The browser's size messages: the same catalogue entries the server's check uses.
_TOO_LARGE_ONE = N_("{file} is {size} MB, above the {limit} MB upload limit. Export fewer "
                    "columns or a shorter period, or compress it as .csv.gz (the administrator "
                    "can raise MAX_UPLOAD_MB).")
_TOO_LARGE_MANY = N_("These {n} files are {size} MB together, above the {limit} MB upload "
                     "limit. Export fewer columns or a shorter period, or compress them as "
                     ".csv.gz (the administrator can raise MAX_UPLOAD_MB).")


def upload_limits(lang: str | None) -> dict[str, Any]:
    """What the browser's size check needs: the limit (bytes) and its messages in ``lang``
    (templates it fills with the file's name and sizes).
    """
    fmt = Formatter(lang or "en")
    return {"limit": write_door.upload_limit(), "one": fmt._(_TOO_LARGE_ONE),
            "many": fmt._(_TOO_LARGE_MANY), "unnamed": fmt._("This file")}


def decode_upload(contents: str) -> bytes:
    """Bytes of a ``dcc.Upload`` data URL; ValueError with a clear message when malformed."""
    try:
        _, encoded = contents.split(",", 1)
        return base64.b64decode(encoded, validate=False)
    except (ValueError, binascii.Error) as error:
        raise ValueError(
            N_("The browser sent a file the app could not read; try again.")) from error


def stage_upload(contents: str, filename: str) -> StagedFile:
    """Decode a data URL and stage its bytes on disk (within the size limit).

    Raises:
        ValueError: a malformed upload; ``UploadTooLarge`` (a ValueError) above the limit.
    """
    limit = write_door.upload_limit()
    if (len(contents) - contents.find(",") - 1) * 3 // 4 > limit + 3:
        raise UploadTooLarge(filename, (len(contents) - contents.find(",") - 1) * 3 // 4, limit)
    return stage_bytes(write_door.upload_dir(), decode_upload(contents), filename, limit)


def stage_uploads(files: list[dict[str, str]]) -> list[StagedFile]:
    """Stage every dropped file: each within the size limit, and all of them together.

    Raises:
        ValueError: a malformed upload, or ``UploadTooLarge`` (a ValueError) above the limit.
    """
    staged = [stage_upload(f["contents"], f.get("filename") or "upload.csv") for f in files]
    limit = write_door.upload_limit()
    total = sum(s.size for s in staged)
    if len(staged) > 1 and total > limit:
        raise ValueError(Text(_TOO_LARGE_MANY,
            n=len(staged), size=f"{total / 2**20:.3g}", limit=f"{limit / 2**20:.3g}"))
    return staged


def dialog_state(files: list[StagedFile], mapping: dict[str, str | None] | None) -> dict[str, Any]:
    """What the dialog keeps between callbacks: each staged file's token and name."""
    return {
        "files": [{"token": f.checksum, "filename": f.filename} for f in files],
        "filename": " + ".join(f.filename for f in files),
        "mapping": mapping,
        "sheet": None,
    }


def staged_files(staged: dict[str, Any] | None) -> list[StagedFile] | None:
    """The staged files a dialog state names (None when absent or when one expired)."""
    if not staged or not staged.get("files"):
        return None
    found = [find_staged(write_door.upload_dir(), f.get("token", ""), f.get("filename", ""))
             for f in staged["files"]]
    return [f for f in found if f is not None] if all(found) else None


def staged_file(staged: dict[str, Any] | None) -> StagedFile | None:
    """The first staged file of a dialog state (where the import's artefacts are kept)."""
    found = staged_files(staged)
    return found[0] if found else None


def _mapping_from(values: list[str | None], ids: list[dict[str, str]]) -> dict[str, str | None]:
    return {
        i["header"]: (None if v in (None, IGNORE) else v) for i, v in zip(ids, values, strict=True)
    }


def apply_proposal(
    ids: list[dict[str, str]], values: list[str | None], header: str, field: str
) -> list[str | None]:
    """The dropdown values with ``header`` set to ``field``.

    A column that held ``field`` is set to ignore (one column per field, as the import does).

    Raises:
        PreventUpdate: the column is not in the editor (the preview changed meanwhile).
    """
    headers = [i["header"] for i in ids]
    if header not in headers:
        raise PreventUpdate
    return [field if h == header else (IGNORE if v == field else v)
            for h, v in zip(headers, values, strict=True)]


def _sample_rows(preview: Preview) -> list[dict[str, Any]]:
    head = preview.parsed.deals.head(6)
    sample = head.astype(object).where(head.notna(), None)
    return [
        {k: (v.date().isoformat() if hasattr(v, "date") else v) for k, v in r.items()}
        for r in sample.to_dict("records")
    ]


def render_preview(
    session: ImportSession, mapping: dict[str, str | None] | None, sheet: str | None = None,
    fmt: Formatter | None = None,
) -> tuple[Any, bool, dict[str, str | None] | None]:
    """Preview components, whether the file can be imported, and the mapping shown.

    The mapping shown (``None`` for a refused file) lets :func:`remap` tell a real edit from
    the call Dash makes when the preview inserts a new set of mapping dropdowns.
    """
    try:
        preview = session.preview(mapping, sheet)
    except ImportRefused as refused:
        editor = refused.preview
        block = import_preview.refused(refused.message, [i.as_dict() for i in refused.issues],
                                       editor, mapping_choices(), fmt)
        return block, False, dict(editor["mapping"]) if editor else None
    parsed = preview.parsed
    block = import_preview.preview(
        parsed.summary(), _sample_rows(preview), mapping_choices(), preview.identical,
        preview.remembered, preview.other_versions, preview.complete, preview.size, fmt,
    )
    ok = preview.identical is None and len(parsed.deals) > 0
    return block, ok, dict(parsed.mapping)


def build_preview(
    server: Flask,
    content: bytes,
    filename: str,
    mapping: dict[str, str | None] | None,
    sheet: str | None = None,
) -> tuple[Any, bool, dict[str, str | None] | None]:
    """Stage ``content`` and render its preview (what a drop does; for plain-function tests)."""
    return build_previews(server, [(content, filename)], mapping, sheet)


def build_previews(
    server: Flask,
    files: list[tuple[bytes, str]],
    mapping: dict[str, str | None] | None,
    sheet: str | None = None,
) -> tuple[Any, bool, dict[str, str | None] | None]:
    """Stage several files and render the preview of their one session (a multi-file drop)."""
    with server.app_context():
        staged = [stage_bytes(write_door.upload_dir(), content, name, write_door.upload_limit())
                  for content, name in files]
        return render_preview(write_door.open_session(staged), mapping, sheet)


def outcome_message(outcome: ImportOutcome,
                    fmt: Formatter | None = None) -> tuple[Any, Any, dict[str, str]]:
    """Result alert, new data version (or no_update) and the rejected-rows button style."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if outcome.refused:
        return import_preview.outcome_alert("refused", outcome.refused, fmt=fmt), no_update, HIDDEN
    if outcome.needs_choice:
        listed = ", ".join(f"#{i}" for i in outcome.needs_choice)
        text = fmt._("This file was already imported with another column mapping (import "
                     "{ids}): choose above whether to import it as a new version or to replace "
                     "it.", ids=listed)
        return import_preview.outcome_alert("choose", text, fmt=fmt), no_update, HIDDEN
    if outcome.already_imported:
        text = fmt._("Already imported (import #{id}): nothing changed.", id=outcome.import_id)
        return import_preview.outcome_alert("already", text, fmt=fmt), no_update, HIDDEN
    summary = outcome.summary
    replaced = (fmt._(" (replacing import #{id})", id=outcome.replaced) if outcome.replaced
                else "")
    text = fmt._("Imported {n} deals as import #{id}{replaced} · {rejected} rejected · "
                 "{warnings} warnings.", n=fmt.number(summary.get("rows_imported", 0)),
                 id=outcome.import_id, replaced=replaced,
                 rejected=fmt.number(summary.get("rows_rejected", 0)),
                 warnings=fmt.number(len(summary.get("warnings", []))))
    style = SHOWN if summary.get("rows_rejected") else HIDDEN
    version = outcome.data_version if outcome.data_version is not None else no_update
    return import_preview.outcome_alert("done", text, fmt=fmt), version, style


def _confirm(set_progress: Any, values: list[str | None], ids: list[dict[str, str]],
             reimport: list[str | None], staged: dict[str, Any],
             fmt: Formatter) -> tuple[Any, ...]:
    """The import job's body: parse the whole file and write it with the mapping shown."""
    found = staged_files(staged)
    if found is None:
        alert = import_preview.outcome_alert("refused", _EXPIRED, fmt=fmt)
        return alert, no_update, HIDDEN, None, True, HIDDEN, SHOWN, None
    session = write_door.open_session(found)
    choice = reimport[0] if reimport and reimport[0] else "ask"
    mapping = _mapping_from(values, ids) if ids else None
    outcome = session.confirm(
        mapping,
        staged.get("sheet"),
        reimport=choice,  # type: ignore[arg-type]
        progress=lambda percent, label: set_progress((percent, localise(fmt, label))),
    )
    if outcome.needs_choice or outcome.refused:
        message, _version, _style = outcome_message(outcome, fmt)
        return message, no_update, HIDDEN, no_update, False, HIDDEN, HIDDEN, no_update
    state = dict(staged)
    if outcome.summary.get("rows_rejected"):
        parsed = session.parse(mapping, staged.get("sheet"))  # the confirmed parse, kept
        artefact = artefact_path(found[0], f"{outcome.import_id}.rejected.csv")
        artefact.write_bytes(rejected_csv(parsed, lambda text: localise(fmt, text)))
        state["rejected"] = artefact.name
        state["rejected_of"] = (parsed.join or {}).get("deals_file") or found[0].filename
    if outcome.created and outcome.import_id is not None:
        set_progress((100, fmt._("Preparing the dashboard…")))
        write_door.warm(outcome.import_id)
    message, version, style = outcome_message(outcome, fmt)
    return message, version, style, None, True, SHOWN, SHOWN, state


def register(app: Dash) -> None:
    """Register the import-dialog callbacks on ``app``."""
    server = app.server

    @app.callback(
        Output(Shell.MODAL, "is_open"),
        Input(Shell.OPEN_IMPORT, "n_clicks"),
        Input(Shell.CANCEL, "n_clicks"),
        Input(Shell.OPEN_DASHBOARD, "n_clicks"),
        prevent_initial_call=True,
    )
    def toggle_modal(_open: int | None, _cancel: int | None, _dashboard: int | None) -> bool:
        """Open with the navbar button; close with Cancel or "Open the dashboard"."""
        return bool(ctx.triggered_id == Shell.OPEN_IMPORT)

    @app.callback(
        Output(Shell.UPLOAD_LIMIT, "data"),
        Input(Shell.MODAL, "is_open"),
        State(Shell.LANG_SHOWN, "data"),
    )
    def upload_limit(_is_open: bool | None, lang: str | None = None) -> dict[str, Any]:
        """The size limit and its messages for the browser's check (also what cancels jobs
        on close).
        """
        return upload_limits(lang)

    app.clientside_callback(  # type: ignore[no-untyped-call]  # untyped in Dash
        _CHECK_SIZE_JS,
        Output(Shell.UPLOADED, "data"),
        Output(Shell.UPLOAD_ERROR, "children"),
        Output(Shell.UPLOAD, "contents"),
        Input(Shell.UPLOAD, "contents"),
        State(Shell.UPLOAD, "filename"),
        State(Shell.UPLOAD_LIMIT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(Shell.PREVIEW, "children"),
        Output(Shell.STAGED, "data"),
        Output(Shell.CONFIRM, "disabled"),
        Output(Shell.RESULT, "children", allow_duplicate=True),
        Output(Shell.REJECTED_BUTTON, "style", allow_duplicate=True),
        Output(Shell.OPEN_DASHBOARD, "style", allow_duplicate=True),
        Output(Shell.IMPORT_ANOTHER, "style", allow_duplicate=True),
        Output(Shell.UPLOAD_ERROR, "children", allow_duplicate=True),
        Input(Shell.UPLOADED, "data"),
        State(Shell.LANG_SHOWN, "data"),
        background=True,
        running=[
            (Output(Shell.PROGRESS, "style"), {"visibility": "visible"}, {"visibility": "hidden"})
        ],
        progress=[Output(Shell.PROGRESS, "value"), Output(Shell.PROGRESS, "label")],
        cancel=[Input(Shell.MODAL, "is_open")],
        prevent_initial_call=True,
    )
    def preview_upload(set_progress: Any, uploaded: dict[str, Any] | None,
                       lang: str | None = None) -> tuple[Any, ...]:
        """Stage the dropped file(s) on disk and show what would be imported.

        Several files dropped at once open one session: the deals file with the related
        exports joined onto it. A drop while an earlier one is still being read cancels the
        earlier job (Dash ends the previous run of a background callback), and so does closing
        the dialog.
        """
        files = [f for f in (uploaded or {}).get("files") or [] if f.get("contents")]
        if not files:
            raise PreventUpdate
        fmt = Formatter(lang or "en")
        set_progress((20, fmt._("Reading file…") if len(files) == 1
                      else fmt._("Reading {n} files…", n=len(files))))

        def refused(text: str) -> tuple[Any, ...]:
            block = import_preview.refused(text, [], fmt=fmt)
            return block, None, True, None, HIDDEN, HIDDEN, HIDDEN, ""

        def preview() -> tuple[Any, ...]:
            try:
                staged = stage_uploads(files)
            except ValueError as error:
                return refused(error.args[0] if error.args else str(error))  # a Text stays one
            set_progress((50, fmt._("Detecting columns…") if len(files) == 1
                          else fmt._("Detecting columns and joining the files…")))
            block, ok, shown = render_preview(write_door.open_session(staged), None, fmt=fmt)
            set_progress((100, fmt._("Ready")))
            return block, dialog_state(staged, shown), not ok, None, HIDDEN, HIDDEN, HIDDEN, ""

        return run_job(server, preview, refused, what="upload preview",
                       message=fmt._("The file could not be read; the error was logged on the "
                                     "server."))

    @app.callback(
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Output(Shell.STAGED, "data", allow_duplicate=True),
        Input({"type": Shell.MAPPING, "header": ALL}, "value"),
        State({"type": Shell.MAPPING, "header": ALL}, "id"),
        State(Shell.STAGED, "data"),
        State(Shell.LANG_SHOWN, "data"),
        prevent_initial_call=True,
    )
    def remap(
        values: list[str | None], ids: list[dict[str, str]], staged: dict[str, Any] | None,
        lang: str | None = None,
    ) -> tuple[Any, Any, Any]:
        """Preview again with the user's mapping so counts and sample follow each change.

        Dash also calls this when a new preview inserts its dropdowns (the set of ``ALL`` ids
        changed): their values are then the mapping just shown, and nothing happens.
        """
        if not staged or not ids or ctx.triggered_id is None:
            return no_update, no_update, no_update
        mapping = _mapping_from(values, ids)
        if mapping == staged.get("mapping"):
            return no_update, no_update, no_update
        fmt = Formatter(lang or "en")
        found = staged_files(staged)
        if found is None:
            return import_preview.refused(_EXPIRED, [], fmt=fmt), True, no_update
        session = write_door.open_session(found)
        block, ok, shown = render_preview(session, mapping, staged.get("sheet"), fmt)
        return block, not ok, {**staged, "mapping": shown}

    @app.callback(
        Output({"type": Shell.MAPPING, "header": ALL}, "value"),
        Input({"type": Shell.PROPOSAL, "header": ALL, "field": ALL}, "n_clicks"),
        State({"type": Shell.MAPPING, "header": ALL}, "id"),
        State({"type": Shell.MAPPING, "header": ALL}, "value"),
        prevent_initial_call=True,
    )
    def use_proposal(
        clicks: list[int | None], ids: list[dict[str, str]], values: list[str | None]
    ) -> list[str | None]:
        """"Use it" on a suggestion sets that column's dropdown (the preview then follows)."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not any(clicks) or not ctx.triggered[0]["value"]:
            raise PreventUpdate
        return apply_proposal(ids, values, trigger["header"], trigger["field"])

    @app.callback(
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Output(Shell.STAGED, "data", allow_duplicate=True),
        Input({"type": Shell.SHEET, "index": ALL}, "value"),
        State(Shell.STAGED, "data"),
        State(Shell.LANG_SHOWN, "data"),
        prevent_initial_call=True,
    )
    def choose_sheet(values: list[str | None], staged: dict[str, Any] | None,
                     lang: str | None = None) -> tuple[Any, ...]:
        """Another worksheet of a workbook: detect its columns afresh."""
        if not staged or not values or not values[0] or values[0] == staged.get("sheet"):
            return no_update, no_update, no_update
        fmt = Formatter(lang or "en")
        found = staged_files(staged)
        if found is None:
            return import_preview.refused(_EXPIRED, [], fmt=fmt), True, no_update
        block, ok, shown = render_preview(write_door.open_session(found), None, values[0], fmt)
        return block, not ok, {**staged, "mapping": shown, "sheet": values[0]}

    @app.callback(
        Output(Shell.RESULT, "children"),
        Output(Shell.DATA_VERSION, "data"),
        Output(Shell.REJECTED_BUTTON, "style"),
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Output(Shell.OPEN_DASHBOARD, "style"),
        Output(Shell.IMPORT_ANOTHER, "style"),
        Output(Shell.STAGED, "data", allow_duplicate=True),
        Input(Shell.CONFIRM, "n_clicks"),
        State({"type": Shell.MAPPING, "header": ALL}, "value"),
        State({"type": Shell.MAPPING, "header": ALL}, "id"),
        State({"type": Shell.REIMPORT, "index": ALL}, "value"),
        State(Shell.STAGED, "data"),
        State(Shell.LANG_SHOWN, "data"),
        background=True,
        running=[
            (Output(Shell.CONFIRM, "disabled"), True, True),
            (Output(Shell.PROGRESS, "style"), {"visibility": "visible"}, {"visibility": "hidden"}),
        ],
        progress=[Output(Shell.PROGRESS, "value"), Output(Shell.PROGRESS, "label")],
        cancel=[Input(Shell.MODAL, "is_open")],
        prevent_initial_call=True,
    )
    def confirm_import(
        set_progress: Any,
        _clicks: int | None,
        values: list[str | None],
        ids: list[dict[str, str]],
        reimport: list[str | None],
        staged: dict[str, Any] | None,
        lang: str | None = None,
    ) -> tuple[Any, ...]:
        """Parse the whole file and write it (one transaction) with the mapping shown.

        Closing the dialog cancels the job; the import is then not written at all.
        """
        if not staged:
            raise PreventUpdate
        fmt = Formatter(lang or "en")
        return run_job(
            server, lambda: _confirm(set_progress, values, ids, reimport, staged, fmt),
            lambda text: (import_preview.outcome_alert("refused", text, fmt=fmt), no_update,
                          HIDDEN, no_update, False, HIDDEN, HIDDEN, no_update),
            what="import",
            message=fmt._("The import could not be finished; the error was logged on the "
                          "server."))

    @app.callback(
        Output(Shell.REJECTED_DOWNLOAD, "data"),
        Input(Shell.REJECTED_BUTTON, "n_clicks"),
        State(Shell.STAGED, "data"),
        prevent_initial_call=True,
    )
    def download_rejected(_clicks: int | None, staged: dict[str, Any] | None) -> Any:
        """The rejected rows of the import just made, as a spreadsheet-safe CSV."""
        return rejected_download(staged)

    @app.callback(
        Output(Shell.PREVIEW, "children", allow_duplicate=True),
        Output(Shell.RESULT, "children", allow_duplicate=True),
        Output(Shell.STAGED, "data", allow_duplicate=True),
        Output(Shell.CONFIRM, "disabled", allow_duplicate=True),
        Output(Shell.REJECTED_BUTTON, "style", allow_duplicate=True),
        Output(Shell.OPEN_DASHBOARD, "style", allow_duplicate=True),
        Output(Shell.IMPORT_ANOTHER, "style", allow_duplicate=True),
        Output(Shell.UPLOAD_ERROR, "children", allow_duplicate=True),
        Input(Shell.IMPORT_ANOTHER, "n_clicks"),
        Input(Shell.OPEN_IMPORT, "n_clicks"),
        prevent_initial_call=True,
    )
    def reset_dialog(_another: int | None, _open: int | None) -> tuple[Any, ...]:
        """A fresh dialog: for "Import another file", and each time it is opened."""
        return None, None, None, True, HIDDEN, HIDDEN, HIDDEN, ""

    @app.callback(
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Output(Home.EMPTY, "children"),
        Input(Home.LOAD_SAMPLE, "n_clicks"),
        State(Shell.LANG_SHOWN, "data"),
        running=[(Output(Home.LOAD_SAMPLE, "disabled"), True, False)],
        prevent_initial_call=True,
    )
    def load_sample(_clicks: int | None, lang: str | None = None) -> tuple[Any, Any]:
        """One click to a full dashboard: the sample's snapshots go through the import path.

        Several snapshots of one pipeline (``data.sample.HISTORY_DAYS``), oldest first, so the
        pages built on a dataset's history (Trends, backtest) have something to show.
        """
        if not _clicks:  # the button is re-created with each empty page: not a click
            return no_update, no_update
        load = load_sample_history(write_door.import_bytes, date.today())
        if load.failed is not None:
            message, version, _style = outcome_message(load.failed, Formatter(lang or "en"))
            return (load.data_version if load.data_version is not None else version), message
        kind = "done" if load.data_version is not None else "already"
        version = load.data_version if load.data_version is not None else no_update
        return version, import_preview.outcome_alert(kind, load.message,
                                                     fmt=Formatter(lang or "en"))


def rejected_download(staged: dict[str, Any] | None) -> dict[str, Any]:
    """The ``dcc.Download`` payload of the rejected rows written at confirm.

    Raises:
        PreventUpdate: nothing was imported with rejections in this dialog.
    """
    found = staged_file(staged)
    if found is None or not staged or not staged.get("rejected"):
        raise PreventUpdate
    path = found.path.with_name(staged["rejected"])
    if path.parent != found.path.parent or not path.is_file():
        raise PreventUpdate
    of = staged.get("rejected_of") or found.filename
    name = of.rsplit(".", 1)[0] + "-rejected.csv"
    return {
        "content": base64.b64encode(path.read_bytes()).decode(),
        "filename": name,
        "base64": True,
        "type": "text/csv",
    }

