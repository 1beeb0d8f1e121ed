"""Settings page: stage probabilities/order, thresholds, imports (delete → confirm → undo)."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from callbacks import write_door
from callbacks.context import (
    as_of,
    data_version,
    formatter,
    manager,
    state_from_search,
    stored_settings,
    user_lang,
)
from data import history
from data.pagedata import settings as settings_data
from data.stages import is_valid_probability
from layouts import settings as settings_layout
from layouts.formatting import Formatter
from layouts.i18n import localise
from layouts.ids import Settings, Shell

_HIDDEN = {"display": "none"}
_SHOWN = {"display": "inline"}


def render_settings(search: str | None) -> tuple[list[dict[str, Any]], Any]:
    """Stage rows and the imports table for the current import (plain function for tests)."""
    state = state_from_search(search)
    svc, version = manager(), data_version()
    data = svc.aggregates(version, "settings", state, as_of(state), settings_data.build)
    imports = [i.__dict__ | {"imported_at": i.imported_at.isoformat()}
               for i in svc.imports(version)]
    deleted = [{"id": i, "filename": name, "deleted_at": when.isoformat()}
               for i, name, when in svc.deleted_imports()]
    datasets = {d.id: d.name for d in svc.datasets(version)}
    fmt = formatter(state)
    stages = settings_layout.stage_rows(data.stages, fmt) if data else []
    return stages, settings_layout.imports_table(imports, fmt, deleted, datasets)


def save_stages(rows: list[dict[str, Any]], fmt: Formatter | None = None) -> str:
    """Store edited probabilities (percent → ratio) and positions of open stages."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    ordered = sorted(
        (r for r in rows if r["status"] == "open"),
        key=lambda r: (r.get("position") is None, r.get("position") or 0),
    )
    changes = []
    for position, row in enumerate(ordered):
        value = row.get("probability")
        probability = None if value in (None, "") else float(value) / 100
        if not is_valid_probability(probability):
            return fmt._("“{stage}”: probability must be between 0 and 100 %. Nothing saved.",
                          stage=row["stage"])
        changes.append((row["stage"], probability, position))
    write_door.set_stage_settings(changes)
    return fmt._("Saved: every weighted figure now uses these probabilities.")


def thresholds() -> dict[str, float]:
    """The editable thresholds: stored values, else the environment's (COLD_DAYS), else built-in."""
    return stored_settings()


def save_thresholds(cold_days: Any, purge_days: Any, fmt: Formatter | None = None) -> str:
    """Validate and store the thresholds (all or nothing); the message says what happened."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    try:
        values: dict[str, float | None] = {"cold_days": float(cold_days),
                                           "purge_after_days": float(purge_days)}
    except (TypeError, ValueError):
        return fmt._("Nothing saved: enter whole numbers of days.")
    try:
        write_door.save_settings(values)
    except ValueError as error:
        return fmt._("Nothing saved: {error}.", error=localise(fmt, _said(error)))
    return fmt._("Saved: cold deals and the undo delay now use these thresholds.")


def _said(error: Exception) -> str:
    """An error's message as raised: a ``data.texts.Text`` keeps its id (``str()`` would not)."""
    return error.args[0] if error.args and isinstance(error.args[0], str) else str(error)


