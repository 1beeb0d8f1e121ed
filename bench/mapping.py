"""Mapping benchmark: header sets of real CRM exports → precision and recall per field.

    python bench/mapping.py [--verbose]

The header sets are the column names the vendors document for their exports and APIs (HubSpot
UI/API/JDBC, Pipedrive UI/API/FR/DE, Salesforce report/API/FR, Zoho UI/API, Dynamics 365 UI/API,
Business Central, Odoo EN/FR, Copper, Close, Freshsales, monday, Zendesk Sell, SugarCRM,
Insightly, Capsule, Agile CRM, Bitrix24, NetSuite, public datasets — Maven Analytics "CRM sales
opportunities", IBM "sales win/loss" — and French/German spreadsheets). Each set gets a few
rows of plausible values generated from the column's kind (dates, amounts in the set's locale,
the vendor's stage names...) and the expected mapping, written from the vendors' documentation
*before* running the mapper. ``LOOK`` marks a look-alike (weighted/forecast/converted amounts,
modification dates): expected unmapped, and counted when taken.

Prints precision and recall per field, overall, and the look-alikes taken. Targets (issue #8):
≥ 95 % of fields right, 0 look-alikes taken.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data.ingest.headers import auto_mapping  # noqa: E402

LOOK = "LOOK"  # a look-alike: must stay unmapped
N_ROWS = 6

STAGES = {
    "hubspot": [
        "appointmentscheduled",
        "qualifiedtobuy",
        "Closed Won",
        "Closed Lost",
        "Contract Sent",
        "Presentation Scheduled",
    ],
    "hubspot_ui": [
        "Appointment Scheduled",
        "Qualified To Buy",
        "Closed Won",
        "Closed Lost",
        "Contract Sent",
        "Decision Maker Bought-In",
    ],
    "salesforce": [
        "Prospecting",
        "Qualification",
        "Needs Analysis",
        "Closed Won",
        "Closed Lost",
        "Negotiation/Review",
    ],
    "pipedrive": [
        "Lead In",
        "Contact Made",
        "Proposal Made",
        "Negotiations Started",
        "Demo Scheduled",
        "Qualified",
    ],
    "maven": ["Won", "Lost", "Engaging", "Prospecting", "Won", "Engaging"],
    "fr": ["Prospect", "Qualifié", "Négociation", "Gagné", "Perdu", "Proposition"],
    "de": ["Interessent", "Qualifiziert", "Angebot", "Verhandlung", "Gewonnen", "Verloren"],
    "custom": ["Discovery", "Demo", "Proposal", "Negotiation", "Won", "Lost"],
}
STATUS = {
    "en": ["open", "won", "lost", "open", "open", "lost"],
    "fr": ["En cours", "Gagnée", "Perdue", "En cours", "En cours", "Gagnée"],
    "de": ["offen", "gewonnen", "verloren", "offen", "offen", "gewonnen"],
    "dyn": ["Open", "Won", "Lost", "Open", "Open", "Won"],
}


def values(kind: str, locale: str, stages: str, rng: random.Random) -> list[str]:
    """Plausible cells for a column kind in the set's locale."""
    n = N_ROWS
    day = [f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" for _ in range(n)]
    if kind in (
        "created_date",
        "expected_close_date",
        "closed_date",
        "last_activity_date",
        "date",
        "LOOKdate",
    ):
        if locale == "fr":
            return [f"{d[8:]}/{d[5:7]}/{d[:4]}" for d in day]
        if locale == "de":
            return [f"{d[8:]}.{d[5:7]}.{d[:4]}" for d in day]
        if locale == "us":
            return [f"{int(d[5:7])}/{int(d[8:])}/{d[:4]}" for d in day]
        if locale == "ts":
            return [f"{d} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00" for d in day]
        return day
    if kind in ("amount", "money", "LOOK"):
        numbers = [rng.randint(500, 250_000) + rng.choice([0, 0.5, 0.99]) for _ in range(n)]
        if locale == "fr":
            return [f"{x:,.2f}".replace(",", " ").replace(".", ",") for x in numbers]
        if locale == "de":
            return [
                f"{x:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") for x in numbers
            ]
        return [f"{x:.2f}" for x in numbers]
    if kind == "probability":
        return [str(rng.choice([10, 20, 40, 60, 90, 100])) for _ in range(n)]
    if kind == "fraction":
        return [rng.choice(["0.1", "0.3", "0.7", "1"]) for _ in range(n)]
    if kind == "stage":
        return STAGES[stages][:n]
    if kind == "status":
        return STATUS.get(locale if locale in STATUS else "en", STATUS["en"])[:n]
    if kind == "status_dyn":
        return STATUS["dyn"][:n]
    if kind == "currency":
        return [rng.choice(["EUR", "USD", "EUR", "GBP"]) for _ in range(n)]
    if kind == "owner":
        return [rng.choice(["Ann Lee", "Bob Marsh", "Carla Diaz"]) for _ in range(n)]
    if kind == "source":
        return [rng.choice(["Web", "Referral", "Trade show", "Cold call"]) for _ in range(n)]
    if kind == "sector":
        return [rng.choice(["Software", "Retail", "Manufacturing", "Health"]) for _ in range(n)]
    if kind in ("account", "company"):
        return [
            rng.choice(["Acme Corp", "Globex", "Initech", "Umbrella SA", "Hooli"]) for _ in range(n)
        ]
    if kind == "name":
        return [f"{rng.choice(['Website', 'CRM', 'ERP', 'Audit'])} project {i}" for i in range(n)]
    if kind == "deal_id":
        return [f"{rng.randint(10_000, 99_999)}" for _ in range(n)]
    if kind in ("id", "key"):
        return [f"0061x00000{rng.randint(100, 999)}AAA" for _ in range(n)]
    if kind == "notes":
        return [
            rng.choice(["Call back next week", "Sent the proposal", "", "Budget approved"])
            for _ in range(n)
        ]
    if kind in ("bool", "is_won", "is_closed"):
        return [rng.choice(["true", "false"]) for _ in range(n)]
    if kind == "email":
        return [
            f"{rng.choice(['ann', 'bob', 'cy'])}@{rng.choice(['acme.com', 'globex.io'])}"
            for _ in range(n)
        ]
    if kind == "int":
        return [str(rng.randint(0, 40)) for _ in range(n)]
    return [rng.choice(["New Business", "Existing", "Renewal", "Upsell"]) for _ in range(n)]


