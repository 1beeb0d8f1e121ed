"""Grid columns are at least as wide as the longest word of their header (no "Responsab/le")."""

from __future__ import annotations

from layouts.components import GRID_MIN_WIDTH, grid_column, header_word_width


def test_a_long_single_word_header_widens_its_column() -> None:
    narrow = grid_column("owner", "Owner")
    wide = grid_column("owner", "Responsable")
    assert "minWidth" not in narrow  # the grid's default minimum is enough
    assert wide["minWidth"] == header_word_width("Responsable") > GRID_MIN_WIDTH


def test_wrapping_headers_are_sized_by_their_longest_word_only() -> None:
    assert header_word_width("Chiffre d'affaires gagné") == header_word_width("d'affaires")


def test_frozen_and_numeric_minimums_are_kept_when_larger() -> None:
    assert grid_column("name", "Deal", first=True)["minWidth"] == 150
    assert grid_column("amount", "Amount", numeric=True)["minWidth"] == 125
