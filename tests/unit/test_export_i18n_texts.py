"""Issue 13 point 3: texts outside the pages in the page's language — the PDF's and the
printed page's filters, AG Grid's own words, the login page. French written by hand here.
"""

from __future__ import annotations

from dash import Dash, html
from flask import Flask

from callbacks import auth
from callbacks.report import filter_lines
from data.filters import FilterState
from layouts.components import grid, grid_locale
from layouts.formatting import Formatter
from layouts.page import printed_filters

WON_STAGE = FilterState(stage=("Won",), status=("won",), owner=("Lost",), view="cold")


def test_report_filters_keep_a_stage_named_won() -> None:
    """The bug: ``fmt._(value)`` printed a stage named "Won" as the status word "Gagnées"."""
    assert filter_lines(WON_STAGE, Formatter("fr")) == [
        ("Statut", "Gagnée"), ("Étape", "Won"), ("Responsable", "Lost"),
        ("Vue", "Affaires froides")]
    assert filter_lines(WON_STAGE, Formatter("en")) == [
        ("Status", "Won"), ("Stage", "Won"), ("Owner", "Lost"), ("View", "Cold deals")]


def test_printed_filters_keep_a_stage_named_won() -> None:
    printed = printed_filters(WON_STAGE, Formatter("fr"))
    pairs = [child.children for child in printed.children]
    assert pairs == ["Statut", "Gagnée", "Étape", "Won", "Responsable", "Lost",
                     "Vue", "Affaires froides"]


def test_grid_speaks_the_pages_language() -> None:
    french = grid_locale("fr")
    assert (french["to"], french["of"], french["noRowsToShow"]) == (
        "à", "sur", "Aucune ligne à afficher")
    assert french["thousandSeparator"] == "\u202f" and french["decimalSeparator"] == ","
    english = grid_locale("en")
    assert (english["to"], english["of"], english["noRowsToShow"]) == (
        "to", "of", "No rows to show")
    assert english["thousandSeparator"] == "," and english["decimalSeparator"] == "."
    made = grid("g", [], [], lang="fr")
    assert made.dashGridOptions["localeText"] == french
    made.dashGridOptions["localeText"]["to"] = "changed"  # a copy per grid
    assert grid_locale("fr")["to"] == "à"


def _login_page(cookie: str) -> str:
    app = Dash(__name__)
    app.layout = html.Div()
    server: Flask = app.server
    server.secret_key = "test"
    with server.test_request_context("/login", headers={"Cookie": f"crm_lang={cookie}"}):
        return auth._page(auth._LOGIN_PAGE, csrf="x", message="", next="/")


def test_login_page_in_the_users_language() -> None:
    french = _login_page("fr")
    assert '<html lang="fr">' in french
    assert "Se connecter" in french and "Mot de passe" in french and "Nom" in french
    assert "Sign in" not in french and "Password" not in french
    english = _login_page("en")
    assert "Sign in" in english and "Password" in english
    assert auth.page_words(Formatter("fr"))["wrong"] == "Nom ou mot de passe incorrect."
