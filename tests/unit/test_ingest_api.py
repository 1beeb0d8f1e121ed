"""The public interface the storage layer and the UI code against."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data.canonical import CANONICAL_FIELDS
from data.ingest import (
    ImportRefused,
    Issue,
    auto_mapping,
    mapping_choices,
    mapping_signature,
    parse_upload,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _read(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def test_issue_as_dict_has_the_four_keys() -> None:
    issue = Issue("bad", row=3, column="Montant", value="abc")
    assert issue.as_dict() == {"row": 3, "column": "Montant", "message": "bad", "value": "abc"}


def test_summary_is_json_and_counts() -> None:
    parsed = parse_upload(_read("bad_amounts.csv"), "bad_amounts.csv")
    summary = json.loads(json.dumps(parsed.summary()))
    assert summary["rows_total"] == 9
    assert summary["rows_imported"] == 4
    assert summary["rows_rejected"] == 5
    assert summary["format"] == "csv"
    first = summary["errors"][0]
    assert first == {
        "row": 3,
        "column": "amount",
        "message": 'amount "abc" is not a number: expected e.g. 1234.56 or 1 234,56 €.',
        "value": "abc",
    }


def test_rejected_csv_gives_rows_back_as_written() -> None:
    parsed = parse_upload(_read("bad_amounts.csv"), "bad_amounts.csv")
    data = parsed.rejected_csv()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "row,deal_id,stage,amount,reason"
    assert lines[1].startswith("3,B2,Prospect,abc,")
    assert lines[3].startswith("5,B4,Lost,-50,") and "negative" in lines[3]
    assert len(lines) == 6


def test_duplicate_reason_names_the_first_line() -> None:
    parsed = parse_upload(_read("duplicate_ids.csv"), "d.csv")
    (issue,) = parsed.rejections
    assert issue.row == 4 and issue.value == "D1" and "line 2" in issue.message


def test_checksum_is_sha256_of_the_raw_bytes() -> None:
    import hashlib

    content = _read("utf8_bom.csv")
    assert parse_upload(content, "x").checksum == hashlib.sha256(content).hexdigest()


def test_deals_have_canonical_columns_and_source_row() -> None:
    parsed = parse_upload(_read("hubspot_export.csv"), "h.csv")
    assert list(parsed.deals.columns) == [*CANONICAL_FIELDS, "source_row"]
    assert str(parsed.deals["amount"].dtype) == "float64"
    assert parsed.deals["source_row"].tolist() == [2, 3, 4, 5]


def test_auto_mapping_uses_each_field_once_best_match_wins() -> None:
    mapping = auto_mapping(["Montant brut", "Montant", "Étape", "Phase"])
    assert mapping == {"Montant brut": None, "Montant": "amount", "Étape": "stage", "Phase": None}


def test_auto_mapping_never_takes_look_alikes() -> None:
    headers = ["Amount in company currency", "Weighted value", "Weighted amount",
               "Expected Revenue", "Forecast amount", "Montant pondéré"]
    assert set(auto_mapping(headers).values()) == {None}


def test_dates_that_are_not_expected_close() -> None:
    mapping = auto_mapping(["Create Date", "Last Activity Date", "Deal - Won time"])
    assert mapping == {"Create Date": "created_date", "Last Activity Date": "last_activity_date",
                       "Deal - Won time": "closed_date"}


def test_mapping_choices_lists_canonical_fields() -> None:
    choices = mapping_choices()
    assert set(CANONICAL_FIELDS) <= set(choices)
    assert "is_won" in choices and "is_closed" in choices


def test_user_mapping_overrides_named_headers_only() -> None:
    content = _read("no_stage_column.csv")
    with pytest.raises(ImportRefused):
        parse_upload(content, "x.csv")
    parsed = parse_upload(content, "x.csv", mapping={"name": "stage"})
    assert parsed.mapping == {"deal_id": "deal_id", "name": "stage", "amount": "amount"}
    assert parsed.deals["stage"].tolist() == ["A", "B"]


def test_user_mapping_takes_the_field_from_other_headers() -> None:
    content = b"Stage,Phase,Amount\nProspect,Won,5\n"
    parsed = parse_upload(content, "x.csv", mapping={"Phase": "stage"})
    assert parsed.mapping == {"Stage": None, "Phase": "stage", "Amount": "amount"}
    assert parsed.deals["status"].tolist() == ["won"]


def test_user_mapping_can_ignore_a_column() -> None:
    parsed = parse_upload(_read("hubspot_export.csv"), "h.csv", mapping={"Amount": None})
    assert parsed.deals["amount"].isna().all()


def test_refusal_names_missing_columns_and_headers_found() -> None:
    with pytest.raises(ImportRefused) as refused:
        parse_upload(_read("no_stage_column.csv"), "x.csv")
    message = str(refused.value)
    assert "stage" in message and '"deal_id", "name", "amount"' in message
    assert refused.value.issues


def test_mapping_signature_ignores_case_accents_and_bom() -> None:
    assert mapping_signature(["\ufeffÉtape", "Montant"]) == mapping_signature(["etape", "MONTANT"])
    assert mapping_signature(["a", "b"]) != mapping_signature(["b", "a"])
    parsed = parse_upload(_read("utf8_bom.csv"), "x.csv")
    assert parsed.mapping_signature() == mapping_signature(["deal_id", "stage", "amount"])


def test_sheet_parameter_picks_another_sheet() -> None:
    parsed = parse_upload(_read("workbook.xlsx"), "w.xlsx", sheet="Archive")
    assert parsed.sheet == "Archive"
    assert parsed.deals["deal_id"].tolist() == ["Z1"]
    assert parsed.deals["status"].tolist() == ["lost"]


def test_unknown_sheet_is_refused_with_the_list() -> None:
    with pytest.raises(ImportRefused, match="Archive"):
        parse_upload(_read("workbook.xlsx"), "w.xlsx", sheet="Nope")


def test_locale_parameter_decides_ambiguous_dates() -> None:
    content = _read("ambiguous_dates.csv")
    us = parse_upload(content, "a.csv", locale="en-US")
    assert us.deals["created_date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-03-04",
                                                                          "2026-05-06"]
    assert us.date_orders["created_date"] == "MDY"


def test_locale_parameter_decides_ambiguous_thousands() -> None:
    content = b"stage,amount\nProspect,\"1,234\"\n"
    assert parse_upload(content, "x", locale="en").deals["amount"].tolist() == [1234.0]
    assert parse_upload(content, "x", locale="fr").deals["amount"].tolist() == [1.234]


def test_default_currency_when_the_file_has_none() -> None:
    parsed = parse_upload(b"stage,amount\nProspect,5\n", "x", default_currency="CHF")
    assert parsed.deals["currency"].tolist() == ["CHF"]


def test_one_megabyte_cell_is_kept_whole() -> None:
    parsed = parse_upload(_read("big_cell.csv"), "big.csv")
    notes = parsed.deals.set_index("deal_id")["notes"]
    assert len(notes["BIG1"]) == 1_000_000


def test_nul_byte_warning_points_at_the_line() -> None:
    parsed = parse_upload(_read("nul_byte.csv"), "n.csv")
    nul = [w for w in parsed.warnings if "NUL" in w.message]
    assert nul and nul[0].row == 2


def test_no_usable_row_is_refused() -> None:
    with pytest.raises(ImportRefused, match="No usable row"):
        parse_upload(b"stage,amount\nProspect,abc\nWon,-1\n", "x.csv")


def test_status_column_decides_over_stage() -> None:
    parsed = parse_upload(b"Stage,Status\nClosed Won,open\nProspect,lost\n", "x.csv")
    assert parsed.deals["status"].tolist() == ["open", "lost"]
    assert parsed.deals["stage"].tolist() == ["Closed Won", "Prospect"]


def test_cell_text_is_kept_verbatim() -> None:
    content = b'stage,name\nProspect,"<script>alert(1)</script> & Co"\n'
    parsed = parse_upload(content, "x.csv")
    assert parsed.deals["name"].tolist() == ["<script>alert(1)</script> & Co"]
