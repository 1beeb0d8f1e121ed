"""Downloads of what the pages show: tables → CSV or ``.xlsx`` bytes, named after their filters.

Pure builders (no Dash): a page's data (``data.pagedata``) or a deal selection becomes one or
more :class:`Table`; :func:`to_csv` and :func:`to_xlsx` turn tables into bytes with a header
block (what, which filters, which analysis date), and :func:`file_name` names the download
after the same filters and date, so two exports of different views never overwrite each other.
Every text cell goes through ``data.export_safety`` (OWASP CSV injection); numbers stay numbers
in ``.xlsx``.
"""

from __future__ import annotations

import dataclasses
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from data.export_safety import neutralise_cell, safe_csv
from data.filters import FilterState
from data.metrics.priority import priority_view
from data.pagedata.common import DEAL_COLUMNS
from data.pagedata.forecast import ForecastData, GroupVelocity
from data.pagedata.home import HomeData
from data.pagedata.marketing import MarketingData
from data.pagedata.pipeline import PipelineData
from data.snapshots import Selection
from data.texts import N_, Text

#: A cell of an exported table: text, a number, or unknown (an empty cell, never 0).
Cell = str | int | float | None

CSV_TYPE: Final = "text/csv"
XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The longest file name a download gets (file systems allow 255 bytes).
_MAX_NAME: Final = 150
#: Rows of one ``.xlsx`` sheet, at most: Excel opens 1,048,576 rows, and openpyxl writes about
#: 1,000-3,000 deal rows a second on the loaded 2-core machine (bench/report.py), so a larger
#: view would outlast a web request. CSV has no limit.
XLSX_MAX_ROWS: Final = 100_000


class ExportTooLarge(ValueError):
    """A table too long for the requested format; the message says what to do instead."""


