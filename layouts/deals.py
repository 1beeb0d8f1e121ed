"""Deals page: the server-paged deal table, deadlines and priority actions.

The table is an AG Grid in its infinite row model: it asks for the page it shows
(``getRowsRequest``: first and last row, sort model). It sits in the page content, under an id
that names the view (filters, import, language: ``view_key``), so a new view mounts a new grid.
Issue 16: the content brings the grid's first page, the total line and the actions with it
(``FirstPage``, in a store beside the grid), so a filter change is one round trip; only another
page or a sort asks the server (``callbacks.deals``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Any

import dash_ag_grid as dag
import dash_bootstrap_components as dbc
from dash import dcc, html

from data.filters import FilterState
from data.pagedata.common import DealRecord
from data.pagedata.deals import ActionsData, DealsHeaderData, Health
from layouts import colours
from layouts.common import context_line, currency_notice, missing_text
from layouts.components import export_buttons, grid, grid_column
from layouts.formatting import Formatter
from layouts.i18n import N_
from layouts.ids import Deals
from layouts.tables import (
    COMPACT_COLUMNS,
    MEDIUM_COLUMNS,
    TableRow,
    deal_list_card,
    deal_list_grid,
    list_rows,
)

#: The tab of each priority view (``data.metrics.priority``), in the order shown.
VIEW_LABELS: dict[str | None, str] = {
    None: N_("All deals"),
    "overdue": N_("Overdue"),
    "due_soon": N_("Due in 30 days"),
    "cold": N_("Cold"),
    "quick_wins": N_("Quick wins"),
    "untreated": N_("Untreated leads"),
    "rotting": N_("Rotting"),
}
TABLE_COLUMNS = (
    ("deal_id", N_("Id")),
    ("name", N_("Deal")),
    ("health_text", N_("Health")),
    ("account", N_("Account")),
    ("stage", N_("Stage")),
    ("status_text", N_("Status")),
    ("amount_text", N_("Amount")),
    ("p_text", N_("Prob.")),
    ("source", N_("Source")),
    ("owner", N_("Owner")),
    ("created_text", N_("Created")),
    ("expected_close_text", N_("Expected close")),
    ("last_activity_text", N_("Last activity")),
    ("next_action", N_("Next action")),
)
#: Display column → the data column the server sorts on.
SORT_KEYS = {
    "amount_text": "amount",
    "status_text": "status",
    "p_text": "p",
    "created_text": "created_date",
    "expected_close_text": "expected_close_date",
    "last_activity_text": "last_activity_date",
    "health_text": "health",  # computed on the server (data.pagedata.deals.HEALTH_SORT)
}
#: Traffic light of the health column, by band (``data.metrics.health``: ≥ 70, 40–69, < 40).
HEALTH_COLOURS = {"good": ("#d1f0e3", "#0f6848"), "watch": ("#fdefc8", "#7a5300"),
                  "at_risk": ("#f8d7da", "#8a1c27")}


def health_cells(health: Health | None) -> dict[str, str | float | int | None]:
    """The health column's cells of one row: "● 82" with its band, and the next action."""
    if health is None:
        return {"health_text": "", "_band": "", "next_action": ""}
    return {"health_text": f"● {health.score}", "_band": health.band,
            "next_action": health.action}


#: Rows of a page of the main table (and of the server's answer to one request).
PAGE_SIZE = 25
#: Rows shown by the deadline and action cards: what they show at once, not the whole list
#: (the tabs above the table open each list in full, paged on the server).
ACTION_ROWS = {"overdue": 8, "due_soon": 8, "cold": 6, "quick_wins": 6, "untreated": 6}
#: Columns the server cannot sort on (computed for the page shown).
UNSORTED = frozenset({"next_action"})