def move_import(import_id: int, target: int | None,
                fmt: Formatter | None = None) -> tuple[Any, Any]:
    """Move an import to dataset ``target`` (0: a new one); (message, data version)."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    if target is None or history.dataset_of(manager().reader, import_id) == target:
        return no_update, no_update  # the table was (re)rendered, nothing chosen
    try:
        dataset, version = write_door.move_to_dataset(import_id, int(target) or None)
    except ValueError as error:
        return fmt._("Not moved: {error}.", error=localise(fmt, _said(error))), no_update
    return fmt._("Import #{id} is now in dataset #{dataset}.", id=import_id,
                  dataset=dataset), version


def deletion_prompt(import_id: int, fmt: Formatter | None = None) -> str:
    """What the confirmation dialog says about one import."""
    fmt = fmt or Formatter("en")  # no language given: the message ids
    info = next((i for i in manager().imports(data_version()) if i.id == import_id), None)
    name = f"#{import_id} {info.filename}" if info else f"#{import_id}"
    days = int(thresholds()["purge_after_days"])
    return fmt.ngettext(
        "Import {name} will disappear from every page. You can undo this for {n} day; after "
        "that it is removed for good.",
        "Import {name} will disappear from every page. You can undo this for {n} days; after "
        "that it is removed for good.", days, name=name)


def register(app: Dash) -> None:
    """Register the Settings callbacks on ``app``."""

    @app.callback(
        Output(Settings.STAGES, "rowData"),
        Output(Settings.IMPORTS, "children"),
        Input(Shell.URL, "search"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill_settings(search: str | None, _version: int) -> tuple[Any, ...]:
        """Stage table and imports list from the database."""
        return render_settings(search)

    @app.callback(
        Output(Settings.COLD_DAYS, "value"),
        Output(Settings.PURGE_DAYS, "value"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill_thresholds(_version: int) -> tuple[int, int]:
        """The thresholds as stored (or their defaults)."""
        values = thresholds()
        return int(values["cold_days"]), int(values["purge_after_days"])

    @app.callback(
        Output(Settings.THRESHOLDS_SAVED, "children"),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Settings.SAVE_THRESHOLDS, "n_clicks"),
        State(Settings.COLD_DAYS, "value"),
        State(Settings.PURGE_DAYS, "value"),
        prevent_initial_call=True,
    )
    def save_threshold_values(clicks: int | None, cold: Any, purge: Any) -> tuple[Any, ...]:
        """Store the thresholds; the data version moves so every figure follows."""
        if not clicks:
            return no_update, no_update
        message = save_thresholds(cold, purge, Formatter(user_lang()))
        return message, manager().version()

    @app.callback(
        Output(Settings.SAVED, "children"),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Settings.SAVE, "n_clicks"),
        Input(Settings.RESET, "n_clicks"),
        State(Settings.STAGES, "virtualRowData"),
        State(Settings.STAGES, "rowData"),
        prevent_initial_call=True,
    )
    def save(
        _save: int | None, _reset: int | None, edited: list[dict[str, Any]] | None,
        rows: list[dict[str, Any]] | None,
    ) -> tuple[Any, ...]:
        """Persist the stage table (or go back to defaults) and bump the data version."""
        trigger = ctx.triggered_id
        if (trigger == Settings.SAVE and not _save) or (trigger == Settings.RESET and not _reset):
            return no_update, no_update  # the buttons were (re)rendered, not clicked
        if trigger == Settings.RESET:
            return (Formatter(user_lang())._("Back to the built-in defaults."),
                    write_door.reset_stage_settings())
        # the grid's rows after its edits
        message = save_stages(edited or rows or [], Formatter(user_lang()))
        return message, manager().version()

    @app.callback(
        Output(Settings.CONFIRM, "is_open"),
        Output(Settings.CONFIRM_TEXT, "children"),
        Output(Settings.PENDING, "data"),
        Output(Settings.LAST_DELETED, "data"),
        Output(Settings.DELETED_MESSAGE, "children"),
        Output(Settings.UNDO, "style"),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input({"type": Settings.DELETE, "import": ALL}, "n_clicks"),
        Input(Settings.CONFIRM_YES, "n_clicks"),
        Input(Settings.CONFIRM_NO, "n_clicks"),
        State(Settings.PENDING, "data"),
        prevent_initial_call=True,
    )
    def delete(_clicks: list[int | None], yes: int | None, no: int | None,
               pending: int | None) -> tuple[Any, ...]:
        """Delete asks first; confirmed, the import is hidden at once and can be undone."""
        trigger = ctx.triggered_id
        fmt = Formatter(user_lang())
        if not trigger or not ctx.triggered[0]["value"]:
            return (no_update,) * 7  # buttons re-rendered with the table, not clicked
        if isinstance(trigger, dict):  # a Delete button: ask
            import_id = int(trigger["import"])
            return True, deletion_prompt(import_id, fmt), import_id, *(no_update,) * 4
        if trigger == Settings.CONFIRM_NO or pending is None:
            return False, no_update, None, *(no_update,) * 4
        try:
            version = write_door.delete_import(int(pending))
        except LookupError:
            return (False, no_update, None, no_update,
                    fmt._("Import #{id} was already deleted.", id=pending), _HIDDEN,
                    manager().version())
        return (False, no_update, None, int(pending), fmt._("Import #{id} deleted.", id=pending),
                _SHOWN, version)

    @app.callback(
        Output(Settings.DELETED_MESSAGE, "children", allow_duplicate=True),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input({"type": Settings.MOVE, "import": ALL}, "value"),
        prevent_initial_call=True,
    )
    def move(_values: list[int | None]) -> tuple[Any, ...]:
        """The user groups an import with another dataset (or gives it one of its own)."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not ctx.triggered:
            return no_update, no_update
        return move_import(int(trigger["import"]), ctx.triggered[0]["value"],
                           Formatter(user_lang()))

    @app.callback(
        Output(Settings.DELETED_MESSAGE, "children", allow_duplicate=True),
        Output(Settings.UNDO, "style", allow_duplicate=True),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Settings.UNDO, "n_clicks"),
        Input({"type": Settings.RESTORE, "import": ALL}, "n_clicks"),
        State(Settings.LAST_DELETED, "data"),
        prevent_initial_call=True,
    )
    def undo(_undo: int | None, _restore: list[int | None], last: int | None) -> tuple[Any, ...]:
        """Undo the last deletion, or restore one from the list of deleted imports."""
        trigger = ctx.triggered_id
        if not trigger or not ctx.triggered[0]["value"]:
            return no_update, no_update, no_update
        import_id = int(trigger["import"]) if isinstance(trigger, dict) else last
        if import_id is None:
            return no_update, _HIDDEN, no_update
        fmt = Formatter(user_lang())
        try:
            return (fmt._("Import #{id} restored.", id=import_id), _HIDDEN,
                    write_door.restore_import(import_id))
        except LookupError:
            return (fmt._("Import #{id} cannot be restored (purged, or its file was imported "
                          "again).", id=import_id)), _HIDDEN, manager().version()
