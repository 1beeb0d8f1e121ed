"""Cases found by importing real-looking exports (stage words, close dates, ids, mappings)."""

import pytest

from data.stages import is_known, status_from_stage


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Closed-Lost to Competition", "lost"),  # a default Zoho stage
        ("Won - awaiting signature", "won"),
        ("Perdu (prix)", "lost"),
        ("Gewonnen / Auftrag", "won"),
        ("Closed Won", "won"),
        ("Won't proceed", "open"),  # "won't" is not a win
        ("Lost & Won?", "open"),  # both: nobody can tell
        ("Negotiation", "open"),
    ],
)
def test_closing_words_decide_the_status(label: str, status: str) -> None:
    assert status_from_stage(label) == status


def test_a_label_with_a_closing_word_is_known() -> None:
    assert is_known("Closed-Lost to Competition")
    assert not is_known("Phase X")


def test_a_mapping_naming_a_missing_column_is_reported() -> None:
    from data.ingest import parse_upload

    content = b"Deal,Stage,Amount\nA,Won,10\nB,Prospect,20\n"
    parsed = parse_upload(content, "f.csv", mapping={"Deal Stag": "stage"})
    messages = [w.message for w in parsed.warnings]
    assert any('"Deal Stag"' in m and "does not have" in m for m in messages), messages
    assert parsed.mapping["Stage"] == "stage"  # the automatic mapping still applies


def test_a_close_date_that_open_deals_fill_is_their_expected_close_date() -> None:
    """German "Abschlussdatum": planned while open, actual once closed (read from the values)."""
    from data.ingest import parse_upload

    content = (b"Name;Phase;Betrag;Abschlussdatum\nA;Verhandlung;1.000,00;20.12.2026\n"
               b"B;Gewonnen;2.000,00;01.11.2026\n")
    parsed = parse_upload(content, "de.csv")
    assert parsed.mapping["Abschlussdatum"] == "expected_close_date"
    deals = parsed.deals.set_index("name")
    assert str(deals.loc["A", "expected_close_date"])[:10] == "2026-12-20"
    assert str(deals.loc["A", "closed_date"]) in ("NaT", "None")
    assert str(deals.loc["B", "closed_date"])[:10] == "2026-11-01"
    assert any("Abschlussdatum" in w.message for w in parsed.warnings)


def test_plural_acronyms_stay_one_word() -> None:
    from data.ingest.mapping import header_words

    assert header_words("Associated Company IDs") == ["associated", "company", "ids"]
    assert header_words("OppStage") == ["opp", "stage"]


def test_numeric_company_ids_join_the_companies_file() -> None:
    """HubSpot: deals name their company by "Associated Company IDs", companies by "Record ID"."""
    from data.ingest import parse_related

    deals = (b"Record ID,Deal Name,Deal Stage,Amount,Associated Company IDs\n"
             b"9000,A,Closed Won,10,500\n9001,B,Appointment Scheduled,20,501\n"
             b"9002,C,Closed Lost,30,500\n")
    companies = (b"Record ID,Company name,Industry\n500,Acme,COMPUTER_SOFTWARE\n"
                 b"501,Beta,RETAIL\n")
    parsed = parse_related([(deals, "deals.csv"), (companies, "companies.csv")])
    joined = parsed.join["files"][0]
    assert (joined["deals_key"], joined["file_key"]) == ("Associated Company IDs", "Record ID")
    assert joined["matched"] == 3
    assert parsed.deals.set_index("name")["sector"].to_dict() == {
        "A": "COMPUTER_SOFTWARE", "B": "RETAIL", "C": "COMPUTER_SOFTWARE"}
