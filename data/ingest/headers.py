"""Column mapping: a file's headers to canonical fields.

A synonym table (English, French, German, HubSpot, Pipedrive, Salesforce, Zoho, snake_case)
decides first; a conservative fuzzy match (rapidfuzz, whole-string, high threshold) only catches
typos. Look-alike columns ("Weighted amount", "Amount in company currency", "Montant pondéré")
are explicitly ignored: adding a weighted value to a pipeline total is the classic silent error.
"""

from __future__ import annotations

from typing import Final

from rapidfuzz import fuzz

from data.canonical import CANONICAL_FIELDS
from data.stages import fold

#: Helper fields that are not canonical but feed one: Salesforce's IsWon/IsClosed booleans
#: decide ``status``.
AUXILIARY_FIELDS: Final = ("is_won", "is_closed")

#: Fields that several headers may feed at once, first non-empty value wins (Pipedrive's
#: "Won time" and "Lost time" are both the closing date).
MULTI_HEADER_FIELDS: Final = frozenset({"closed_date"})

#: field -> (synonym, language) in order of preference; the language feeds the locale hint.
_SYNONYMS: Final[dict[str, list[tuple[str, str]]]] = {
    "deal_id": [
        ("deal_id", ""), ("id", ""), ("deal id", "en"), ("record id", "en"),
        ("opportunity id", "en"), ("deal - id", "en"), ("opportunity_id", ""),
        ("record_id", ""), ("identifiant", "fr"), ("id du deal", "fr"), ("id deal", "fr"),
        ("reference", "fr"), ("référence", "fr"), ("ref", ""), ("deal number", "en"),
        ("nummer", "de"), ("deal nummer", "de"), ("id opportunite", "fr"),
    ],
    "name": [
        ("name", ""), ("deal name", "en"), ("deal_name", ""), ("opportunity name", "en"),
        ("deal - title", "en"), ("title", "en"), ("deal title", "en"), ("nom du deal", "fr"),
        ("nom", "fr"), ("nom de l'affaire", "fr"), ("affaire", "fr"), ("opportunité", "fr"),
        ("nom de l'opportunité", "fr"), ("titre", "fr"), ("bezeichnung", "de"),
        ("titel", "de"), ("deal", "en"), ("opportunity", "en"), ("projekt", "de"),
    ],
    "account": [
        ("account", ""), ("account name", "en"), ("account_name", ""), ("company", "en"),
        ("company name", "en"), ("associated company", "en"), ("organization", "en"),
        ("organisation", "en"), ("deal - organization", "en"), ("deal - organisation", "en"),
        ("customer", "en"), ("client", "fr"), ("société", "fr"), ("entreprise", "fr"),
        ("compte", "fr"), ("nom du client", "fr"), ("firma", "de"), ("kunde", "de"),
        ("unternehmen", "de"), ("organisation name", "en"), ("organization name", "en"),
    ],
    "stage": [
        ("stage", ""), ("deal stage", "en"), ("deal_stage", ""), ("stagename", "en"),
        ("stage name", "en"), ("deal - stage", "en"), ("pipeline stage", "en"),
        ("étape", "fr"), ("etape", "fr"), ("étape du deal", "fr"), ("étape de vente", "fr"),
        ("phase", "de"), ("stufe", "de"), ("verkaufsphase", "de"), ("deal phase", "de"),
    ],
    "status": [
        ("status", ""), ("deal - status", "en"), ("deal status", "en"), ("deal_status", ""),
        ("statut", "fr"), ("état", "fr"), ("etat", "fr"), ("zustand", "de"),
    ],
    "amount": [
        ("amount", ""), ("deal amount", "en"), ("deal - value", "en"), ("value", "en"),
        ("deal value", "en"), ("deal_value", ""), ("opportunity amount", "en"),
        ("montant", "fr"), ("montant brut", "fr"), ("montant du deal", "fr"),
        ("montant ht", "fr"), ("valeur", "fr"), ("chiffre d'affaires", "fr"), ("ca", "fr"),
        ("betrag", "de"), ("wert", "de"), ("volumen", "de"), ("umsatz", "de"),
        ("auftragswert", "de"), ("deal size", "en"), ("price", "en"), ("revenue", "en"),
    ],
    "currency": [
        ("currency", ""), ("deal - currency", "en"), ("opportunity currency", "en"),
        ("currency code", "en"), ("currency_code", ""), ("currencyisocode", "en"),
        ("devise", "fr"), ("monnaie", "fr"),
        ("währung", "de"), ("waehrung", "de"),
    ],
    "probability": [
        ("probability", ""), ("probability (%)", "en"), ("deal probability", "en"),
        ("deal - probability", "en"), ("win probability", "en"), ("probabilité", "fr"),
        ("probabilite", "fr"), ("probabilité (%)", "fr"), ("chance", "fr"),
        ("wahrscheinlichkeit", "de"), ("wahrscheinlichkeit (%)", "de"),
        ("abschlusswahrscheinlichkeit", "de"),
    ],
    "source": [
        ("source", ""), ("lead source", "en"), ("lead_source", ""), ("original source", "en"),
        ("deal - source", "en"), ("deal source", "en"), ("origine", "fr"), ("canal", "fr"),
        ("source du lead", "fr"), ("quelle", "de"), ("lead quelle", "de"), ("leadquelle", "de"),
        ("kanal", "de"), ("channel", "en"),
    ],
    "sector": [
        ("sector", ""), ("industry", "en"), ("secteur", "fr"), ("secteur d'activité", "fr"),
        ("industrie", "fr"), ("branche", "de"), ("deal - industry", "en"), ("vertical", "en"),
    ],
    "owner": [
        ("owner", ""), ("deal owner", "en"), ("deal_owner", ""), ("opportunity owner", "en"),
        ("deal - owner", "en"), ("salesperson", "en"), ("sales rep", "en"), ("assigned to", "en"),
        ("commercial", "fr"), ("responsable", "fr"), ("propriétaire", "fr"), ("vendeur", "fr"),
        ("chargé d'affaires", "fr"), ("verantwortlich", "de"), ("verantwortlicher", "de"),
        ("besitzer", "de"), ("vertriebsmitarbeiter", "de"), ("zuständig", "de"),
        ("deal - user", "en"), ("user", "en"),
    ],
    "created_date": [
        ("created_date", ""), ("created date", "en"), ("create date", "en"),
        ("creation date", "en"), ("created", "en"), ("created at", "en"), ("created on", "en"),
        ("created time", "en"), ("deal - deal created", "en"), ("deal created", "en"),
        ("date de création", "fr"), ("créé le", "fr"), ("date création", "fr"),
        ("erstellt am", "de"), ("erstellt", "de"), ("erstellungsdatum", "de"),
        ("angelegt am", "de"), ("created_at", ""),
    ],
    "expected_close_date": [
        ("expected_close_date", ""), ("expected close date", "en"), ("close date", "en"),
        ("closedate", "en"), ("closing date", "en"), ("deal - expected close date", "en"),
        ("expected closing date", "en"), ("estimated close date", "en"),
        ("date de clôture prévue", "fr"), ("date d'échéance", "fr"),
        ("date de clôture estimée", "fr"), ("clôture prévue", "fr"), ("échéance", "fr"),
        ("date de signature prévue", "fr"),
        ("erwartetes abschlussdatum", "de"), ("voraussichtliches abschlussdatum", "de"),
        ("geplantes abschlussdatum", "de"),
    ],
    "closed_date": [
        ("closed_date", ""), ("closed date", "en"), ("actual close date", "en"),
        ("date closed", "en"), ("won date", "en"), ("deal - won time", "en"),
        ("deal - lost time", "en"), ("won time", "en"), ("lost time", "en"),
        ("deal - close time", "en"), ("close time", "en"),
        ("date de clôture", "fr"), ("date de signature", "fr"), ("clôturé le", "fr"),
        ("abschlussdatum", "de"), ("abgeschlossen am", "de"),
    ],
    "last_activity_date": [
        ("last_activity_date", ""), ("last activity date", "en"), ("last activity", "en"),
        ("last activity time", "en"), ("deal - last activity date", "en"),
        ("last contacted", "en"), ("last modified date", "en"), ("dernière activité", "fr"),
        ("date de dernière activité", "fr"), ("dernier contact", "fr"),
        ("letzte aktivität", "de"), ("letzter kontakt", "de"), ("last_activity", ""),
    ],
    "notes": [
        ("notes", ""), ("note", ""), ("description", ""), ("comments", "en"), ("comment", "en"),
        ("next step", "en"), ("commentaire", "fr"), ("commentaires", "fr"), ("remarques", "fr"),
        ("notizen", "de"), ("notiz", "de"), ("bemerkung", "de"), ("kommentar", "de"),
    ],
    "is_won": [("iswon", "en"), ("is won", "en"), ("won", "en")],
    "is_closed": [("isclosed", "en"), ("is closed", "en"), ("closed", "en")],
}

