"""Issue 9 (load): a search folds each import's text once, and finds what folding every cell finds.

``filters.TextIndex`` keeps the search columns casefolded per distinct value; ``FilterState``
with it must select exactly the rows it selects without it (``_contains`` folds every cell),
on object, Arrow-backed and category columns, with unknown cells and letters whose casefold is
not their lower case. The data manager builds one index per import and hands it to every
snapshot (version) of that import.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import Engine

from data.filters import SEARCH_COLUMNS, FilterState, TextIndex, _contains
from data.importer import import_file
from data.memo import NoCache
from data.sample import sample_csv_bytes
from data.snapshots import SnapshotManager

AS_OF = date(2026, 11, 23)
NEEDLES = ("ss", "STRASSE", "ﬁ", "fi", "éo", "ÉO", "12", "1.5", "a", "zzz", "ΣΑΣ", "σας", " ")


def _frame(text_dtype: str | None) -> pd.DataFrame:
    names = ["Straße 12", "STRASSE", None, "ﬁnance Éole", "Affaire 1.5", "ΣΑΣ", "", "Éole"]
    frame = pd.DataFrame({
        "name": names,
        "account": ["Groupe Éole", "Studio", "Groupe Éole", None, "Labo ﬁ", "Studio", "x", "y"],
        "deal_id": ["D-1", "D-12", "D-2", "D-3", "D-4", "D-5", "D-6", "D-7"],
        "owner": pd.Categorical(["Léa", "Hugo", None, "Léa", "Zoé", "Hugo", "Léa", "Hugo"]),
        "notes": [1.5, None, "Relancé", "relancé ss", None, "ß", "ΣΑΣ", np.nan],
    })
    if text_dtype is not None:
        for column in ("name", "account", "deal_id"):
            frame[column] = frame[column].astype(text_dtype)
    return frame


@pytest.mark.parametrize("text_dtype", [None, "str", "category"])
def test_index_finds_what_folding_every_cell_finds(text_dtype: str | None) -> None:
    frame = _frame(text_dtype)
    index = TextIndex(frame)
    for needle in NEEDLES:
        folded = needle.casefold()
        for column in SEARCH_COLUMNS:
            expected = _contains(frame[column], folded)
            assert index.contains(column, folded).tolist() == expected.tolist(), (column, needle)


@pytest.mark.parametrize("text_dtype", [None, "str"])
def test_filter_state_selects_the_same_rows_with_the_index(text_dtype: str | None) -> None:
    frame = _frame(text_dtype)
    index = TextIndex(frame)
    for needle in NEEDLES:
        state = FilterState(q=needle)
        plain, indexed = state.apply(frame), state.apply(frame, index)
        assert indexed.index.tolist() == plain.index.tolist(), needle
    assert len(FilterState(q="strasse").apply(frame, index)) == 2  # "Straße" folds to "strasse"


def test_an_index_of_other_rows_is_not_used() -> None:
    frame = _frame("str")
    other = TextIndex(frame.iloc[:3])
    found = FilterState(q="éole").apply(frame, other)
    assert found.index.tolist() == FilterState(q="éole").apply(frame).index.tolist() == [0, 2, 3, 7]


def test_snapshots_of_one_import_share_its_index(engine: Engine, tmp_path: Path) -> None:
    outcome = import_file(engine, sample_csv_bytes(AS_OF, n=300), "sample.csv")
    assert outcome.import_id is not None
    manager = SnapshotManager(engine, NoCache(), frames_dir=tmp_path)
    version = manager.version()
    first = manager.snapshot(version, None)
    again = manager.snapshot(version + 1, outcome.import_id)  # another key, the same import
    assert first is not None and again is not None and first is not again
    assert first.text is not None and first.text is again.text
    word = str(first.deals["account"].dropna().iloc[0]).split()[-1].upper()
    selection = manager.selection(version, FilterState(q=word))
    assert selection is not None
    expected = FilterState(q=word).apply(first.deals)
    assert 0 < len(selection.deals) == len(expected) < len(first.deals)
    assert selection.deals.index.tolist() == expected.index.tolist()
