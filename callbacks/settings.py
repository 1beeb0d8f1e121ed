"""Settings page: edit stage probabilities/order, delete imports."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from callbacks import write_door
from callbacks.context import as_of, formatter, service, state_from_search
from data import views
from layouts import settings as settings_layout
from layouts.ids import Settings, Shell


def render_settings(search: str | None) -> tuple[list[dict[str, Any]], Any]:
    """Stage rows and the imports table for the current import (plain function for tests)."""
    state = state_from_search(search)
    svc = service()
    view = svc.view("settings", state, as_of(state), views.settings)
    imports = [i.__dict__ | {"imported_at": i.imported_at.isoformat()} for i in svc.imports()]
    stages = settings_layout.stage_rows(view["stages"]) if view else []
    return stages, settings_layout.imports_table(imports, formatter(state))


def save_stages(rows: list[dict[str, Any]]) -> str:
    """Store edited probabilities (percent → ratio) and positions of open stages."""
    ordered = sorted(
        (r for r in rows if r["status"] == "open"),
        key=lambda r: (r.get("position") is None, r.get("position") or 0),
    )
    changes = []
    for position, row in enumerate(ordered):
        value = row.get("probability")
        probability = None if value in (None, "") else float(value) / 100
        if probability is not None and not 0 <= probability <= 1:
            return f"“{row['stage']}”: probability must be between 0 and 100 %. Nothing saved."
        changes.append((row["stage"], probability, position))
    write_door.set_stage_settings(changes)
    return "Saved: every weighted figure now uses these probabilities."


def register(app: Dash) -> None:
    """Register the Settings callbacks on ``app``."""

    @app.callback(
        Output(Settings.STAGES, "data"),
        Output(Settings.IMPORTS, "children"),
        Input(Shell.URL, "search"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def fill_settings(search: str | None, _version: int) -> tuple:
        """Stage table and imports list from the database."""
        return render_settings(search)

    @app.callback(
        Output(Settings.SAVED, "children"),
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input(Settings.SAVE, "n_clicks"),
        Input(Settings.RESET, "n_clicks"),
        State(Settings.STAGES, "data"),
        prevent_initial_call=True,
    )
    def save(_save: int | None, _reset: int | None, rows: list[dict[str, Any]] | None) -> tuple:
        """Persist the stage table (or go back to defaults) and bump the data version."""
        trigger = ctx.triggered_id
        if (trigger == Settings.SAVE and not _save) or (trigger == Settings.RESET and not _reset):
            return no_update, no_update  # the buttons were (re)rendered, not clicked
        if trigger == Settings.RESET:
            return "Back to the built-in defaults.", write_door.reset_stage_settings()
        message = save_stages(rows or [])
        return message, service().version()

    @app.callback(
        Output(Shell.DATA_VERSION, "data", allow_duplicate=True),
        Input({"type": Settings.DELETE, "import": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def delete(clicks: list[int | None]) -> Any:
        """Delete one import (its deals go with it, in one transaction)."""
        if not ctx.triggered_id or not ctx.triggered[0]["value"]:
            return no_update  # buttons re-rendered with the table, not clicked
        return write_door.delete_import(int(ctx.triggered_id["import"]))
