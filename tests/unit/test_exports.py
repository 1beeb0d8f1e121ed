"""Issue 13, point 1: the pure export builders (file name, header block, CSV, .xlsx).

Expected names and cells are written by hand here, never taken from the code under test.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from data import exports
from data.exports import Table, describe_filters, file_name, to_csv, to_xlsx
from data.filters import FilterState

AS_OF = date(2026, 11, 23)
WHEN = datetime(2026, 11, 24, 9, 30)
TABLE = Table(
    title="Deals",
    columns=("Deal", "Amount", "Created", "Note"),
    rows=(
        ("=HYPERLINK(\"http://evil\",\"x\")", 1234.5, "2026-01-15", "-1200"),
        ("@SUM(A1)", 12, None, "+cmd|' /C calc'!A0"),
        ("\tTabbed", None, "not a date", "\rReturn"),
        ("Plain", 0, "2026-02-01", "ok"),
    ),
    date_columns=("Created",),
    percent_columns=("Amount",),  # to check the format; a ratio column in real tables
)


def test_file_name_holds_filters_and_as_of_date() -> None:
    state = FilterState.from_query(
        "stage=N%C3%A9gociation&stage=Proposition&source=LinkedIn&from=2026-01-01&view=cold")
    assert file_name("deals", state, AS_OF, "csv") == (
        "deals_stage-Negociation+Proposition_source-LinkedIn_from-2026-01-01_view-cold"
        "_as-of-2026-11-23.csv")
    assert file_name("pipeline-owner", FilterState(), AS_OF, "xlsx") == (
        "pipeline-owner_as-of-2026-11-23.xlsx")


def test_file_name_is_safe_and_bounded() -> None:
    state = FilterState(owner=("../../etc/passwd", "a" * 300), q="x/y\\z:*?")
    name = file_name("deals", state, AS_OF, "csv")
    assert name.endswith("_as-of-2026-11-23.csv")
    assert len(name) <= 150
    assert "/" not in name and "\\" not in name and ".." not in name
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+.-")


def test_filters_written_out() -> None:
    assert describe_filters(FilterState()) == [("Filters", "None (all deals)")]
    state = FilterState.from_query("status=open&owner=Ann&date=close&to=2026-12-31&q=acme")
    assert describe_filters(state) == [
        ("Status", "open"), ("Owner", "Ann"),
        ("Expected close date", "… – 2026-12-31"), ("Search", "acme"),
    ]


def _csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens accents right
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_has_header_block_then_neutralised_table() -> None:
    state = FilterState(source=("LinkedIn",))
    rows = _csv_rows(to_csv(TABLE, state, AS_OF, WHEN))
    blank = rows.index([])
    assert rows[:blank] == [
        ["CRM Dashboard export", "Deals"],
        ["Analysis date", "2026-11-23"],
        ["Generated", "2026-11-24 09:30"],
        ["Source", "LinkedIn"],
    ]
    header, data = rows[blank + 1], rows[blank + 2:]
    assert header == ["Deal", "Amount", "Created", "Note"]
    assert len(data) == 4
    assert data[0] == ["'=HYPERLINK(\"http://evil\",\"x\")", "1234.5", "2026-01-15", "-1200"]
    assert data[1][0] == "'@SUM(A1)" and data[1][3] == "'+cmd|' /C calc'!A0"
    assert data[2][0] == "'\tTabbed" and data[2][3] == "'\rReturn"
    assert data[3] == ["Plain", "0", "2026-02-01", "ok"]


def test_xlsx_numbers_are_numbers_formulas_are_text() -> None:
    other = Table("Deals", ("Only",), (("x",),))  # same title: a second, renamed sheet
    book = load_workbook(io.BytesIO(to_xlsx([TABLE, other], FilterState(), AS_OF, WHEN)))
    assert book.sheetnames == ["Deals", "Deals (2)"]
    sheet = book["Deals"]
    cells = [[c for c in row] for row in sheet.iter_rows()]
    assert [c.value for c in cells[0]][:2] == ["CRM Dashboard export", "Deals"]
    header_at = next(i for i, row in enumerate(cells) if row and row[0].value == "Deal")
    assert cells[header_at][0].font.b
    first = cells[header_at + 1]
    assert first[0].value == "'=HYPERLINK(\"http://evil\",\"x\")" and first[0].data_type == "s"
    assert first[1].value == 1234.5 and first[1].data_type == "n"
    assert first[1].number_format == "0.0%"
    assert first[2].value == datetime(2026, 1, 15) and first[2].is_date
    assert first[3].value == "-1200"  # a plain signed number is not a formula
    second = cells[header_at + 2]
    assert second[0].value == "'@SUM(A1)" and second[1].value == 12
    assert second[2].value is None
    third = cells[header_at + 3]
    assert third[1].value is None and third[2].value == "not a date"
    assert not any(c.data_type == "f" for row in cells for c in row)


def test_xlsx_sheet_names_are_valid() -> None:
    tables = [Table("Time/to:win [by] owner? and a much longer title", ("a",), ((1,),))]
    book = load_workbook(io.BytesIO(to_xlsx(tables, FilterState(), AS_OF, WHEN)))
    (name,) = book.sheetnames
    assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_xlsx_refuses_a_view_longer_than_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 3)
    with pytest.raises(exports.ExportTooLarge, match="4 rows.*CSV"):
        to_xlsx([TABLE], FilterState(), AS_OF, WHEN)
    assert len(_csv_rows(to_csv(TABLE, FilterState(), AS_OF, WHEN))) > 4  # CSV has no limit


@dataclass(frozen=True)
class _Row:
    owner: str
    win_rate: float | None
    deals: int


@dataclass(frozen=True)
class _Page:
    title: str
    rows: tuple[_Row, ...]
    empty: tuple[_Row, ...]


def test_any_page_data_gives_its_lists_as_tables() -> None:
    tables = exports.dataclass_tables(_Page("x", (_Row("Ann", 0.25, 3), _Row("Bob", None, 0)), ()))
    assert list(tables) == ["rows"]
    table = tables["rows"]
    assert table.columns == ("Owner", "Win rate", "Deals")
    assert table.rows == (("Ann", 0.25, 3), ("Bob", None, 0))
    assert table.percent_columns == ("Win rate",)


def test_french_export_translates_labels_never_the_files_names() -> None:
    """Issue 13 point 3: header block, title, column labels, row labels and status words in
    French; a stage the user named "Won" stays "Won" (French by hand, not from the catalogue).
    """
    from layouts.formatting import Formatter
    from layouts.i18n import localise, status_label

    fr = Formatter("fr")
    table = Table(exports.VIEW_TITLES[None], ("Deal", "Stage", "Status", "Amount", "p"), (
        ("=1+1", "Won", "won", 1500.0, 0.3),
        (exports.Text("Open deals"), "Open", "open", 12, None),
    ), percent_columns=("p",), status_columns=("Status",), labelled=True)
    state = FilterState(status=("won",), stage=("Won",), view="cold")

    def render(text: str) -> str:
        return localise(fr, text)

    def status(word: str) -> str:
        return status_label(fr, word)

    rows = _csv_rows(to_csv(table, state, AS_OF, WHEN, render, status))
    blank = rows.index([])
    assert rows[:blank] == [
        ["Export du tableau de bord CRM", "Toutes les affaires"],
        ["Date d’analyse", "2026-11-23"],
        ["Généré le", "2026-11-24 09:30"],
        ["Statut", "Gagnée"], ["Étape", "Won"], ["Vue", "Affaires froides"],
    ]
    assert rows[blank + 1] == ["Affaire", "Étape", "Statut", "Montant", "p"]
    assert rows[blank + 2] == ["'=1+1", "Won", "Gagnée", "1500.0", "0.3"]
    assert rows[blank + 3][:3] == ["Affaires ouvertes", "Open", "Ouverte"]

    book = load_workbook(io.BytesIO(to_xlsx([table], state, AS_OF, WHEN, render, status)))
    assert book.sheetnames == ["Toutes les affaires"]
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    header_at = cells.index(["Affaire", "Étape", "Statut", "Montant", "p"])
    assert cells[header_at + 1] == ["'=1+1", "Won", "Gagnée", 1500, 0.3]  # numbers stay numbers
    assert cells[0][:2] == ["Export du tableau de bord CRM", "Toutes les affaires"]
    # without a language: the catalogue's English, as before
    english = _csv_rows(to_csv(table, state, AS_OF, WHEN))
    assert english[0] == ["CRM Dashboard export", "All deals"]
    assert ["Stage", "Won"] in english and ["Status", "won"] in english


def test_deal_list_labels_and_view_titles_are_in_the_catalogue() -> None:
    """A deal export's every column label and title has a French entry (else it stays
    English in the French file)."""
    from layouts.i18n import translations

    catalogue = translations("fr")._catalog  # type: ignore[attr-defined]  # Babel's own dict
    missing = [m for m in (*exports.DEAL_LABELS.values(), *exports.VIEW_TITLES.values())
               if m not in catalogue]
    assert missing == []


@dataclass(frozen=True)
class _Window:
    window: int
    deals: int
    gross: float
    worst: float
    likely: float
    best: float
    method: str


def test_forecast_method_is_a_catalogue_word_in_a_french_export() -> None:
    from layouts.formatting import Formatter
    from layouts.i18n import localise

    fr = Formatter("fr")
    table = exports._forecast_windows(
        [_Window(30, 4, 10.0, 1.0, 5.0, 9.0, "monte_carlo")])
    rows = _csv_rows(to_csv(table, FilterState(), AS_OF, WHEN, lambda t: localise(fr, t)))
    blank = rows.index([])
    assert rows[blank - 1] == ["Filtres", "Aucun (toutes les affaires)"]
    assert rows[blank + 1][-1] == "Méthode" and rows[blank + 2][-1] == "Monte-Carlo"
    assert rows[blank + 2][:2] == ["30", "4"]


def test_trends_segments_what_if_tables_are_labelled_in_the_page_language() -> None:
    """Pages exported through ``dataclass_tables`` name their tables and columns from the
    catalogue: the French export of Segments says "Taux de réussite", not "Win rate".
    """
    from data.pagedata.segments import Segment
    from layouts.formatting import Formatter

    values = {f.name: 0 for f in dataclasses.fields(Segment)}
    page = _Page("x", (Segment(**{**values, "segment": "Tech"}),), ())
    table = exports.dataclass_tables(page)["rows"]
    fr = Formatter("fr")._
    french = [fr(label) for label in table.columns]
    assert "Taux de réussite" in french and "Win rate" not in french
    assert all(label != fr(label) or label in {"Segment"} for label in table.columns)
    assert fr(table.title) == "Scénario"