def view_key(view: DealsHeaderData, state: FilterState, lang: str) -> str:
    """What a grid's rows depend on besides its own paging and sort: a new value, a new grid."""
    ctx = view.context
    text = "|".join((state.to_query(), str(ctx.import_ref.id), ctx.import_ref.imported_at,
                     ctx.as_of, str(ctx.total_in_import), str(ctx.selected), lang))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _cell_styles(key: str, fmt: Formatter) -> dict[str, Any]:
    """Status in its colour, health as a traffic light (``HEALTH_COLOURS``)."""
    if key == "status_text":
        return {"cellStyle": {"styleConditions": [
            {"condition": f"params.data && params.data.status == '{name}'",
             "style": {"color": colours.status_colour(name), "fontWeight": "600"}}
            for name in colours.STATUS]}}
    if key == "health_text":
        return {"cellStyle": {"styleConditions": [
            {"condition": f"params.data && params.data._band == '{band}'",
             "style": {"backgroundColor": bg, "color": fg, "fontWeight": "600",
                       "textAlign": "center"}}
            for band, (bg, fg) in HEALTH_COLOURS.items()]},
            "headerTooltip": fmt._("Deal health 0–100 (open deals): age against the typical "
                                   "time-to-win, days without activity, overdue close date, "
                                   "stage. Green ≥ 70, amber 40–69, red < 40. Click to sort.")}
    return {}


def deals_table(fmt: Formatter, key: str = "main") -> dag.AgGrid:
    """The main table; rows, paging and sorting come from the server."""
    columns = [
        grid_column(k, fmt._(label), numeric=k in ("amount_text", "p_text"), first=i == 0,
                    sortable=k not in UNSORTED, **_cell_styles(k, fmt))
        for i, (k, label) in enumerate(TABLE_COLUMNS)
    ]
    return grid(
        {"type": Deals.TABLE, "view": key},
        None,
        columns,
        lang=fmt.lang,
        options={
            "pagination": True, "paginationPageSize": PAGE_SIZE,
            "paginationPageSizeSelector": False, "cacheBlockSize": PAGE_SIZE,
            # one placeholder row until the first page is in (it comes with the content and
            # is answered in the browser): 25 would draw 25 empty rows, then the real ones
            # (~1,500 elements more per filter change, issue 16)
            "maxBlocksInCache": 8, "infiniteInitialRowCount": 1,
            "rowSelection": {"mode": "singleRow", "checkboxes": False,
                             "enableClickSelection": True},
            "multiSortKey": "ctrl",
        },
        class_name="deals-grid",
        rowModelType="infinite",
        getRowStyle={"styleConditions": [
            {"condition": "params.data && params.data._overdue == 1",
             "style": {"color": "#b02a37", "fontWeight": "600"}}]},
    )


@dataclass(frozen=True)
class FirstPage:
    """What the content brings for the grid: its first page of rows (unsorted), the view's
    deal count and total line, and the deadlines and actions below the grid (None: no data).
    """

    rows: list[TableRow]
    total: int
    label: str
    #: ``action_lists``: the cards below the grid (None: no data).
    lists: dict[str, dict[str, Any]] | None = None

    def store(self) -> dict[str, Any]:
        """The ``Deals.FIRST`` store's data: an answer to the grid's first ``getRowsRequest``
        (``rowData``, ``rowCount``) and the lists of the cards below the grid.
        """
        return {"rowData": self.rows, "rowCount": self.total, "lists": self.lists}


def static(lang: str) -> list[Any]:
    """What the Deals page always holds below its content: the deadline and action cards,
    filled in the browser from the content's ``Deals.FIRST`` store (``actions_frame``).
    """
    return [actions_frame(Formatter(lang))]


def table_block(view: DealsHeaderData, state: FilterState, fmt: Formatter,
                first: FirstPage | None = None) -> list[Any]:
    """The total line with the export buttons, then the grid of this view, its first page
    (``first``) and the store of its requests to the server.
    """
    key = view_key(view, state, fmt.lang)
    return [
        html.Div(
            [html.Div(None if first is None else first.label,
                      id={"type": Deals.TOTAL, "view": key},
                      className="deals-total small text-muted"),
             export_buttons(Deals.TABLE, fmt._("every deal of this view"), fmt=fmt)],
            className="d-flex justify-content-between align-items-center mb-1",
        ),
        dcc.Store(id={"type": Deals.FIRST, "view": key},
                  data=None if first is None else first.store()),
        dcc.Store(id={"type": Deals.ASK, "view": key}),
        dbc.Card(dbc.CardBody(deals_table(fmt, key)), className="chart-card mb-3"),
    ]


