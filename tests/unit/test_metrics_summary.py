"""Home indicators and currencies on the hand-written fixture (expected values by hand)."""

from __future__ import annotations

import pytest
from metrics_fixture import AS_OF, build_deals, deal, eur_deals, fixture_deals

from data.metrics import (
    average_deal_size,
    average_won_deal_size,
    conversion_rate,
    deal_counts,
    main_currency,
    period_comparison,
    pipeline_gross,
    pipeline_weighted,
    split_currency,
    win_rate,
    won_revenue,
)


def test_deal_counts_all_currencies() -> None:
    # open D01-D07, D11, D14 = 9; won D08, D09, D12 = 3; lost D10, D13 = 2
    assert deal_counts(fixture_deals()) == {"total": 14, "open": 9, "won": 3, "lost": 2}


def test_pipeline_gross_skips_unknown_amounts() -> None:
    # EUR open: 1000 + 2000 + 5000 + 10000 + 8000 + 3000 + (D07 unknown) + 1500 = 30500
    assert pipeline_gross(eur_deals()) == 30500.0
    # the function itself never looks at currencies: + D11 50000 USD
    assert pipeline_gross(fixture_deals()) == 80500.0


def test_pipeline_weighted_unknown_p_adds_zero() -> None:
    # 1000*.1 + 2000*.1 + 5000*.3 + 10000*.7 + 8000*.9 + 3000*unknown(0) + 1500*.1
    # = 100 + 200 + 1500 + 7000 + 7200 + 0 + 150 = 16150
    assert pipeline_weighted(eur_deals()) == 16150.0


def test_rates() -> None:
    # won 3 / (won 3 + lost 2) = 0.6; conversion = won 3 / 14 deals
    frame = fixture_deals()
    assert win_rate(frame) == pytest.approx(0.6)
    assert conversion_rate(frame) == pytest.approx(3 / 14)


def test_averages_and_won_revenue() -> None:
    frame = eur_deals()
    # known EUR amounts: open 30500 + won 4000 + 6000 + lost 7000 = 47500 over 10 deals
    assert average_deal_size(frame) == 4750.0
    # won EUR: (4000 + 6000) / 2
    assert average_won_deal_size(frame) == 5000.0
    assert won_revenue(frame) == 10000.0


def test_no_closed_deal_gives_unknown_rates_and_averages() -> None:
    frame = build_deals([deal(deal_id="A"), deal(deal_id="B", amount=None)])
    assert win_rate(frame) is None
    assert conversion_rate(frame) == 0.0
    assert average_won_deal_size(frame) is None
    assert won_revenue(frame) == 0.0
    assert average_deal_size(frame) == 1000.0  # B's unknown amount is left out


def test_only_unknown_amounts() -> None:
    frame = build_deals([deal(amount=None), deal(amount=None, status="won", stage="Gagné")])
    assert pipeline_gross(frame) == 0.0
    assert pipeline_weighted(frame) == 0.0
    assert average_deal_size(frame) is None
    assert average_won_deal_size(frame) is None


def test_money_is_rounded_to_the_cent() -> None:
    # 3 × 0.1 × 10.01 = 3.003 → 3.0; 10.005 + 0.001 = 10.006 → 10.01
    frame = build_deals([deal(amount=10.01), deal(amount=10.01), deal(amount=10.01)])
    assert pipeline_weighted(frame) == 3.0
    assert pipeline_gross(build_deals([deal(amount=10.005), deal(amount=0.001)])) == 10.01


def test_main_currency_and_split() -> None:
    frame = fixture_deals()
    assert main_currency(frame) == "EUR"  # 12 EUR vs 2 USD
    eur, others = split_currency(frame, "EUR")
    assert len(eur) == 12 and others == 2
    usd, others = split_currency(frame, "USD")
    assert list(usd["deal_id"]) == ["D11", "D12"] and others == 12
    same, none_left = split_currency(eur, "EUR")
    assert same is eur and none_left == 0


def test_main_currency_ties_and_unknown() -> None:
    tie = build_deals([deal(currency="USD"), deal(currency="EUR"), deal(currency=None)])
    assert main_currency(tie) == "EUR"  # 1 each: alphabetical
    eur, others = split_currency(tie, "EUR")
    assert len(eur) == 1 and others == 2  # the deal without currency is left out ...
    eur, others = split_currency(tie, "EUR", include_unknown=True)
    assert len(eur) == 2 and others == 1  # ... unless asked for
    no_currency = build_deals([deal(currency=None)])
    assert main_currency(no_currency) is None
    frame, others = split_currency(no_currency, None)
    assert frame is no_currency and others == 0


def test_period_comparison_by_hand() -> None:
    result = period_comparison(fixture_deals(), AS_OF)
    # current 2026-10-25..2026-11-23: created D01, D02, D06, D14 = 4; won D09 (by its expected
    # date 11-10, no closed date) = 1, revenue 6000; lost D10 (11-20) -> win rate 1/2
    assert result["current"] == {
        "start": "2026-10-25", "end": "2026-11-23", "created": 4, "won": 1,
        "won_revenue": 6000.0, "win_rate": 0.5,
    }
    # previous 2026-09-25..2026-10-24: created D04, D07, D11, D12, D13 = 5; won D08 (10-01)
    # and D12 (10-11) = 2, revenue 4000 + 9000; lost D13 (10-20) -> win rate 2/3
    prev = result["previous"]
    assert (prev["start"], prev["end"], prev["created"], prev["won"]) == (
        "2026-09-25", "2026-10-24", 5, 2,
    )
    assert prev["won_revenue"] == 13000.0
    assert prev["win_rate"] == pytest.approx(2 / 3)
    change = result["change"]
    assert (change["created"], change["won"], change["won_revenue"]) == (-1, -1, -7000.0)
    assert change["win_rate"] == pytest.approx(0.5 - 2 / 3)


def test_period_comparison_unknown_win_rate_change() -> None:
    # one deal won in the current period, nothing closed in the previous one
    frame = build_deals([deal(status="won", stage="Gagné", closed_date="2026-11-20",
                              created_date="2026-09-01")])
    result = period_comparison(frame, AS_OF, days=7)
    assert result["current"]["start"] == "2026-11-17"
    assert result["previous"] == {
        "start": "2026-11-10", "end": "2026-11-16", "created": 0, "won": 0,
        "won_revenue": 0.0, "win_rate": None,
    }
    assert result["current"]["win_rate"] == 1.0
    assert result["change"]["win_rate"] is None
    assert result["change"]["won_revenue"] == 1000.0
