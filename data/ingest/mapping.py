"""Column roles from headers AND contents: word rules, value profiles, one global assignment.

1. Each header is split into words (:mod:`data.ingest.words`); concatenated words
   ("estimatedclosedate") are segmented against the vocabulary, typos within one edit
   ("Ammount", "Stgae") are corrected, German compounds ("Verkaufsphase") match their parts.
2. Words are matched against per-field vocabularies (EN/FR/DE and the vendors' terms). The
   *head* word decides between two fields ("Account Owner" is an owner, "Nom du client" a
   client); entity prefixes ("Deal -", "Opp") are noise; key/contact words ("ID", "Email") and
   look-alike words ("weighted", "forecast", "converted", "modified") veto a field.
3. The values' profile (:mod:`data.ingest.profiles`) multiplies the header score, and decides
   alone for unmistakable profiles (stage names, status words, currency codes).
4. One global assignment, best score first: one field per column, each field at most once
   (``closed_date`` may take Pipedrive's won *and* lost times), a confidence per column.

Look-alike columns are never mapped automatically; they are returned as candidates with the
reason, so the user decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import lru_cache
from typing import Final

import pandas as pd
from rapidfuzz.distance import DamerauLevenshtein

from data.ingest.labels import field_label
from data.ingest.profiles import (
    ColumnProfile,
    compatibility,
    looks_like,
    profile_column,
    value_score,
)
from data.ingest.values import parse_amounts, parse_percent
from data.ingest.words import split_words

#: Helper fields that are not canonical but feed one: Salesforce's IsWon/IsClosed booleans.
AUXILIARY_FIELDS: Final = ("is_won", "is_closed")
#: Fields several columns may feed at once, first non-empty value wins (Pipedrive won/lost time).
MULTI_HEADER_FIELDS: Final = frozenset({"closed_date"})
#: A column is mapped automatically from this score on (0..1); below it, it is only proposed.
MAP_THRESHOLD: Final = 0.5
#: Candidates shown to the user go down to this score.
CANDIDATE_THRESHOLD: Final = 0.2

# -- vocabulary -------------------------------------------------------------------------------
# field -> list of (phrase, weight, language). A phrase is folded words separated by spaces;
# "solo:" means it counts only when nothing else of substance is in the header ("Name" is the
# deal name, "Account Name" is not); a trailing "*" lets the word be a part of a German compound.
_TERMS: Final[dict[str, list[tuple[str, float, str]]]] = {
    "deal_id": [
        ("solo:id", 1.0, ""), ("solo:identifier", 1.0, "en"), ("solo:identifiant", 1.0, "fr"),
        ("solo:reference", 0.8, ""), ("solo:ref", 0.8, ""), ("solo:number", 0.7, "en"),
        ("solo:no", 0.6, "en"), ("solo:nr", 0.7, "de"), ("solo:nummer", 0.8, "de"),
        ("solo:numero", 0.8, "fr"), ("solo:num", 0.6, ""), ("solo:key", 0.6, "en"),
        ("solo:uuid", 0.9, ""), ("solo:#", 0.7, ""), ("solo:code", 0.5, ""),
    ],
    "name": [
        ("solo:name", 0.9, "en"), ("solo:title", 0.9, "en"), ("solo:nom", 0.9, "fr"),
        ("solo:titre", 0.9, "fr"), ("solo:intitule", 0.9, "fr"), ("solo:libelle", 0.8, "fr"),
        ("solo:titel", 0.9, "de"), ("solo:bezeichnung", 0.9, "de"), ("solo:topic", 0.8, "en"),
        ("solo:subject", 0.6, "en"), ("solo:designation", 0.7, "fr"),
    ],
    "account": [
        ("account", 0.95, "en"), ("company", 0.95, "en"), ("organization", 0.9, "en"),
        ("organisation", 0.9, "en"), ("org", 0.8, "en"), ("customer", 0.9, "en"),
        ("client", 0.9, "fr"), ("societe", 0.9, "fr"), ("entreprise", 0.9, "fr"),
        ("compte", 0.9, "fr"), ("raison sociale", 1.0, "fr"), ("firma", 0.9, "de"),
        ("kunde*", 0.9, "de"), ("unternehmen", 0.9, "de"), ("business", 0.5, "en"),
        ("organisme", 0.8, "fr"), ("buyer", 0.6, "en"), ("acct", 0.9, "en"), ("cust", 0.8, "en"),
        ("kd", 0.6, "de"),
    ],
    "stage": [
        ("stage", 1.0, ""), ("phase*", 1.0, "de"), ("etape", 1.0, "fr"), ("stufe*", 0.9, "de"),
        ("step", 0.8, "en"), ("stg", 0.9, "en"), ("milestone", 0.6, "en"),
        ("pipeline stage", 1.0, "en"),
        ("sales stage", 1.0, "en"), ("etat d avancement", 0.9, "fr"), ("avancement", 0.8, "fr"),
    ],
    "status": [
        ("status", 1.0, ""), ("statut", 1.0, "fr"), ("state", 0.8, "en"), ("etat", 0.9, "fr"),
        ("zustand", 0.9, "de"), ("outcome", 0.7, "en"), ("result", 0.5, "en"),
        ("resultat", 0.5, "fr"), ("ergebnis", 0.5, "de"),
    ],
    "amount": [
        ("amount", 1.0, "en"), ("value", 0.9, "en"), ("montant", 1.0, "fr"),
        ("valeur", 0.9, "fr"), ("betrag*", 1.0, "de"), ("wert*", 0.9, "de"),
        ("volume", 0.8, "en"), ("volumen*", 0.8, "de"), ("umsatz*", 0.8, "de"),
        ("revenue", 0.85, "en"), ("size", 0.7, "en"), ("price", 0.7, "en"), ("prix", 0.7, "fr"),
        ("budget", 0.6, ""), ("solo:ca", 0.8, "fr"), ("chiffre d affaires", 0.9, "fr"),
        ("worth", 0.7, "en"), ("preis*", 0.7, "de"), ("summe", 0.5, "de"), ("amt", 0.9, "en"),
        ("val", 0.7, "en"), ("income", 0.8, "en"), ("revenu", 0.85, "fr"),
        ("mnt", 0.8, "fr"), ("mt", 0.6, "fr"),
    ],
    "currency": [
        ("currency", 1.0, "en"), ("devise", 1.0, "fr"), ("monnaie", 1.0, "fr"),
        ("wahrung", 1.0, "de"), ("waehrung", 1.0, "de"), ("curr", 0.8, "en"),
        ("ccy", 0.9, "en"), ("iso code", 0.7, ""),
    ],
    "probability": [
        ("probability", 1.0, "en"), ("prob", 0.9, ""), ("proba", 0.9, "fr"),
        ("probabilite", 1.0, "fr"),
        ("wahrscheinlichkeit*", 1.0, "de"), ("chance", 0.8, "fr"), ("chances", 0.8, "fr"),
        ("likelihood", 0.9, "en"), ("confidence", 0.7, "en"), ("solo:%", 0.6, ""),
        ("percent", 0.6, "en"), ("pourcentage", 0.6, "fr"), ("prozent", 0.6, "de"),
        ("win %", 0.9, "en"),
    ],
    "source": [
        ("source", 1.0, ""), ("origin", 0.9, "en"), ("origine", 1.0, "fr"),
        ("channel", 0.9, "en"), ("canal", 0.9, "fr"), ("quelle*", 1.0, "de"),
        ("kanal", 0.9, "de"), ("herkunft", 0.9, "de"), ("provenance", 0.9, "fr"),
        ("acquisition", 0.6, ""), ("referral", 0.5, "en"), ("medium", 0.5, "en"),
    ],
    "sector": [
        ("sector", 1.0, "en"), ("industry", 1.0, "en"), ("secteur", 1.0, "fr"),
        ("industrie", 1.0, ""), ("branche*", 1.0, "de"), ("vertical", 0.9, "en"),
        ("domaine", 0.7, "fr"), ("activite", 0.5, "fr"), ("segment", 0.5, ""),
        ("market", 0.5, "en"), ("marche", 0.5, "fr"),
    ],
    "owner": [
        ("owner", 1.0, "en"), ("agent", 0.9, "en"), ("rep", 0.9, "en"),
        ("representative", 0.9, "en"), ("salesperson", 1.0, "en"), ("sales person", 1.0, "en"),
        ("salesman", 0.9, "en"), ("seller", 0.9, "en"), ("account manager", 1.0, "en"),
        ("account executive", 1.0, "en"), ("assigned", 0.9, "en"), ("assignee", 0.9, "en"),
        ("user", 0.6, "en"), ("manager", 0.6, "en"), ("commercial", 0.9, "fr"),
        ("responsable", 0.9, "fr"), ("proprietaire", 1.0, "fr"), ("vendeur", 0.9, "fr"),
        ("charge d affaires", 1.0, "fr"), ("collaborateur", 0.6, "fr"), ("attribue", 0.8, "fr"),
        ("verantwortlich*", 1.0, "de"), ("besitzer", 0.9, "de"),
        ("vertriebsmitarbeiter", 1.0, "de"), ("mitarbeiter", 0.7, "de"),
        ("zustandig*", 0.9, "de"), ("zustaendig*", 0.9, "de"), ("vertreter", 0.9, "de"),
        ("betreuer", 0.9, "de"), ("bearbeiter", 0.8, "de"), ("inhaber", 0.8, "de"),
        ("ansprechpartner", 0.5, "de"), ("usr", 0.6, "en"), ("responsible", 0.8, "en"),
        ("resp", 0.7, "fr"),
    ],
    "created_date": [
        ("created", 1.0, "en"), ("create", 1.0, "en"), ("creation", 1.0, ""),
        ("cree", 0.9, "fr"), ("creee", 0.9, "fr"), ("erstellt*", 1.0, "de"),
        ("erstellung*", 1.0, "de"), ("erstell*", 0.9, "de"), ("angelegt", 1.0, "de"),
        ("anlage*", 0.8, "de"),
        ("added", 0.9, "en"), ("add time", 0.9, "en"), ("opened", 0.8, "en"),
        ("open date", 0.8, "en"), ("engage", 0.9, "en"), ("engaged", 0.9, "en"),
        ("engagement date", 0.9, "en"), ("start", 0.6, "en"), ("ajout", 0.8, "fr"),
        ("ouverture", 0.8, "fr"), ("entered", 0.5, "en"), ("eingang*", 0.7, "de"),
        ("crt", 0.7, "en"), ("crea", 0.8, ""),
    ],
    "expected_close_date": [
        ("close", 0.9, "en"), ("closing", 0.95, "en"), ("expected close", 1.0, "en"),
        ("estimated close", 1.0, "en"), ("target close", 1.0, "en"), ("expected", 0.6, "en"),
        ("estimated", 0.6, "en"), ("target", 0.5, "en"), ("prevue", 0.8, "fr"),
        ("prevu", 0.8, "fr"), ("estimee", 0.8, "fr"), ("previsionnelle", 0.8, "fr"),
        ("echeance", 1.0, "fr"), ("deadline", 0.9, "en"), ("due", 0.8, "en"),
        ("erwartet*", 0.9, "de"), ("voraussichtlich*", 0.9, "de"), ("geplant*", 0.9, "de"),
        ("ziel*", 0.7, "de"), ("fallig*", 0.8, "de"), ("faellig*", 0.8, "de"),
        ("cloture prevue", 1.0, "fr"), ("signature prevue", 1.0, "fr"), ("cls", 0.7, "en"),
        ("fermeture", 0.9, "fr"),
    ],
    "closed_date": [
        ("closed", 0.95, "en"), ("won", 0.8, "en"), ("lost", 0.8, "en"),
        ("actual close", 1.0, "en"), ("close time", 0.8, "en"), ("cloture", 0.9, "fr"),
        ("cloturee", 0.9, "fr"), ("signature", 0.8, "fr"), ("signed", 0.8, "en"),
        ("abgeschlossen", 0.9, "de"), ("abschluss*", 0.9, "de"), ("gewonnen", 0.7, "de"),
        ("verloren", 0.7, "de"), ("gagne", 0.7, "fr"), ("perdu", 0.7, "fr"),
        ("won time", 1.0, "en"), ("lost time", 1.0, "en"), ("date closed", 1.0, "en"),
        ("signe", 0.8, "fr"), ("gain", 0.7, "fr"), ("perte", 0.7, "fr"),
    ],
    "last_activity_date": [
        ("last activity", 1.0, "en"), ("activity", 0.8, "en"), ("last contact", 1.0, "en"),
        ("last contacted", 1.0, "en"), ("contacted", 0.8, "en"), ("last touch", 0.9, "en"),
        ("last interaction", 0.9, "en"), ("last engagement", 0.9, "en"),
        ("last action", 0.8, "en"), ("derniere activite", 1.0, "fr"), ("activite", 0.7, "fr"),
        ("dernier contact", 1.0, "fr"), ("derniere action", 0.8, "fr"),
        ("derniere relance", 0.9, "fr"), ("letzte aktivitat", 1.0, "de"),
        ("aktivitat*", 0.8, "de"), ("letzter kontakt", 1.0, "de"),
    ],
    "notes": [
        ("notes", 1.0, ""), ("note", 1.0, ""), ("description", 0.9, ""), ("comments", 1.0, "en"),
        ("comment", 1.0, "en"), ("remarks", 0.9, "en"), ("next step", 0.8, "en"),
        ("commentaire", 1.0, "fr"), ("commentaires", 1.0, "fr"), ("remarques", 0.9, "fr"),
        ("remarque", 0.9, "fr"), ("observations", 0.8, "fr"), ("notizen", 1.0, "de"),
        ("notiz", 1.0, "de"), ("bemerkung*", 1.0, "de"), ("kommentar*", 1.0, "de"),
        ("beschreibung", 0.9, "de"), ("details", 0.6, "en"),
    ],
    "is_won": [("is won", 1.0, "en"), ("solo:won", 0.9, "en"), ("solo:gagne", 0.8, "fr")],
    "is_closed": [("is closed", 1.0, "en"), ("solo:closed", 0.9, "en")],
}

#: Words that name the exported entity, not the column's content ("Deal - Stage", "OppStage").
NOISE_WORDS: Final = frozenset(
    {"deal", "deals", "opp", "opps", "oppty", "opportunity", "opportunities", "affaire",
     "affaires", "opportunite", "opportunites", "potential", "potentials", "record", "lead",
     "sales", "vente", "ventes", "verkauf", "verkaufs", "geschaft", "geschafts", "hs", "crm",
     "c", "x", "the", "of", "is", "du", "de", "des", "d", "la", "le", "l", "les", "der", "die",
     "das", "von", "vom", "am", "im", "en", "par", "by", "to", "in", "on", "at", "a",
     "pipedrive", "hubspot", "salesforce", "zoho", "object", "enregistrement", "transaction",
     "transactions", "datensatz"}
)
#: Words that say "this is a date" (or a time) without saying which.
DATE_WORDS: Final = frozenset(
    {"date", "datum", "time", "timestamp", "dt", "day", "jour", "heure", "zeit", "zeitpunkt",
     "on", "at", "le", "am"}
)
#: Words that qualify the head rather than name it ("Account Name" is the account).
QUALIFIER_WORDS: Final = frozenset(
    {"name", "nom", "title", "label", "libelle", "code", "bezeichnung", "titel", "ht", "net",
     "brut", "gross", "brutto", "netto", "eur", "usd", "gbp", "chf", "total", "est"}
)
#: Words that make a column a key or a contact attribute: never one of our text fields.
BLOCKER_WORDS: Final = frozenset(
    {"id", "ids", "email", "mail", "e", "phone", "telephone", "tel", "mobile", "domain",
     "website", "url", "web", "address", "adresse", "street", "city", "ville", "stadt",
     "country", "pays", "land", "zip", "postal", "plz", "type", "reason", "raison", "grund",
     "motif", "count", "nombre", "anzahl", "nb", "days", "jours", "tage", "age", "duration",
     "duree", "dauer", "next", "prochaine", "prochain", "nachste", "naechste", "creator",
     "createur", "ersteller", "by", "par", "von", "probability", "since", "depuis", "seit",
     "currency", "devise", "wahrung", "typ"}
)
#: Look-alike markers: a derived figure that resembles a field but is not it. Never mapped.
LOOKALIKE_WORDS: Final[dict[str, str]] = {
    "weighted": "a weighted amount (amount × probability), not the gross amount",
    "weight": "a weighted amount (amount × probability), not the gross amount",
    "pondere": "un montant pondéré (montant × probabilité), pas le montant brut",
    "ponderee": "un montant pondéré (montant × probabilité), pas le montant brut",
    "ponderation": "un montant pondéré, pas le montant brut",
    "gewichtet": "ein gewichteter Betrag, nicht der Bruttobetrag",
    "gewichteter": "ein gewichteter Betrag, nicht der Bruttobetrag",
    "gewichtete": "ein gewichteter Betrag, nicht der Bruttobetrag",
    "forecast": "a forecast figure, not the deal's own value",
    "prevision": "une prévision, pas la valeur du deal",
    "previsionnel": "une prévision, pas la valeur du deal",
    "prognose": "eine Prognose, nicht der Wert des Deals",
    "converted": "the amount converted to another currency",
    "annual": "an annual (company or recurring) figure, not the deal's amount",
    "annuel": "un chiffre annuel, pas le montant du deal",
    "recurring": "a recurring revenue figure, not the deal's amount",
    "mrr": "a recurring revenue figure, not the deal's amount",
    "arr": "a recurring revenue figure, not the deal's amount",
    "acv": "a contract value, not the deal's amount",
    "tcv": "a contract value, not the deal's amount",
    "contract": "a contract value, not the deal's amount",
    "tax": "a tax figure", "tva": "un montant de TVA", "ttc": "un montant TTC",
    "margin": "a margin, not the amount", "marge": "une marge, pas le montant",
    "profit": "a profit, not the amount", "cost": "a cost, not the amount",
    "discount": "a discount", "remise": "une remise", "rabatt": "ein Rabatt",
    "commission": "a commission",
    "modified": "a modification date: editing a record is not a sales activity",
    "modification": "a modification date: editing a record is not a sales activity",
    "updated": "a modification date: editing a record is not a sales activity",
    "update": "a modification date: editing a record is not a sales activity",
    "maj": "une date de mise à jour, pas une activité commerciale",
    "jour": "",  # "mise à jour" only, see _lookalike()
    "geandert": "ein Änderungsdatum, keine Vertriebsaktivität",
    "aktualisiert": "ein Änderungsdatum, keine Vertriebsaktivität",
    "viewed": "a view date, not a sales activity",
    "projected": "a projected (weighted) amount, not the gross amount",
    "projection": "a projected (weighted) amount, not the gross amount",
    "calculated": "a calculated figure, not the deal's own amount",
    "prorated": "a prorated (weighted) amount, not the gross amount",
    "espere": "un revenu espéré (pondéré), pas le montant brut",
    "esperee": "un revenu espéré (pondéré), pas le montant brut",
    "attendu": "un revenu attendu (pondéré), pas le montant brut",
}
#: Phrases that are look-alikes only together ("Expected revenue" = amount × probability).
LOOKALIKE_PHRASES: Final[dict[str, str]] = {
    "expected revenue": "expected revenue is amount × probability, not the gross amount",
    "expected amount": "an expected (weighted) amount, not the gross amount",
    "expected value": "an expected (weighted) value, not the gross amount",
    "company currency": "the amount converted to the company currency",
    "home currency": "the amount converted to the home currency",
    "default currency": "the amount converted to the default currency",
    "base currency": "the amount converted to the base currency",
    "corporate currency": "the amount converted to the corporate currency",
    "mise a jour": "une date de mise à jour, pas une activité commerciale",
    "last modified": "a modification date: editing a record is not a sales activity",
    "number of": "a count, not an amount",
    "actual revenue": "the revenue realised by closed deals only, not the deal amount",
    "actual value": "the value realised by closed deals only, not the deal amount",
    "devise de l entreprise": "le montant converti dans la devise de l'entreprise",
    "devise de la societe": "le montant converti dans la devise de la société",
    "closed amount": "the amount of won deals only (0 while open), not the deal amount",
    "won amount": "the amount of won deals only, not the deal amount",
    "average": "an average, not the deal's own figure",
}
#: Words that exclude one field even when its vocabulary matches.
NEGATIVE_WORDS: Final[dict[str, frozenset[str]]] = {
    "expected_close_date": frozenset(
        {"actual", "closed", "won", "lost", "reel", "reelle", "tatsachlich", "effective",
         "signed", "cloturee", "abgeschlossen", "created", "probability", "value", "amount",
         "reason", "time"}
    ),
    "closed_date": frozenset(
        {"expected", "estimated", "prevue", "prevu", "estimee", "erwartet", "erwartetes",
         "voraussichtlich", "voraussichtliches", "geplant", "geplantes", "target", "probability",
         "reason", "amount", "value", "forecast"}
    ),
    "last_activity_date": frozenset({"type", "subject", "count", "next", "due", "note"}),
    "account": frozenset({"owner", "manager", "executive"}),
    "stage": frozenset({"next", "suivante", "suivant", "nachste", "naechste", "prochaine",
                        "change", "changed", "duration", "days"}),
    "name": frozenset(),
}
#: Forecast words make an amount a look-alike, not a date ("Forecast Close Date" is a date).
_FORECAST_WORDS: Final = frozenset({"forecast", "prevision", "previsionnel", "prognose"})
_FRENCH_CONNECTORS: Final = frozenset({"de", "du", "des", "d", "la", "l", "les", "par", "a"})
_CANONICAL_ORDER: Final = tuple(_TERMS)


@dataclass(frozen=True)
class _Term:
    field: str
    words: tuple[str, ...]
    weight: float
    lang: str
    solo: bool
    compound: bool


def _build_terms() -> list[_Term]:
    terms: list[_Term] = []
    for name, phrases in _TERMS.items():
        for phrase, weight, lang in phrases:
            solo = phrase.startswith("solo:")
            text = phrase.removeprefix("solo:")
            compound = text.endswith("*")
            words = tuple(text.rstrip("*").split())
            terms.append(_Term(name, words, weight, lang, solo, compound))
    return terms


_TERM_LIST: Final = _build_terms()
KNOWN_WORDS: Final = frozenset(
    {w for t in _TERM_LIST for w in t.words}
    | NOISE_WORDS | DATE_WORDS | QUALIFIER_WORDS | BLOCKER_WORDS | frozenset(LOOKALIKE_WORDS)
    | {w for p in LOOKALIKE_PHRASES for w in p.split()}
    | {w for ws in NEGATIVE_WORDS.values() for w in ws}
)
_COMPOUND_PARTS: Final = tuple(
    sorted({t.words[0] for t in _TERM_LIST if t.compound}, key=len, reverse=True)
)


@lru_cache(maxsize=4096)
def _segment(word: str) -> tuple[str, ...]:
    """Split a run-together word into known words ("estimatedclosedate"), else keep it.

    Dynamic programming over :data:`KNOWN_WORDS` (pieces of two letters or more), fewest
    pieces first; a German linking "s" between pieces is allowed ("verkaufsphase").
    """
    if word in KNOWN_WORDS or len(word) < 5 or not word.isalpha():
        return (word,)
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(2, len(word) + 1):
        for start in range(0, end - 1):
            previous = best[start]
            piece = word[start:end]
            if previous is None:
                continue
            if piece in KNOWN_WORDS or (
                piece.endswith("s") and piece[:-1] in KNOWN_WORDS and len(piece) > 3
            ):
                candidate = (*previous, piece if piece in KNOWN_WORDS else piece[:-1])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    found = best[len(word)]
    return found if found and len(found) > 1 else (word,)


@lru_cache(maxsize=4096)
def _correct(word: str) -> str:
    """A one-edit typo of a known word ("ammount", "stgae") becomes that word."""
    if word in KNOWN_WORDS or len(word) < 5 or not word.isalpha():
        return word
    best, best_distance = word, 2
    for known in KNOWN_WORDS:
        if len(known) < 5 or known[0] != word[0] or abs(len(known) - len(word)) > 1:
            continue
        distance = DamerauLevenshtein.distance(word, known, score_cutoff=1)
        if distance < best_distance:
            best, best_distance = known, distance
    return best


def header_words(header: object) -> list[str]:
    """Words of a header after segmentation and typo correction (see module docstring)."""
    words: list[str] = []
    for word in split_words(header):
        for piece in _segment(word):
            words.append(_correct(piece))
    return words


def _compound_match(word: str, part: str) -> bool:
    return word == part or (
        len(word) > len(part) and (word.endswith(part) or word.startswith(part))
    )


def _find(words: list[str], term: _Term) -> int | None:
    """Index of the term's last word in ``words``, or None."""
    size = len(term.words)
    if size == 1:
        target = term.words[0]
        for index, word in enumerate(words):
            if word == target or (term.compound and _compound_match(word, target)):
                return index
        return None
    for index in range(len(words) - size + 1):
        if tuple(words[index : index + size]) == term.words:
            return index + size - 1
    return None