# (name, locale, stage set, [(header, expected field | None | LOOK, value kind)])
# A value kind of None means "the expected field's own kind".
Case = tuple[str, str, str, list[tuple[str, str | None, str | None]]]
CASES: list[Case] = [
    (
        "Dynamics 365 opportunities (Excel export, Do Not Modify columns)",
        "en",
        "salesforce",
        [
            ("(Do Not Modify) Opportunity", None, "key"),
            ("(Do Not Modify) Row Checksum", None, "key"),
            ("(Do Not Modify) Modified On", LOOK, "LOOKdate"),
            ("Topic", "name", None),
            ("Potential Customer", "account", None),
            ("Est. Close Date", "expected_close_date", None),
            ("Est. Revenue", "amount", None),
            ("Probability", "probability", None),
            ("Status", "status", "status_dyn"),
            ("Status Reason", None, "text"),
            ("Pipeline Phase", "stage", None),
            ("Owner", "owner", None),
            ("Created On", "created_date", None),
        ],
    ),
    (
        "Zoho CRM Potentials (legacy module export)",
        "en",
        "salesforce",
        [
            ("Potential Owner", "owner", None),
            ("Potential Name", "name", None),
            ("Account Name", "account", None),
            ("Amount", "amount", None),
            ("Closing Date", "expected_close_date", None),
            ("Stage", "stage", None),
            ("Probability (%)", "probability", None),
            ("Expected Revenue", LOOK, "LOOK"),
            ("Lead Source", "source", None),
            ("Created Time", "created_date", None),
            ("Modified Time", LOOK, "LOOKdate"),
            ("Last Activity Time", "last_activity_date", None),
            ("Currency", "currency", None),
            ("Exchange Rate", None, "int"),
        ],
    ),
    (
        "Pipedrive deals with custom fields",
        "en",
        "pipedrive",
        [
            ("Deal - ID", "deal_id", None),
            ("Deal - Title", "name", None),
            ("Deal - Organization", "account", None),
            ("Deal - Value", "amount", None),
            ("Deal - Currency", "currency", None),
            ("Deal - Stage", "stage", None),
            ("Deal - Status", "status", None),
            ("Deal - Owner", "owner", None),
            ("Deal - Deal created", "created_date", None),
            ("Deal - Expected close date", "expected_close_date", None),
            ("Deal - Won time", "closed_date", "date"),
            ("Deal - Probability", "probability", None),
            ("Deal - Weighted value", LOOK, "LOOK"),
            ("Deal - Region", None, "text"),
            ("Deal - Contract length (months)", None, "int"),
            ("Deal - Next activity date", None, "date"),
            ("Person - Email", None, "email"),
        ],
    ),
    (
        "monday.com sales board export",
        "en",
        "custom",
        [
            ("Name", "name", None),
            ("Owner", "owner", None),
            ("Stage", "stage", None),
            ("Deal Value", "amount", None),
            ("Close Probability", "probability", None),
            ("Expected Close Date", "expected_close_date", None),
            ("Last updated", LOOK, "LOOKdate"),
        ],
    ),
    (
        "Notion CRM template",
        "en",
        "salesforce",
        [
            ("Name", "name", None),
            ("Company", "account", None),
            ("Status", "stage", None),
            ("Priority", None, "text"),
            ("Estimated Value", "amount", None),
            ("Account Owner", "owner", None),
            ("Expected Close", "expected_close_date", None),
            ("Last Contact", "last_activity_date", None),
        ],
    ),
    (
        "Misleading header: stage names under Owner",
        "en",
        "salesforce",
        [
            ("Deal", "name", None),
            ("Owner", "stage", "stage"),
            ("Rep", "owner", None),
            ("Amount", "amount", None),
        ],
    ),
    (
        "HubSpot deals (UI export)",
        "ts",
        "hubspot_ui",
        [
            ("Record ID", "deal_id", None),
            ("Deal Name", "name", None),
            ("Deal Stage", "stage", None),
            ("Pipeline", None, "text"),
            ("Amount", "amount", None),
            ("Close Date", "expected_close_date", None),
            ("Create Date", "created_date", None),
            ("Deal owner", "owner", None),
            ("Last Activity Date", "last_activity_date", None),
            ("Deal probability", "probability", "fraction"),
            ("Associated Company", "account", None),
            ("Amount in company currency", LOOK, "LOOK"),
            ("Weighted amount", LOOK, "LOOK"),
            ("Deal Type", None, "text"),
            ("Next Activity Date", None, "date"),
            ("Last Modified Date", LOOK, "LOOKdate"),
            ("Original Source Type", "source", None),
        ],
    ),
    (
        "HubSpot deals (API property names)",
        "en",
        "hubspot",
        [
            ("hs_object_id", "deal_id", None),
            ("dealname", "name", None),
            ("dealstage", "stage", None),
            ("pipeline", None, "text"),
            ("amount", "amount", None),
            ("closedate", "expected_close_date", None),
            ("createdate", "created_date", None),
            ("hubspot_owner_id", None, "int"),
            ("hs_lastmodifieddate", LOOK, "LOOKdate"),
            ("hs_deal_stage_probability", "probability", "fraction"),
            ("amount_in_home_currency", LOOK, "LOOK"),
            ("hs_analytics_source", "source", None),
            ("notes_last_contacted", "last_activity_date", None),
            ("hs_projected_amount", LOOK, "LOOK"),
            ("days_to_close", None, "int"),
            ("hs_is_closed_won", "is_won", None),
            ("hs_is_closed", "is_closed", None),
            ("deal_currency_code", "currency", None),
        ],
    ),
    (
        "HubSpot deals (JDBC DEALS table)",
        "en",
        "hubspot",
        [
            ("DEALID", "deal_id", None),
            ("DEALNAME", "name", None),
            ("DEALSTAGE", "stage", None),
            ("AMOUNT", "amount", None),
            ("AMOUNTINHOMECURRENCY", LOOK, "LOOK"),
            ("CLOSEDATE", "expected_close_date", None),
            ("CREATEDATE", "created_date", None),
            ("DAYSTOCLOSE", None, "int"),
            ("DEALSTAGEPROBABILITY", "probability", "fraction"),
            ("HUBSPOTOWNERID", None, "int"),
            ("LASTMODIFIEDDATE", LOOK, "LOOKdate"),
            ("PROJECTEDDEALAMOUNT", LOOK, "LOOK"),
            ("NUMBEROFCONTACTS", None, "int"),
        ],
    ),
    (
        "HubSpot deals (French UI)",
        "fr",
        "hubspot_ui",
        [
            ("ID de l'enregistrement", "deal_id", None),
            ("Nom de la transaction", "name", None),
            ("Phase de la transaction", "stage", None),
            ("Montant", "amount", None),
            ("Date de fermeture", "expected_close_date", None),
            ("Propriétaire de la transaction", "owner", None),
            ("Date de création", "created_date", None),
            ("Date de la dernière activité", "last_activity_date", None),
            ("Pipeline", None, "text"),
            ("Type de transaction", None, "text"),
            ("Montant dans la devise de l'entreprise", LOOK, "LOOK"),
        ],
    ),
    (
        "HubSpot deals (German UI)",
        "de",
        "hubspot_ui",
        [
            ("Datensatz-ID", "deal_id", None),
            ("Deal-Name", "name", None),
            ("Deal-Phase", "stage", None),
            ("Betrag", "amount", None),
            ("Deal-Inhaber", "owner", None),
            ("Erstelldatum", "created_date", None),
            ("Datum der letzten Aktivität", "last_activity_date", None),
            ("Pipeline", None, "text"),
            ("Betrag in Unternehmenswährung", LOOK, "LOOK"),
            ("Deal-Typ", None, "text"),
        ],
    ),
    (
        "Pipedrive deals (UI export)",
        "ts",
        "pipedrive",
        [
            ("Deal - ID", "deal_id", None),
            ("Deal - Title", "name", None),
            ("Deal - Creator", None, "owner"),
            ("Deal - Owner", "owner", None),
            ("Deal - Value", "amount", None),
            ("Deal - Currency", "currency", None),
            ("Deal - Weighted value", LOOK, "LOOK"),
            ("Deal - Probability", "probability", None),
            ("Deal - Organization", "account", None),
            ("Deal - Pipeline", None, "text"),
            ("Deal - Contact person", None, "owner"),
            ("Deal - Stage", "stage", None),
            ("Deal - Status", "status", None),
            ("Deal - Deal created", "created_date", None),
            ("Deal - Update time", LOOK, "LOOKdate"),
            ("Deal - Next activity date", None, "date"),
            ("Deal - Last activity date", "last_activity_date", None),
            ("Deal - Won time", "closed_date", None),
            ("Deal - Lost time", "closed_date", None),
            ("Deal - Expected close date", "expected_close_date", None),
            ("Deal - Lost reason", None, "text"),
        ],
    ),
    (
        "Pipedrive deals (API fields)",
        "ts",
        "pipedrive",
        [
            ("id", "deal_id", None),
            ("title", "name", None),
            ("value", "amount", None),
            ("currency", "currency", None),
            ("weighted_value", LOOK, "LOOK"),
            ("probability", "probability", None),
            ("status", "status", None),
            ("stage_id", None, "int"),
            ("add_time", "created_date", None),
            ("update_time", LOOK, "LOOKdate"),
            ("won_time", "closed_date", None),
            ("expected_close_date", "expected_close_date", None),
            ("last_activity_date", "last_activity_date", None),
            ("next_activity_date", None, "date"),
            ("owner_name", "owner", None),
            ("org_name", "account", None),
            ("person_name", None, "owner"),
        ],
    ),
    (
        "Pipedrive deals (French UI)",
        "fr",
        "fr",
        [
            ("Affaire - Titre", "name", None),
            ("Affaire - Valeur", "amount", None),
            ("Affaire - Devise", "currency", None),
            ("Affaire - Étape", "stage", None),
            ("Affaire - Statut", "status", None),
            ("Affaire - Propriétaire", "owner", None),
            ("Affaire - Organisation", "account", None),
            ("Affaire - Date de clôture prévue", "expected_close_date", None),
            ("Affaire - Affaire créée", "created_date", None),
            ("Affaire - Valeur pondérée", LOOK, "LOOK"),
            ("Affaire - Date de la dernière activité", "last_activity_date", None),
        ],
    ),
    (
        "Pipedrive deals (German UI)",
        "de",
        "de",
        [
            ("Deal - Titel", "name", None),
            ("Deal - Wert", "amount", None),
            ("Deal - Währung", "currency", None),
            ("Deal - Phase", "stage", None),
            ("Deal - Status", "status", None),
            ("Deal - Besitzer", "owner", None),
            ("Deal - Organisation", "account", None),
            ("Deal - Erwartetes Abschlussdatum", "expected_close_date", None),
            ("Deal - Deal erstellt", "created_date", None),
            ("Deal - Gewichteter Wert", LOOK, "LOOK"),
            ("Deal - Datum der letzten Aktivität", "last_activity_date", None),
        ],
    ),
    (
        "Salesforce opportunity report",
        "us",
        "salesforce",
        [
            ("Opportunity Name", "name", None),
            ("Account Name", "account", None),
            ("Opportunity Owner", "owner", None),
            ("Stage", "stage", None),
            ("Amount", "amount", None),
            ("Expected Revenue", LOOK, "LOOK"),
            ("Probability (%)", "probability", None),
            ("Close Date", "expected_close_date", None),
            ("Created Date", "created_date", None),
            ("Lead Source", "source", None),
            ("Type", None, "text"),
            ("Next Step", "notes", None),
            ("Fiscal Period", None, "text"),
            ("Age", None, "int"),
            ("Last Activity", "last_activity_date", None),
            ("Industry", "sector", None),
        ],
    ),
    (
        "Salesforce Opportunity (API / Data Loader)",
        "en",
        "salesforce",
        [
            ("Id", "deal_id", "id"),
            ("Name", "name", None),
            ("AccountId", None, "id"),
            ("StageName", "stage", None),
            ("Amount", "amount", None),
            ("ExpectedRevenue", LOOK, "LOOK"),
            ("Probability", "probability", None),
            ("CloseDate", "expected_close_date", None),
            ("CreatedDate", "created_date", None),
            ("LeadSource", "source", None),
            ("OwnerId", None, "id"),
            ("IsClosed", "is_closed", None),
            ("IsWon", "is_won", None),
            ("ForecastCategoryName", LOOK, "text"),
            ("LastActivityDate", "last_activity_date", None),
            ("LastModifiedDate", LOOK, "LOOKdate"),
            ("Type", None, "text"),
            ("CurrencyIsoCode", "currency", None),
            ("Description", "notes", None),
        ],
    ),
    (
        "Salesforce opportunity report (French)",
        "fr",
        "fr",
        [
            ("Nom de l'opportunité", "name", None),
            ("Nom du compte", "account", None),
            ("Propriétaire de l'opportunité", "owner", None),
            ("Étape", "stage", None),
            ("Montant", "amount", None),
            ("Revenu attendu", LOOK, "LOOK"),
            ("Probabilité (%)", "probability", None),
            ("Date de création", "created_date", None),
            ("Origine de la piste", "source", None),
            ("Type", None, "text"),
            ("Étape suivante", "notes", None),
        ],
    ),
    (
        "Zoho CRM deals (UI export)",
        "ts",
        "salesforce",
        [
            ("Deal Name", "name", None),
            ("Account Name", "account", None),
            ("Contact Name", None, "owner"),
            ("Stage", "stage", None),
            ("Amount", "amount", None),
            ("Expected Revenue", LOOK, "LOOK"),
            ("Probability (%)", "probability", None),
            ("Closing Date", "expected_close_date", None),
            ("Created Time", "created_date", None),
            ("Modified Time", LOOK, "LOOKdate"),
            ("Deal Owner", "owner", None),
            ("Lead Source", "source", None),
            ("Type", None, "text"),
            ("Next Step", "notes", None),
            ("Last Activity Time", "last_activity_date", None),
        ],
    ),
    (
        "Zoho CRM deals (API names)",
        "ts",
        "salesforce",
        [
            ("Deal_Name", "name", None),
            ("Account_Name", "account", None),
            ("Stage", "stage", None),
            ("Amount", "amount", None),
            ("Expected_Revenue", LOOK, "LOOK"),
            ("Probability", "probability", None),
            ("Closing_Date", "expected_close_date", None),
            ("Created_Time", "created_date", None),
            ("Modified_Time", LOOK, "LOOKdate"),
            ("Owner", "owner", None),
            ("Lead_Source", "source", None),
            ("Last_Activity_Time", "last_activity_date", None),
            ("Currency", "currency", None),
        ],
    ),
    (
        "Dynamics 365 opportunities (UI export)",
        "us",
        "custom",
        [
            ("Topic", "name", None),
            ("Potential Customer", "account", None),
            ("Est. Revenue", "amount", None),
            ("Est. Close Date", "expected_close_date", None),
            ("Probability", "probability", None),
            ("Pipeline Phase", "stage", None),
            ("Status", "status", "status_dyn"),
            ("Status Reason", None, "text"),
            ("Owner", "owner", None),
            ("Created On", "created_date", None),
            ("Modified On", LOOK, "LOOKdate"),
            ("Actual Revenue", LOOK, "LOOK"),
            ("Rating", None, "text"),
            ("Currency", "currency", None),
        ],
    ),
    (
        "Dynamics 365 opportunity (Web API)",
        "en",
        "custom",
        [
            ("opportunityid", "deal_id", "id"),
            ("name", "name", None),
            ("estimatedvalue", "amount", None),
            ("estimatedclosedate", "expected_close_date", None),
            ("actualvalue", LOOK, "LOOK"),
            ("actualclosedate", "closed_date", None),
            ("closeprobability", "probability", None),
            ("stepname", "stage", None),
            ("statecode", "status", "status_dyn"),
            ("ownerid", None, "id"),
            ("createdon", "created_date", None),
            ("modifiedon", LOOK, "LOOKdate"),
            ("parentaccountid", None, "id"),
            ("description", "notes", None),
        ],
    ),
    (
        "Business Central opportunity (API)",
        "en",
        "custom",
        [
            ("number", "deal_id", None),
            ("contactNumber", None, "id"),
            ("contactName", None, "owner"),
            ("contactCompanyName", "account", None),
            ("salespersonCode", "owner", None),
            ("status", "status", None),
            ("closed", "is_closed", None),
            ("creationDate", "created_date", None),
            ("dateClosed", "closed_date", None),
            ("calculatedCurrentValue", LOOK, "LOOK"),
            ("chancesOfSuccessPrc", "probability", None),
            ("estimatedClosingDate", "expected_close_date", None),
            ("estimatedValue", "amount", None),
            ("lastModifiedDateTime", LOOK, "LOOKdate"),
        ],
    ),
    (
        "Odoo CRM pipeline (English export)",
        "en",
        "custom",
        [
            ("Opportunity", "name", None),
            ("Customer", "account", None),
            ("Expected Revenue", LOOK, "LOOK"),
            ("Prorated Revenue", LOOK, "LOOK"),
            ("Stage", "stage", None),
            ("Probability", "probability", None),
            ("Salesperson", "owner", None),
            ("Sales Team", None, "text"),
            ("Expected Closing", "expected_close_date", None),
            ("Created on", "created_date", None),
            ("Last Updated on", LOOK, "LOOKdate"),
            ("Source", "source", None),
            ("Medium", None, "text"),
            ("Campaign", None, "text"),
            ("Lost Reason", None, "text"),
            ("Email", None, "email"),
        ],
    ),
    (
        "Odoo CRM pipeline (French export)",
        "fr",
        "fr",
        [
            ("Opportunité", "name", None),
            ("Client", "account", None),
            ("Revenu espéré", LOOK, "LOOK"),
            ("Étape", "stage", None),
            ("Probabilité", "probability", None),
            ("Vendeur", "owner", None),
            ("Équipe commerciale", None, "text"),
            ("Clôture prévue", "expected_close_date", None),
            ("Créé le", "created_date", None),
            ("Dernière mise à jour le", LOOK, "LOOKdate"),
            ("Source", "source", None),
            ("Campagne", None, "text"),
        ],
    ),
    (
        "Copper opportunities",
        "us",
        "custom",
        [
            ("Name", "name", None),
            ("Company", "account", None),
            ("Primary Contact", None, "owner"),
            ("Value", "amount", None),
            ("Pipeline", None, "text"),
            ("Stage", "stage", None),
            ("Status", "status", None),
            ("Owner", "owner", None),
            ("Close Date", "expected_close_date", None),
            ("Win Probability", "probability", None),
            ("Source", "source", None),
            ("Loss Reason", None, "text"),
            ("Date Created", "created_date", None),
            ("Date Modified", LOOK, "LOOKdate"),
            ("Date Last Contacted", "last_activity_date", None),
            ("Interaction Count", None, "int"),
            ("Details", "notes", None),
        ],
    ),
    (
        "Close opportunities export",
        "en",
        "custom",
        [
            ("lead_name", "account", "company"),
            ("status_label", "stage", None),
            ("status_type", "status", None),
            ("value", "amount", None),
            ("value_period", None, "text"),
            ("value_currency", "currency", None),
            ("confidence", "probability", None),
            ("user_name", "owner", None),
            ("date_created", "created_date", None),
            ("date_updated", LOOK, "LOOKdate"),
            ("date_won", "closed_date", None),
            ("note", "notes", None),
            ("contact_name", None, "owner"),
            ("expected_value", LOOK, "LOOK"),
        ],
    ),
    (
        "Freshsales deals (UI export)",
        "en",
        "custom",
        [
            ("Name", "name", None),
            ("Deal value", "amount", None),
            ("Deal stage", "stage", None),
            ("Deal pipeline", None, "text"),
            ("Expected close date", "expected_close_date", None),
            ("Closed date", "closed_date", None),
            ("Sales owner", "owner", None),
            ("Account name", "account", None),
            ("Probability (%)", "probability", None),
            ("Source", "source", None),
            ("Campaign", None, "text"),
            ("Lost reason", None, "text"),
            ("Created at", "created_date", None),
            ("Updated at", LOOK, "LOOKdate"),
            ("Last contacted time", "last_activity_date", None),
            ("Currency", "currency", None),
            ("Deal type", None, "text"),
            ("Forecast category", LOOK, "text"),
            ("Expected deal value", LOOK, "LOOK"),
        ],
    ),
    (
        "Freshsales deals (API)",
        "ts",
        "custom",
        [
            ("name", "name", None),
            ("amount", "amount", None),
            ("base_currency_amount", LOOK, "LOOK"),
            ("expected_close", "expected_close_date", None),
            ("closed_date", "closed_date", None),
            ("deal_stage_id", None, "int"),
            ("probability", "probability", None),
            ("created_at", "created_date", None),
            ("updated_at", LOOK, "LOOKdate"),
            ("owner_id", None, "int"),
            ("sales_account_id", None, "int"),
            ("forecast_category", LOOK, "text"),
        ],
    ),
    (
        "monday.com CRM deals board",
        "en",
        "custom",
        [
            ("Name", "name", None),
            ("Stage", "stage", None),
            ("Owner", "owner", None),
            ("Deal Value", "amount", None),
            ("Contacts", None, "owner"),
            ("Close Probability", "probability", None),
            ("Forecast Value", LOOK, "LOOK"),
            ("Expected Close Date", "expected_close_date", None),
            ("Actual Close Date", "closed_date", None),
            ("Accounts", "account", None),
            ("Last updated", LOOK, "LOOKdate"),
            ("Priority", None, "text"),
        ],
    ),
    (
        "Zendesk Sell deals",
        "ts",
        "custom",
        [
            ("Name", "name", None),
            ("Value", "amount", None),
            ("Currency", "currency", None),
            ("Stage", "stage", None),
            ("Owner", "owner", None),
            ("Organization", "account", None),
            ("Estimated Close Date", "expected_close_date", None),
            ("Last Stage Change At", None, "date"),
            ("Added At", "created_date", None),
            ("Updated At", LOOK, "LOOKdate"),
            ("Source", "source", None),
            ("Loss Reason", None, "text"),
            ("Hot", None, "bool"),
            ("Last Activity At", "last_activity_date", None),
        ],
    ),
    (
        "Maven Analytics CRM sales opportunities (sales_pipeline.csv)",
        "en",
        "maven",
        [
            ("opportunity_id", "deal_id", "id"),
            ("sales_agent", "owner", None),
            ("product", None, "text"),
            ("account", "account", None),
            ("deal_stage", "stage", None),
            ("engage_date", "created_date", None),
            ("close_date", "expected_close_date", None),
            ("close_value", "amount", None),
        ],
    ),
    (
        "IBM sales win/loss dataset",
        "en",
        "custom",
        [
            ("Opportunity Number", "deal_id", None),
            ("Supplies Subgroup", None, "text"),
            ("Supplies Group", None, "text"),
            ("Region", None, "text"),
            ("Opportunity Result", "status", "status"),
            ("Sales Stage Change Count", None, "int"),
            ("Elapsed Days In Sales Stage", None, "int"),
            ("Opportunity Amount USD", "amount", None),
            ("Client Size By Revenue", None, "int"),
            ("Competitor Type", None, "text"),
        ],
    ),
    (
        "Seed spec, French spreadsheet (deals table)",
        "en",
        "fr",
        [
            ("id", "deal_id", None),
            ("client", "account", None),
            ("statut", "stage", None),
            ("montant_brut", "amount", None),
            ("probabilite", "probability", "fraction"),
            ("valeur_ponderee", LOOK, "LOOK"),
            ("secteur", "sector", None),
            ("date_echeance", "expected_close_date", None),
            ("assignee", "owner", None),
            ("notes", "notes", None),
            ("created_at", "created_date", "date"),
            ("updated_at", LOOK, "LOOKdate"),
        ],
    ),
    (
        "French spreadsheet (suivi commercial)",
        "fr",
        "fr",
        [
            ("Nom de l'affaire", "name", None),
            ("Société", "account", None),
            ("Étape", "stage", None),
            ("Montant HT (€)", "amount", None),
            ("Probabilité (%)", "probability", None),
            ("Date de clôture prévue", "expected_close_date", None),
            ("Commercial", "owner", None),
            ("Origine", "source", None),
            ("Secteur d'activité", "sector", None),
            ("Date de création", "created_date", None),
            ("Dernier contact", "last_activity_date", None),
            ("Commentaires", "notes", None),
        ],
    ),
    (
        "French spreadsheet (devis / affaires)",
        "fr",
        "fr",
        [
            ("Référence", "deal_id", None),
            ("Titre", "name", None),
            ("Client", "account", None),
            ("Statut", "status", "status"),
            ("Montant", "amount", None),
            ("Devise", "currency", None),
            ("Date de signature prévue", "expected_close_date", None),
            ("Responsable", "owner", None),
            ("Source du lead", "source", None),
            ("Date de création", "created_date", None),
            ("Montant pondéré", LOOK, "LOOK"),
        ],
    ),
    (
        "German spreadsheet (Vertriebsliste)",
        "de",
        "de",
        [
            ("Nr.", "deal_id", None),
            ("Bezeichnung", "name", None),
            ("Kunde", "account", None),
            ("Phase", "stage", None),
            ("Status", "status", "status"),
            ("Betrag (€)", "amount", None),
            ("Wahrscheinlichkeit (%)", "probability", None),
            ("Erwartetes Abschlussdatum", "expected_close_date", None),
            ("Abschlussdatum", "closed_date", None),
            ("Verantwortlicher", "owner", None),
            ("Quelle", "source", None),
            ("Branche", "sector", None),
            ("Erstellt am", "created_date", None),
            ("Letzte Aktivität", "last_activity_date", None),
            ("Gewichteter Betrag", LOOK, "LOOK"),
            ("Notizen", "notes", None),
        ],
    ),
    (
        "German spreadsheet (Verkaufschancen)",
        "de",
        "de",
        [
            ("Firma", "account", None),
            ("Verkaufsphase", "stage", None),
            ("Auftragswert", "amount", None),
            ("Abschlusswahrscheinlichkeit", "probability", None),
            ("Voraussichtliches Abschlussdatum", "expected_close_date", None),
            ("Vertriebsmitarbeiter", "owner", None),
            ("Leadquelle", "source", None),
            ("Erstellungsdatum", "created_date", None),
            ("Geändert am", LOOK, "LOOKdate"),
            ("Währung", "currency", None),
        ],
    ),
    (
        "SugarCRM / SuiteCRM opportunities",
        "us",
        "salesforce",
        [
            ("Opportunity Name", "name", None),
            ("Account Name", "account", None),
            ("Sales Stage", "stage", None),
            ("Amount", "amount", None),
            ("Currency", "currency", None),
            ("Expected Close Date", "expected_close_date", None),
            ("Probability (%)", "probability", None),
            ("Lead Source", "source", None),
            ("Next Step", None, "notes"),
            ("Assigned to", "owner", None),
            ("Date Created", "created_date", None),
            ("Date Modified", LOOK, "LOOKdate"),
            ("Opportunity Type", None, "text"),
            ("Campaign", None, "text"),
            ("Description", "notes", None),
        ],
    ),
    (
        "Insightly opportunities",
        "en",
        "custom",
        [
            ("Opportunity Name", "name", None),
            ("Opportunity Details", "notes", None),
            ("Probability", "probability", None),
            ("Bid Amount", "amount", None),
            ("Bid Currency", "currency", None),
            ("Bid Type", None, "text"),
            ("Forecast Close Date", "expected_close_date", None),
            ("Actual Close Date", "closed_date", None),
            ("Current State", "status", "status"),
            ("Pipeline", None, "text"),
            ("Current Pipeline Stage", "stage", None),
            ("Responsible User", "owner", None),
            ("Organisation", "account", None),
            ("Date Created", "created_date", None),
            ("Date Updated", LOOK, "LOOKdate"),
        ],
    ),
    (
        "Capsule CRM opportunities",
        "en",
        "custom",
        [
            ("Name", "name", None),
            ("Description", "notes", None),
            ("Milestone", "stage", None),
            ("Value", "amount", None),
            ("Currency", "currency", None),
            ("Expected Close Date", "expected_close_date", None),
            ("Probability", "probability", None),
            ("Owner", "owner", None),
            ("Created", "created_date", None),
            ("Updated", LOOK, "LOOKdate"),
            ("Closed On", "closed_date", None),
            ("Lost Reason", None, "text"),
        ],
    ),
    (
        "Agile CRM deals",
        "en",
        "custom",
        [
            ("Name", "name", None),
            ("Value", "amount", None),
            ("Probability", "probability", None),
            ("Milestone", "stage", None),
            ("Track", None, "text"),
            ("Close Date", "expected_close_date", None),
            ("Owner", "owner", None),
            ("Description", "notes", None),
            ("Created Date", "created_date", None),
            ("Source", "source", None),
            ("Tags", None, "text"),
        ],
    ),
    (
        "Bitrix24 deals",
        "en",
        "custom",
        [
            ("ID", "deal_id", None),
            ("Deal Name", "name", None),
            ("Stage", "stage", None),
            ("Income", "amount", None),
            ("Currency", "currency", None),
            ("Responsible", "owner", None),
            ("Company", "account", None),
            ("Contact", None, "owner"),
            ("Start date", None, "date"),
            ("Expected close date", "expected_close_date", None),
            ("Created", "created_date", None),
            ("Modified", LOOK, "LOOKdate"),
            ("Source", "source", None),
            ("Deal type", None, "text"),
            ("Comment", "notes", None),
        ],
    ),
    (
        "NetSuite opportunities",
        "us",
        "custom",
        [
            ("Title", "name", None),
            ("Customer", "account", None),
            ("Stage", "stage", None),
            ("Probability", "probability", None),
            ("Projected Total", LOOK, "LOOK"),
            ("Expected Close", "expected_close_date", None),
            ("Sales Rep", "owner", None),
            ("Lead Source", "source", None),
            ("Date Created", "created_date", None),
            ("Weighted Total", LOOK, "LOOK"),
        ],
    ),
    (
        "Excel sales pipeline report (template)",
        "us",
        "custom",
        [
            ("Opportunity", "name", None),
            ("Client", "account", None),
            ("Sales Rep", "owner", None),
            ("Sales stage", "stage", None),
            ("Est. Value", "amount", None),
            ("Weighted Value", LOOK, "LOOK"),
            ("Win %", "probability", None),
            ("Expected Close", "expected_close_date", None),
            ("Next Action", None, "text"),
            ("Created", "created_date", None),
        ],
    ),
    (
        "Generic English spreadsheet",
        "en",
        "custom",
        [
            ("Deal", "name", None),
            ("Company", "account", None),
            ("Stage", "stage", None),
            ("Value ($)", "amount", None),
            ("Probability", "probability", None),
            ("Expected Close", "expected_close_date", None),
            ("Owner", "owner", None),
            ("Lead Source", "source", None),
            ("Industry", "sector", None),
            ("Created", "created_date", None),
            ("Last Contact", "last_activity_date", None),
            ("Notes", "notes", None),
        ],
    ),
    (
        "Home-made app export (camelCase)",
        "en",
        "custom",
        [
            ("dealId", "deal_id", "id"),
            ("dealName", "name", None),
            ("accountName", "account", None),
            ("stageName", "stage", None),
            ("dealValue", "amount", None),
            ("currencyCode", "currency", None),
            ("winProbability", "probability", None),
            ("leadSource", "source", None),
            ("industry", "sector", None),
            ("ownerName", "owner", None),
            ("createdAt", "created_date", None),
            ("expectedCloseDate", "expected_close_date", None),
            ("closedAt", "closed_date", None),
            ("lastActivityAt", "last_activity_date", None),
            ("updatedAt", LOOK, "LOOKdate"),
        ],
    ),
    (
        "B2B sales pipeline dataset (snake_case)",
        "en",
        "custom",
        [
            ("Deal_ID", "deal_id", None),
            ("Company", "account", None),
            ("Industry", "sector", None),
            ("Deal_Stage", "stage", None),
            ("Deal_Value", "amount", None),
            ("Lead_Source", "source", None),
            ("Sales_Rep", "owner", None),
            ("Created_Date", "created_date", None),
            ("Close_Date", "expected_close_date", None),
            ("Days_In_Stage", None, "int"),
            ("Win_Probability", "probability", None),
        ],
    ),
]


