"""Issue 13, point 3: what the import engine says reaches a French reader in French.

Every refusal, rejected-row reason and warning the engine writes is a ``data.texts.Text``
(message id + values): the dialog and the rejected-rows CSV word it in the reader's language,
the file's own names (headers, values) stay as the file writes them, and the CLI keeps English.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from data.import_session import rejected_csv
from data.ingest import ImportRefused, Issue, parse_related, parse_upload
from layouts.formatting import Formatter
from layouts.i18n import DIRECTORY, localise

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
FR = Formatter("fr")


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


#: Files written for messages the corpus does not produce.
EXTRA: dict[str, bytes] = {
    "rows.csv": _csv(
        "Opportunity ID,Phase,Amount,Opened On,Target Close,Probability,Status",
        "D1,Prospect,100,03/04/2026,2026-03-01,10%,open",
        "D1,Won,200,05/04/2026,2026-04-01,20%,won",
        "D2,,99999999999999999999,1985-06-01,2026-05-01,150%,maybe",
        "D3,Negotiation,-5,07/04/2026,2026-13-45,x%,open",
        "D4,Lost,abc,2026-02-30,2026-06-01,0,lost",
        "D5,Kickoff,1,2026-02-03,2150-06-01,0,",
    ),
    "twice.csv": _csv("Stage,Close Date,Close Date", "Prospect,2026-01-02,2026-01-03",
                      "Won,2026-02-02,2026-02-03"),
    "all_rejected.csv": _csv("Stage,Amount", "Won,abc", "Lost,-3"),
    "lost_reason.csv": _csv("Stage,Amount,Lost Reason", "Prospect,10,Too expensive",
                            "Won,20,"),
    "stage_names_in_status.csv": _csv("Status,Amount", "Prospect,10", "Qualifié,20",
                                      "Négociation,30", "Gagné,40", "Perdu,5"),
    "repeated_header.csv": _csv("Stage,Amount", "Won,10", "Stage,Amount", "Lost,20",
                                "Prospect,30"),
    "gzip_broken.csv.gz": b"\x1f\x8b\x08\x00broken",
    "zip_broken.xlsx": b"PK\x03\x04not a workbook",
}


def _inputs() -> list[tuple[str, bytes]]:
    files = [(p.name, p.read_bytes()) for p in sorted(CORPUS.iterdir())
             if p.is_file() and p.suffix not in (".py", ".pyc")]
    return files + sorted(EXTRA.items())


def _issues(name: str, content: bytes) -> list[str]:
    """Every message the engine writes for a file: refusal, rejections, warnings."""
    try:
        parsed = parse_upload(content, name)
    except ImportRefused as refused:
        return [refused.message, *(i.message for i in refused.issues)]
    return [i.message for i in (*parsed.rejections, *parsed.warnings)]


@lru_cache(maxsize=1)
def _all_messages() -> tuple[str, ...]:
    found: list[str] = []
    for name, content in _inputs():
        found += _issues(name, content)
    # a refusal of one of several related files names the file
    try:
        parse_related([(b"Stage\nWon\n", "deals.csv"), (b"", "people.csv")])
    except ImportRefused as refused:
        found.append(refused.message)
    return tuple(found)


@lru_cache(maxsize=1)
def _english_only_words() -> frozenset[str]:
    """Words of the catalogue's English ids that no French translation uses."""
    with open(DIRECTORY / "fr" / "LC_MESSAGES" / "messages.po", "rb") as f:
        catalog = read_po(f, locale="fr")
    words = re.compile(r"[A-Za-zÀ-ÿ’']{4,}")
    english: set[str] = set()
    french: set[str] = set()
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            english |= {w.lower() for w in words.findall(re.sub(r"\{\w+\}", " ", text))}
        for text in strings:
            french |= {w.lower() for w in words.findall(re.sub(r"\{\w+\}", " ", text or ""))}
    return frozenset(english - french)


def _french_wording(text: Any) -> list[str]:
    """The French of a message and of every message nested in it, without the values from the
    file (those stay as the file writes them, in any language)."""
    template = getattr(text, "template", None)
    assert template is not None, f"not a catalogue Text: {text!r}"
    out = [FR._(template)]
    for value in text.values.values():
        if getattr(value, "template", None) is not None:
            out += _french_wording(value)
    return out


def test_the_files_produce_many_kinds_of_message() -> None:
    templates = {getattr(m, "template", m) for m in _all_messages()}
    assert len(templates) >= 35  # refusals, rejections and warnings of many kinds
    for expected in ("The file is empty: there is nothing to import.",
                     '{header} "{value}" is not a number: expected e.g. 1234.56 or 1 234,56 €.',
                     '{header} "{value}" is not a valid date: expected e.g. 2026-01-31, '
                     "31/01/2026 or 31.01.2026.",
                     "This is {what}, not a CSV or Excel file of deals.",
                     "{file}: {reason}"):
        assert expected in templates