#: Headers that look like a canonical field but are not it: always ignored.
_IGNORED: Final = frozenset(
    fold(x)
    for x in (
        "Amount in company currency", "Weighted value", "Weighted amount", "Expected Revenue",
        "Forecast amount", "Montant pondéré", "Valeur pondérée", "Gewichteter Wert",
        "Gewichteter Betrag", "Deal - Weighted value", "Pipeline", "Deal - Pipeline",
        "Forecast category", "Forecast Category", "Annual Revenue", "Amount (converted)",
        "Amount Currency", "Total contract value", "Annual contract value",
        "Deal - Deal closed on", "Days to close", "Fiscal Period", "Age", "Stage Duration",
        "Probabilité pondérée", "Montant prévisionnel",
    )
)

#: Words that make a header a derived figure rather than the field it resembles; fuzzy matching
#: never maps such a header.
_DERIVED_WORDS: Final = frozenset(
    {
        "weighted", "pondere", "ponderee", "gewichtet", "gewichteter", "gewichtete", "forecast",
        "prevision", "previsionnel", "expected revenue", "converted", "company currency",
        "annual", "total", "sum", "summe", "somme", "days", "age", "duration", "count",
        "number of", "nombre", "anzahl", "mrr", "arr", "tax", "tva", "ttc",
    }
)