def body(view: DealsHeaderData, state: FilterState, fmt: Formatter,
         first: FirstPage | None = None) -> html.Div:
    """Context and the priority-action tabs above the table (``first``: its first page)."""
    tabs = dbc.Nav(
        [
            dbc.NavItem(
                dcc.Link(
                    fmt._(label),
                    href=f"/deals{replace(state, view=key).with_options(moved=None).search()}",
                    className="nav-link" + (" active" if state.view == key and not view.moved
                                            else ""),
                    id=f"deals-view-{key or 'all'}",
                )
            )
            for key, label in VIEW_LABELS.items()
        ],
        pills=True,
        className="mb-2 deals-views",
    )
    parts: list[Any] = [context_line(view.context, fmt), currency_notice(view.context, fmt), tabs]
    if view.moved:
        from data.pagedata.trends import LABELS

        back = state.with_options(moved=None)
        moved = LABELS.get(view.moved, view.moved)  # Trends names them (English only yet)
        since = (fmt._("Showing the deals that moved ({category}) since snapshot #{id}.",
                       category=moved, id=view.compare) if view.compare else
                 fmt._("Showing the deals that moved ({category}) since the previous snapshot.",
                       category=moved))
        parts.append(html.Div(
            [since + " ",
             dcc.Link(fmt._("Back to Trends"), href=f"/trends{back.search()}"), " · ",
             dcc.Link(fmt._("All deals"),
                      href=f"/deals{back.with_options(compare=None).search()}")],
            className="alert alert-info py-1 px-2 small", id="deals-moved"))
    return html.Div([*parts, *table_block(view, state, fmt, first)])


@dataclass(frozen=True)
class ActionList:
    """One deadline or action list below the grid: its table, title, columns and place."""

    table_id: str
    #: A catalogue id; ``{n}`` is the list's full count (``count``) when it has one.
    title: str
    #: ``ActionsData`` fields: the list's first deals, the columns it lacks, its full count.
    records: str
    lacking: str
    extra: tuple[tuple[str, str], ...]
    columns: tuple[tuple[str, str], ...]
    width: int
    count: str | None = None
    red_key: str | None = None

    @property
    def rows(self) -> int:
        """Rows shown (``ACTION_ROWS``): a card shows them at once, never a pager."""
        return ACTION_ROWS[self.records]


#: The deadlines (first row of cards) and the priority actions (second row), in order.
DEADLINES = (
    ActionList("deals-overdue-table", N_("Overdue closings ({n})"), "overdue", "overdue",
               (("days_overdue_text", N_("Days late")),), MEDIUM_COLUMNS, 6,
               count="overdue_count", red_key="days_overdue"),
    ActionList("deals-due-table", N_("Due in the next 30 days ({n})"), "due_soon", "overdue",
               (("days_left_text", N_("Days left")),), MEDIUM_COLUMNS, 6, count="due_soon_count"),
)
PRIORITIES = (
    ActionList("deals-cold-table", N_("Cold deals to follow up"), "cold", "cold_deals",
               (("days_inactive_text", N_("Idle days")),), COMPACT_COLUMNS, 4),
    ActionList("deals-quick-table", N_("Quick wins"), "quick_wins", "quick_wins",
               (("expected_value_text", N_("Amount × p")),), COMPACT_COLUMNS[:2], 4),
    ActionList("deals-untreated-table", N_("Untreated leads (48 h+)"), "untreated",
               "untreated_leads", (("created_text", N_("Created")),), COMPACT_COLUMNS[:2], 4),
)
ACTION_LISTS = (*DEADLINES, *PRIORITIES)