def run(verbose: bool) -> dict[str, float]:
    """Map every case; print per-field precision/recall, overall figures, look-alikes taken."""
    rng = random.Random(8)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    lookalikes = lookalikes_taken = columns = columns_right = 0
    misses: list[str] = []
    for name, locale, stages, spec in CASES:
        frame = pd.DataFrame(
            {
                header: values(
                    kind or (expected if expected and expected != LOOK else "text"),
                    locale,
                    stages,
                    rng,
                )
                for header, expected, kind in spec
            }
        )
        got = auto_mapping(list(frame.columns), frame)
        for header, expected, _kind in spec:
            columns += 1
            field = got[header]
            if expected == LOOK:
                lookalikes += 1
                if field is not None:
                    lookalikes_taken += 1
                    fp[field] += 1
                    misses.append(f"{name}: look-alike {header!r} taken as {field}")
                else:
                    columns_right += 1
                continue
            if field == expected:
                columns_right += 1
                if field:
                    tp[field] += 1
                continue
            if expected:
                fn[expected] += 1
            if field:
                fp[field] += 1
            misses.append(f"{name}: {header!r} → {field} (expected {expected})")
    fields = sorted(set(tp) | set(fp) | set(fn))
    print(f"{len(CASES)} header sets, {columns} columns ({lookalikes} look-alikes)\n")
    print(f"{'field':<22}{'precision':>10}{'recall':>9}{'right':>7}{'wrong':>7}{'missed':>8}")
    for f in fields:
        precision = tp[f] / (tp[f] + fp[f]) if tp[f] + fp[f] else 1.0
        recall = tp[f] / (tp[f] + fn[f]) if tp[f] + fn[f] else 1.0
        print(f"{f:<22}{precision:>10.1%}{recall:>9.1%}{tp[f]:>7}{fp[f]:>7}{fn[f]:>8}")
    total_tp, total_fp, total_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = total_tp / (total_tp + total_fp)
    recall = total_tp / (total_tp + total_fn)
    print(f"{'overall':<22}{precision:>10.1%}{recall:>9.1%}{total_tp:>7}{total_fp:>7}{total_fn:>8}")
    print(f"\nfields right (expected field mapped to it): {recall:.1%} of {total_tp + total_fn}")
    print(f"columns right (incl. columns rightly left unmapped): {columns_right / columns:.1%}")
    print(f"look-alikes taken: {lookalikes_taken} of {lookalikes}")
    if verbose or misses:
        print("\nmisses:")
        for miss in misses:
            print("  " + miss)
    return {"precision": precision, "recall": recall, "lookalikes_taken": lookalikes_taken}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    run(parser.parse_args().verbose)