@dataclass(frozen=True)
class Table:
    """One exported table: a title, column labels and rows of plain cells."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: Columns (by label) holding ISO dates: real date cells in ``.xlsx``.
    date_columns: tuple[str, ...] = ()
    #: Columns (by label) holding ratios (0.3 = 30 %): shown as percentages in ``.xlsx``.
    percent_columns: tuple[str, ...] = ()
    #: Columns (by label) holding status values (open/won/lost): the page's status words.
    status_columns: tuple[str, ...] = ()
    #: Whether some cells are the catalogue's labels (:class:`Text`, "Open deals"), translated
    #: on export; the file's own names never are.
    labelled: bool = False


# -- filters, header block and file name ----------------------------------------------------

#: Priority views (``?view=``) as the Deals page names them.
VIEW_TITLES: Final = {
    None: N_("All deals"),
    "overdue": N_("Overdue closings"),
    "due_soon": N_("Due in 30 days"),
    "cold": N_("Cold deals"),
    "quick_wins": N_("Quick wins"),
    "untreated": N_("Untreated leads"),
    "rotting": N_("Rotting deals"),
}
_FILTER_LABELS: Final = (("status", N_("Status")), ("stage", N_("Stage")),
                         ("source", N_("Source")), ("sector", N_("Sector")),
                         ("owner", N_("Owner")))


def describe_filters(state: FilterState, status: Callable[[str], str] = str,
                     render: Callable[[str], str] = str) -> list[tuple[str, str]]:
    """The filters of ``state`` written out, one (label, values) pair per filter set.

    What a printed page and an export's header block say; "None (all deals)" when no filter
    is set, so a reader never has to guess. ``status`` words open/won/lost and ``render``
    translates the catalogue's messages (labels, view titles) into the page's language; the
    other values are the file's own names, written as they are (a stage named "Won" stays
    "Won", never the status word).
    """
    out = [(render(label),
            ", ".join(status(v) if key == "status" else v for v in getattr(state, key)))
           for key, label in _FILTER_LABELS if getattr(state, key)]
    if state.date_from or state.date_to:
        field = N_("Expected close date") if state.date_field == "close" else N_("Created date")
        start = state.date_from.isoformat() if state.date_from else "…"
        end = state.date_to.isoformat() if state.date_to else "…"
        out.append((render(field), f"{start} – {end}"))
    if state.q:
        out.append((render(N_("Search")), state.q))
    if state.view:
        title = VIEW_TITLES.get(state.view)
        out.append((render(N_("View")), state.view if title is None else render(title)))
    if state.dataset_id is not None:
        out.append((render(N_("Dataset")), f"#{state.dataset_id}"))
    if state.import_id is not None:
        out.append((render(N_("Import")), f"#{state.import_id}"))
    if state.currency:
        out.append((render(N_("Currency")), state.currency))
    return out or [(render(N_("Filters")), render(N_("None (all deals)")))]


def header_block(title: str, state: FilterState, as_of: date, generated: datetime,
                 render: Callable[[str], str] = str,
                 status: Callable[[str], str] = str) -> list[tuple[Cell, ...]]:
    """The rows above an exported table: what it is, its analysis date, its filters, in the
    language of ``render`` and ``status`` (as :func:`describe_filters`; the catalogue's
    English when none is given).
    """
    rows: list[tuple[Cell, ...]] = [
        (render(N_("CRM Dashboard export")), render(title)),
        (render(N_("Analysis date")), as_of.isoformat()),
        (render(N_("Generated")), generated.strftime("%Y-%m-%d %H:%M")),
    ]
    rows.extend(describe_filters(state, status, render))
    return rows


def file_name(base: str, state: FilterState, as_of: date, extension: str) -> str:
    """``<base>_<filters>_as-of-<date>.<extension>``, in safe ASCII.

    Filters appear in the canonical URL order (``FilterState.to_query``), so one view always
    gets one name; a name too long for a file system keeps its start and the date.
    """
    parts = [_slug(base)]
    for key, value in _filter_pairs(state):
        parts.append(f"{key}-{_slug(value)}")
    date_part = f"as-of-{as_of.isoformat()}"
    name = "_".join(p for p in parts if p)
    room = _MAX_NAME - len(date_part) - len(extension) - 2
    return f"{name[:room].rstrip('_-+')}_{date_part}.{extension}"


def _filter_pairs(state: FilterState) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for key, _label in _FILTER_LABELS:
        values = getattr(state, key)
        if values:
            pairs.append((key, "+".join(values)))
    if state.date_from or state.date_to:
        prefix = "close-" if state.date_field == "close" else ""
        if state.date_from:
            pairs.append((f"{prefix}from", state.date_from.isoformat()))
        if state.date_to:
            pairs.append((f"{prefix}to", state.date_to.isoformat()))
    if state.q:
        pairs.append(("q", state.q))
    if state.view:
        pairs.append(("view", state.view))
    if state.dataset_id is not None:
        pairs.append(("dataset", str(state.dataset_id)))
    if state.import_id is not None:
        pairs.append(("import", str(state.import_id)))
    if state.currency:
        pairs.append(("currency", state.currency))
    return pairs


def _slug(text: str) -> str:
    """ASCII letters, digits and ``+.-`` only (accents folded: "Négociation" → "Negociation")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9+.-]+", "-", ascii_text).strip("-.")


# -- bytes -----------------------------------------------------------------------------------


def to_csv(table: Table, state: FilterState, as_of: date, generated: datetime,
           render: Callable[[str], str] = str, status: Callable[[str], str] = str) -> bytes:
    """One table as CSV: header block, a blank line, column labels, rows (cells neutralised).

    ``render`` and ``status`` give the page's language (:func:`header_block`): the title, the
    column labels and the row labels the catalogue holds (:class:`Text` cells) are translated;
    names from the user's file are written as they are.
    """
    rows: list[Sequence[object]] = list(header_block(table.title, state, as_of, generated,
                                                     render, status))
    rows.append(())
    rows.append([render(label) for label in table.columns])
    rows.extend(_rendered_rows(table, render, status))
    return safe_csv(rows)


