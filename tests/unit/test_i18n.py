"""Issue 13, point 3: one catalogue, committed compiled, chosen with the formats."""

from __future__ import annotations

import io

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from layouts.formatting import Formatter
from layouts.i18n import DIRECTORY, negotiate

PO = DIRECTORY / "fr" / "LC_MESSAGES" / "messages.po"
MO = DIRECTORY / "fr" / "LC_MESSAGES" / "messages.mo"


def test_the_committed_mo_is_the_compiled_po() -> None:
    """A fresh clone needs no build step: the .mo is committed, and must say what the .po says."""
    with open(PO, "rb") as f:
        catalog = read_po(f, locale="fr")
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    with open(MO, "rb") as f:
        committed = read_mo(f)
    compiled = read_mo(io.BytesIO(buffer.getvalue()))
    def entries(catalog):  # type: ignore[no-untyped-def]
        return {str(m.id): str(m.string) for m in catalog if m.id}

    assert entries(committed) == entries(compiled)
    assert len(entries(committed)) > 150


def test_every_message_of_the_template_is_translated() -> None:
    with open(DIRECTORY / "messages.pot", "rb") as f:
        template = read_po(f)
    with open(PO, "rb") as f:
        french = read_po(f, locale="fr")
    keys = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    assert any(context for _id, context in keys)  # npgettext("status", ...) is looked at too
    untranslated = sorted(
        (i, c) for i, c in keys
        if not french.get(i, context=c) or not french.get(i, context=c).string
        or (isinstance(french.get(i, context=c).string, tuple)
            and not all(french.get(i, context=c).string)))
    assert untranslated == []


def test_language_and_formats_change_together() -> None:
    fr, en = Formatter("fr"), Formatter("en")
    assert fr._("Home") == "Accueil" and en._("Home") == "Home"
    assert fr.ngettext("{n} deal", "{n} deals", 2000).replace("\u202f", " ") == "2 000 affaires"
    assert en.ngettext("{n} deal", "{n} deals", 2000) == "2,000 deals"
    assert en.ngettext("{n} deal", "{n} deals", 1) == "1 deal"
    assert fr._("as of {date}", date=fr.date("2026-11-22")) == "au 22/11/2026"
    # user data is never translated: an unknown text comes back as it is
    assert fr._("Négociation") == "Négociation"


def test_the_browser_language_is_the_default() -> None:
    assert negotiate("en-GB,en;q=0.9,fr;q=0.8", "fr") == "en"
    assert negotiate("fr-CH, fr;q=0.9, en;q=0.8", "en") == "fr"
    assert negotiate("de-DE,de;q=0.9,en;q=0.5", "fr") == "en"  # the first language spoken
    assert negotiate("de-DE", "fr") == "fr"  # none spoken: APP_LOCALE
    assert negotiate(None, "en") == "en" and negotiate("q=;;,", "fr") == "fr"


def test_the_template_holds_every_message_of_the_source() -> None:
    """A text added to a layout without refreshing the catalogue would show in English on a
    French page: extract the messages as ``pybabel extract`` does and compare."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    root = DIRECTORY.parent
    method_map = [("layouts/**.py", "python"), ("callbacks/**.py", "python"),
                  ("pages/**.py", "python"), ("data/**.py", "python")]
    keywords = {**DEFAULT_KEYWORDS, "N_": None}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(root), method_map=method_map, keywords=keywords):
        found.add(message if isinstance(message, str) else message[0])
    with open(DIRECTORY / "messages.pot", "rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    assert sorted(found - template) == []


def test_texts_of_the_data_layer_show_in_the_page_language() -> None:
    """``data`` writes English (API, logs, tests read it) and keeps the message id; a page
    shows it in its language, also after a memo's JSON made it a plain string."""
    import json

    from data.filters import FilterState
    from layouts.i18n import localise

    fr, en = Formatter("fr"), Formatter("en")
    (notice,) = FilterState.from_query("status=maybe").notices
    assert notice == "Ignored status “maybe” (open, won or lost)."  # the English text
    assert localise(fr, notice) == "Statut « maybe » ignoré (open, won ou lost)."
    assert localise(en, notice) == notice
    plain = json.loads(json.dumps(notice))  # through a memo: the id is found again
    assert type(plain) is str and localise(fr, plain) == localise(fr, notice)
    action = "follow up: 12 days without activity"  # data.metrics.health, column-wise
    assert localise(fr, action) == "relancer : 12 jours sans activité"
    # the user's own words are never translated
    assert localise(fr, "Négociation") == "Négociation" and localise(fr, "Won deal") == "Won deal"