def lookalike_reason(words: list[str]) -> str | None:
    """Why a header is a look-alike (weighted, forecast, converted, modified…), else None."""
    joined = f" {' '.join(words)} "
    plain = f" {' '.join(w for w in words if w not in NOISE_WORDS)} "
    for phrase, reason in LOOKALIKE_PHRASES.items():
        if f" {phrase} " in joined or f" {phrase} " in plain:
            return reason
    dated = any(w in DATE_WORDS for w in words)
    for word in words:
        said = LOOKALIKE_WORDS.get(word)
        if said and not (dated and word in _FORECAST_WORDS):
            return said
        if any(word.startswith(stem) and len(word) > len(stem) + 1
               for stem in ("gewichtet", "pondere", "prevision", "unternehmenswahr",
                            "firmenwahr", "hauswahr")):
            return LOOKALIKE_WORDS["weighted"]
    return None


@dataclass(frozen=True)
class HeaderMatch:
    """What a header's words say: a score per field (0..1), a language, a look-alike reason."""

    scores: dict[str, float]
    language: str
    lookalike: str | None
    words: tuple[str, ...]


@lru_cache(maxsize=8192)
def match_words(header: str) -> HeaderMatch:
    """Score every field for one header from its words alone."""
    words = header_words(header)
    if not words:
        return HeaderMatch({}, "", None, ())
    french = any(w in _FRENCH_CONNECTORS for w in words[1:-1]) or (
        len(words) > 1 and words[0] in ("date", "nom", "montant", "source", "statut", "etape")
    )
    content = [
        (i, w) for i, w in enumerate(words)
        if w not in NOISE_WORDS and w not in DATE_WORDS and w not in QUALIFIER_WORDS
    ]
    if not content:  # "Deal", "Opportunity", "Name", "Title": the deal's name or its id
        content = [
            (i, w) for i, w in enumerate(words) if w not in NOISE_WORDS and w not in DATE_WORDS
        ]
    head = (content[0][0] if french else content[-1][0]) if content else len(words) - 1
    only_noise = all(w in NOISE_WORDS for w in words)
    scores: dict[str, float] = {}
    languages: dict[str, float] = {}
    for term in _TERM_LIST:
        position = _find(words, term)
        if position is None:
            continue
        covered = set(range(position - len(term.words) + 1, position + 1))
        if term.solo and any(i not in covered for i, _w in content):
            continue
        score = term.weight
        if len(term.words) == 1 and position != head and not term.solo:
            score *= 0.8
        others = [w for i, w in content if i not in covered]
        score -= 0.03 * len(others)
        # Tie-break towards the plainer header ("Montant" over "Montant brut").
        score -= 0.005 * sum(1 for w in words if w not in NOISE_WORDS and w not in term.words)
        negatives = NEGATIVE_WORDS.get(term.field, frozenset())
        if any(w in negatives for w in words if w not in term.words):
            continue
        blocked = [w for i, w in enumerate(words) if w in BLOCKER_WORDS and i not in covered]
        if blocked and term.field not in ("currency", "deal_id"):
            score *= 0.15
        if term.field == "currency" and any(w in ("weighted", "pondere") for w in words):
            score *= 0.5
        if score > scores.get(term.field, 0.0):
            scores[term.field] = score
            if term.lang:
                languages[term.lang] = max(languages.get(term.lang, 0.0), score)
    if only_noise and words:
        scores["name"] = max(scores.get("name", 0.0), 0.8)
    if any(w in DATE_WORDS for w in words):
        for name in list(scores):
            if name not in ("created_date", "expected_close_date", "closed_date",
                            "last_activity_date"):
                scores[name] *= 0.5
    language = max(languages, key=lambda k: languages[k]) if languages else ""
    if not language and any(w in ("de", "du", "des", "le", "la", "d") for w in words):
        language = "fr"
    return HeaderMatch(scores, language, lookalike_reason(words), tuple(words))


