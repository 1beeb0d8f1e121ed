"""Movement, weekly evolution and time in stage between snapshots (issue 12 point 4)."""

from __future__ import annotations

from datetime import date

from metrics_fixture import STAGES, build_deals, deal

from data.metrics.history import (
    SnapshotFrame,
    movement,
    movement_summary,
    pipeline_evolution,
    stage_spells,
    time_in_stage,
)


def _cat(moves, deal_id):  # type: ignore[no-untyped-def]
    return moves.loc[moves["deal_id"] == deal_id, "category"].iloc[0]


def test_movement_categories_in_metrics_order() -> None:
    earlier = build_deals([
        deal(deal_id="won", stage="Négociation", expected_close_date="2026-12-01"),
        deal(deal_id="lost", stage="Prospect"),
        deal(deal_id="adv", stage="Prospect", expected_close_date="2026-12-01"),
        deal(deal_id="back", stage="Négociation"),
        deal(deal_id="push", stage="Qualifié", expected_close_date="2026-12-01"),
        deal(deal_id="same", stage="Qualifié", expected_close_date="2026-12-01"),
        deal(deal_id="earlier", stage="Qualifié", expected_close_date="2026-12-01"),
        deal(deal_id="gone", stage="Prospect", amount=300.0),
        deal(deal_id="closed", stage="Gagné", status="won"),
        deal(deal_id=None, stage="Prospect"),
    ])
    later = build_deals([
        # won wins over a pushed close date and a stage change
        deal(deal_id="won", stage="Gagné", status="won", amount=1500.0,
             expected_close_date="2027-01-01"),
        deal(deal_id="lost", stage="Perdu", status="lost", amount=700.0),
        deal(deal_id="adv", stage="Négociation", expected_close_date="2027-01-01"),
        deal(deal_id="back", stage="Prospect"),
        deal(deal_id="push", stage=" qualifie ", expected_close_date="2026-12-15"),  # same stage
        deal(deal_id="same", stage="Qualifié", expected_close_date="2026-12-01"),
        deal(deal_id="earlier", stage="Qualifié", expected_close_date="2026-11-25"),
        deal(deal_id="fresh", stage="Prospect", amount=50.0),
        deal(deal_id="closed", stage="Gagné", status="won"),
        deal(deal_id=None, stage="Prospect"),
    ])
    moves = movement(earlier, later, STAGES)
    expected = {"won": "won", "lost": "lost", "adv": "advanced", "back": "moved_back",
                "push": "pushed", "same": "unchanged", "earlier": "unchanged",
                "gone": "removed", "fresh": "new", "closed": "unchanged"}
    assert {k: _cat(moves, k) for k in expected} == expected
    assert len(moves) == len(expected)  # deals without an id cannot be matched
    summary = movement_summary(moves).set_index("category")
    assert summary.loc["won", "amount"] == 1500.0  # L's amount
    assert summary.loc["removed", "amount"] == 300.0  # E's amount
    assert summary.loc["new", "amount"] == 50.0
    assert summary.loc["unchanged", "count"] == 3
    assert summary["count"].sum() == 10


def test_movement_amount_in_one_currency() -> None:
    earlier = build_deals([deal(deal_id="a"), deal(deal_id="b")])
    later = build_deals([deal(deal_id="a", stage="Qualifié", amount=200.0),
                         deal(deal_id="b", stage="Qualifié", amount=900.0, currency="USD")])
    summary = movement_summary(movement(earlier, later, STAGES), "EUR").set_index("category")
    assert (summary.loc["advanced", "count"], summary.loc["advanced", "amount"]) == (2, 200.0)


def test_weekly_evolution_keeps_the_latest_snapshot_of_each_week() -> None:
    monday = build_deals([deal(deal_id="a", amount=100.0)])
    friday = build_deals([deal(deal_id="a", amount=100.0),
                          deal(deal_id="b", stage="Négociation", amount=1000.0),
                          deal(deal_id="c", stage="Gagné", status="won", amount=5.0)])
    next_week = build_deals([deal(deal_id="b", stage="Négociation", amount=2000.0)])
    table = pipeline_evolution([
        SnapshotFrame(1, date(2026, 11, 2), monday),
        SnapshotFrame(3, date(2026, 11, 9), next_week),
        SnapshotFrame(2, date(2026, 11, 6), friday),
    ], STAGES)
    assert table["week"].unique().tolist() == ["2026-11-02", "2026-11-09"]
    first = table[table["week"] == "2026-11-02"].set_index("stage")
    assert first["import_id"].unique().tolist() == [2]
    assert first.index.tolist() == ["Prospect", "Qualifié", "Négociation", "Démo"]
    assert (first.loc["Prospect", "gross"], first.loc["Prospect", "weighted"]) == (100.0, 10.0)
    assert (first.loc["Négociation", "gross"], first.loc["Négociation", "weighted"]) == (
        1000.0, 700.0)
    assert first.loc["Qualifié", "count"] == 0
    second = table[table["week"] == "2026-11-09"].set_index("stage")
    assert second.loc["Négociation", "gross"] == 2000.0 and second.loc["Prospect", "gross"] == 0