def test_pages_of_the_data_layer_texts_are_in_the_template() -> None:
    """Texts marked in ``data/`` (N_) reach the template: the catalogue extraction reads it."""
    with open(DIRECTORY / "messages.pot", "rb") as f:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(f) if m.id}
    for marked in ("Ignored unknown filter “{key}”.", "Close date pushed",
                   "follow up: {n} days without activity", "Give the pipeline a name."):
        assert marked in template


def test_a_status_is_singular_for_one_deal_and_plural_for_several() -> None:
    """"Ouverte" for one stage or deal, "Ouvertes" for a filter over many (plural forms)."""
    from layouts.i18n import status_label

    fr, en = Formatter("fr"), Formatter("en")
    assert [status_label(fr, s) for s in ("open", "won", "lost")] == [
        "Ouverte", "Gagnée", "Perdue"]
    assert [status_label(fr, s, 3) for s in ("open", "won", "lost")] == [
        "Ouvertes", "Gagnées", "Perdues"]
    assert status_label(en, "won") == status_label(en, "won", 2) == "Won"
    assert status_label(fr, "maybe") == "maybe"


def test_the_written_out_filters_word_statuses_in_the_page_language() -> None:
    from data.exports import describe_filters
    from data.filters import FilterState
    from layouts.i18n import status_label

    fr = Formatter("fr")
    state = FilterState.from_query("status=won&status=lost&stage=Won")
    written = dict(describe_filters(state, lambda word: status_label(fr, word)))
    assert sorted(written["Status"].split(", ")) == ["Gagnée", "Perdue"]
    assert written["Stage"] == "Won"  # the file's own stage name stays as it is
    assert sorted(dict(describe_filters(state))["Status"].split(", ")) == ["lost", "won"]


def test_the_editor_conflict_reads_in_french() -> None:
    """The message of ``data.entry``'s conflict, as the editor shows it (callbacks/edit.py)."""
    from datetime import datetime
    from types import SimpleNamespace

    from data import entry
    from layouts.i18n import localise

    class _Conn:
        def execute(self, _query):  # type: ignore[no-untyped-def]
            at = datetime(2026, 11, 22, 9, 5)
            return SimpleNamespace(first=lambda: SimpleNamespace(author="Lea", at=at))

    conflict = entry._conflict(_Conn(), 1, "D7")  # type: ignore[arg-type]
    english = str(conflict)
    assert english.startswith("Deal D7 was changed by Lea on 2026-11-22 at 09:05")
    shown = localise(Formatter("fr"), conflict.args[0])
    assert shown.startswith("L’affaire D7 a été modifiée par Lea le 2026-11-22 à 09:05")
    assert "n’ont pas été enregistrées" in shown
    assert localise(Formatter("fr"), english) == shown  # also once it is a plain string


def test_a_refused_setting_says_why_in_french() -> None:
    """The write path's refusal (data.history) inside the Settings page's message."""
    import pytest

    from data.history import save_settings
    from layouts.i18n import localise

    with pytest.raises(ValueError) as refused:
        save_settings(None, {"cold_days": 0.5})  # type: ignore[arg-type]  # refused unwritten
    assert str(refused.value) == ("Cold deal: days without activity (METRICS.md): 0.5 is "
                                  "outside 1–3650")
    shown = localise(Formatter("fr"), refused.value.args[0])
    assert shown == "Affaire froide : jours sans activité (METRICS.md) : 0.5 est hors de 1–3650"


def test_the_export_buttons_tooltips_speak_the_page_language() -> None:
    from layouts.components import card_header, export_buttons

    titles = [b.title for b in export_buttons("deals-table", fmt=Formatter("fr")).children]
    assert titles == ["Télécharger ce tableau en CSV (filtres actuels)",
                      "Télécharger ce tableau en Excel (filtres actuels)"]
    header = card_header("Affaires", "deals-table", Formatter("fr"))
    shown = header.children.children[1].children[0].title
    assert shown.startswith("Télécharger ce tableau")
    assert export_buttons("deals-table").children[0].title == (
        "Download this table as CSV (current filters)")  # no language given: the ids
