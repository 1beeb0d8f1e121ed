"""The filter bar ⇄ URL query string, filter options, nav links that keep the filters.

One callback owns both directions (Dash allows a callback to write what it reads): a change in
the bar writes the query string; a change of the URL (back/forward, a pasted link) writes the
bar; a change in the bar also sends the page content, the notices and the analysis-date note,
so that a filter change is one round trip (issue 16). ``FilterState`` is the only place a URL
is parsed or built. The bar's data row picks the
dataset, its snapshot and the analysis date (issue 10); a link to a deleted import says so.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, dcc, html, no_update

from callbacks import pages
from callbacks.context import (
    as_of,
    data_version,
    formatter,
    manager,
    options,
    state_from_search,
    user_lang,
)
from data import history
from data.filters import FilterState
from layouts.i18n import localise
from layouts.ids import Page, Shell
from layouts.tables import STATUS_LABELS

_BAR = (Shell.STATUS, Shell.STAGE, Shell.SOURCE, Shell.SECTOR, Shell.OWNER)
_BAR_KEYS = ("status", "stage", "source", "sector", "owner")
_OPTIONS = (*_BAR, Shell.IMPORT, Shell.CURRENCY, Shell.DATASET)
#: Bar components whose value ``bar_values`` writes, in order.
_VALUES = (*_BAR, Shell.DATE_FIELD, Shell.DATES, Shell.DATES, Shell.IMPORT, Shell.CURRENCY,
           Shell.SEARCH, Shell.DATASET, Shell.AS_OF)


_N_VALUES = len(_VALUES) + 1  # + the language switch


def state_from_bar(
    current: FilterState,
    lists: list[list[str] | None],
    date_field: str | None,
    start: str | None,
    end: str | None,
    import_id: int | str | None,
    currency: str | None,
    search: str | None,
    dataset_id: int | str | None = None,
    as_of_date: str | None = None,
) -> FilterState:
    """The filter state the bar shows, keeping the URL-only parts (view, lang, page options)."""
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
            "dataset": "" if dataset_id in (None, "") else str(dataset_id),
            "as_of": (as_of_date or "")[:10],
        }
    )
    parsed = FilterState.from_query(query)
    keep_view = current.view if parsed.without_view() == current.without_view() else None
    return replace(parsed, view=keep_view, lang=current.lang, page=current.page, notices=())


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
        state.dataset_id,
        state.as_of.isoformat() if state.as_of else None,
    ]


def filter_options(state: FilterState) -> list[list[dict[str, Any]]]:
    """Options of the bar's dropdowns for a state (same order as the options outputs).

    Options are the distinct values of the selected import, read from the database. Every
    value the state selects is kept among them, even one the import lacks or spelled as in a
    hand-typed link: Dash 4's dropdown silently drops a value missing from its options, which
    would then rewrite the URL without it.
    """
    svc = manager()
    version = data_version()
    found = svc.filter_options(state, version)
    every = svc.imports(version)
    shown = history.resolve(every, state.import_id, state.dataset_id)
    dataset = state.dataset_id or (shown.dataset_id if shown else None)
    # history: the snapshots of the dataset shown (a link to another import keeps its option)
    fmt = formatter(state)
    imports = [
        {
            "label": f"#{i.id} {i.filename} · "
            + fmt._("imported {date}", date=f"{i.imported_at:%d/%m/%Y %H:%M}")
            + (" · " + fmt._("data as of {date}", date=fmt.date(i.data_as_of))
               if i.data_as_of else "")
            + " · " + fmt.ngettext("{n} deal", "{n} deals", i.rows_imported),
            "value": i.id,
        }
        for i in every
        if i.dataset_id == dataset or i.id == state.import_id
    ]
    if state.import_id is not None and not any(i.id == state.import_id for i in every):
        # kept as an option: Dash's dropdown would drop the value and rewrite the link
        imports.append({"label": fmt._("#{id} (not available)", id=state.import_id),
                        "value": state.import_id})
    datasets = [
        {"label": f"{d.name} · "
         + fmt.ngettext("{n} snapshot", "{n} snapshots", d.imports),
         "value": d.id}
        for d in svc.datasets(version)
    ]
    if state.dataset_id is not None and not any(d["value"] == state.dataset_id
                                                for d in datasets):
        datasets.append({"label": fmt._("Dataset #{id} (not available)", id=state.dataset_id),
                         "value": state.dataset_id})
    status_labels = {key: fmt._(label) for key, label in STATUS_LABELS.items()}

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
        datasets,
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
        Output(Shell.DATASET, "value"),
        Output(Shell.AS_OF, "date"),
        Output(Shell.LANG, "value"),
        *[Output(i, "options") for i in _OPTIONS],
        Output(Shell.RENDERED, "data"),
        Output(Shell.NOTICE, "children"),
        Output(Shell.AS_OF_NOTE, "children"),
        Output(Shell.AS_OF, "placeholder"),
        Input(Shell.URL, "search"),
        *[Input(i, "value") for i in _BAR],
        Input(Shell.DATE_FIELD, "value"),
        Input(Shell.DATES, "start_date"),
        Input(Shell.DATES, "end_date"),
        Input(Shell.IMPORT, "value"),
        Input(Shell.CURRENCY, "value"),
        Input(Shell.SEARCH, "value"),
        Input(Shell.DATASET, "value"),
        Input(Shell.AS_OF, "date"),
        Input(Shell.LANG, "value"),
        Input(Shell.RESET, "n_clicks"),
        Input(Shell.DATA_VERSION, "data"),
        State(Shell.URL, "pathname"),
        State(Shell.RENDERED, "data"),
    )
    def sync_filters(search: str | None, *inputs: Any) -> list[Any]:
        """Keep the bar and the query string equal, whichever changed, and redraw the page.

        Values and options go out together: a dropdown given values before their options
        (a pasted link, back/forward) would drop them and write the URL without them. Dash
        does not call this again for the ``search`` it writes itself, so a change of import in
        the bar returns the options of the newly selected import too.

        Issue 16: a filter change is one round trip. The page content, the notices and the
        analysis-date note of the new state go out in the same response as the new query
        string; no server callback takes the query string as an input (the content callback
        reads it as state, the nav links are rewritten in the browser), and the URL is
        written without telling the pages router (``refresh=False``), so nothing else runs.
        The content goes through a shell store that the browser copies into the page (the
        page's content area is not in the layout until the router has drawn the page, and a
        callback cannot have an output that may be missing). A page load, a new page and a
        new data version are drawn by ``callbacks.pages``.
        """
        values, (pathname, shown) = inputs[:-2], inputs[-2:]
        current = state_from_search(search)
        default_lang = user_lang()  # the cookie, the browser, else APP_LOCALE
        trigger = ctx.triggered_id
        if trigger in (None, Shell.URL, Shell.DATA_VERSION):
            # Back/forward to another query string draws here: the router's location was not
            # told of the filter changes, so it may not redraw. A load (nothing shown by this
            # callback yet) and a new data version are drawn by callbacks.pages.
            # A query string written by another control (the what-if sliders) came with its
            # content already: the store names the query string it was drawn for.
            back = (trigger == Shell.URL and shown is not None
                    and shown.get("search") != (search or ""))
            content = redraw(pathname, search or "") if back else no_update
            return [
                no_update,
                *_changed_dates(values, bar_values(current)),
                current.lang or default_lang,
                *filter_options(current),
                content,
                *shell_notes(current),
            ]
        if trigger == Shell.RESET:  # filters go; which data and when stay
            state = FilterState(dataset_id=current.dataset_id, import_id=current.import_id,
                                as_of=current.as_of, lang=current.lang)
            return [
                state.search(),
                *bar_values(state),
                current.lang or default_lang,
                *filter_options(state),
                *_redrawn(pathname, state),
            ]
        unchanged = [no_update] * (1 + _N_VALUES + len(_OPTIONS) + 1 + _N_NOTES)
        if trigger in _VALUES and _unchanged(trigger, values, bar_values(current)):
            # A component announcing the value it was given (a date picker on mount), not a
            # user's change: rewriting the URL now would drop what the bar does not show.
            return unchanged
        lists = list(values[:5])
        date_field, start, end, import_id, currency, text, dataset_id, day, lang = values[5:14]
        if trigger == Shell.DATASET:
            import_id = None  # another dataset: its newest snapshot
        state = state_from_bar(current, lists, date_field, start, end, import_id, currency, text,
                               dataset_id, day)
        state = replace(state, lang=None if lang == default_lang else lang)
        new_search = state.search()
        if new_search == (search or ""):
            return unchanged
        same_data = (state.import_id, state.dataset_id) == (current.import_id,
                                                             current.dataset_id)
        new_options = [no_update] * len(_OPTIONS) if same_data else filter_options(state)
        values_out: list[Any] = [no_update] * _N_VALUES
        if trigger == Shell.DATASET:
            values_out[_VALUES.index(Shell.IMPORT)] = None
        return [new_search, *values_out, *new_options, *_redrawn(pathname, state)]

    # The content of a filter change, into the page (no request: it came with the change).
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        ClientsideFunction(namespace="crm", function_name="showRendered"),
        Output(Page.CONTENT, "children", allow_duplicate=True),
        Output(Shell.RENDERED, "data", allow_duplicate=True),
        Input(Shell.RENDERED, "data"),
        prevent_initial_call=True,
    )

    # Nav links keep the filters: pure presentation of the query string, done in the browser
    # (assets/perf.js) so that a filter change costs no request for them.
    app.clientside_callback(  # type: ignore[no-untyped-call]  # Dash leaves it untyped
        ClientsideFunction(namespace="crm", function_name="navLinks"),
        Output({"type": Shell.NAV, "path": ALL}, "href"),
        Input(Shell.URL, "search"),
        State({"type": Shell.NAV, "path": ALL}, "id"),
    )


#: Outputs of ``shell_notes``: notices, the analysis-date note and the date's placeholder.
_N_NOTES = 3


def shell_notes(state: FilterState) -> list[Any]:
    """The notices (ignored parameters, a deleted import) and the analysis-date note."""
    return [notices(state), *as_of_note(state)]


def _redrawn(pathname: str | None, state: FilterState) -> list[Any]:
    """The page content and the notes for a new filter state (the tail of the outputs)."""
    return [redraw(pathname, state.search()), *shell_notes(state)]


def redraw(pathname: str | None, search: str) -> dict[str, Any]:
    """The ``Shell.RENDERED`` value ``assets/perf.js`` copies into the page.

    The content, its page and the query string it was drawn for: what the filter bar and any
    control that writes the query string itself (the what-if sliders) return in the same
    round trip (issue 16).
    """
    return {"path": pathname or "/", "search": search, "content": pages.content(pathname, search)}


def notices(state: FilterState) -> Any:
    """Ignored parameters, and a link to a deleted import: small notices, never an error."""
    shown: list[Any] = []
    gone = missing_import_notice(state)
    if gone is not None:
        shown.append(gone)
    if state.notices:
        shown.append(html.Div(
            [html.Strong(formatter(state)._("Some link parameters were ignored: ")),
             " ".join(localise(formatter(state), n) for n in state.notices)],
            className="alert alert-warning py-1 px-2 small mt-2 mb-0",
            id="url-notice",
        ))
    return shown or None


def _changed_dates(values: tuple[Any, ...], wanted: list[Any]) -> list[Any]:
    """``wanted``, with ``no_update`` for a date picker that already shows its date.

    Issue 16: a date picker given its (empty) date again announces it back, one more request
    after a page load.
    """
    out = list(wanted)
    for i, component in enumerate(_VALUES):
        if component in (Shell.AS_OF, Shell.DATES) and _unchanged(component, values, wanted):
            out[i] = no_update
    return out


def _unchanged(trigger: Any, values: tuple[Any, ...], shown: list[Any]) -> bool:
    """Whether every value of the triggering component equals what the URL's state shows."""

    def norm(value: Any) -> Any:
        if value in (None, "", []):
            return None
        return str(value)[:10] if trigger in (Shell.AS_OF, Shell.DATES) else value

    positions = [i for i, component in enumerate(_VALUES) if component == trigger]
    return all(norm(values[i]) == norm(shown[i]) for i in positions)