def _rendered_rows(table: Table, render: Callable[[str], str],
                   status: Callable[[str], str]) -> Iterator[tuple[Cell, ...]]:
    """The rows in the page's language: catalogue labels (``Text`` cells) and status values
    translated, every other cell (the file's names, numbers) as it is. A table with neither
    is passed through untouched.
    """
    statuses = [i for i, c in enumerate(table.columns) if c in table.status_columns]
    if not table.labelled and not statuses:
        yield from table.rows
        return
    for row in table.rows:
        cells = [render(c) if isinstance(c, Text) else c for c in row] if table.labelled \
            else list(row)
        for i in statuses:
            if isinstance(cells[i], str):
                cells[i] = status(str(cells[i]))
        yield tuple(cells)


def to_xlsx(tables: Sequence[Table], state: FilterState, as_of: date,
            generated: datetime, render: Callable[[str], str] = str,
            status: Callable[[str], str] = str) -> bytes:
    """Tables as one workbook, a sheet each: header block, then the table with its labels.

    Numbers are written as numbers, ISO dates as dates, text neutralised (a leading ``=`` would
    otherwise be stored as a formula by openpyxl). Write-only mode keeps memory flat. A table
    longer than :data:`XLSX_MAX_ROWS` raises :class:`ExportTooLarge` before anything is written.
    ``render`` and ``status`` give the page's language, as in :func:`to_csv`.
    """
    for table in tables:
        if len(table.rows) > XLSX_MAX_ROWS:
            raise ExportTooLarge(Text(
                N_("“{table}” has {rows} rows: Excel exports stop at {limit} rows. Download it "
                   "as CSV, or narrow the filters."),
                table=Text(table.title), rows=f"{len(table.rows):,}",
                limit=f"{XLSX_MAX_ROWS:,}"))  # the title in the page's language too
    book = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(_sheet_title(render(table.title), used))
        for row in header_block(table.title, state, as_of, generated, render, status):
            sheet.append([_xlsx_value(v) for v in row])
        sheet.append([])
        labels = []
        for label in table.columns:
            cell = WriteOnlyCell(sheet, value=_xlsx_value(render(label)))
            cell.font = bold
            labels.append(cell)
        sheet.append(labels)
        dated = {i for i, c in enumerate(table.columns) if c in table.date_columns}
        ratios = {i for i, c in enumerate(table.columns) if c in table.percent_columns}
        for values in _rendered_rows(table, render, status):
            cells = [_xlsx_date(v) if i in dated else _xlsx_value(v)
                     for i, v in enumerate(values)]
            for i in ratios:
                if isinstance(cells[i], int | float):
                    cell = WriteOnlyCell(sheet, value=cells[i])
                    cell.number_format = "0.0%"  # still the number 0.3, shown as 30.0 %
                    cells[i] = cell
            sheet.append(cells)
    if not tables:
        book.create_sheet(_sheet_title(render(N_("Empty")), used))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float) or value is None:
        return value
    return neutralise_cell(str(value))


def _xlsx_date(value: object) -> object:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    return _xlsx_value(value)


