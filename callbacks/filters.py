"""The filter bar ⇄ URL query string, filter options, nav links that keep the filters.

One callback owns both directions (Dash allows a callback to write what it reads): a change in
the bar writes the query string; a change of the URL (back/forward, a pasted link) writes the
bar. ``FilterState`` is the only place a URL is parsed or built.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from callbacks.context import options, service, settings, state_from_search
from data.filters import FilterState
from layouts.ids import Shell

_BAR = (Shell.STATUS, Shell.STAGE, Shell.SOURCE, Shell.SECTOR, Shell.OWNER)
_BAR_KEYS = ("status", "stage", "source", "sector", "owner")
_OPTIONS = (*_BAR, Shell.IMPORT, Shell.CURRENCY)


def state_from_bar(
    current: FilterState,
    lists: list[list[str] | None],
    date_field: str | None,
    start: str | None,
    end: str | None,
    import_id: int | str | None,
    currency: str | None,
    search: str | None,
) -> FilterState:
    """The filter state the bar shows, keeping the URL-only parts (view, as_of, lang)."""
    query: dict[str, Any] = {
        key: values or [] for key, values in zip(_BAR_KEYS, lists, strict=True)
    }
    query.update(
        {
            "date": date_field or "created",
            "from": start or "",
            "to": end or "",
            "import": "" if import_id in (None, "") else str(import_id),
            "currency": currency or "",
            "q": search or "",
        }
    )
    parsed = FilterState.from_query(query)
    keep_view = current.view if parsed.without_view() == current.without_view() else None
    return replace(parsed, view=keep_view, as_of=current.as_of, lang=current.lang, notices=())


def bar_values(state: FilterState) -> list[Any]:
    """The bar's component values for a state (same order as the callback outputs)."""
    return [
        *[list(getattr(state, key)) for key in _BAR_KEYS],
        state.date_field,
        state.date_from.isoformat() if state.date_from else None,
        state.date_to.isoformat() if state.date_to else None,
        state.import_id,
        state.currency,
        state.q,
    ]


def filter_options(state: FilterState) -> list[list[dict[str, Any]]]:
    """Options of the bar's dropdowns for a state (same order as the options outputs).

    Options are the distinct values of the selected import, read from the database. Every
    value the state selects is kept among them, even one the import lacks or spelled as in a
    hand-typed link: Dash 4's dropdown silently drops a value missing from its options, which
    would then rewrite the URL without it.
    """
    svc = service()
    found = svc.filter_options(state)
    imports = [
        {
            "label": f"#{i.id} {i.filename} · {i.imported_at:%d/%m/%Y %H:%M} · "
            f"{i.rows_imported} deals",
            "value": i.id,
        }
        for i in svc.imports()
    ]
    status_labels = {"open": "Open", "won": "Won", "lost": "Lost"}

    def with_selected(key: str) -> list[str]:
        return sorted(set(found.get(key, [])) | set(getattr(state, key)))

    ordered = found.get("stage_ordered", [])
    stages = [*ordered, *sorted(set(state.stage) - set(ordered))]
    currencies = sorted(
        set(found.get("currency", [])) | ({state.currency} if state.currency else set())
    )
    return [
        options(with_selected("status"), status_labels),
        options(stages),
        options(with_selected("source")),
        options(with_selected("sector")),
        options(with_selected("owner")),
        imports,
        options(currencies),
    ]


def register(app: Dash) -> None:
    """Register the filter-bar callbacks on ``app``."""

    @app.callback(
        Output(Shell.URL, "search"),
        *[Output(i, "value") for i in _BAR],
        Output(Shell.DATE_FIELD, "value"),
        Output(Shell.DATES, "start_date"),
        Output(Shell.DATES, "end_date"),
        Output(Shell.IMPORT, "value"),
        Output(Shell.CURRENCY, "value"),
        Output(Shell.SEARCH, "value"),
        Output(Shell.LANG, "value"),
        *[Output(i, "options") for i in _OPTIONS],
        Input(Shell.URL, "search"),
        *[Input(i, "value") for i in _BAR],
        Input(Shell.DATE_FIELD, "value"),
        Input(Shell.DATES, "start_date"),
        Input(Shell.DATES, "end_date"),
        Input(Shell.IMPORT, "value"),
        Input(Shell.CURRENCY, "value"),
        Input(Shell.SEARCH, "value"),
        Input(Shell.LANG, "value"),
        Input(Shell.RESET, "n_clicks"),
        Input(Shell.DATA_VERSION, "data"),
    )
    def sync_filters(search: str | None, *values: Any) -> list[Any]:
        """Keep the bar and the query string equal, whichever changed.

        Values and options go out together: a dropdown given values before their options
        (a pasted link, back/forward) would drop them and write the URL without them. Dash
        does not call this again for the ``search`` it writes itself, so a change of import in
        the bar returns the options of the newly selected import too.
        """
        current = state_from_search(search)
        default_lang = settings().locale
        trigger = ctx.triggered_id
        if trigger in (None, Shell.URL, Shell.DATA_VERSION):
            return [
                no_update,
                *bar_values(current),
                current.lang or default_lang,
                *filter_options(current),
            ]
        if trigger == Shell.RESET:
            state = FilterState(as_of=current.as_of, lang=current.lang)
            return [
                state.search(),
                *bar_values(state),
                current.lang or default_lang,
                *filter_options(state),
            ]
        lists = list(values[:5])
        date_field, start, end, import_id, currency, text, lang = values[5:12]
        state = state_from_bar(current, lists, date_field, start, end, import_id, currency, text)
        state = replace(state, lang=None if lang == default_lang else lang)
        new_search = state.search()
        if new_search == (search or ""):
            return [no_update] * (13 + len(_OPTIONS))
        same_import = state.import_id == current.import_id
        new_options = [no_update] * len(_OPTIONS) if same_import else filter_options(state)
        return [new_search, *[no_update] * 12, *new_options]

    @app.callback(
        Output({"type": Shell.NAV, "path": ALL}, "href"),
        Input(Shell.URL, "search"),
        State({"type": Shell.NAV, "path": ALL}, "id"),
    )
    def keep_filters_in_links(search: str | None, ids: list[dict[str, str]]) -> list[str]:
        """Every nav link carries the current filters (minus a Deals-only action subset)."""
        query = state_from_search(search).without_view().search()
        return [f"{i['path']}{query}" for i in ids]

    @app.callback(Output(Shell.NOTICE, "children"), Input(Shell.URL, "search"))
    def show_notices(search: str | None) -> Any:
        """Unknown or malformed parameters are ignored with a small notice, never an error."""
        notices = state_from_search(search).notices
        if not notices:
            return None
        return html.Div(
            [html.Strong("Some link parameters were ignored: "), " ".join(notices)],
            className="alert alert-warning py-1 px-2 small mt-2 mb-0",
            id="url-notice",
        )