def _title(spec: ActionList, view: ActionsData, fmt: Formatter) -> str:
    if spec.count is None:
        return fmt._(spec.title)
    return fmt._(spec.title, n=fmt.number(getattr(view, spec.count)))


def _records(spec: ActionList, view: ActionsData) -> tuple[DealRecord, ...]:
    return tuple(getattr(view, spec.records))[:spec.rows]


def _sections(rows: tuple[list[Any], list[Any]], fmt: Formatter) -> list[Any]:
    """The two rows of cards under their titles."""
    deadlines, priorities = rows
    return [
        html.H5(fmt._("Deadlines"), className="section-title"),
        dbc.Row(deadlines, className="g-3 mb-3"),
        html.H5(fmt._("Priority actions"), className="section-title"),
        dbc.Row(priorities, className="g-3 mb-4"),
    ]


def actions(view: ActionsData, fmt: Formatter) -> html.Div:
    """Deadlines and priority actions below the table, drawn whole (the PDF report): the first
    rows of each list (its tab above the table shows it all), so the answer stays small.
    """
    cur = view.context.currency or ""

    def card(spec: ActionList) -> dbc.Col:
        return dbc.Col(
            deal_list_card(_title(spec, view, fmt),
                           missing_text(getattr(view.missing, spec.lacking), fmt),
                           _records(spec, view), fmt, cur, spec.table_id, extra=spec.extra,
                           page_size=spec.rows, red_key=spec.red_key, columns=spec.columns),
            lg=spec.width,
        )

    return html.Div(_sections(([card(s) for s in DEADLINES], [card(s) for s in PRIORITIES]),
                              fmt))


def action_lists(view: ActionsData, fmt: Formatter) -> dict[str, dict[str, Any]]:
    """Per list (table id), what the cards kept below the grid show for a view: its title,
    its rows (``rowData``) or the message shown instead (a missing column, an empty list).
    """
    cur = view.context.currency or ""
    out: dict[str, dict[str, Any]] = {}
    for spec in ACTION_LISTS:
        records = _records(spec, view)
        message = missing_text(getattr(view.missing, spec.lacking), fmt)
        if message is None and not records:
            message = fmt._("Nothing to show for the current filters.")
        rows = [] if message else list_rows(records, fmt, cur, (*spec.columns, *spec.extra),
                                            spec.red_key)
        out[spec.table_id] = {"title": _title(spec, view, fmt), "rows": rows,
                              "message": message}
    return out


def actions_frame(fmt: Formatter) -> html.Div:
    """The deadline and action cards, kept on the page while the views change: each grid is
    mounted once and given its rows by the browser (``action_lists`` in the content's store),
    which costs a fraction of drawing five new grids per filter change (issue 16). Hidden while
    the content has no lists (no data, an error); shown from the start, as a grid mounted out
    of sight cannot size its columns.
    """
    def card(spec: ActionList) -> dbc.Col:
        box = html.Div(deal_list_grid(spec.table_id, fmt, extra=spec.extra, page_size=spec.rows,
                                      red_key=spec.red_key, columns=spec.columns),
                       id={"type": Deals.LIST_BOX, "list": spec.table_id})
        message = html.Div(id={"type": Deals.LIST_MESSAGE, "list": spec.table_id},
                           className="missing-message text-muted", style={"display": "none"})
        header = html.Div(
            [html.Span(id={"type": Deals.LIST_TITLE, "list": spec.table_id}),
             html.Div(export_buttons(spec.table_id, fmt=fmt),
                      id={"type": Deals.LIST_EXPORT, "list": spec.table_id})],
            className="d-flex justify-content-between align-items-center gap-2")
        # as layouts.components.table_card: the export buttons only beside a grid
        return dbc.Col(dbc.Card([dbc.CardHeader(header, className="chart-title"),
                                 dbc.CardBody([box, message])], className="chart-card h-100"),
                       lg=spec.width)

    return html.Div(_sections(([card(s) for s in DEADLINES], [card(s) for s in PRIORITIES]),
                              fmt), id=Deals.ACTIONS)