def _sheet_title(title: str, used: set[str]) -> str:
    """A valid, unique sheet name (31 characters, no brackets, colon, star, slashes)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", title).strip()[:31].rstrip() or "Table"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name


# -- the Deals view --------------------------------------------------------------------------

DEAL_LABELS: Final = {
    "deal_id": N_("Id"), "name": N_("Deal"), "account": N_("Account"), "stage": N_("Stage"),
    "status": N_("Status"), "amount": N_("Amount"), "currency": N_("Currency"),
    "p": N_("Probability"),
    "source": N_("Source"), "sector": N_("Sector"), "owner": N_("Owner"),
    "created_date": N_("Created"),
    "expected_close_date": N_("Expected close"), "last_activity_date": N_("Last activity"),
    "days_inactive": N_("Idle days"), "days_overdue": N_("Days late"), "days_left": N_("Days left"),
    "expected_value": N_("Amount × p"), "days_waiting": N_("Days waiting"),
    "age_days": N_("Age (days)"),
}
_DEAL_DATES: Final = ("created_date", "expected_close_date", "last_activity_date")
_COMPUTED: Final = ("days_inactive", "days_overdue", "days_left", "expected_value",
                    "days_waiting", "age_days")


def deals_table(selection: Selection, as_of: date, view: str | None, cold_days: int) -> Table:
    """Every deal of the Deals view (all deals, or one priority view) for the selection.

    The same rule as the Deals table (``data.metrics.priority.priority_view``), without its
    paging: the whole view, in the view's own order.
    """
    frame = priority_view(view, selection.deals, as_of, selection.snapshot.stages, cold_days)
    return deal_frame_table(VIEW_TITLES.get(view, N_("Deals")), frame)


def deal_frame_table(title: str, frame: pd.DataFrame) -> Table:
    """A deal frame as a table: the listed columns and the view's computed column."""
    keep = [c for c in (*DEAL_COLUMNS, "sector", *_COMPUTED) if c in frame.columns]
    keep = list(dict.fromkeys(keep))
    columns = [_plain_column(frame[c]) for c in keep]
    return Table(
        title=title,
        columns=tuple(DEAL_LABELS[c] for c in keep),
        rows=tuple(zip(*columns, strict=True)) if columns else (),
        date_columns=tuple(DEAL_LABELS[c] for c in _DEAL_DATES),
        percent_columns=(DEAL_LABELS["p"],),
        status_columns=(DEAL_LABELS["status"],),
    )


def _plain_column(column: pd.Series) -> list[Cell]:
    """A column as plain cells, vectorised (a million-deal view in seconds): dates as ISO
    text, numbers as int/float, labels as text, every unknown (NaN, NaT, None) as None.
    """
    known = column.notna()
    if column.dtype.kind == "M":
        column = column.dt.strftime("%Y-%m-%d")
    elif column.dtype.kind not in "iubf":
        column = column.astype(str)  # labels (category, string, object) as plain text
    cells: list[Cell] = column.astype(object).where(known, None).tolist()
    return cells


# -- the tables of each page -----------------------------------------------------------------


#: Page-data fields holding ratios (METRICS.md rates and probabilities).
_RATIOS: Final = frozenset({"probability", "conversion", "win_rate", "conversion_rate",
                            "p", "calibrated_p", "share"})


def _table(title: str, columns: Sequence[tuple[str, str]], items: Sequence[Any]) -> Table:
    """Rows of dataclass instances: ``columns`` are (attribute, label) pairs."""
    return Table(title, tuple(label for _, label in columns),
                 tuple(tuple(_cell(getattr(item, key)) for key, _ in columns) for item in items),
                 percent_columns=tuple(label for key, label in columns if key in _RATIOS),
                 status_columns=tuple(label for key, label in columns if key == "status"))


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def home_tables(view: HomeData) -> dict[str, Table]:
    """Home: the headline figures, the period comparison and the forecast windows."""
    k, period = view.kpis, view.kpis.period
    kpis = Table(N_("Headline indicators"), (N_("Indicator"), N_("Value")), (
        (Text(N_("Deals")), k.deals.total),
        (Text(N_("Open deals")), k.deals.open),
        (Text(N_("Won deals")), k.deals.won),
        (Text(N_("Lost deals")), k.deals.lost),
        (Text(N_("Gross pipeline")), k.pipeline_gross),
        (Text(N_("Weighted pipeline")), k.pipeline_weighted),
        (Text(N_("Win rate")), k.win_rate),
        (Text(N_("Conversion rate")), k.conversion_rate),
        (Text(N_("Average deal size")), k.average_deal_size),
        (Text(N_("Average won deal size")), k.average_won_deal_size),
        (Text(N_("Won revenue")), k.won_revenue),
        (Text(N_("Overdue closings")), k.overdue.count),
        (Text(N_("Cold deals")), k.cold_deals),
        (Text(N_("Untreated leads")), k.untreated_leads),
        (Text(N_("Quick wins")), k.quick_wins),
        (Text(N_("Currency")), view.context.currency),
    ), labelled=True)
    periods = Table(
        N_("Period comparison"),
        (N_("Measure"), N_("Previous"), N_("Last 30 days"), N_("Change")),
        tuple((Text(label), getattr(period.previous, key), getattr(period.current, key),
               getattr(period.change, key))
              for key, label in (("created", N_("Deals created")), ("won", N_("Deals won")),
                                 ("won_revenue", N_("Won revenue")),
                                 ("win_rate", N_("Win rate (closed in period)")))),
        labelled=True,
    )
    return {"home-kpi-table": kpis, "home-period-table": periods,
            "home-forecast-table": _forecast_windows(view.kpis.forecast)}