def test_time_in_stage_spells() -> None:
    d1, d2, d3, d4 = date(2026, 9, 1), date(2026, 9, 8), date(2026, 9, 22), date(2026, 10, 1)
    s1 = build_deals([deal(deal_id="a", stage="Prospect", source="Web"),
                      deal(deal_id="b", stage="Qualifié", source="Web"),
                      deal(deal_id="c", stage="Prospect", source="Ads")])
    s2 = build_deals([deal(deal_id="a", stage="Qualifié", source="Web"),
                      # b is missing from this export: nothing is known about it
                      deal(deal_id="c", stage="Prospect", source="Ads"),
                      deal(deal_id="d", stage="Prospect", source="Ads")])
    s3 = build_deals([deal(deal_id="a", stage="Prospect", source="Web"),  # back: 2nd spell
                      deal(deal_id="b", stage="Gagné", status="won", source="Web"),
                      deal(deal_id="c", stage="Prospect", source="Ads"),
                      deal(deal_id="d", stage="Négociation", source="Ads")])
    s4 = build_deals([deal(deal_id="a", stage="Négociation"), deal(deal_id="c", stage="Perdu",
                                                                  status="lost", source="Ads")])
    spells = stage_spells([SnapshotFrame(4, d4, s4), SnapshotFrame(1, d1, s1),
                           SnapshotFrame(2, d2, s2), SnapshotFrame(3, d3, s3)], STAGES)
    got = {(r.deal_id, r.stage): (r.days, r.lower_bound) for r in spells.itertuples()}
    assert got == {
        ("a", "Prospect"): (7.0, True),  # S1 -> S2; its second spell (S3 -> S4) is not counted
        ("a", "Qualifié"): (14.0, False),  # S2 -> S3
        ("b", "Qualifié"): (21.0, True),  # S1 -> S3 (absent in S2)
        ("c", "Prospect"): (30.0, True),  # S1 -> S4 (lost)
        ("d", "Prospect"): (14.0, False),  # S2 -> S3
    }
    table = time_in_stage(spells, STAGES).set_index("stage")
    assert table.index.tolist() == ["Prospect", "Qualifié"]
    assert (table.loc["Prospect", "count"], table.loc["Prospect", "mean_days"],
            table.loc["Prospect", "median_days"], table.loc["Prospect", "lower_bounds"]) == (
        3, 17.0, 14.0, 2)
    assert table.loc["Qualifié", "mean_days"] == 17.5
    assert bool(table.loc["Qualifié", "is_lower_bound"]) is True
    by_source = time_in_stage(spells, STAGES, by="source").set_index(["stage", "source"])
    assert by_source.loc[("Prospect", "Ads"), "mean_days"] == 22.0
    assert by_source.loc[("Prospect", "Web"), "count"] == 1


def test_one_snapshot_has_no_spells() -> None:
    spells = stage_spells([SnapshotFrame(1, date(2026, 9, 1), build_deals([deal()]))], STAGES)
    assert spells.empty and time_in_stage(spells, STAGES).empty


def test_repeated_and_missing_ids_use_the_first_row() -> None:
    d1, d2 = date(2026, 9, 1), date(2026, 9, 11)
    s1 = build_deals([deal(deal_id="a", stage="Prospect"), deal(deal_id="a", stage="Négociation"),
                      deal(deal_id=None, stage="Prospect")])
    s2 = build_deals([deal(deal_id="a", stage="Qualifié"), deal(deal_id=None, stage="Gagné",
                                                               status="won")])
    moves = movement(s1, s2, STAGES)
    assert moves["deal_id"].tolist() == ["a"] and moves["category"].tolist() == ["advanced"]
    spells = stage_spells([SnapshotFrame(1, d1, s1), SnapshotFrame(2, d2, s2)], STAGES)
    assert spells[["deal_id", "stage", "days"]].values.tolist() == [["a", "Prospect", 10.0]]
    nobody = build_deals([deal(deal_id=None)])
    assert stage_spells([SnapshotFrame(1, d1, nobody), SnapshotFrame(2, d2, nobody)],
                        STAGES).empty