def test_every_ingest_message_is_a_catalogue_text_translated_to_french() -> None:
    english_only = _english_only_words()
    assert {"rejected", "column", "file", "number"} <= english_only  # the scan can fail
    bad: list[tuple[str, list[str]]] = []
    for message in _all_messages():
        for wording in _french_wording(message):
            left = [w for w in re.findall(r"[A-Za-zÀ-ÿ’']{4,}", re.sub(r"\{\w+\}", " ", wording))
                    if w.lower() in english_only]
            if left or wording == getattr(message, "template", None):
                bad.append((wording, left))
    assert bad == []


def test_a_refusal_and_a_reason_read_in_french_with_the_file_names_kept() -> None:
    refusal = _issues("empty.csv", b"   \n")[0]
    assert localise(FR, refusal) == "Le fichier est vide : il n’y a rien à importer."
    assert localise(Formatter("en"), refusal) == str(refusal)  # English: the message itself
    reasons = _issues("rows.csv", EXTRA["rows.csv"])
    amount = next(r for r in reasons if str(r).startswith('Amount "abc"'))
    assert localise(FR, amount) == ("Amount « abc » n’est pas un nombre : attendu par ex. "
                                    "1234.56 ou 1 234,56 €.")
    # nested: the first reason of a file whose rows are all rejected is French too
    (everything,) = [m for m in _issues("all.csv", EXTRA["all_rejected.csv"])
                     if str(m).startswith("No usable row")]
    shown = localise(FR, everything)
    assert shown.startswith("Aucune ligne utilisable") and "n’est pas un nombre" in shown


def _nests_a_fixed_phrase(text: Any) -> bool:
    nested = [v for v in text.values.values() if getattr(v, "template", None) is not None]
    return any(not v.values or _nests_a_fixed_phrase(v) for v in nested)


def test_a_message_through_json_is_still_found_in_the_catalogue() -> None:
    """A summary that went through JSON (the import log) loses the ``Text``: the message id is
    found again from the English, and its values are words that need no translation or
    nested messages with values of their own. A nested fixed phrase ("day/month (DMY)") stays
    English there: a plain value is never looked up, so a header named "Amount" stays as the
    file names it."""
    for message in _all_messages():
        if getattr(message, "template", "").startswith("{file}: "):
            continue  # only raised in-process (a related file's refusal), never stored
        plain = json.loads(json.dumps(message))
        assert type(plain) is str
        if not _nests_a_fixed_phrase(message):
            assert localise(FR, plain) == localise(FR, message), message
        else:
            assert localise(FR, plain) != plain, message


def test_the_rejected_rows_csv_speaks_the_readers_language() -> None:
    parsed = parse_upload(EXTRA["rows.csv"], "rows.csv")
    english = rejected_csv(parsed).decode("utf-8-sig")
    french = rejected_csv(parsed, lambda text: localise(FR, text)).decode("utf-8-sig")
    header_en = next(csv.reader(io.StringIO(english)))
    header_fr = next(csv.reader(io.StringIO(french)))
    assert header_en[0] == "row" and header_en[-1] == "reason"
    assert header_fr[0] == "ligne" and header_fr[-1] == "motif"
    assert header_fr[1:-1] == header_en[1:-1] == parsed.headers  # the file's own headers
    assert "is not a number" in english and "is not a number" not in french
    assert "n’est pas un nombre" in french and 'Amount « abc »' in french
    assert parsed.rejected_csv(lambda text: localise(FR, text)).decode(
        "utf-8-sig").splitlines()[0].startswith("ligne,")


@pytest.mark.parametrize("issue", [Issue("plain"), Issue("x", row=3, column="Amount")])
def test_issues_stay_plain_english_for_the_cli(issue: Issue) -> None:
    assert json.loads(json.dumps(issue.as_dict()))["message"] == str(issue.message)


def test_the_mappers_reasons_read_in_french_in_the_confidence_badge() -> None:
    from layouts.import_preview import _REASONS, _reason

    decided = {c.get("reason") for c in parse_upload(EXTRA["rows.csv"], "rows.csv").columns}
    assert decided & set(_REASONS)  # the engine does write these reasons
    assert _reason("header+values", FR) == "son en-tête et ses valeurs"
    assert _reason("look-alike: a count, not an amount", FR) == (
        "look-alike: a count, not an amount")  # the engine's own explanation, as written
    assert _reason(None, FR) == "—"
