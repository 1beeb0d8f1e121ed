"""Three snapshots of one dataset, imported as CSV files, through the CLI functions (issue 12).

Snapshot dates: S1 2026-09-01, S2 2026-09-15, S3 2026-10-15. Stages Prospect (p 0.10),
Qualified (0.30), Negotiation (0.70), Won, Lost (pipeline order in that order).

    deal  S1                          S2                          S3
    A     Prospect 1000 close 09-20   Qualified 1000 close 09-20  Won 1200 closed 10-01
    B     Qualified 2000 close 09-10  Qualified 2000 close 10-10  Lost 2000 closed 10-05
    C     Negotiation 5000 cl 09-25   Won 5000 closed 09-12       Won 5000 closed 09-12
    D     Negotiation 3000 cl 10-20   Qualified 3000 close 10-20  Qualified 3000 close 10-20
    E     Prospect 500 close 09-30    (gone)                      (gone)
    F     (not yet)                   Prospect 800 close 10-01    Negotiation 800 close 10-30
    G     Won 4000 closed 08-20       Won 4000 closed 08-20       Won 4000 closed 08-20
    H     Qualified 1500 close 08-25  Lost 1500 closed 09-10      Lost 1500 closed 09-10
    I     Prospect 700 close 03-01-27 Prospect 700                Prospect 700
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from data.__main__ import backtest_json, kpi_json, main, movement_json, time_in_stage_json
from data.importer import import_file

HEADER = ("Deal ID,Deal Name,Stage,Amount,Currency,Expected Close Date,Created Date,"
          "Closed Date,Source,Owner\n")
S1 = [
    "A,Alpha,Prospect,1000,EUR,2026-09-20,2026-08-01,,Web,Ann",
    "B,Beta,Qualified,2000,EUR,2026-09-10,2026-08-01,,Web,Ann",
    "C,Gamma,Negotiation,5000,EUR,2026-09-25,2026-07-01,,Referral,Bob",
    "D,Delta,Negotiation,3000,EUR,2026-10-20,2026-07-15,,Referral,Bob",
    "E,Epsilon,Prospect,500,EUR,2026-09-30,2026-08-20,,Web,Ann",
    "G,Eta,Won,4000,EUR,2026-08-20,2026-06-01,2026-08-20,Web,Bob",
    "H,Theta,Qualified,1500,EUR,2026-08-25,2026-07-01,,Web,Ann",
    "I,Iota,Prospect,700,EUR,2027-03-01,2026-08-15,,Event,Ann",
]
S2 = [
    "A,Alpha,Qualified,1000,EUR,2026-09-20,2026-08-01,,Web,Ann",
    "B,Beta,Qualified,2000,EUR,2026-10-10,2026-08-01,,Web,Ann",
    "C,Gamma,Won,5000,EUR,2026-09-25,2026-07-01,2026-09-12,Referral,Bob",
    "D,Delta,Qualified,3000,EUR,2026-10-20,2026-07-15,,Referral,Bob",
    "F,Zeta,Prospect,800,EUR,2026-10-01,2026-09-10,,Event,Bob",
    "G,Eta,Won,4000,EUR,2026-08-20,2026-06-01,2026-08-20,Web,Bob",
    "H,Theta,Lost,1500,EUR,2026-08-25,2026-07-01,2026-09-10,Web,Ann",
    "I,Iota,Prospect,700,EUR,2027-03-01,2026-08-15,,Event,Ann",
]
S3 = [
    "A,Alpha,Won,1200,EUR,2026-09-20,2026-08-01,2026-10-01,Web,Ann",
    "B,Beta,Lost,2000,EUR,2026-10-10,2026-08-01,2026-10-05,Web,Ann",
    "C,Gamma,Won,5000,EUR,2026-09-25,2026-07-01,2026-09-12,Referral,Bob",
    "D,Delta,Qualified,3000,EUR,2026-10-20,2026-07-15,,Referral,Bob",
    "F,Zeta,Negotiation,800,EUR,2026-10-30,2026-09-10,,Event,Bob",
    "G,Eta,Won,4000,EUR,2026-08-20,2026-06-01,2026-08-20,Web,Bob",
    "H,Theta,Lost,1500,EUR,2026-08-25,2026-07-01,2026-09-10,Web,Ann",
    "I,Iota,Prospect,700,EUR,2027-03-01,2026-08-15,,Event,Ann",
]
DATES = [date(2026, 9, 1), date(2026, 9, 15), date(2026, 10, 15)]


def _import_three(engine: Engine) -> list[int]:
    ids = []
    for k, rows in enumerate((S1, S2, S3), start=1):
        content = (HEADER + "\n".join(rows) + "\n").encode()
        outcome = import_file(engine, content, f"deals_s{k}.csv")
        assert outcome.refused is None and outcome.import_id is not None
        assert outcome.summary["rows_imported"] == len(rows)
        ids.append(outcome.import_id)
    return ids


def _counts(result: dict[str, Any]) -> dict[str, tuple[int, float]]:
    names = ("won", "lost", "advanced", "moved_back", "pushed", "new", "removed")
    return {n: (result[n]["count"], result[n]["amount"]) for n in names}


def test_movement_between_snapshots(engine: Engine) -> None:
    s1, s2, s3 = _import_three(engine)
    first = movement_json(engine, s1, s2, deals=True)
    assert _counts(first) == {
        "won": (1, 5000.0), "lost": (1, 1500.0), "advanced": (1, 1000.0),
        "moved_back": (1, 3000.0), "pushed": (1, 2000.0), "new": (1, 800.0),
        "removed": (1, 500.0),
    }
    assert first["won"]["deals"] == ["C"] and first["removed"]["deals"] == ["E"]
    assert sorted(first["unchanged"]["deals"]) == ["G", "I"]
    second = movement_json(engine, s2, s3)
    assert _counts(second) == {
        "won": (1, 1200.0), "lost": (1, 2000.0), "advanced": (1, 800.0),
        "moved_back": (0, 0.0), "pushed": (0, 0.0), "new": (0, 0.0), "removed": (0, 0.0),
    }
    assert second["unchanged"]["count"] == 5 and second["currency"] == "EUR"
    overall = movement_json(engine, s1, s3)
    assert _counts(overall) == {
        "won": (2, 6200.0), "lost": (2, 3500.0), "advanced": (0, 0.0),
        "moved_back": (1, 3000.0), "pushed": (0, 0.0), "new": (1, 800.0),
        "removed": (1, 500.0),
    }


def test_time_in_stage_from_transitions(engine: Engine) -> None:
    ids = _import_three(engine)
    rows = time_in_stage_json(engine, ids, DATES)
    by_stage = {r["stage"]: r for r in rows}
    assert [r["stage"] for r in rows] == ["Prospect", "Qualified", "Negotiation"]
    # Prospect: A 14 days (entered before S1: lower bound), F 30 days (S2 -> S3)
    assert (by_stage["Prospect"]["count"], by_stage["Prospect"]["mean_days"],
            by_stage["Prospect"]["median_days"], by_stage["Prospect"]["lower_bounds"]) == (
        2, 22.0, 22.0, 1)
    # Qualified: A 30 (S2 -> S3), B 44 (lower bound), H 14 (lower bound); D still there
    assert (by_stage["Qualified"]["count"], by_stage["Qualified"]["mean_days"],
            by_stage["Qualified"]["median_days"], by_stage["Qualified"]["lower_bounds"]) == (
        3, 29.33, 30.0, 2)
    assert by_stage["Qualified"]["is_lower_bound"] is True
    # Negotiation: C 14 and D 14, both from S1 (lower bounds)
    assert (by_stage["Negotiation"]["count"], by_stage["Negotiation"]["mean_days"],
            by_stage["Negotiation"]["lower_bounds"]) == (2, 14.0, 2)
    by_source = {(r["stage"], r["source"]): r for r in time_in_stage_json(
        engine, ids, DATES, by="source")}
    assert by_source[("Prospect", "Web")]["mean_days"] == 14.0
    assert by_source[("Prospect", "Event")]["mean_days"] == 30.0
    assert by_source[("Prospect", "Event")]["is_lower_bound"] is False


def test_backtest_errors(engine: Engine) -> None:
    ids = _import_three(engine)
    result = backtest_json(engine, ids, DATES, min_closed=1)
    rows = {(r["import_id"], r["window"]): r for r in result["rows"]}
    s1, s2, s3 = ids
    assert {k[0] for k in rows} == {s1, s2}  # the newest snapshot has nothing after it
    # S1 (09-01), 30 days: A .1*1000 + B .3*2000 + C .7*5000 + E .1*500 = 4250; won later with
    # close dates up to 10-01: C 5000 (09-12) and A 1200 (10-01) = 6200
    r = rows[(s1, 30)]
    assert (r["forecast"], r["actual"], r["error"], r["signed_error"], r["judged"]) == (
        4250.0, 6200.0, 1950.0, -1950.0, True)
    # 60 days adds D .7*3000; not judged (S3 is 44 days after S1)
    assert (rows[(s1, 60)]["forecast"], rows[(s1, 60)]["actual"], rows[(s1, 60)]["judged"]) == (
        6350.0, 6200.0, False)
    # S2 (09-15), 30 days (to 10-15; D closes 10-20): A .3*1000 + B .3*2000 + F .1*800 = 980;
    # won: A 1200
    r = rows[(s2, 30)]
    assert (r["forecast"], r["actual"], r["error"], r["judged"]) == (980.0, 1200.0, 220.0, True)
    summary = result["summary"]
    assert summary["configured"]["30"] == {"snapshots": 2, "mae": 1085.0, "bias": -1085.0}
    assert summary["configured"]["60"]["snapshots"] == 0
    # calibrated (min 1 closed deal): S1 knows only G (won) -> every stage 100 %: 8500 forecast;
    # S2: C, G won, H lost having reached Qualified in S1 -> Prospect, Qualified 2/3,
    # Negotiation 1: A 1000*2/3 + B 2000*2/3 + F 800*2/3 = 2533.33
    assert rows[(s1, 30)]["forecast_calibrated"] == 8500.0
    assert rows[(s1, 30)]["error_calibrated"] == 2300.0
    assert rows[(s2, 30)]["forecast_calibrated"] == pytest.approx(2533.33, abs=0.01)
    assert rows[(s2, 30)]["error_calibrated"] == pytest.approx(1333.33, abs=0.01)
    calibrated = summary["calibrated"]["30"]
    assert calibrated["snapshots"] == 2
    assert calibrated["mae"] == pytest.approx((2300 + 1333.33) / 2, abs=0.01)
    assert calibrated["bias"] == pytest.approx((2300 + 1333.33) / 2, abs=0.01)


def test_kpis_gain_calibration_and_fan(engine: Engine) -> None:
    _import_three(engine)
    result = kpi_json(engine, date(2026, 10, 15))
    assert result is not None
    calibration = {c["stage"]: c for c in result["calibration"]}
    assert list(calibration) == ["Prospect", "Qualified", "Negotiation"]
    # closed in S3: A, C, G won; B and H lost, both seen in Qualified earlier -> 5 reached
    q = calibration["Qualified"]
    assert (q["reached"], q["won"], q["calibrated"], q["configured"]) == (5, 3, 0.6, 0.3)
    # Wilson 95 % for 3/5, by hand: centre 0.5566, half-width 0.3258
    assert q["low"] == pytest.approx(0.2307, abs=1e-3)
    assert q["high"] == pytest.approx(0.8824, abs=1e-3)
    assert q["too_few"] is True and q["used"] == 0.3  # 5 < 20: configured value kept
    n = calibration["Negotiation"]
    assert (n["reached"], n["won"], n["calibrated"]) == (3, 3, 1.0)
    # fan, 30 days from 10-15: D (p .3, 3000) and F (p .7, 800): outcomes 0 (21 %),
    # 800 (49 %), 3000 (9 %), 3800 (21 %)
    fan = result["forecast_fan"]["30"]
    assert (fan["p10"], fan["p50"], fan["p90"], fan["likely"]) == (0.0, 800.0, 3800.0, 1460.0)
    assert fan["method"] == "monte_carlo" and fan["draws"] == 20000
    for window in ("30", "60", "90"):  # the fan is the kpis forecast plus its median
        assert result["forecast_fan"][window]["likely"] == result["forecast"][window]["likely"]
        assert result["forecast_fan"][window]["p10"] == result["forecast"][window]["worst"]
        assert result["forecast_fan"][window]["p90"] == result["forecast"][window]["best"]


def test_backtest_dates_follow_the_imports_given(engine: Engine) -> None:
    s1, s2, s3 = _import_three(engine)
    in_order = backtest_json(engine, [s1, s2, s3], DATES)
    shuffled = backtest_json(engine, [s3, s1, s2], [DATES[2], DATES[0], DATES[1]])
    assert shuffled["rows"] == in_order["rows"] and shuffled["summary"] == in_order["summary"]
    assert [s["import_id"] for s in shuffled["snapshots"]] == [s1, s2, s3]
    alone = backtest_json(engine, [s1])
    assert alone["rows"] == [] and "two or more imports" in alone["notices"][0]
    with pytest.raises(ValueError, match="2 dates for 3 imports"):
        backtest_json(engine, None, DATES[:2])


def test_kpis_say_which_column_the_fan_needs(engine: Engine) -> None:
    content = b"Deal ID,Stage,Amount\nA,Prospect,100\nB,Won,50\n"
    outcome = import_file(engine, content, "no_dates.csv")
    assert outcome.import_id is not None
    result = kpi_json(engine, date(2026, 10, 15))
    assert result is not None
    assert result["forecast_fan"] is None
    assert result["unavailable"]["forecast_fan"] == ["expected_close_date"]
    assert [c["stage"] for c in result["calibration"]] == ["Prospect"]


def test_cli_commands_print_json(engine: Engine, db_url: str, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    s1, s2, s3 = _import_three(engine)
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert main(["movement", "--json", "--from", str(s1), "--to", str(s2)]) == 0
    moved = json.loads(capsys.readouterr().out)
    assert {k: moved[k]["count"] for k in ("new", "removed", "won", "lost")} == {
        "new": 1, "removed": 1, "won": 1, "lost": 1}
    dates = ",".join(d.isoformat() for d in DATES)
    assert main(["backtest", "--json", "--imports", f"{s1},{s2},{s3}", "--dates", dates]) == 0
    back = json.loads(capsys.readouterr().out)
    assert {(r["import_id"], r["window"]): r["error"] for r in back["rows"]}[(s2, 30)] == 220.0
    assert main(["backtest", "--json", "--imports", "999"]) == 1
    assert "import #999 does not exist" in capsys.readouterr().err
    assert main(["kpis", "--json", "--as-of", "2026-10-15"]) == 0
    kpis = json.loads(capsys.readouterr().out)
    assert set(kpis["forecast_fan"]) == {"30", "60", "90"}
    assert not math.isnan(kpis["forecast_fan"]["90"]["likely"])