def _forecast_windows(windows: Sequence[Any]) -> Table:
    table = _table(N_("Revenue forecast"), (
        ("window", N_("Window (days)")), ("deals", N_("Deals")), ("gross", N_("Σ amount")),
        ("worst", N_("Worst (P10)")), ("likely", N_("Likely")), ("best", N_("Best (P90)")),
        ("method", N_("Method"))), windows)
    # the method ("monte_carlo") is a word of the catalogue ("monte carlo"), as on the page
    rows = tuple((*row[:-1], Text(row[-1].replace("_", " ")) if isinstance(row[-1], str)
                  else row[-1]) for row in table.rows)
    return dataclasses.replace(table, rows=rows, labelled=True)


def pipeline_tables(view: PipelineData) -> dict[str, Table]:
    """Pipeline: value by stage, funnel, deal age, sectors and salesperson performance."""
    return {
        "pipeline-stage-table": _table(N_("Value by stage"), (
            ("stage", N_("Stage")), ("status", N_("Status")), ("probability", N_("Probability")),
            ("count", N_("Deals")), ("gross", N_("Σ amount")), ("weighted", N_("Weighted"))),
            view.by_stage),
        "pipeline-funnel-table": _table(N_("Funnel conversion"), (
            ("stage", N_("Stage")), ("reached", N_("Deals reached")),
            ("conversion", N_("Conversion"))),
            view.funnel),
        "pipeline-age-table": _table(N_("Deal age by stage"), (
            ("stage", N_("Stage")), ("count", N_("Open deals")),
            ("mean_days", N_("Mean age (days)")),
            ("median_days", N_("Median age (days)")),
            ("rotting", N_("Rotting"))), view.age_by_stage),
        "pipeline-sector-table": _table(N_("Amount by sector"), (
            ("sector", N_("Sector")), ("gross", N_("Σ amount")),
            ("count", N_("Deals"))), view.sectors),
        "pipeline-top-sectors-table": _table(N_("Top sectors by average deal size"), (
            ("sector", N_("Sector")), ("mean_amount", N_("Mean amount")), ("count", N_("Deals"))),
            view.top_sectors),
        "pipeline-owner-table": _table(N_("Salesperson performance"), (
            ("owner", N_("Owner")), ("open_gross", N_("Open pipeline")),
            ("open_weighted", N_("Weighted")),
            ("won_revenue", N_("Won revenue")), ("won", N_("Won")), ("lost", N_("Lost")),
            ("win_rate", N_("Win rate")), ("mean_time_to_win_days", N_("Mean time-to-win (days)"))),
            view.owners),
    }


def marketing_tables(view: MarketingData) -> dict[str, Table]:
    """Marketing: performance by source and the weekly lead inflow."""
    return {
        "marketing-source-table": _table(N_("Performance by source"), (
            ("source", N_("Source")), ("deals", N_("Deals")), ("won", N_("Won")),
            ("lost", N_("Lost")),
            ("win_rate", N_("Win rate")), ("conversion_rate", N_("Conversion")),
            ("won_revenue", N_("Won revenue")), ("mean_won_deal_size", N_("Mean won deal")),
            ("mean_time_to_win_days", N_("Mean time-to-win (days)"))), view.sources),
        "marketing-inflow-table": _table(N_("Lead inflow"), (
            ("week", N_("Week")), ("source", N_("Source")),
            ("deals", N_("New deals"))), view.inflow),
    }