# -- the assignment ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A field a column could feed, with its score and why."""

    field: str
    score: float
    reason: str

    def as_dict(self) -> dict[str, object]:
        """JSON-able form."""
        return {"field": self.field, "score": round(self.score, 2), "reason": self.reason}


@dataclass
class ColumnDecision:
    """The mapper's decision for one column.

    Attributes:
        header: The file's header text.
        field: The field chosen (None = ignored).
        confidence: 0..1; 1 = header and values agree on a clear term.
        reason: Why ("header", "values", "header+values", "look-alike: …", "taken by …").
        candidates: Other fields the column could feed, best first.
        looks_like: One word on the values ("dates", "amounts", "stage names"…).
        lookalike: The look-alike reason when the header is a derived figure.
    """

    header: str
    field: str | None
    confidence: float
    reason: str
    candidates: list[Candidate] = dataclass_field(default_factory=list)
    looks_like: str = ""
    lookalike: str | None = None

    def as_dict(self) -> dict[str, object]:
        """JSON-able form for the preview and the report."""
        return {
            "header": self.header,
            "field": self.field,
            "confidence": round(self.confidence, 2),
            "reason": self.reason,
            "looks_like": self.looks_like,
            "lookalike": self.lookalike,
            "candidates": [c.as_dict() for c in self.candidates],
        }


