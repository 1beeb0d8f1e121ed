"""Fresh vendor-format exports (Dynamics 365, Odoo, Freshsales, Zoho Potentials, Pipedrive with
custom fields, a monday.com board with group titles, Notion, French and German sheets with a
title block and a total row, an xlsx with formulas, 8-digit dates, multi-line notes) imported as
exported: every headline figure equals the one computed from the truth table they were written
from (tests/corpus/exports/build_exports.py, METRICS.md definitions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data.ingest import parse_upload

EXPORTS = Path(__file__).resolve().parents[1] / "corpus" / "exports"
#: Generated files (build_exports.py) and hand-written ones (a grouped Salesforce report with
#: subtotals and footers, an Airtable base with em-dash statuses, HubSpot with two pipelines).
EXPECTED: dict[str, dict[str, float | int | None]] = {
    **json.loads((EXPORTS / "expected.json").read_text(encoding="utf-8")),
    **json.loads((EXPORTS / "expected_by_hand.json").read_text(encoding="utf-8")),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_vendor_export_figures_match_the_truth(name: str) -> None:
    parsed = parse_upload((EXPORTS / name).read_bytes(), name)
    deals = parsed.deals
    opened = deals[deals["status"] == "open"]
    won = int((deals["status"] == "won").sum())
    lost = int((deals["status"] == "lost").sum())
    got = {
        "open": len(opened), "won": won, "lost": lost,
        "gross": round(float(opened["amount"].sum()), 2),
        "weighted": round(float((opened["amount"] * opened["probability"]).sum()), 2),
        "win_rate": won / (won + lost) if won + lost else None,
    }
    want = EXPECTED[name]
    for key, value in want.items():
        assert got[key] == pytest.approx(value, abs=0.011), (key, parsed.mapping)
    assert parsed.rows_rejected == 0, [e.message for e in parsed.rejections][:3]


def test_monday_group_titles_and_repeated_headers_are_skipped_not_rejected() -> None:
    parsed = parse_upload((EXPORTS / "monday_board.csv").read_bytes(), "monday_board.csv")
    said = [w.message for w in parsed.warnings if "repeating the header" in w.message]
    assert said and '"Closed Won"' in said[0]
    assert "Stage" not in set(parsed.deals["stage"]) and "Closed Won" not in set(
        parsed.deals["name"])


def test_odoo_lost_reason_makes_an_open_stage_lost_unless_a_status_column_says() -> None:
    parsed = parse_upload((EXPORTS / "odoo_crm_pipeline.csv").read_bytes(), "odoo.csv")
    lost = parsed.deals[parsed.deals["status"] == "lost"]
    assert len(lost) == 1 and lost["stage"].iloc[0] == "Qualified"
    assert any("counted as lost" in w.message for w in parsed.warnings)
    both = parse_upload(b"Stage,Status,Lost Reason\nQualified,open,Price\nWon,won,\n", "x.csv")
    assert both.deals["status"].tolist() == ["open", "won"]


def test_grouped_report_subtotals_inside_the_data_are_skipped_not_rejected() -> None:
    parsed = parse_upload((EXPORTS / "sf_grouped_report.csv").read_bytes(), "sf.csv")
    assert parsed.rows_rejected == 0 and len(parsed.deals) == 4
    assert any("subtotal" in w.message for w in parsed.warnings)
    kept = parse_upload(b"Deal,Stage,Amount,Owner\nTotal rebrand,Prospect,100,Ann\n"
                        b"B,Won,200,Bob\n", "x.csv")
    assert kept.deals["name"].tolist() == ["Total rebrand", "B"]


def test_a_repeated_header_with_a_twice_named_column_is_still_a_repeat() -> None:
    content = (b"Title\n\nName,Stage,Date,Date\nA,Prospect,2026-01-01,2026-02-01\nWon group\n"
               b"Name,Stage,Date,Date\nB,Won,2026-01-01,2026-02-01\n")
    parsed = parse_upload(content, "x.csv")
    assert parsed.rows_rejected == 0 and parsed.deals["name"].tolist() == ["A", "B"]
    assert any('"Won group"' in w.message for w in parsed.warnings)