def forecast_tables(view: ForecastData) -> dict[str, Table]:
    """Forecast: the windows, overdue/undated deals and time-to-win by source and owner."""
    group = (("group", "{}"), ("count", N_("Won deals")),
    ("mean_days", N_("Mean time-to-win (days)")),
             ("median_days", N_("Median time-to-win (days)")))

    def by(title: str, label: str, items: Sequence[GroupVelocity]) -> Table:
        return _table(title, tuple((k, v.format(label)) for k, v in group), items)

    v = view.velocity
    return {
        "forecast-table": _forecast_windows(view.windows),
        "forecast-side-table": Table(N_("Outside the windows and time-to-win"),
                                     (N_("Measure"), N_("Deals"), N_("Σ amount / days")), (
            (Text(N_("Overdue closings")), view.overdue.count, view.overdue.gross),
            (Text(N_("Undated open deals")), view.undated.count, view.undated.gross),
            (Text(N_("Time-to-win (mean, days)")), v.count, v.mean),
            (Text(N_("Time-to-win (median, days)")), v.count, v.median),
        ), labelled=True),
        "forecast-velocity-source-table": by(N_("Time-to-win by source"), N_("Source"),
                                             view.velocity_by_source),
        "forecast-velocity-owner-table": by(N_("Time-to-win by owner"), N_("Owner"),
                                            view.velocity_by_owner),
    }


def dataclass_tables(view: Any) -> dict[str, Table]:
    """Any page's data as tables: each field holding rows (a tuple of dataclasses) is one.

    For pages without hand-written tables (:data:`PAGE_TABLES`): every list a page's data
    holds, its fields as columns, numbers as numbers.
    """
    out: dict[str, Table] = {}
    if not dataclasses.is_dataclass(view):
        return out
    for field in dataclasses.fields(view):
        items = getattr(view, field.name)
        if not isinstance(items, tuple) or not items:
            continue
        if not all(dataclasses.is_dataclass(i) for i in items):
            continue
        names = [f.name for f in dataclasses.fields(items[0])]
        columns = [(n, _label(n)) for n in names]
        out[field.name] = _table(_label(field.name), columns, items)
    return out


def _label(name: str) -> str:
    """A field's column or table title: a catalogue message when one is known (so the export
    is in the page's language), else the field's name written out ("won_so_far" → "Won so far").
    """
    return FIELD_LABELS.get(name) or name.replace("_", " ").capitalize()


#: Field names of the pages' data (Trends, Segments, What-if) → their labels, for the tables of
#: :func:`dataclass_tables`. Marked for the catalogue; rendered by the export's ``render``.
FIELD_LABELS: Final[Mapping[str, str]] = {
    # tables
    "size_bands": N_("Deal size bands"),
    "sectors": N_("Sectors"),
    "velocity_by_stage": N_("Time in stage"),
    "velocity_by_source": N_("Time to win by source"),
    "velocity_by_owner": N_("Time to win by owner"),
    "snapshots": N_("Snapshots"),
    "movement": N_("Movement between snapshots"),
    "moved": N_("Deals that moved"),
    "evolution": N_("Pipeline evolution by stage"),
    "time_in_stage": N_("Time in stage"),
    "time_in_stage_by_source": N_("Time in stage by source"),
    "rows": N_("Scenario"),
    # columns
    "segment": N_("Segment"),
    "deals": N_("Deals"),
    "won": N_("Won"),
    "lost": N_("Lost"),
    "win_rate": N_("Win rate"),
    "conversion_rate": N_("Conversion rate"),
    "won_revenue": N_("Won revenue"),
    "mean_won_size": N_("Mean won deal size"),
    "open_gross": N_("Gross pipeline"),
    "open_weighted": N_("Weighted pipeline"),
    "mean_time_to_win_days": N_("Mean time to win (days)"),
    "stage": N_("Stage"),
    "group": N_("Group"),
    "count": N_("Deals"),
    "mean_days": N_("Mean days"),
    "median_days": N_("Median days"),
    "lower_bounds": N_("Deals already in stage at the first snapshot"),
    "is_lower_bound": N_("Lower bound"),
    "import_id": N_("Import"),
    "as_of": N_("As of"),
    "filename": N_("File"),
    "category": N_("Movement"),
    "amount": N_("Amount"),
    "deal_id": N_("Deal id"),
    "stage_from": N_("Stage before"),
    "stage_to": N_("Stage after"),
    "close_from": N_("Expected close before"),
    "close_to": N_("Expected close after"),
    "currency": N_("Currency"),
    "week": N_("Week"),
    "gross": N_("Gross pipeline"),
    "weighted": N_("Weighted pipeline"),
    "horizon": N_("Horizon"),
    "days": N_("Days"),
    "baseline": N_("Baseline"),
    "scenario": N_("Scenario"),
    "change": N_("Change"),
    "baseline_pipeline": N_("Baseline, open pipeline"),
    "scenario_pipeline": N_("Scenario, open pipeline"),
    "baseline_new": N_("Baseline, deals not yet created"),
    "scenario_new": N_("Scenario, deals not yet created"),
    "won_so_far": N_("Won so far"),
}