def _scores(
    header: str, profile: ColumnProfile | None
) -> tuple[dict[str, float], dict[str, str], HeaderMatch]:
    match = match_words(header)
    result: dict[str, float] = {}
    reasons: dict[str, str] = {}
    for name in (*_CANONICAL_ORDER,):
        from_header = match.scores.get(name, 0.0)
        fit = compatibility(name, profile)
        from_values = value_score(name, profile)
        combined = from_header * fit
        reason = "header"
        if from_header and fit >= 0.9 and profile is not None and profile.filled:
            combined = min(1.0, combined + 0.05)
            reason = "header+values"
        if from_values > combined:
            combined, reason = from_values, "values"
        if combined > 0:
            result[name] = combined
            reasons[name] = reason
    return result, reasons, match


def decide_columns(
    headers: list[str], columns: dict[str, pd.Series] | None = None
) -> list[ColumnDecision]:
    """Decide every column's field: scores from header words × value profiles, then a global
    assignment (best score first, ties to the leftmost column), each field at most once.

    Args:
        headers: The file's headers, in order.
        columns: Header → cells (strings); without it the headers decide alone.
    """
    profiles = {
        h: profile_column(columns[h]) if columns is not None and h in columns else None
        for h in headers
    }
    table: list[tuple[dict[str, float], dict[str, str], HeaderMatch]] = [
        _scores(h, profiles[h]) for h in headers
    ]
    pairs = [
        (score, -position, position, name)
        for position, (scores, _reasons, match) in enumerate(table)
        if match.lookalike is None
        for name, score in scores.items()
        if score >= MAP_THRESHOLD
    ]
    pairs.sort(reverse=True)
    chosen: dict[int, str] = {}
    taken: dict[str, int] = {}
    for score, _neg, position, name in pairs:
        if position in chosen:
            continue
        if name in taken and name not in MULTI_HEADER_FIELDS:
            continue
        if name in MULTI_HEADER_FIELDS and name in taken and score < 0.75:
            continue
        chosen[position] = name
        taken.setdefault(name, position)
    gross = None
    if "amount" not in taken and "probability" in taken and columns is not None:
        gross = _gross_despite_name(headers, table, columns, headers[taken["probability"]])
        if gross is not None:
            chosen[gross] = "amount"
            taken["amount"] = gross
    decisions: list[ColumnDecision] = []
    for position, header in enumerate(headers):
        scores, reasons, match = table[position]
        picked = chosen.get(position)
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        candidates = []
        for other, score in ranked:
            if other == picked or score < CANDIDATE_THRESHOLD:
                continue
            why = reasons[other]
            if match.lookalike:
                why = f"look-alike: {match.lookalike}"
            elif other in taken and taken[other] != position:
                why = f"{why}; {field_label(other)} is taken by \"{headers[taken[other]]}\""
            candidates.append(Candidate(other, score, why))
        if picked is None and not match.lookalike:
            candidates += _value_candidates(profiles[header], {c.field for c in candidates})
        if match.lookalike:
            candidates = _lookalike_candidates(match, profiles[header]) + [
                c for c in candidates if c.field != _lookalike_field(match)
            ]
        lookalike = match.lookalike
        if position == gross:
            confidence, lookalike = 0.6, None
            reason = ("values: not zero where the probability is 0, so the gross amount "
                      "whatever its name says")
        elif picked is not None:
            confidence = scores[picked]
            reason = reasons[picked]
        else:
            confidence = 0.0
            reason = f"look-alike: {match.lookalike}" if match.lookalike else "no field matches"
        decisions.append(
            ColumnDecision(
                header=header,
                field=picked,
                confidence=min(1.0, confidence),
                reason=reason,
                candidates=candidates[:4],
                looks_like=looks_like(profiles[header]),
                lookalike=lookalike,
            )
        )
    return decisions


