"""Stage labels: folding, status, built-in order and default probabilities (METRICS.md).

A stage label is the user's own; spelling variants (case, accents, spaces, punctuation) fold to
one key. Status comes from the label when the file has no status column. The probability of a
stage is: the user's setting, else the built-in default for a known label, else unknown (the
row's own probability, when it has one, always wins; won = 1, lost = 0).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import pandas as pd

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(label: object) -> str:
    """Fold a label to a comparison key: lower case, no accents, single spaces, no punctuation.

    ``"  Négociation "`` → ``"negociation"``; ``"Closed-Won"`` → ``"closed won"``. Invisible
    characters (zero-width, no-break spaces) disappear with the punctuation.
    """
    if label is None or (isinstance(label, float) and label != label):
        return ""
    return _fold_text(str(label))


@lru_cache(maxsize=1 << 16)
def _fold_text(label: str) -> str:
    """``fold`` of a string, kept: the import engine folds each distinct cell several times
    (stage, status, boolean and currency checks of every column's profile).
    """
    text = unicodedata.normalize("NFKD", label)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").lower()
    return _NON_ALNUM.sub(" ", text).strip()


WON_LABELS: Final = frozenset(
    fold(x)
    for x in (
        "Won", "Closed Won", "Closed/Won", "Deal Won", "Win", "Signed", "Gagné", "Gagnée",
        "Gagne", "Signé", "Conclu", "Gewonnen", "Abgeschlossen gewonnen", "Auftrag", "closedwon",
        "Closed (won)",
    )
)
LOST_LABELS: Final = frozenset(
    fold(x)
    for x in (
        "Lost", "Closed Lost", "Closed/Lost", "Deal Lost", "Perdu", "Perdue", "Abandonné",
        "Verloren", "Abgeschlossen verloren", "closedlost", "Closed (lost)", "Dead",
    )
)


@dataclass(frozen=True)
class BuiltinStage:
    """A stage name we know, with its default probability and its place in a pipeline."""

    label: str
    probability: float
    order: int


#: Known stage names and their default probabilities: the seed spec (Prospect 10 %, Qualifié
#: 30 %, Négociation 70 %, Gagné 100 %), HubSpot's and Salesforce's own defaults, and common
#: English/French/German labels. ``order`` places them in a generic pipeline (lower = earlier).
BUILTIN_STAGES: Final[tuple[BuiltinStage, ...]] = (
    # generic early stages
    BuiltinStage("Lead", 0.05, 5),
    BuiltinStage("New", 0.05, 5),
    BuiltinStage("Nouveau", 0.05, 5),
    BuiltinStage("Lead In", 0.05, 5),
    BuiltinStage("Prospect", 0.10, 10),
    BuiltinStage("Prospection", 0.10, 10),
    BuiltinStage("Prospecting", 0.10, 10),  # Salesforce
    BuiltinStage("Interessent", 0.10, 10),
    BuiltinStage("Contact Made", 0.15, 15),
    BuiltinStage("Appointment Scheduled", 0.20, 20),  # HubSpot
    BuiltinStage("Qualification", 0.10, 22),  # Salesforce
    BuiltinStage("Qualifié", 0.30, 25),
    BuiltinStage("Qualified", 0.30, 25),
    BuiltinStage("Qualifiziert", 0.30, 25),
    BuiltinStage("Qualified To Buy", 0.40, 30),  # HubSpot
    BuiltinStage("Needs Analysis", 0.20, 32),  # Salesforce
    BuiltinStage("Demo Scheduled", 0.40, 35),
    BuiltinStage("Presentation Scheduled", 0.60, 40),  # HubSpot
    BuiltinStage("Value Proposition", 0.50, 42),  # Salesforce
    BuiltinStage("Id. Decision Makers", 0.60, 44),  # Salesforce
    BuiltinStage("Perception Analysis", 0.70, 46),  # Salesforce
    BuiltinStage("Proposal", 0.50, 50),
    BuiltinStage("Proposal Made", 0.50, 50),
    BuiltinStage("Proposition", 0.50, 50),
    BuiltinStage("Devis", 0.50, 50),
    BuiltinStage("Angebot", 0.50, 50),
    BuiltinStage("Proposal/Price Quote", 0.75, 55),  # Salesforce
    BuiltinStage("Decision Maker Bought-In", 0.80, 60),  # HubSpot
    BuiltinStage("Negotiation", 0.70, 65),
    BuiltinStage("Negotiations Started", 0.70, 65),
    BuiltinStage("Négociation", 0.70, 65),
    BuiltinStage("Verhandlung", 0.70, 65),
    BuiltinStage("Negotiation/Review", 0.90, 70),  # Salesforce
    BuiltinStage("Contract Sent", 0.90, 75),  # HubSpot
    BuiltinStage("Won", 1.0, 100),
    BuiltinStage("Closed Won", 1.0, 100),
    BuiltinStage("Gagné", 1.0, 100),
    BuiltinStage("Gewonnen", 1.0, 100),
    BuiltinStage("Lost", 0.0, 110),
    BuiltinStage("Closed Lost", 0.0, 110),
    BuiltinStage("Perdu", 0.0, 110),
    BuiltinStage("Verloren", 0.0, 110),
)
_BUILTIN_BY_KEY: Final = {fold(s.label): s for s in BUILTIN_STAGES}
#: The same keys without separators: CRMs' internal ids and API names write a label as one
#: word ("appointmentscheduled", "decisionmakerboughtin" in a HubSpot export of stage ids).
_BUILTIN_COMPACT: Final = {
    key.replace(" ", ""): stage for key, stage in reversed(_BUILTIN_BY_KEY.items())
}


def builtin(label: str) -> BuiltinStage | None:
    """The built-in stage matching ``label`` after folding (spaces optional), if any."""
    key = fold(label)
    return _BUILTIN_BY_KEY.get(key) or _BUILTIN_COMPACT.get(key.replace(" ", ""))


#: Words that make a stage label a closing one wherever they stand ("Closed-Lost to
#: Competition", "Won - awaiting signature", "Perdu (prix)"), folded like labels.
_WON_WORDS: Final = frozenset({"won", "gagne", "gagnee", "gewonnen"})
_LOST_WORDS: Final = frozenset({"lost", "perdu", "perdue", "verloren"})


def status_from_stage(label: object) -> str:
    """Status implied by a stage label: won / lost for closing labels, open for anything else.

    METRICS.md: won for labels such as Won, Closed Won, Gagné, Gewonnen; lost for Lost, Closed
    Lost, Perdu, Verloren. Besides the known labels, a label holding exactly one of these words
    ("Closed-Lost to Competition") closes the deal that way; a label holding both, or "won't",
    stays open. "A stage label nobody knows is a normal open stage (custom pipelines are
    common)".
    """
    key = fold(label)
    if key in WON_LABELS:
        return "won"
    if key in LOST_LABELS:
        return "lost"
    words = key.split()
    won = any(w in _WON_WORDS and words[i + 1 : i + 2] != ["t"] for i, w in enumerate(words))
    lost = any(w in _LOST_WORDS for w in words)
    if won != lost:
        return "won" if won else "lost"
    return "open"


def is_known(label: object) -> bool:
    """Whether a label is a built-in stage or a won/lost label (unknown ones are reported)."""
    return builtin(str(label)) is not None or status_from_stage(label) != "open"


def canonical_labels(labels: Iterable[object]) -> dict[str, str]:
    """Map every folded key to one display label: the most frequent spelling, first seen on ties."""
    counts: dict[str, dict[str, int]] = {}
    for raw in labels:
        if raw is None or (isinstance(raw, float) and raw != raw):
            continue
        text = " ".join(str(raw).split())
        key = fold(text)
        if not key:
            continue
        counts.setdefault(key, {})
        counts[key][text] = counts[key].get(text, 0) + 1
    return {key: max(variants, key=lambda v: variants[v]) for key, variants in counts.items()}


@dataclass(frozen=True)
class StageSetting:
    """The effective settings of one stage: what the Stage settings page shows and edits."""

    stage: str
    status: str
    probability: float | None
    order: int
    user_defined: bool = False


def default_stage_table(stages_in_order_of_appearance: Iterable[str]) -> list[StageSetting]:
    """Built-in order and probabilities for the stages of an import.

    METRICS.md: "default from the built-in order, unknown stages by their first appearance".
    Unknown open stages are placed after the known open ones in order of first appearance; won
    and lost stages come last. Won = 1, lost = 0.
    """
    settings: list[StageSetting] = []
    unknown_rank = 0
    for label in dict.fromkeys(stages_in_order_of_appearance):
        status = status_from_stage(label)
        known = builtin(label)
        if status == "won":
            settings.append(StageSetting(label, status, 1.0, 1000))
        elif status == "lost":
            settings.append(StageSetting(label, status, 0.0, 1100))
        elif known is not None:
            settings.append(StageSetting(label, status, known.probability, known.order * 10))
        else:
            unknown_rank += 1
            settings.append(StageSetting(label, status, None, 900 + unknown_rank))
    settings.sort(key=lambda s: s.order)
    return [
        StageSetting(s.stage, s.status, s.probability, rank, s.user_defined)
        for rank, s in enumerate(settings)
    ]


#: METRICS.md, probability: a ratio between 0 and 1, both included.
PROBABILITY_RANGE = (0.0, 1.0)


def is_valid_probability(value: float | None) -> bool:
    """Whether a stage or deal probability may be stored: unknown (None) or within 0–1."""
    low, high = PROBABILITY_RANGE
    return value is None or low <= value <= high


def valid_probabilities(values: pd.Series) -> pd.Series:
    """:func:`is_valid_probability` of every value (NaN, i.e. unknown, is False: not a value)."""
    return values.between(*PROBABILITY_RANGE)


def effective_probability(
    deals: pd.DataFrame, stage_probability: dict[str, float | None]
) -> pd.Series:
    """Effective probability p of every deal (METRICS.md, "probability").

    The row's own probability when valid, else the stage setting (user's or built-in), won = 1,
    lost = 0. A deal with none of these gets NaN (it then counts in gross but not in weighted
    figures, and the stage settings page asks the user to set it).
    """
    by_stage = deals["stage"].map(lambda s: stage_probability.get(s) if s is not None else None)
    p = deals["probability"].where(valid_probabilities(deals["probability"]))
    p = p.fillna(pd.to_numeric(by_stage, errors="coerce"))
    p = p.mask(deals["status"] == "won", 1.0).mask(deals["status"] == "lost", 0.0)
    return p.astype("float64")


def canonical_labels_from_counts(counts: Iterable[tuple[str, int]]) -> dict[str, str]:
    """:func:`canonical_labels` for labels already counted, in order of first appearance.

    The import engine counts a million stage cells with pandas and passes the few distinct
    spellings here, instead of looping over every cell in Python.
    """
    best: dict[str, tuple[int, int, str]] = {}
    for order, (raw, count) in enumerate(counts):
        text = " ".join(str(raw).split())
        key = fold(text)
        if not key:
            continue
        previous = best.get(key)
        if previous is not None and previous[2] == text:
            best[key] = (previous[0] + count, previous[1], text)
        elif previous is None or (count, -order) > previous[:2]:
            best[key] = (count, -order, text)
    return {key: text for key, (_count, _order, text) in best.items()}