def as_of_note(state: FilterState) -> tuple[Any, str]:
    """The note beside the analysis-date control, and the control's placeholder (the date)."""
    info = manager().resolve_import(state, data_version())
    fmt = formatter(state)
    day = as_of(state)
    placeholder = fmt.date(day)
    if info is None:
        return None, placeholder
    parts: list[str] = []
    if info.data_as_of is not None:
        parts.append(fmt._("Data as of {date}", date=fmt.date(info.data_as_of)))
    if state.as_of is not None:
        parts.append(fmt._("analysed as of {date} (chosen)", date=fmt.date(day)))
    elif day != date.today():
        parts.append(fmt._("analysed as of that date: the file ends well before today"))
    else:
        parts.append(fmt._("analysed as of today"))
    return html.Span(" · ".join(parts), id="as-of-note"), placeholder


def missing_import_notice(state: FilterState) -> Any:
    """A link naming an import that is deleted or never existed: say so, never switch silently."""
    svc = manager()
    if state.import_id is None or any(i.id == state.import_id for i in svc.imports(data_version())):
        return None
    found = svc.import_status(state.import_id)
    shown = svc.resolve_import(state, data_version())
    fmt = formatter(state)
    instead = (" " + fmt._("Showing #{id} {filename} instead.", id=shown.id,
                           filename=shown.filename)) if shown else ""
    if found.status == "deleted":
        when = fmt.date(found.deleted_at) if found.deleted_at else fmt._("recently")
        body: list[Any] = [
            html.Strong(fmt._("Import #{id} ({filename}) was deleted on {date}.",
                              id=state.import_id, filename=found.filename, date=when)),
            instead + " " + fmt._("It can still be restored in") + " ",
            dcc.Link(fmt._("Settings"), href="/settings"),
            ".",
        ]
    elif found.status == "purged":
        body = [html.Strong(fmt._("Import #{id} was deleted and no longer exists.",
                                  id=state.import_id)), instead]
    else:
        body = [html.Strong(fmt._("There is no import #{id}.", id=state.import_id)), instead]
    return html.Div(body, className="alert alert-warning py-1 px-2 small mt-2 mb-0",
                    id="deleted-import-notice")