def _gross_despite_name(
    headers: list[str],
    table: list[tuple[dict[str, float], dict[str, str], HeaderMatch]],
    columns: dict[str, pd.Series],
    probability: str,
) -> int | None:
    """The "weighted-sounding" column that the values show to be the gross amount, if any.

    "Expected revenue" is amount × probability in Salesforce but the deal's gross amount in
    Odoo (whose weighted figure is "Prorated revenue"). When no other column is the amount,
    the values decide: a weighted amount is 0 wherever the probability is 0, so a column that
    holds money on deals at 0 % (lost deals keep their amount) is the gross amount. Without
    such a row nothing is proven and the column stays a look-alike, offered to the user.
    """
    chances = parse_percent(columns[probability])[0]
    at_zero = chances == 0
    if not bool(at_zero.any()):
        return None
    for position, header in enumerate(headers):
        match = table[position][2]
        reason = match.lookalike or ""
        weighted = any(w in reason for w in ("probability", "weighted", "pondéré"))
        if not weighted or _lookalike_field(match) != "amount" or header not in columns:
            continue
        amounts = parse_amounts(columns[header], "en").values
        if bool((amounts[at_zero].abs() > 0).any()):
            return position
    return None


_MODIFICATION_WORDS: Final = frozenset(
    {"modified", "modification", "updated", "update", "maj", "jour", "geandert",
     "aktualisiert", "viewed"}
)