_SYNONYM_INDEX: Final[dict[str, tuple[str, int, str]]] = {}
for _field, _names in _SYNONYMS.items():
    for _rank, (_name, _lang) in enumerate(_names):
        _SYNONYM_INDEX.setdefault(fold(_name), (_field, _rank, _lang))

#: Fuzzy threshold on a 0-100 scale: high enough that only typos ("Ammount", "Stagee") pass.
FUZZY_THRESHOLD: Final = 90.0


def mapping_choices() -> list[str]:
    """The fields a user may pick for a column in the UI (None = ignore is added by the UI)."""
    return [*CANONICAL_FIELDS, *AUXILIARY_FIELDS]


def _is_derived(key: str) -> bool:
    padded = f" {key} "
    return any(f" {word} " in padded for word in _DERIVED_WORDS)


def match_header(header: str) -> tuple[str | None, float, str]:
    """Best field for one header: ``(field, score, language)``; score 0 means no match.

    Exact synonyms score 100 minus a small rank penalty (so "Montant" beats "Montant brut"
    when a file has both); fuzzy matches score their ratio, never above an exact one.
    """
    key = fold(header)
    if not key or key in _IGNORED:
        return None, 0.0, ""
    exact = _SYNONYM_INDEX.get(key)
    if exact is None and key.replace(" ", "_") in _SYNONYM_INDEX:
        exact = _SYNONYM_INDEX[key.replace(" ", "_")]
    if exact is not None:
        field, rank, lang = exact
        return field, 100.0 - rank * 0.01, lang
    if _is_derived(key) or len(key) < 4:
        return None, 0.0, ""
    best: tuple[str | None, float, str] = (None, 0.0, "")
    for synonym, (field, _rank, lang) in _SYNONYM_INDEX.items():
        if len(synonym) < 4:
            continue
        score = fuzz.ratio(key, synonym)
        if score >= FUZZY_THRESHOLD and score > best[1]:
            best = (field, score - 1.0, lang)
    return best


def auto_mapping(headers: list[str]) -> dict[str, str | None]:
    """Map every header to a field, each field used at most once (best match wins).

    Ties go to the leftmost header. ``closed_date`` may take several headers (Pipedrive's
    won/lost times), combined as "first non-empty" by the validator.
    """
    scored = [(match_header(h), position, h) for position, h in enumerate(headers)]
    result: dict[str, str | None] = {h: None for h in headers}
    taken: set[str] = set()
    for (field, score, _lang), _position, header in sorted(
        scored, key=lambda item: (-item[0][1], item[1])
    ):
        if field is None or score <= 0:
            continue
        if field in taken and field not in MULTI_HEADER_FIELDS:
            continue
        result[header] = field
        taken.add(field)
    return result


def apply_user_mapping(
    headers: list[str], user: dict[str, str | None] | None
) -> dict[str, str | None]:
    """Automatic mapping, overridden entirely for the headers the user named.

    A field the user assigned is taken away from any other header the automatic mapping had
    given it to, so one field still comes from one column.
    """
    automatic = auto_mapping(headers)
    if not user:
        return automatic
    chosen = {h: f for h, f in user.items() if h in automatic}
    user_fields = {f for f in chosen.values() if f}
    result: dict[str, str | None] = {}
    for header in headers:
        if header in chosen:
            result[header] = chosen[header]
        elif automatic[header] in user_fields and automatic[header] not in MULTI_HEADER_FIELDS:
            result[header] = None
        else:
            result[header] = automatic[header]
    return result


def header_languages(headers: list[str]) -> dict[str, int]:
    """Count the languages of the headers that matched a language-specific synonym."""
    votes: dict[str, int] = {}
    for header in headers:
        _field, score, lang = match_header(header)
        if score > 0 and lang:
            votes[lang] = votes.get(lang, 0) + 1
    return votes
