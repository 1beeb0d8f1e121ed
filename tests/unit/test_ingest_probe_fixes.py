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


def _parsed(text: str):  # type: ignore[no-untyped-def]
    from data.ingest import parse_upload

    return parse_upload(text.encode(), "probe.csv")


ODOO_LIKE = """Opportunity,Expected Revenue,Probability,Stage,Salesperson
Office chairs,12000.00,20.0,New,Mitchell Admin
Desks,35000.00,50.0,Qualified,Marc Demo
Lamps,4500.00,100.0,Won,Mitchell Admin
Cabinets,8000.00,0.0,Lost,Marc Demo
"""


def test_expected_revenue_with_money_at_zero_percent_is_the_gross_amount() -> None:
    """Odoo's "Expected Revenue" is the gross amount: a lost deal at 0 % still carries 8,000."""
    parsed = _parsed(ODOO_LIKE)
    assert parsed.mapping["Expected Revenue"] == "amount"
    assert parsed.deals["amount"].tolist() == [12000.0, 35000.0, 4500.0, 8000.0]


def test_expected_revenue_that_is_zero_at_zero_percent_stays_a_lookalike() -> None:
    """Salesforce's "Expected Revenue" is amount × probability: 0 at 0 %, never the amount."""
    weighted = ODOO_LIKE.replace("Cabinets,8000.00,0.0", "Cabinets,0.00,0.0")
    parsed = _parsed(weighted)
    assert parsed.mapping["Expected Revenue"] is None
    assert any("Expected Revenue" in w.message for w in parsed.warnings)


def test_a_real_amount_column_wins_over_expected_revenue() -> None:
    both = ODOO_LIKE.replace("Opportunity,Expected Revenue", "Opportunity,Amount,Expected Revenue")
    both = "\n".join(
        line if i == 0 else line.replace(",", ",999,", 1)
        for i, line in enumerate(both.splitlines())
    ) + "\n"
    parsed = _parsed(both)
    assert parsed.mapping["Amount"] == "amount"
    assert parsed.mapping["Expected Revenue"] is None
    assert set(parsed.deals["amount"]) == {999.0}


@pytest.mark.parametrize(
    ("label", "probability"),
    [("appointmentscheduled", 0.2), ("qualifiedtobuy", 0.4), ("presentationscheduled", 0.6),
     ("decisionmakerboughtin", 0.8), ("contractsent", 0.9), ("Contract_Sent", 0.9)],
)
def test_internal_stage_ids_get_the_builtin_defaults(label: str, probability: float) -> None:
    """HubSpot exports stage ids written as one word; they are the documented stages."""
    from data.stages import default_stage_table

    (setting,) = default_stage_table([label])
    assert setting.probability == probability
    assert is_known(label)
    assert not is_known("phasex")


def test_a_repeated_header_says_which_copy_is_imported() -> None:
    parsed = _parsed("Deal,Stage,Amount,Amount\nA,Prospect,100,200\nB,Won,300,400\n")
    assert parsed.mapping["Amount"] == "amount"
    assert parsed.deals["amount"].tolist() == [100.0, 300.0]
    (warning,) = [w for w in parsed.warnings if "more than one column" in w.message]
    assert '"Amount"' in warning.message and "Amount (2)" in warning.message