def _lookalike_field(match: HeaderMatch) -> str:
    """The field a look-alike resembles: last activity for modification dates, the
    probability for a weighted probability, else the amount.
    """
    if _MODIFICATION_WORDS & set(match.words):
        return "last_activity_date"
    if match.scores.get("probability", 0.0) > match.scores.get("amount", 0.0):
        return "probability"
    return "amount"


def _lookalike_candidates(match: HeaderMatch, profile: ColumnProfile | None) -> list[Candidate]:
    """A look-alike column is offered (never mapped) for the field it resembles."""
    name = _lookalike_field(match)
    if compatibility(name, profile) < 0.5:
        return []
    score = max(CANDIDATE_THRESHOLD, min(0.45, match.scores.get(name, 0.0)))
    return [Candidate(name, score, f"look-alike: {match.lookalike}")]


#: Fields a column may be proposed for on its values alone (its header said nothing).
_VALUE_ONLY_FIELDS: Final = (
    "stage", "amount", "created_date", "expected_close_date", "last_activity_date", "owner",
    "source", "sector",
)


def _value_candidates(profile: ColumnProfile | None, already: set[str]) -> list[Candidate]:
    """Low-score candidates from the values alone, for an unmapped column (never mapped)."""
    if profile is None or profile.filled == 0:
        return []
    found: list[Candidate] = []
    kind = looks_like(profile)
    for name in _VALUE_ONLY_FIELDS:
        if name in already:
            continue
        if name == "stage":
            if kind in ("labels", "text") and profile.repetitive is not False and (
                profile.mean_length <= 40
            ):
                found.append(Candidate(name, CANDIDATE_THRESHOLD, f"its values look like {kind}"))
            continue
        if name in ("owner", "source", "sector") and profile.repetitive is not True:
            continue
        if name == "amount" and kind != "amounts":
            continue
        if compatibility(name, profile) >= 0.9:
            found.append(Candidate(name, CANDIDATE_THRESHOLD, f"its values look like {kind}"))
    return found


def header_language(header: str) -> str:
    """Language of the vocabulary a header matched ("en", "fr", "de" or "")."""
    return match_words(header).language
