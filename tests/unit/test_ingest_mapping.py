"""Column mapping from headers and contents (issue #8): words, profiles, assignment, report."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from data.ingest import ImportRefused, auto_mapping, parse_upload, preview_mapping
from data.ingest.cli_mapping import parse_cli_mapping
from data.ingest.mapping import decide_columns, header_words
from data.ingest.profiles import compatibility, looks_like, profile_column, value_score
from data.ingest.words import split_words


def _s(*values: str) -> pd.Series:
    return pd.Series(list(values), dtype="str")


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- words --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("OppStage", ["opp", "stage"]),
        ("close_value", ["close", "value"]),
        ("Deal - Expected close date", ["deal", "expected", "close", "date"]),
        ("CurrencyIsoCode", ["currency", "iso", "code"]),
        ("CRMStage", ["crm", "stage"]),
        ("Probabilité (%)", ["probabilite", "%"]),
        ("Date d'échéance", ["date", "d", "echeance"]),
        ("\u200bDeal\u00a0Stage", ["deal", "stage"]),
        ("Stage2", ["stage", "2"]),
        ("Währung", ["wahrung"]),
    ],
)
def test_split_words(header: str, words: list[str]) -> None:
    assert split_words(header) == words


@pytest.mark.parametrize(
    ("header", "words"),
    [
        ("estimatedclosedate", ["estimated", "close", "date"]),
        ("dealstage", ["deal", "stage"]),
        ("Ammount", ["amount"]),
        ("Deal Stgae", ["deal", "stage"]),
        ("amountinhomecurrency", ["amount", "in", "home", "currency"]),
    ],
)
def test_header_words_segment_run_together_words_and_fix_typos(
    header: str, words: list[str]
) -> None:
    assert header_words(header) == words


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("OppStage", "stage"), ("Sales stage", "stage"), ("deal_stage", "stage"),
        ("Verkaufsphase", "stage"), ("Étape du deal", "stage"), ("close_value", "amount"),
        ("OppAmt", "amount"), ("Montant HT", "amount"), ("Auftragswert", "amount"),
        ("sales_agent", "owner"), ("Account Owner", "owner"), ("Vertreter", "owner"),
        ("Chargé d'affaires", "owner"), ("engage_date", "created_date"),
        ("Erstellungsdatum", "created_date"), ("CreatedDate", "created_date"),
        ("Date de clôture prévue", "expected_close_date"),
        ("Erwartetes Abschlussdatum", "expected_close_date"),
        ("estimatedclosedate", "expected_close_date"), ("Actual Close Date", "closed_date"),
        ("Abschlussdatum", "closed_date"), ("Nom du client", "account"),
        ("Account Name", "account"), ("Lead Source", "source"), ("Source du lead", "source"),
        ("Leadquelle", "source"), ("Account Industry", "sector"), ("Branche", "sector"),
        ("closeprobability", "probability"), ("Abschlusswahrscheinlichkeit", "probability"),
        ("LastActivityDate", "last_activity_date"), ("Dernier contact", "last_activity_date"),
        ("Opportunity Name", "name"), ("Deal", "name"), ("Record ID", "deal_id"),
        ("Deal - ID", "deal_id"), ("Amount Currency", "currency"), ("IsWon", "is_won"),
    ],
)
def test_header_alone_maps(header: str, field: str) -> None:
    assert auto_mapping([header]) == {header: field}


@pytest.mark.parametrize(
    "header",
    ["Account ID", "Owner ID", "hubspot_owner_id", "Contact Email", "Lost Reason", "Pipeline",
     "Deal - Next activity date", "Number of products", "Created by", "Stage Duration",
     "Days to close", "Company Domain Name", "Product"],
)
def test_keys_and_other_attributes_are_not_fields(header: str) -> None:
    assert auto_mapping([header]) == {header: None}


# -- look-alikes --------------------------------------------------------------------------------
LOOKALIKES = [
    "Weighted amount", "Deal - Weighted value", "Expected Revenue", "Forecast amount",
    "Montant pondéré", "Gewichteter Betrag", "Amount in company currency",
    "amountinhomecurrency", "Amount (converted)", "Projected deal amount",
    "Total contract value", "Annual Revenue", "Last Modified Date", "hs_lastmodifieddate",
    "Updated at", "Date de mise à jour", "Geändert am", "Probabilité pondérée",
]


@pytest.mark.parametrize("header", LOOKALIKES)
def test_lookalikes_are_never_taken(header: str) -> None:
    frame = pd.DataFrame({"Stage": ["Prospect", "Won"], header: ["100", "2026-01-02"][:1] * 2})
    mapping = auto_mapping(["Stage", header], frame)
    assert mapping[header] is None


def test_lookalike_is_a_candidate_with_its_reason_and_a_proposal() -> None:
    parsed = parse_upload(
        _csv("Deal Stage,Amount in company currency,Weighted value", "Prospect,100,10",
             "Won,200,200"),
        "x.csv",
    )
    assert parsed.mapping["Amount in company currency"] is None
    column = next(c for c in parsed.columns if c["header"] == "Amount in company currency")
    assert column["lookalike"] and column["candidates"][0]["field"] == "amount"
    assert "look-alike" in column["candidates"][0]["reason"]
    (proposal,) = [p for p in parsed.proposals if p["field"] == "amount"]
    assert "gross pipeline" in proposal["message"] and "--map" in proposal["message"]
    assert any("No column is mapped to Amount;" in w.message for w in parsed.warnings)


def test_modification_date_is_not_last_activity_but_is_proposed() -> None:
    parsed = parse_upload(
        _csv("Stage,Last Modified Date", "Prospect,2026-01-02", "Won,2026-01-03"), "x.csv"
    )
    assert parsed.mapping["Last Modified Date"] is None
    assert parsed.deals["last_activity_date"].isna().all()
    assert [p["field"] for p in parsed.proposals] == ["last_activity_date"]


# -- value profiles -----------------------------------------------------------------------------
def test_profile_stage_labels() -> None:
    p = profile_column(_s("Prospect", "Qualifié", "Négociation", "Gagné", "Prospect"))
    assert p.stage == 1.0 and p.stage_labels == 3 and looks_like(p) == "stage names"
    assert value_score("stage", p) > 0.9


def test_profile_dates_money_shares_and_codes() -> None:
    dates = profile_column(_s("2026-01-02", "03/02/2026", "15 janv. 2026"))
    assert dates.date == 1.0 and looks_like(dates) == "dates"
    money = profile_column(_s("€ 1.234,56", "1 234,56 €", "EUR 12,50", "1.5e3"))
    assert money.number == 1.0 and money.money_marks >= 0.75 and looks_like(money) == "amounts"
    shares = profile_column(_s("0.1", "0.3", "0.7", "1"))
    assert shares.fraction == 1.0 and compatibility("probability", shares) == 1.0
    percents = profile_column(_s("10%", "30 %", "70%"))
    assert percents.share == 1.0
    codes = profile_column(_s("EUR", "USD", "EUR", "CHF"))
    assert codes.currency == 1.0 and value_score("currency", codes) > 0.5


def test_profile_repeated_labels_versus_unique_text() -> None:
    labels = profile_column(_s(*(["Web", "Referral", "Event"] * 5)))
    assert labels.repetitive is True and compatibility("source", labels) == 1.0
    names = profile_column(_s(*[f"Deal number {i}" for i in range(20)]))
    assert names.repetitive is False
    assert compatibility("source", names) < compatibility("source", labels)
    assert compatibility("amount", labels) < 0.1
    assert compatibility("created_date", labels) < 0.1


def test_values_decide_a_stage_whatever_its_header() -> None:
    frame = pd.DataFrame({"Field 7": ["Prospecting", "Qualification", "Closed Won"],
                          "Field 8": ["a", "b", "c"]})
    (first, second) = decide_columns(list(frame), {h: frame[h] for h in frame})
    assert first.field == "stage" and first.reason == "values" and first.confidence > 0.8
    assert second.field is None


def test_values_veto_a_header() -> None:
    frame = pd.DataFrame({"Stage": ["Prospect", "Won"], "Close": ["1054", "4514"],
                          "Close Date": ["2026-01-02", "2026-02-03"]})
    mapping = auto_mapping(list(frame), frame)
    assert mapping["Close Date"] == "expected_close_date" and mapping["Close"] != (
        "expected_close_date"
    )


# -- assignment ---------------------------------------------------------------------------------
def test_each_field_at_most_once_best_score_wins_with_confidence() -> None:
    frame = pd.DataFrame({"Owner": ["Ann", "Bob"], "Account Owner": ["Zed", "Zed"],
                          "Stage": ["Prospect", "Won"], "Phase": ["Prospect", "Won"]})
    decisions = decide_columns(list(frame), {h: frame[h] for h in frame})
    fields = [d.field for d in decisions if d.field]
    assert sorted(fields) == ["owner", "stage"]
    assert decisions[0].field == "owner" and decisions[2].field == "stage"
    assert all(0 <= d.confidence <= 1 for d in decisions)
    taken = decisions[3].candidates[0]
    assert taken.field == "stage" and "taken by" in taken.reason


def test_issue_examples_map_fully() -> None:
    maven = parse_upload(_csv(
        "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value",
        "1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054",
        "Z063OYW0,Darcel Schlecht,GTXPro,Isdom,Won,2016-10-25,2017-03-11,4514",
        "EC4QE1BX,Darcel Schlecht,MG Special,Cancity,Engaging,2016-10-25,,",
        "PE84CX4O,Zane Levy,GTX Basic,Hatfan,Lost,2016-10-25,2017-03-11,0",
    ), "sales_pipeline.csv")
    assert maven.mapping == {
        "opportunity_id": "deal_id", "sales_agent": "owner", "product": None,
        "account": "account", "deal_stage": "stage", "engage_date": "created_date",
        "close_date": "expected_close_date", "close_value": "amount",
    }
    assert maven.rows_imported == 4 and maven.deals["amount"].sum() == 1054 + 4514
    opp = parse_upload(_csv("OppName,OppStage,OppAmt,OppCloseDate", "A,Prospecting,100,2026-01-31",
                            "B,Closed Won,200,2026-02-28"), "opp.csv")
    assert opp.mapping == {"OppName": "name", "OppStage": "stage", "OppAmt": "amount",
                           "OppCloseDate": "expected_close_date"}


# -- status and stage ---------------------------------------------------------------------------
SEED = _csv(
    "id,client,statut,montant_brut,probabilite,valeur_ponderee,secteur,date_echeance,assignee,"
    "notes,created_at,updated_at",
    "1,Alpha,Prospect,1000.00,0.10,100.00,Tech,2026-03-01,Marie,,2026-01-02 10:00,2026-01-05 10:00",
    "2,Beta,Qualifié,2000.00,0.30,600.00,Sport,2026-03-15,Paul,,2026-01-03 10:00,2026-01-06 10:00",
    "3,Gamma,Négociation,3000.00,0.70,2100.00,Tech,2026-04-01,Marie,,2026-01-04 10:00,2026-01-07",
    "4,Delta,Gagné,4000.00,1.00,4000.00,Santé,2026-02-01,Paul,,2026-01-05 10:00,2026-01-08 10:00",
    "5,Eps,Qualifié,500.00,0.30,150.00,Sport,2026-05-01,Luc,,2026-01-06 10:00,2026-01-09 10:00",
    "6,Zeta,Prospect,600.00,0.10,60.00,Tech,2026-06-01,Luc,,2026-01-07 10:00,2026-01-10 10:00",
    "7,Eta,Négociation,700.00,0.70,490.00,Tech,2026-03-20,Marie,,2026-01-08 10:00,2026-01-11",
    "8,Theta,Gagné,800.00,1.00,800.00,Sport,2026-01-20,Paul,,2026-01-09 10:00,2026-01-12 10:00",
)


def test_seed_french_format_imports_every_row() -> None:
    parsed = parse_upload(SEED, "deals.csv")
    assert parsed.rows_imported == 8 and parsed.rows_rejected == 0
    assert parsed.mapping["statut"] == "stage"
    assert parsed.mapping["valeur_ponderee"] is None and parsed.mapping["updated_at"] is None
    assert parsed.mapping["montant_brut"] == "amount"
    assert parsed.mapping["date_echeance"] == "expected_close_date"
    assert parsed.mapping["assignee"] == "owner" and parsed.mapping["secteur"] == "sector"
    deals = parsed.deals.set_index("deal_id")
    assert deals.loc["2", "stage"] == "Qualifié" and deals.loc["2", "status"] == "open"
    assert deals.loc["4", "status"] == "won"
    assert deals["amount"].sum() == 12600.0


def test_status_column_of_stage_names_mapped_by_the_user_is_the_stage() -> None:
    content = _csv("statut,montant", "Prospect,1", "Qualifié,2", "Gagné,3", "Perdu,4")
    parsed = parse_upload(content, "x.csv", mapping={"statut": "status"})
    assert parsed.rows_rejected == 0
    assert parsed.deals["stage"].tolist() == ["Prospect", "Qualifié", "Gagné", "Perdu"]
    assert parsed.deals["status"].tolist() == ["open", "open", "won", "lost"]
    assert any("holds stage names" in w.message for w in parsed.warnings)


def test_a_file_with_both_keeps_both() -> None:
    parsed = parse_upload(
        _csv("Stage,Status", "Closed Won,open", "Negotiation,lost", "Prospect,won"), "x.csv"
    )
    assert parsed.mapping == {"Stage": "stage", "Status": "status"}
    assert parsed.deals["status"].tolist() == ["open", "lost", "won"]
    assert parsed.deals["stage"].tolist() == ["Closed Won", "Negotiation", "Prospect"]


# -- say what is missing ------------------------------------------------------------------------
def test_refused_file_returns_headers_candidates_and_sample_rows() -> None:
    content = _csv("Ref,Where,Montant X,Quand", "1,Kickoff,100,2026-01-02", "2,Demo,200,2026-02-03")
    with pytest.raises(ImportRefused) as refused:
        parse_upload(content, "x.csv")
    preview = refused.value.preview
    assert preview is not None
    json.dumps(preview)
    assert preview["headers"] == ["Ref", "Where", "Montant X", "Quand"]
    assert len(preview["sample_rows"]) == 2 and preview["sample_rows"][0]["Where"] == "Kickoff"
    columns = {c["header"]: c for c in preview["columns"]}
    assert columns["Where"]["candidates"][0]["field"] == "stage"
    assert columns["Quand"]["looks_like"] == "dates"
    assert preview["mapping"]["Montant X"] == "amount"
    fixed = parse_upload(content, "x.csv", mapping={"Where": "stage"})
    assert fixed.rows_imported == 2


def test_preview_mapping_without_validation() -> None:
    preview = preview_mapping(SEED, "deals.csv")
    assert preview["mapping"]["statut"] == "stage"
    assert {c["header"] for c in preview["columns"]} == set(preview["headers"])


def test_proposals_only_for_unmapped_indicator_fields_with_a_candidate() -> None:
    parsed = parse_upload(
        _csv("Stage,Expected Revenue,When,Who", "Prospect,100,2026-01-02,Ann",
             "Won,200,2026-02-03,Bob"), "x.csv",
    )
    fields = {p["field"]: p for p in parsed.proposals}
    assert fields["amount"]["header"] == "Expected Revenue"
    assert "weighted pipeline" in fields["amount"]["message"]
    assert fields["expected_close_date"]["header"] == "When"
    assert "quick wins" in fields["expected_close_date"]["message"]
    summary = parsed.summary()
    assert summary["proposals"] and summary["columns"]


# -- CLI mapping --------------------------------------------------------------------------------
def test_cli_mapping_file_then_pairs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    saved = tmp_path / "m.json"
    saved.write_text(json.dumps({"mapping": {"Phase X": "stage", "Notes": None}}))
    mapping = parse_cli_mapping(["Montant X=amount", "Phase X=ignore", "A=B=status"], str(saved))
    assert mapping == {"Phase X": None, "Notes": None, "Montant X": "amount", "A=B": "status"}
    assert parse_cli_mapping(None, None) is None
    with pytest.raises(ValueError, match="unknown field 'stagee'"):
        parse_cli_mapping(["Phase=stagee"], None)
    with pytest.raises(ValueError, match="Header=field"):
        parse_cli_mapping(["Phase"], None)
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ValueError, match="expected"):
        parse_cli_mapping(None, str(bad))