#: Page name → its tables (keyed by the id of the table, or chart, they stand for).
PAGE_TABLES: Final[Mapping[str, Callable[[Any], dict[str, Table]]]] = {
    "home": home_tables,
    "pipeline": pipeline_tables,
    "marketing": marketing_tables,
    "forecast": forecast_tables,
}
#: Deal lists shown on the pages (their first rows) → the priority view they list in full.
DEAL_LIST_VIEWS: Final[Mapping[str, str | None]] = {
    "deals-table": None,  # replaced by the URL's own view
    "deals-overdue-table": "overdue",
    "deals-due-table": "due_soon",
    "deals-cold-table": "cold",
    "deals-quick-table": "quick_wins",
    "deals-untreated-table": "untreated",
    "pipeline-cold-table": "cold",
}
#: Table ids of every page table (a table card shows export buttons for these).
PAGE_TABLE_IDS: Final = {
    "home": ("home-kpi-table", "home-period-table", "home-forecast-table"),
    "pipeline": ("pipeline-stage-table", "pipeline-funnel-table", "pipeline-age-table",
                 "pipeline-sector-table", "pipeline-top-sectors-table", "pipeline-owner-table"),
    "marketing": ("marketing-source-table", "marketing-inflow-table"),
    "forecast": ("forecast-table", "forecast-side-table", "forecast-velocity-source-table",
                 "forecast-velocity-owner-table"),
}
EXPORTABLE: Final = frozenset({*DEAL_LIST_VIEWS, *(t for ids in PAGE_TABLE_IDS.values()
                                                   for t in ids)})


def page_of(table_id: str) -> str | None:
    """The page whose data holds table ``table_id`` (None for a deal list or an unknown id)."""
    for page, ids in PAGE_TABLE_IDS.items():
        if table_id in ids:
            return page
    return None
#: Charts → the table of the numbers they draw (a chart card offers that table's export).
CHART_TABLES: Final[Mapping[str, str]] = {
    "home-forecast-graph": "home-forecast-table",
    "pipeline-stage-graph": "pipeline-stage-table",
    "pipeline-funnel-graph": "pipeline-funnel-table",
    "pipeline-age-graph": "pipeline-age-table",
    "pipeline-sector-graph": "pipeline-sector-table",
    "pipeline-top-sectors-graph": "pipeline-top-sectors-table",
    "marketing-quality-graph": "marketing-source-table",
    "marketing-revenue-graph": "marketing-source-table",
    "marketing-inflow-graph": "marketing-inflow-table",
    "forecast-range-graph": "forecast-table",
    "forecast-velocity-source-graph": "forecast-velocity-source-table",
    "forecast-velocity-owner-graph": "forecast-velocity-owner-table",
}
