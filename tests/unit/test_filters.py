"""FilterState: the one translation between the URL query string and the filters of a view.

Checked here: the round trip ``from_query(to_query(s)) == s`` (hypothesis plus explicit cases),
that Dash's ``layout(**kwargs)`` form parses like the raw query string, that bad input becomes
notices and never an exception, that value order does not change ``to_query``/``cache_key``,
and the semantics of ``apply`` (OR within a key, AND across keys, folded labels, inclusive date
ranges, case-insensitive text search over name/account/deal_id/owner/notes).
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import parse_qs

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from data.canonical import coerce_types
from data.filters import VIEWS, FilterState

# -- strategies ----------------------------------------------------------------------------------
# A value survives the URL unchanged when it is non-empty, has no leading/trailing whitespace
# (from_query strips) and no surrogate (cannot be UTF-8 encoded). Anything else is allowed:
# accents, spaces, '&', '=', '+', '%', '#', '?', quotes, emoji, control characters.
_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),
    min_size=1,
    max_size=30,
).filter(lambda v: v == v.strip() and v != "")
_TRICKY = st.sampled_from(
    ["Négociation", "Site web", "R&D", "a=b", "x+y", "100%", "#1", "what?", "Ümlaut & Co",
     "São Paulo", "naïve café", "\"quoted\"", "l'équipe", "a/b\\c", "日本語", "🚀 rocket"]
)
_VALUE = st.one_of(_TRICKY, _TEXT)


def _values() -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(_VALUE, max_size=4).map(lambda v: tuple(sorted(set(v))))


#: The dates a filter accepts (``MIN_YEAR``–``MAX_YEAR``; others are notices).
_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


@st.composite
def normalised_states(draw: st.DrawFn) -> FilterState:
    """States as ``from_query`` produces them: sorted unique values, from ≤ to, etc."""
    date_from = draw(st.none() | _DATES)
    date_to = draw(st.none() | _DATES)
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    has_dates = date_from is not None or date_to is not None
    return FilterState(
        status=tuple(sorted(draw(st.sets(st.sampled_from(["open", "won", "lost"]))))),
        stage=draw(_values()),
        source=draw(_values()),
        sector=draw(_values()),
        owner=draw(_values()),
        # to_query leaves the date field out when no date is set: only then is it kept
        date_field=draw(st.sampled_from(["created", "close"])) if has_dates else "created",
        date_from=date_from,
        date_to=date_to,
        import_id=draw(st.none() | st.integers(min_value=0, max_value=10**12)),
        dataset_id=draw(st.none() | st.integers(min_value=0, max_value=10**12)),
        currency=draw(st.none() | st.from_regex(r"\A[A-Z]{1,8}\Z")),
        q=draw(st.just("") | _VALUE),
        view=draw(st.none() | st.sampled_from(VIEWS)),
        as_of=draw(st.none() | _DATES),
        lang=draw(st.none() | st.sampled_from(["fr", "en"])),
    )


def dash_kwargs(query: str) -> dict[str, Any]:
    """What Dash passes to ``layout(**kwargs)``: a str for one value, a list for a repeated key."""
    return {k: v[0] if len(v) == 1 else v for k, v in parse_qs(query).items()}


# -- round trip ------------------------------------------------------------------------------
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(normalised_states())
def test_round_trip_query_string(state: FilterState) -> None:
    query = state.to_query()
    back = FilterState.from_query(query)
    assert back == state
    assert back.notices == ()
    assert back.to_query() == query
    assert FilterState.from_query(state.search()) == state  # with the leading "?"
    assert FilterState.from_query(query).cache_key() == state.cache_key()


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(normalised_states())
def test_dash_kwargs_form_parses_like_the_query_string(state: FilterState) -> None:
    kwargs = dash_kwargs(state.to_query())
    assert FilterState.from_query(kwargs) == FilterState.from_query(state.to_query()) == state
    # one value given as a one-element list is the same as the bare string
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in kwargs.items()}
    assert FilterState.from_query(as_lists) == state


EXPLICIT = [
    FilterState(),
    FilterState(stage=("Négociation",), source=("Site web",)),
    FilterState(stage=("Gagné", "Négociation", "Prospect", "Qualifié")),
    FilterState(source=("R&D", "a=b", "x+y&z=1"), owner=("Léa Dubois", "O'Brien")),
    FilterState(sector=("Santé", "Éducation"), q="relancer après la démo & co"),
    FilterState(status=("lost", "open", "won")),
    FilterState(date_from=date(2026, 1, 1), date_to=date(2026, 12, 31)),
    FilterState(date_field="close", date_from=date(2026, 11, 23)),
    FilterState(date_field="close", date_to=date(2027, 2, 28)),
    FilterState(date_from=date(2026, 2, 28), date_to=date(2026, 2, 28)),
    FilterState(import_id=7, currency="USD", view="cold", as_of=date(2026, 11, 23), lang="en"),
    FilterState(dataset_id=3, import_id=12, as_of=date(2024, 3, 12)),
    FilterState(dataset_id=3),
    FilterState(q="100% = sûr?", view="quick_wins"),
]


@pytest.mark.parametrize("state", EXPLICIT, ids=lambda s: s.to_query() or "default")
def test_round_trip_explicit_cases(state: FilterState) -> None:
    assert FilterState.from_query(state.to_query()) == state
    assert FilterState.from_query(dash_kwargs(state.to_query())) == state
    assert FilterState.from_query(state.search()).search() == state.search()


def test_hand_written_query_with_repeated_keys_accents_and_dates() -> None:
    query = ("stage=N%C3%A9gociation&stage=Prospect&source=Site+web&source=Salon"
             "&owner=L%C3%A9a%20Dubois&date=close&from=2026-01-01&to=2026-03-31"
             "&q=R%26D%20%3D%20top&currency=usd&import=3&lang=en")
    state = FilterState.from_query(query)
    assert state.stage == ("Négociation", "Prospect")
    assert state.source == ("Salon", "Site web")
    assert state.owner == ("Léa Dubois",)
    assert (state.date_field, state.date_from, state.date_to) == (
        "close", date(2026, 1, 1), date(2026, 3, 31))
    assert state.q == "R&D = top"
    assert state.currency == "USD"
    assert state.import_id == 3
    assert state.lang == "en"
    assert state.notices == ()
    kwargs = {"stage": ["Négociation", "Prospect"], "source": ["Site web", "Salon"],
              "owner": "Léa Dubois", "date": "close", "from": "2026-01-01", "to": "2026-03-31",
              "q": "R&D = top", "currency": "usd", "import": "3", "lang": "en"}
    assert FilterState.from_query(kwargs) == state


# -- normalisation ---------------------------------------------------------------------------
def test_value_and_key_order_do_not_change_query_or_cache_key() -> None:
    a = FilterState.from_query("stage=B&stage=A&source=Web&stage=A")
    b = FilterState.from_query("source=Web&stage=A&stage=B")
    c = FilterState.from_query({"stage": ["A", "B", "B"], "source": "Web"})
    assert a == b == c
    assert a.to_query() == b.to_query() == c.to_query() == "stage=A&stage=B&source=Web"
    assert a.cache_key() == b.cache_key() == c.cache_key()


@settings(max_examples=200)
@given(normalised_states(), st.randoms(use_true_random=False))
def test_shuffled_query_gives_the_same_state(state: FilterState, rnd: Any) -> None:
    pairs = [pair for pair in state.to_query().split("&") if pair]
    rnd.shuffle(pairs)
    shuffled = FilterState.from_query("&".join(pairs))
    assert shuffled == state
    assert shuffled.to_query() == state.to_query()
    assert shuffled.cache_key() == state.cache_key()


def test_cache_key_ignores_language_and_notices_but_not_filters() -> None:
    base = FilterState.from_query("stage=Prospect")
    assert FilterState.from_query("stage=Prospect&lang=en").cache_key() == base.cache_key()
    assert FilterState.from_query("stage=Prospect&bogus=1").cache_key() == base.cache_key()
    assert FilterState.from_query("stage=Prospect&as_of=2026-11-23").cache_key() != (
        base.cache_key())
    assert FilterState.from_query("stage=Qualifié").cache_key() != base.cache_key()


def test_defaults_are_left_out_of_the_query() -> None:
    assert FilterState().to_query() == ""
    assert FilterState().search() == ""
    # the date field alone selects nothing: it is not written
    assert FilterState.from_query("date=close").to_query() == ""
    assert FilterState.from_query("q=%20%20&stage=&source=").is_default()


# -- bad input: notices, never exceptions ------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "notice_part"),
    [
        ("foo=1", "foo"),
        ("status=maybe", "maybe"),
        ("from=2026-13-01", "from"),
        ("to=yesterday", "to"),
        ("as_of=23/11/2026", "as_of"),
        ("date=modified", "modified"),
        ("import=abc", "abc"),
        ("dataset=abc", "dataset"),
        ("dataset=-2", "-2"),
        ("import=-1", "-1"),
        ("currency=%E2%82%AC%E2%82%AC", "currency"),
        ("currency=EURO1", "currency"),
        ("view=everything", "everything"),
        ("lang=de", "de"),
    ],
)
def test_malformed_parameters_are_ignored_with_a_notice(query: str, notice_part: str) -> None:
    state = FilterState.from_query(query + "&stage=Prospect")
    assert state.stage == ("Prospect",)  # the good part is kept
    assert any(notice_part in n for n in state.notices), state.notices
    assert state.notices and all(isinstance(n, str) for n in state.notices)
    # the bad parameter is not written back
    assert state.to_query().split("&") == ["stage=Prospect"]


def test_status_keeps_valid_values_only() -> None:
    state = FilterState.from_query("status=won&status=perhaps&status=open")
    assert state.status == ("open", "won")
    assert len(state.notices) == 1


def test_from_after_to_is_swapped_with_a_notice() -> None:
    state = FilterState.from_query("from=2026-12-31&to=2026-01-01")
    assert (state.date_from, state.date_to) == (date(2026, 1, 1), date(2026, 12, 31))
    assert any("Swapped" in n for n in state.notices)


@pytest.mark.parametrize(
    "query",
    ["", "?", "&&&", "=", "=x", "stage", "%zz=1", "stage=%zz", "a=1;b=2", "?stage=%00",
     "q=" + "x" * 10_000, "stage=" + "&stage=".join(str(i) for i in range(1000)),
     "from=9999-99-99", "import=" + "9" * 50, "currency=%C2%B5", "q=%ff%fe",
     "import=%D9%A3", None],
)
def test_odd_queries_never_raise(query: str | None) -> None:
    state = FilterState.from_query(query)
    FilterState.from_query(state.to_query())
    assert len(state.stage) <= 200
    assert len(state.q) <= 200


def test_superscript_digit_import_is_a_notice_not_an_exception() -> None:
    state = FilterState.from_query("import=%C2%B2")
    assert state.import_id is None and state.notices


def test_none_inside_a_kwargs_list_is_dropped() -> None:
    assert FilterState.from_query({"stage": ["A", None]}).stage == ("A",)


def test_odd_dash_kwargs_never_raise() -> None:
    state = FilterState.from_query(
        {"stage": ["A", "", "  "], "source": None, "owner": 5, "import": ["2", "3"],
         "q": ["first", "second"], "unknown": ["x"], "status": ("won",)}
    )
    assert state.stage == ("A",)
    assert state.source == ()
    assert state.owner == ("5",)
    assert state.import_id == 2
    assert state.q == "first"
    assert state.status == ("won",)
    assert any("unknown" in n for n in state.notices)


@settings(max_examples=500)
@given(st.text(max_size=200))
def test_any_query_string_never_raises(text: str) -> None:
    _parse_and_round_trip(text)


@settings(max_examples=300)
@given(st.dictionaries(
    st.one_of(st.sampled_from(["stage", "source", "status", "from", "to", "date", "import",
                               "dataset",
                               "currency", "q", "view", "as_of", "lang", "owner"]), st.text()),
    st.one_of(st.none(), st.text(), st.lists(st.one_of(st.none(), st.text())), st.integers()),
    max_size=6,
))
def test_any_dash_kwargs_never_raise(kwargs: dict[str, Any]) -> None:
    _parse_and_round_trip(kwargs)


def _parse_and_round_trip(query: Any) -> None:
    state = FilterState.from_query(query)
    assert FilterState.from_query(state.to_query()) == state


# -- apply ------------------------------------------------------------------------------------
def _deals() -> pd.DataFrame:
    rows = [
        dict(deal_id="D1", name="Refonte site", account="Azur", stage="Prospect", status="open",
             source="LinkedIn", sector="Tech", owner="Léa Dubois", notes=None,
             created_date="2026-01-01", expected_close_date="2026-03-01"),
        dict(deal_id="D2", name="CRM rollout", account="Boréal", stage="Négociation",
             status="open", source="Salon", sector="Santé", owner="Hugo Bernard",
             notes="Relancer après la démo", created_date="2026-01-15",
             expected_close_date="2026-03-31"),
        dict(deal_id="D3", name="Audit", account="Cobalt", stage="Gagné", status="won",
             source="LinkedIn", sector="Tech", owner="Hugo Bernard", notes=None,
             created_date="2026-01-31", expected_close_date="2026-02-15"),
        dict(deal_id="D4", name="Formation", account="GROSSE STRASSE", stage="Perdu",
             status="lost", source="Site web", sector=None, owner=None, notes="budget",
             created_date="2026-02-01", expected_close_date=None),
        dict(deal_id="X-77", name="Licences", account="Delta", stage="Qualifié", status="open",
             source=None, sector="Retail", owner="Sarah Moreau", notes="contact: ACME",
             created_date=None, expected_close_date="2026-04-01"),
        dict(deal_id="D6", name="Support", account="Éole", stage="Négociation", status="open",
             source="Site web", sector="Tech", owner="Léa Dubois", notes=None,
             created_date="2025-12-31", expected_close_date="2026-03-02"),
    ]
    return coerce_types(pd.DataFrame(rows))


def _ids(query: str | dict[str, Any]) -> list[str]:
    return sorted(FilterState.from_query(query).apply(_deals())["deal_id"])


ALL_IDS = ["D1", "D2", "D3", "D4", "D6", "X-77"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ALL_IDS),
        # multi-select: OR within one key
        ("stage=Prospect&stage=Gagné", ["D1", "D3"]),
        ("source=LinkedIn&source=Salon", ["D1", "D2", "D3"]),
        ("status=open&status=won", ["D1", "D2", "D3", "D6", "X-77"]),
        # AND across keys
        ("source=LinkedIn&stage=Gagné", ["D3"]),
        ("source=LinkedIn&stage=Négociation", []),
        ("stage=Négociation&owner=Léa Dubois", ["D6"]),
        ("sector=Tech&source=Site web&source=LinkedIn&status=open", ["D1", "D6"]),
        # folded labels: case, accents, spaces, punctuation
        ("stage=negociation", ["D2", "D6"]),
        ("stage=NÉGOCIATION", ["D2", "D6"]),
        ("stage=%20n%C3%A9gociation%20", ["D2", "D6"]),
        ("source=site-web", ["D4", "D6"]),
        ("owner=lea dubois", ["D1", "D6"]),
        ("stage=Inconnu", []),
        # unknown values never match a filter on their column
        ("sector=None", []),
        # created date range, both ends inclusive
        ("from=2026-01-01&to=2026-01-31", ["D1", "D2", "D3"]),
        ("from=2026-01-15", ["D2", "D3", "D4"]),
        ("to=2026-01-01", ["D1", "D6"]),
        ("from=2026-02-01&to=2026-02-01", ["D4"]),
        # expected close date range
        ("date=close&from=2026-03-01&to=2026-03-31", ["D1", "D2", "D6"]),
        ("date=close&to=2026-02-15", ["D3"]),
        ("date=close&from=2026-04-01", ["X-77"]),
        # text search: case-insensitive, over name / account / deal_id / owner / notes only
        ("q=crm", ["D2"]),
        ("q=AZUR", ["D1"]),
        ("q=x-77", ["X-77"]),
        ("q=hugo", ["D2", "D3"]),
        ("q=RELANCER", ["D2"]),
        ("q=acme", ["X-77"]),
        ("q=straße", ["D4"]),  # casefold: ß == ss
        ("q=linkedin", []),  # source is not searched
        ("q=tech", []),  # nor sector
        ("q=prospect", []),  # nor stage
        ("q=hugo&stage=Gagné", ["D3"]),
    ],
)
def test_apply(query: str, expected: list[str]) -> None:
    assert _ids(query) == expected


def test_apply_from_dash_kwargs_matches_query_string() -> None:
    assert _ids({"stage": ["negociation", "Prospect"], "source": "Site web"}) == ["D6"]


def test_apply_keeps_rows_and_columns_untouched() -> None:
    deals = _deals()
    out = FilterState.from_query("stage=negociation").apply(deals)
    pd.testing.assert_frame_equal(out, deals.loc[out.index])
    assert list(out.index) == [1, 5]


def test_dataset_and_analysis_date_survive_a_copied_link() -> None:
    state = FilterState.from_query("dataset=4&import=9&as_of=2024-03-12&stage=Won")
    assert (state.dataset_id, state.import_id, state.as_of) == (4, 9, date(2024, 3, 12))
    assert FilterState.from_query(state.to_query()) == state
    assert "dataset=4" in state.to_query() and "as_of=2024-03-12" in state.to_query()
    # the dataset selects data: it is part of the memo key, unlike the language
    assert state.cache_key() != FilterState.from_query("import=9&as_of=2024-03-12&stage=Won"
                                                       ).cache_key()


def test_dates_outside_the_timestamp_range_are_notices_not_errors() -> None:
    state = FilterState.from_query("as_of=0001-01-01&from=9999-12-31&to=2026-01-31")
    assert state.as_of is None and state.date_from is None
    assert state.date_to == date(2026, 1, 31)
    assert len(state.notices) == 2 and all("1900" in n for n in state.notices)
